"""The 2021 national format (国办公开办函〔2021〕30号), used for reports of 2021 onward."""
from __future__ import annotations

from ..findings import WARNING
from .base import AMOUNT, PREVIOUS_YEAR, Block, Column, DataResource, Format, Identity, IdentityRule, Row, Table, Term
from .national import SECTIONS, article20, requests_table, review_table

_DECISIONS = (Column("decisions", "本年处理决定数量"),)
_BLOCKS = (
    Block("a20_1", article20("一"), (
        Column("issued", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
    ), header="信息内容"),
    Block("a20_5", article20("五"), _DECISIONS, header="信息内容"),
    Block("a20_6", article20("六"), _DECISIONS, header="信息内容"),
    Block("a20_8", article20("八"), (
        Column("fee_amount", "本年收费金额（单位：万元）", kind=AMOUNT, unit="万元"),
    ), header="信息内容"),
)
_ROWS = (
    Row("rules", "规章", "二 规章", _BLOCKS[0], typical=0.002),
    Row("normative", "行政规范性文件", "二 行政规范性文件", _BLOCKS[0], typical=0.1),
    Row("licensing", "行政许可", "二 行政许可", _BLOCKS[1], typical=2.0),
    Row("penalty", "行政处罚", "二 行政处罚", _BLOCKS[2], typical=1.0),
    Row("coercion", "行政强制", "二 行政强制", _BLOCKS[2], typical=0.2),
    Row("fees", "行政事业性收费", "二 行政事业性收费", _BLOCKS[3], typical=0.5),
)
_DOCUMENTS = ("rules", "normative")


def _in_force(row: str) -> Term:
    return Term(row, "in_force", year=PREVIOUS_YEAR)


_RULES = (
    IdentityRule(
        "T2-01", WARNING, "现行有效件数与上年不衔接",
        "现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y)（2021年版，规章、行政规范性文件）",
        "proactive",
        tuple(Identity("T2-01", (Term(r, "in_force"),), (_in_force(r), Term(r, "issued"), Term(r, "repealed", -1)))
              for r in _DOCUMENTS),
        note="修订、清理或重新归类文件时可能如此，请核对。",
    ),
    IdentityRule(
        "T2-02", WARNING, "废止件数超过可废止的文件数",
        "本年废止件数(Y) ≤ 现行有效件数(Y−1) + 本年制发件数(Y)（2021年版）",
        "proactive",
        tuple(Identity("T2-02", (Term(r, "repealed"),), (_in_force(r), Term(r, "issued")), "<=")
              for r in _DOCUMENTS),
    ),
)
PROACTIVE = Table("proactive", SECTIONS[1].heading, _BLOCKS, _ROWS, rules=_RULES, data=DataResource(
    "proactive_2021", "表二 主动公开（2021年版）", "2021年版表二“主动公开政府信息情况”的长表：每个单元格一行。"))

FORMAT = Format(
    code="gov2021",
    title="2021年版全国统一格式",
    description="国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号），2021年度起的报告使用。",
    years=(2021, 9999),
    sections=SECTIONS,
    tables=(PROACTIVE, requests_table(split_other_handling=True, data=DataResource(
        "requests_2021", "表三 依申请公开（2021年版）",
        "2021年版表三“收到和处理政府信息公开申请情况”的长表：每个单元格一行。（六）其他处理分三行。")), review_table()),
    source="国办公开办函〔2021〕30号",
    short="2021年版",
)
