"""Per-report downloads at stable URLs: `reports/<report id>.json` and `reports/<report id>.csv`.

The JSON is the whole report (meta, sections, tables with each cell's value and raw
text, local tables, acknowledgements, findings); the CSV is its national tables, tidy,
UTF-8 with BOM so that a double-click in Excel shows Chinese correctly.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..formats import TABLE_CODES
from ..model import Agency, Report
from .rows import shapes
from ..numbers import exact
from .writers import _excel_text

# Rows come in printed order, so no order columns; the table's format is in the JSON.
CSV_HEADER = ("表", "行代码", "行号", "行名", "栏目", "列代码", "列名", "单位", "数值", "原文")


def report_json(report: Report, agency: Agency, findings: list[Finding], extra: dict[str, Any]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for code in TABLE_CODES:
        t = report.tables.get(code)
        if t is None:
            continue
        rows: dict[str, Any] = {}
        for shape in shapes(t.definition):
            cells = t.rows.get(shape.code)
            if cells is None:
                continue
            rows[shape.code] = [{"column": ccode, "value": c.value, "raw": c.raw}
                                for (_, ccode, _, _), c in zip(shape.columns, cells)]
        tables[code] = {"format": t.format.code, "title": t.definition.title, "status": t.status,
                        "note": t.note or None, "rows": rows}
    return {
        "id": report.id,
        "agency": {"id": agency.id, "name": agency.name, "level": agency.level, "kind": agency.kind},
        "division": report.division,
        "year": report.year,
        "format": report.format.code,
        **extra,
        "meta": report.meta,
        "sections": [{"heading": s.heading, "text": s.text} for s in report.sections],
        "tables": tables,
        "local_tables": report.local_tables,
        "acknowledged": [{"rule": a.rule, "cells": list(a.cells), "note": a.note} for a in report.acknowledged],
        "findings": [{k: v for k, v in f.to_dict().items() if k not in ("report", "column")} for f in findings],
    }


def report_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for code in TABLE_CODES:
        t = report.tables.get(code)
        if t is None:
            continue
        for shape in shapes(t.definition):
            cells = t.rows.get(shape.code)
            if cells is None:
                continue
            for (_, ccode, clabel, unit), c in zip(shape.columns, cells):
                value = exact(c.value, False) if type(c.value) is float else c.value  # as in the package CSV
                w.writerow((code, shape.code, shape.ref, shape.label, shape.block, ccode, clabel, unit,
                            value, _excel_text(c.raw)))
    return buf.getvalue()


def write_report_files(out: Path, report: Report, agency: Agency, findings: list[Finding],
                       extra: dict[str, Any]) -> None:
    doc = report_json(report, agency, findings, extra)
    (out / f"{report.id}.json").write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (out / f"{report.id}.csv").write_text(report_csv(report), encoding="utf-8-sig", newline="")
