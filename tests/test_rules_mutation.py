"""Every single-cell change (+1) to a complete table 三 or 四 in content/ is caught by an error.

The test iterates over whatever complete tables content/ holds (all cells numbers), changes
each cell in turn in the loaded model and runs the per-report rules on it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.model import Cell
from nianbao.validate import validate
from nianbao.validate.rules.report import check_report

CONTENT = Path(__file__).resolve().parent.parent / "content"
TABLES = ("requests", "review")


def complete_tables() -> list[tuple[str, str]]:
    out = []
    for path in sorted(CONTENT.rglob("[12][0-9][0-9][0-9].yaml")):
        result = validate([path], CONTENT, keep_reports=True)
        for report in result.reports.values():
            for code in TABLES:
                t = report.tables.get(code)
                if t and t.status == "table" and t.rows and all(
                        c.value is not None for cells in t.rows.values() for c in cells):
                    out.append((str(path.relative_to(CONTENT)), code))
    return out


COMPLETE = complete_tables()


def test_there_is_a_complete_table() -> None:
    assert ("51/510727/zfb/2024.yaml", "requests") in COMPLETE


@pytest.mark.parametrize("rel,code", COMPLETE)
def test_every_cell_change_is_caught(rel: str, code: str) -> None:
    path = CONTENT / rel
    result = validate([path], CONTENT, keep_reports=True)
    (report,) = result.reports.values()
    agency = result.agencies.get(report.agency_id)
    table = report.tables[code]
    missed = []
    checked = 0
    for row_code, cells in table.rows.items():
        columns = table.definition.row(row_code).columns
        for i, cell in enumerate(cells):
            cell_id = f"{code}.{row_code}.{columns[i].code}"
            cells[i] = Cell(cell.value + 1)
            try:
                caught = [f for f in check_report(report, agency) if f.severity == "error" and cell_id in f.cells]
            finally:
                cells[i] = cell
            checked += 1
            if not caught:
                missed.append(cell_id)
    assert checked >= 15
    assert missed == [], f"{rel}: changes not caught: {missed}"
