"""Evaluating the identities declared with each format: one evaluator for all of them.

An identity's terms may name another table of the report and the same agency's report of
the previous year (formats/base.py `Term`). Identities within one report run in the report
pass; those reaching into the previous year run in the pass across reports, on `Facts`
(rules/corpus.py), through the same `evaluate`.

A blank is not a zero: an identity that involves a blank (or a cell whose printed text
was not a number) is unverifiable, not failed and not passed, unless the known cells
alone already break it (counts are non-negative, so a known part larger than a known
total is wrong whatever the blanks hold).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..findings import INFO, PUBLISHER, STAGE_CORPUS, STAGE_REPORT, Finding, Rule
from ..formats import FORMATS
from ..formats.base import SIGNED, THIS_YEAR, Identity, IdentityRule, Table, Term
from ..model import Report
from ..numbers import shown

TOLERANCE = 1e-6  # amounts are decimals in 万元
MISSING = object()  # the cell's row, column or table is not in the report: the identity does not apply

R_BLANK = Rule("CHECK-BLANK", INFO, STAGE_REPORT, "因空白单元格无法核对",
               "{table}有 {count} 个等式因空白或非数字单元格无法核对（{rules}）。空白不等于 0，这些等式既不算通过也不算错误。",
               party=PUBLISHER)


def _identity_rules() -> dict[str, IdentityRule]:
    out: dict[str, IdentityRule] = {}
    for fmt in FORMATS.values():
        for table in fmt.tables:
            for rule in table.rules:
                out.setdefault(rule.id, rule)
    return out


IDENTITY_RULES = _identity_rules()
_SAME_REPORT = "{cell}：{title}不成立：{left_desc} = {left}，{right_desc} = {right}，{gap}。{note}"
_ACROSS_YEARS = "{cell}：{title}：{left_desc} = {left}，{right_desc} = {right}，{gap}。{note}"
# One rule per identity id, made from the format definitions.
IDENTITY = {
    rid: Rule(rid, r.severity, STAGE_CORPUS if r.across_years else STAGE_REPORT, r.title,
              _ACROSS_YEARS if r.across_years else _SAME_REPORT, formula=r.formula, party=PUBLISHER)
    for rid, r in IDENTITY_RULES.items()
}
RULES = (R_BLANK, *(r for r in IDENTITY.values() if r.stage == STAGE_REPORT))
ACROSS_YEARS_RULES = tuple(r for r in IDENTITY.values() if r.stage == STAGE_CORPUS)


@dataclass(frozen=True)
class Compiled:
    """An identity with its terms resolved against the table that declares it: (table code,
    year, row, column, sign, may-be-negative) per term, computed once per definition."""

    rule: IdentityRule
    identity: Identity
    left: tuple[tuple, ...]
    right: tuple[tuple, ...]


@dataclass
class Outcome:
    identity: Identity
    left: float | None  # None when unknown
    right: float | None
    left_known: float
    right_known: float
    failed: bool


_COMPILED: dict[tuple[int, bool], list[Compiled]] = {}
HOLDS = Outcome(None, 0.0, 0.0, 0.0, 0.0, False)  # type: ignore[arg-type]  # shared: most identities hold


def compiled(definition: Table, across_years: bool) -> list[Compiled]:
    key = (id(definition), across_years)
    out = _COMPILED.get(key)
    if out is None:
        out = []
        for rule in definition.rules:
            if rule.across_years != across_years:
                continue
            for ident in rule.identities:
                out.append(Compiled(rule, ident, _terms(definition, ident.left), _terms(definition, ident.right)))
        _COMPILED[key] = out
    return out


def _terms(definition: Table, terms: tuple[Term, ...]) -> tuple[tuple, ...]:
    out = []
    for t in terms:
        own = t.table is None or t.table == definition.code
        # A cell of another table or year may be of any format: only this table's kinds are known.
        signed = own and definition.row(t.row).cell_kind(_column(definition, t.row, t.column)) == SIGNED
        # The position of a cell of this table and year, so the report pass reads it directly.
        index = _index(definition, t.row)[t.column] if own and t.year == THIS_YEAR else None
        out.append((definition.code if own else t.table, t.year, t.row, t.column, t.sign, signed, index))
    return tuple(out)


def _column(definition: Table, row: str, column: str):
    return next(c for c in definition.row(row).columns if c.code == column)


Reader = Callable[[str, int, str, str], object]  # (table, year, row, column) -> value | None | MISSING


def _side(terms: tuple[tuple, ...], read: Reader, rows: dict | None = None) -> tuple[float, bool, bool] | None:
    """(sum of the known cells, complete, the blanks can only add to it); None: does not apply.
    `rows`, the declaring table's rows in the report pass, is read by position (the hot path)."""
    total, complete, grows = 0.0, True, True
    for table, year, row, column, sign, signed, index in terms:
        if index is not None and rows is not None:
            cells = rows.get(row)
            if cells is None:
                return None  # optional rows (legacy) that the report did not print
            v = cells[index].value
        else:
            v = read(table, year, row, column)
            if v is MISSING:
                return None
        if v is None:
            complete = False
            grows = grows and sign > 0 and not signed
        else:
            total += sign * v
    return total, complete, grows


