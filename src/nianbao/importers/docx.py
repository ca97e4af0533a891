"""Word documents (.docx), such as the national template of the 2021 tables. Paragraphs
and tables are read in body order; a cell continued by a vertical merge is left out, a
horizontally merged cell (gridSpan) counts once."""
from __future__ import annotations

from .document import Extracted, Grid, Line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(el) -> str:
    parts = []
    for node in el.iter():
        if node.tag == _W + "t" and node.text:
            parts.append(node.text)
        elif node.tag in (_W + "tab",):
            parts.append(" ")
    return "".join(parts)


def _grid(tbl, where: str) -> Grid:
    rows: list[list[str]] = []
    for tr in tbl.iter(_W + "tr"):
        cells: list[str] = []
        for tc in tr.findall(_W + "tc"):
            pr = tc.find(_W + "tcPr")
            vmerge = pr.find(_W + "vMerge") if pr is not None else None
            if vmerge is not None and vmerge.get(_W + "val") in (None, "continue"):
                continue  # covered by the cell above
            cells.append("".join(_text(p) for p in tc.iter(_W + "p")).strip())
        rows.append(cells)
    return Grid(rows, where, True, [f"{where}第 {i + 1} 行" for i in range(len(rows))])


def _body_items(parent):
    """Paragraphs and tables in body order, including those wrapped in content controls
    (`w:sdt`, common in forms filled from a template) and custom XML."""
    for child in parent.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _body_items(child)


def extract_docx(path: str) -> Extracted:
    import docx  # python-docx, heavy: imported only when a Word file is imported

    document = docx.Document(path)
    blocks: list = []
    tables = paras = 0
    for child in _body_items(document.element.body):
        if child.tag == _W + "p":
            text = _text(child)
            if text.strip():
                paras += 1
                blocks.append(Line(text, f"第 {paras} 段"))
        elif child.tag == _W + "tbl":
            tables += 1
            blocks.append(_grid(child, f"第 {tables} 个表格"))
    meta = {}
    title = (document.core_properties.title or "").strip()
    if title and "年度报告" in title and any(ch.isdigit() for ch in title):
        meta["title"] = title
    return Extracted("docx", blocks, meta)
