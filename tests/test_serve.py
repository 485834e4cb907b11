"""`gongkai serve` serves the built site on localhost under its base_url path, rebuilds it when a
record changes (also when the change is saved while a build runs), and shows the last build's errors
and warnings on every page. Every wait here has a timeout."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

from generator import serve as serve_module
from generator.build import build_site, preview_records
from generator.theme import compiled_templates
from generator.rules.examples import policy

from .childproc import Output, stop
from .conftest import REPO, TODAY


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")


def test_serve_rebuilds_when_a_record_changes_and_shows_errors_on_every_page(tmp_path, browser):
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root)
    private = tmp_path / "tmp"  # where serve keeps its built site and cache
    private.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--today", "2026-11-26",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1", "TMPDIR": str(private)})
    out = Output(proc.stdout)
    try:
        # the sample's intended warning is printed, not only counted
        out.wait_for(r"警告 GK103")
        out.wait_for(r"已生成：\d+ 条公开记录，1 个警告")
        base = out.wait_for(r"预览地址：(http://127\.0\.0\.1:\d+/zwgk/)").group(1)
        page = fetch(base + "policies/kzf-2025-3/")
        assert "<h1>康乐县进一步优化营商环境若干措施</h1>" in page
        assert "GK103" in page  # the warning is on the page too
        assert fetch(base.replace("/zwgk/", "/")).count("<html") == 1  # / redirects to the site
        record = root / "content/policies/kzf-2025-3.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("title: 康乐县进一步优化营商环境若干措施", "title: 康乐县进一步优化营商环境若干措施（修订）", 1),
                          encoding="utf-8")
        out.wait_for(r"已先更新修改的页面：http://127\.0\.0\.1:\d+/zwgk/policies/kzf-2025-3/")  # before the full build
        out.wait_for(r"检测到修改")
        out.wait_for(r"已生成")
        assert "<h1>康乐县进一步优化营商环境若干措施（修订）</h1>" in fetch(base + "policies/kzf-2025-3/")
        # a change that breaks a rule keeps the last good site and says why, in the terminal and on every page
        record.write_text(text.replace("doc_no: 康政发〔2025〕3号", "doc_no: 康政发[2025]3号", 1), encoding="utf-8")
        out.wait_for(r"GK202")
        out.wait_for(r"上一次成功生成")
        assert "（修订）" in fetch(base + "policies/kzf-2025-3/")
        for path in ("", "policies/kzf-2025-3/", "proposals/", "no-such-page/"):
            html = fetch(base + path)
            assert "content/policies/kzf-2025-3.yml" in html and "GK202" in html, path
        context = browser.new_context(locale="zh-CN")
        tab = context.new_page()
        blocked = []
        tab.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
        try:
            tab.goto(base + "interpretations/", timeout=30_000)
            banner = tab.locator(".gk-preview")
            banner.wait_for(state="visible", timeout=10_000)
            assert "1 个错误" in banner.inner_text() and "GK202" in banner.inner_text()
        finally:
            context.close()
        assert not blocked
        # fixed again: the banner goes, the warning stays listed
        record.write_text(text, encoding="utf-8")
        out.wait_for(r"已生成")
        assert "GK202" not in fetch(base + "policies/kzf-2025-3/")
        assert list(private.iterdir())
    finally:
        stop(proc)
    # ended by SIGTERM (as a service manager or `kill` ends it), it still removes its private directory
    assert proc.returncode == 0  # as after Ctrl+C; without a handler it would be -SIGTERM
    assert not list(private.iterdir())


@contextlib.contextmanager
def serving(root):
    """``serve`` in a thread of this process; yields its URL; stopped (bounded) afterwards."""
    stop_event, ready = threading.Event(), threading.Event()
    urls = []
    thread = threading.Thread(target=serve_module.serve, args=(root, TODAY, "127.0.0.1", 0),
                              kwargs={"stop": stop_event, "ready": lambda url: (urls.append(url), ready.set())},
                              daemon=True)
    thread.start()
    try:
        assert ready.wait(300), "serve did not start"
        yield urls[0]
    finally:
        stop_event.set()
        thread.join(timeout=60)
    assert not thread.is_alive()


def test_serve_rebuilds_after_an_edit_saved_during_its_first_build(make_site, monkeypatch):
    root = make_site({"content/policies/fangxun.yml": policy()})
    record = root / "content/policies/fangxun.yml"
    real_build = serve_module.build_site
    builds = []

    def build_and_edit(*args, **kwargs):
        result = real_build(*args, **kwargs)
        if not builds:  # the clerk saves while the first build is still running
            record.write_text(policy(title="示例县关于做好2026年防汛抗旱工作的通知",
                                     changes="\n  - date: 2026-06-05\n    note: 标题增加“抗旱”"), encoding="utf-8")
        builds.append(result)
        return result

    monkeypatch.setattr(serve_module, "build_site", build_and_edit)
    with serving(root) as url:
        for _ in range(600):
            if len(builds) >= 2:
                break
            time.sleep(0.1)
        assert len(builds) >= 2, "the edit saved during the first build was never built"
        assert "防汛抗旱" in fetch(url + "policies/fangxun/")


def test_serve_without_any_good_build_shows_the_errors(make_site, monkeypatch):
    root = make_site({"content/policies/fangxun.yml": policy(doc_no="'康政发[2026]8号<script>x()</script>'")})
    with serving(root) as url:
        html = fetch(url + "policies/fangxun/")
        assert "还没有可以预览的站点" in html and "GK202" in html
        assert "<script>x()" not in html and "&lt;script&gt;x()" in html  # escaped


def test_a_dropped_connection_prints_no_traceback(tmp_path, capsys):
    """A browser that stops a download mid-way must not fill the office's terminal with tracebacks;
    any other error of a request is still printed."""
    from generator.serve import make_server

    server = make_server(tmp_path, "127.0.0.1", 0, "/")
    try:
        for dropped in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise dropped
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("something else")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError" in capsys.readouterr().err
    finally:
        server.server_close()


def test_the_preview_keeps_the_browsers_connection_open(tmp_path):
    """A search reads twenty-odd small files: the preview answers them all on one kept-alive
    connection (a redirect, a page, a file, the slash redirect, the site's 404 page, the page again), and
    with Nagle's algorithm off, or each reply would wait ~40 ms for the browser's delayed ACK."""
    import http.client

    from generator.serve import make_server

    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><html><body><p>首页</p></body></html>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><html><body><p>页面不存在</p></body></html>", encoding="utf-8")
    (site / "search" / "a.json").write_text('{"a": 1}', encoding="utf-8")
    server = make_server(site, "127.0.0.1", 0, "/zwgk/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        statuses, sockets = [], set()
        for path in ("/", "/zwgk/", "/zwgk/search/a.json", "/zwgk/search", "/zwgk/nothing.html", "/zwgk/"):
            connection.request("GET", path)
            sockets.add(id(connection.sock))
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
            assert not response.will_close, path
        assert statuses == [302, 200, 200, 301, 404, 200]
        assert len(sockets) == 1
        assert server.RequestHandlerClass.func.disable_nagle_algorithm
    finally:
        connection.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------- the edited record's page first


def built_sample(tmp_path) -> SimpleNamespace:
    """A copy of the sample site, built as serve builds it: its root, output, records as read
    (``site``), and one policy's file (``record``, its text ``text``) and served page (``page``,
    its bytes ``before``)."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root)
    out = tmp_path / "preview" / "site"
    report, _ = build_site(root, out, TODAY)
    record, page = root / "content/policies/kzf-2025-3.yml", out / "policies/kzf-2025-3/index.html"
    return SimpleNamespace(root=root, out=out, site=report.site, record=record, text=record.read_text(encoding="utf-8"),
                           page=page, before=page.read_bytes())


