"""The corpus as the site and the data package see it: one model, built once from a
validation Result. Reports and agencies by id, findings by report, reports by agency and
year, the regions that hold them, and table 三's figures for charts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .deadlines import Lateness, deadline_rule, lateness
from .findings import Finding, owner
from .formats.base import LEGACY, NEW, OUTCOME_GROUPS, Row
from .model import Agency, Report, TableData
from .regions import parent_region, region_chain


@dataclass
class Requests:
    """Table 三 totals of one report, for charts."""

    new: float | None
    outcomes: dict[str, float]
    legacy: bool


def _total(table: TableData, rows: tuple[Row, ...]) -> float | None:
    """The sum of the rows' totals (last column); None when none is known."""
    if table.status != "table":
        return None
    found, total = False, 0.0
    for r in rows:
        if r.code in table.rows:
            v = table.value(r.code, r.columns[-1].code)
            if v is not None:
                found, total = True, total + v
    return total if found else None


def requests_of(report: Report) -> Requests | None:
    """Table 三's figures (or the 2014 table's nearest rows): the first table that declares outcomes."""
    table = next((t for t in report.tables.values()
                  if any(t.definition.rows_of_outcome(code) for code, _ in OUTCOME_GROUPS)), None)
    if table is None:
        return None
    d = table.definition
    new = _total(table, d.rows_restating(NEW))
    outs = {code: _total(table, d.rows_of_outcome(code)) for code, _ in OUTCOME_GROUPS}
    if new is None and all(v is None for v in outs.values()):
        return None
    return Requests(new, {k: v for k, v in outs.items() if v is not None}, table.format.family == LEGACY)


@dataclass
class Corpus:
    reports: dict[str, Report]  # every validated report, by id (sorted)
    agencies: dict[str, Agency]  # registered agencies, by id (sorted)
    findings: list[Finding] = field(default_factory=list)  # all findings, sorted by file and line
    finding_report: list[str | None] = field(default_factory=list)  # report of each, among `packaged`
    by_report: dict[str, list[Finding]] = field(default_factory=dict)  # report id -> findings, as found
    by_agency: dict[str, list[Report]] = field(default_factory=dict)  # by year
    by_year: dict[int, list[Report]] = field(default_factory=dict)
    agencies_in: dict[str, list[str]] = field(default_factory=dict)  # division -> agency ids
    regions: set[str] = field(default_factory=set)  # every region code with a page
    requests: dict[str, Requests | None] = field(default_factory=dict)  # report id -> table 三 figures
    packaged: list[Report] = field(default_factory=list)  # reports of registered agencies, by id
    skipped: list[str] = field(default_factory=list)  # Chinese reasons for reports left out of the data

    @classmethod
    def from_result(cls, result: Any) -> Corpus:
        return build_corpus(result.reports, result.agencies, result.findings)

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    @property
    def year_span(self) -> list[int]:
        """Every year from the first report to the last, gaps included (table columns, charts)."""
        years = self.years
        return list(range(years[0], years[-1] + 1)) if years else []

    @property
    def provinces(self) -> list[str]:
        return sorted(r for r in self.regions if parent_region(r) is None)

    def agency_of(self, report: Report) -> Agency | None:
        return self.agencies.get(report.agency_id)

    def kind(self, report: Report) -> str | None:
        a = self.agency_of(report)
        return a.kind if a else None

    def lateness(self, report: Report) -> Lateness:
        """Days late by 发布日期, else by 落款日期 (and which), else unknown."""
        return lateness(report.published, report.dated, report.year, self.kind(report))

    def deadline_text(self, report: Report) -> str:
        a = self.agency_of(report)
        return deadline_rule(report.year, self.kind(report), a.level if a else None)

    def agencies_under(self, region: str) -> list[str]:
        """Agency ids at or below a region."""
        if region.endswith("0000"):
            prefix = region[:2]
        elif region.endswith("00"):
            prefix = region[:4]
        else:
            prefix = region
        return sorted(a for d, ids in self.agencies_in.items() if d.startswith(prefix) for a in ids)

    def children(self, region: str) -> list[str]:
        return sorted(r for r in self.regions if parent_region(r) == region and r != region)


def build_corpus(reports: dict[str, Report], agencies: dict[str, Agency], findings: list[Finding]) -> Corpus:
    c = Corpus(dict(sorted(reports.items())), dict(sorted(agencies.items())))
    path_to_id = {r.path: r.id for r in reports.values()}
    for f in findings:
        rid = owner(f, reports, path_to_id)
        if rid:
            c.by_report.setdefault(rid, []).append(f)
    for r in c.reports.values():
        c.by_agency.setdefault(r.agency_id, []).append(r)
        c.by_year.setdefault(r.year, []).append(r)
        c.requests[r.id] = requests_of(r)
        if r.agency_id in c.agencies:
            c.packaged.append(r)
        else:
            c.skipped.append(f"{r.path}：机构 {r.agency_id} 未登记，未收入数据集")
    for reps in c.by_agency.values():
        reps.sort(key=lambda r: r.year)
    for aid in sorted(set(c.by_agency) | set(agencies)):
        division = aid.split("-", 1)[0]
        c.agencies_in.setdefault(division, []).append(aid)
        c.regions.update(region_chain(division))
    # The data package numbers findings in file order and ties each to a packaged report.
    ids = {r.id for r in c.packaged}
    by_file = {r.path: r.id for r in c.packaged}
    c.findings = sorted(findings, key=lambda f: (*f.sort_key(), f.cells, f.message))
    c.finding_report = [owner(f, ids, by_file) for f in c.findings]
    return c
