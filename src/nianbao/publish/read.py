"""Reading the national tables back from a built package, by the package alone.

Used by the round-trip test (package → tables must equal the YAML cell for cell) and by
anyone who wants the tables of the package as the report model's cells.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..model import Cell


@dataclass
class ReadTable:
    format: str
    status: str
    note: str
    rows: dict[str, list[Cell]]  # row code -> cells in printed column order


def _number(text: str, integer: bool) -> int | float | None:
    if text == "":
        return None
    if integer:
        return int(text)
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def read_tables(package_dir: Path) -> dict[str, dict[str, ReadTable]]:
    """report id -> table code -> table, from `tables.csv` and the tidy resources."""
    package_dir = Path(package_dir)
    desc = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in desc["resources"]}
    out: dict[str, dict[str, ReadTable]] = {}
    resource_of: dict[tuple[str, str], str] = {}
    with open(package_dir / by_name["tables"]["path"], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["report_id"], {})[row["table"]] = ReadTable(
                row["table_format"], row["status"], row["note"], {})
            if row["resource"]:
                resource_of[(row["report_id"], row["table"])] = row["resource"]
    wanted = sorted(set(resource_of.values()))
    for name in wanted:
        res = by_name[name]
        integer = next(f for f in res["schema"]["fields"] if f["name"] == "value")["type"] == "integer"
        table_of = {rid: code for (rid, code), n in resource_of.items() if n == name}
        cells: dict[tuple[str, str], list[tuple[int, Cell]]] = {}
        with open(package_dir / res["path"], encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                cell = Cell(_number(row["value"], integer), row["raw"] or None)
                cells.setdefault((row["report_id"], row["row_code"]), []).append((int(row["column_no"]), cell))
        for (rid, row_code), numbered in cells.items():
            table = out[rid][table_of[rid]]
            table.rows[row_code] = [c for _, c in sorted(numbered, key=lambda x: x[0])]
    return out
