"""``gongkai serve``: build into a private directory, serve it on localhost, rebuild on change.

The watched files are snapshotted *before* each build, so an edit saved while a build runs
triggers the next one. The last build's errors (and its warnings) are shown in the terminal and on
every preview page, as a banner the server inserts into HTML responses (never into the built site).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import PUBLISH_FAILURES, BuildRefused, build_site
from .findings import WARNING, Finding
from .report import render

POLL_SECONDS = 0.5
"""How often the content is looked at for changes, at least: a larger site waits SCAN_SHARE times
as long as its last look took (each look takes at most a fifth of one core: about 0.1 s at 10,000
records)."""
SCAN_SHARE = 4
KEPT = "有错误，预览仍显示上一次成功生成的站点。"


def changed_files(before: tuple, after: tuple) -> list[Path] | None:
    """The files of ``after`` (a :func:`watched_state`) that are new or changed since ``before``;
    ``None`` when a file was removed."""
    old = {path: stamp for path, *stamp in before}
    new = {path: stamp for path, *stamp in after}
    if old.keys() - new.keys():
        return None
    return [Path(path) for path, stamp in new.items() if old.get(path) != stamp]


def preview_first(site, out: Path, changed: list[Path] | None, prefix: str):
    """Show the pages of the edited records at once (``build.preview_records``), before the full
    build that follows; print where they are. Only records changed in place or added, at most
    :data:`PREVIEW_AT_MOST` files. Returns the ``build.Preview`` (or ``None``)."""
    from .build import preview_records
    from .workdays import CalendarYearMissing

    if site is None or not changed or len(changed) > PREVIEW_AT_MOST:
        return None
    # no garbage collection while the preview runs: it is short, and at 10,000 records the collector
    # walked the records the last build left again and again (a second of a 3.5 s preview); what the
    # preview leaves in cycles is collected once it is done
    gc.disable()
    try:
        preview = preview_records(site, out, changed, cache_of(out))
    except (*PUBLISH_FAILURES, CalendarYearMissing, OSError):  # the full build that follows reports it
        return None
    finally:
        gc.enable()
    for url in preview.urls if preview else []:
        print(f"已先更新修改的页面：{prefix}{url}", flush=True)
    return preview


PREVIEW_AT_MOST = 10
"""More changed files than this at once (a checkout, a bulk edit) wait for the full build."""


def watched_state(root: Path) -> tuple:
    """Modification times and sizes of site_config.yml and every file under content/ (a change
    triggers a rebuild), in path order. A file that vanishes while being listed is simply left out;
    a symbolic link counts as what it points to, and a linked directory is not entered. One ``stat``
    per file (``os.walk`` reads the types from the directories): polled on ten thousand records."""
    paths = [str(root / "site_config.yml")]
    for top, _, names in os.walk(root / "content"):
        paths += (os.path.join(top, name) for name in names)
    state = []
    for path in sorted(paths):
        try:
            st = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            state.append((path, st.st_mtime_ns, st.st_size))
    return tuple(state)


def cache_of(out: Path) -> Path:
    """The build cache of the preview served from ``out`` (beside it, in the private directory)."""
    return out.parent / "cache"


def load_base_url(root: Path) -> str:
    from .site import CONFIG_FILE
    from .yamlload import load_yaml_file

    data = load_yaml_file(root / CONFIG_FILE).data
    site = data.get("site") if isinstance(data, dict) else None
    value = site.get("base_url") if isinstance(site, dict) else None
    return value if isinstance(value, str) else "/"


@dataclass
class BuildStatus:
    """What the last build said: shown on every preview page until the next build."""

    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """Problems that are not findings (site_config.yml unusable, the theme or search index failed)."""
    printed: list[str] = field(default_factory=list)
    """What the terminal is told about this build."""

    site: object = None
    """The records as a successful build read them (``site.Site``): the base of the next preview."""

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.failures)

    @property
    def quiet(self) -> bool:
        return not (self.failed or self.warnings)


def rebuild(root: Path, out: Path, today: date, show=lambda status: None) -> BuildStatus:
    """Build once; hand what the preview pages should show to ``show`` *before* printing the outcome
    (whoever waits for the printed line then sees the pages that go with it); return it."""
    status = _build_once(root, out, today)
    show(status)
    for line in status.printed:
        print(line, flush=True)
    return status


def _build_once(root: Path, out: Path, today: date) -> BuildStatus:
    from .search import SearchIndexError
    from .site import ConfigError
    from .theme import ThemeBuildError

    try:
        report, view = build_site(root, out, today, cache=cache_of(out))
    except BuildRefused as exc:
        findings = exc.report.findings
        return BuildStatus([f for f in findings if f.blocking], [f for f in findings if not f.blocking],
                           printed=[render("text", findings, exc.report.records).rstrip("\n"), KEPT])
    except ConfigError as exc:
        failures = [f"{f.path}:{f.line}:{f.column} {f.rule} {f.message}" for f in exc.findings] + [f"无法生成：{exc}"]
    except (*PUBLISH_FAILURES, OSError) as exc:
        failures = [f"生成失败：{exc}"]
    else:
        warnings = [f for f in report.findings if f.severity == WARNING or f.overdue]
        pages = sum(len(r) for r in view.records.values())
        printed = [render("text", warnings, report.records).rstrip("\n")] if warnings else []
        return BuildStatus(warnings=warnings, printed=printed + [f"已生成：{pages} 条公开记录，{len(warnings)} 个警告。"],
                           site=report.site)
    return BuildStatus(failures=failures, printed=failures + [KEPT])


def status_html(status: BuildStatus, prefix: str, standalone: bool = False) -> bytes:
    """The banner (or, before any build succeeded, the whole page) for ``status``; autoescaped."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from .paths import templates_dir

    env = Environment(loader=FileSystemLoader(str(templates_dir() / "serve")), autoescape=select_autoescape(default=True))
    html = env.get_template("status.html.j2").render(errors=status.errors, warnings=status.warnings,
                                                     failures=status.failures, prefix=prefix, standalone=standalone)
    return html.encode("utf-8")


