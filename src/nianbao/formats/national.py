"""Parts shared by the 2019 and 2021 national formats (国办公开办函〔2019〕60号, 〔2021〕30号).

Tables 三 and 四 are identical in both but for 三（六）其他处理, which is one row in 2019
and three rows from 2021. Each printed label appears here once.
"""
from __future__ import annotations

from ..findings import ERROR, WARNING
from .base import (
    CARRIED,
    FORWARD,
    HANDLED,
    LITIGATION,
    NEW,
    PREVIOUS_YEAR,
    REVIEW,
    Block,
    Column,
    DataResource,
    Identity,
    IdentityRule,
    Mention,
    Row,
    Section,
    Table,
    Term,
    sum_identity,
)

SECTIONS = (
    Section("overview", "一", "一、总体情况"),
    Section("proactive", "二", "二、主动公开政府信息情况"),
    Section("requests", "三", "三、收到和处理政府信息公开申请情况"),
    Section("review", "四", "四、政府信息公开行政复议、行政诉讼情况"),
    Section("problems", "五", "五、存在的主要问题及改进情况"),
    Section("other", "六", "六、其他需要报告的事项"),
)

# ---- table 三: applications, by applicant type -------------------------------------------
LEGAL = "法人或其他组织"
APPLICANTS = (
    Column("natural", "自然人"),
    Column("commercial", "商业企业", group=LEGAL),
    Column("research", "科研机构", group=LEGAL),
    Column("nonprofit", "社会公益组织", group=LEGAL),
    Column("legal", "法律服务机构", group=LEGAL),
    Column("other", "其他", group=LEGAL),
    Column("total", "总计"),
)
APPLICANT_PARTS = tuple(c.code for c in APPLICANTS if c.code != "total")
REQUESTS_BLOCK = Block("requests", "", APPLICANTS)

RESULTS = "三、本年度办理结果"
REFUSED = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_HANDLED = "（五）不予处理"
OTHER_HANDLING = "（六）其他处理"

_REFUSED_ITEMS = (
    "属于国家秘密",
    "其他法律行政法规禁止公开",
    "危及“三安全一稳定”",
    "保护第三方合法权益",
    "属于三类内部事务信息",
    "属于四类过程性信息",
    "属于行政执法案卷",
    "属于行政查询事项",
)
_UNABLE_ITEMS = (
    "本机关不掌握相关政府信息",
    "没有现成信息需要另行制作",
    "补正后申请内容仍不明确",
)
_NOT_HANDLED_ITEMS = (
    "信访举报投诉类申请",
    "重复申请",
    "要求提供公开出版物",
    "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息",
)
OTHER_HANDLING_ITEMS_2021 = (
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他",
)

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


# Synthetic corpus: how requests typically end, as weights among the result rows (the
# generator spreads each column's handled requests by them); unlisted rows weigh 0.05.
_TYPICAL = {"r3_1": 8.0, "r3_2": 2.0, "r3_3_3": 0.3, "r3_3_5": 0.3, "r3_3_6": 0.3, "r3_4_1": 3.0,
            "r3_4_2": 0.5, "r3_4_3": 0.5, "r3_5_1": 1.0, "r3_5_2": 0.6, "r3_6": 1.0, "r3_6_1": 1.0}


def _result(code: str, label: str, ref: str, path: tuple[str, ...], outcome: str) -> Row:
    return Row(code, label, ref, REQUESTS_BLOCK, path, outcome=outcome, typical=_TYPICAL.get(code, 0.05))


def _numbered(prefix: str, group_ref: str, group: str, items: tuple[str, ...], outcome: str) -> list[Row]:
    return [_result(f"{prefix}_{i}", f"{i}.{label}", f"{group_ref}{i}", (RESULTS, group), outcome)
            for i, label in enumerate(items, 1)]


