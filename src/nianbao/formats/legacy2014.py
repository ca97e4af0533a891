"""The national statistics table of 国办发〔2014〕32号 (政府信息公开情况统计表), appended to
many reports of 2014–2018. Reports of those years have no fixed sections.

The row list was checked against a real 2018 report (玛曲县, seed 003): it printed no
sub-rows under 六、举报投诉数量, so every row is optional in the schema.
"""
from __future__ import annotations

from ..findings import ERROR, WARNING
from .base import (
    AMOUNT, HANDLED, LEGACY, DataResource, LITIGATION, NEW, REVIEW, Block, Column, Format, Identity, IdentityRule, Row, Table, Term,
)

VALUE = Column("value", "统计数", unit=None)
_BLOCK = Block("stats", "", (VALUE,), header="统计指标")

G1 = "一、主动公开情况"
G1_2 = "（二）通过不同渠道和方式公开政府信息的情况"
G2 = "二、回应解读情况"
G2_2 = "（二）通过不同渠道和方式回应解读的情况"
G3 = "三、依申请公开情况"
G3_1 = "（一）收到申请数"
G3_2 = "（二）申请办结数"
G3_3 = "（三）申请答复数"
G3_3_4 = "4.不同意公开答复数"
G4 = "四、行政复议数量"
G5 = "五、行政诉讼数量"
G6 = "六、举报投诉数量"
G8 = "八、机构建设和保障经费情况"
G8_3 = "（三）从事政府信息公开工作人员数"
G9 = "九、政府信息公开会议和培训情况"

