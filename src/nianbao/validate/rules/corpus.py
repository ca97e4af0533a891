"""Rules across reports: the same agency's years, and the corpus as a whole.

The identities across years (上年结转, 现行有效件数 …) are declared in the formats and
evaluated by validate/arithmetic.py; this module feeds them the previous year's report.

They read `Facts`, a small picklable summary of each report, so that the per-report
pass can run in worker processes and send back only what the corpus pass needs.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from ...findings import ERROR, STAGE_CORPUS, Check, Finding, Rule
from ...formats import FORMATS
from ...formats.base import THIS_YEAR
from ...model import Agency, Report
from .. import arithmetic
from .copies import COPY_CHECK, Narrative, narrative_of

R_DUP = Rule("DUP-01", ERROR, STAGE_CORPUS, "同一机构登记了两次",
             "{detail}同一机构只应有一个目录：请把报告合并到一个目录，删去另一个；机构改名时把旧名写在 aliases 中。",
             formula="同一行政区划内没有两个名称相同的机构；名称或别名相同的两个机构，同一年度不能各有一份报告")


@dataclass
class Facts:
    """What cross-report rules need to know of one report."""

    id: str
    agency_id: str
    year: int
    format: str
    path: str
    kind: str | None = None  # agency kind, when known
    published: str | None = None
    dated: str | None = None
    # (table, row) -> cells as (column code, value) pairs, for the rows corpus rules read
    rows: dict[tuple[str, str], tuple[tuple[str, object], ...]] = field(default_factory=dict)
    lines: dict[tuple[str, str], int | None] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # table code -> format code of its definition
    title: str = ""
    acks: tuple[tuple[str, tuple[str, ...], str, int | None], ...] = ()  # (rule, cells, note, line)
    narrative: Narrative | None = None  # the narrative's MinHash signature, for COPY-01 (copies.py)


def _fact_rows() -> frozenset[tuple[str, str]]:
    """(table, row) pairs the identities across years read, in either year: copied into Facts."""
    out = set()
    for fmt in FORMATS.values():
        for table in fmt.tables:
            for rule in table.rules:
                if rule.across_years:
                    out.update((t.table or table.code, t.row) for i in rule.identities for t in i.terms)
    return frozenset(out)


FACT_ROWS = _fact_rows()


def facts_of(report: Report, kind: str | None = None) -> Facts:
    f = Facts(report.id, report.agency_id, report.year, report.format.code, report.path, kind,
              report.published, report.dated, title=report.title,
              acks=tuple((a.rule, a.cells, a.note, a.line) for a in report.acknowledged),
              narrative=narrative_of(report))
    for code, t in report.tables.items():
        if t.status != "table":
            continue
        f.tables[code] = t.format.code
        for row_code, cells in t.rows.items():
            if (code, row_code) not in FACT_ROWS or not t.definition.has_row(row_code):
                continue
            cols = t.definition.row(row_code).columns
            f.rows[(code, row_code)] = tuple((c.code, cell.value) for c, cell in zip(cols, cells))
            f.lines[(code, row_code)] = report.row_line(code, row_code)
    return f


def by_agency(facts: list[Facts]) -> dict[str, dict[int, Facts]]:
    out: dict[str, dict[int, Facts]] = {}
    for f in facts:
        out.setdefault(f.agency_id, {})[f.year] = f
    return out


def _pairs(facts: list[Facts], selected: set[str]):
    """(this year, previous year) of the same agency where either report is selected: a change
    to last year's report can break this year's continuity, and whoever validates the changed
    file should see it. The finding stays on the later report, where the 上年 figure is printed."""
    for years in by_agency(facts).values():
        for year, this in sorted(years.items()):
            prev = years.get(year - 1)
            if prev is not None and (this.id in selected or prev.id in selected):
                yield this, prev


def _reader(this: Facts, prev: Facts):
    def read(table: str, year: int, row: str, column: str) -> object:
        f = this if year == THIS_YEAR else prev
        cells = f.rows.get((table, row))
        if cells is None:
            return arithmetic.MISSING
        for code, value in cells:
            if code == column:
                return value
        return arithmetic.MISSING  # e.g. the 2019 table has no 现行有效件数

    return read


def _definitions(this: Facts, prev: Facts, own: str):
    """The definition each term's cell is printed in: a table may use a format other than its
    report's, and last year's table another format than this year's."""
    def definition_of(term):
        f = this if term.year == THIS_YEAR else prev
        table = term.table or own
        return FORMATS[f.tables[table]].table(table)

    return definition_of


