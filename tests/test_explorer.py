"""The compliance explorer (核对总览): its rows and shards, and the page in a real chromium."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from nianbao.corpus import build_corpus
from nianbao.deadlines import DATED
from nianbao.findings import Finding
from nianbao.generate import generate_corpus
from nianbao.publish.explorer import (COPY_RULE, MANIFEST, VIEW_BUDGET, explorer_rows, read_explorer, read_manifest,
                                      shard_name, view_bytes, write_explorer)
from nianbao.regions import region_chain
from nianbao.render.explorer import COLUMNS, explorer_page
from nianbao.render.explorer_link import FILTERS, explorer_href
from nianbao.validate import validate
from nianbao.write import dump_agency
from test_site_support import ROOT, Guard, build_into, serve, shared_browser

CONTENT = ROOT / "content"
ANSHUN = "520400-jkq-2022"
HOSTILE_NAME = '=1+2<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">平武县人民政府办公室'


@pytest.fixture(scope="module")
def corpus():
    result = validate([], CONTENT, keep_reports=True)
    return build_corpus(result.reports, result.agencies, result.findings)


@pytest.fixture(scope="module")
def rows(corpus):
    return explorer_rows(corpus)


def _report_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("[12][0-9][0-9][0-9].yaml"))


# ---- rows and shards -------------------------------------------------------------------------
def test_a_row_per_report_with_what_the_corpus_says(corpus, rows):
    assert [r.id for r in rows] == sorted(corpus.reports, key=lambda i: (i.split("-")[0], i.split("-")[1], i))
    assert len(rows) == len(_report_files())
    by_id = {r.id: r for r in rows}
    anshun = by_id[ANSHUN]
    assert (anshun.days_late, anshun.late_basis, anshun.published) == (20, DATED, None)
    assert anshun.name == "安顺经济技术开发区管理委员会" and anshun.level == "市级" and anshun.kind == "派出机构"
    assert ("STRUCT-02", "warning", True, 1) in anshun.findings  # acknowledged 原文如此, still listed
    assert anshun.count("warning") == 2 and anshun.count("error") == 0
    assert by_id["341522-huhuzhen-2023"].tables == (("proactive", "missing"), ("requests", "missing"),
                                                    ("review", "missing"))
    assert {s for _, s in by_id["441502-zf-2024"].tables} == {"image"}
    for r in rows:
        report = corpus.reports[r.id]
        assert (r.days_late, r.late_basis) == (corpus.lateness(report).days, corpus.lateness(report).basis)
        assert sum(n for *_, n in r.findings) == len(corpus.by_report.get(r.id, []))
        assert r.copy_score is None and not r.copied  # no COPY-01 finding in content/


def test_shards_hold_every_row_exactly_and_are_deterministic(corpus, rows, tmp_path):
    stats = write_explorer(corpus, tmp_path / "a")
    assert read_explorer(tmp_path / "a") == rows
    manifest = read_manifest(tmp_path / "a")
    assert manifest["total"] == stats.rows == len(rows)
    assert read_explorer(tmp_path / "a", national=True) == rows  # each year's national shard holds them again
    cells = {}
    for r in rows:
        for key in ((r.year, r.division[:2]), (r.year, "")):
            cells[key] = cells.get(key, 0) + 1
    assert {(y, p): n for y, p, n, *_ in manifest["shards"]} == cells
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted([MANIFEST] + [shard_name(y, p) for y, p in cells]) and stats.files == len(files)
    assert "2022.json" in files and "2022-52.json" in files
    assert stats.bytes == sum(p.stat().st_size for p in (tmp_path / "a").iterdir())
    national = sum(p.stat().st_size for p in (tmp_path / "a").iterdir() if "-" not in p.name)
    assert view_bytes(manifest, 0) + stats.manifest_bytes == view_bytes(manifest, stats.manifest_bytes) == national
    assert view_bytes(manifest, stats.manifest_bytes, 2022, "52") == stats.manifest_bytes + (tmp_path / "a" / "2022-52.json").stat().st_size
    assert national <= VIEW_BUDGET
    # the same corpus, the same bytes; a shard the corpus no longer has is removed
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "1999-11.json").write_text("{}", encoding="utf-8")
    write_explorer(corpus, tmp_path / "b")
    assert {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()} == \
           {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}


def test_the_tree_gives_each_row_its_region_chain(corpus, rows, tmp_path):
    """explorer.js walks the manifest's parents to filter by region: they must give region_chain."""
    write_explorer(corpus, tmp_path)
    tree = read_manifest(tmp_path)["regions"]
    codes, code = [], 0
    for step in tree["c"]:
        code += step
        codes.append(f"{code:06d}")
    assert codes == sorted(corpus.regions)
    for r in rows:
        i, chain = codes.index(r.division), []
        while True:
            chain.insert(0, codes[i])
            if not tree["u"][i]:
                break
            i -= tree["u"][i]
        assert chain == region_chain(r.division), r.id


