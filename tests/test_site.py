"""The public site, built for real from content/ and read in a real chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from test_site_support import ROOT, SCREENSHOTS, Guard, build_into, serve, shared_browser

CONTENT = ROOT / "content"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    content = out / "content"
    shutil.copytree(CONTENT, content)
    res = build_into(content, out)
    assert res.stats.reports == len(list(CONTENT.rglob("[12][0-9][0-9][0-9].yaml")))
    return out / "site"


@pytest.fixture(scope="session")
def chromium():
    return shared_browser()


@pytest.fixture
def page(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    pg.guard = Guard(pg)
    yield pg
    ctx.close()


def report_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*.yaml") if re.fullmatch(r"[12][0-9]{3}\.yaml", p.name))


def national_report() -> tuple[str, dict]:
    """A report with table 三 whose r1 total is a plain number."""
    for p in report_files():
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        rows = ((data.get("tables") or {}).get("requests") or {}).get("rows") or {}
        if isinstance((rows.get("r1") or [None])[-1], int):
            division, slug = p.parent.parent.name, p.parent.name
            return f"{division}-{slug}-{p.stem}", data
    pytest.skip("no report with table 三 in content/")


def test_every_report_has_a_page_and_the_nav_lists_sections_only(built):
    for p in report_files():
        rid = f"{p.parent.parent.name}-{p.parent.name}-{p.stem}"
        assert (built / "reports" / f"{rid}.html").is_file()
    about = (built / "about" / "rules.html").read_text(encoding="utf-8")
    navs = re.findall(r"<nav\b.*?</nav>", about, flags=re.S)
    assert any("regions/index.html" in n for n in navs)
    assert not any("reports/" in n or "agencies/" in n for n in navs)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in home
    assert "fonts.googleapis" not in home and "cdn" not in home.lower()
    assert (built / "assets/vendor/echarts.min.js").stat().st_size > 500_000
    assert (built / "pagefind/pagefind.js").is_file()


def test_no_timestamps_in_pages(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", html)


def test_home_to_report_cell_matches_yaml(built, page):
    rid, data = national_report()
    with serve(built) as base:
        page.goto(f"{base}/index.html")
        # home → province (coverage matrix) → … → agency → report, following links only
        agency_id = rid.rsplit("-", 1)[0]
        page.goto(f"{base}/index.html")
        page.locator(f'a[href$="{rid[:2]}0000.html"]').first.click()
        page.wait_for_load_state()
        for _ in range(3):
            link = page.locator(f'a[href$="agencies/{agency_id}.html"]')
            if link.count():
                break
            page.locator("table.nb-coverage tbody a").filter(has_not_text="全国").first.click()
            page.wait_for_load_state()
        page.locator(f'a[href$="agencies/{agency_id}.html"]').first.click()
        page.wait_for_load_state()
        page.locator(f'a[href$="reports/{rid}.html"]').first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/reports/{rid}.html")
        cell = page.locator('td[data-cell="requests.r1.total"]')
        assert cell.inner_text().strip().split("\n")[0] == str(data["tables"]["requests"]["rows"]["r1"][-1])
        natural = page.locator('td[data-cell="requests.r1.natural"]')
        assert natural.inner_text().strip().split("\n")[0] == str(data["tables"]["requests"]["rows"]["r1"][0])
        # table 三 in the national layout: corner note and the merged 三、本年度办理结果 cell
        t3 = page.locator("table.nb-t-requests")
        assert "勾稽关系" in t3.locator("th.nb-corner").inner_text()
        assert int(t3.locator("th.nb-group").first.get_attribute("rowspan")) >= 20
        assert page.locator("table.nb-t-review thead th", has_text="行政诉讼").count() == 1
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
        page.guard.check()


def test_home_charts_are_drawn(built, page):
    with serve(built) as base:
        page.goto(f"{base}/index.html")
        page.wait_for_selector(".nb-chart[data-drawn] canvas", timeout=15000)
        painted = page.evaluate("""() => Array.from(document.querySelectorAll('.nb-chart canvas')).map(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })""")
        assert painted and min(painted) > 1000
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
        page.guard.check()


def test_agency_page_chart_and_screenshot(built, page):
    rid, _ = national_report()
    agency_id = rid.rsplit("-", 1)[0]
    with serve(built) as base:
        page.goto(f"{base}/agencies/{agency_id}.html")
        page.wait_for_selector(".nb-chart[data-drawn] canvas", timeout=15000)
        assert page.locator(f'a[href$="{rid}.html"]').count() >= 1
        page.screenshot(path=str(SCREENSHOTS / "agency.png"), full_page=True)
        page.guard.check()


def unique_word(page, data: dict, others: list[str]) -> str:
    """A Chinese word (as the browser's own segmenter cuts the narrative) found in no other report."""
    text = "\n".join(s.get("text", "") for s in data.get("sections", []))
    words = page.evaluate("""(t) => Array.from(new Intl.Segmenter('zh', {granularity: 'word'}).segment(t))
        .filter(s => s.isWordLike && /^[\\u4e00-\\u9fff]{2,}$/.test(s.segment)).map(s => s.segment)""", text)
    for w in sorted(set(words), key=lambda w: (-len(w), words.index(w))):
        if not any(w in o for o in others):
            return w
    pytest.skip("no unique narrative word")


def test_search_a_chinese_word_lands_on_the_report(built, page):
    rid, data = national_report()
    others = [p.read_text(encoding="utf-8") for p in report_files()
              if f"{p.parent.parent.name}-{p.parent.name}-{p.stem}" != rid]
    with serve(built) as base:
        page.goto(f"{base}/index.html")
        term = unique_word(page, data, others)
        page.fill(".nb-search-input", term)
        page.press(".nb-search-input", "Enter")
        page.wait_for_selector("#nb-results li a", timeout=15000)
        first = page.locator("#nb-results li a").first
        first.click()
        page.wait_for_load_state()
        assert page.url.split("?")[0].endswith(f"/reports/{rid}.html"), (term, page.url)
        page.guard.check()


@pytest.mark.parametrize("term", ["行政复议", "信息处理费"])
def test_search_finds_every_report_whose_narrative_has_the_word(built, page, term):
    """Chinese segmentation must agree between index and query: a word in N narratives gives
    N report results (Pagefind 1.5 split queries differently from its index and found 2 of 6)."""
    expected = set()
    for path in report_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (data.get("preamble") or "") + "".join(s["text"] for s in data.get("sections", []))
        if term in "".join(text.split()):
            expected.add(f"{path.parent.parent.name}-{path.parent.name}-{path.stem}")
    assert len(expected) >= 3
    with serve(built) as base:
        page.goto(f"{base}/search.html?q={term}")
        page.wait_for_selector("#nb-results li a", timeout=15000)
        hrefs = page.locator("#nb-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        found = {h.rsplit("/", 1)[-1].removesuffix(".html") for h in hrefs if "/reports/" in h}
        assert expected <= found, (term, sorted(expected - found))
        page.guard.check()


def test_search_filters_by_year(built, page):
    rid, data = national_report()
    with serve(built) as base:
        page.goto(f"{base}/search.html?q=政府信息公开&year={data['year']}")
        page.wait_for_selector("#nb-results li a", timeout=15000)
        hrefs = page.locator("#nb-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(str(data["year"]) in h for h in hrefs if "/reports/" in h)
        page.guard.check()


def test_report_on_a_phone_scrolls_its_tables_not_the_page(built, chromium):
    """390 px wide: the page itself never scrolls sideways; the official tables do, inside their
    frame, with label columns wide enough to read (not one character per line)."""
    rid, _ = national_report()
    ctx = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = ctx.new_page()
    page.guard = Guard(page)
    try:
        with serve(built) as base:
            page.goto(f"{base}/reports/{rid}.html")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            wrap = page.locator(".nb-table-wrap:has(table.nb-t-requests)")
            assert wrap.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
            widths = page.locator("table.nb-t-requests th.nb-label").evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().width)")
            assert widths and min(widths) >= 100, min(widths)  # about 7 characters a line
            assert page.locator(".nb-search-button").is_visible()
            wrap.evaluate("e => e.scrollLeft = e.scrollWidth")
            assert wrap.evaluate("e => e.scrollLeft") > 0
            page.guard.check()
    finally:
        ctx.close()


def test_compare_page_puts_two_reports_side_by_side(built, page):
    """Two reports of different agencies and years: the tables both print, blanks as 空白,
    the change computed; every value read from the per-report JSON downloads."""
    import json

    a, b = "510727-zfb-2024", "320800-zf-2024"
    with serve(built) as base:
        page.goto(f"{base}/compare.html?a={a}&b={b}")
        page.wait_for_selector("#nb-cmp-out table", timeout=15000)
        assert "已并排列出" in page.locator("#nb-cmp-status").inner_text()
        row = page.locator("#nb-cmp-out tr", has_text="一、本年新收政府信息公开申请数量").first.inner_text()
        data = [json.loads((built / "data" / "reports" / f"{x}.json").read_text(encoding="utf-8")) for x in (a, b)]
        totals = [d["tables"]["requests"]["rows"]["r1"][-1]["value"] for d in data]
        assert str(totals[0]) in row and str(totals[1]) in row and str(totals[1] - totals[0]) in row
        page.fill("#nb-cmp-b", "<img src=x onerror=alert(1)>")
        page.click("#nb-compare button")
        assert "请填写两份报告的编号" in page.locator("#nb-cmp-status").inner_text()
        assert page.locator("#nb-cmp-out img").count() == 0
        page.guard.check()


def _contrast(rgb_fg: str, rgb_bg: str) -> float:
    def lum(rgb: str) -> float:
        parts = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
        parts = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]
    a, b = sorted((lum(rgb_fg), lum(rgb_bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_grey_text_is_readable_and_search_boxes_show_focus(built, page):
    """WCAG AA: grey zeros and muted notes at least 4.5 : 1; both search boxes show a focus
    indicator when reached by keyboard."""
    rid, _ = national_report()
    with serve(built) as base:
        page.goto(f"{base}/reports/{rid}.html")
        zero = page.locator("td.nb-zero").first
        fg = zero.evaluate("e => getComputedStyle(e).color")
        assert _contrast(fg, "rgb(255, 255, 255)") >= 4.5, fg
        page.goto(f"{base}/search.html")
        for selector in ("#nb-q", ".nb-search-input"):
            page.locator(selector).focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # reached by keyboard: :focus-visible applies
            style = page.locator(selector).evaluate(
                "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).boxShadow].join(' ')")
            assert "solid" in style and "none" not in style.split(" ")[1:2], (selector, style)
        page.guard.check()


def test_pages_are_tagged_zh_cn_and_the_404_page_says_what_it_is(built):
    for rel in ("index.html", "404.html", "explorer.html", "about/rules.html"):
        html = (built / rel).read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, rel
    page = next((built / "reports").glob("*.html")).read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page and "跳转至" in page  # Material's Chinese texts stay
    assert re.search(r"<title>找不到这个页面（404）", (built / "404.html").read_text(encoding="utf-8"))
