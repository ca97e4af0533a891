"""The 2019 trial national format (国办公开办函〔2019〕60号), used for reports of 2019 and 2020."""
from __future__ import annotations

from ..findings import WARNING
from .base import AMOUNT, PREVIOUS_YEAR, SIGNED, Block, Column, DataResource, Format, Identity, IdentityRule, Row, Table, Term
from .national import SECTIONS, article20, requests_table, review_table

_ITEMS = (
    Column("prev_items", "上一年项目数量", unit="项"),
    Column("change", "本年增/减", kind=SIGNED, unit="项"),
)
_DECIDED = _ITEMS + (Column("decisions", "处理决定数量"),)
_BLOCKS = (
    Block("a20_1", article20("一"), (
        Column("new_made", "本年新制作数量"),
        Column("new_published", "本年新公开数量"),
        Column("total_published", "对外公开总数量"),
    ), header="信息内容"),
    Block("a20_5", article20("五"), _DECIDED, header="信息内容"),
    Block("a20_6", article20("六"), _DECIDED, header="信息内容"),
    Block("a20_8", article20("八"), _ITEMS, header="信息内容"),
    Block("a20_9", article20("九"), (
        Column("procurement_items", "采购项目数量", unit="项"),
        # No unit is printed: publishers write 元 or 万元; the raw text keeps which.
        Column("procurement_amount", "采购总金额", kind=AMOUNT, unit=None),
    ), header="信息内容"),
)
_ROWS = (
    Row("rules", "规章", "二 规章", _BLOCKS[0], typical=0.002),
    Row("normative", "规范性文件", "二 规范性文件", _BLOCKS[0], typical=0.1),
    Row("licensing", "行政许可", "二 行政许可", _BLOCKS[1], typical=0.5),
    Row("other_services", "其他对外管理服务事项", "二 其他对外管理服务事项", _BLOCKS[1], typical=0.5),
    Row("penalty", "行政处罚", "二 行政处罚", _BLOCKS[2], typical=1.0),
    Row("coercion", "行政强制", "二 行政强制", _BLOCKS[2], typical=0.2),
    Row("fees", "行政事业性收费", "二 行政事业性收费", _BLOCKS[3], typical=0.05),
    Row("procurement", "政府集中采购", "二 政府集中采购", _BLOCKS[4], typical=0.05),
)
_DOCUMENTS = ("rules", "normative")
_RULES = (
    IdentityRule(
        "T2-03", WARNING, "本年新公开数量不超过对外公开总数量",
        "本年新公开数量 ≤ 对外公开总数量（规章、规范性文件）",
        "proactive",
        tuple(
            Identity("T2-03", (Term(r, "new_published"),), (Term(r, "total_published"),), "<=")
            for r in _DOCUMENTS
        ),
    ),
    IdentityRule(
        "T2-04", WARNING, "上一年项目数量与上年不衔接",
        "上一年项目数量(2020) = 上一年项目数量(2019) + 本年增/减(2019)（2019年版，逐行）",
        "proactive",
        tuple(Identity("T2-04", (Term(r.code, "prev_items"),),
                       (Term(r.code, "prev_items", year=PREVIOUS_YEAR), Term(r.code, "change", year=PREVIOUS_YEAR)))
              for r in _ROWS if r.block.columns[:2] == _ITEMS),
    ),
    IdentityRule(
        "T2-05", WARNING, "对外公开总数量比上年少",
        "对外公开总数量(Y) ≥ 对外公开总数量(Y−1)（2019年版，累计数）",
        "proactive",
        tuple(Identity("T2-05", (Term(r, "total_published", year=PREVIOUS_YEAR),), (Term(r, "total_published"),), "<=")
              for r in _DOCUMENTS),
        note="它是累计数，通常不会减少。",
    ),
)

PROACTIVE = Table("proactive", SECTIONS[1].heading, _BLOCKS, _ROWS, rules=_RULES, data=DataResource(
    "proactive_2019", "表二 主动公开（2019年版）", "2019年版（试行）表二“主动公开政府信息情况”的长表：每个单元格一行。"))

FORMAT = Format(
    code="gov2019",
    title="2019年版全国统一格式（试行）",
    description="国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式（试行）》"
    "（国办公开办函〔2019〕60号），2019、2020年度的报告使用。",
    years=(2019, 2020),
    sections=SECTIONS,
    tables=(PROACTIVE, requests_table(split_other_handling=False, data=DataResource(
        "requests_2019", "表三 依申请公开（2019年版）", "2019年版（试行）表三的长表：每个单元格一行。（六）其他处理只有一行。")),
        review_table()),
    source="国办公开办函〔2019〕60号",
    short="2019年版（试行）",
)
