"""索引号 patterns: the real provincial formats pass with documented placeholders; an unknown or
repeated placeholder or an unmatched brace is a config error (never 内部错误, never a wildcard); matching
stays linear on hostile input."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date

import pytest

from generator import index_pattern
from generator.check import check_site
from generator.rules.examples import policy
from generator.site import ConfigError

from .conftest import REPO

TODAY = date(2026, 11, 26)

# (real 索引号, pattern, publisher credit code, region code): each a format seen on a real site
REAL = [
    ("11620622013933539B/2021-03844", "{credit_code}/{year}-{serial:05d}", "11620622013933539B", "620622"),
    ("6107280000/2024-001005", "{region_code}0000/{year}-{serial:06d}", "11610728015262652F", "610728"),
    ("11532323015172622Y-/2018-1220012", "{credit_code}-/{year}-{serial:07d}", "11532323015172622Y", "532323"),
    ("000014349/2025-422422", "000014349/{year}-{serial:06d}", "11100000000014349A", "100000"),
    ("640323004/2022-00062", "{region_code}004/{year}-{serial:05d}", "11640323MB1234567X", "640323"),
    ("01526265-2-/2019-0628001", "{org_code:-}-/{year}-{serial:07d}", "11610728015262652F", "610728"),
]


@pytest.mark.parametrize("value, pattern, credit, region", REAL)
def test_real_formats_match_with_documented_placeholders(value, pattern, credit, region):
    m = index_pattern.match(index_pattern.regex(pattern, credit, region), value)
    assert m is not None
    assert m["year"] == value.split("/")[1][:4]


@pytest.mark.parametrize("value, pattern, credit, region", REAL)
def test_real_formats_fail_the_default_pattern_for_the_stated_reason(value, pattern, credit, region):
    """The default `{credit_code}/{year}-{serial:05d}` rejects every format but its own: wrong prefix
    (not the publisher's credit code) or a serial of another width."""
    default = index_pattern.regex("{credit_code}/{year}-{serial:05d}", credit, region)
    assert (index_pattern.match(default, value) is not None) == (pattern == "{credit_code}/{year}-{serial:05d}")


def test_org_code_is_the_nine_characters_inside_the_credit_code():
    assert index_pattern.org_code("11610728015262652F") == "015262652"
    rx = index_pattern.regex("{org_code}/{year}-{month}-{serial}", "11610728015262652F", "610728")
    m = index_pattern.match(rx, "015262652/2024-03-17")
    assert m and m["month"] == "03" and m["serial"] == "17"
    assert index_pattern.match(rx, "015262652/2024-13-17") is None  # no 13th month
    assert index_pattern.format_index_no("{org_code:-}-/{year}-{serial:07d}", "11610728015262652F", "610728",
                                         2019, 6, 628001) == "01526265-2-/2019-0628001"


@pytest.mark.parametrize("pattern, words", [
    ("{credit_code}/{year}-{year}", "不止一次"),
    ("{credit_code}/{year-{serial:05d}", "花括号"),
    ("{credit_code}/{year}}-{serial}", "花括号"),
    ("{org}/{year}-{serial:05d}", "不存在"),
    ("{credit_code!r}/{year}", "不存在"),
    ("{credit_code}/{year}-{serial:x}", "格式说明"),
    ("{credit_code}/{year}-{serial:05d}-{serial}", "不止一次"),
    ("{credit_code}" * 100, "过长"),
])
def test_bad_patterns_are_config_errors_with_a_clear_message(make_site, pattern, words):
    root = make_site({"site_config.yml": ""})
    text = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(text.replace("government:", f"rules:\n  index_no_pattern: '{pattern}'\ngovernment:", 1),
                                          encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        check_site(root, TODAY)
    messages = " ".join(f.message for f in exc.value.findings)
    assert words in messages and "index_no_pattern" in messages, messages


def test_bad_pattern_exits_2_from_the_command_line(make_site):
    root = make_site({"site_config.yml": ""})
    text = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(text.replace("government:", "rules:\n  index_no_pattern: '{org}/{year'\ngovernment:", 1),
                                          encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root), "--today", "2026-11-26"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "内部错误" not in done.stdout + done.stderr and "花括号" in done.stdout + done.stderr


def test_matching_is_linear_on_long_hostile_input():
    """Ten extra placeholders and a 10^5-character 索引号 finish at once (was: `.+?` per unknown
    placeholder, a backtracking hang)."""
    pattern = "{credit_code}" + "-{region_code}-{org_code}" * 5 + "/{year}-{month}-{serial}"
    rx = index_pattern.regex(pattern, "11622922013960001W", "622922")
    for value in ("1" * 100_000, "11622922013960001W-" * 5000 + "/2024-01-" + "9" * 50_000, "-" * 100_000):
        start = time.perf_counter()
        assert index_pattern.match(rx, value) is None
        assert rx.match(value) is None  # the regex itself, without the length guard
        assert time.perf_counter() - start < 0.5


def test_check_with_a_long_index_no_stays_fast(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(index_no="1" * 100_000)})
    start = time.perf_counter()
    report = check_site(root, TODAY)
    assert time.perf_counter() - start < 5
    hits = [f for f in report.findings if f.rule == "GK204"]
    assert hits and len(hits[0].message) < 300
