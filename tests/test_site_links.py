"""The built site read as a crawler and a careful reader would: every page reachable from the
home page, every internal link and asset resolving to a file (and anchor), every link that
leaves the site http(s) with rel nofollow noopener, and the page furniture in Chinese."""
from __future__ import annotations

import html
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from test_site_support import ROOT, build_into

CONTENT = ROOT / "content"


class Page(HTMLParser):
    """Links, asset references, element ids, headings and table headers of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attrs)
        self.ids: set[str] = set()
        self.h1 = 0
        self.th: list[tuple[dict, list[str]]] = []  # (attrs, classes of the enclosing table)
        self.tables: list[list[str]] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "table":
            self.tables.append(a.get("class", "").split())
        if tag == "th":
            self.th.append((a, self.tables[-1] if self.tables else []))
        for key in ("href", "src"):
            if key in a and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.refs.append((tag, a[key], a))

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("links")
    shutil.copytree(CONTENT, out / "content")
    build_into(out / "content", out)
    return out / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    parsed = {}
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        page = Page()
        page.feed(p.read_text(encoding="utf-8"))
        parsed[rel] = page
    return parsed


def resolve(page: str, url: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of an internal url, None for an external one."""
    parts = urlsplit(html.unescape(url))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    target = path.lstrip("/") if path.startswith("/") else posixpath.normpath(
        posixpath.join(posixpath.dirname(page), path))
    if target.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html")
    return target, parts.fragment


def test_every_internal_link_and_asset_resolves(site, pages):
    broken = []
    for name, page in pages.items():
        for tag, url, _ in page.refs:
            found = resolve(name, url)
            if found is None:
                continue
            target, fragment = found
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{name}: <{tag}> {url}")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{name}: <{tag}> {url} (no #{fragment} there)")
    assert not broken, "\n".join(broken[:30])


def test_every_page_is_reachable_from_the_home_page(pages):
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        name = todo.pop()
        for tag, url, _ in pages[name].refs:
            found = resolve(name, url)
            if tag == "a" and found and found[0] in pages and found[0] not in seen:
                seen.add(found[0])
                todo.append(found[0])
    orphans = sorted(set(pages) - seen - {"404.html"})
    assert not orphans, orphans


def test_links_leaving_the_site_are_http_and_nofollow_noopener(pages):
    bad = []
    for name, page in pages.items():
        for tag, url, attrs in page.refs:
            scheme = urlsplit(html.unescape(url)).scheme.lower()
            if not scheme and not url.startswith("//"):
                continue
            if tag != "a":
                bad.append(f"{name}: <{tag}> loads {url} from elsewhere")  # no CDN at view time
            elif scheme not in ("http", "https"):
                bad.append(f"{name}: {url} ({scheme or 'protocol-relative'})")
            elif not {"nofollow", "noopener"} <= set(attrs.get("rel", "").split()):
                bad.append(f"{name}: {url} rel={attrs.get('rel')!r}")
    assert not bad, "\n".join(bad[:30])


def test_report_downloads_are_printed_with_their_stable_urls_and_exist(site, pages):
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].rstrip("/")
    reports = [n for n in pages if n.startswith("reports/")]
    assert reports
    for name in reports:
        rid = name[len("reports/"):-len(".html")]
        text = (site / name).read_text(encoding="utf-8")
        for ext in ("json", "csv"):
            assert (site / "data" / "reports" / f"{rid}.{ext}").stat().st_size > 0
            assert f'href="../data/reports/{rid}.{ext}"' in text
            assert f"<code>{site_url}/data/reports/{rid}.{ext}</code>" in text
        division, slug, year = rid.split("-")
        edit = f"/edit/main/content/{division[:2]}/{division}/{slug}/{year}.yaml"
        assert edit in text and (CONTENT / division[:2] / division / slug / f"{year}.yaml").is_file()


def test_one_h1_per_page_and_lang_zh_cn(pages):
    assert all(p.html_lang == "zh-CN" for p in pages.values())
    many = {n: p.h1 for n, p in pages.items() if p.h1 != 1}
    assert not many, many


