"""The vocabulary in which each national format is declared.

A format is data: sections, tables, rows, columns and the arithmetic identities
between cells. The schema, the checks, the importer, the pages and the data
packages all read these objects; none of them spells a printed label again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Cell kinds: what a cell may hold.
COUNT = "count"  # integer >= 0
SIGNED = "signed"  # integer, may be negative (2019 本年增/减)
AMOUNT = "amount"  # decimal >= 0 (money)


@dataclass(frozen=True)
class Column:
    code: str  # ASCII, stable: used in data packages and cell references
    label: str  # exactly as printed
    kind: str = COUNT
    unit: str | None = "件"
    group: str | None = None  # printed header spanning several columns


@dataclass(frozen=True)
class Block:
    """A group of rows sharing one set of columns (table 二's 第二十条 blocks)."""

    code: str
    label: str  # printed block title, '' when the table has a single block
    columns: tuple[Column, ...]
    header: str | None = None  # printed header of the label column (信息内容)


@dataclass(frozen=True)
class Row:
    code: str  # ASCII key in YAML, e.g. r3_3_1
    label: str  # the row's own printed label
    ref: str  # short printed reference, e.g. 三（三）1
    block: Block
    path: tuple[str, ...] = ()  # printed labels of the merged group cells above it
    unit: str | None = None  # legacy tables print a unit per row
    kind: str | None = None  # legacy tables: kind per row (overrides the column's)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.block.columns

    def cell_kind(self, column: Column) -> str:
        return self.kind or column.kind

    def cell_unit(self, column: Column) -> str | None:
        return self.unit if self.unit is not None else column.unit


@dataclass(frozen=True)
class Term:
    """One cell in an identity, with a sign."""

    row: str
    column: str
    sign: int = 1


@dataclass(frozen=True)
class Identity:
    """A concrete arithmetic statement between cells: sum(left) REL sum(right)."""

    rule: str  # rule id this identity belongs to
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: str = "="  # '=' or '<='


@dataclass(frozen=True)
class IdentityRule:
    """A declared family of identities sharing a rule id."""

    id: str
    severity: str
    title: str  # Chinese, short
    formula: str  # Chinese, human-readable formula for `nianbao rules` and the site
    table: str  # table code it reads
    identities: tuple[Identity, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Table:
    code: str  # proactive | requests | review | legacy
    title: str  # printed caption (the section heading the table sits under)
    blocks: tuple[Block, ...]
    rows: tuple[Row, ...]
    corner: str | None = None  # printed top-left cell (table 三's 勾稽 note)
    column_header: str | None = None  # printed header above all value columns (申请人情况)
    scalar_rows: bool = False  # legacy: one value per row, written as a scalar in YAML
    rules: tuple[IdentityRule, ...] = ()

    def row(self, code: str) -> Row:
        return self._row_index()[code]

    def _row_index(self) -> dict[str, Row]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {r.code: r for r in self.rows}
            object.__setattr__(self, "_index", index)
        return index

    def has_row(self, code: str) -> bool:
        return code in self._row_index()

    def cell_label(self, row_code: str, column_code: str) -> str:
        """Printed reference of a cell, e.g. '三（四）1 × 自然人'."""
        row = self.row(row_code)
        if self.scalar_rows:
            return row.ref
        for col in row.columns:
            if col.code == column_code:
                return f"{row.ref} × {col.label}"
        raise KeyError(column_code)


@dataclass(frozen=True)
class Section:
    code: str
    numeral: str  # 一 … 六
    heading: str  # exactly as printed in the national format


@dataclass(frozen=True)
class Format:
    code: str  # gov2021 | gov2019 | legacy2014 | local
    title: str  # Chinese name
    description: str
    years: tuple[int, int]  # report years this format is normally used for
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    source: str  # the notice that defines it

    def table(self, code: str) -> Table:
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(code)

    def has_table(self, code: str) -> bool:
        return any(t.code == code for t in self.tables)


def sum_identity(rule: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> Identity:
    return Identity(rule, (Term(*total),), tuple(Term(r, c) for r, c in parts))
