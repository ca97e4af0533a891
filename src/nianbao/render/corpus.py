"""What the pages need to know about the whole corpus, computed once from a validation
Result: reports by agency, region and year, findings by report, request totals for charts."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..deadlines import days_late, deadline_rule
from ..findings import STAGE_CORPUS, Finding, owner
from ..validate.registry import REGISTRY
from ..formats.base import LEGACY, NEW, OUTCOME_GROUPS, Row
from ..model import Agency, Report, TableData
from ..regions import is_valid, name_of, parent_of, path_of


# How requests ended, for charts: the groups and the rows that feed each are declared with the
# formats (Row.outcome); the 2014 table's rows map to them only approximately.
OUTCOME_LABELS = dict(OUTCOME_GROUPS)


def region_name(code: str) -> str:
    """The division's name; its code when the division table does not know it."""
    return name_of(code) or code


def province_of(division: str) -> str:
    return division[:2] + "0000"


def city_of(division: str) -> str:
    return division[:4] + "00"


def region_chain(division: str) -> list[str]:
    """Province, city, county codes above and including `division` (no repeats).

    The division table's own tree comes first: a 直辖市's districts and a 省直辖县 sit
    directly under the province, with no statistical "市辖区" level between."""
    known = [code for code, _ in path_of(division)]
    if known:
        return known
    chain = [province_of(division), city_of(division), division]
    out: list[str] = []
    for c in chain:
        if c not in out:
            out.append(c)
    return out


def parent_region(code: str) -> str | None:
    if is_valid(code):
        return parent_of(code)
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return province_of(code)
    return city_of(code)


@dataclass
class Requests:
    """Table 三 totals of one report, for charts."""

    new: float | None
    outcomes: dict[str, float]
    legacy: bool


def _total(table: TableData, rows: list[Row]) -> float | None:
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
    table = next((t for t in report.tables.values() if any(r.outcome for r in t.definition.rows)), None)
    if table is None:
        return None
    rows = table.definition.rows
    new = _total(table, [r for r in rows if r.restates == NEW])
    outs = {code: _total(table, [r for r in rows if r.outcome == code]) for code, _ in OUTCOME_GROUPS}
    if new is None and all(v is None for v in outs.values()):
        return None
    return Requests(new, {k: v for k, v in outs.items() if v is not None}, table.format.family == LEGACY)


@dataclass
class Corpus:
    reports: dict[str, Report]
    agencies: dict[str, Agency]
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # report id -> findings
    by_agency: dict[str, list[Report]] = field(default_factory=dict)
    by_year: dict[int, list[Report]] = field(default_factory=dict)
    agencies_in: dict[str, list[str]] = field(default_factory=dict)  # division -> agency ids
    regions: set[str] = field(default_factory=set)  # every region code with a page
    requests: dict[str, Requests | None] = field(default_factory=dict)

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

    def days_late(self, report: Report) -> int | None:
        return days_late(report.published, report.year, self.kind(report))

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


def is_cross_report(f: Finding) -> bool:
    rule = REGISTRY.get(f.rule)
    return rule is not None and rule.stage == STAGE_CORPUS


def build_corpus(reports: dict[str, Report], agencies: dict[str, Agency], findings: list[Finding]) -> Corpus:
    c = Corpus(dict(sorted(reports.items())), agencies)
    path_to_id = {r.path: r.id for r in reports.values()}
    for f in findings:
        rid = owner(f, reports, path_to_id)
        if rid:
            c.findings.setdefault(rid, []).append(f)
    for r in c.reports.values():
        c.by_agency.setdefault(r.agency_id, []).append(r)
        c.by_year.setdefault(r.year, []).append(r)
        c.requests[r.id] = requests_of(r)
    for reps in c.by_agency.values():
        reps.sort(key=lambda r: r.year)
    for aid in sorted(set(c.by_agency) | set(agencies)):
        division = aid.split("-", 1)[0]
        c.agencies_in.setdefault(division, []).append(aid)
        c.regions.update(region_chain(division))
    return c
