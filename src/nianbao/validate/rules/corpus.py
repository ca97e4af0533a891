"""Rules across reports: the same agency's years, and the corpus as a whole.

They read `Facts`, a small picklable summary of each report, so that the per-report
pass can run in worker processes and send back only what the corpus pass needs.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from ...findings import ERROR, WARNING, STAGE_CORPUS, Check, Finding, Rule
from ...formats import FORMATS
from ...model import Agency, Report

R_CARRY = Rule("T3-05", WARNING, STAGE_CORPUS, "上年结转与上一年度的结转下年度不一致",
               "{cell}：本年“二、上年结转”为 {this}，而 {prev_year} 年度报告的“四、结转下年度继续办理”为 {prev}"
               "（{prev_file}），相差 {diff}。机构合并、拆分或更正数据时可能如此，请核对。",
               formula="二、上年结转(Y) = 四、结转下年度继续办理(Y−1)，同一机构，逐列")
R_STOCK = Rule("T2-01", WARNING, STAGE_CORPUS, "现行有效件数与上年不衔接",
               "{cell}：现行有效件数 {in_force}，而按上年 {prev_in_force}（{prev_file}）+ 本年制发 {issued} − 本年废止 {repealed}"
               " 应为 {expected}，相差 {diff}。修订、清理或重新归类文件时可能如此，请核对。",
               formula="现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y)（2021年版，规章、行政规范性文件）")
R_REPEAL = Rule("T2-02", WARNING, STAGE_CORPUS, "废止件数超过可废止的文件数",
                "{cell}：本年废止 {repealed} 件，多于上年现行有效 {prev_in_force} 件（{prev_file}）与本年制发 {issued} 件之和"
                " {available}，超出 {diff}。",
                formula="本年废止件数(Y) ≤ 现行有效件数(Y−1) + 本年制发件数(Y)（2021年版）")
R_ITEMS = Rule("T2-04", WARNING, STAGE_CORPUS, "上一年项目数量与上年不衔接",
               "{cell}：2020年度“上一年项目数量”为 {this}，而2019年度报告（{prev_file}）的上一年项目数量 {prev_items}"
               " + 本年增/减 {change} = {expected}，相差 {diff}。",
               formula="上一年项目数量(2020) = 上一年项目数量(2019) + 本年增/减(2019)（2019年版，逐行）")
R_CUMULATIVE = Rule("T2-05", WARNING, STAGE_CORPUS, "对外公开总数量比上年少",
                    "{cell}：对外公开总数量 {this} 少于上年的 {prev}（{prev_file}），而它是累计数，通常不会减少。",
                    formula="对外公开总数量(Y) ≥ 对外公开总数量(Y−1)（2019年版，累计数）")
R_DUP = Rule("DUP-01", ERROR, STAGE_CORPUS, "同一机构登记了两次",
             "{detail}同一机构只应有一个目录：请把报告合并到一个目录，删去另一个；机构改名时把旧名写在 aliases 中。",
             formula="同一行政区划内没有两个名称相同的机构；名称或别名相同的两个机构，同一年度不能各有一份报告")


@dataclass
class Facts:
    """What cross-report rules need to know of one report."""

    id: str
    agency_id: str
    year: int
    format: str
    path: str
    kind: str | None = None  # agency kind, when known
    published: str | None = None
    dated: str | None = None
    # (table, row) -> cells as (column code, value) pairs, for the rows corpus rules read
    rows: dict[tuple[str, str], tuple[tuple[str, object], ...]] = field(default_factory=dict)
    lines: dict[tuple[str, str], int | None] = field(default_factory=dict)
    title: str = ""
    acks: tuple[tuple[str, tuple[str, ...], str, int | None], ...] = ()  # (rule, cells, note, line)


# (table, row) pairs copied into Facts.
FACT_ROWS = (("requests", "r2"), ("requests", "r4"),
             ("proactive", "rules"), ("proactive", "normative"),
             ("proactive", "licensing"), ("proactive", "other_services"), ("proactive", "penalty"),
             ("proactive", "coercion"), ("proactive", "fees"))


def facts_of(report: Report, kind: str | None = None) -> Facts:
    f = Facts(report.id, report.agency_id, report.year, report.format.code, report.path, kind,
              report.published, report.dated, title=report.title,
              acks=tuple((a.rule, a.cells, a.note, a.line) for a in report.acknowledged))
    for table_code, row_code in FACT_ROWS:
        t = report.tables.get(table_code)
        if t is None or t.status != "table" or row_code not in t.rows:
            continue
        cols = t.definition.row(row_code).columns
        f.rows[(table_code, row_code)] = tuple((c.code, cell.value) for c, cell in zip(cols, t.rows[row_code]))
        f.lines[(table_code, row_code)] = report.row_line(table_code, row_code)
    return f


def by_agency(facts: list[Facts]) -> dict[str, dict[int, Facts]]:
    out: dict[str, dict[int, Facts]] = {}
    for f in facts:
        out.setdefault(f.agency_id, {})[f.year] = f
    return out


REQUESTS_TABLE = FORMATS["gov2021"].table("requests")


def check_carry_over(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """T3-05: this year's 上年结转 equals last year's 结转下年度继续办理, per column."""
    out: list[Finding] = []
    for this, prev in _pairs(facts, selected):
        carried = dict(this.rows.get(("requests", "r2"), ()))
        forward = dict(prev.rows.get(("requests", "r4"), ()))
        for col, v in carried.items():
            p = forward.get(col)
            if v is None or p is None or v == p:
                continue
            # 二 × column reads the same in 2019 and 2021; a table may use a format other than its report's
            label = REQUESTS_TABLE.cell_label("r2", col)
            out.append(R_CARRY.finding(this.path, this.lines.get(("requests", "r2")),
                                       cells=(f"requests.r2.{col}", f"{prev.id}:requests.r4.{col}"),
                                       cell=label, this=v, prev=p, prev_year=prev.year,
                                       prev_file=prev.path, diff=abs(v - p)))
    return out


def _pairs(facts: list[Facts], selected: set[str]):
    """(this year, previous year) of the same agency where either report is selected: a change
    to last year's report can break this year's continuity, and whoever validates the changed
    file should see it. The finding stays on the later report, where the 上年 figure is printed."""
    for years in by_agency(facts).values():
        for year, this in sorted(years.items()):
            prev = years.get(year - 1)
            if prev is not None and (this.id in selected or prev.id in selected):
                yield this, prev


def _row(f: Facts, table: str, row: str) -> dict[str, object]:
    return dict(f.rows.get((table, row), ()))


def _label(f: Facts, table: str, row: str, col: str) -> str:
    return FORMATS[f.format].table(table).cell_label(row, col) if FORMATS[f.format].has_table(table) else row


def check_proactive_stock(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """T2-01 and T2-02: 2021 table 二's 现行有效件数 carried from the previous year."""
    out: list[Finding] = []
    for this, prev in _pairs(facts, selected):
        for row in ("rules", "normative"):
            now, before = _row(this, "proactive", row), _row(prev, "proactive", row)
            if "in_force" not in now or "in_force" not in before:
                continue  # the 2019 table has no 现行有效件数
            issued, repealed, in_force, prev_in_force = (now.get("issued"), now.get("repealed"),
                                                         now.get("in_force"), before.get("in_force"))
            if None in (issued, repealed, in_force, prev_in_force):
                continue
            line = this.lines.get(("proactive", row))
            common = dict(prev_file=prev.path, prev_in_force=prev_in_force, issued=issued, repealed=repealed)
            if repealed > prev_in_force + issued:
                out.append(R_REPEAL.finding(
                    this.path, line, cells=(f"proactive.{row}.repealed", f"{prev.id}:proactive.{row}.in_force"),
                    cell=_label(this, "proactive", row, "repealed"), available=prev_in_force + issued,
                    diff=repealed - prev_in_force - issued, **common))
            expected = prev_in_force + issued - repealed
            if in_force != expected:
                out.append(R_STOCK.finding(
                    this.path, line, cells=(f"proactive.{row}.in_force", f"{prev.id}:proactive.{row}.in_force"),
                    cell=_label(this, "proactive", row, "in_force"), in_force=in_force, expected=expected,
                    diff=abs(in_force - expected), **common))
    return out


