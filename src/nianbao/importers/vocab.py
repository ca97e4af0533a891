"""What the recogniser looks for, read from the format definitions (never re-typed).

Every printed label of every national format is indexed by its matching key: row labels,
the merged group labels above them, block titles, column headers and the other printed
cells (the 勾稽 note, 申请人情况, 信息内容). A label may match in several formats; the
recogniser decides the format from the evidence of the whole table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..formats import FORMATS, of_family
from ..formats.base import NATIONAL as NATIONAL_FAMILY
from ..formats.base import Row
from .text_norm import has_number_prefix, key, unnumbered

NATIONAL = tuple(f.code for f in of_family(NATIONAL_FAMILY))
# printed header words of the legacy table that name no indicator
IGNORABLE = {"单位", "计量单位", "指标名称", "序号", "统计指标", "指标"}
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


@dataclass(frozen=True)
class RowRef:
    fmt: str
    table: str
    row: Row
    index: int  # position of the row in its table


@dataclass
class Match:
    rows: list[RowRef]
    tables: set[str]  # tables this label belongs to (row, group, block, header or marker)
    group: str | None = None  # a merged group label (its key)
    block: str | None = None  # a block title (its key)
    columns: list[tuple[str, str]] | None = None  # (fmt, table) pairs whose header has this label

    @property
    def empty(self) -> bool:
        return not self.tables


class Vocabulary:
    def __init__(self) -> None:
        self.rows: dict[str, list[RowRef]] = {}
        self.items: dict[str, list[RowRef]] = {}  # numbered rows by their text without the number
        self.groups: dict[str, set[str]] = {}
        self.blocks: dict[str, set[str]] = {}
        self.columns: dict[str, list[tuple[str, str]]] = {}
        self.markers: dict[str, str] = {}
        self.headings: dict[str, str] = {}  # section key -> section code (national)
        for fmt in FORMATS.values():
            for table in fmt.tables:
                for i, row in enumerate(table.rows):
                    ref = RowRef(fmt.code, table.code, row, i)
                    k = key(row.label)
                    self._add(self.rows, k, ref)
                    short = _TRAILING_NOTE.sub("", k)
                    if short != k and short:
                        self._add(self.rows, short, ref)
                    if has_number_prefix(k):
                        self._add(self.items, unnumbered(k), ref)
                        if short != k:
                            self._add(self.items, unnumbered(short), ref)
                    for g in row.path:
                        self.groups.setdefault(key(g), set()).add(table.code)
                for block in table.blocks:
                    if block.label and block.label not in {r.label for r in table.rows}:
                        self.blocks.setdefault(key(block.label), set()).add(table.code)
                    if block.header:
                        self.markers[key(block.header)] = table.code
                    for col in block.columns:
                        pair = (fmt.code, table.code)
                        lst = self.columns.setdefault(key(col.label), [])
                        if pair not in lst:
                            lst.append(pair)
                        if col.group:
                            self.markers[key(col.group)] = table.code
                if table.corner:
                    self.markers[key(table.corner)] = table.code
                if table.column_header:
                    self.markers[key(table.column_header)] = table.code
                if table.scalar_rows:
                    self.markers[key(table.title)] = table.code
            for sec in fmt.sections:
                self.headings[key(sec.heading)] = sec.code
        # legacy group labels that are printed as header rows without a value
        self._row_keys = sorted(self.rows, key=len, reverse=True)

    @staticmethod
    def _add(index: dict, k: str, ref: RowRef) -> None:
        lst = index.setdefault(k, [])
        if ref not in lst:
            lst.append(ref)

    def match(self, label: str, prefix: bool = True) -> Match:
        """Everything a printed label can be. `prefix` also accepts a known label followed
        by local explanatory text in brackets; joined fragments are matched without it."""
        k = key(label)
        if not k:
            return Match([], set())
        rows = list(self.rows.get(k, ()))
        if not rows and has_number_prefix(k):
            rows = list(self.items.get(unnumbered(k), ()))
        if not rows and prefix:
            # a label augmented with local explanatory text: 规章(设区的市…)
            for rk in self._row_keys:
                if len(rk) >= 2 and k.startswith(rk) and k[len(rk)] in "(（:：":
                    rows = list(self.rows[rk])
                    break
        tables = {r.table for r in rows}
        m = Match(rows, tables)
        if k in self.groups:
            m.group = k
            m.tables |= self.groups[k]
        if k in self.blocks:
            m.block = k
            m.tables |= self.blocks[k]
        cols = self.columns.get(k)
        if cols is None and prefix:
            for ck, pairs in self.columns.items():
                if len(ck) >= 4 and k.startswith(ck) and k[len(ck)] in "(（":
                    cols = pairs
                    break
        if cols:
            m.columns = cols
            m.tables |= {t for _, t in cols}
        if k in self.markers:
            m.tables.add(self.markers[k])
        if k in IGNORABLE or "政府信息公开情况统计表" in k:
            m.tables.add("legacy")
        return m

    def is_strong_marker(self, label: str) -> bool:
        """A printed cell that only occurs inside a statistics table."""
        k = key(label)
        if k in self.markers or k in self.blocks:
            return True
        if len(k) >= 4 and k in self.columns:  # 结果维持, 本年制发件数: printed only as table headers
            return True
        return "政府信息公开情况统计表" in k or k.startswith("统计指标")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary()