def test_preview_writes_the_edited_page_as_the_full_build_will(tmp_path):
    """At 10,000 records a full rebuild takes half a minute: serve first writes the edited record's
    page alone (build.preview_records), byte for byte what the full build then writes."""
    s = built_sample(tmp_path)
    s.record.write_text(s.text.replace("title: 康乐县进一步优化营商环境若干措施",
                                       "title: 康乐县进一步优化营商环境若干措施（修订稿）", 1), encoding="utf-8")
    home = (s.out / "index.html").read_bytes()
    cache = tmp_path / "cache"
    preview = preview_records(s.site, s.out, [s.record], cache)
    assert preview is not None and preview.urls == ["policies/kzf-2025-3/"]
    assert any(compiled_templates(cache).iterdir())  # the theme's templates compiled once, for later previews
    previewed = s.page.read_bytes()
    assert "<h1>康乐县进一步优化营商环境若干措施（修订稿）</h1>".encode() in previewed
    assert (s.out / "index.html").read_bytes() == home  # only the record's own page: the rest waits for the build
    preview.discard()
    build_site(s.root, s.out, TODAY)
    assert s.page.read_bytes() == previewed


def test_a_preview_is_undone_when_the_full_build_refuses_the_change(tmp_path):
    s = built_sample(tmp_path)
    s.record.write_text(s.text.replace("doc_no: 康政发〔2025〕3号", "doc_no: 康政发[2025]3号", 1), encoding="utf-8")
    preview = preview_records(s.site, s.out, [s.record])  # GK202 is the check's: the preview shows it
    assert preview is not None and s.page.read_bytes() != s.before
    preview.undo()
    assert s.page.read_bytes() == s.before and not preview.kept.exists()
    # a new record's page is removed again
    new = s.root / "content/policies/kzf-2025-99.yml"
    new.write_text(s.text.replace("doc_no: 康政发〔2025〕3号", "doc_no: 康政发〔2025〕99号", 1), encoding="utf-8")
    preview = preview_records(s.site, s.out, [new])
    assert preview is not None and (s.out / "policies/kzf-2025-99/index.html").is_file()
    preview.undo()
    assert not (s.out / "policies/kzf-2025-99/index.html").exists()


