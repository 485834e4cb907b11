"""``gongkai schema [TYPE]``: the JSON Schema of the record format, for editors."""

from __future__ import annotations

import json
from pathlib import Path

from ..cli import EXIT_OK
from ..schema import SCHEMA_TYPES, all_schemas, schema_for, write_schemas


HELP = "输出 JSON Schema"
DESCRIPTION = "输出记录格式的 JSON Schema（供编辑器补全和提示）。"


def add_arguments(p, site_args) -> None:
    p.add_argument("type", nargs="?", choices=tuple(SCHEMA_TYPES), help="只输出一种类型")
    p.add_argument("--out", type=Path, default=None, help="写入此目录，每种类型一个 .schema.json 文件")


def run(args) -> int:
    if args.out is not None:
        for path in write_schemas(args.out):
            print(f"已写入 {path}")
        return EXIT_OK
    doc = schema_for(args.type) if args.type else all_schemas()
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return EXIT_OK