def test_official_tables_have_scoped_headers(pages):
    unscoped = [(n, a) for n, p in pages.items() for a, classes in p.th
                if ("nb-table" in classes or "nb-list" in classes or "nb-coverage" in classes or "nb-facts" in classes)
                and a.get("scope") not in ("col", "row", "colgroup", "rowgroup")]
    assert not unscoped, unscoped[:5]
    assert any(a.get("scope") == "rowgroup" for p in pages.values() for a, _ in p.th)


ENGLISH_LEFTOVERS = ("Not found", "Table of contents", "Previous", "Next", "Back to top", "Search",
                     "Usage:", "Options:", "Show this message")


def test_no_english_page_furniture(site, pages):
    found = []
    for name in pages:
        text = (site / name).read_text(encoding="utf-8")
        text = re.sub(r"<script\b.*?</script>|<style\b.*?</style>|<code\b.*?</code>", "", text, flags=re.S)
        visible = re.sub(r"<[^>]+>", " ", text)
        labels = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text))
        for word in ENGLISH_LEFTOVERS:
            if re.search(rf"\b{re.escape(word)}\b", visible + " " + labels):
                found.append(f"{name}: {word}")
    assert not found, found


def test_404_page_is_chinese_and_links_home(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in text and 'href="/index.html"' in text


def test_data_page_code_samples_stay_code(site, pages):
    text = (site / "data" / "index.html").read_text(encoding="utf-8")
    if "<pre" not in text and "```" not in text:
        pytest.skip("the data page shows no code samples")
    assert "```" not in text  # fences became <pre><code>
    assert pages["data/index.html"].h1 == 1
    toc = re.search(r'<nav class="nb-page-toc".*?</nav>', text, flags=re.S)
    assert toc and toc.group(0).count("<li>") >= 3  # its own contents list (anchors checked above)


def test_charts_have_a_table_of_their_numbers(site):
    for name in ("index.html", *(p.relative_to(site).as_posix() for p in (site / "agencies").glob("*.html"))):
        text = (site / name).read_text(encoding="utf-8")
        charts = text.count('class="nb-chart"')
        assert text.count('<details class="nb-chart-data"') == charts, name
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="nb-chart"') == 2 and "本年新收申请" in home


def test_contributing_page_shows_no_missing_image(site, pages):
    for tag, url, _ in pages["about/contributing.html"].refs:
        if tag == "img":
            assert resolve("about/contributing.html", url) and (site / resolve("about/contributing.html", url)[0]).is_file()


# ---- the official layout, cell for cell, against the national template (Word) -------------------

TEMPLATE = ROOT / "tests" / "fixtures" / "sources" / "template_2021.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def template_headers() -> list[list[tuple[str, int, int]]]:
    """Per table of the template, its labelled cells in reading order: (text, colspan, rowspan)."""
    import zipfile
    from xml.etree import ElementTree

    root = ElementTree.fromstring(zipfile.ZipFile(TEMPLATE).read("word/document.xml"))
    tables = []
    for tbl in root.iter(f"{W}tbl"):
        grid = []  # rows of [col, text, colspan, vmerge]
        for tr in tbl.findall(f"{W}tr"):
            col, row = 0, []
            for tc in tr.findall(f"{W}tc"):
                pr = tc.find(f"{W}tcPr")
                span = pr.find(f"{W}gridSpan") if pr is not None else None
                vm = pr.find(f"{W}vMerge") if pr is not None else None
                colspan = int(span.get(f"{W}val")) if span is not None else 1
                merge = None if vm is None else (vm.get(f"{W}val") or "continue")
                text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
                row.append([col, _norm(text), colspan, merge])
                col += colspan
            grid.append(row)
        cells = []
        for r, row in enumerate(grid):
            for col, text, colspan, merge in row:
                if merge == "continue" or not text:
                    continue
                rowspan = 1
                if merge == "restart":
                    while r + rowspan < len(grid) and any(
                            c[0] == col and c[3] == "continue" for c in grid[r + rowspan]):
                        rowspan += 1
                cells.append((text, colspan, rowspan))
        tables.append(cells)
    return tables


class TableCells(HTMLParser):
    """Labelled cells (th) of one table in reading order: (text, colspan, rowspan)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[list] = []
        self.open: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "th":
            self.open = ["", int(a.get("colspan") or 1), int(a.get("rowspan") or 1)]

    def handle_data(self, data):
        if self.open is not None:
            self.open[0] += data

    def handle_endtag(self, tag):
        if tag == "th" and self.open is not None:
            if _norm(self.open[0]):
                self.cells.append((_norm(self.open[0]), self.open[1], self.open[2]))
            self.open = None


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="the national template sample is not here")
def test_2021_tables_have_the_templates_merged_cells(site):
    page = (site / "reports" / "320800-zf-2024.html").read_text(encoding="utf-8")
    assert 'data-cell="proactive.' in page, "淮安 2024 is a 2021-format report with all three tables"
    expected = template_headers()
    for code, want in zip(("proactive", "requests", "review"), expected):
        table = re.search(rf'<table class="nb-table nb-t-{code}".*?</table>', page, flags=re.S).group(0)
        parser = TableCells()
        parser.feed(table)
        assert parser.cells == want, (code, [c for c in parser.cells if c not in want][:5],
                                      [c for c in want if c not in parser.cells][:5])


# ---- a report page as a reader meets it ----------------------------------------------------------

def test_report_page_reads_in_chinese_with_the_key_above_the_first_table(site):
    shanwei = (site / "reports" / "441502-zf-2024.html").read_text(encoding="utf-8")  # tables only as images
    assert "nb-legend" not in shanwei and "原文此表只以图片发布" in shanwei
    assert "（原文此节没有内容。）" in shanwei  # its section 六 is empty in the original
    huaian = (site / "reports" / "320800-zf-2024.html").read_text(encoding="utf-8")
    assert huaian.count('class="nb-legend"') == 1
    assert huaian.index('class="nb-legend"') < huaian.index('class="nb-table-wrap"')
    assert "涉及：原文网址" in huaian and "涉及：source.url" not in huaian
    assert re.search(r"错误 \d+ 项，警告 \d+ 项，提示 \d+ 项，已确认原文如此 \d+ 项", huaian)


def test_a_finding_about_a_whole_table_is_shown_under_that_table(site):
    page = (site / "reports" / "520400-jkq-2022.html").read_text(encoding="utf-8")
    table = page.index('data-table="requests"')
    flags = page.index('class="nb-table-flags"', table)
    assert flags < page.index('data-table="review"')
    number = re.search(r'<li class="[^"]*nb-acknowledged[^"]*" id="finding-(\d+)">.*?STRUCT-02', page).group(1)
    assert f'href="#finding-{number}"' in page[flags:flags + 400] and "已确认原文如此" in page[flags:flags + 400]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_blank_cell_hatching_is_visible(site):
    """WCAG 1.4.11: a graphic that carries meaning needs 3:1 against its background."""
    css = (site / "assets" / "nianbao.css").read_text(encoding="utf-8")
    colour = re.search(r"--nb-blank:\s*(#[0-9a-fA-F]{6})", css).group(1)
    assert (1.05) / (_luminance(colour) + 0.05) >= 3.0, colour
    assert "var(--nb-blank)" in re.search(r"\.nb-blank \{[^}]*\}", css).group(0)


def test_schemas_are_published_where_their_ids_point(site):
    """A fork holding only content/ can name the schema by URL: each $id resolves on the site
    to the committed schema, byte for byte."""
    import json

    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    committed = sorted((ROOT / "schemas").glob("*.schema.json"))
    assert len(committed) == 5
    for path in committed:
        schema_id = json.loads(path.read_text(encoding="utf-8"))["$id"]
        assert schema_id.startswith(site_url)
        published = site / schema_id[len(site_url):]
        assert published.read_bytes() == path.read_bytes(), schema_id
