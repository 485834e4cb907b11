"""``parallel.Forked``: a step run by a forked process gives back its result or raises its
exception in the build, as the call in the same process would; it never hangs the build."""

from __future__ import annotations

import os
import time

import pytest

from generator.parallel import Forked


def double(n: int) -> int:
    return 2 * n


def refuse(reason: str) -> None:
    raise ValueError(reason)


def die() -> None:
    os._exit(3)


@pytest.mark.parametrize("inline", [False, True])
def test_result_and_exception_come_back(inline):
    assert Forked(double, 21, inline=inline).result(timeout=60) == 42
    with pytest.raises(ValueError, match="不能发布"):
        Forked(refuse, "不能发布", inline=inline).result(timeout=60)


def test_a_process_that_dies_is_an_error():
    with pytest.raises(RuntimeError, match="退出码 3"):
        Forked(die).result(timeout=60)


def test_a_process_that_takes_too_long_is_stopped():
    work = Forked(time.sleep, 60)
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        work.result(timeout=0.5)
    assert time.monotonic() - start < 30
    work.close()  # already reaped: closing again is harmless


def leave() -> None:
    raise SystemExit(4)


def test_a_process_that_exits_is_an_error():
    with pytest.raises(RuntimeError, match="退出码 4"):
        Forked(leave).result(timeout=60)


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_move_files_moves_the_listed_files_and_whole_folders_the_target_lacks(tmp_path):
    """A share's pages join the site: only the files it lists, folders the site lacks by one rename
    (the folder itself, not a new one), the rest of the share removed."""
    from generator.paths import move_files

    source, target = tmp_path / "share", tmp_path / "site"
    for rel, text in {"a/x/index.html": "ax", "a/y/index.html": "ay", "a/index.html": "nav",
                      "b/index.html": "b", "b/c/index.html": "bc", "sitemap.xml": "s", "top.html": "t",
                      "d/index.html": "d", "d/extra.html": "not listed"}.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text)
    (target / "a").mkdir(parents=True)
    (target / "a" / "index.html").write_text("site nav")
    (target / "b").mkdir()
    x_folder = os.stat(source / "a" / "x").st_ino
    move_files(source, target, ["a/x/index.html", "a/y/index.html", "b/c/index.html", "b/index.html",
                                "d/index.html", "top.html"])
    assert not source.exists()
    assert _tree(target) == {"a/index.html": b"site nav", "a/x/index.html": b"ax", "a/y/index.html": b"ay",
                             "b/index.html": b"b", "b/c/index.html": b"bc", "d/index.html": b"d",
                             "top.html": b"t"}
    assert os.stat(target / "a" / "x").st_ino == x_folder  # renamed, not made again


def test_move_files_without_a_list_moves_every_file(tmp_path):
    from generator.paths import move_files

    source, target = tmp_path / "cached", tmp_path / "site"
    (source / "p" / "q").mkdir(parents=True)
    (source / "p" / "q" / "index.html").write_text("q")
    (source / "p" / "index.html").write_text("p")
    (target / "p").mkdir(parents=True)
    (target / "p" / "other.html").write_text("o")
    move_files(source, target)
    assert not source.exists()
    assert _tree(target) == {"p/index.html": b"p", "p/other.html": b"o", "p/q/index.html": b"q"}
