"""Rows of every resource, as plain Python values in the order of its fields.

Generators only: the writers stream them to CSV, the Excel variant and SQLite at once,
so a 10,000-report corpus never sits in memory as rows. Rows come out sorted (report id,
then printed order), which makes every file deterministic.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from ..deadlines import deadline, lateness, parse_date
from ..findings import ERROR, INFO, WARNING
from ..validate.registry import all_rules
from ..validate.rules.copies import R_COPY
from ..formats import TABLE_CODES
from ..formats.base import Table
from ..corpus import Corpus
from ..model import Report
from .resources import REQUESTS_WIDE, TIDY_BY_SOURCE, Resource

Row = tuple[Any, ...]


# ---- the static half of a tidy row, per table definition -----------------------------------
@dataclass(frozen=True)
class RowShape:
    no: int
    code: str
    ref: str
    label: str
    block: str | None
    columns: tuple[tuple[int, str, str, str | None], ...]  # (column no, code, label, unit)


_SHAPES: dict[int, tuple[Table, tuple[RowShape, ...]]] = {}


def shapes(table: Table) -> tuple[RowShape, ...]:
    # Keyed by identity: hashing a frozen Table walks every row and column, on every call.
    hit = _SHAPES.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    out = []
    for i, row in enumerate(table.rows, 1):
        cols = tuple((j, c.code, c.label, row.cell_unit(c)) for j, c in enumerate(row.columns, 1))
        out.append(RowShape(i, row.code, row.ref, row.label, row.block.label or None, cols))
    _SHAPES[id(table)] = (table, tuple(out))
    return _SHAPES[id(table)][1]


def agency_rows(corpus: Corpus) -> Iterator[Row]:
    for a in corpus.agencies.values():
        yield (a.id, a.division, a.division[:2], a.slug, a.name, a.level, a.kind, a.parent, a.website,
               a.township_code, "；".join(a.aliases) or None)


def _counts(corpus: Corpus) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    slot = {ERROR: 0, WARNING: 1, INFO: 2}
    for f, rid in zip(corpus.findings, corpus.finding_report):
        if rid is None:
            continue
        c = counts.setdefault(rid, [0, 0, 0, 0])
        c[3 if f.acknowledged else slot[f.severity]] += 1
    return counts


def _copy_scores(corpus: Corpus) -> dict[str, float]:
    """Report id -> the highest similarity of its COPY-01 findings."""
    scores: dict[str, float] = {}
    for f, rid in zip(corpus.findings, corpus.finding_report):
        score = f.params.get("score") if f.rule == R_COPY.id else None
        if rid is not None and isinstance(score, (int, float)):
            scores[rid] = max(scores.get(rid, 0.0), float(score))
    return scores


def report_rows(corpus: Corpus) -> Iterator[Row]:
    agencies = corpus.agencies
    counts = _counts(corpus)
    copies = _copy_scores(corpus)
    for r in corpus.packaged:
        a = agencies[r.agency_id]
        m = r.meta
        source = m.get("source") or {}
        published = parse_date(m.get("published"))
        dated = parse_date(m.get("dated"))
        errors, warnings, infos, acked = counts.get(r.id, (0, 0, 0, 0))
        yield (r.id, r.agency_id, a.name, r.division, a.level, a.kind, r.year, r.format.code, r.title,
               published and published.isoformat(), dated and dated.isoformat(),
               deadline(r.year, a.kind).isoformat(), *_lateness(r, a.kind),
               source.get("url"), source.get("medium"), m.get("signature"), m.get("index_no"),
               m.get("doc_no"), errors, warnings, infos, acked, copies.get(r.id))


def _lateness(r: Report, kind: str) -> tuple[int | None, str | None]:
    late = lateness(r.published, r.dated, r.year, kind)
    return late.days, late.basis


def _is_raw(c) -> bool:
    return c.raw is not None


def table_rows(corpus: Corpus) -> Iterator[Row]:
    for r in corpus.packaged:
        for code in TABLE_CODES:
            t = r.tables.get(code)
            if t is None:
                continue
            cells = [c for row in t.rows.values() for c in row]
            resource = TIDY_BY_SOURCE.get((code, t.format.code))
            yield (r.id, code, t.format.code, t.status, t.note or None, resource and resource.name,
                   len(t.rows), len(cells), sum(1 for c in cells if c.blank), sum(1 for c in cells if _is_raw(c)))


def tidy_rows(resource: Resource, corpus: Corpus) -> Iterator[Row]:
    for r in corpus.packaged:
        for code, fmt in resource.sources:
            t = r.tables.get(code)
            if t is None or t.format.code != fmt:
                continue
            for shape in shapes(t.definition):
                cells = t.rows.get(shape.code)
                if cells is None:
                    continue
                head = (r.id, fmt, shape.no, shape.code, shape.ref, shape.label, shape.block)
                for (cno, ccode, clabel, unit), cell in zip(shape.columns, cells):
                    yield (*head, cno, ccode, clabel, unit, cell.value, cell.raw)


def requests_wide_rows(corpus: Corpus) -> Iterator[Row]:
    width = len(REQUESTS_WIDE.fields) - 6
    for r in corpus.packaged:
        t = r.tables.get("requests")
        if t is None or not t.format.national:
            continue
        for shape in shapes(t.definition):
            cells = t.rows.get(shape.code)
            if cells is None:
                continue
            values = [c.value for c in cells][:width]
            yield (r.id, t.format.code, shape.no, shape.code, shape.ref, shape.label, *values)


def _local_cell(v: Any) -> tuple[Any, str | None]:
    if isinstance(v, bool):  # YAML true/false in a local table is text, not 1/0
        return None, str(v).lower()
    if isinstance(v, (int, float)):
        return v, None
    if isinstance(v, str):
        return None, v
    return None, None


def local_table_rows(corpus: Corpus) -> Iterator[Row]:
    for r in corpus.packaged:
        for ti, t in enumerate(r.local_tables, 1):
            columns = t.get("columns") or []
            for ri, row in enumerate(t.get("rows") or [], 1):
                for ci, v in enumerate(row.get("values") or [], 1):
                    value, raw = _local_cell(v)
                    yield (r.id, ti, t["title"], ri, row["label"], row.get("unit"), ci,
                           columns[ci - 1] if ci <= len(columns) else None, value, raw)


def rule_rows(corpus: Corpus) -> Iterator[Row]:
    for rule in sorted(all_rules(), key=lambda r: r.id):
        yield (rule.id, rule.severity, rule.stage, rule.title, rule.formula or None)


def _side(params: dict, *names: str) -> float | int | None:
    for n in names:
        v = params.get(n)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return v
    return None


def finding_rows(corpus: Corpus) -> Iterator[Row]:
    for no, (f, rid) in enumerate(zip(corpus.findings, corpus.finding_report), 1):
        params = json.dumps(f.params, ensure_ascii=False, sort_keys=True) if f.params else None
        yield (no, rid, f.rule, f.severity, f.file, f.line or None, " ".join(f.cells) or None, f.message,
               _side(f.params, "left_value", "this"), _side(f.params, "right_value", "prev"),
               f.acknowledged, f.note or None, params)


def rows_of(resource: Resource, corpus: Corpus) -> Iterator[Row]:
    if resource.sources:
        return tidy_rows(resource, corpus)
    return {
        "agencies": agency_rows, "reports": report_rows, "tables": table_rows,
        "requests_wide": requests_wide_rows, "local_tables": local_table_rows,
        "rules": rule_rows, "findings": finding_rows,
    }[resource.name](corpus)
