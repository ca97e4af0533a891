"""Rules within one report, beyond the arithmetic identities (see ../arithmetic.py).

Each check is a function taking a Report and returning findings; REPORT_CHECKS lists
them in the order they run.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable

from ... import deadlines
from ...findings import ERROR, INFO, PUBLISHER, STAGE_REPORT, WARNING, Check, Finding, Rule
from ...formats import FORMATS, expected_format
from ...formats.base import AMOUNT, LOCAL
from ...model import Agency, Report
from .. import arithmetic
from .sections import edit_distance, heading_body, section_numeral
from .text import TEXT_CHECKS

R_HEADING_TYPO = Rule("STRUCT-04", WARNING, STAGE_REPORT, "章节标题与全国格式只差一两个字",
                      "第{numeral}节标题“{heading}”与全国格式的“{expected}”只差 {distance} 个字，是否录入有误？"
                      "标题应按原文照录；若原文确实如此，请在 acknowledged 中确认。",
                      public="第{numeral}节标题“{heading}”与全国格式的“{expected}”只差 {distance} 个字，本站正在核对是否录入有误。")
R_FLOAT = Rule("CELL-01", ERROR, STAGE_REPORT, "件数不能有小数",
               "{cell} 的值 {value} 有小数，而这一格是件数（整数）。若原文如此，请写成 {{value: ~, raw: \"{value}\"}} 并在 notes 说明。",
               public="{cell} 的值 {value} 有小数，而这一格是件数（整数）。")
R_NUMERIC_TEXT = Rule("CELL-03", ERROR, STAGE_REPORT, "数字写成了文本",
                      "{cell} 写的是文本“{raw}”，看起来是数字 {number}。请直接写数字 {number}；"
                      "若要保留原文写法，写成 {{value: {number}, raw: \"{raw}\"}}。",
                      public="{cell} 录成了文本“{raw}”。")
R_RAW_MISMATCH = Rule("CELL-04", ERROR, STAGE_REPORT, "数值与原文不符",
                      "{cell} 的 value 是 {value}，但原文“{raw}”里的数字是 {number}。数值必须来自原文，不能改动。",
                      public="{cell} 录入的数值 {value} 与原文“{raw}”里的数字 {number} 不符。")
R_RAW_CELLS = Rule("CELL-02", INFO, STAGE_REPORT, "单元格原文不是数字",
                   "{table}有 {count} 个单元格的原文不是数字（{samples}），按空白处理，不计为 0。", party=PUBLISHER)
R_YEAR = Rule("META-01", ERROR, STAGE_REPORT, "年度与文件名不一致",
              "报告年度 year: {year} 与文件名 {name} 不一致。文件名应为 <报告年度>.yaml。")
R_DATE = Rule("META-02", ERROR, STAGE_REPORT, "日期不存在", "{field} 的日期 {value} 不存在（{detail}）。",
              public="{date_name} {value} 不是实际存在的日期（{detail}）。")
R_SECTIONS = Rule("STRUCT-01", ERROR, STAGE_REPORT, "缺少全国格式规定的章节",
                  "没有找到第{numeral}节“{heading}”。全国统一格式的年报应有六节；若原文确实缺少，请在 acknowledged 中确认。",
                  party=PUBLISHER, public="报告没有第{numeral}节“{heading}”；全国统一格式的年报应有六节。")
R_FORMAT_YEAR = Rule("STRUCT-02", WARNING, STAGE_REPORT, "格式与年度不符",
                     "{what}使用“{used}”，而 {year} 年度的报告通常使用“{expected}”。若原文确实如此，请在 acknowledged 中确认。",
                     party=PUBLISHER, public="{what}使用“{used}”，而 {year} 年度的报告应使用“{expected}”。")
R_EARLY = Rule("META-03", WARNING, STAGE_REPORT, "发布日期早于报告年度结束",
               "{field} {value} 早于报告年度 {year} 结束，请核对年度或日期。",
               public="记录的{date_name} {value} 早于报告年度 {year} 结束，本站正在核对。")
R_NO_URL = Rule("META-04", WARNING, STAGE_REPORT, "缺少原文网址",
                "没有填写原文网址 source.url。请填写发布机关网站上的原文地址，读者才能核对；"
                "原文已下线时，可另填存档网址 source.archive。",
                formula="source.url 已填写",
                public="本站还没有记录这份报告在发布机关网站上的原文网址，读者暂时无法对照原文。")
R_LATE = Rule("STRUCT-03", INFO, STAGE_REPORT, "晚于发布期限",
              "{field} {value} 晚于期限 {deadline}（{basis}）{days} 天。",
              party=PUBLISHER, public="{date_name} {value} 晚于法定期限 {deadline}（{basis}）{days} 天。",
              formula="发布日期（无则落款日期）≤ 法定期限：2019年度起，政府部门、派出机构、法律法规授权组织为次年1月31日，"
                      "人民政府为次年3月31日（条例第四十九条）；乡级政府条例未规定，参照3月31日；"
                      "2018年度及以前一律为次年3月31日")

_NUMBER = re.compile(r"[-+]?[0-9][0-9,，]*(?:\.[0-9]+)?")


def _cells(report: Report) -> Iterable[tuple[str, object, object, object]]:
    """(table code, row, column, cell) for every cell that needs a look: a decimal, or raw text.
    Plain integers and blanks, nearly every cell, are skipped without building a label."""
    for code, table in report.tables.items():
        d = table.definition
        for row_code, cells in table.rows.items():
            row = None
            for i, cell in enumerate(cells):
                if cell.raw is None and not isinstance(cell.value, float):
                    continue
                row = row or d.row(row_code)
                yield code, row, row.columns[i], cell


def _normalise_number(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")


def check_cells(report: Report) -> list[Finding]:
    out: list[Finding] = []
    odd: dict[str, list[str]] = {}
    for code, row, col, cell in _cells(report):
        line = report.row_line(code, row.code)
        label = report.tables[code].definition.cell_label(row.code, col.code)
        cell_ids = (f"{code}.{row.code}.{col.code}",)
        if isinstance(cell.value, float) and row.cell_kind(col) != AMOUNT:
            out.append(R_FLOAT.finding(report.path, line, cells=cell_ids, cell=label, value=cell.value))
        if cell.raw is None:
            continue
        norm = _normalise_number(cell.raw)  # no thousands separators left in it
        if cell.value is None and _NUMBER.fullmatch(norm):
            number = norm if "." not in norm else norm.rstrip("0").rstrip(".")
            out.append(R_NUMERIC_TEXT.finding(report.path, line, cells=cell_ids,
                                              cell=label, raw=cell.raw, number=number))
        elif cell.value is not None:
            found = _NUMBER.findall(norm)
            if float(cell.value) not in {float(n) for n in found}:
                out.append(R_RAW_MISMATCH.finding(
                    report.path, line, cells=cell_ids, cell=label,
                    value=cell.value, raw=cell.raw, number="、".join(found) or "（无）"))
        elif cell.value is None:
            odd.setdefault(code, []).append(cell.raw)
    for code, raws in odd.items():
        samples = "、".join(sorted(set(raws))[:5])
        out.append(R_RAW_CELLS.finding(report.path, report.doc.line("tables", code), cells=(code,),
                                       table=f"表“{report.tables[code].definition.title}”",
                                       count=len(raws), samples=samples))
    return out


def check_meta(report: Report) -> list[Finding]:
    out: list[Finding] = []
    name = report.path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    if stem.isdigit() and int(stem) != report.year:
        out.append(R_YEAR.finding(report.path, report.doc.line("year"), year=report.year, name=name))
    year_end = dt.date(report.year, 12, 31)
    for field, zh in (("published", "发布日期 published"), ("dated", "落款日期 dated"),
                      (("source", "retrieved"), "获取日期 source.retrieved")):
        keys = field if isinstance(field, tuple) else (field,)
        value = report.meta
        for k in keys:
            value = value.get(k) if isinstance(value, dict) else None
        if not value:
            continue
        line = report.doc.line(*keys)
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            out.append(R_DATE.finding(report.path, line, field=zh, value=value, detail=_date_problem(value, exc),
                                      date_name=zh.split()[0]))
            continue
        if field != ("source", "retrieved") and day <= year_end:
            out.append(R_EARLY.finding(report.path, line, field=zh, value=value, year=report.year,
                                       date_name=zh.split()[0]))
    return out


def check_source(report: Report) -> list[Finding]:
    source = report.meta.get("source") or {}
    if source.get("url"):
        return []
    return [R_NO_URL.finding(report.path, report.doc.line("source"), cells=("source.url",))]


def check_timeliness(report: Report, agency: Agency | None = None) -> list[Finding]:
    """STRUCT-03: days after the statutory deadline (info, not an error)."""
    for field, zh in (("published", "发布日期 published"), ("dated", "落款日期 dated")):
        value = report.meta.get(field)
        if not value:
            continue
        day = deadlines.parse_date(value)
        if day is None:
            return []  # META-02 says so
        kind = agency.kind if agency else None
        deadline = deadlines.deadline(report.year, kind)
        basis = (deadlines.deadline_rule(report.year, kind, agency.level if agency else None)
                 + ("" if agency else "；机构类别未知，按部门期限计"))
        if day <= deadline:
            return []
        days = (day - deadline).days
        return [R_LATE.finding(report.path, report.doc.line(field), cells=(field,), field=zh, value=value,
                               date_name=zh.split()[0],
                               deadline=deadline.isoformat(), basis=basis, days=days, days_late=days)]
    return []


def _date_problem(value: str, exc: Exception) -> str:
    try:
        y, m, d = (int(x) for x in value.split("-"))
    except ValueError:
        return "写法不对"
    if not 1 <= m <= 12:
        return f"没有 {m} 月"
    return f"{y} 年 {m} 月没有 {d} 日"


def check_structure(report: Report) -> list[Finding]:
    out: list[Finding] = []
    fmt = report.format
    if fmt.sections:
        present = {section_numeral(s.heading) for s in report.sections}
        for sec in fmt.sections:
            if sec.numeral not in present:
                out.append(R_SECTIONS.finding(report.path, report.doc.line("sections"),
                                              numeral=sec.numeral, heading=sec.heading))
        national = {sec.numeral: sec for sec in fmt.sections}
        for i, s in enumerate(report.sections):
            sec = national.get(section_numeral(s.heading))
            if sec is None:
                continue
            got, want = heading_body(s.heading), heading_body(sec.heading)
            distance = edit_distance(got, want)
            if 0 < distance < 3:  # a one- or two-character slip; real variants differ more
                out.append(R_HEADING_TYPO.finding(
                    report.path, report.doc.line("sections", i, "heading"), cells=(f"sections.{i}.heading",),
                    numeral=sec.numeral, heading=s.heading, expected=sec.heading, distance=distance))
    expected = expected_format(report.year)
    if fmt.code != expected and fmt.family != LOCAL:
        out.append(R_FORMAT_YEAR.finding(report.path, report.doc.line("format"), what="本报告",
                                         used=fmt.title, year=report.year, expected=FORMATS[expected].title))
    for code, table in report.tables.items():
        if not table.own_format and table.format.code != expected:
            out.append(R_FORMAT_YEAR.finding(
                report.path, report.doc.line("tables", code, "format"), cells=(code,),
                what=f"表“{table.definition.title}”", used=table.format.title, year=report.year,
                expected=FORMATS[expected].title))
    return out


# Each check beside the rules it may fire.
REPORT_CHECKS = (
    Check(check_meta, (R_YEAR, R_DATE, R_EARLY)),
    Check(check_source, (R_NO_URL,)),
    Check(check_structure, (R_SECTIONS, R_HEADING_TYPO, R_FORMAT_YEAR)),
    Check(check_cells, (R_FLOAT, R_NUMERIC_TEXT, R_RAW_MISMATCH, R_RAW_CELLS)),
    Check(arithmetic.check_report_tables, arithmetic.RULES),
)
# Checks that also read the agency (its kind, its website), when it is known.
AGENCY_CHECKS = (
    Check(check_timeliness, (R_LATE,)),
    *TEXT_CHECKS,
)
RULES = tuple(rule for check in REPORT_CHECKS + AGENCY_CHECKS for rule in check.rules)


def check_report(report: Report, agency: Agency | None = None) -> list[Finding]:
    out: list[Finding] = []
    for check in REPORT_CHECKS:
        out += check.run(report)
    for check in AGENCY_CHECKS:
        out += check.run(report, agency)
    return out
