"""First pass of the recogniser: split the neutral blocks into narrative (preamble and
sections, found by their headings) and table rows (label cells followed by value cells)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chrome import is_chrome_line, is_spam_line, strip_spam
from .document import Extracted, Grid, Line
from .text_norm import clean_line, is_unit, is_value_like, key, nfkc, split_values, unnumbered
from .vocab import Vocabulary

NUMERALS = "一二三四五六七八九十"
_FIELD = re.compile(r"^(?:索引号|标题|名称|发文字号|文号|发文机关|发布机构|成文日期|发文日期|发布日期|发布时间|"
                    r"信息来源|来源|主题分类|公开方式|公开范围|公开时限|时效|有效性|责任部门)[:：]")
_FIELD_NAME = re.compile(_FIELD.pattern.rstrip("[:：]").rstrip(")") + r")[:：]?$")
# a printed row flattened into one line: its label, then its values separated by spaces
_TRAILING_VALUES = re.compile(r"^(.*?[^\d\s.,，/—-])\s+((?:[-+]?[\d０-９][\d０-９,，.]*|/|—|-)(?:\s+(?:[-+]?[\d０-９][\d０-９,，.]*|/|—|-))*)\s*$")
_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．,，]\s*\S")


@dataclass
class LRow:
    """A logical table row: printed labels, then the cells after them."""

    labels: list[str]
    values: list[str]
    positional: bool
    where: str
    values_first: bool = False  # see Grid.values_first


@dataclass
class Section:
    heading: str
    where: str
    lines: list[Line] = field(default_factory=list)
    table_rows: int = 0  # printed table rows met in this section, recognised or not


@dataclass
class Segmented:
    preamble: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    rows: list[LRow] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # header lines such as 索引号：…, 发布时间：…

    def narrative(self) -> list[tuple[Section | None, Line]]:
        out: list[tuple[Section | None, Line]] = [(None, ln) for ln in self.preamble]
        for s in self.sections:
            out += [(s, ln) for ln in s.lines]
        return out


def numeral_value(ch: str) -> int:
    if ch == "十":
        return 10
    if len(ch) == 2 and ch[0] == "十":
        return 10 + NUMERALS.index(ch[1]) + 1
    if len(ch) >= 2 and ch[1] == "十":
        return (NUMERALS.index(ch[0]) + 1) * 10 + (NUMERALS.index(ch[2]) + 1 if len(ch) == 3 else 0)
    return NUMERALS.index(ch[0]) + 1 if ch and ch[0] in NUMERALS else 0


def heading_numeral(text: str) -> int | None:
    t = nfkc(text).strip()
    m = _HEADING.match(t)
    if not m or len(key(t)) > 40 or t.endswith(("。", ";", "；", ":", "：")):
        return None
    return numeral_value(m.group(1))


def grid_rows(grid: Grid) -> list[LRow]:
    """Rows of a grid as logical rows. A positional grid keeps blank cells (their place is
    known); a stream of cells copied as text keeps only the cells that say something."""
    out: list[LRow] = []
    if grid.positional:
        for i, cells in enumerate(grid.rows):
            where = grid.row_where[i] if i < len(grid.row_where) else grid.where
            last_label = max((j for j, c in enumerate(cells) if not is_value_like(c)), default=-1)
            labels = [c for c in cells[: last_label + 1] if c.strip()]
            out.append(LRow(labels, cells[last_label + 1:], True, where))
        return out
    current: LRow | None = None
    for i, cells in enumerate(grid.rows):
        where = grid.row_where[i] if i < len(grid.row_where) else grid.where
        if not cells:
            current = None  # the printed row ended
            continue
        expanded: list[str] = []
        for c in cells:
            expanded += split_values(c) or [c]
        for c in expanded:
            if not c.strip():
                continue
            if is_value_like(c):
                if current is None:
                    current = LRow([], [], False, where, grid.values_first)
                    out.append(current)
                current.values.append(c)
            else:
                if current is None or current.values:
                    current = LRow([], [], False, where, grid.values_first)
                    out.append(current)
                current.labels.append(c)
    return out


def field_lines(grid: Grid, vocab: Vocabulary) -> list[str] | None:
    """A page's metadata box printed as a table (`索 引 号 | 0144…/2018-04736 | 发布机构 | …`):
    its name/value pairs as `名称：值` lines, or None when the grid is not such a box. A name
    followed directly by another name has no value (`文 号 | 有 效 性`)."""
    out: list[str] = []
    names = 0
    for row in grid.rows:
        cells = [c for c in row if c.strip()]
        i = 0
        while i < len(cells):
            k = key(cells[i])
            if vocab.match(cells[i]).tables:
                return None
            if _FIELD_NAME.match(k):
                names += 1
                if i + 1 < len(cells) and not _FIELD_NAME.match(key(cells[i + 1])) \
                        and not _FIELD.match(key(cells[i + 1])):
                    out.append(f"{k.rstrip(':：')}：{cells[i + 1].strip()}")
                    i += 1
            elif _FIELD.match(k):
                names += 1
                out.append(cells[i].strip())
            i += 1
    return out if names >= 2 else None


def _split_at_headings(grid: Grid, vocab: Vocabulary) -> list[Grid | Line]:
    """A page that prints a section heading as a spanning row of the table itself
    (`<tr><td colspan=4>二、主动公开政府信息情况</td></tr>`): the heading is a line, the
    rows around it stay grids."""
    parts: list[Grid | Line] = []
    start = 0
    for i, row in enumerate(grid.rows):
        cells = [c for c in row if c.strip()]
        if len(cells) == 1 and key(cells[0]) in vocab.headings:
            if i > start:
                parts.append(Grid(grid.rows[start:i], grid.where, grid.positional, grid.row_where[start:i],
                                  grid.values_first))
            parts.append(Line(cells[0], grid.row_where[i] if i < len(grid.row_where) else grid.where))
            start = i + 1
    if not parts:
        return [grid]
    if start < len(grid.rows):
        parts.append(Grid(grid.rows[start:], grid.where, grid.positional, grid.row_where[start:], grid.values_first))
    return parts


def _degenerate(grid: Grid, vocab: Vocabulary) -> bool:
    """A 'table' that is really running text (a PDF frame, a layout table)."""
    if any(sum(1 for c in row if c.strip()) > 1 for row in grid.rows):
        return False
    return not any(vocab.match(c).tables for row in grid.rows for c in row if c.strip())


def segment(doc: Extracted, vocab: Vocabulary) -> Segmented:
    seg = Segmented(stripped=list(doc.stripped))
    last_numeral = 0
    current: Section | None = None
    table_tokens: list[list[str]] = []
    token_where: list[str] = []
    in_table = False
    # row names printed before a table's first strong marker (table 四 copied one cell per
    # line starts with its row name 行政复议): held until the next line says table or text
    held: list[tuple[Line, bool]] = []  # (line, is a row name)

    def release(into_table: bool) -> None:
        for h, is_row in held:
            if into_table:
                table_tokens.append([h.text])
                token_where.append(h.where)
            elif is_row:
                seg.stripped.append(f"{h.where}：正文中孤立的表格行名“{h.text}”（没有表格）")
            else:
                (current.lines if current else seg.preamble).append(h)
        held.clear()

    def flush_tokens() -> None:
        if table_tokens:
            rows = grid_rows(Grid(list(table_tokens), token_where[0], False, list(token_where)))
            seg.rows.extend(rows)
            if current is not None:
                current.table_rows += len(rows)
            table_tokens.clear()
            token_where.clear()

    def add_line(line: Line) -> None:
        nonlocal current, last_numeral, in_table
        text = clean_line(line.text)
        if not text:
            return
        if not in_table and _FIELD.match(key(text)):
            seg.fields.append(text)
            return
        if is_chrome_line(text) or is_spam_line(text):
            seg.stripped.append(f"{line.where}：{text}")
            return
        text, spam = strip_spam(text)
        for s in spam:
            seg.stripped.append(f"{line.where}：夹带的无关内容“{s}”")
        k = key(text)
        numeral = heading_numeral(text)
        label_match = vocab.match(text)
        if held:
            if vocab.is_strong_marker(text):
                release(True)
                in_table = True
            elif numeral is None and label_match.group and len(k) >= 4:
                held.append((Line(text, line.where), False))
                return
            else:
                release(False)
        if not in_table and numeral is None and len(k) >= 4 and any(
                unnumbered(key(r.row.label)) == unnumbered(k) for r in label_match.rows):
            held.append((Line(text, line.where), True))
            return
        if "\t" in text:
            cells = [c.strip() for c in text.split("\t")]
            if in_table or any(vocab.match(c).tables for c in cells):
                in_table = True
                table_tokens.append(cells)
                token_where.append(line.where)
                return
            text = "".join(cells)
            k = key(text)
        if in_table:
            split = _TRAILING_VALUES.match(text)
            if split and vocab.match(split.group(1)).tables:
                table_tokens.append([split.group(1), *split.group(2).split()])
                token_where.append(line.where)
                return
            if label_match.rows or label_match.tables or is_value_like(text) or is_unit(text) or (
                    numeral is None and len(k) <= 30 and not k.endswith("。") and ":" not in k):
                table_tokens.append([text])
                token_where.append(line.where)
                return
            in_table = False
            flush_tokens()
        if numeral is not None and (numeral == last_numeral + 1 or (
                k in vocab.headings and numeral > last_numeral)):
            current = Section(text, line.where)
            seg.sections.append(current)
            last_numeral = numeral
            return
        if vocab.is_strong_marker(text):
            in_table = True
            table_tokens.append([text])
            token_where.append(line.where)
            return
        target = current.lines if current else seg.preamble
        target.append(Line(text, line.where))

    for block in doc.blocks:
        if isinstance(block, Grid):
            release(False)
            fields = field_lines(block, vocab) if not seg.sections else None
            if fields is not None:
                seg.fields.extend(fields)
                continue
            if _degenerate(block, vocab):
                for i, row in enumerate(block.rows):
                    for c in row:
                        add_line(Line(c, block.row_where[i] if i < len(block.row_where) else block.where))
                continue
            in_table = False
            flush_tokens()
            for part in _split_at_headings(block, vocab):
                if isinstance(part, Line):
                    add_line(part)
                    in_table = False
                    continue
                rows = grid_rows(part)
                seg.rows.extend(rows)
                if current is not None:
                    current.table_rows += len(rows)
        else:
            add_line(block)
    release(False)
    flush_tokens()
    return seg
