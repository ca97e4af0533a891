"""Text copied from a web page (the seeds' style). Table cells come one per line ending
in `|`, with lines of bare `|` where the page had empty or merged cells. The copy does not
keep the place of an empty cell, so these grids are not positional; a line of bare `|`
(the end of a printed row) becomes an empty row, which closes the row in the recogniser."""
from __future__ import annotations

import re

from .document import Extracted, Grid, Line

_CELL_LINE = re.compile(r"\|\s*$|^\s*\|")


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

    for n, line in enumerate(text.splitlines(), 1):
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
            run.append(kept)
            run_where.append(where)
            if kept and re.search(r"\|\s*\|\s*$", line):
                run.append([])  # a trailing run of empty cells closes the printed row
                run_where.append(where)
            continue
        if not line.strip():
            continue
        flush()
        blocks.append(Line(line, where))
    flush()
    flush_tabbed()
    return Extracted("text", blocks)
