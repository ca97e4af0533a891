"""Comparisons on the pages: a report beside the same agency's previous year, a people's
government's report beside the sum of its departments' reports of the same year, and the
compare page (compare.md) where a reader puts any two reports side by side.

A blank is not a zero here either: a change or a sum over a blank cell is shown as unknown.
"""
from __future__ import annotations

import json

from ..formats import FORMATS
from ..model import Report, TableData
from ..numbers import shown
from ..vocabulary import GOVERNMENT
from .corpus import Corpus
from .escape import esc, rel
from .pages import agency_md, front, link, report_md

COMPARE_MD = "compare.md"
WIDE = 3  # rows with more columns than this are compared by their total (last column) only


def _cells(table: TableData) -> dict[tuple[str, str], float | None]:
    """(row, column) -> value of the cells compared: every column of a narrow row, the total
    of a wide one."""
    out: dict[tuple[str, str], float | None] = {}
    for code, cells in table.rows.items():
        if not table.definition.has_row(code):
            continue
        columns = table.definition.row(code).columns
        pairs = list(zip(columns, cells))
        for column, cell in (pairs if len(pairs) <= WIDE else pairs[-1:]):
            out[(code, column.code)] = cell.value
    return out


def _label(table: TableData, row: str, column: str) -> str:
    d = table.definition
    r = d.row(row)
    if d.scalar_rows:
        return r.ref
    name = next(c.label for c in r.columns if c.code == column)
    return f"{r.ref} {r.label} × {name}" if len(r.columns) > 1 else f"{r.ref} {r.label}"


def _num(v: float | None) -> str:
    return "空白" if v is None else shown(v)


