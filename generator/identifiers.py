"""Check characters of national identifiers: 统一社会信用代码, 居民身份证号, bank card numbers."""

from __future__ import annotations

from datetime import date

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def credit_code_check_char(first17: str) -> str:
    """GB 32100-2015: the 18th character computed from the first 17."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in Chinese, or None when it is."""
    if len(code) != 18:
        return f"应为 18 位，实际 {len(code)} 位"
    bad = sorted({c for c in code if c not in CREDIT_ALPHABET})
    if bad:
        return f"含有不允许的字符“{''.join(bad)}”（不使用 I、O、Z、S、V 和小写字母）"
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"校验码应为“{expected}”，实际是“{code[17]}”"
    return None


def id_card_valid(number: str) -> bool:
    """GB 11643-1999: 17 digits, a valid birth date in digits 7–14, and the check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS))
    if ID_CHECK[total % 11] != number[17].upper():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born.year >= 1900


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
