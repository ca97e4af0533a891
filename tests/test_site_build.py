"""Builds that fail, builds that are interrupted, builds run twice, and hostile text."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from nianbao.site import build as build_module
from nianbao.site import BuildError
from nianbao.render.escape import md_inline, plain_title, safe_url
from nianbao.write import dump_agency, dump_report
from test_site_support import Guard, build_into, serve, shared_browser, tree_digest

REPORT = Path("51/510727/zfb/2024.yaml")


def test_two_builds_give_identical_sites(content_copy, tmp_path):
    """Every page and data file is byte-identical. Pagefind's binary index is not: it writes
    its filter chunks in hash-map order, so only the search index is left out."""
    build_into(content_copy, tmp_path / "a")
    build_into(content_copy, tmp_path / "b")
    a, b = ({k: v for k, v in tree_digest(tmp_path / d / "site").items() if not k.startswith("pagefind/")}
            for d in "ab")
    assert any(k.startswith("reports/") for k in a) and any(k.startswith("data/") for k in a)
    assert a.keys() == b.keys()
    differing = [k for k in a if a[k] != b[k]]
    assert not differing, differing[:10]


def test_failed_build_leaves_previous_site(content_copy, tmp_path):
    build_into(content_copy, tmp_path, search=False)
    site = tmp_path / "site"
    before = tree_digest(site)
    bad = content_copy / REPORT
    bad.write_text(bad.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四"), encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_into(content_copy, tmp_path, search=False)
    assert "网站没有更新" in str(err.value) and "2024.yaml" in str(err.value)
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site.*"))


def test_interrupted_build_leaves_previous_site(content_copy, tmp_path, monkeypatch):
    build_into(content_copy, tmp_path, search=False)
    site = tmp_path / "site"
    before = tree_digest(site)
    (content_copy / REPORT).write_text((content_copy / REPORT).read_text(encoding="utf-8")
                                       .replace("平武县人民政府办公室2024", "平武县人民政府办公室（新）2024", 1), encoding="utf-8")
    real_run = build_module._run_all

    def interrupted(commands, step, log, env=None):
        real_run(commands, step, log, env)  # mkdocs really writes the new site into the temporary directory
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_run_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_into(content_copy, tmp_path, search=False)
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site.*")) and not list((tmp_path / "work").glob("site-new*"))
    monkeypatch.setattr(build_module, "_run_all", real_run)
    build_into(content_copy, tmp_path, search=False)
    assert "（新）" in (site / "reports" / "510727-zfb-2024.html").read_text(encoding="utf-8")


def test_swap_interrupted_between_renames_is_recovered(content_copy, tmp_path):
    build_into(content_copy, tmp_path, search=False)
    site = tmp_path / "site"
    before = tree_digest(site)
    os.replace(site, tmp_path / ".site.old-99999")  # as if killed right after the first rename
    build_module._recover(site)
    assert tree_digest(site) == before


def test_escaping_helpers():
    assert md_inline("[x](javascript:alert(1))") == r"\[x\]\(javascript:alert\(1\)\)"
    assert "<" not in md_inline("<script>") and "&lt;script&gt;" in md_inline("<script>")
    assert plain_title('</title><script>"') == "＜/title＞＜script＞＂"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://example.gov.cn/a'onmouseover=1") is None
    assert safe_url("http://www.gov.cn/x.html") == "http://www.gov.cn/x.html"


# ---- hostile text --------------------------------------------------------------------------
HOSTILE = ('<script>alert("s")</script><img src=x onerror=alert("i")> [点我](javascript:alert("m")) '
           '<a href="http://evil.example/">恶意链接</a> javascript:alert("j") ![图](http://evil.example/p.png) '
           '<svg onload=alert("v")> {: onclick="alert(\'a\')"} </title><script>alert("t")</script> '
           '&lt;script&gt;alert("e")&lt;/script&gt; <http://evil.example/auto> http://evil.example/bare '
           '[链接]: http://evil.example/ref "t" [引用][链接] `代码` **粗** <!-- 注释 --> <iframe src="http://evil.example/">')


def _hostile_corpus(content: Path) -> None:
    path = content / REPORT
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = "平武县" + HOSTILE[:400]
    data["signature"] = HOSTILE[:400]
    data["doc_no"] = HOSTILE[:400]
    data["preamble"] = HOSTILE
    data["notes"] = HOSTILE
    data["source"]["url"] = "https://evil.example/'onmouseover=alert(1)"
    for s in data["sections"]:
        s["heading"] = s["heading"] + HOSTILE[:300]
        s["text"] = HOSTILE + "\n\n" + s["text"] + "\n\n" + HOSTILE
    data["tables"]["requests"]["note"] = HOSTILE[:400]
    data["tables"]["review"]["rows"]["review"][0] = '<img src=x onerror=alert("c")>'
    data["local_tables"] = [{"title": HOSTILE[:400], "columns": [HOSTILE[:400]], "note": HOSTILE[:400],
                             "rows": [{"label": HOSTILE[:400], "unit": "<b>件</b>", "values": ['<script>alert(1)</script>']}]}]
    path.write_text(dump_report(data), encoding="utf-8")
    apath = path.parent / "agency.yaml"
    agency = yaml.safe_load(apath.read_text(encoding="utf-8"))
    agency["name"] = "平武县" + HOSTILE[:300]
    apath.write_text(dump_agency(agency), encoding="utf-8")


@pytest.mark.browser
def test_hostile_text_runs_no_script_and_links_nowhere(content_copy, tmp_path):
    _hostile_corpus(content_copy)
    build_into(content_copy, tmp_path)
    site = tmp_path / "site"
    html = (site / "reports" / "510727-zfb-2024.html").read_text(encoding="utf-8")
    for markup in ("<script>alert", "<img src=x", "<svg onload", "<iframe", '<a href="http://evil', "<!-- 注释"):
        assert markup not in html, markup
    assert 'href="javascript' not in html.lower()
    pages = ["reports/510727-zfb-2024.html", "agencies/510727-zfb.html", "index.html", "years/2024.html",
             "regions/510727.html", "search.html?q=平武县"]
    b = shared_browser()
    with serve(site) as base:
        for rel in pages:
            page = b.new_page()
            page.add_init_script("window.alert = window.confirm = window.prompt = (m) => { window.__pwned = String(m); };")
            guard = Guard(page)
            page.goto(f"{base}/{rel}")
            page.wait_for_timeout(1500 if "search" in rel else 300)
            assert page.evaluate("window.__pwned === undefined"), (rel, page.evaluate("window.__pwned"))
            inline = page.evaluate("Array.from(document.scripts).map(s => s.src || s.textContent)")
            assert not any("alert" in s for s in inline), rel
            bad = page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(el =>
                Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
            assert not bad, (rel, bad)
            foreign = page.evaluate("""() => Array.from(document.querySelectorAll('a[href], article iframe, article img, article svg'))
                .filter(el => el.tagName !== 'A' || !el.href.startsWith(location.origin))
                .map(el => [el.tagName, el.getAttribute('href') || el.getAttribute('src') || '', el.rel || '',
                            !!el.closest('.nb-facts'), el.textContent.slice(0, 20)])""")
            for tag, href, rel_attr, in_facts, text in foreign:
                # The only links leaving the site are the fixed source/repository links of the facts box.
                assert tag == "A" and href.startswith(("http://", "https://")) and in_facts and "nofollow" in rel_attr, \
                    (rel, tag, href, text)
                assert "evil.example" not in href or "'" not in href
            narrative = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content p a'))
                .filter(a => !a.closest('.nb-facts')).map(a => a.getAttribute('href'))""")
            assert all(not h.startswith(("http", "javascript", "//")) for h in narrative), (rel, narrative)
            guard.check()
            page.close()
        assert "<script>alert" in page_text(b, f"{base}/reports/510727-zfb-2024.html")


