/* gongkai site scripts: search over the recall index, exact 发文字号/索引号 lookup, 适老化 mode.
 *
 * Search promises what the public expects: every page that contains the words typed is found, the
 * pages that contain them exactly come first, and a query found nowhere says so. The recall index
 * gives the candidates (every page holding the query's characters), and this script confirms each
 * against its text before showing it as a match. Pagefind is read only for related results, on
 * request, when no page contains the query.
 *
 * Listeners are attached to `document`, so they hold for content the page adds later. Nothing is
 * fetched from any other host.
 */
(function () {
  "use strict";

  var ROOT = (function () {
    var meta = document.querySelector('meta[name="gongkai-root"]');
    return new URL(meta ? meta.content : "./", location.href).href;
  })();
  // Ten results a page, as government search pages show them: more than a phone's screen, and the
  // texts that confirm them are one short round of requests (twenty took ~50 ms longer to show).
  var BATCH = 10;          // candidates confirmed per round
  var PAGE_MATCHES = 10;   // matches shown before "显示更多"
  var HEADER_MATCHES = 6;  // matches in the header drop-down
  var HEADER_CANDIDATES = 60;

  var pagefindPromise = null;
  function pagefind() {
    if (!pagefindPromise) {
      // A large site's Pagefind index is in several bundles (search/meta.json lists them): the
      // first is loaded, the others merged into it.
      var baseUrl = new URL(ROOT).pathname;
      pagefindPromise = Promise.all([import(ROOT + "pagefind/pagefind.js"),
                                     load("search/meta.json", "json").catch(function () { return {}; })]).then(function (got) {
        var pf = got[0], bundles = (got[1] && got[1].pagefind) || ["pagefind/"];
        return Promise.resolve(pf.options({ baseUrl: baseUrl }))
          .then(function () {
            return Promise.all(bundles.slice(1).map(function (b) { return pf.mergeIndex(ROOT + b, { baseUrl: baseUrl }); }));
          })
          .then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function samePath(a, b) {
    return new URL(a, ROOT).pathname === new URL(b, ROOT).pathname;
  }

  /* ---------------------------------------------------------------- the recall index
   * Every character and every two characters of a page's folded text point to the pages containing
   * them (generator/search.py, write_recall_index). The pages holding all of a query's pairs (or its
   * one character) include every page that contains the query; each is confirmed against its text
   * before it is shown. Browsing by filters alone reads the filters' page lists.
   * Everything is sharded, so a query fetches a few small files whatever the size of the site.
   * How text is folded and which shard holds what are not written here: the build puts them in
   * search/meta.json, and this script refuses an index of a format it does not know. */

  var FORMAT = 4;
  var cache = {};
  function load(path, kind) {
    if (!cache[path]) {
      cache[path] = fetch(ROOT + path).then(function (r) {
        if (!r.ok) {
          if (kind === "page") return null;
          throw new Error(path + ": " + r.status);
        }
        if (kind === "json") return r.json();
        var body = new Response(r.body.pipeThrough(new DecompressionStream("gzip")));
        return kind === "page" ? body.text().then(pageOf) : body.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  /* Code points, not UTF-16 units: 𠮷 is one character, as in Python. */
  function chars(text) { return Array.from(text); }
  function folder(fold) {
    var removed = {};
    chars(fold.remove).forEach(function (c) { removed[c] = true; });
    return function (text) {
      var t = chars(String(text || "").normalize(fold.normalize)).filter(function (c) { return !removed[c]; }).join("");
      return fold.lower ? t.toLowerCase() : t;
    };
  }
  /* The index's parameters: the search page carries them (so its first query fetches the index at
   * once); elsewhere they come from search/meta.json, which also lists the Pagefind bundles. */
  var parameters = null;
  function ownParameters() {
    var own = document.getElementById("gk-search-parameters");
    return own ? JSON.parse(own.textContent) : null;
  }
  function meta() {
    if (!parameters) {
      parameters = Promise.resolve().then(ownParameters).then(function (own) {
        return own || load("search/meta.json", "json");
      }).then(function (m) {
        if (m.version !== FORMAT || m.pairs.function !== "gram-cp31" || m.exact.function !== "key-cp31") {
          throw new Error("search index format " + m.version);
        }
        m.fold$ = folder(m.fold);
        return m;
      });
      parameters.catch(function () { parameters = null; });
    }
    return parameters;
  }
  function pairsOf(key) {
    var cs = chars(key), seen = {}, out = [];
    for (var i = 0; i + 1 < cs.length; i++) {
      var p = cs[i] + cs[i + 1];
      if (!seen[p]) { seen[p] = true; out.push(p); }
    }
    return out;
  }
  /* generator/search.py query_grams: what a query looks up, its pairs or its one character */
  function gramsOf(key) {
    var cs = chars(key);
    return cs.length === 1 ? cs : pairsOf(key);
  }
  /* generator/search.py shard_of */
  function shardOf(gram, shards) {
    var cs = chars(gram);
    return (cs[0].codePointAt(0) * 31 + (cs.length > 1 ? cs[1].codePointAt(0) : 0)) % shards;
  }
  /* generator/search.py exact_shard_of */
  function exactShardOf(key, shards) {
    var h = 0;
    chars(key).forEach(function (c) { h = (h * 31 + c.codePointAt(0)) >>> 0; });
    return h % shards;
  }
  function decode(list) {
    var out = [], n = 0;
    for (var i = 0; i < list.length; i++) { n += list[i]; out.push(n); }
    return out;
  }
  /* Sorted page numbers in every list. */
  function intersect(lists) {
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    var result = lists[0] || [];
    for (var i = 1; i < lists.length && result.length; i++) {
      var other = {};
      lists[i].forEach(function (n) { other[n] = true; });
      result = result.filter(function (n) { return other[n]; });
    }
    return result.slice().sort(function (a, b) { return a - b; });
  }
  /* A page's text file: the first line is what its result shows (generator/search.py page_entry),
   * the rest its text. */
  function pageOf(file) {
    var end = file.indexOf("\n");
    return { entry: JSON.parse(file.slice(0, end)), text: file.slice(end + 1) };
  }
  function exactEntry(m, key) {
    if (!key) return Promise.resolve(null);
    return load("search/exact/" + exactShardOf(key, m.exact.shards) + ".json.gz", "gz")
      .then(function (t) { return Object.prototype.hasOwnProperty.call(t, key) ? t[key] : null; });
  }
  /* Pages having every chosen filter value (null: no filter chosen). */
  function filteredPages(m, filters) {
    var names = Object.keys(m.filters), chosen = Object.keys(filters);
    if (!chosen.length) return Promise.resolve(null);
    return Promise.all(chosen.map(function (name) {
      var i = names.indexOf(name), j = i < 0 ? -1 : m.filters[name].indexOf(filters[name]);
      return j < 0 ? [] : load("search/facets/" + i + "-" + j + ".json.gz", "gz").then(decode);
    })).then(intersect);
  }
  function pageItem(n, page) {
    var entry = page.entry;
    return { n: n, url: ROOT + entry[0], title: entry[1], type: entry[2], date: entry[3], label: entry[4], content: page.text };
  }
  function mergeSorted(a, b) {
    return a.concat(b).sort(function (x, y) { return x - y; });
  }

  /* One search: the exact lookup hit, then the pages that contain the query (confirmed against their
   * text, in order, batch by batch), and related pages from Pagefind only when none does.
   * By default pages with the query in their title come first: the title pairs give those
   * candidates, and one whose title turns out not to contain it joins the others in date order.
   * Browsing by filters alone lists the pages having them, newest first (or oldest first). */
  function Search(query, filters, sort) {
    this.query = query;
    this.filters = filters || {};
    this.sort = sort || "";
    this.hit = null;
    this.candidates = [];
    this.rest = null;      // the second group (title does not contain the query), once the first is read
    this.deferred = {};    // page number → item read in the first group that belongs to the second
    this.cursor = 0;
    this.matches = [];
    this.related = [];
  }
  Search.prototype.start = function () {
    var self = this;
    return meta().then(function (m) {
      self.m = m;
      self.fold = m.fold$;
      self.key = self.fold(self.query);
      // the exact table, the grams shards and the filters are fetched at once: one round trip
      var grams = gramsOf(self.key);
      var lists = Promise.all([
        Promise.all(grams.map(function (g) { return load("search/grams/" + shardOf(g, m.pairs.shards) + ".json.gz", "gz"); })),
        filteredPages(m, self.filters),
      ]);
      lists.catch(function () { /* reported through the chain below */ });
      return exactEntry(m, self.key).then(function (entry) {
        if (entry && self.filtersAllow(entry)) {
          self.hit = { url: ROOT + entry.url, title: entry.title, type: entry.type, date: entry.date,
                       label: entry.label, exact: true };
        }
        return lists.then(function (loaded) {
          var shards = loaded[0];
          var postings = grams.map(function (g, i) { return decode(shards[i].b[g] || []); });
          if (loaded[1]) postings.push(loaded[1]);
          var body = intersect(postings);
          if (self.sort === "asc") body.reverse();
          if (self.sort || !grams.length) { self.candidates = body; return self; }
          var head = intersect(grams.map(function (g, i) { return decode(shards[i].t[g] || []); }).concat([body]));
          var inHead = {};
          head.forEach(function (n) { inHead[n] = true; });
          self.candidates = head;
          self.rest = body.filter(function (n) { return !inHead[n]; });
          return self;
        });
      });
    });
  };
  Search.prototype.filtersAllow = function (entry) {
    var f = this.filters;
    return !Object.keys(f).length || (Object.keys(f).length === 1 && f["类型"] === entry.type);
  };
  Search.prototype.advance = function () {
    if (this.cursor >= this.candidates.length && this.rest) {
      this.candidates = this.candidates.concat(mergeSorted(this.rest, Object.keys(this.deferred).map(Number)));
      this.rest = null;
    }
  };
  Search.prototype.done = function () { this.advance(); return this.cursor >= this.candidates.length; };
  /* Confirm candidates until `want` matches are known, `cap` candidates were read, or none are left. */
  Search.prototype.confirm = function (want, cap) {
    var self = this;
    if (self.done() || self.matches.length >= want || (cap && self.cursor >= cap)) return Promise.resolve(self);
    var firstGroup = !!self.rest;
    var batch = self.candidates.slice(self.cursor, self.cursor + BATCH);
    self.cursor += batch.length;
    var pending = Promise.all(batch.map(function (n) { return self.item(n); }));
    if (firstGroup && self.cursor >= self.candidates.length) self.prefetchRest(batch.length, want, cap);
    return pending.then(function (items) {
      items.forEach(function (item) {
        if (!item || (self.hit && samePath(item.url, self.hit.url))) return;  // a page missing from the index
        var inTitle = self.fold(item.title).indexOf(self.key) >= 0;
        var contains = !self.key || inTitle || self.fold(item.content).indexOf(self.key) >= 0;
        if (firstGroup && !inTitle) { if (contains) self.deferred[item.n] = item; }
        else if (contains) self.matches.push(item);
      });
      return self.confirm(want, cap);
    });
  };
  Search.prototype.item = function (n) {
    if (this.deferred[n]) return this.deferred[n];
    return load("search/text/" + n + ".txt.gz", "page").then(function (page) { return page && pageItem(n, page); });
  };
  /* The last batch of the first group (titles containing the query) cannot give `want` matches:
   * the second group's first pages are read in the same round trip, not one round trip later.
   * Only reads are started (load() keeps them); confirm() still decides, in order. */
  Search.prototype.prefetchRest = function (batchLength, want, cap) {
    if (this.matches.length + batchLength >= want) return;
    var room = BATCH - Object.keys(this.deferred).length - batchLength;
    if (cap) room = Math.min(room, cap - this.cursor);
    var self = this;
    this.rest.slice(0, Math.max(0, room)).forEach(function (n) {
      self.item(n).catch(function () { /* confirm() reads it again and reports */ });
    });
  };
  /* Pagefind's own results, for a query no page contains: shown under their own heading. */
  Search.prototype.loadRelated = function (count) {
    var self = this;
    if (!self.key || self.related.length) return Promise.resolve(self);
    return pagefind().then(function (pf) { return pf.search(self.query); }).then(function (result) {
      var top = ((result && result.results) || []).slice(0, count);
      return Promise.all(top.map(function (r) { return r.data(); }));
    }).then(function (pages) {
      self.related = pages.map(toItem).filter(function (i) { return !(self.hit && samePath(i.url, self.hit.url)); });
      return self;
    }).catch(function () { return self; });
  };

  /* For tests: the folding and shard functions as the browser computes them, and Pagefind with
   * every bundle merged, as related results use it. */
  window.gongkaiSearch = {
    pagefind: pagefind,
    fold: function (text) { return meta().then(function (m) { return m.fold$(text); }); },
    pairsOf: pairsOf, gramsOf: gramsOf, shardOf: shardOf, exactShardOf: exactShardOf,
  };

  function toItem(page) {
    var meta = page.meta || {};
    return { url: page.url, title: meta.title || page.url, type: meta["类型"] || "", date: meta["日期"] || "",
             label: meta["发文字号"] || meta["编号"] || "", content: page.content || "" };
  }

  /* ---------------------------------------------------------------- rendering (DOM, no innerHTML) */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function snippet(content, query) {
    var at = query ? content.indexOf(query) : -1;
    if (at < 0) return el("span", {}, [content.slice(0, 90) + (content.length > 90 ? "……" : "")]);
    var start = Math.max(0, at - 40), end = Math.min(content.length, at + query.length + 50);
    return el("span", {}, [(start > 0 ? "……" : "") + content.slice(start, at), el("mark", {}, [query]),
                           content.slice(at + query.length, end) + (end < content.length ? "……" : "")]);
  }

  function resultItem(item, query, withSnippet) {
    var metaParts = [item.type, item.label, item.date].filter(Boolean).join(" · ");
    return el("li", { "class": "gk-result" + (item.exact ? " gk-result--exact" : "") }, [
      el("a", { href: item.url, "class": "gk-result__title" }, [item.title]),
      item.exact ? el("span", { "class": "gk-tag" }, ["文号匹配"]) : null,
      el("p", { "class": "gk-result__meta" }, [metaParts]),
      withSnippet && item.content ? el("p", { "class": "gk-result__excerpt" }, [snippet(item.content, query)]) : null,
    ]);
  }

  function clear(node) { while (node && node.firstChild) node.removeChild(node.firstChild); }

  /* ---------------------------------------------------------------- the header drop-down */

  var headerSeq = 0, headerTimer = null;

  function headerSearch(input) {
    var panel = document.getElementById("gk-header-results");
    var query = input.value.trim();
    var seq = ++headerSeq;
    clearTimeout(headerTimer);
    if (!query) { closeHeader(); return; }
    headerTimer = setTimeout(function () {
      var s = new Search(query);
      s.start().then(function () { return s.confirm(HEADER_MATCHES, HEADER_CANDIDATES); }).then(function () {
        if (seq !== headerSeq) return;
        clear(panel);
        var items = (s.hit ? [s.hit] : []).concat(s.matches).slice(0, HEADER_MATCHES);
        if (items.length) {
          panel.appendChild(el("ul", { "class": "gk-header-list" }, items.map(function (i) { return resultItem(i, query, false); })));
        } else {
          panel.appendChild(el("p", {}, [s.done() ? "没有找到包含“" + query + "”的信息。" : "前 " + s.cursor + " 条候选中没有完全包含“" + query + "”的信息。"]));
        }
        var all = new URL(ROOT + "search/");
        all.searchParams.set("q", query);
        panel.appendChild(el("p", { "class": "gk-header-all" }, [el("a", { href: all.href }, ["查看全部搜索结果"])]));
        panel.hidden = false;
      }).catch(function () {
        if (seq !== headerSeq) return;
        clear(panel);
        panel.appendChild(el("p", {}, ["搜索暂时不可用，请稍后再试。"]));
        panel.hidden = false;
      });
    }, 180);
  }

  function closeHeader() {
    headerSeq++;
    var panel = document.getElementById("gk-header-results");
    var input = document.getElementById("gk-q");
    if (panel) { panel.hidden = true; clear(panel); }
  }

  function headerLinks() {
    var panel = document.getElementById("gk-header-results");
    return panel ? Array.prototype.slice.call(panel.querySelectorAll("a")) : [];
  }

  document.addEventListener("input", function (e) {
    if (e.target && e.target.id === "gk-q") headerSearch(e.target);
  });
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.id === "gk-q") meta().catch(function () {});
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var inHeader = t && t.closest && t.closest("#gk-header-search");
    if (e.key === "/" && !inHeader && !(t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      var q = document.getElementById("gk-q");
      if (q) { e.preventDefault(); q.focus(); }
      return;
    }
    if (!inHeader) return;
    var links = headerLinks();
    var index = links.indexOf(document.activeElement);
    if (e.key === "Escape") {
      closeHeader();
      document.getElementById("gk-q").focus();
    } else if (e.key === "ArrowDown" && links.length) {
      e.preventDefault();
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && links.length) {
      e.preventDefault();
      if (index <= 0) document.getElementById("gk-q").focus(); else links[index - 1].focus();
    }
  });
  document.addEventListener("click", function (e) {
    if (!(e.target && e.target.closest && e.target.closest("#gk-header-search"))) closeHeader();
    else if (e.target.closest("#gk-header-results a")) setTimeout(closeHeader, 0);
  });

  /* ---------------------------------------------------------------- the search page */

  var pageSearch = null, pageSeq = 0;

  function readForm(form) {
    var filters = {};
    form.querySelectorAll("select[data-gk-filter]").forEach(function (s) {
      if (s.value) filters[s.getAttribute("data-gk-filter")] = s.value;
    });
    return { query: form.querySelector("#gk-search-page-q").value.trim(), filters: filters,
             sort: form.querySelector("#gk-sort").value };
  }

  function writeUrl(state) {
    var url = new URL(location.href);
    url.search = "";
    if (state.query) url.searchParams.set("q", state.query);
    Object.keys(state.filters).forEach(function (k) { url.searchParams.set(k, state.filters[k]); });
    if (state.sort) url.searchParams.set("sort", state.sort);
    history.replaceState(history.state, "", url.href);
  }

  /* A search of the page: its first results, confirmed, are `ready`. */
  function begin(state) {
    var s = new Search(state.query, state.filters, state.sort);
    s.ready = s.start().then(function () { return s.confirm(PAGE_MATCHES); });
    s.ready.catch(function () { /* reported when shown */ });
    return s;
  }
  function sameSearch(s, state) {
    var a = Object.keys(s.filters), b = Object.keys(state.filters);
    return s.query === state.query && s.sort === state.sort && a.length === b.length &&
      a.every(function (k) { return s.filters[k] === state.filters[k]; });
  }
  /* The search page's query, as the address gives it. This script is loaded from <head>, so the
   * search starts here, before the page is laid out, and the index arrives while the browser builds
   * the page; the form, once parsed, shows it (or starts another search if it reads differently). */
  var early = (function () {
    try {
      var m = ownParameters();
      if (!m || !location.search) return null;
      var params = new URLSearchParams(location.search), filters = {};
      Object.keys(m.filters).forEach(function (name) { if (params.get(name)) filters[name] = params.get(name); });
      var state = { query: (params.get("q") || "").trim(), filters: filters, sort: params.get("sort") || "" };
      if (!state.query && !Object.keys(filters).length) return null;
      var s = begin(state);
      // Shown as soon as both the results and the page's result list are there (the list is the
      // last part of the search form's page, so the form is complete), not at DOMContentLoaded,
      // which waits for the theme's script.
      s.ready.then(function () { if (document.getElementById("gk-search-related")) initSearchPage(); }, function () {});
      return s;
    } catch (e) {
      return null;
    }
  })();

  function runPageSearch(form) {
    var state = readForm(form);
    writeUrl(state);
    var status = document.getElementById("gk-search-status");
    var matches = document.getElementById("gk-search-matches");
    var related = document.getElementById("gk-search-related");
    var relatedHeading = document.getElementById("gk-related-heading");
    var more = document.getElementById("gk-search-more");
    clear(matches); clear(related); relatedHeading.hidden = true; more.hidden = true;
    document.getElementById("gk-related-more").hidden = true;
    if (!state.query && !Object.keys(state.filters).length) { status.textContent = "请输入关键词，或选择筛选条件。"; return; }
    status.textContent = "正在搜索……";
    var seq = ++pageSeq;
    var s = early && sameSearch(early, state) ? early : begin(state);
    early = null;
    pageSearch = s;
    s.ready.then(function () {
      if (seq === pageSeq) showPage(s, 0);
    }).catch(function () {
      if (seq === pageSeq) status.textContent = "搜索暂时不可用，请稍后再试。";
    });
  }

  function showPage(s, shown) {
    var status = document.getElementById("gk-search-status");
    var matches = document.getElementById("gk-search-matches");
    var related = document.getElementById("gk-search-related");
    var relatedHeading = document.getElementById("gk-related-heading");
    var more = document.getElementById("gk-search-more");
    if (!shown && s.hit) matches.appendChild(resultItem(s.hit, s.query, false));
    s.matches.slice(shown).forEach(function (item) { matches.appendChild(resultItem(item, s.query, true)); });
    s.shown = s.matches.length;
    var found = s.matches.length + (s.hit ? 1 : 0);
    more.hidden = s.done();
    if (found) {
      status.textContent = s.done()
        ? "找到 " + found + " 条包含“" + s.query + "”的信息。"
        : "已找到 " + found + " 条包含“" + s.query + "”的信息，可继续显示更多。";
      if (!s.query) status.textContent = s.done() ? "共 " + found + " 条。" : "已显示 " + found + " 条，可继续显示更多。";
    } else if (s.done()) {
      status.textContent = "没有找到包含“" + s.query + "”的信息。";
      // Pagefind's related results load its index (every bundle of a large site): only on request
      document.getElementById("gk-related-more").hidden = !s.query;
    }
  }

  function showRelated(s) {
    var status = document.getElementById("gk-search-status");
    var related = document.getElementById("gk-search-related");
    var relatedHeading = document.getElementById("gk-related-heading");
    clear(related);
    if (s.related.length) {
      status.textContent = "没有找到包含“" + s.query + "”的信息，以下是相关结果。";
      relatedHeading.hidden = false;
      s.related.slice(0, 10).forEach(function (item) { related.appendChild(resultItem(item, s.query, true)); });
      relatedHeading.setAttribute("tabindex", "-1");
      relatedHeading.focus();  // the button that had the focus is gone
    } else {
      status.textContent = "没有找到包含“" + s.query + "”的信息，也没有相关结果。";
    }
  }

  document.addEventListener("submit", function (e) {
    if (e.target && e.target.id === "gk-search-page-form") { e.preventDefault(); runPageSearch(e.target); }
  });
  document.addEventListener("change", function (e) {
    var form = e.target && e.target.closest && e.target.closest("#gk-search-page-form");
    if (form && e.target.tagName === "SELECT") runPageSearch(form);
  });
  document.addEventListener("click", function (e) {
    if (!(e.target && e.target.id === "gk-related-more") || !pageSearch) return;
    var s = pageSearch, seq = pageSeq, button = e.target;
    button.hidden = true;
    document.getElementById("gk-search-status").textContent = "正在查找相关结果……";
    s.loadRelated(10).then(function () { if (seq === pageSeq) showRelated(s); });
  });
  document.addEventListener("click", function (e) {
    if (!(e.target && e.target.id === "gk-search-more") || !pageSearch) return;
    var s = pageSearch, seq = pageSeq;
    s.confirm(s.matches.length + PAGE_MATCHES).then(function () { if (seq === pageSeq) showPage(s, s.shown); });
  });

  var searchPageStarted = false;
  function initSearchPage() {
    var form = document.getElementById("gk-search-page-form");
    if (!form || searchPageStarted) return;
    searchPageStarted = true;
    var params = new URLSearchParams(location.search);
    form.querySelector("#gk-search-page-q").value = params.get("q") || "";
    form.querySelectorAll("select[data-gk-filter]").forEach(function (s) {
      s.value = params.get(s.getAttribute("data-gk-filter")) || "";
    });
    form.querySelector("#gk-sort").value = params.get("sort") || "";
    runPageSearch(form);
  }

  /* ---------------------------------------------------------------- 适老化 mode and its options
   * The switch keeps its name; its pressed state says whether the mode is on. The options (高对比度,
   * 大鼠标指针) are shown in the mode. gongkai-early (inline in <head>) applies all three before the
   * first paint. */

  var MODES = { "gk-elder": "gk-elder", contrast: "gk-contrast", cursor: "gk-cursor" };
  function modeOn(cls) { return document.documentElement.classList.contains(cls); }
  function setMode(cls, on) {
    document.documentElement.classList.toggle(cls, on);
    try { localStorage.setItem(cls, on ? "1" : "0"); } catch (err) { /* not persisted */ }
  }
  function syncElderButtons() {
    var b = document.getElementById("gk-elder-toggle");
    if (b) b.setAttribute("aria-pressed", modeOn("gk-elder") ? "true" : "false");
    document.querySelectorAll("[data-gk-option]").forEach(function (o) {
      o.setAttribute("aria-pressed", modeOn(MODES[o.getAttribute("data-gk-option")]) ? "true" : "false");
    });
  }
  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target : null;
    if (!t) return;
    if (t.closest("#gk-elder-toggle")) setMode("gk-elder", !modeOn("gk-elder"));
    else if (t.closest("[data-gk-option]")) {
      var cls = MODES[t.closest("[data-gk-option]").getAttribute("data-gk-option")];
      if (cls) setMode(cls, !modeOn(cls));
    } else return;
    syncElderButtons();
  });

  /* ---------------------------------------------------------------- the navigation drawer
   * On narrow screens the primary navigation is a drawer (mkdocs-material's #__drawer checkbox). The
   * menu is a real button; the closed drawer is inert, so its links never take focus off-screen;
   * Escape closes it and gives focus back to the button. */

  var NARROW = window.matchMedia("(max-width: 76.234375em)");
  function syncDrawer() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.getElementById("gk-drawer");
    var button = document.getElementById("gk-menu-button");
    if (!toggle || !drawer) return;
    var open = toggle.checked;
    if (NARROW.matches && !open) drawer.setAttribute("inert", "");
    else drawer.removeAttribute("inert");
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function setDrawer(open, focusTarget) {
    var toggle = document.getElementById("__drawer");
    if (!toggle) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    syncDrawer();
    if (focusTarget) focusTarget.focus();
  }
  document.addEventListener("click", function (e) {
    if (!(e.target && e.target.closest && e.target.closest("#gk-menu-button"))) return;
    var toggle = document.getElementById("__drawer");
    var opening = toggle && !toggle.checked;
    setDrawer(opening, null);
    if (opening) {
      var first = document.querySelector("#gk-drawer .md-nav__link[href], #gk-drawer a[href]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (e) {
    var toggle = document.getElementById("__drawer");
    if (e.key === "Escape" && toggle && toggle.checked && NARROW.matches) {
      setDrawer(false, document.getElementById("gk-menu-button"));
    }
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__drawer") syncDrawer();
  });
  if (NARROW.addEventListener) NARROW.addEventListener("change", syncDrawer);

  function onPage() {
    closeHeader();
    syncElderButtons();
    syncDrawer();
    initSearchPage();
  }
  // Loaded async from <head>: this usually runs while the page is still being parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();

  // The skip link moves focus to the content at once, so that nothing (the theme's own handling of
  // in-page links) leaves focus at the top of the page.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a.gk-skip") : null;
    var target = link && document.getElementById("gk-content");
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.focus();
  }, true);
})();
