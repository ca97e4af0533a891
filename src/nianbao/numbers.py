"""Numbers as text, two ways: `shown` for readers (pages and messages) and `exact` for data
files (the package CSV, the per-report downloads), where nothing may be rounded."""
from __future__ import annotations

import decimal
import math


def shown(v: float | int) -> str:
    """A cell value as printed: integers plain, decimals to at most six places, no exponent."""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def exact(v: float, integer: bool) -> str | int | None:
    """A float as stable, plain decimal text (repr's digits, never an exponent); an integral
    float in an integer field as int; None for what is not finite."""
    if not math.isfinite(v):
        return None
    if integer and v.is_integer():
        return int(v)
    text = repr(v)
    if "e" in text or "E" in text:
        text = format(decimal.Decimal(text), "f")
    return text
