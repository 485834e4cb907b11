"""gongkai 的上限基准：超大 YAML 文件和大量附件下，检查的时间和内存是否有界。

    python benchmarks/bench_bounds.py [--lines 100000] [--attachments 10000]

打印数字，不做断言（不是测试）。每项在新的子进程中运行 `gongkai check`，记录耗时和该子进程的内存峰值。
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.rules.examples import policy  # noqa: E402
from generator.samplefiles import pdf_bytes  # noqa: E402

BASE = REPO / "tests" / "fixtures" / "base"
PDF = pdf_bytes(["Fangxun zerenren mingdan, lianxi dianhua 0930-5521234"] * 2)  # two pages of text to read
TODAY = "2026-11-26"


def measure(root: Path) -> tuple[float, float, dict]:
    """Run `gongkai check --format json` in a fresh process: wall seconds, peak MB, summary."""
    script = ("import resource, subprocess, sys, json, time;"
              "t = time.perf_counter();"
              "p = subprocess.run([sys.executable, '-m', 'generator', 'check', '--root', sys.argv[1], '--today', sys.argv[2],"
              " '--format', 'json'], capture_output=True, text=True);"
              "dt = time.perf_counter() - t;"
              "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024;"
              "doc = json.loads(p.stdout) if p.stdout.strip() else {};"
              "print(json.dumps({'s': dt, 'mb': rss, 'summary': doc.get('summary'), 'rules': sorted({f['rule'] for f in doc.get('findings', [])}), 'code': p.returncode}))")
    out = subprocess.run([sys.executable, "-c", script, str(root), TODAY], capture_output=True, text=True, cwd=REPO)
    data = json.loads(out.stdout)
    return data["s"], data["mb"], data


def site_with(tmp: Path, name: str, files: dict[str, bytes]) -> Path:
    root = tmp / name
    shutil.copytree(BASE, root)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def big_files(tmp: Path, lines: int) -> list[tuple[str, Path]]:
    body_small = "|\n" + "  条\n" * lines                    # ~0.7 MB: under the 1 MB limit, parsed
    body_large = "|\n" + "  第一条 本办法自发布之日起施行。\n" * lines  # ~5 MB: rejected by size before reading
    names_list = "\n" + "".join("  - 张\n" for _ in range(lines))   # a 100,000-item list
    cases = [
        (f"{lines:,} 行正文（<1 MB）", {"content/policies/big.yml": policy(body=body_small).encode()}),
        (f"{lines:,} 行正文（>1 MB）", {"content/policies/big.yml": policy(body=body_large).encode()}),
        (f"{lines:,} 项列表", {"content/policies/big.yml": policy(issuer=names_list).encode()}),
        (f"{lines:,} 个重复字段", {"content/policies/big.yml": "".join(f"k: {i}\n" for i in range(lines)).encode()}),
    ]
    return [(label, site_with(tmp, f"big{i}", files)) for i, (label, files) in enumerate(cases)]


def many_attachments(tmp: Path, count: int, per_record: int = 10) -> Path:
    files: dict[str, bytes] = {}
    records = max(1, count // per_record)
    for r in range(records):
        entries = "".join(f"\n  - title: 附件{a}\n    file: r{r}/a{a}.pdf" for a in range(per_record))
        files[f"content/policies/p{r}.yml"] = policy(
            doc_no=f"康政发〔2026〕{r + 1}号", index_no=f"11622922013960001W/2026-{r + 1:05d}", attachments=entries).encode()
        for a in range(per_record):
            files[f"content/attachments/r{r}/a{a}.pdf"] = PDF
    return site_with(tmp, "attachments", files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000, help="超大文件的行数（默认 100000）")
    parser.add_argument("--attachments", type=int, default=10_000, help="附件总数（默认 10000）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = site_with(tmp, "empty", {})
        base_s, base_mb, _ = measure(empty)
        print(f"{'情形':<28} {'秒':>7} {'内存峰值 MB':>11}  规则")
        print(f"{'空站点（启动开销）':<24} {base_s:7.2f} {base_mb:11.1f}")
        for label, root in big_files(tmp, args.lines):
            s, mb, data = measure(root)
            print(f"{label:<24} {s:7.2f} {mb:11.1f}  {','.join(data['rules']) or '—'} (exit {data['code']})")
        t = time.perf_counter()
        root = many_attachments(tmp, args.attachments)
        gen = time.perf_counter() - t
        s, mb, data = measure(root)
        summary = data["summary"] or {}
        print(f"{args.attachments:,} 个附件（{summary.get('records', '?')} 条记录）{'':<4} {s:7.2f} {mb:11.1f}  "
              f"{','.join(data['rules']) or '无问题'} (exit {data['code']}; 生成 {gen:.1f} s)")
    print("\n上限：单个 YAML 文件 1 MB、嵌套 32 层（generator/yamlload.py），每个文件最多列出 20 个读取问题，"
          "附件 rules.limits.attachment_mb（默认 50 MB），记录文件 rules.limits.records（默认 100000）。")


if __name__ == "__main__":
    main()