def evaluate(c: Compiled, read: Reader, rows: dict | None = None) -> Outcome | None:
    """The identity on the cells `read` gives (and `rows`, see _side); None when some cell does
    not exist."""
    left, right = _side(c.left, read, rows), _side(c.right, read, rows)
    if left is None or right is None:
        return None
    (lk, lc, lg), (rk, rc, rg) = left, right
    eq = c.identity.relation == "="
    if lc and rc:
        failed = abs(lk - rk) > TOLERANCE if eq else lk > rk + TOLERANCE
        return Outcome(c.identity, lk, rk, lk, rk, True) if failed else HOLDS  # the common case: it holds
    # Partly blank: only a known part exceeding a complete other side is certainly wrong,
    # and only when the blanks can but add to that part.
    failed = False
    if eq:
        failed = (lc and not rc and rg and rk > lk + TOLERANCE) or (rc and not lc and lg and lk > rk + TOLERANCE)
    elif rc and not lc and lg:  # a <= b with b known, a partly known and already larger
        failed = lk > rk + TOLERANCE
    return Outcome(c.identity, lk if lc else None, rk if rc else None, lk, rk, failed)


# ---- the report pass ------------------------------------------------------------------------
def _report_reader(report: Report) -> Reader:
    tables = report.tables

    def read(table: str, year: int, row: str, column: str) -> object:
        t = tables.get(table)
        if t is None or t.status != "table" or year != THIS_YEAR:
            return MISSING
        cells = t.rows.get(row)
        if cells is None or not t.definition.has_row(row):
            return MISSING  # optional rows (legacy) that the report did not print
        index = _index(t.definition, row).get(column)
        return MISSING if index is None else cells[index].value

    return read


_INDEX: dict[tuple[int, str], dict[str, int]] = {}


def _index(definition: Table, row: str) -> dict[str, int]:
    key = (id(definition), row)
    out = _INDEX.get(key)
    if out is None:
        out = _INDEX[key] = {c.code: i for i, c in enumerate(definition.row(row).columns)}
    return out


def check_table(report: Report, code: str, read: Reader | None = None) -> list[Finding]:
    table = report.tables[code]
    if table.status != "table":
        return []
    read = read or _report_reader(report)
    findings: list[Finding] = []
    unverifiable: dict[str, int] = {}
    definition = table.definition
    rows = table.rows
    for c in compiled(definition, across_years=False):
        out = evaluate(c, read, rows)
        if out is None:
            continue
        if out.failed:
            # a term of another table of the report is labelled as that table prints it
            findings.append(identity_finding(report.path, report.row_line, definition, c, out,
                                             lambda t: report.tables[t.table or code].definition))
        elif out.left is None or out.right is None:
            unverifiable[c.rule.id] = unverifiable.get(c.rule.id, 0) + 1
    if unverifiable:
        anchor = report.doc.line("tables", code)
        findings.append(R_BLANK.finding(
            report.path, anchor, cells=(code,), table=f"表“{definition.title}”",
            count=sum(unverifiable.values()), rules="、".join(f"{k} {v} 个" for k, v in sorted(unverifiable.items()))))
    return findings


