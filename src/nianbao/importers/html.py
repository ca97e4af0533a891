"""Saved web pages. The report is found inside the page (the smallest element holding
every printed heading and table label), the rest is site chrome and is listed as stripped.
Tables keep their cells in place: rowspan/colspan cells count once, `<br>` inside a cell
joins its parts."""
from __future__ import annotations

import re

from .document import Extracted, Grid, Line
from .text_norm import key
from .vocab import vocabulary

_BLOCK_TAGS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "blockquote", "pre", "center", "dd", "dt", "dl", "header", "footer", "tr", "td", "th", "table",
               "tbody", "thead", "form", "hr", "address", "figure", "figcaption", "main", "aside", "nav"}
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button",
         "input", "textarea", "option"}
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _cell_text(el) -> str:
    # <br> and <p> inside a cell split a label over lines; the parts join without a break
    return "".join(t for t in el.itertext()).replace("\xa0", " ").strip()


def _text_of(el) -> str:
    return "".join(el.itertext())


def _leaf_table(table) -> bool:
    return not any(True for _ in table.iterdescendants("table"))


def _grid(table, where: str) -> Grid:
    rows: list[list[str]] = []
    for tr in table.iter("tr"):
        cells = [_cell_text(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        rows.append(cells)
    return Grid(rows, where, positional=True, row_where=[f"{where}第 {i + 1} 行" for i in range(len(rows))])


class _Walker:
    def __init__(self) -> None:
        self.blocks: list = []
        self.buf: list[str] = []
        self.tables = 0
        self.paras = 0

    def flush(self) -> None:
        text = "".join(self.buf).replace("\xa0", " ")
        self.buf = []
        for line in text.split("\n"):
            if line.strip():
                self.paras += 1
                self.blocks.append(Line(line.strip(), f"第 {self.paras} 段"))

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or _HIDDEN.search(el.get("style") or ""):
            if el.tail:
                self.buf.append(el.tail)
            return
        if tag == "table" and _leaf_table(el):
            self.flush()
            self.tables += 1
            self.blocks.append(_grid(el, f"第 {self.tables} 个表格"))
        elif tag == "br":
            self.buf.append("\n")
        else:
            block = tag in _BLOCK_TAGS
            if block:
                self.flush()
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        if el.tail:
            self.buf.append(el.tail)


def _container(root):
    """The smallest element that holds every marker of the report found on the page."""
    vocab = vocabulary()
    marked = []
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            continue
        for text in (node.text, node.tail):
            if text and 2 <= len(text.strip()) <= 60:
                k = key(text)
                if k in vocab.headings or vocab.is_strong_marker(text) or (
                        len(k) >= 6 and vocab.match(text).rows):
                    marked.append(node if text is node.text else node.getparent())
    if len(marked) < 2:
        return None
    paths = [list(n.iterancestors())[::-1] + [n] for n in marked if n is not None]
    common = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    while common is not None and common.tag in ("table", "tbody", "thead", "tr", "td", "th"):
        common = common.getparent()
    return common


def _meta(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").lower()
        content = (m.get("content") or "").strip()
        if not content:
            continue
        if name in ("url", "og:url") and content.startswith(("http://", "https://")):
            meta.setdefault("url", content)
        elif name in ("articletitle", "og:title"):
            meta.setdefault("title", content)
        elif name in ("pubdate", "publishdate", "firstpublishedtime", "article:published_time"):
            meta.setdefault("published", content)
    if "title" not in meta:  # <title> usually reads "报告标题_栏目_网站名"
        page_title = (root.findtext(".//title") or "").strip()
        first = re.split(r"\s*[_|｜]\s*|\s+-\s+", page_title)[0]
        if "年度报告" in first:
            meta["title"] = first
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            meta.setdefault("url", link.get("href"))
    return meta


def extract_html(text: str) -> Extracted:
    import lxml.html  # heavy: imported only when a page is imported

    root = lxml.html.document_fromstring(text)
    meta = _meta(root)
    saved = _SAVED_FROM.search(text[:4096])  # "Save page as" in a browser notes the address
    if saved and "url" not in meta:
        meta["url"] = saved.group(1)
    body = root.find("body")
    body = body if body is not None else root
    container = _container(body)
    stripped: list[str] = []
    if container is None:
        container = body
    else:
        chars = len("".join(_text_of(body).split())) - len("".join(_text_of(container).split()))
        if chars > 0:
            title = root.findtext(".//title") or ""
            stripped.append(f"网页中报告正文以外的部分（导航、页眉页脚、栏目等，约 {chars} 字）"
                            + (f"；网页标题“{title.strip()}”" if title.strip() else ""))
    walker = _Walker()
    walker.walk(container)
    walker.flush()
    return Extracted("html", walker.blocks, meta, stripped)
