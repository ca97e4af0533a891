"""Statutory deadlines for publishing an annual report, in one place.

The site, the rules and the data packages all ask here; nobody else spells a date.

- Regulation of 2019 (国务院令第711号, Art. 49), reports for 2019 onward:
  departments, dispatched bodies and authorised organisations by 31 January of the
  following year; people's governments (人民政府) by 31 March.
- Regulation of 2007 (国务院令第492号), reports before 2019: 31 March for every body.
- Township governments (乡级): Art. 49 of 2019 names only bodies at county level and above;
  townships publish under local rules, so 31 March of the governments above them is used as a
  reference and said to be one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .vocabulary import GOVERNMENT, TOWNSHIP

FIRST_YEAR_2019_RULES = 2019  # first report year under the 2019 regulation


def deadline(year: int, kind: str | None) -> dt.date:
    """Last day to publish the report of `year` for an agency of `kind` (agency.yaml `kind`)."""
    if year < FIRST_YEAR_2019_RULES or kind == GOVERNMENT:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def deadline_rule(year: int, kind: str | None, level: str | None = None) -> str:
    """The deadline in words, Chinese, for pages and messages."""
    day = deadline(year, kind)
    if year < FIRST_YEAR_2019_RULES:
        basis = "《政府信息公开条例》（2007年）"
    elif level == TOWNSHIP:
        basis = "条例第四十九条未规定乡级政府的期限，参照县级以上政府的期限"
    else:
        basis = "《政府信息公开条例》（2019年修订）第四十九条"
    return f"{basis}：{day.year}年{day.month}月{day.day}日前"


def parse_date(text: str | None) -> dt.date | None:
    """An ISO date, or None when absent or not a real date (the rules report those)."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def days_late(published: str | None, year: int, kind: str | None) -> int | None:
    """Days after the deadline the report was published: 0 when on time, None when unknown."""
    day = parse_date(published)
    if day is None:
        return None
    return max(0, (day - deadline(year, kind)).days)


PUBLISHED, DATED = "published", "dated"
BASIS_ZH = {PUBLISHED: "发布日期", DATED: "落款日期"}


@dataclass(frozen=True)
class Lateness:
    days: int | None  # after the deadline; 0 on time; None when neither date is known
    basis: str | None  # PUBLISHED, or DATED when only the signature date is known

    @property
    def known(self) -> bool:
        return self.days is not None


def lateness(published: str | None, dated: str | None, year: int, kind: str | None) -> Lateness:
    """Lateness from what is known: the publication date, else the date the report is signed
    (a report cannot be published before it is signed, so a late 落款日期 is late publication)."""
    for basis, value in ((PUBLISHED, published), (DATED, dated)):
        days = days_late(value, year, kind)
        if days is not None:
            return Lateness(days, basis)
    return Lateness(None, None)


NO_CONTENT_DATE = dt.date(2020, 1, 1)  # an empty corpus still builds reproducibly


def content_date(reports) -> dt.date:
    """The latest date the content names (published, dated, retrieved): the corpus's own
    "now", for timestamps that must not come from the clock (site, data package, zips)."""
    days: list[dt.date] = []
    for r in reports:
        src = r.meta.get("source") or {}
        days += filter(None, map(parse_date, (r.published, r.dated, src.get("retrieved"))))
    return max(days) if days else NO_CONTENT_DATE