ITEM_ROWS = ("licensing", "other_services", "penalty", "coercion", "fees")


def check_project_items(facts: list[Facts], selected: set[str]) -> list[Finding]:
    """T2-04 (2019→2020 上一年项目数量) and T2-05 (对外公开总数量 does not shrink), 2019 format."""
    out: list[Finding] = []
    for this, prev in _pairs(facts, selected):
        if this.year == 2020:
            for row in ITEM_ROWS:
                now, before = _row(this, "proactive", row), _row(prev, "proactive", row)
                if "prev_items" not in now or "change" not in before:
                    continue
                v, p, c = now.get("prev_items"), before.get("prev_items"), before.get("change")
                if None in (v, p, c) or v == p + c:
                    continue
                out.append(R_ITEMS.finding(
                    this.path, this.lines.get(("proactive", row)),
                    cells=(f"proactive.{row}.prev_items", f"{prev.id}:proactive.{row}.prev_items",
                           f"{prev.id}:proactive.{row}.change"),
                    cell=_label(this, "proactive", row, "prev_items"), this=v, prev_items=p, change=c,
                    expected=p + c, diff=abs(v - p - c), prev_file=prev.path))
        for row in ("rules", "normative"):
            v = _row(this, "proactive", row).get("total_published")
            p = _row(prev, "proactive", row).get("total_published")
            if v is None or p is None or v >= p:
                continue
            out.append(R_CUMULATIVE.finding(
                this.path, this.lines.get(("proactive", row)),
                cells=(f"proactive.{row}.total_published", f"{prev.id}:proactive.{row}.total_published"),
                cell=_label(this, "proactive", row, "total_published"), this=v, prev=p, prev_file=prev.path))
    return out


