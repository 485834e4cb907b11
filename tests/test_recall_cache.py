"""The recall index with a build cache (issue #17): ``write_recall_index`` keeps every page's
character pairs and every compressed file between builds and patches only the grams shards a
changed page touches — and writes exactly the files a build without the cache writes, after edits,
deletions, renames and with a damaged cache. Also: the fast folding and pair splitting are the
reference ones."""

from __future__ import annotations

import gzip
import json
import random
import unicodedata
from itertools import accumulate
from pathlib import Path

import pytest

from generator import search
from generator.rules.examples import policy

from .conftest import TODAY
from .test_build_speed import files_of


def reference_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(str.maketrans("", "", search.FOLD_REMOVED)).lower()


ALPHABET = ("康政发〔〕［］【】（）()[]{}「」﹝﹞〖〗 \t\r\n\u3000，。；：？！＋－０１２３ＡＢｃｄ"
            "ⅡⅫ①⑳ﬁ㈱㍿ｶﾞﾊﾟ가각\u1100\u1161\u11a8e\u0301\u0327\u0323ÅåΣς𠮷𝐀İ"
            "abcXYZ019-/_·—…")


def test_the_fast_fold_and_pairs_are_the_reference_ones():
    rng = random.Random(17)
    samples = ["", "家", "𠮷家", "康政发（2024）17号", "ｶﾞ", "e\u0301\u0327", "①Ⅻ，ＡＢ\u3000ｃ"]
    samples += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in samples:
        key = search.lookup_key(text)
        assert key == reference_key(text), text
        codes = search.pair_codes(key)
        if len(key) > 1:
            assert {search.pair_text(c) for c in codes} == search.pairs_of(key), text
        assert {search.pair_text(c) for c in search.gram_codes(codes)} == search.pairs_of(key) | set(key), text


# ---------------------------------------------------------------- write_recall_index with a cache


def site_files(count: int) -> dict[str, str]:
    files = {}
    for i in range(count):
        files[f"content/policies/p{i:02d}.yml"] = policy(
            title=f"示例县关于第{i}项水利工作的通知", published=f"2026-06-{1 + i:02d}",
            index_no=f"11622922013960001W/2026-{100 + i:05d}", doc_no=f"康政发〔2026〕{100 + i}号")
    return files


def texts_of(view) -> dict[str, tuple[str, str]]:
    words = ["防汛", "供水", "饮水安全", "农田", "灌溉", "堤防", "巡查", "Ⅱ级响应", "（试行）"]
    return {rec.url: (rec.title, f"{rec.title} 正文：" + "，".join(words[(len(rec.url) + k) % len(words)]
                                                                 for k in range(3 + len(rec.url) % 5)) + "。")
            for rec in search.indexed_records(view)}


def view_of(root: Path):
    from generator.check import check_site
    from generator.public import public_view

    report = check_site(root, TODAY)
    assert not report.blocking, [f for f in report.findings if f.severity == "error"][:3]
    return public_view(report.site)


def pages_with(search_dir: Path, word: str) -> set[str]:
    """URLs of the pages whose text holds every character pair of ``word`` (its character, if it has
    one), read from the grams shards as the search script reads them."""
    meta = json.loads((search_dir / "meta.json").read_text(encoding="utf-8"))
    numbers = None
    for pair in search.query_grams(search.lookup_key(word)):
        shard = json.loads(gzip.decompress((search_dir / "grams" / f"{search.shard_of(pair, meta['pairs']['shards'])}.json.gz").read_bytes()))
        found = set(accumulate(shard["b"].get(pair, [])))
        numbers = found if numbers is None else numbers & found
    return {json.loads(gzip.decompress((search_dir / "text" / f"{n}.txt.gz").read_bytes()).split(b"\n", 1)[0])[0]
            for n in numbers or ()}


class Builds:
    """Write the recall index of the site at ``root`` with the cache and without, and compare."""

    def __init__(self, root: Path, tmp: Path, monkeypatch) -> None:
        self.root, self.tmp, self.cache, self.step = root, tmp, tmp / "cache", 0
        self.full = 0
        grams = search._grams

        def counted(*args):
            self.full += 1
            return grams(*args)

        monkeypatch.setattr(search, "_grams", counted)

    def same_as_clean(self, texts=None, edit=None) -> tuple[Path, bool]:
        """The cached search/ (and whether every grams shard was made again), equal to a clean one."""
        self.step += 1
        view = view_of(self.root)
        texts = texts_of(view) if texts is None else texts
        if edit:
            texts = {url: edit(url, value) for url, value in texts.items()}
        cached, clean = self.tmp / f"cached-{self.step}", self.tmp / f"clean-{self.step}"
        self.full = 0
        search.write_recall_index(view, cached, texts, cache=self.cache)
        remade = self.full > 0
        search.write_recall_index(view, clean, texts)
        assert files_of(cached) == files_of(clean), self.step
        return cached / search.RECALL_DIR, remade