# (code, printed label, unit, group path)
_SPEC: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("r1_1", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", (G1,)),
    ("r1_1_a", "其中：主动公开规范性文件数", "条", (G1,)),
    ("r1_1_b", "制发规范性文件总数", "件", (G1,)),
    ("r1_2_1", "1.政府公报公开政府信息数", "条", (G1, G1_2)),
    ("r1_2_2", "2.政府网站公开政府信息数", "条", (G1, G1_2)),
    ("r1_2_3", "3.政务微博公开政府信息数", "条", (G1, G1_2)),
    ("r1_2_4", "4.政务微信公开政府信息数", "条", (G1, G1_2)),
    ("r1_2_5", "5.其他方式公开政府信息数", "条", (G1, G1_2)),
    ("r2_1", "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", (G2,)),
    ("r2_2_1", "1.参加或举办新闻发布会总次数", "次", (G2, G2_2)),
    ("r2_2_1_a", "其中：主要负责同志参加新闻发布会次数", "次", (G2, G2_2)),
    ("r2_2_2", "2.政府网站在线访谈次数", "次", (G2, G2_2)),
    ("r2_2_2_a", "其中：主要负责同志参加政府网站在线访谈次数", "次", (G2, G2_2)),
    ("r2_2_3", "3.政策解读稿件发布数", "篇", (G2, G2_2)),
    ("r2_2_4", "4.微博微信回应事件数", "次", (G2, G2_2)),
    ("r2_2_5", "5.其他方式回应事件数", "次", (G2, G2_2)),
    ("r3_1", G3_1, "件", (G3,)),
    ("r3_1_1", "1.当面申请数", "件", (G3, G3_1)),
    ("r3_1_2", "2.传真申请数", "件", (G3, G3_1)),
    ("r3_1_3", "3.网络申请数", "件", (G3, G3_1)),
    ("r3_1_4", "4.信函申请数", "件", (G3, G3_1)),
    ("r3_2", G3_2, "件", (G3,)),
    ("r3_2_1", "1.按时办结数", "件", (G3, G3_2)),
    ("r3_2_2", "2.延期办结数", "件", (G3, G3_2)),
    ("r3_3", G3_3, "件", (G3,)),
    ("r3_3_1", "1.属于已主动公开范围数", "件", (G3, G3_3)),
    ("r3_3_2", "2.同意公开答复数", "件", (G3, G3_3)),
    ("r3_3_3", "3.同意部分公开答复数", "件", (G3, G3_3)),
    ("r3_3_4", G3_3_4, "件", (G3, G3_3)),
    ("r3_3_4_a", "其中：涉及国家秘密", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_4_b", "涉及商业秘密", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_4_c", "涉及个人隐私", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_4_d", "危及国家安全、公共安全、经济安全和社会稳定", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_4_e", "不是《条例》所指政府信息", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_4_f", "法律法规规定的其他情形", "件", (G3, G3_3, G3_3_4)),
    ("r3_3_5", "5.不属于本行政机关公开数", "件", (G3, G3_3)),
    ("r3_3_6", "6.申请信息不存在数", "件", (G3, G3_3)),
    ("r3_3_7", "7.告知作出更改补充数", "件", (G3, G3_3)),
    ("r3_3_8", "8.告知通过其他途径办理数", "件", (G3, G3_3)),
    ("r4", G4, "件", ()),
    ("r4_1", "（一）维持具体行政行为数", "件", (G4,)),
    ("r4_2", "（二）被依法纠错数", "件", (G4,)),
    ("r4_3", "（三）其他情形数", "件", (G4,)),
    ("r5", G5, "件", ()),
    ("r5_1", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件", (G5,)),
    ("r5_2", "（二）被依法纠错数", "件", (G5,)),
    ("r5_3", "（三）其他情形数", "件", (G5,)),
    ("r6", G6, "件", ()),
    ("r6_1", "（一）维持具体行政行为数", "件", (G6,)),
    ("r6_2", "（二）被纠错数", "件", (G6,)),
    ("r6_3", "（三）其他情形数", "件", (G6,)),
    ("r7", "七、依申请公开信息收取的费用", "万元", ()),
    ("r8_1", "（一）政府信息公开工作专门机构数", "个", (G8,)),
    ("r8_2", "（二）设置政府信息公开查阅点数", "个", (G8,)),
    ("r8_3", G8_3, "人", (G8,)),
    ("r8_3_1", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", (G8, G8_3)),
    ("r8_3_2", "2.兼职人员数", "人", (G8, G8_3)),
    ("r8_4", "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", (G8,)),
    ("r9_1", "（一）召开政府信息公开工作会议或专题会议数", "次", (G9,)),
    ("r9_2", "（二）举办各类培训班数", "次", (G9,)),
    ("r9_3", "（三）接受培训人员数", "人次", (G9,)),
)


def _ref(code: str, label: str, path: tuple[str, ...]) -> str:
    """Short printed reference: the numerals of the group path plus the row's own number."""
    parts = [p.split("、")[0].split("）")[0] + ("）" if p.startswith("（") else "") for p in path]
    own = label.split("（不")[0]
    return " ".join([*parts, own]) if parts else own


# The 2014 table counts answers differently from 2019 on: the nearest answer rows for each
# outcome group, so that charts can compare the years approximately.
_OUTCOME = {"r3_3_1": "granted", "r3_3_2": "granted", "r3_3_3": "partial", "r3_3_4": "refused",
            "r3_3_5": "unable", "r3_3_6": "unable", "r3_3_7": "other", "r3_3_8": "other"}
_RESTATES = {"r3_1": NEW, "r3_2": HANDLED, "r4": REVIEW, "r5": LITIGATION}
# Synthetic corpus: a total's typical value per unit of agency scale, a part's weight among
# the parts of its total (1.0 when unlisted); unlisted totals are 0.05 of scale.
_TYPICAL = {"r1_1": 3.0, "r1_2_1": 0.5, "r1_2_2": 3.0, "r1_2_3": 1.0, "r1_2_4": 1.0, "r1_2_5": 0.3,
            "r2_1": 0.02, "r2_2_1": 0.01, "r2_2_1_a": 0.005, "r2_2_2": 0.01, "r2_2_2_a": 0.005,
            "r2_2_3": 0.03, "r2_2_4": 0.03, "r2_2_5": 0.02, "r3_1": 0.5, "r3_1_2": 0.1, "r3_1_3": 2.0,
            "r3_2": 0.5, "r3_2_2": 0.1, "r3_3": 0.5, "r3_3_2": 3.0, "r3_3_3": 0.3, "r3_3_4": 0.2, "r3_3_5": 0.3,
            "r3_3_6": 0.3, "r3_3_7": 0.1, "r3_3_8": 0.1, "r4": 0.003, "r4_2": 0.3, "r4_3": 0.3, "r5": 0.002,
            "r5_2": 0.3, "r5_3": 0.3, "r6": 0.003, "r6_2": 0.3, "r6_3": 0.3, "r7": 0.0, "r8_1": 0.002,
            "r8_2": 0.005, "r8_3": 0.01, "r8_3_1": 0.3, "r8_4": 0.02, "r9_1": 0.005, "r9_2": 0.005, "r9_3": 0.3}

ROWS = tuple(
    Row(code, label, _ref(code, label, path), _BLOCK, path, unit=unit,
        kind=AMOUNT if unit == "万元" else None, outcome=_OUTCOME.get(code), restates=_RESTATES.get(code),
        typical=_TYPICAL.get(code))
    for code, label, unit, path in _SPEC
)


def _sum(rule: str, total: str, parts: list[str]) -> Identity:
    return Identity(rule, (Term(total, "value"),), tuple(Term(p, "value") for p in parts))


def _le(rule: str, part: str, whole: list[str]) -> Identity:
    return Identity(rule, (Term(part, "value"),), tuple(Term(w, "value") for w in whole), "<=")


RULES = (
    IdentityRule("LEG-01", ERROR, "收到申请数等于各渠道之和",
                 "三（一）收到申请数 = 当面 + 传真 + 网络 + 信函", "legacy",
                 (_sum("LEG-01", "r3_1", ["r3_1_1", "r3_1_2", "r3_1_3", "r3_1_4"]),)),
    IdentityRule("LEG-02", ERROR, "申请办结数等于按时与延期之和",
                 "三（二）申请办结数 = 按时办结数 + 延期办结数", "legacy",
                 (_sum("LEG-02", "r3_2", ["r3_2_1", "r3_2_2"]),)),
    IdentityRule("LEG-03", ERROR, "申请答复数等于各类答复之和",
                 "三（三）申请答复数 = 第1至第8项之和", "legacy",
                 (_sum("LEG-03", "r3_3", [f"r3_3_{i}" for i in range(1, 9)]),)),
    IdentityRule("LEG-04", ERROR, "不同意公开答复数等于其中各项之和",
                 "三（三）4.不同意公开答复数 = 其中六项之和", "legacy",
                 (_sum("LEG-04", "r3_3_4", [f"r3_3_4_{x}" for x in "abcdef"]),)),
    IdentityRule("LEG-05", ERROR, "复议、诉讼、举报投诉数量等于各情形之和",
                 "四、行政复议数量 = （一）+（二）+（三）；五、六同理", "legacy",
                 tuple(_sum("LEG-05", t, [f"{t}_{i}" for i in (1, 2, 3)]) for t in ("r4", "r5", "r6"))),
    IdentityRule("LEG-06", ERROR, "工作人员数等于专职与兼职之和",
                 "八（三）从事政府信息公开工作人员数 = 专职人员数 + 兼职人员数", "legacy",
                 (_sum("LEG-06", "r8_3", ["r8_3_1", "r8_3_2"]),)),
    IdentityRule("LEG-07", WARNING, "“其中”项不超过其所属项",
                 "其中项 ≤ 所属项（主动公开规范性文件数 ≤ 主动公开政府信息数；主要负责同志参加次数 ≤ 总次数）",
                 "legacy",
                 (_le("LEG-07", "r1_1_a", ["r1_1"]), _le("LEG-07", "r2_2_1_a", ["r2_2_1"]),
                  _le("LEG-07", "r2_2_2_a", ["r2_2_2"]))),
    IdentityRule("LEG-08", WARNING, "各渠道公开数之和不少于主动公开政府信息数",
                 "一（一）主动公开政府信息数 ≤ 一（二）1…5 之和（同一信息在不同渠道各计一次）", "legacy",
                 (_le("LEG-08", "r1_1", [f"r1_2_{i}" for i in range(1, 6)]),)),
)

TABLE = Table("legacy", "政府信息公开情况统计表", (_BLOCK,), ROWS, scalar_rows=True, rules=RULES, data=DataResource(
    "legacy_2014", "2014年版统计表", "国办发〔2014〕32号《政府信息公开情况统计表》的长表：每个指标一行。"))

FORMAT = Format(
    code="legacy2014",
    title="2014年版统计表（旧格式）",
    description="《国务院办公厅关于加强和规范政府信息公开情况统计报送工作的通知》（国办发〔2014〕32号）"
    "所附《政府信息公开情况统计表》，2014—2018年度报告常附此表；报告正文无固定章节。",
    years=(2014, 2018),
    sections=(),
    tables=(TABLE,),
    source="国办发〔2014〕32号",
    family=LEGACY,
    short="2014年版统计表",
)
