"""The build cache remembers parsed record files (site.ParseMemory) and the texts the personal-data
scan found clean (personal_data.CleanMemory): a check with it finds exactly what a check without it
finds, after edits, with identical files, and with a damaged memory."""

from __future__ import annotations

import pytest

from generator.check import check_site
from generator.personal_data import CleanMemory
from generator.rules.examples import policy
from generator.site import ParseMemory

from .conftest import TODAY


def findings(root, cache=None):
    return [(f.path, f.line, f.column, f.rule, f.message) for f in check_site(root, TODAY, cache=cache).findings]


def test_a_remembered_parse_finds_what_a_fresh_one_finds(make_site, tmp_path):
    root = make_site({
        "content/policies/fangxun.yml": policy(),
        "content/policies/fangxun-copy.yml": policy(),  # the same bytes twice: two records, two trees
        "content/policies/broken.yml": "title: [unclosed\n",
    })
    cache = tmp_path / "cache"
    clean = findings(root)
    assert findings(root, cache) == clean  # fills the memory
    assert (cache / ParseMemory.FILE).is_file()
    assert findings(root, cache) == clean  # reads it
    # an edit is parsed again: a personal number added to a remembered file is found
    record = root / "content/policies/fangxun.yml"
    record.write_text(policy(body="联系人手机 13912345678。"), encoding="utf-8")
    edited = findings(root)
    assert any(f[3] == "GK207" and f[0] == "content/policies/fangxun.yml" for f in edited)
    assert findings(root, cache) == edited
    # a damaged memory means parsing again, never a different answer
    (cache / ParseMemory.FILE).write_bytes(b"\x00garbage")
    assert findings(root, cache) == edited
    (cache / ParseMemory.FILE).write_bytes(b"")
    assert findings(root, cache) == edited


@pytest.mark.parametrize("damage", [None, b"\x00garbage", b""])
def test_a_remembered_clean_text_never_hides_personal_data(make_site, tmp_path, damage):
    """A number the configuration allowed is clean only while it is allowed; a text with a finding is
    never remembered, so it is found every time."""
    mobile = "13912345678"
    allowing = f'rules:\n  allowed_numbers: ["{mobile}"]\n'
    root = make_site({"content/policies/fangxun.yml": policy(body=f"热线 {mobile}。"), "site_config.yml": allowing})
    cache = tmp_path / "cache"
    assert findings(root, cache) == findings(root) == []  # the text is remembered clean
    assert (cache / CleanMemory.FILE).is_file()
    if damage is not None:
        (cache / CleanMemory.FILE).write_bytes(damage)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(allowing, ""), encoding="utf-8")
    refused = findings(root)
    assert any(f[3] == "GK207" for f in refused)
    assert findings(root, cache) == refused
    assert findings(root, cache) == refused  # found again: never remembered as clean
