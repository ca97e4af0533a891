"""Finding a report's sections by their leading numeral."""
from __future__ import annotations

_NUMERALS = "一二三四五六"


def section_numeral(heading: str) -> str | None:
    """The leading Chinese numeral of a heading such as '五、存在的主要问题…'."""
    h = heading.strip()  # the separators below include the full-width forms
    if len(h) >= 2 and h[0] in _NUMERALS and h[1] in "、.．,， ":
        return h[0]
    return None