def serve(root: Path, today: date | None, host: str, port: int, *, once: bool = False,
          stop: threading.Event | None = None, ready=None) -> int:
    """Preview until Ctrl+C, a termination signal, or ``stop`` is set. ``ready(url)`` is called once
    the server listens. However it ends, the private directory (the built site and its cache,
    hundreds of MB for a large site) is removed."""
    root = Path(root).resolve()
    stop = stop or threading.Event()
    with _signals_interrupt(), tempfile.TemporaryDirectory(prefix="gongkai-preview-") as tmp:
        server = None
        try:
            out = Path(tmp) / "site"
            state = watched_state(root)  # before the build: an edit saved during it triggers the next one
            server = make_server(out, host, port, load_base_url(root))
            status = rebuild(root, out, today or date.today(), show=lambda status: setattr(server, "status", status))
            site = status.site
            url = f"http://{host}:{server.server_port}{server.prefix}"
            print(f"预览地址：{url} （Ctrl+C 停止；修改 content/ 或 site_config.yml 后自动重新生成）", flush=True)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            if ready is not None:
                ready(url)
            wait = POLL_SECONDS
            while not once and not stop.wait(wait):
                started = time.monotonic()
                current = watched_state(root)
                wait = max(POLL_SECONDS, SCAN_SHARE * (time.monotonic() - started))
                if current != state:
                    changed, state = changed_files(state, current), current
                    preview = preview_first(site, out, changed, url)
                    print("检测到修改，重新生成……", flush=True)
                    status = rebuild(root, out, today or date.today(), show=functools.partial(_settle, server, preview))
                    site = status.site or site
        except KeyboardInterrupt:
            pass
        finally:
            if server is not None:
                server.shutdown()
                server.server_close()
    return 0


@contextlib.contextmanager
def _signals_interrupt():
    """SIGTERM and SIGHUP (a closed terminal, ``kill``, a service manager) end the preview as Ctrl+C
    does, so the private directory is removed; by default they would end the process at once and
    leave it behind. Signal handlers belong to the main thread; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    before = {s: signal.signal(s, interrupt) for s in wanted}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _settle(server, preview, status: BuildStatus) -> None:
    """After the full build: keep the previewed pages (now part of the new site) or, when the build
    refused the change, put back the last good site's pages; then show the build's status."""
    if preview is not None and status.failed:
        preview.undo()
    elif preview is not None:
        preview.discard()
    server.status = status


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under the path of ``site.base_url`` (e.g. /zwgk/), as it is deployed,
    so that absolute links the theme writes (the 404 page's) resolve; ``/`` redirects there. Every
    HTML page carries the last build's errors and warnings; before any build succeeded, every path
    shows them as a page of their own."""

    prefix = "/"
    # keep-alive: a search reads twenty-odd small files; a new connection for each costs as much as
    # the file. Without TCP_NODELAY a kept-alive connection stalls ~40 ms on each reply (Nagle's
    # algorithm waiting for the browser's delayed ACK); an idle connection is closed after a minute.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 60

    def do_GET(self) -> None:
        if not self.path.startswith(self.prefix):
            if self.path.split("?")[0] != "/":  # e.g. /robots.txt: the host's, not the site's
                self.send_error(404)
                return
            self.send_response(302)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = self.server.status
        if not (Path(self.directory) / "index.html").is_file():
            self._send_html(503, status_html(status, self.prefix, standalone=True))
            return
        page = self._html_file()
        if page is not None and not status.quiet:
            self._send_html(200, _with_banner(page.read_bytes(), status_html(status, self.prefix)))
            return
        super().do_GET()

    def _html_file(self) -> Path | None:
        path = Path(self.translate_path(unquote(urlsplit(self.path).path)))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the parent class redirects to the slash form
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send_html(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            if not self.server.status.quiet:
                body = _with_banner(body, status_html(self.server.status, self.prefix))
            self._send_html(404, body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args) -> None:  # keep the console for rebuild messages
        pass


def _with_banner(page: bytes, banner: bytes) -> bytes:
    """``page`` with ``banner`` as the first thing in its body."""
    start = page.find(b"<body")
    end = page.find(b">", start) if start >= 0 else -1
    if end < 0:
        return banner + page
    return page[:end + 1] + banner + page[end + 1:]


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a download or a page it no longer wants is not an error to print."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, host: str, port: int, base_url: str) -> http.server.ThreadingHTTPServer:
    prefix = urlsplit(base_url).path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = PreviewServer((host, port), functools.partial(handler, directory=str(directory)))
    server.prefix = prefix
    server.status = BuildStatus()
    return server
