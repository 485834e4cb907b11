/* Applied before the page paints, so 适老化 mode never flashes off between pages. */
try {
  if (localStorage.getItem("gk-elder") === "1") document.documentElement.classList.add("gk-elder");
} catch (e) { /* storage disabled: the default view is used */ }
