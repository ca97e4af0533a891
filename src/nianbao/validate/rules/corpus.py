"""Rules across reports: the same agency's years, and the corpus as a whole.

They read `Facts`, a small picklable summary of each report, so that the per-report
pass can run in worker processes and send back only what the corpus pass needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ...findings import WARNING, STAGE_CORPUS, Finding, Rule, declare
from ...formats import FORMATS
from ...model import Report

R_CARRY, = declare(
    Rule("T3-05", WARNING, STAGE_CORPUS, "上年结转与上一年度的结转下年度不一致",
         "{cell}：本年“二、上年结转”为 {this}，而 {prev_year} 年度报告的“四、结转下年度继续办理”为 {prev}"
         "（{prev_file}），相差 {diff}。机构合并、拆分或更正数据时可能如此，请核对。"),
)


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
    title: str = ""
    acks: tuple[tuple[str, tuple[str, ...], str, int | None], ...] = ()  # (rule, cells, note, line)


# (table, row) pairs copied into Facts.
FACT_ROWS = (("requests", "r2"), ("requests", "r4"),
             ("proactive", "rules"), ("proactive", "normative"),
             ("proactive", "licensing"), ("proactive", "other_services"), ("proactive", "penalty"),
             ("proactive", "coercion"), ("proactive", "fees"))


def facts_of(report: Report, kind: str | None = None) -> Facts:
    f = Facts(report.id, report.agency_id, report.year, report.format.code, report.path, kind,
              report.published, report.dated, title=report.title,
              acks=tuple((a.rule, a.cells, a.note, a.line) for a in report.acknowledged))
    for table_code, row_code in FACT_ROWS:
        t = report.tables.get(table_code)
        if t is None or t.status != "table" or row_code not in t.rows:
            continue
        cols = t.definition.row(row_code).columns
        f.rows[(table_code, row_code)] = tuple((c.code, cell.value) for c, cell in zip(cols, t.rows[row_code]))
        f.lines[(table_code, row_code)] = report.row_line(table_code, row_code)
    return f


def by_agency(facts: list[Facts]) -> dict[str, dict[int, Facts]]:
    out: dict[str, dict[int, Facts]] = {}
    for f in facts:
        out.setdefault(f.agency_id, {})[f.year] = f
    return out


def check_carry_over(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """T3-05: this year's 上年结转 equals last year's 结转下年度继续办理, per column."""
    out: list[Finding] = []
    for years in by_agency(facts).values():
        for year, this in years.items():
            prev = years.get(year - 1)
            if prev is None or this.id not in selected:
                continue
            carried = dict(this.rows.get(("requests", "r2"), ()))
            forward = dict(prev.rows.get(("requests", "r4"), ()))
            for col, v in carried.items():
                p = forward.get(col)
                if v is None or p is None or v == p:
                    continue
                label = FORMATS[this.format].table("requests").cell_label("r2", col)
                out.append(R_CARRY.finding(this.path, this.lines.get(("requests", "r2")),
                                           cells=(f"requests.r2.{col}", f"{prev.id}:requests.r4.{col}"),
                                           cell=label, this=v, prev=p, prev_year=prev.year,
                                           prev_file=prev.path, diff=abs(v - p)))
    return out


CORPUS_CHECKS: tuple[Callable[[list[Facts], set[str]], list[Finding]], ...] = (
    check_carry_over,
)


def check_corpus(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """Cross-report findings for the reports in `selected` (ids), reading all `facts`."""
    out: list[Finding] = []
    for check in CORPUS_CHECKS:
        out += check(facts, selected)
    return out