def _change(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return '<td class="nb-num nb-muted">—</td>'
    d = now - before
    css = "nb-up" if d > 0 else "nb-down" if d < 0 else ""
    return f'<td class="nb-num {css}">{"+" if d > 0 else ""}{shown(d)}</td>'


def _side_by_side(caption: str, heads: tuple[str, str], rows: list[tuple[str, float | None, float | None]]) -> str:
    body = "".join(f'<tr><th scope="row">{esc(label)}</th><td class="nb-num">{_num(a)}</td>'
                   f'<td class="nb-num">{_num(b)}</td>{_change(b, a)}</tr>' for label, a, b in rows)
    return (f'<div class="nb-table-wrap"><table class="nb-list nb-compare"><caption>{esc(caption)}</caption><thead><tr>'
            f'<th scope="col">项目</th><th scope="col">{esc(heads[0])}</th><th scope="col">{esc(heads[1])}</th>'
            f'<th scope="col">增减</th></tr></thead><tbody>{body}</tbody></table></div>')


def year_on_year(r: Report, prev: Report) -> str:
    """Each table of `r` beside the same table of the previous year's report, cell by cell
    where both print the cell (a format change keeps the rows the two share)."""
    parts = []
    for code, table in r.tables.items():
        before = prev.tables.get(code)
        if table.status != "table" or before is None or before.status != "table":
            continue
        now_cells, old_cells = _cells(table), _cells(before)
        rows = [(_label(table, row, col), old_cells[(row, col)], v) for (row, col), v in now_cells.items()
                if (row, col) in old_cells]
        if rows:
            parts.append(_side_by_side(table.definition.title, (f"{prev.year}年度", f"{r.year}年度"), rows))
    return "".join(parts)


def departments_of(r: Report, corpus: Corpus) -> list[Report]:
    """The same year's reports of agencies registered under this people's government."""
    agency = corpus.agency_of(r)
    if agency is None or agency.kind != GOVERNMENT:
        return []
    out = []
    for aid in corpus.agencies_in.get(r.division, []):
        a = corpus.agencies.get(aid)
        if a is not None and a.parent == r.agency_id:
            out += [x for x in corpus.by_agency.get(aid, []) if x.year == r.year]
    return out


def with_departments(r: Report, departments: list[Report]) -> str:
    """Table 三's totals of the government beside the sum over its departments. A department
    whose cell is blank makes the sum unknown, and the sum need not equal anything."""
    table = r.tables.get("requests")
    if table is None or table.status != "table" or not departments:
        return ""
    own = _cells(table)
    sums: dict[tuple[str, str], float | None] = {}
    counted = 0
    for d in departments:
        t = d.tables.get("requests")
        if t is None or t.status != "table":
            continue
        counted += 1
        cells = _cells(t)
        for key in own:
            v, s = cells.get(key), sums.get(key, 0.0)
            sums[key] = None if v is None or s is None else s + v
    if not counted:
        return ""
    rows = [(_label(table, row, col), own[(row, col)], sums.get((row, col))) for row, col in own]
    return _side_by_side(table.definition.title, ("本机关", f"所属部门合计（{counted} 份）"), rows)


def compare_links(page: str, r: Report, prev: Report | None) -> str:
    target = rel(page, COMPARE_MD)
    links = []
    if prev is not None:
        links.append(f'<a href="{esc(target)}?a={esc(prev.id)}&amp;b={esc(r.id)}">与上一年度并排对比</a>')
    links.append(f'<a href="{esc(target)}?a={esc(r.id)}">与任意一份报告并排对比</a>')
    return '<p class="nb-compare-links" data-pagefind-ignore>' + "　".join(links) + "</p>"


def comparisons(page: str, r: Report, corpus: Corpus) -> list[str]:
    """The report page's comparison section, as Markdown lines (empty when nothing compares)."""
    years = {x.year: x for x in corpus.by_agency.get(r.agency_id, [])}
    prev = years.get(r.year - 1)
    out = ["## 比较", "", compare_links(page, r, prev), ""]
    if prev is not None:
        table = year_on_year(r, prev)
        if table:
            out += [f"### 与{link(page, report_md(prev), f'{prev.year}年度报告')}比较", "",
                    f'<details class="nb-yoy" data-pagefind-ignore><summary>逐项比较（{prev.year} → {r.year}）</summary>'
                    f"{table}</details>", ""]
    departments = departments_of(r, corpus)
    table = with_departments(r, departments)
    if table:
        names = "、".join(link(page, agency_md(d.agency_id), corpus.agencies[d.agency_id].name) for d in departments)
        out += ["### 与所属部门的报告合计比较", "",
                f'<p class="nb-note">本年度已收录所属部门的报告：{names}。各部门的申请数相加不必等于本机关的数字'
                "（政府报告只统计以政府名义办理的申请），这里只把两者并列。</p>",
                f'<details class="nb-depts" data-pagefind-ignore><summary>表三：本机关与所属部门合计</summary>{table}</details>', ""]
    return out


def _labels() -> dict:
    """Row and column labels by format and table, for the compare page's script."""
    out: dict = {}
    for fmt in FORMATS.values():
        for t in fmt.tables:
            out.setdefault(fmt.code, {})[t.code] = {
                "title": t.title,
                "rows": [[r.code, r.ref, r.label, [[c.code, c.label] for c in r.columns]] for r in t.rows],
            }
    return out


def compare_page(corpus: Corpus, slots) -> str:
    out = front("并排对比", wide=False)
    labels = json.dumps(_labels(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out += [
        "把两份报告的统计表逐项并排：可以是同一机构的两个年度，也可以是两个机构。"
        "报告编号形如 510727-zfb-2024（<行政区划代码>-<机构简称>-<年度>），见每份报告页的网址。",
        "",
        slots.put(
            f'<form id="nb-compare" class="nb-compare-form" data-pagefind-ignore data-labels="{esc(labels)}">'
            '<label for="nb-cmp-a">报告一</label> <input id="nb-cmp-a" name="a" autocomplete="off" spellcheck="false"> '
            '<label for="nb-cmp-b">报告二</label> <input id="nb-cmp-b" name="b" autocomplete="off" spellcheck="false"> '
            '<button type="submit">对比</button></form>'
            '<p id="nb-cmp-status" role="status" aria-live="polite"></p><div id="nb-cmp-out"></div>'
            '<script src="assets/compare.js" defer></script>'
            '<noscript><p>并排对比需要浏览器运行脚本；也可以下载两份报告的 CSV 自行比较。</p></noscript>'),
        "",
    ]
    return "\n".join(out) + "\n"
