"""League tables: how the reports of each region, agency level and agency kind fare, so a
reader can compare places (issue: accountability).

Every share is a count over a stated denominator, and both travel together: a share of 1
out of 1 is not 100 % of anything, and the pages show small denominators as counts only.
One pass over the corpus tallies every region in each report's chain (province, city,
county), so the cost grows with the reports, not with the regions times the reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from .validate.rules.copies import R_COPY
from .corpus import Corpus
from .findings import ERROR
from .model import Report
from .regions import region_chain
from .validate.arithmetic import IDENTITY

COPY_RULE = R_COPY.id  # 雷同: a report copied from another (its findings carry params["score"])
MIN_SHARE_BASE = 5  # below this many reports a share is shown as a count only


@dataclass
class Tally:
    """Counts over the reports of one group. `*_base` are the denominators."""

    reports: int = 0
    timed: int = 0  # lateness known (by 发布日期 or 落款日期)
    on_time: int = 0
    late_days: list[int] = field(default_factory=list)  # days late of the late ones
    tabled: int = 0  # printing at least one statistics table as a table: arithmetic checkable
    arithmetic: int = 0  # of those, with an arithmetic error in the published tables
    tables_due: int = 0  # of a format with statistics tables
    tables_lacking: int = 0  # of those, a table missing or published only as an image
    copied: int = 0  # with a 雷同 finding

    @property
    def median_late(self) -> float | None:
        return median(self.late_days) if self.late_days else None

    def add(self, m: "ReportMeasures") -> None:
        self.reports += 1
        if m.days is not None:
            self.timed += 1
            if m.days == 0:
                self.on_time += 1
            else:
                self.late_days.append(m.days)
        self.tabled += m.tabled
        self.arithmetic += m.arithmetic
        self.tables_due += m.tables_due
        self.tables_lacking += m.tables_lacking
        self.copied += m.copied


@dataclass(frozen=True)
class ReportMeasures:
    days: int | None
    tabled: bool
    arithmetic: bool
    tables_due: bool
    tables_lacking: bool
    copied: bool


def measures(corpus: Corpus, r: Report) -> ReportMeasures:
    found = corpus.by_report.get(r.id, [])
    statuses = [t.status for t in r.tables.values()]
    return ReportMeasures(
        days=corpus.lateness(r).days,
        tabled="table" in statuses,
        # an acknowledged error is the source's own: the published table does not add up
        arithmetic=any(f.rule in IDENTITY and f.severity == ERROR for f in found),
        tables_due=bool(r.format.tables),
        tables_lacking=any(s in ("missing", "image") for s in statuses),
        copied=any(f.rule == COPY_RULE for f in found),
    )


@dataclass
class League:
    national: Tally
    by_region: dict[str, Tally]  # province, city and county codes
    by_level: dict[str, Tally]
    by_kind: dict[str, Tally]


def build_league(corpus: Corpus) -> League:
    league = League(Tally(), {}, {}, {})
    for r in corpus.reports.values():
        m = measures(corpus, r)
        league.national.add(m)
        for code in region_chain(r.division):
            league.by_region.setdefault(code, Tally()).add(m)
        agency = corpus.agency_of(r)
        if agency is not None:
            league.by_level.setdefault(agency.level, Tally()).add(m)
            league.by_kind.setdefault(agency.kind, Tally()).add(m)
    return league
