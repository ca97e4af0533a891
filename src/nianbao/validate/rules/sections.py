"""Finding a report's sections by their leading numeral."""
from __future__ import annotations

_NUMERALS = "一二三四五六"


def section_numeral(heading: str) -> str | None:
    """The leading Chinese numeral of a heading such as '五、存在的主要问题…'."""
    h = heading.strip()  # the separators below include the full-width forms
    if len(h) >= 2 and h[0] in _NUMERALS and h[1] in "、.．,， ":
        return h[0]
    return None


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, capped at `limit` (headings are short; we only care about 1–2)."""
    if a == b:  # most headings are printed exactly as the national format has them
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) >= limit:
            return limit
        prev = cur
    return min(prev[-1], limit)


def heading_body(heading: str) -> str:
    """The heading without its numeral and separator, spaces removed."""
    h = "".join(heading.split())
    return h[2:] if section_numeral(h) else h
