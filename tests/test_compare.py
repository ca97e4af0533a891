"""Comparisons: a report beside its agency's previous year, a people's government beside the
sum of its departments, blanks kept blank."""
from __future__ import annotations

from nianbao.corpus import build_corpus
from nianbao.render.compare import comparisons, departments_of, with_departments, year_on_year
from nianbao.validate import validate
from nianbao.vocabulary import GOVERNMENT


def _corpus(root):
    result = validate([root], root, keep_reports=True)
    return build_corpus(result.reports, result.agencies, result.findings)


def _total(report, row):
    return report.tables["requests"].value(row, "total")


def test_a_report_beside_its_previous_year_shows_both_values_and_the_change(generated):
    corpus = _corpus(generated(120, 7))
    for r in corpus.reports.values():
        prev = next((x for x in corpus.by_agency[r.agency_id] if x.year == r.year - 1), None)
        if prev and "requests" in r.tables and "requests" in prev.tables:
            break
    html = year_on_year(r, prev)
    now, before = _total(r, "r1"), _total(prev, "r1")
    row = next(tr for tr in html.split("<tr>") if "一、本年新收政府信息公开申请数量" in tr)
    assert f'<td class="nb-num">{before}</td><td class="nb-num">{now}</td>' in row
    change = now - before
    assert (f"+{change}" if change > 0 else str(change)) in row
    assert f"{prev.year}年度" in html and f"{r.year}年度" in html


def test_a_government_beside_the_sum_of_its_departments(generated):
    corpus = _corpus(generated(300, 3))
    pairs = [(r, departments_of(r, corpus)) for r in corpus.reports.values()
             if corpus.agency_of(r).kind == GOVERNMENT and "requests" in r.tables]
    r, departments = next((r, d) for r, d in pairs if len(d) >= 2)
    html = with_departments(r, departments)
    counted = [d for d in departments if "requests" in d.tables and d.tables["requests"].status == "table"]
    assert f"所属部门合计（{len(counted)} 份）" in html
    total = sum(_total(d, "r1") for d in counted)
    row = next(tr for tr in html.split("<tr>") if "一、本年新收政府信息公开申请数量" in tr)
    assert f'<td class="nb-num">{_total(r, "r1")}</td><td class="nb-num">{total}</td>' in row
    page = "\n".join(comparisons("reports/x.md", r, corpus))
    assert "与所属部门的报告合计比较" in page


def test_a_blank_cell_makes_the_change_and_the_sum_unknown(generated):
    corpus = _corpus(generated(120, 7))
    r = next(r for r in corpus.reports.values()
             if any(x.year == r.year - 1 and "requests" in x.tables for x in corpus.by_agency[r.agency_id])
             and "requests" in r.tables)
    prev = next(x for x in corpus.by_agency[r.agency_id] if x.year == r.year - 1)
    from nianbao.model import Cell

    r.tables["requests"].rows["r1"][-1] = Cell(None)
    row = next(tr for tr in year_on_year(r, prev).split("<tr>") if "一、本年新收政府信息公开申请数量" in tr)
    assert ">空白<" in row and 'nb-muted">—' in row
