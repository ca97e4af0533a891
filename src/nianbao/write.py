"""Write report data as the YAML a person edits: one printed table row per line, in
printed column order, the printed label as a comment. Used by `import`, `new` and the
corpus generator, so every file we write looks the same.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .formats import FORMATS
from .formats.base import Table

# A plain (unquoted) scalar: no indicator first, no comment mark, one line (\Z: `$` would
# accept a trailing newline), not starting with something a YAML 1.1 reader takes for a number.
_PLAIN = re.compile(r"[^\s'\"#&*!|>%@`{}\[\],:?0-9+.-][^\n\r#]*\Z")
_RESERVED = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|no|on|off|Yes|No|On|Off|YES|NO|ON|OFF|"
                       r"[-+]?[0-9][0-9_.:eE+-]*|\.[0-9].*|\.inf|\.nan|<<)$")
_URL = re.compile(r"^https?://\S+$")
TOP_ORDER = ("format", "year", "title", "published", "dated", "signature", "index_no", "doc_no", "source",
             "preamble", "sections", "tables", "local_tables", "acknowledged", "notes")


def scalar(v: Any, flow: bool = False) -> str:
    """A YAML scalar on one line; `flow` for one inside [ ] or { } (where , [ ] { } end it)."""
    if v is None:
        return "~"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    s = str(v)
    if (s and _PLAIN.match(s) and not _RESERVED.match(s) and not s.endswith((" ", "\t", ":"))
            and ": " not in s and ":\t" not in s and not (flow and any(c in s for c in ",[]{}"))):
        return s
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _cell(v: Any) -> str:
    if isinstance(v, dict):
        inner = ", ".join(f"{k}: {scalar(v[k], flow=True)}" for k in ("value", "raw") if k in v)
        return "{" + inner + "}"
    return scalar(v, flow=True)


def _block_safe(lines: list[str]) -> bool:
    """A literal block keeps these lines exactly: the first sets the indentation, and a line of
    only spaces would lose them."""
    return (bool(lines[0]) and not lines[0][0].isspace()
            and all(line == "" or line.strip() for line in lines) and not any("\r" in line for line in lines))


def _block(text: str, indent: str) -> list[str]:
    """A block scalar (|) for multi-line text; keeps text exactly (|- or |+ as needed)."""
    if "\n" not in text and (len(text) < 60 or _URL.match(text)):  # a web address stays on its key's line
        return [scalar(text)]
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    lines = body.split("\n")
    if not _block_safe(lines):
        return [json.dumps(text, ensure_ascii=False)]
    out = [f"|{chomp}"]
    for line in lines:
        out.append(f"{indent}{line}" if line else "")
    if chomp == "+":
        out.extend([""] * (trailing - 1))
    return out


def _kv(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, str):
        block = _block(value, indent + "  ")
        return [f"{indent}{key}: {block[0]}", *block[1:]]
    if isinstance(value, dict):
        if not value:
            return [f"{indent}{key}: {{}}"]
        out = [f"{indent}{key}:"]
        for k, v in value.items():
            out += _kv(k, v, indent + "  ")
        return out
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []"]
        out = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    lines = _kv(k, v, indent + "    ")
                    lines[0] = (indent + "  - " if first else indent + "    ") + lines[0].lstrip()
                    out += lines
                    first = False
            else:
                out.append(f"{indent}  - {scalar(item)}")
        return out
    return [f"{indent}{key}: {scalar(value)}"]


def row_comment(row) -> str:
    """The printed label of a row, with its group when the label alone is a bare item."""
    if row.path and row.label[:1].isdigit():
        return f"{row.path[-1]} {row.label}"
    return row.label


def _table_lines(code: str, t: dict, table: Table, indent: str) -> list[str]:
    out = [f"{indent}{code}:  # {table.title}"]
    for key in ("format", "status"):
        if key in t:
            out.append(f"{indent}  {key}: {scalar(t[key])}")
    if t.get("note"):
        out += _kv("note", t["note"], indent + "  ")
    rows = t.get("rows")
    if rows is None:
        return out
    out.append(f"{indent}  rows:")
    width = max((len(r.code) for r in table.rows), default=2) + 1
    block = None
    for row in table.rows:
        if row.code not in rows:
            continue
        if row.block.label and row.block is not block:
            cols = "，".join(c.label for c in row.columns)
            out.append(f"{indent}    # {row.block.label}　列：{cols}")
        elif block is None and not table.scalar_rows:
            out.append(f"{indent}    # 列：{'，'.join(c.label for c in row.columns)}")
        block = row.block
        v = rows[row.code]
        text = _cell(v) if table.scalar_rows else "[" + ", ".join(_cell(c) for c in v) + "]"
        label = row_comment(row)
        out.append(f"{indent}    {(row.code + ':').ljust(width)} {text}  # {label}")
    return out


def dump_report(data: dict[str, Any], schema_path: str | None = None) -> str:
    """Report data (as loaded) to canonical YAML text."""
    lines: list[str] = []
    if schema_path:
        lines.append(f"# yaml-language-server: $schema={schema_path}")
    fmt = FORMATS[data["format"]]
    keys = [k for k in TOP_ORDER if k in data] + [k for k in data if k not in TOP_ORDER]
    for key in keys:
        value = data[key]
        if key == "tables":
            lines.append("tables:")
            for code, t in value.items():
                tfmt = FORMATS[t.get("format", fmt.code)]
                lines += _table_lines(code, t, tfmt.table(code), "  ")
        elif key == "sections" and value:
            lines.append("sections:")
            for s in value:
                lines.append(f"  - heading: {scalar(s['heading'])}")
                block = _block(s["text"], "      ")
                lines.append(f"    text: {block[0]}")
                lines += block[1:]
        else:
            lines += _kv(key, value, "")
    return "\n".join(lines) + "\n"


def dump_agency(data: dict[str, Any], schema_path: str | None = None) -> str:
    lines = [f"# yaml-language-server: $schema={schema_path}"] if schema_path else []
    for key in ("name", "level", "kind", "parent", "township_code", "website", "aliases"):
        if key in data:
            lines += _kv(key, data[key], "")
    return "\n".join(lines) + "\n"
