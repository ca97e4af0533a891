"""The parts of docs/yaml.md that restate the format definitions, generated from them.

docs/yaml.md is hand-written prose for contributors; where it lists formats, tables, rows
and columns, the list sits between two marker comments and `nianbao schemas` rewrites it
from formats/ (`--check` fails when it is stale, as for the schemas). The site shows the
page without the markers.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..formats import FORMATS, TABLE_CODES, newest, of_family
from ..formats.base import LOCAL, NATIONAL, Format, Row, Table

BEGIN = "<!-- 以下由格式定义生成（nianbao schemas），请勿手改：{name} -->"
END = "<!-- 生成结束 -->"
_BLOCK = re.compile(r"<!-- 以下由格式定义生成（nianbao schemas），请勿手改：(?P<name>[a-z_]+) -->\n"
                    r"(?P<body>.*?)<!-- 生成结束 -->\n", re.S)


def _years(fmt: Format) -> str:
    if fmt.family == LOCAL:
        return "其他年度、各省自定的表，或没有统计表的报告"
    first, last = fmt.years
    if last >= 9999:
        return f"{first} 年度起"
    return f"{first}、{last} 年度" if last == first + 1 else f"{first}—{last} 年度"


def formats_table() -> str:
    lines = ["| 值 | 名称 | 通常用于 |", "|---|---|---|"]
    lines += [f"| `{f.code}` | {f.title}（{f.source}） | {_years(f)} |" for f in FORMATS.values()]
    return "\n".join(lines) + "\n"


def tables_table() -> str:
    lines = ["| 表代码 | 表 | 适用格式 |", "|---|---|---|"]
    for code in TABLE_CODES:
        having = [f for f in FORMATS.values() if f.has_table(code)]
        lines.append(f"| `{code}` | {having[0].table(code).title} | {'、'.join(f.code for f in having)} |")
    return "\n".join(lines) + "\n"


def _printed(row: Row, shown: set[str]) -> str:
    """The row's label with the group cells above it printed the first time they appear."""
    groups = [p for p in row.path if p not in shown]
    shown.update(groups)
    return " ".join(groups + [row.label])


def _row_lines(table: Table) -> list[str]:
    lines = ["| 行代码 | 印刷的行名 |", "|---|---|"]
    shown: set[str] = set()
    rows = list(table.rows)
    i = 0
    while i < len(rows):
        row = rows[i]
        # numbered rows under one group cell (（三）不予公开 1. … 8.) are listed as one range
        j = i
        while j + 1 < len(rows) and len(row.path) > 1 and rows[j + 1].path == row.path:
            j += 1
        if j > i:
            group = row.path[-1]
            shown.update(row.path)
            lines.append(f"| `{row.code}` … `{rows[j].code}` | {group} {row.label} … {rows[j].label} |")
        else:
            lines.append(f"| `{row.code}` | {_printed(row, shown)} |")
        i = j + 1
    return lines


def _columns(row: Row) -> str:
    return "，".join(c.label for c in row.columns)


def requests_rows() -> str:
    table = newest().table("requests")
    head = (f"{newest().short}表三有 {len(table.rows)} 行，每行 {len(table.rows[0].columns)} 列"
            f"（{_columns(table.rows[0])}）：")
    return "\n".join([head, "", *_row_lines(table)]) + "\n"


def _by_block(table: Table) -> str:
    parts = []
    for block in table.blocks:
        rows = [r for r in table.rows if r.block == block]
        names = "、".join(f"`{r.code}` {r.label}" for r in rows)
        parts.append(f"{names}（列：{_columns(rows[0])}）")
    return "；".join(parts)


def proactive_rows() -> str:
    lines = [f"- {f.short}（`{f.code}`）：{_by_block(f.table('proactive'))}。"
             for f in of_family(NATIONAL) if f.has_table("proactive")]
    return "表二（`proactive`）的行，按格式：\n\n" + "\n".join(lines) + "\n"


def review_rows() -> str:
    table = newest().table("review")
    rows = "，".join(f"`{r.code}` {r.label}" for r in table.rows)
    return (f"表四（`review`）{len(table.rows)} 行，每行 {len(table.rows[0].columns)} 列"
            f"（{_columns(table.rows[0])}）：{rows}。\n")


BLOCKS = {
    "formats": formats_table,
    "tables": tables_table,
    "requests_rows": requests_rows,
    "proactive_rows": proactive_rows,
    "review_rows": review_rows,
}


def refresh(text: str) -> str:
    """`text` with every generated block rewritten from the definitions; unknown names kept."""
    def sub(m: re.Match) -> str:
        make = BLOCKS.get(m.group("name"))
        body = make() if make else m.group("body")
        return BEGIN.format(name=m.group("name")) + "\n" + body + END + "\n"

    return _BLOCK.sub(sub, text)


def strip_markers(text: str) -> str:
    """The page as readers see it: the blocks' contents without the marker comments."""
    return _BLOCK.sub(lambda m: m.group("body"), text)


def write_format_docs(path: Path, check: bool = False) -> bool:
    """Rewrite the generated blocks of `path`; True when it was (or, with `check`, is) stale."""
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    fresh = refresh(text)
    if fresh == text:
        return False
    if not check:
        path.write_text(fresh, encoding="utf-8")
    return True
