"""Where each page lives and the small pieces every page is made of: paths, front matter,
links. Below every page module, so that they can use one another's pages without cycles."""
from __future__ import annotations

from ..model import Report
from .escape import esc, md_inline, plain_title, rel, yaml_str


def report_md(r: Report) -> str:
    return f"reports/{r.id}.md"


def agency_md(agency_id: str) -> str:
    return f"agencies/{agency_id}.md"


def region_md(code: str) -> str:
    return f"regions/{code}.md"


def year_md(year: int) -> str:
    return f"years/{year}.md"


def front(title: str, index: bool = False, wide: bool = True) -> list[str]:
    """A page's front matter and heading. `index`: Pagefind indexes the page (main.html)."""
    out = ["---", f"title: {yaml_str(plain_title(title))}"] + (["hide: [navigation]"] if wide else [])
    if index:
        out.append("nb_index: true")
    return out + ["---", "", f"# {md_inline(title)}", ""]


def link(page: str, target: str, text: object, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<a href="{esc(rel(page, target))}"{cls}>{esc(text)}</a>'