def page_text(b, url: str) -> str:
    page = b.new_page()
    page.goto(url)
    text = page.locator("article").inner_text()
    page.close()
    return text


def test_sharded_build_gives_the_same_pages(content_copy, tmp_path, monkeypatch):
    """Big sites run mkdocs in shards side by side; the merged pages equal a single run's."""
    build_into(content_copy, tmp_path / "one", search=False)
    monkeypatch.setattr(build_module, "PAGES_PER_SHARD_MIN", 2)
    monkeypatch.setattr(build_module.os, "cpu_count", lambda: 2)
    build_into(content_copy, tmp_path / "two", search=False)
    one, two = tree_digest(tmp_path / "one" / "site"), tree_digest(tmp_path / "two" / "site")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k] and not k.startswith("sitemap")] == []
    assert not (tmp_path / "two" / ".site.tmp-1").exists()
    sitemap = (tmp_path / "two" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == sum(1 for k in two if k.endswith(".html") and k != "404.html")


from hypothesis import given, settings, strategies as st  # noqa: E402

from nianbao.render.escape import paragraphs_html  # noqa: E402

_NASTY = st.lists(st.sampled_from(list("<>&\"'`[](){}#*_!:/\\=|-.+ \nabcjs政务公开") +
                                  ["javascript:", "<script>", "onerror=", "http://x.y/", "&lt;", "&#60;", "<a href=",
                                   "![i](", "](", "{: ", "<!--", "\n\n", "    ", "> ", "1. ", "* "]),
                  max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NASTY)
def test_escaped_text_never_becomes_markup(text):
    """Whatever a YAML string holds, Markdown of an escaped heading and escaped paragraphs
    renders to text only: no element, attribute or link comes from the input."""
    import markdown

    html = markdown.markdown("## " + md_inline(text) + "\n\n" + paragraphs_html(text), extensions=["toc", "tables"])
    import re

    for tag, attrs in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", html):
        assert tag in {"h2", "p", "br"}, (text, html)
        assert re.fullmatch(r'(\s+id="[^"<>]*")?\s*/?', attrs), (text, html)
    assert plain_title(text).count("<") == 0 and plain_title(text).count("&") == 0


def test_findings_sit_beside_their_cells(content_copy, tmp_path):
    """A wrong total acknowledged as printed: the cell is marked, numbered and explained."""
    path = content_copy / REPORT
    text = path.read_text(encoding="utf-8")
    assert "r1:     [11, 5, 0, 0, 0, 0, 16]" in text
    text = text.replace("r1:     [11, 5, 0, 0, 0, 0, 16]", "r1:     [11, 5, 0, 0, 0, 0, 17]")
    text += ("acknowledged:\n  - rule: T3-03\n    cells: [requests.r1.total]\n    note: 原文总计即为17，与各类申请人之和不符\n"
             "  - rule: T3-02\n    cells: [requests.r1.total]\n    note: 同上\n")
    path.write_text(text, encoding="utf-8")
    build_into(content_copy, tmp_path, search=False)
    html = (tmp_path / "site" / "reports" / "510727-zfb-2024.html").read_text(encoding="utf-8")
    import re

    cell = re.search(r'<td class="([^"]*)" data-cell="requests\.r1\.total" title="([^"]*)">(.*?)</td>', html)
    assert cell, "cell not found"
    classes, title, content = cell.groups()
    assert content.startswith("17") and ("nb-flag" in classes.split() or "nb-flag-ack" in classes.split())
    numbers = re.findall(r'href="#finding-(\d+)"', content)
    status = {}
    for n in numbers:
        item = re.search(rf'<li class="([^"]*)" id="finding-{n}">.*?<a class="nb-rule"[^>]*>([^<]+)</a>', html)
        assert item, n
        status[item.group(2)] = "nb-acknowledged" in item.group(1)
    assert status.get("T3-03") is True and status.get("T3-02") is True, status
    assert "已确认原文如此" in title and "相差 1" in title
    # an unacknowledged finding on the same cell (the narrative says 16) keeps the cell red
    assert ("nb-flag" in classes.split()) == (not all(status.values()))
    # a blank cell, a zero and raw text look different
    assert 'class="nb-c nb-num nb-zero"' in html


def test_render_never_imports_mkdocs():
    """Page generation must survive a move to another generator reading the same tree."""
    import re

    src = Path(__file__).resolve().parent.parent / "src" / "nianbao" / "render"
    for path in src.glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+(mkdocs|material)\b", path.read_text(encoding="utf-8"), re.M), path
