"""索引号 matching on hostile input: prints seconds per match, asserts nothing.

    python benchmarks/bench_index_pattern.py            # 10^5 and 10^6 characters
"""

from __future__ import annotations

import argparse
import time

from generator import index_pattern

PATTERNS = {
    "默认格式": "{credit_code}/{year}-{serial:05d}",
    "十个额外占位符": "{credit_code}" + "-{region_code}-{org_code}" * 5 + "/{year}-{month}-{serial}",
    "不限位数流水号": "{org_code:-}-/{year}-{serial}",
}
CREDIT, REGION = "11622922013960001W", "622922"


def inputs(n: int) -> dict[str, str]:
    return {
        "全是数字": "1" * n,
        "重复前缀": (CREDIT + "-") * (n // 19) + "/2024-01-",
        "长流水号": "01396000-1-/2024-" + "9" * n + "x",
        "全是连字符": "-" * n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    for label, pattern in PATTERNS.items():
        rx = index_pattern.regex(pattern, CREDIT, REGION)
        for n in args.sizes:
            for name, value in inputs(n).items():
                start = time.perf_counter()
                rx.match(value)  # the regex itself, without the length guard of index_pattern.match
                raw = time.perf_counter() - start
                start = time.perf_counter()
                index_pattern.match(rx, value)
                guarded = time.perf_counter() - start
                print(f"{label:10} {name:8} {len(value):>9} 字符  正则 {raw * 1000:8.2f} ms  检查 {guarded * 1000:6.3f} ms")


if __name__ == "__main__":
    main()