def _norm_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def check_duplicates(facts: list[Facts], selected: set[str], agencies: Mapping[str, Agency]) -> list[Finding]:
    """DUP-01: one agency registered twice in a division (same name, or a name that is the other's alias)."""
    out: list[Finding] = []
    by_division: dict[str, list[Agency]] = {}
    for a in sorted(agencies.values(), key=lambda a: a.id):
        by_division.setdefault(a.division, []).append(a)
    years = by_agency(facts)
    for group in by_division.values():
        for i, a in enumerate(group):
            for b in group[:i]:
                na, nb = _norm_name(a.name), _norm_name(b.name)
                if na == nb:
                    out.append(R_DUP.finding(a.path, 1, cells=(b.id,), detail=(
                        f"机构“{a.name}”（{a.id}）与 {b.path} 里的机构（{b.id}）名称相同。")))
                    how = "名称相同"
                elif na in {_norm_name(x) for x in b.aliases} or nb in {_norm_name(x) for x in a.aliases}:
                    how = "一方的名称是另一方的别名"
                else:
                    continue
                both = sorted(set(years.get(a.id, {})) & set(years.get(b.id, {})))
                for year in both:
                    fa, fb = years[a.id][year], years[b.id][year]
                    if fa.id not in selected and fb.id not in selected:
                        continue
                    out.append(R_DUP.finding(fa.path, 1, cells=(fb.id,), year=year, detail=(
                        f"{year} 年度的报告在两个机构目录里各有一份：本文件与 {fb.path}；"
                        f"机构“{a.name}”与“{b.name}”{how}，看来是同一机构。")))
    return out


# Each check beside the rules it may fire; the duplicate check also reads the agencies.
CORPUS_CHECKS = (
    Check(check_carry_over, (R_CARRY,)),
    Check(check_proactive_stock, (R_STOCK, R_REPEAL)),
    Check(check_project_items, (R_ITEMS, R_CUMULATIVE)),
)
DUPLICATE_CHECK = Check(check_duplicates, (R_DUP,))
RULES = tuple(rule for check in CORPUS_CHECKS + (DUPLICATE_CHECK,) for rule in check.rules)


def check_corpus(facts: list[Facts], selected: set[str],
                 agencies: Mapping[str, Agency] | None = None) -> list[Finding]:
    """Cross-report findings for the reports in `selected` (ids), reading all `facts`."""
    out: list[Finding] = []
    for check in CORPUS_CHECKS:
        out += check.run(facts, selected)
    if agencies:
        out += DUPLICATE_CHECK.run(facts, selected, agencies)
    return out
