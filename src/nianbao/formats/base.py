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

# Format families: what a format's tables are, for the code that treats them alike.
NATIONAL = "national"  # the national format of 2019 and its successors: sections, tables 二, 三, 四
LEGACY = "legacy"  # the 2014 statistics table, one value per row
LOCAL = "local"  # no national table: kept as printed

# Quantities a report's narrative restates from its tables (TXT-01 and the charts read them).
NEW, CARRIED, HANDLED, FORWARD, REVIEW, LITIGATION = "new", "carried", "handled", "forward", "review", "litigation"
QUANTITY_ZH = {
    NEW: "本年新收（收到、受理）的申请",
    CARRIED: "上年结转的申请",
    HANDLED: "办结（答复）的申请",
    FORWARD: "结转下年度的申请",
    REVIEW: "政府信息公开行政复议",
    LITIGATION: "政府信息公开行政诉讼",
}

# How requests were answered, the groups the charts compare across years and formats.
OUTCOME_GROUPS = (
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("refused", "不予公开"),
    ("unable", "无法提供"),
    ("not_handled", "不予处理"),
    ("other", "其他处理"),
)


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
    outcome: str | None = None  # the OUTCOME_GROUPS group its requests count towards
    restates: str | None = None  # the narrative quantity its total (last column) counts towards
    typical: float | None = None  # synthetic corpus: weight among its siblings, or a magnitude

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.block.columns

    def cell_kind(self, column: Column) -> str:
        return self.kind or column.kind

    def cell_unit(self, column: Column) -> str | None:
        return self.unit if self.unit is not None else column.unit


THIS_YEAR, PREVIOUS_YEAR = 0, -1


@dataclass(frozen=True)
class Term:
    """One cell in an identity, with a sign. The cell is in the identity's own table unless
    `table` names another table of the same report, and in this report unless `year` is -1:
    the same agency's report of the previous year."""

    row: str
    column: str
    sign: int = 1
    table: str | None = None
    year: int = THIS_YEAR


@dataclass(frozen=True)
class Identity:
    """A concrete arithmetic statement between cells: sum(left) REL sum(right)."""

    rule: str  # rule id this identity belongs to
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: str = "="  # '=' or '<='

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def across_years(self) -> bool:
        return any(t.year != THIS_YEAR for t in self.terms)


@dataclass(frozen=True)
class IdentityRule:
    """A declared family of identities sharing a rule id."""

    id: str
    severity: str
    title: str  # Chinese, short
    formula: str  # Chinese, human-readable formula for `nianbao rules` and the site
    table: str  # table code it reads
    identities: tuple[Identity, ...] = field(default=(), repr=False)
    note: str = ""  # Chinese: when a failure may still be right, and what to check

    @property
    def across_years(self) -> bool:
        """Read in the pass across reports: some term is in the previous year's report."""
        return any(i.across_years for i in self.identities)


@dataclass(frozen=True)
class Mention:
    """A cell whose non-zero value the report must explain in a section (TXT-03)."""

    row: str
    column: str
    section: str  # section numeral, e.g. 六
    phrase: str  # the words the section must contain


@dataclass(frozen=True)
class DataResource:
    """The long-form resource of the data package that holds a table's cells. Tables of two
    formats that print alike share one (table 四 of 2019 and 2021)."""

    name: str  # resource name, ASCII
    title: str  # Chinese
    description: str  # Chinese


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
    mentions: tuple[Mention, ...] = ()
    data: DataResource | None = None

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

    def rows_restating(self, quantity: str) -> tuple[Row, ...]:
        """The rows whose totals the narrative quantity sums (Row.restates)."""
        return self._grouped("_restating", lambda r: r.restates).get(quantity, ())

    def rows_of_outcome(self, group: str) -> tuple[Row, ...]:
        """The rows counting towards an OUTCOME_GROUPS group (Row.outcome)."""
        return self._grouped("_outcomes", lambda r: r.outcome).get(group, ())

    def _grouped(self, name: str, key) -> dict[str, tuple[Row, ...]]:
        # Computed once per table: the checks and the pages ask for every report.
        groups = self.__dict__.get(name)
        if groups is None:
            found: dict[str, list[Row]] = {}
            for r in self.rows:
                if key(r):
                    found.setdefault(key(r), []).append(r)
            groups = {k: tuple(v) for k, v in found.items()}
            object.__setattr__(self, name, groups)
        return groups

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
    family: str = NATIONAL
    short: str = ""  # Chinese short name, e.g. 2021年版

    @property
    def national(self) -> bool:
        return self.family == NATIONAL

    def table(self, code: str) -> Table:
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(code)

    def has_table(self, code: str) -> bool:
        return any(t.code == code for t in self.tables)


def sum_identity(rule: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> Identity:
    return Identity(rule, (Term(*total),), tuple(Term(r, c) for r, c in parts))