def test_the_recall_cache_writes_what_a_clean_build_writes(make_site, tmp_path, monkeypatch):
    root = make_site(site_files(12))
    builds = Builds(root, tmp_path, monkeypatch)
    monkeypatch.setattr(search, "PATCH_LIMIT", 3)
    assert builds.same_as_clean()[1]  # cold: everything made
    kept = sorted(p.name for p in (builds.cache / search.RECALL_CACHE / "gz").iterdir())
    assert not builds.same_as_clean()[1]  # warm: every shard linked from the cache
    assert sorted(p.name for p in (builds.cache / search.RECALL_CACHE / "gz").iterdir()) == kept

    target = sorted(texts_of(view_of(root)))[5]
    def append(word):
        """An edit that adds ``word`` to the text of the page at ``target``."""
        return lambda url, value: (value[0], value[1] + word) if url == target else value

    out, remade = builds.same_as_clean(edit=append("蓄滞洪区"))
    assert not remade  # the changed page's pairs patched into the kept shards
    assert pages_with(out, "蓄滞洪区") == {target}
    out, remade = builds.same_as_clean(edit=append("泄洪"))  # 蓄滞洪区 gone again, 泄洪 new
    assert not remade and pages_with(out, "蓄滞洪区") == set() and pages_with(out, "泄洪") == {target}
    assert pages_with(out, "蓄") == set() and pages_with(out, "泄") == {target}  # characters come and go too

    out, remade = builds.same_as_clean(edit=lambda url, value: (value[0] + "（修订）", value[1] + "修订"))
    assert remade  # more than PATCH_LIMIT pages changed: every shard made again

    # deleted and renamed records number the pages anew
    (root / "content/policies/p03.yml").unlink()
    (root / "content/policies/p07.yml").rename(root / "content/policies/p07-renamed.yml")
    out, remade = builds.same_as_clean()
    assert remade and not any("p03" in url for url in pages_with(out, "水利"))
    assert any("p07-renamed" in url for url in pages_with(out, "水利"))
    builds.same_as_clean()


@pytest.mark.parametrize("damage", ["garbage state", "truncated state", "old version", "garbage pairs", "lost files",
                                    "stray file"])
def test_a_damaged_recall_cache_only_costs_time(make_site, tmp_path, monkeypatch, damage):
    root = make_site(site_files(6))
    builds = Builds(root, tmp_path, monkeypatch)
    builds.same_as_clean()
    folder = builds.cache / search.RECALL_CACHE
    state = folder / search.RecallCache.STATE
    if damage == "garbage state":
        state.write_bytes(b"\x00garbage\xff" * 100)
    elif damage == "truncated state":
        state.write_bytes(state.read_bytes()[: state.stat().st_size // 2])
    elif damage in ("old version", "garbage pairs"):  # the head, then the pages' pairs in chunks
        import marshal

        with open(state, "rb") as fh:
            head, chunks = marshal.load(fh), fh.read()
        if damage == "old version":
            state.write_bytes(marshal.dumps({**head, "version": "0" * 64}) + chunks)
        else:
            state.write_bytes(marshal.dumps(head) + marshal.dumps({b"x": 1}) + b"\x00garbage\xff" * 100)
    elif damage == "lost files":
        for blob in sorted((folder / "gz").iterdir())[::2]:
            blob.unlink()
    else:
        (folder / "gz" / "not-a-kept-file").write_bytes(b"\x1f\x8bgarbage")
    target = sorted(texts_of(view_of(root)))[2]
    out, _ = builds.same_as_clean(edit=lambda url, value: (value[0], value[1] + "抗旱") if url == target else value)
    assert target in pages_with(out, "抗旱")
    assert not (folder / "gz" / "not-a-kept-file").exists()
    builds.same_as_clean()


def test_the_recall_cache_copies_where_it_cannot_link(make_site, tmp_path, monkeypatch):
    """A cache on another file system: the kept files are copied, in and out."""
    import errno
    import os

    def cross_device(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    root = make_site(site_files(6))
    builds = Builds(root, tmp_path, monkeypatch)
    builds.same_as_clean()
    assert any((builds.cache / search.RECALL_CACHE / "gz").iterdir())
    target = sorted(texts_of(view_of(root)))[1]
    out, remade = builds.same_as_clean(edit=lambda url, value: (value[0], value[1] + "抗旱") if url == target else value)
    assert not remade and pages_with(out, "抗旱") == {target}
    assert all(p.stat().st_nlink == 1 for p in out.rglob("*.gz"))