def test_a_generated_corpus_round_trips(tmp_path):
    """Many rows per shard (steps, tables of agencies, sparse columns) decode to the same rows."""
    generate_corpus(400, tmp_path / "content", seed=5, error_rate=0.2)
    result = validate([], tmp_path / "content", keep_reports=True)
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    rows = explorer_rows(corpus)
    assert len(rows) == 400 and any(r.count("error") for r in rows) and any(r.days_late for r in rows)
    write_explorer(corpus, tmp_path / "x")
    assert read_explorer(tmp_path / "x") == rows == read_explorer(tmp_path / "x", national=True)
    manifest = read_manifest(tmp_path / "x")
    assert sum(n for _, p, n, *_ in manifest["shards"] if p) == sum(n for _, p, n, *_ in manifest["shards"] if not p) == 400


def test_copy_score_is_the_highest_of_its_copy_findings(corpus, tmp_path):
    report = corpus.reports[ANSHUN]
    extra = [Finding(COPY_RULE, "warning", report.path, 1, None, ("sections",), "雷同", {"score": s}, report=ANSHUN)
             for s in (0.82, 0.917)]
    result = validate([], CONTENT, keep_reports=True)
    copied = build_corpus(result.reports, result.agencies, result.findings + extra)
    row = next(r for r in explorer_rows(copied) if r.id == ANSHUN)
    assert row.copy_score == 0.917 and row.copied
    write_explorer(copied, tmp_path)
    assert next(r for r in read_explorer(tmp_path) if r.id == ANSHUN) == row


def test_a_hostile_agency_name_stays_text(corpus, tmp_path):
    agencies = {k: dataclasses.replace(a, name=HOSTILE_NAME) if k == "510727-zfb" else a
                for k, a in corpus.agencies.items()}
    hostile = dataclasses.replace(corpus, agencies=agencies)
    write_explorer(hostile, tmp_path)
    assert next(r for r in read_explorer(tmp_path) if r.agency_id == "510727-zfb").name == HOSTILE_NAME
    shard = json.loads((tmp_path / shard_name(2024, "51")).read_text(encoding="utf-8"))
    assert HOSTILE_NAME in shard["s"]  # a JSON string, read by the script as text
    assert "<script>" not in explorer_page()  # the page holds no data at all


def test_the_page_names_every_column_and_control():
    page = explorer_page()
    assert page.count('<th scope="col"') == len(COLUMNS)
    assert 'href="data/reports.csv"' in page and "<noscript>" in page
    assert 'src="assets/explorer.js" defer' in page and 'href="assets/explorer.css"' in page
    for key in FILTERS[:9]:
        if key != "region":
            assert f'<label for="nb-x-{key}">' in page and f'id="nb-x-{key}"' in page, key
    for i in range(3):
        assert f'<label for="nb-x-r{i}">' in page
    assert 'aria-live="polite"' in page