def test_no_preview_of_a_file_with_format_problems_or_personal_data(tmp_path):
    s = built_sample(tmp_path)
    s.record.write_text(s.text.replace("title:", "titel:", 1), encoding="utf-8")
    assert preview_records(s.site, s.out, [s.record]) is None
    line_end = s.text.index("\n", s.text.index("\n", s.text.index("body:")) + 1)
    s.record.write_text(s.text[:line_end] + "联系人手机 13912345678。" + s.text[line_end:], encoding="utf-8")
    assert preview_records(s.site, s.out, [s.record]) is None
    assert preview_records(s.site, s.out, [s.root / "site_config.yml"]) is None  # only records
    assert s.page.read_bytes() == s.before
    assert not list(s.out.parent.glob(".preview-*"))  # nothing left behind


def test_watched_state_sees_each_file_once_and_enters_no_linked_folder(tmp_path):
    """What serve polls: every file under content/ and site_config.yml, a link as what it points to,
    a linked folder not entered (it may lead anywhere), a broken link left out; in path order."""
    root = tmp_path / "site"
    (root / "content/policies").mkdir(parents=True)
    (root / "content/attachments/2026").mkdir(parents=True)
    (root / "site_config.yml").write_text("site: {}\n", encoding="utf-8")
    record = root / "content/policies/a.yml"
    record.write_text("title: 一\n", encoding="utf-8")
    attachment = root / "content/attachments/2026/b.pdf"
    attachment.write_bytes(b"%PDF-1.4\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.yml").write_text("title: 外\n", encoding="utf-8")
    (root / "content/linked").symlink_to(outside, target_is_directory=True)
    alias = root / "content/policies/alias.yml"
    alias.symlink_to(record)
    (root / "content/policies/broken.yml").symlink_to(tmp_path / "missing.yml")
    before = serve_module.watched_state(root)
    paths = [path for path, *_ in before]
    assert paths == sorted(paths)
    assert set(paths) == {str(root / "site_config.yml"), str(record), str(attachment), str(alias)}
    record.write_text("title: 一二\n", encoding="utf-8")
    after = serve_module.watched_state(root)
    assert set(serve_module.changed_files(before, after)) == {record, alias}
    attachment.unlink()
    assert serve_module.changed_files(after, serve_module.watched_state(root)) is None  # a removal: full build