def check_report_tables(report: Report) -> list[Finding]:
    read = _report_reader(report)
    out: list[Finding] = []
    for code in report.tables:
        out += check_table(report, code, read)
    return out


# ---- findings -------------------------------------------------------------------------------
Line = Callable[[str, str], "int | None"]  # (table, row) -> line in the report's file
DefinitionOf = Callable[[Term], Table]  # the table definition a term's cell is printed in


def identity_finding(path: str, line: Line, definition: Table, c: Compiled, out: Outcome,
                     definition_of: DefinitionOf, previous: tuple[str, int, str] | None = None) -> Finding:
    """The finding of a failed identity, in either pass. `previous`: (report id, year, file) of
    the previous year's report, for identities across years."""
    ident, rule = c.identity, c.rule
    terms = ident.left + ident.right
    anchor = next(t for t in terms if t.year == THIS_YEAR)
    table = anchor.table or definition.code
    partial = out.left is None or out.right is None
    if partial:
        gap = "已知部分已超出，空白单元格无论填什么都不能相等" if ident.relation == "=" else "已知部分已超出"
    else:
        diff = out.left_known - out.right_known
        gap = f"相差 {shown(abs(diff))}" if ident.relation == "=" else f"超出 {shown(diff)}"
    left = shown(out.left_known) + ("（不含空白）" if out.left is None else "")
    right = shown(out.right_known) + ("（不含空白）" if out.right is None else "")
    now = [t for t in terms if t.year == THIS_YEAR]
    before = [t for t in terms if t.year != THIS_YEAR]
    cells = tuple(cell_id(definition.code, t) for t in now)
    if previous is not None:
        cells += tuple(f"{previous[0]}:{cell_id(definition.code, t)}" for t in before)
    return IDENTITY[rule.id].finding(  # this format's severity: formats may share a rule id
        path, line(table, anchor.row), severity=rule.severity, cells=cells,
        cell=definition_of(anchor).cell_label(anchor.row, anchor.column), title=rule.title,
        left_desc=_desc(ident.left, definition_of, previous), right_desc=_desc(ident.right, definition_of, previous),
        left=left, right=right, gap=gap, note=rule.note, left_value=out.left, right_value=out.right,
        previous_file=previous[2] if previous else None,
    )


def cell_id(own: str, term: Term) -> str:
    """A term's cell as findings name it; `own` is the declaring table's code."""
    return f"{term.table or own}.{term.row}.{term.column}"


def _desc(terms: tuple[Term, ...], definition_of: DefinitionOf, previous: tuple[str, int, str] | None) -> str:
    """One side of an identity in printed labels. A long sum names its first and last cell
    (and the count), so a reader can find every cell it covers in the printed table."""
    if len(terms) <= 3:
        out = ""
        for i, t in enumerate(terms):
            label = definition_of(t).cell_label(t.row, t.column)
            if t.year != THIS_YEAR and previous is not None:
                label = f"{previous[1]} 年度报告（{previous[2]}）的 {label}"
            out += (("" if t.sign > 0 else "−") if i == 0 else (" + " if t.sign > 0 else " − ")) + label
        return out
    table = definition_of(terms[0])
    first, last = terms[0], terms[-1]
    if all(t.row == first.row for t in terms) and not table.scalar_rows:
        row = table.row(first.row)
        labels = {c.code: c.label for c in row.columns}
        return f"{row.ref} × {labels[first.column]}…{labels[last.column]}（{len(terms)} 列之和）"
    if all(t.column == first.column for t in terms) and not table.scalar_rows:
        column = next(c.label for c in table.row(first.row).columns if c.code == first.column)
        return f"{table.row(first.row).ref}…{table.row(last.row).ref} × {column}（{len(terms)} 行之和）"
    return f"{table.cell_label(first.row, first.column)}…{table.cell_label(last.row, last.column)}（{len(terms)} 项之和）"


__all__ = ["check_report_tables", "evaluate", "compiled", "identity_finding", "IDENTITY_RULES", "MISSING"]
