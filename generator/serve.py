"""``gongkai serve``: build into a private directory, serve it on localhost, rebuild on change."""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .build import PUBLISH_FAILURES, BuildRefused, build_site
from .report import render

POLL_SECONDS = 1.0


def watched_state(root: Path) -> tuple:
    """Modification times of site_config.yml and every file under content/ (a change triggers a rebuild)."""
    files = [root / "site_config.yml", *sorted((root / "content").rglob("*"))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def load_base_url(root: Path) -> str:
    from .site import CONFIG_FILE
    from .yamlload import load_yaml_file

    data = load_yaml_file(root / CONFIG_FILE).data
    site = data.get("site") if isinstance(data, dict) else None
    value = site.get("base_url") if isinstance(site, dict) else None
    return value if isinstance(value, str) else "/"


def rebuild(root: Path, out: Path, today: date) -> bool:
    try:
        report, view = build_site(root, out, today, cache=out.parent / "cache")
    except BuildRefused as exc:
        sys.stdout.write(render("text", exc.report.findings, exc.report.records))
        print("有错误，预览仍显示上一次成功生成的站点。", flush=True)
        return False
    except PUBLISH_FAILURES as exc:
        print(f"生成失败，预览仍显示上一次成功生成的站点：{exc}", flush=True)
        return False
    pages = sum(len(r) for r in view.records.values())
    print(f"已生成：{pages} 条公开记录，{report.warnings} 个警告。", flush=True)
    return True


def serve(root: Path, today: date | None, host: str, port: int, *, once: bool = False) -> int:
    root = Path(root).resolve()
    with tempfile.TemporaryDirectory(prefix="gongkai-preview-") as tmp:
        out = Path(tmp) / "site"
        day = today or date.today()
        if not rebuild(root, out, day) and not out.exists():
            return 1
        server = make_server(out, host, port, load_base_url(root))
        print(f"预览地址：http://{host}:{server.server_port}{server.prefix} （Ctrl+C 停止；修改 content/ 或 site_config.yml 后自动重新生成）",
              flush=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            state = watched_state(root)
            while not once:
                time.sleep(POLL_SECONDS)
                current = watched_state(root)
                if current != state:
                    state = current
                    print("检测到修改，重新生成……", flush=True)
                    rebuild(root, out, today or date.today())
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under the path of ``site.base_url`` (e.g. /zwgk/), as it is deployed,
    so that absolute links the theme writes (the 404 page's) resolve; ``/`` redirects there."""

    prefix = "/"

    def do_GET(self) -> None:
        if not self.path.startswith(self.prefix):
            self.send_response(302)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args) -> None:  # keep the console for rebuild messages
        pass


def make_server(directory: Path, host: str, port: int, base_url: str) -> http.server.ThreadingHTTPServer:
    prefix = urlsplit(base_url).path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    server.prefix = prefix
    return server