# ---- in chromium -------------------------------------------------------------------------------
def _hostile_content(content: Path) -> None:
    path = content / "51" / "510727" / "zfb" / "agency.yaml"
    agency = yaml.safe_load(path.read_text(encoding="utf-8"))
    agency["name"] = HOSTILE_NAME
    path.write_text(dump_agency(agency), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("explorer")
    shutil.copytree(CONTENT, out / "content")
    build_into(out / "content", out, search=False)
    return out / "site"


@pytest.fixture
def page():
    ctx = shared_browser().new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    pg = ctx.new_page()
    pg.guard = Guard(pg)
    yield pg
    ctx.close()


def _ready(page, view: str | None = None) -> None:
    sel = "#nb-explorer[data-state=ready]" + (f'[data-view="{view}"]' if view is not None else "")
    page.wait_for_selector(sel, state="attached", timeout=15000)


def _open(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/explorer.html" + (f"?{query}" if query else ""))
    _ready(page)


def _shown(page) -> list[str]:
    return page.locator("#nb-x-rows tbody tr").evaluate_all("trs => trs.map(t => t.dataset.id)")


def _expected(rows, **f) -> set[str]:
    """The reports a view holds, by the link contract (explorer_link.py)."""
    def keep(r) -> bool:
        return ((not f.get("region") or f["region"] in region_chain(r.division))
                and (not f.get("level") or r.level == f["level"]) and (not f.get("kind") or r.kind == f["kind"])
                and (not f.get("year") or r.year == int(f["year"]))
                and (not f.get("rule") or any(g[0] in f["rule"].split(",") for g in r.findings))
                and (not f.get("severity") or any(g[1] == f["severity"] for g in r.findings))
                and (not f.get("late") or {"late": bool(r.days_late), "ontime": r.days_late == 0,
                                           "unknown": r.days_late is None}[f["late"]])
                and (not f.get("copied") or r.copied == (f["copied"] == "1"))
                and (not f.get("table") or any(s == f["table"] or f["table"] == "lacking" for _, s in r.tables)))
    return {r.id for r in rows if keep(r)}


@pytest.mark.browser
def test_every_filter_of_the_contract_shows_its_reports(site, page, rows):
    views = [{}, {"region": "520000"}, {"region": "520400"}, {"region": "510700"}, {"region": "510727"},
             {"region": "341522"}, {"level": "县级"}, {"kind": "人民政府"}, {"year": "2024"}, {"rule": "META-04"},
             {"rule": "STRUCT-02"}, {"rule": "CHECK-BLANK", "year": "2018"}, {"rule": "STRUCT-02,STRUCT-03"},
             {"severity": "info"},
             {"severity": "warning"}, {"severity": "error"}, {"late": "late"}, {"late": "ontime"}, {"late": "unknown"},
             {"copied": "1"}, {"copied": "0"}, {"table": "missing"}, {"table": "image"}, {"table": "lacking"},
             {"region": "340000", "late": "late", "table": "missing"}]
    with serve(site) as base:
        for v in views:
            query = urlencode(v)
            page.goto(f"{base}/{explorer_href('explorer.md', **v)}")
            _ready(page)
            expected = _expected(rows, **v)
            assert set(_shown(page)) == expected, (v, _shown(page))
            status = page.locator("#nb-x-status").inner_text()
            assert (f"共 {len(expected)} 份报告" in status) if expected else "没有符合条件的报告" in status, (v, status)
            assert page.get_attribute("#nb-explorer", "data-view") == (
                urlencode([(k, v[k]) for k in FILTERS if k in v]) if query else "")
        page.guard.check()


@pytest.mark.browser
def test_sort_by_days_late_with_mouse_and_keyboard(site, page, rows):
    with serve(site) as base:
        _open(page, base)
        page.locator("th[data-key=late] button").click()
        _ready(page, "sort=late")
        assert page.get_attribute("th[data-key=late]", "aria-sort") == "ascending"
        assert page.locator("th[aria-sort]").count() == 1
        assert page.url.endswith("explorer.html?sort=late")
        late = {r.id: r.days_late for r in rows}
        ids = _shown(page)
        values = [late[i] for i in ids]
        known = [v for v in values if v is not None]
        assert known == sorted(known) and values[len(known):] == [None] * (len(values) - len(known))
        assert next(i for i in ids if late[i]) == ANSHUN  # 20 days by 落款日期: the least late of the late
        row = page.locator(f'tr[data-id="{ANSHUN}"]')
        assert "逾期 20 天（按落款日期）" in row.inner_text()
        page.locator("th[data-key=late] button").focus()
        page.keyboard.press("Enter")
        _ready(page, "sort=late&dir=desc")
        assert page.get_attribute("th[data-key=late]", "aria-sort") == "descending"
        known_desc = [late[i] for i in _shown(page) if late[i] is not None]
        assert known_desc == sorted(known_desc, reverse=True)
        page.reload()
        _ready(page, "sort=late&dir=desc")
        assert page.get_attribute("th[data-key=late]", "aria-sort") == "descending"
        page.guard.check()


@pytest.mark.browser
def test_filters_live_in_the_url_and_a_reload_restores_them(site, page, rows):
    with serve(site) as base:
        _open(page, base)
        assert len(_shown(page)) == len(rows)
        page.select_option("#nb-x-r0", "520000")
        _ready(page, "region=520000")
        assert set(_shown(page)) == _expected(rows, region="520000") == {ANSHUN}
        assert "共 1 份报告" in page.locator("#nb-x-status").inner_text()
        assert not page.locator("#nb-x-r1").is_disabled()  # its cities are offered now
        page.select_option("#nb-x-r0", "")
        page.select_option("#nb-x-rule", "META-04")
        _ready(page, "rule=META-04")
        page.select_option("#nb-x-year", "2024")
        _ready(page, "year=2024&rule=META-04")
        expected = _expected(rows, rule="META-04", year="2024")
        assert set(_shown(page)) == expected and len(expected) >= 2
        assert "year=2024" in page.url and "rule=META-04" in page.url
        page.reload()
        _ready(page, "year=2024&rule=META-04")
        assert page.input_value("#nb-x-rule") == "META-04" and page.input_value("#nb-x-year") == "2024"
        assert set(_shown(page)) == expected
        page.locator("#nb-x-reset").click()
        _ready(page, "")
        assert len(_shown(page)) == len(rows) and page.url.endswith("/explorer.html")
        page.guard.check()


@pytest.mark.browser
def test_a_link_with_filters_opens_those_reports(site, page, rows):
    with serve(site) as base:
        page.goto(f"{base}/index.html")
        page.locator('a[href="explorer.html"]').first.click()
        _ready(page)
        page.goto(f"{base}/explorer.html?year=2022&late=late")
        _ready(page, "year=2022&late=late")
        assert _shown(page) == [ANSHUN] == sorted(_expected(rows, year="2022", late="late"))
        assert page.input_value("#nb-x-late") == "late"
        # unknown values are dropped, the rest of the view kept
        page.goto(f"{base}/explorer.html?year=1900&level=%3Cscript%3E&sort=evil&region=999999&late=ontime&x=1")
        _ready(page, "late=ontime")
        assert set(_shown(page)) == _expected(rows, late="ontime")
        assert page.locator("#nb-x-note").is_visible() and "已忽略" in page.locator("#nb-x-note").inner_text()
        page.guard.check()


def _download(page) -> list[dict]:
    with page.expect_download() as info:
        page.locator("#nb-x-csv").click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM for Excel, CRLF
    assert info.value.suggested_filename.endswith(".csv")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.browser
def test_the_download_is_the_view(site, page, rows):
    by_id = {r.id: r for r in rows}
    with serve(site) as base:
        _open(page, base, "sort=late&dir=desc")
        table = _download(page)
        shown = _shown(page)
        assert [r["报告编号"] for r in table] == shown and len(shown) == len(rows)
        cells = page.locator("#nb-x-rows tbody tr").evaluate_all(
            "trs => trs.map(t => Array.from(t.cells).map(c => c.textContent))")
        keys = [k for k, _ in COLUMNS]
        for line, shown_cells in zip(table, cells):
            r = by_id[line["报告编号"]]
            assert line["机构"] == shown_cells[keys.index("agency")] == r.name
            assert line["年度"] == shown_cells[keys.index("year")] == str(r.year)
            assert line["逾期天数"] == ("" if r.days_late is None else str(r.days_late))
            assert line["逾期天数所据日期"] == {None: "", "published": "发布日期", "dated": "落款日期"}[r.late_basis]
            assert line["错误"] == shown_cells[keys.index("errors")] and line["警告"] == shown_cells[keys.index("warnings")]
            assert line["核对规则"] == shown_cells[keys.index("rules")]
            assert line["统计表"] == shown_cells[keys.index("tables")]
            assert line["发布日期"] == (r.published.isoformat() if r.published else "")
        anshun = next(line for line in table if line["报告编号"] == ANSHUN)
        assert (anshun["省级"], anshun["地级"], anshun["行政区划代码"]) == ("贵州省", "安顺市", "520400")
        _open(page, base, "region=510000")
        assert [r["报告编号"] for r in _download(page)] == _shown(page) == ["510727-zfb-2024"]
        page.guard.check()


@pytest.mark.browser
def test_hostile_agency_name_is_text_on_the_page_and_defused_in_the_csv(tmp_path, page):
    shutil.copytree(CONTENT, tmp_path / "content")
    _hostile_content(tmp_path / "content")
    build_into(tmp_path / "content", tmp_path, search=False)
    with serve(tmp_path / "site") as base:
        page.add_init_script("window.alert = () => { window.__pwned = 'alert'; };")
        _open(page, base, "region=510727")
        cell = page.locator('tr[data-id="510727-zfb-2024"] td').nth(1)
        assert cell.inner_text() == HOSTILE_NAME
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("#nb-x-rows img, #nb-x-rows script").count() == 0
        line = _download(page)[0]
        assert line["机构"] == "'" + HOSTILE_NAME  # a formula for Excel no more
        page.guard.check()


@pytest.mark.browser
def test_the_explorer_on_a_phone_scrolls_its_table_not_the_page(site):
    ctx = shared_browser().new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = ctx.new_page()
    guard = Guard(page)
    try:
        with serve(site) as base:
            _open(page, base)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            assert page.locator("#nb-x-csv").is_visible()
            guard.check()
    finally:
        ctx.close()


@pytest.mark.browser
def test_badges_and_counts_elsewhere_open_the_matching_view(site, page, rows):
    """A count on a year page, a league table and the rules page each open the explorer on
    exactly the reports it counts."""
    with serve(site) as base:
        page.goto(f"{base}/years/2022.html")
        page.locator(".nb-year-summary a", has_text="逾期发布").click()
        _ready(page, "year=2022&late=late")
        assert _shown(page) == [ANSHUN]
        page.goto(f"{base}/league.html")
        page.locator("table.nb-league tr", has_text="贵州省").locator("td a").first.click()
        _ready(page, "region=520000")
        assert set(_shown(page)) == _expected(rows, region="520000")
        page.goto(f"{base}/about/rules.html")
        page.locator('a[href="../explorer.html?rule=META-04"]').click()
        _ready(page, "rule=META-04")
        assert set(_shown(page)) == _expected(rows, rule="META-04") and len(_shown(page)) == 6
        page.guard.check()
