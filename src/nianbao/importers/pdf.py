"""PDF with a text layer. Ruled tables come from pdfplumber with their cell places (a cell
covered by a merge is left out); text outside tables is joined into paragraphs, a new one
where a line is indented or starts a heading. A table split over pages is simply read on:
the recogniser follows the printed labels, not the page."""
from __future__ import annotations

import re

from .document import Extracted, Grid, Line

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_STARTS_PARAGRAPH = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．])")
_HEADING_LINE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}[、.．]\S{2,30}$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：（）《》“”])[ \u3000]+(?=[\u4e00-\u9fff0-9，。、；：（）《》“”])|(?<=[0-9])[ \u3000]+(?=[\u4e00-\u9fff，。、；：）])")


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and t - 1 <= cy <= b + 1 for x0, t, x1, b in boxes)


def tidy(text: str) -> str:
    """Spaces a PDF puts between CJK characters and digits are not printed text (a tab,
    a column gap, is kept)."""
    return "\t".join(_CJK_GAP.sub("", part).strip() for part in text.split("\t"))


def _text_lines(page) -> list[dict]:
    """Lines of text from words; a gap wider than two characters (a column gap in a table
    drawn without rulings) becomes a tab, so the cells of such a row stay apart."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if rows and w["top"] - rows[-1][0]["top"] <= 3:  # same printed line (digits sit a little lower)
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for ws in rows:
        ws.sort(key=lambda w: w["x0"])
        size = min(w["bottom"] - w["top"] for w in ws) or 10
        text = ws[0]["text"]
        for prev, w in zip(ws, ws[1:]):
            gap = w["x0"] - prev["x1"]
            text += ("\t" if gap > 2 * size else " ") + w["text"]
        out.append({"text": text, "x0": ws[0]["x0"], "top": min(w["top"] for w in ws),
                    "bottom": max(w["bottom"] for w in ws)})
    out.sort(key=lambda ln: ln["top"])
    return out


def extract_pdf(path: str) -> Extracted:
    import pdfplumber  # heavy: imported only when a PDF is imported

    pages: list[tuple[list[tuple[float, Grid]], list[dict]]] = []
    with pdfplumber.open(path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            grids: list[tuple[float, Grid]] = []
            boxes = []
            for table in page.find_tables():
                rows = [[tidy(c) if c else "" for c in row if c is not None] for row in table.extract()]
                if max((sum(1 for c in r if c) for r in rows), default=0) <= 1:
                    continue  # a frame around running text, not a table: read it as text
                boxes.append(table.bbox)
                where = f"第 {pno} 页第 {len(boxes)} 个表格"
                grids.append((table.bbox[1], Grid(rows, where, True,
                                                  [f"{where}第 {i + 1} 行" for i in range(len(rows))])))
            outside = page.filter(lambda o: not _inside(o, boxes)) if boxes else page
            lines = [ln for ln in _text_lines(outside) if not _PAGE_NUMBER.match(ln["text"])]
            pages.append((grids, lines))
    all_lines = [ln for _, lines in pages for ln in lines]
    if not all_lines and not any(g for g, _ in pages):
        return Extracted("pdf", [])
    # the left margin of the body text, over the whole document (a page may hold only a heading)
    margin = min((ln["x0"] for ln in all_lines), default=0)
    size = min(((ln["bottom"] - ln["top"]) for ln in all_lines), default=10) or 10
    blocks: list = []
    continuing: set[int] = set()  # ids of page-opening paragraphs that are not indented
    for pno, (grids, lines) in enumerate(pages, 1):
        items: list[tuple[float, object]] = list(grids)
        para: list[str] = []
        top = 0.0
        first_new = True
        for ln in lines:
            text = ln["text"].strip()
            new = ln["x0"] > margin + size * 1.2 or bool(_STARTS_PARAGRAPH.match(text)) or "\t" in text
            ends_heading = len(para) == 1 and (bool(_HEADING_LINE.match(para[0])) or "\t" in para[0])
            if para and (new or ends_heading):
                items.append((top, _line(para, pno, not first_new, continuing)))
                para, first_new = [], True
            if not para:
                top, first_new = ln["top"], new
            para.append(text)
        if para:
            items.append((top, _line(para, pno, not first_new, continuing)))
        items.sort(key=lambda it: it[0])
        for n, (_, b) in enumerate(items):
            prev = blocks[-1] if blocks else None
            if (n == 0 and id(b) in continuing and isinstance(prev, Line)
                    and not prev.text.endswith(("。", "：", ":", "！", "？"))):
                prev.text += b.text  # a paragraph cut by the page break
                continue
            blocks.append(b)
    return Extracted("pdf", blocks)


def _line(parts: list[str], pno: int, continues: bool, continuing: set[int]) -> Line:
    line = Line(tidy("".join(parts)), f"第 {pno} 页")
    if continues:
        continuing.add(id(line))
    return line