def requests_table(split_other_handling: bool, data: DataResource) -> Table:
    """Table 三. 2021 splits （六）其他处理 into three numbered rows; 2019 prints one."""
    b = REQUESTS_BLOCK
    rows = [
        Row("r1", "一、本年新收政府信息公开申请数量", "一", b, restates=NEW, typical=1.0),
        Row("r2", "二、上年结转政府信息公开申请数量", "二", b, restates=CARRIED, typical=0.02),
        _result("r3_1", "（一）予以公开", "三（一）", (RESULTS,), "granted"),
        _result("r3_2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三（二）", (RESULTS,), "partial"),
        *_numbered("r3_3", "三（三）", REFUSED, _REFUSED_ITEMS, "refused"),
        *_numbered("r3_4", "三（四）", UNABLE, _UNABLE_ITEMS, "unable"),
        *_numbered("r3_5", "三（五）", NOT_HANDLED, _NOT_HANDLED_ITEMS, "not_handled"),
    ]
    if split_other_handling:
        rows += _numbered("r3_6", "三（六）", OTHER_HANDLING, OTHER_HANDLING_ITEMS_2021, "other")
    else:
        rows.append(_result("r3_6", OTHER_HANDLING, "三（六）", (RESULTS,), "other"))
    rows += [
        Row("r3_7", "（七）总计", "三（七）", b, (RESULTS,), restates=HANDLED),
        Row("r4", "四、结转下年度继续办理", "四", b, restates=FORWARD, typical=0.05),
    ]
    result_rows = [r.code for r in rows if r.outcome]

    rules = (
        IdentityRule(
            "T3-01", ERROR, "办理结果总计等于各项结果之和",
            "三（七）总计 = （一）+（二）+（三）1…8 +（四）1…3 +（五）1…5 +（六），逐列",
            "requests",
            tuple(sum_identity("T3-01", ("r3_7", c.code), [(r, c.code) for r in result_rows])
                  for c in APPLICANTS),
        ),
        IdentityRule(
            "T3-02", ERROR, "表内勾稽关系：一 + 二 = 三（七）+ 四",
            "一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理，逐列",
            "requests",
            tuple(_balance(c.code) for c in APPLICANTS),
        ),
        IdentityRule(
            "T3-03", ERROR, "总计列等于各类申请人之和",
            "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他，逐行",
            "requests",
            tuple(sum_identity("T3-03", (r.code, "total"), [(r.code, c) for c in APPLICANT_PARTS])
                  for r in rows),
        ),
        IdentityRule(
            "T3-05", WARNING, "上年结转与上一年度的结转下年度不一致",
            "二、上年结转(Y) = 四、结转下年度继续办理(Y−1)，同一机构，逐列",
            "requests",
            tuple(Identity("T3-05", (Term("r2", c.code),), (Term("r4", c.code, year=PREVIOUS_YEAR),))
                  for c in APPLICANTS),
            note="机构合并、拆分或更正数据时可能如此，请核对。",
        ),
    )
    # 2021 counts requests dropped for unpaid fees; the fee itself must be explained in 六.
    mentions = (Mention("r3_6_2", "total", "六", "信息处理费"),) if split_other_handling else ()
    return Table(
        "requests", SECTIONS[2].heading, (b,), tuple(rows),
        corner=CORNER, column_header="申请人情况", rules=rules, mentions=mentions, data=data,
    )


def _balance(col: str) -> Identity:
    return Identity("T3-02", (Term("r1", col), Term("r2", col)), (Term("r3_7", col), Term("r4", col)))


# ---- table 四: administrative review and litigation -----------------------------------------
OUTCOMES = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_BLOCKS = (
    Block("review", "行政复议", OUTCOMES),
    Block("suit_direct", "未经复议直接起诉", OUTCOMES),
    Block("suit_after_review", "复议后起诉", OUTCOMES),
)
SUITS = "行政诉讼"


def review_table() -> Table:
    rows = (
        Row("review", "行政复议", "四 行政复议", REVIEW_BLOCKS[0], restates=REVIEW, typical=0.01),
        Row("suit_direct", "未经复议直接起诉", "四 行政诉讼·未经复议直接起诉", REVIEW_BLOCKS[1], (SUITS,),
            restates=LITIGATION, typical=0.005),
        Row("suit_after_review", "复议后起诉", "四 行政诉讼·复议后起诉", REVIEW_BLOCKS[2], (SUITS,),
            restates=LITIGATION, typical=0.003),
    )
    parts = [c.code for c in OUTCOMES if c.code != "total"]
    rule = IdentityRule(
        "T4-01", ERROR, "复议、诉讼总计等于各结果之和",
        "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（行政复议、未经复议直接起诉、复议后起诉各自成立）",
        "review",
        tuple(sum_identity("T4-01", (r.code, "total"), [(r.code, p) for p in parts]) for r in rows),
    )
    return Table("review", SECTIONS[3].heading, REVIEW_BLOCKS, rows, rules=(rule,), data=DataResource(
        "review", "表四 行政复议、行政诉讼", "表四“政府信息公开行政复议、行政诉讼情况”的长表（2019、2021年版相同）。"))


def article20(item: str) -> str:
    """Printed block title of table 二, e.g. 第二十条第（一）项."""
    return f"第二十条第（{item}）项"
