"""Writing resources: the package CSV, its Excel variant and the SQLite table, in one pass.

- Package CSV: UTF-8 without BOM, `\\n` line ends, ASCII header = field names; a blank
  cell is the empty string (the schema's only missing value).
- Excel variants: `excel/<name>.csv`, UTF-8 with BOM, CRLF, Chinese header = field titles,
  so Excel on Chinese Windows opens it by double-click without mojibake (text that Excel
  would run as a formula, =, +, -, @, gets a leading apostrophe); and `excel/<name>.xlsx`
  (xlsx.py), typed cells, for LibreOffice and WPS, whose CSV import ignores the BOM.
- SQLite: STRICT tables typed from the Table Schema, with primary and foreign keys.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..numbers import exact
from .resources import Resource
from .xlsx import XlsxWriter

BATCH = 20_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# String fields whose text comes from our own definitions, never from a contributor.
OUR_TEXT = frozenset({"id", "report_id", "agency_id", "table", "table_format", "row_code", "row_ref", "row_label",
                      "block_label", "column_code", "column_label", "unit", "format", "level", "kind", "status",
                      "resource", "severity", "stage", "rule", "deadline", "published", "dated"})
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


@dataclass
class Written:
    name: str
    path: str  # relative to the package folder
    rows: int
    bytes: int
    hash: str  # sha256 hex


def _excel_text(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 1 and v.startswith(FORMULA_START):
        try:
            float(v)
            return v  # a plain negative number written as text stays as it is
        except ValueError:
            return "'" + v
    return v


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def create_sql(resource: Resource) -> str:
    cols = []
    for f in resource.fields:
        null = " NOT NULL" if f.required else ""
        cols.append(f'  "{f.name}" {SQL_TYPES[f.type]}{null}')
    cols.append("  PRIMARY KEY (" + ", ".join(f'"{k}"' for k in resource.primary_key) + ")")
    for fk in resource.foreign_keys:
        cols.append("  FOREIGN KEY (" + ", ".join(f'"{k}"' for k in fk.fields) + f') REFERENCES "{fk.resource}" ('
                    + ", ".join(f'"{k}"' for k in fk.reference) + ")")
    # A composite or text key: store the table clustered by it (WITHOUT ROWID) instead of
    # keeping a second copy of the key in an index.
    types = {f.name: f.type for f in resource.fields}
    rowid = len(resource.primary_key) == 1 and types[resource.primary_key[0]] == "integer"
    return f'CREATE TABLE "{resource.name}" (\n' + ",\n".join(cols) + "\n) STRICT" + ("" if rowid else ", WITHOUT ROWID")


def write_csv(resource: Resource, rows: Iterable[tuple], out: Path, stamp: dt.date) -> Written:
    """Stream `rows` into `<out>/<name>.csv` and, for spreadsheet resources, `<out>/excel/<name>.csv`
    and `.xlsx` (dated `stamp`, the content's date)."""
    numeric = [(i, f.type == "integer") for i, f in enumerate(resource.fields) if f.type in ("integer", "number")]
    booleans = [i for i, f in enumerate(resource.fields) if f.type == "boolean"]
    # Only free text can start with a formula character; codes and printed labels are ours.
    free_text = [i for i, f in enumerate(resource.fields) if f.type == "string" and f.name not in OUR_TEXT]
    path = out / resource.path
    excel_fh = excel = None
    if resource.excel:
        (out / "excel").mkdir(exist_ok=True)
        excel_fh = open(out / "excel" / resource.path, "w", encoding="utf-8-sig", newline="")
        excel = csv.writer(excel_fh, lineterminator="\r\n")
        excel.writerow([f.title for f in resource.fields])
        book = XlsxWriter(resource, out / "excel" / (Path(resource.path).stem + ".xlsx"), stamp)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([f.name for f in resource.fields])
        for row in rows:
            count += 1
            text = None
            for i, integer in numeric:
                if type(row[i]) is float:
                    text = text or list(row)
                    text[i] = exact(row[i], integer)
            if booleans:
                text = text or list(row)
                for i in booleans:
                    text[i] = None if row[i] is None else ("true" if row[i] else "false")
            line = text or row
            writer.writerow(line)
            if excel is not None:
                risky = [i for i in free_text if isinstance(line[i], str) and line[i][:1] in FORMULA_START]
                if risky:
                    line = list(line)
                    for i in risky:
                        line[i] = _excel_text(line[i])
                excel.writerow(line)
                book.append(row)
    if excel_fh is not None:
        excel_fh.close()
        book.close()
    return Written(resource.name, resource.path, count, path.stat().st_size, sha256(path))


def write_sqlite(path: Path, tables: Iterable[tuple[Resource, Iterable[tuple]]]) -> None:
    """A SQLite database with one STRICT table per resource, typed and keyed like the schema.

    A build, not a live database: no journal and no fsync while writing; written under a
    temporary name and moved into place when complete.
    """
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("PRAGMA page_size = 4096")
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")  # 256 MB: the keyed inserts stay in memory
        db.execute("BEGIN")
        for resource, rows in tables:
            db.execute(create_sql(resource))
            insert = f'INSERT INTO "{resource.name}" VALUES ({", ".join("?" * len(resource.fields))})'
            numeric = [(i, f.type == "integer") for i, f in enumerate(resource.fields) if f.type in ("integer", "number")]
            booleans = [i for i, f in enumerate(resource.fields) if f.type == "boolean"]
            batch: list[tuple] = []
            for row in rows:
                if booleans or any(type(row[i]) is float for i, _ in numeric):
                    row = _sql_row(row, numeric, booleans)
                batch.append(row)
                if len(batch) >= BATCH:
                    db.executemany(insert, batch)
                    batch.clear()
            if batch:
                db.executemany(insert, batch)
        db.execute("COMMIT")
    finally:
        db.close()
    os.replace(tmp, path)


def _sql_row(row: tuple, numeric: list[tuple[int, bool]], booleans: list[int]) -> tuple:
    out = list(row)
    for i, integer in numeric:
        v = out[i]
        if type(v) is float:
            out[i] = None if not math.isfinite(v) else (int(v) if integer and v.is_integer() else v)
    for i in booleans:
        out[i] = None if out[i] is None else int(bool(out[i]))
    return tuple(out)
