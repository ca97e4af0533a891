"""Links into the compliance explorer (explorer.md) with a filter: every badge and count on
the site that stands for a set of reports points here, so a reader can see those reports.

The explorer keeps its whole view in the query string, so a link is also a shared view:
region (a division code: the reports at or below it), level, kind, year, rule (a rule id, or
several separated by commas: reports with a finding of any of them), severity (error | warning | info), late (late | ontime |
unknown), copied (1: reports with a 雷同 finding), table (missing | image | lacking: a national
table missing, published only as an image, or either), sort (a column key) and dir (asc | desc).
"""
from __future__ import annotations

from urllib.parse import urlencode

from .escape import rel

EXPLORER_MD = "explorer.md"
FILTERS = ("region", "level", "kind", "year", "rule", "severity", "late", "copied", "table", "sort", "dir")


def explorer_href(from_page: str, **filters: object) -> str:
    """The relative URL of the explorer filtered by `filters` (None values are left out)."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(f"not an explorer filter: {sorted(unknown)}")
    query = urlencode([(k, str(filters[k])) for k in FILTERS if filters.get(k) is not None])
    return rel(from_page, EXPLORER_MD) + (f"?{query}" if query else "")
