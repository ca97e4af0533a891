"""The neutral intermediate every extractor yields: text lines and tables as grids of
cell strings, each with where it came from. The recogniser reads only this."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One paragraph or line of running text."""

    text: str
    where: str  # provenance, e.g. "第 12 行" or "第 3 页"


@dataclass
class Grid:
    """A table as printed. Each row lists its cells left to right; a cell covered by a
    merge from above is left out. `positional` is False when empty cells were not kept
    (text copied from a page), so a short row cannot tell which columns its values sit in."""

    rows: list[list[str]]
    where: str
    positional: bool = True
    row_where: list[str] = field(default_factory=list)
    # copied page text lists a row's non-empty cells first, then pipes for the empty ones
    # (seed 002); only then may the documented placement rule of tables.py apply
    values_first: bool = False


Block = Line | Grid


@dataclass
class Extracted:
    medium: str  # html | pdf | docx | text
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)  # title, url, published … read from the container
    stripped: list[str] = field(default_factory=list)  # what was removed as chrome or spam (Chinese)
