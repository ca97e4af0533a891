"""Evaluating the identities declared with each format.

A blank is not a zero: an identity that involves a blank (or a cell whose printed text
was not a number) is unverifiable, not failed and not passed, unless the known cells
alone already break it (all counts are non-negative, so a known part larger than a
known total is wrong whatever the blanks hold).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import INFO, STAGE_REPORT, Finding, Rule
from ..formats import FORMATS
from ..formats.base import Identity, IdentityRule, Table, Term
from ..model import Report, TableData
from ..numbers import shown

TOLERANCE = 1e-6  # amounts are decimals in 万元

R_BLANK = Rule("CHECK-BLANK", INFO, STAGE_REPORT, "因空白单元格无法核对",
               "{table}有 {count} 个等式因空白或非数字单元格无法核对（{rules}）。空白不等于 0，这些等式既不算通过也不算错误。")


def _identity_rules() -> dict[str, IdentityRule]:
    out: dict[str, IdentityRule] = {}
    for fmt in FORMATS.values():
        for table in fmt.tables:
            for rule in table.rules:
                out.setdefault(rule.id, rule)
    return out


IDENTITY_RULES = _identity_rules()
# One rule per identity id, made from the format definitions.
IDENTITY = {
    rid: Rule(rid, r.severity, STAGE_REPORT, r.title,
              "{cell}：{title}不成立：{left_desc} = {left}，{right_desc} = {right}，{gap}。",
              formula=r.formula)
    for rid, r in IDENTITY_RULES.items()
}
RULES = (R_BLANK, *IDENTITY.values())


@dataclass
class Outcome:
    identity: Identity
    left: float | None  # None when unknown
    right: float | None
    left_known: float
    right_known: float
    failed: bool


def _column_index(definition: Table, row: str, column: str) -> int:
    return next(i for i, c in enumerate(definition.row(row).columns) if c.code == column)


def _outcome(identity: Identity, lk: float, lc: bool, rk: float, rc: bool) -> Outcome:
    if lc and rc:
        failed = (abs(lk - rk) > TOLERANCE) if identity.relation == "=" else lk > rk + TOLERANCE
        return Outcome(identity, lk, rk, lk, rk, failed)
    # Partly blank: only a known part exceeding a complete other side is certainly wrong.
    failed = False
    if identity.relation == "=":
        failed = (lc and not rc and rk > lk + TOLERANCE) or (rc and not lc and lk > rk + TOLERANCE)
    elif rc and not lc:  # a <= b with b known, a partly known and already larger
        failed = lk > rk + TOLERANCE
    return Outcome(identity, lk if lc else None, rk if rc else None, lk, rk, failed)


def _desc(table: Table, terms: tuple[Term, ...]) -> str:
    """One side of an identity in printed labels. A long sum names its first and last cell
    (and the count), so a reader can find every cell it covers in the printed table."""
    if len(terms) <= 3:
        return " + ".join(table.cell_label(t.row, t.column) for t in terms)
    first, last = terms[0], terms[-1]
    if all(t.row == first.row for t in terms) and not table.scalar_rows:
        row = table.row(first.row)
        labels = {c.code: c.label for c in row.columns}
        return f"{row.ref} × {labels[first.column]}…{labels[last.column]}（{len(terms)} 列之和）"
    if all(t.column == first.column for t in terms) and not table.scalar_rows:
        column = next(c.label for c in table.row(first.row).columns if c.code == first.column)
        return f"{table.row(first.row).ref}…{table.row(last.row).ref} × {column}（{len(terms)} 行之和）"
    return f"{table.cell_label(first.row, first.column)}…{table.cell_label(last.row, last.column)}（{len(terms)} 项之和）"


def cell_id(table_code: str, term: Term) -> str:
    return f"{table_code}.{term.row}.{term.column}"


def _compiled(definition: Table) -> list[tuple[IdentityRule, Identity, tuple, tuple, frozenset]]:
    """Each identity of a table with its terms as (row, column index, sign), computed once:
    identities read thousands of cells per corpus run, and an index beats a column search."""
    out = _COMPILED.get(id(definition))
    if out is None:
        out = []
        for rule in definition.rules:
            for ident in rule.identities:
                left = tuple((t.row, _column_index(definition, t.row, t.column), t.sign) for t in ident.left)
                right = tuple((t.row, _column_index(definition, t.row, t.column), t.sign) for t in ident.right)
                rows = frozenset(t.row for t in ident.left + ident.right)
                out.append((rule, ident, left, right, rows))
        _COMPILED[id(definition)] = out
    return out


_COMPILED: dict[int, list] = {}


def _sum(rows: dict, terms: tuple) -> tuple[float, bool]:
    total = 0.0
    complete = True
    for row, idx, sign in terms:
        v = rows[row][idx].value
        if v is None:
            complete = False
        else:
            total += sign * v
    return total, complete


def check_table(report: Report, code: str, table: TableData) -> list[Finding]:
    if table.status != "table":
        return []
    findings: list[Finding] = []
    unverifiable: dict[str, int] = {}
    definition = table.definition
    rows = table.rows
    present = rows.keys()
    for rule, identity, left, right, needed in _compiled(definition):
        if not needed <= present:
            continue  # optional rows (legacy) that the report did not print
        lk, lc = _sum(rows, left)
        rk, rc = _sum(rows, right)
        if lc and rc and identity.relation == "=" and abs(lk - rk) <= TOLERANCE:
            continue  # the common case: it holds
        out = _outcome(identity, lk, lc, rk, rc)
        if out.failed:
            findings.append(_finding(report, code, table, rule, out))
        elif out.left is None or out.right is None:
            unverifiable[rule.id] = unverifiable.get(rule.id, 0) + 1
    if unverifiable:
        anchor = report.doc.line("tables", code)
        findings.append(R_BLANK.finding(
            report.path, anchor, cells=(code,), table=f"表“{definition.title}”",
            count=sum(unverifiable.values()), rules="、".join(f"{k} {v} 个" for k, v in sorted(unverifiable.items()))))
    return findings


def _finding(report: Report, code: str, table: TableData, rule: IdentityRule, out: Outcome) -> Finding:
    ident = out.identity
    definition = table.definition
    first = ident.left[0]
    partial = out.left is None or out.right is None
    if partial:
        gap = "已知部分已超出，空白单元格无论填什么都不能相等" if ident.relation == "=" else "已知部分已超出"
    else:
        diff = out.left_known - out.right_known
        gap = f"相差 {shown(abs(diff))}" if ident.relation == "=" else f"超出 {shown(diff)}"
    left = shown(out.left_known) + ("（不含空白）" if out.left is None else "")
    right = shown(out.right_known) + ("（不含空白）" if out.right is None else "")
    return IDENTITY[rule.id].finding(  # this format's severity: formats may share a rule id
        report.path, report.row_line(code, first.row), severity=rule.severity,
        cells=tuple(cell_id(code, t) for t in ident.left + ident.right),
        cell=definition.cell_label(first.row, first.column), title=rule.title,
        left_desc=_desc(definition, ident.left), right_desc=_desc(definition, ident.right),
        left=left, right=right, gap=gap, left_value=out.left, right_value=out.right,
    )


def check_report_tables(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for code, table in report.tables.items():
        out += check_table(report, code, table)
    return out


__all__ = ["check_report_tables", "IDENTITY_RULES"]