def check_across_years(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """The identities across years, on each report and the same agency's previous year. A
    blank makes one unverifiable and says nothing: the report pass already counted it."""
    out: list[Finding] = []
    for this, prev in _pairs(facts, selected):
        read = _reader(this, prev)
        for current, fmt in sorted(this.tables.items()):
            definition = FORMATS[fmt].table(current)
            definition_of = _definitions(this, prev, current)
            for c in arithmetic.compiled(definition, across_years=True):
                result = arithmetic.evaluate(c, read)
                if result is None or not result.failed:
                    continue
                out.append(arithmetic.identity_finding(
                    this.path, lambda t, r, this=this: this.lines.get((t, r)), definition, c, result,
                    definition_of, (prev.id, prev.year, prev.path)))
    return out


def _norm_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def check_duplicates(facts: list[Facts], selected: set[str], agencies: Mapping[str, Agency]) -> list[Finding]:
    """DUP-01: one agency registered twice in a division (same name, or a name that is the other's alias)."""
    out: list[Finding] = []
    by_division: dict[str, list[Agency]] = {}
    for a in sorted(agencies.values(), key=lambda a: a.id):
        by_division.setdefault(a.division, []).append(a)
    years = by_agency(facts)
    for group in by_division.values():
        for i, a in enumerate(group):
            for b in group[:i]:
                na, nb = _norm_name(a.name), _norm_name(b.name)
                if na == nb:
                    out.append(R_DUP.finding(a.path, 1, cells=(b.id,), detail=(
                        f"机构“{a.name}”（{a.id}）与 {b.path} 里的机构（{b.id}）名称相同。")))
                    how = "名称相同"
                elif na in {_norm_name(x) for x in b.aliases} or nb in {_norm_name(x) for x in a.aliases}:
                    how = "一方的名称是另一方的别名"
                else:
                    continue
                both = sorted(set(years.get(a.id, {})) & set(years.get(b.id, {})))
                for year in both:
                    fa, fb = years[a.id][year], years[b.id][year]
                    if fa.id not in selected and fb.id not in selected:
                        continue
                    out.append(R_DUP.finding(fa.path, 1, cells=(fb.id,), year=year, detail=(
                        f"{year} 年度的报告在两个机构目录里各有一份：本文件与 {fb.path}；"
                        f"机构“{a.name}”与“{b.name}”{how}，看来是同一机构。")))
    return out


# Each check beside the rules it may fire; the duplicate check also reads the agencies.
ACROSS_YEARS_CHECK = Check(check_across_years, arithmetic.ACROSS_YEARS_RULES)
CORPUS_CHECKS = (ACROSS_YEARS_CHECK, COPY_CHECK)
DUPLICATE_CHECK = Check(check_duplicates, (R_DUP,))
# This module's rules; COPY-01 is listed from its own module (validate/registry.py).
RULES = tuple(rule for check in (ACROSS_YEARS_CHECK, DUPLICATE_CHECK) for rule in check.rules)


def check_corpus(facts: list[Facts], selected: set[str],
                 agencies: Mapping[str, Agency] | None = None) -> list[Finding]:
    """Cross-report findings for the reports in `selected` (ids), reading all `facts`."""
    out: list[Finding] = []
    for check in CORPUS_CHECKS:
        out += check.run(facts, selected)
    if agencies:
        out += DUPLICATE_CHECK.run(facts, selected, agencies)
    return out
