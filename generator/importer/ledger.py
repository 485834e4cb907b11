"""Read a 建议提案办理台账: an XLSX workbook or a CSV file (UTF-8 or GBK) with Chinese column headers.

The header row is the first row in which at least two cells name known fields (ledgers often carry a
title row above it). Columns map to fields by the shared label table, or by a mapping file the office
writes for headers of its own (``列名: 字段``). Cells are returned as the ledger holds them — dates
as typed or as Excel dates — and read by the planner.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlload
from .fields import LABEL_FIELD, LABELS, squash

MAX_LEDGER_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000


class LedgerError(Exception):
    """The ledger cannot be read; the message says why, in Chinese."""


@dataclass
class Ledger:
    path: Path
    columns: dict[int, str]
    """Column index → field."""
    unmapped: list[str]
    """Headers that name no field (reported, not imported)."""
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    """(row number as the spreadsheet shows it, field → cell value)."""


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: YAML ``列名: 字段`` (字段 a field name such as ``title``, or a known label)."""
    loaded = yamlload.load_yaml_file(path)
    if loaded.problems:
        p = loaded.problems[0]
        raise LedgerError(f"映射文件 {path} 第 {p.line} 行：{p.message}")
    data = loaded.data
    if not isinstance(data, dict):
        raise LedgerError(f"映射文件 {path} 应为“列名: 字段”的映射")
    mapping = {}
    for header, target in data.items():
        name = target if target in LABELS else LABEL_FIELD.get(squash(str(target)))
        if name is None:
            raise LedgerError(f"映射文件 {path}：“{header}: {target}”中的字段不认识；可用字段：{'、'.join(LABELS)}")
        mapping[squash(str(header))] = name
    return mapping


def read_ledger(path: Path, mapping: dict[str, str] | None = None) -> Ledger:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LedgerError(f"无法读取 {path}：{exc.strerror}") from None
    if size > MAX_LEDGER_BYTES:
        raise LedgerError(f"{path} 超过 {MAX_LEDGER_BYTES // 1024 // 1024} MB")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        table = _csv_rows(path)
    else:
        raise LedgerError(f"{path}：台账只支持 .xlsx 和 .csv（.xls 请先在表格软件中另存为 .xlsx）")
    return _map(path, table, mapping or {})


def _xlsx_rows(path: Path) -> list[list[object]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as zf:  # refuse zip bombs before openpyxl inflates anything
            if sum(i.file_size for i in zf.infolist()) > 20 * MAX_LEDGER_BYTES:
                raise LedgerError(f"{path}：解压后过大，拒绝读取")
        workbook = load_workbook(path, read_only=True, data_only=True)
    except LedgerError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise LedgerError(f"{path} 不是可读取的 .xlsx 文件（{type(exc).__name__}）") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for i, row in enumerate(sheet.iter_rows(values_only=True)):
            if i >= MAX_ROWS:
                raise LedgerError(f"{path}：超过 {MAX_ROWS} 行")
            rows.append(list(row))
        return rows
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise LedgerError(f"{path}：既不是 UTF-8 也不是 GBK 编码")
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_ROWS:
        raise LedgerError(f"{path}：超过 {MAX_ROWS} 行")
    return rows


def _field_of(header: object, mapping: dict[str, str]) -> str | None:
    key = squash(str(header or "")).rstrip(":：")
    return mapping.get(key) or LABEL_FIELD.get(key)


def _map(path: Path, table: list[list[object]], mapping: dict[str, str]) -> Ledger:
    for number, row in enumerate(table[:20]):
        named = [_field_of(cell, mapping) for cell in row]
        if sum(1 for n in named if n) >= 2:
            break
    else:
        raise LedgerError(f"{path}：前 20 行中找不到表头（应有 标题、提出人、主办单位 等列名）；"
                          f"列名不同时用 --mapping 指定")
    columns: dict[int, str] = {}
    unmapped = []
    for i, (cell, name) in enumerate(zip(table[number], named)):
        if name and name not in columns.values():
            columns[i] = name
        elif str(cell or "").strip():
            unmapped.append(str(cell).strip())
    ledger = Ledger(path, columns, unmapped)
    for offset, row in enumerate(table[number + 1:], start=number + 2):
        values = {name: row[i] for i, name in columns.items()
                  if i < len(row) and row[i] is not None and str(row[i]).strip()}
        if values:
            ledger.rows.append((offset, values))
    return ledger
