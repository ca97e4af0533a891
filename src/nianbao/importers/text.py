"""Text copied from a web page (the seeds' style). Table cells come one per line ending
in `|`, with lines of bare `|` where the page had empty or merged cells. The copy does not
keep the place of an empty cell, so these grids are not positional; a line of bare `|`
(the end of a printed row) becomes an empty row, which closes the row in the recogniser."""
from __future__ import annotations

import re

from .document import Extracted, Grid, Line
from .text_norm import is_value_like

_CELL_LINE = re.compile(r"\|\s*$|^\s*\|")
_SERIAL = re.compile(r"^\d{1,3}$")


def _join_pipe_lines(lines: list[str]) -> list[str]:
    """Some pages copy a table as each cell on its own line and each border `|` on the next
    line. When most lone `|` lines follow a cell without a border, the borders say nothing
    (not even where a row ends): drop them, and the cells are read like a table copied one
    cell per line without borders."""
    lone = [i for i, ln in enumerate(lines) if ln.strip() == "|"]
    if len(lone) < 4:
        return lines
    after_cell = [i for i in lone if i > 0 and lines[i - 1].strip() and "|" not in lines[i - 1]]
    if len(after_cell) < 0.8 * len(lone):
        return lines
    out = list(lines)
    for i in lone:
        out[i] = ""
    return out


def extract_text(text: str) -> Extracted:
    blocks: list = []
    run: list[list[str]] = []
    run_where: list[str] = []

    def flush() -> None:
        if run:
            blocks.append(Grid(list(run), run_where[0], positional=False, row_where=list(run_where),
                               values_first=True))
            run.clear()
            run_where.clear()

    tabbed: list[list[str]] = []
    tabbed_where: list[str] = []

    def flush_tabbed() -> None:
        if tabbed:
            blocks.append(Grid(list(tabbed), tabbed_where[0], positional=True, row_where=list(tabbed_where)))
            tabbed.clear()
            tabbed_where.clear()

    serial = False  # the bordered table being read has a 序号 column
    for n, line in enumerate(_join_pipe_lines(text.splitlines()), 1):
        where = f"第 {n} 行"
        if "\t" in line.strip("\r\n") and line.strip():
            # a table copied from a browser: one row per line, cells between tabs, empty cells kept
            flush()
            tabbed.append([c.strip() for c in line.rstrip("\r\n").split("\t")])
            tabbed_where.append(where)
            continue
        flush_tabbed()
        if _CELL_LINE.search(line) and "|" in line:
            cells = [c.strip() for c in line.split("|")]
            kept = [c for c in cells if c]
            if kept and kept[0] in ("序号", "编号"):
                serial = True
            elif serial and len(kept) >= 2 and _SERIAL.match(kept[0]) and not is_value_like(kept[1]):
                kept = kept[1:]  # the 序号 column numbers rows; it is never a value
            run.append(kept)
            run_where.append(where)
            if len(kept) >= 2 or (kept and re.search(r"\|\s*\|\s*$", line)):
                # a line holding several cells is a whole printed row (`| 规章 | 2 | 0 | 2 |`); a
                # trailing run of empty cells closes a row copied one cell per line
                run.append([])
                run_where.append(where)
            continue
        serial = False
        if not line.strip():
            continue
        flush()
        blocks.append(Line(line, where))
    flush()
    flush_tabbed()
    return Extracted("text", blocks)
