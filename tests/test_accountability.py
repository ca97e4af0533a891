"""The site answers questions across reports: whose fault a finding is, league tables with
their denominators, and charts that say how many reports stand behind each point."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import CONTENT
from nianbao.corpus import build_corpus
from nianbao.findings import PUBLISHER, RECORD
from nianbao.league import MIN_SHARE_BASE, build_league
from nianbao.render import render_site
from nianbao.render.league import league_table
from nianbao.render.report_page import SiteOptions
from nianbao.validate import validate
from nianbao.validate.registry import all_rules

# What contributors write and readers should never see: YAML keys, `~`, line numbers, files.
YAML_WORDS = re.compile(r"source\.url|source\.archive|acknowledged|\bnotes\b|\bpublished\b|\bdated\b|\blevel\b"
                        r"|~|\.yaml|第 \d+ 行")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("acc")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    result = validate([content], content, keep_reports=True)
    render_site(result, root / "docs", root / "slots", SiteOptions())
    pages = {}
    for p in (root / "docs").rglob("*.md"):
        rel = str(p.relative_to(root / "docs"))
        text = p.read_text(encoding="utf-8")
        store = root / "slots" / (rel[:-3] + ".json")
        if store.is_file():  # the page's large fragments, put back where the page holds them
            for i, html in enumerate(json.loads(store.read_text(encoding="utf-8"))):
                text = text.replace(f'<div class="nb-slot" data-slot="{i}"></div>', html)
        pages[rel] = text
    return result, pages


def test_every_rule_says_on_the_site_without_yaml_words():
    for rule in all_rules():
        text = re.sub(r"\{[^}]*\}", "", rule.public or rule.template)
        if rule.severity == "error" and not rule.public:
            continue  # a blocking error never reaches the site unless acknowledged, and then has public text
        assert not YAML_WORDS.search(text), (rule.id, text)


def test_rules_whose_findings_can_be_acknowledged_have_public_text():
    by_id = {r.id: r for r in all_rules()}
    for rid in ("STRUCT-01", "SAFE-01", "CELL-01", "CELL-03", "CELL-04", "META-02"):
        assert by_id[rid].public and not YAML_WORDS.search(re.sub(r"\{[^}]*\}", "", by_id[rid].public)), rid


def test_findings_on_report_pages_are_plain_chinese_and_split_by_party(rendered):
    result, pages = rendered
    page = pages["reports/520400-jkq-2022.md"]
    findings = re.findall(r'<li class="nb-finding[^"]*"[^>]*>(.*?)</li>', page, re.S)
    assert findings
    for li in findings:
        assert not YAML_WORDS.search(re.sub(r"<[^>]+>", "", li)), li
    publisher, record = page.index("### 发布机关的报告"), page.index("### 本站的记录")
    assert publisher < page.index("STRUCT-03") < record < page.index("META-04")
    assert "待补充" in page[record:] and "待补充" not in page[publisher:record]
    # 安顺 2022's table 三 in the 2019 layout is acknowledged as the source's own: the publisher's
    assert publisher < page.index("STRUCT-02") < record


def test_league_tallies_add_up_and_keep_their_denominators(rendered):
    result, _ = rendered
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    league = build_league(corpus)
    provinces = [league.by_region[p] for p in corpus.provinces]
    assert sum(t.reports for t in provinces) == league.national.reports == len(corpus.reports)
    assert sum(t.on_time for t in provinces) == league.national.on_time
    assert sum(len(t.late_days) for t in provinces) == len(league.national.late_days) == 2  # 扈胡镇 2023, 安顺 2022
    assert sorted(league.national.late_days) == [20, 162]
    guizhou = league.by_region["520000"]
    assert (guizhou.reports, guizhou.timed, guizhou.on_time, guizhou.median_late) == (1, 1, 0, 20)
    assert league.national.tables_lacking == sum(t.tables_lacking for t in provinces) >= 2


def test_small_denominators_are_counts_not_percentages():
    from nianbao.league import Tally

    small = Tally(reports=2, timed=2, on_time=1, late_days=[3], tabled=2, tables_due=2)
    big = Tally(reports=40, timed=40, on_time=30, late_days=[5] * 10, tabled=40, tables_due=40, tables_lacking=4)
    html = league_table("league.md", "地区", [("小", small, {"region": "110000"}), ("大", big, {"region": "120000"})])
    small_row, big_row = html.split("<tr>")[2], html.split("<tr>")[3]
    assert "%" not in small_row and ">1</a>/2" in small_row
    assert "75%" in big_row and "（<a" in big_row and "30</a>/40" in big_row
    assert 'href="explorer.html?region=120000&amp;late=ontime"' in big_row
    assert 'explorer.html?region=120000&amp;table=lacking' in big_row
    assert MIN_SHARE_BASE > 2


def test_region_and_national_pages_carry_league_tables(rendered):
    _, pages = rendered
    national = pages["league.md"]
    for heading in ("## 按省级行政区", "## 按机构层级", "## 按机构类别"):
        assert heading in national
    assert "贵州省" in national and "explorer.html?region=520000" in national
    assert "## 下级行政区比较" in pages["regions/520000.md"]


def test_charts_say_how_many_reports_are_behind_each_year(rendered):
    _, pages = rendered
    home = pages["index.md"]
    assert "全国依申请公开情况" not in home and "已收录报告的依申请公开情况" in home
    # 2022 has one report with one request: no shares; 2020 and 2021 have no report at all
    shares = home[home.index("办理结果构成（占比）：数据表"):]
    assert re.search(r"2022</th><td>1</td><td[^>]*>只有 1 件申请，样本过少", shares)
    assert re.search(r"2020</th><td>0</td><td[^>]*>本年度没有收录报告", shares)
    assert '"empty": ["2020", "2021"]' in home.replace("&quot;", '"')


def test_rules_page_counts_reports_and_links_into_the_explorer(rendered):
    _, pages = rendered
    rules = pages["about/rules.md"]
    assert re.search(r'href="\.\./explorer\.html\?rule=META-04">6 份</a>', rules)
    assert PUBLISHER != RECORD and "本站的记录" in rules and "发布机关的报告" in rules
