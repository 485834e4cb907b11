"""How values are shown to the public."""

from __future__ import annotations

from datetime import date


def zh_date(d: date | None) -> str:
    """GB/T 9704 style, no zero padding: 2024年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""
