"""The statistics tables as HTML, in the printed layout of the national formats.

Markdown cannot merge cells, so each table is one escaped HTML fragment. The layout is
read from the format definition (blocks, column groups, row paths), never re-typed:

- rows whose `path` share a prefix get one merged label cell (rowspan), as in table 三;
- columns with a `group` get a merged header above them (法人或其他组织);
- a table whose blocks each hold one row with the same columns is printed across (table 四:
  行政复议 | 行政诉讼 › 未经复议直接起诉, 复议后起诉);
- several blocks with their own columns are stacked with a title row each (table 二).

A blank cell, a zero and a cell whose printed text was not a number look different;
the printed text is on hover. Cells with findings carry numbered markers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formats.base import Column, Row, Table
from ..model import Cell, TableData, cell_from_yaml
from ..numbers import shown
from .escape import esc

STATUS_ZH = {"image": "原文此表只以图片发布，数值未能录入。", "missing": "原文缺少此表。"}


@dataclass
class Marks:
    """Findings per cell id: cell id -> [(number, acknowledged, message)]."""

    by_cell: dict[str, list[tuple[int, bool, str]]] = field(default_factory=dict)

    def of(self, cell_id: str) -> list[tuple[int, bool, str]]:
        return self.by_cell.get(cell_id, [])


def cell_html(cell: Cell | None, cell_id: str, label: str, marks: Marks, extra: str = "") -> str:
    classes = ["nb-c"]
    if cell is None:
        classes.append("nb-absent")
        content, tip = "", "本行未录入"
    elif cell.value is None and not cell.raw:
        classes.append("nb-blank")
        content, tip = '<span class="nb-sr">空白</span>', "原表此格空白（不是 0）"
    elif cell.value is None:
        classes.append("nb-raw")
        content, tip = esc(cell.raw), f"原文：{cell.raw}（不是数字，不计入合计）"
    elif cell.raw:
        classes.append("nb-num nb-hasraw")
        content, tip = esc(shown(cell.value)), f"原文：{cell.raw}"
    else:
        classes.append("nb-num")
        if cell.value == 0:
            classes.append("nb-zero")
        content, tip = esc(shown(cell.value)), ""
    found = marks.of(cell_id)
    if found:
        classes.append("nb-flag-ack" if all(ack for _, ack, _ in found) else "nb-flag")
        tip = "；".join([tip] * bool(tip) + [f"[{n}] {msg}" + ("（已确认原文如此）" if ack else "")
                                              for n, ack, msg in found])
        content += "".join(f'<sup class="nb-mark"><a href="#finding-{n}">{n}</a></sup>' for n, _, _ in found)
    title = f"{label}" + (f"\n{tip}" if tip else "")
    return (f'<td class="{" ".join(classes)}" data-cell="{esc(cell_id)}" title="{esc(title)}"{extra}>'
            f"{content}</td>")


def _cells(td: TableData, row: Row) -> list[Cell | None]:
    cells = td.rows.get(row.code)
    n = len(row.columns)
    if cells is None:
        return [None] * n
    return list(cells[:n]) + [None] * (n - len(cells))


def _column_headers(columns: tuple[Column, ...]) -> tuple[list[str], list[str]]:
    """Two header rows for columns: groups on top (merged), leaf labels below."""
    top, bottom = [], []
    i = 0
    while i < len(columns):
        c = columns[i]
        if c.group is None:
            top.append(f'<th scope="col" rowspan="2">{esc(c.label)}</th>')
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group == c.group:
            bottom.append(f'<th scope="col">{esc(columns[j].label)}</th>')
            j += 1
        top.append(f'<th scope="colgroup" colspan="{j - i}">{esc(c.group)}</th>')
        i = j
    return top, bottom


def _grouped_rows_table(td: TableData, marks: Marks) -> str:
    """One block, rows with merged label cells from their paths (table 三)."""
    t: Table = td.definition
    rows = t.rows
    columns = rows[0].columns
    depth = max(len(r.path) for r in rows) + 1
    has_groups = any(c.group for c in columns)
    head_rows = (1 if t.column_header else 0) + (2 if has_groups else 1)
    corner = t.corner or t.blocks[0].header or ""
    out = ["<thead>"]
    top, bottom = (_column_headers(columns) if has_groups
                   else ([f'<th scope="col">{esc(c.label)}</th>' for c in columns], []))
    first = f'<th class="nb-corner" scope="col" colspan="{depth}" rowspan="{head_rows}">{esc(corner)}</th>'
    if t.column_header:
        out.append(f'<tr>{first}<th scope="colgroup" colspan="{len(columns)}">{esc(t.column_header)}</th></tr>')
        out.append("<tr>" + "".join(top) + "</tr>")
    else:
        out.append("<tr>" + first + "".join(top) + "</tr>")
    if bottom:
        out.append("<tr>" + "".join(bottom) + "</tr>")
    out.append("</thead><tbody>")
    for i, row in enumerate(rows):
        parts = []
        for k in range(len(row.path)):
            prefix = row.path[:k + 1]
            if i > 0 and rows[i - 1].path[:k + 1] == prefix:
                continue
            span = 1
            while i + span < len(rows) and rows[i + span].path[:k + 1] == prefix:
                span += 1
            parts.append(f'<th class="nb-group" scope="rowgroup" rowspan="{span}">{esc(prefix[-1])}</th>')
        own = depth - len(row.path)
        parts.append(f'<th class="nb-label" scope="row"{f" colspan={chr(34)}{own}{chr(34)}" if own > 1 else ""}>'
                     f"{esc(row.label)}</th>")
        for col, cell in zip(row.columns, _cells(td, row)):
            parts.append(cell_html(cell, f"{t.code}.{row.code}.{col.code}", t.cell_label(row.code, col.code), marks))
        out.append('<tr data-row="' + esc(row.code) + '">' + "".join(parts) + "</tr>")
    out.append("</tbody>")
    return "".join(out)


def _across_table(td: TableData, marks: Marks) -> str:
    """Blocks of one row each, printed side by side under merged headers (table 四)."""
    t = td.definition
    rows = t.rows
    n = len(rows[0].columns)
    # As printed: a block without a path (行政复议) has its column labels right under its
    # title, two rows high; blocks under a common title (行政诉讼) get a middle row.
    top, middle, bottom = [], [], []
    i = 0
    while i < len(rows):
        r = rows[i]
        if not r.path:
            top.append(f'<th scope="colgroup" colspan="{n}">{esc(r.label)}</th>')
            middle += [f'<th scope="col" rowspan="2">{esc(c.label)}</th>' for c in r.columns]
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].path[:1] == r.path[:1]:
            middle.append(f'<th scope="colgroup" colspan="{n}">{esc(rows[j].label)}</th>')
            bottom += [f'<th scope="col">{esc(c.label)}</th>' for c in rows[j].columns]
            j += 1
        top.append(f'<th scope="colgroup" colspan="{n * (j - i)}">{esc(r.path[0])}</th>')
        i = j
    if not bottom:  # no titled group: a single header row under the block titles
        middle = [m.replace(' rowspan="2"', "") for m in middle]
    leaves = f"<tr>{''.join(bottom)}</tr>" if bottom else ""
    cells = "".join(cell_html(cell, f"{t.code}.{r.code}.{c.code}", t.cell_label(r.code, c.code), marks)
                    for r in rows for c, cell in zip(r.columns, _cells(td, r)))
    return (f"<thead><tr>{''.join(top)}</tr><tr>{''.join(middle)}</tr>{leaves}</thead>"
            f"<tbody><tr>{cells}</tr></tbody>")


def _stacked_blocks_table(td: TableData, marks: Marks) -> str:
    """Blocks with their own columns, one under another (table 二)."""
    t = td.definition
    width = 1 + max(len(b.columns) for b in t.blocks)
    out = ["<tbody>"]
    for block in t.blocks:
        rows = [r for r in t.rows if r.block.code == block.code]
        if block.label:
            out.append(f'<tr><th class="nb-block" scope="colgroup" colspan="{width}">{esc(block.label)}</th></tr>')
        heads = [f'<th scope="col">{esc(c.label)}</th>' for c in block.columns]
        fill = width - 1 - len(block.columns)
        if fill:
            heads[-1] = heads[-1].replace("<th ", f'<th colspan="{fill + 1}" ', 1)
        out.append(f"<tr><th scope=\"col\">{esc(block.header or '')}</th>{''.join(heads)}</tr>")
        for row in rows:
            cells = []
            for k, (col, cell) in enumerate(zip(row.columns, _cells(td, row))):
                extra = f' colspan="{fill + 1}"' if fill and k == len(row.columns) - 1 else ""
                cells.append(cell_html(cell, f"{t.code}.{row.code}.{col.code}",
                                       t.cell_label(row.code, col.code), marks, extra))
            out.append(f'<tr data-row="{esc(row.code)}"><th class="nb-label" scope="row">{esc(row.label)}</th>{"".join(cells)}</tr>')
    out.append("</tbody>")
    return "".join(out)


def _scalar_table(td: TableData, marks: Marks) -> str:
    """The 2014 statistics table: 统计指标 | 计量单位 | 统计数, group titles as rows."""
    t = td.definition
    out = ['<thead><tr><th scope="col">统计指标</th><th scope="col">计量单位</th><th scope="col">统计数</th></tr></thead><tbody>']
    seen: set[str] = set()
    for row in t.rows:
        for k, group in enumerate(row.path):
            if group not in seen:
                seen.add(group)
                out.append(f'<tr><th class="nb-group nb-indent-{k}" scope="colgroup" colspan="3">{esc(group)}</th></tr>')
        seen.add(row.label)
        cell = _cells(td, row)[0]
        col = row.columns[0]
        out.append(f'<tr data-row="{esc(row.code)}"><th class="nb-label nb-indent-{len(row.path)}" scope="row">{esc(row.label)}</th>'
                   f"<td class=\"nb-unit\">{esc(row.unit or '')}</td>"
                   + cell_html(cell, f"{t.code}.{row.code}.{col.code}", t.cell_label(row.code, col.code), marks)
                   + "</tr>")
    out.append("</tbody>")
    return "".join(out)


def table_html(td: TableData, marks: Marks) -> str:
    t = td.definition
    note = f'<p class="nb-table-note">说明：{esc(td.note)}</p>' if td.note else ""
    foreign = "" if td.own_format else f'<p class="nb-table-note">本表按{esc(td.format.title)}填报。</p>'
    flags = table_flags(t.code, marks)
    if td.status != "table":
        return (f'<div class="nb-table-status" data-table="{esc(t.code)}">{STATUS_ZH.get(td.status, "")}</div>'
                f"{flags}{note}")
    if t.scalar_rows:
        body = _scalar_table(td, marks)
    elif len(t.blocks) > 1 and all(sum(1 for r in t.rows if r.block is b) == 1 for b in t.blocks) \
            and len({b.columns for b in t.blocks}) == 1:
        body = _across_table(td, marks)
    elif len(t.blocks) > 1:
        body = _stacked_blocks_table(td, marks)
    else:
        body = _grouped_rows_table(td, marks)
    # Numbers and printed labels are the same on every page: kept out of the search index.
    # The wrapper scrolls sideways on narrow screens; it is focusable so keyboards can scroll it too.
    return (f'<div class="nb-table-wrap" data-pagefind-ignore tabindex="0" role="region" aria-label="{esc(t.title)}">'
            f'<table class="nb-table nb-t-{esc(t.code)}" data-table="{esc(t.code)}">'
            f"{body}</table></div>{flags}{foreign}{note}")


def table_flags(code: str, marks: Marks) -> str:
    """Findings about a whole table (not one cell), printed right under it."""
    found = marks.of(code)
    if not found:
        return ""
    items = "　".join(f'<a href="#finding-{n}" title="{esc(msg)}">[{n}]</a>' + ("（已确认原文如此）" if ack else "")
                     for n, ack, msg in found)
    return f'<p class="nb-table-flags" data-pagefind-ignore>本表的核对结果：{items}</p>'


def local_table_html(index: int, table: dict) -> str:
    columns = [str(c) for c in table.get("columns", [])]
    out = [f'<p class="nb-local-title">{esc(table.get("title", ""))}</p>',
           f'<div class="nb-table-wrap" data-pagefind-ignore tabindex="0" role="region" aria-label="{esc(table.get("title", ""))}">'
           f'<table class="nb-table nb-t-local" data-table="local.{index}"><thead><tr>'
           '<th scope="col">指标</th><th scope="col">单位</th>' + "".join(f'<th scope="col">{esc(c)}</th>' for c in columns) + "</tr></thead><tbody>"]
    for r, row in enumerate(table.get("rows", [])):
        values = list(row.get("values", []))
        values += [None] * (len(columns) - len(values))
        cells = "".join(cell_html(cell_from_yaml(v), f"local.{index}.{r}.{k}", f"{row.get('label', '')} × {columns[k] if k < len(columns) else ''}", Marks())
                        for k, v in enumerate(values))
        out.append(f'<tr><th class="nb-label" scope="row">{esc(row.get("label", ""))}</th><td class="nb-unit">{esc(row.get("unit", ""))}</td>{cells}</tr>')
    out.append("</tbody></table></div>")
    if table.get("note"):
        out.append(f'<p class="nb-table-note">说明：{esc(table["note"])}</p>')
    return "".join(out)
