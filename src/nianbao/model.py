"""The report model: what a schema-valid YAML file means.

A cell keeps both its value (a number, or None for blank/unreadable) and the raw text
the publisher printed where that was not a plain number, so a blank never becomes 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .formats import FORMATS
from .formats.base import Format, Table
from .load import Document
from .paths import Location

Number = int | float


@dataclass(frozen=True, slots=True)
class Cell:
    value: Number | None
    raw: str | None = None  # the printed text, when it was not just the number

    @property
    def blank(self) -> bool:
        return self.value is None and not self.raw


_BLANK = Cell(None)
# Cells are immutable, so the common small integers share one instance each: building a
# report then costs a dict lookup per cell instead of a frozen-dataclass construction.
_INT_CELLS = {i: Cell(i) for i in range(0, 1000)}


def cell_from_yaml(v: Any) -> Cell:
    if v is None:
        return _BLANK
    if type(v) is int:
        cached = _INT_CELLS.get(v)
        return cached if cached is not None else Cell(v)
    if isinstance(v, dict):
        return Cell(v.get("value"), v.get("raw"))
    if isinstance(v, str):
        return Cell(None, v)
    return Cell(v)


def cell_to_yaml(c: Cell) -> Any:
    if c.raw is None:
        return c.value
    if c.value is None:
        return c.raw
    return {"value": c.value, "raw": c.raw}


@dataclass
class TableData:
    definition: Table
    format: Format
    status: str  # table | image | missing
    note: str
    rows: dict[str, list[Cell]]  # row code -> cells in printed column order
    own_format: bool  # False when the table declares a format other than the report's

    def value(self, row: str, column: str) -> Number | None:
        cell = self.cell(row, column)
        return None if cell is None else cell.value

    def cell(self, row: str, column: str) -> Cell | None:
        cells = self.rows.get(row)
        if cells is None:
            return None
        for i, c in enumerate(self.definition.row(row).columns):
            if c.code == column:
                return cells[i]
        raise KeyError(column)


@dataclass
class Section:
    heading: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Acknowledgement:
    rule: str
    cells: tuple[str, ...]
    note: str
    line: int | None


@dataclass
class Report:
    id: str
    agency_id: str
    division: str
    year: int
    format: Format
    path: str
    meta: dict[str, Any]
    sections: list[Section]
    tables: dict[str, TableData]
    local_tables: list[dict[str, Any]]
    acknowledged: list[Acknowledgement]
    doc: Document = field(repr=False)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    @property
    def dated(self) -> str | None:
        return self.meta.get("dated")

    @property
    def source_url(self) -> str:
        return self.meta["source"]["url"]

    def table(self, code: str) -> TableData | None:
        return self.tables.get(code)

    def row_line(self, table: str, row: str) -> int | None:
        return self.doc.line("tables", table, "rows", row)


def build_report(doc: Document, loc: Location) -> Report:
    """Build the model from a document that passed the schema."""
    data = doc.data
    fmt = FORMATS[data["format"]]
    tables: dict[str, TableData] = {}
    for code, t in (data.get("tables") or {}).items():
        tfmt = FORMATS[t.get("format", fmt.code)]
        definition = tfmt.table(code)
        rows = {}
        for row_code, cells in (t.get("rows") or {}).items():
            rows[row_code] = [cell_from_yaml(cells)] if definition.scalar_rows else [cell_from_yaml(c) for c in cells]
        tables[code] = TableData(definition, tfmt, t.get("status", "table"), t.get("note", ""), rows,
                                 tfmt is fmt)
    meta = {k: v for k, v in data.items() if k not in ("sections", "tables", "local_tables", "acknowledged")}
    return Report(
        id=loc.report_id, agency_id=loc.agency_id, division=loc.division, year=data["year"], format=fmt,
        path=doc.path, meta=meta,
        sections=[Section(s["heading"], s["text"]) for s in data.get("sections", [])],
        tables=tables, local_tables=list(data.get("local_tables", [])),
        acknowledged=[Acknowledgement(a["rule"], tuple(a.get("cells", ())), a["note"],
                                      doc.line("acknowledged", i))
                      for i, a in enumerate(data.get("acknowledged", []))],
        doc=doc,
    )


@dataclass
class Agency:
    id: str
    division: str
    slug: str
    name: str
    level: str
    kind: str
    path: str
    parent: str | None = None
    website: str | None = None
    township_code: str | None = None
    aliases: tuple[str, ...] = ()


def build_agency(doc: Document, loc: Location) -> Agency:
    d = doc.data
    return Agency(loc.agency_id, loc.division, loc.slug, d["name"], d["level"], d["kind"], doc.path,
                  d.get("parent"), d.get("website"), d.get("township_code"), tuple(d.get("aliases", ())))
