"""The resources of the data package and their Table Schemas, declared once.

Field titles of table cells come from the format definitions (never retyped); the
descriptor, the SQLite tables, the Excel header rows and the data page all read these
declarations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..deadlines import DATED, PUBLISHED
from ..findings import SEVERITY_ZH, STAGE_ZH
from ..formats import FORMATS, TABLE_CODES, of_family
from ..formats.base import AMOUNT, NATIONAL, SIGNED, DataResource, Table
from ..formats.national import APPLICANTS
from ..paths import DIVISION, YEAR_FILE
from ..validate.schema import AGENCY_ID, MAX_RAW
from ..vocabulary import KINDS, LEVELS, TABLE_STATUS

TABLESCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
ID_PATTERN = AGENCY_ID.removeprefix("^").removesuffix("$")  # Table Schema patterns are anchored already
REPORT_ID_PATTERN = ID_PATTERN + "-" + YEAR_FILE.pattern


def _table_kinds() -> dict[str, str]:
    """Table code -> its printed name, as readers cite it (表三 收到和处理…), from the formats:
    a national table by its numeral, the 2014 table by its year."""
    kinds: dict[str, str] = {}
    for fmt in FORMATS.values():
        for t in fmt.tables:
            numeral, sep, name = t.title.partition("、")
            kinds.setdefault(t.code, f"表{numeral} {name}" if sep else f"{fmt.years[0]}年版{t.title}")
    return kinds


TABLE_KINDS = _table_kinds()


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string | integer | number | boolean | date
    title: str
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple = ()
    minimum: float | None = None
    max_length: int | None = None
    pattern: str | None = None

    def descriptor(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title}
        if self.description:
            d["description"] = self.description
        c: dict[str, Any] = {}
        if self.required:
            c["required"] = True
        if self.unique:
            c["unique"] = True
        if self.enum:
            c["enum"] = list(self.enum)
        if self.minimum is not None:
            c["minimum"] = self.minimum
        if self.max_length is not None:
            c["maxLength"] = self.max_length
        if self.pattern:
            c["pattern"] = self.pattern
        if c:
            d["constraints"] = c
        return d


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    name: str  # ASCII; also the CSV file stem and the SQLite table name
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    excel: bool = True  # also written as a UTF-8-with-BOM CSV with Chinese headers
    # for tidy table resources: which (table code, format code) pairs feed it
    sources: tuple[tuple[str, str], ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "$schema": TABLESCHEMA_PROFILE,
            "fields": [f.descriptor() for f in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            s["foreignKeys"] = [{"fields": list(fk.fields),
                                 "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                                for fk in self.foreign_keys]
        return s


def _report_fk(name: str = "report_id") -> ForeignKey:
    return ForeignKey((name,), "reports", ("id",))


REPORT_ID = Field("report_id", "string", "报告编号", "<行政区划代码>-<机构简称>-<年度>，对应 reports.id",
                  required=True, pattern=REPORT_ID_PATTERN)
FORMAT_CODES = tuple(FORMATS)

AGENCIES = Resource(
    "agencies", "机构", "发布年报的机构登记表（每个 agency.yaml 一行）。",
    (
        Field("id", "string", "机构编号", "<行政区划代码>-<机构简称>，由目录位置得出", True, True, pattern=ID_PATTERN),
        Field("division", "string", "行政区划代码", "GB/T 2260 六位代码", True, pattern=DIVISION.pattern),
        Field("province", "string", "省级代码", "行政区划代码前两位", True, pattern=r"[1-8][0-9]"),
        Field("slug", "string", "机构简称", "目录名（小写英文字母、数字、连字符）", True),
        Field("name", "string", "机构名称", "全称", True),
        Field("level", "string", "层级", "机构所属政府的层级", True, enum=LEVELS),
        Field("kind", "string", "类别", "人民政府、政府部门、法律法规授权组织或派出机构", True, enum=KINDS),
        Field("parent", "string", "上级机构编号", "上级机构的 id（可能不在本数据集中）", pattern=ID_PATTERN),
        Field("website", "string", "网站"),
        Field("township_code", "string", "乡级区划代码", "乡镇、街道的 9 位或 12 位代码"),
        Field("aliases", "string", "别名", "多个别名以“；”分隔"),
    ),
    ("id",),
)

REPORTS = Resource(
    "reports", "年报", "每份年度报告一行：机构、年度、格式、发布日期、逾期天数、原文网址、核对结果计数。",
    (
        Field("id", "string", "报告编号", "<行政区划代码>-<机构简称>-<年度>，由文件位置得出", True, True,
              pattern=REPORT_ID_PATTERN),
        Field("agency_id", "string", "机构编号", "对应 agencies.id", True, pattern=ID_PATTERN),
        Field("agency_name", "string", "机构名称", "来自机构登记表", True),
        Field("division", "string", "行政区划代码", "GB/T 2260 六位代码", True),
        Field("level", "string", "层级", "", True, enum=LEVELS),
        Field("kind", "string", "机构类别", "决定报告期限", True, enum=KINDS),
        Field("year", "integer", "报告年度", "报告所述年度（不是发布年份）", True, minimum=2007),
        Field("format", "string", "报告格式", "；".join(f"{f.code}：{f.short}" for f in FORMATS.values()), True,
              enum=FORMAT_CODES),
        Field("title", "string", "报告标题", "按原文照录", True),
        Field("published", "date", "发布日期", "网页或文件上的发布日期；空白表示未知"),
        Field("dated", "date", "落款日期", "报告落款处的日期；空白表示未知"),
        Field("deadline", "date", "法定发布期限", "2019年度起：政府部门、派出机构、授权组织为次年1月31日，"
              "人民政府为次年3月31日；2019年度以前一律为次年3月31日", True),
        Field("days_late", "integer", "逾期天数", "发布日期晚于法定期限的天数；发布日期未知时按落款日期计"
              "（见 late_basis）；按时为 0；两个日期都未知时空白", minimum=0),
        Field("late_basis", "string", "逾期天数所据日期", "published：发布日期；dated：落款日期（发布日期未知）；"
              "两个日期都未知时空白", enum=(PUBLISHED, DATED)),
        Field("source_url", "string", "原文网址"),
        Field("source_medium", "string", "原文形式", "html、pdf、docx、text、image、other"),
        Field("signature", "string", "落款单位"),
        Field("index_no", "string", "索引号"),
        Field("doc_no", "string", "文号"),
        Field("errors", "integer", "错误数", "未确认的错误级核对结果", True, minimum=0),
        Field("warnings", "integer", "警告数", "未确认的警告级核对结果", True, minimum=0),
        Field("infos", "integer", "提示数", "未确认的提示级核对结果", True, minimum=0),
        Field("acknowledged", "integer", "已确认原文如此", "报告中确认为“原文如此”的核对结果数", True, minimum=0),
        Field("copy_score", "number", "雷同相似度", "与其他报告正文的最高相似度（0 至 1，核对规则 COPY-01：去掉套话、数字和标点后"
              "9 字片段的 Jaccard 相似度）；没有雷同提示时空白", minimum=0),
    ),
    ("id",),
    (ForeignKey(("agency_id",), "agencies", ("id",)),),
)

TABLES = Resource(
    "tables", "统计表状态", "每份报告的每张全国格式统计表一行：所用格式、发布状态（表格、仅图片、缺表）、已录入的行数和单元格数。"
    "以图片发布或缺少的表在此可见，其单元格不出现在各表的长表中。",
    (
        REPORT_ID,
        Field("table", "string", "表", "；".join(f"{k}：{v}" for k, v in TABLE_KINDS.items()), True,
              enum=tuple(TABLE_KINDS)),
        Field("table_format", "string", "本表格式", "通常与报告格式相同；报告另用其他年份的表样时不同", True,
              enum=FORMAT_CODES),
        Field("status", "string", "发布状态", "；".join(f"{k}：{v}" for k, v in TABLE_STATUS.items()), True,
              enum=tuple(TABLE_STATUS)),
        Field("note", "string", "说明", "录入者对本表的说明"),
        Field("resource", "string", "长表资源", "本表单元格所在的资源名"),
        Field("rows", "integer", "已录入行数", "", True, minimum=0),
        Field("cells", "integer", "单元格数", "", True, minimum=0),
        Field("blank_cells", "integer", "空白单元格数", "原文空白（不是 0）", True, minimum=0),
        Field("text_cells", "integer", "含原文文字的单元格数", "原文不是纯数字（如 /、—、251000元）", True, minimum=0),
    ),
    ("report_id", "table"),
    (_report_fk(),),
)


def _tidy(name: str, title: str, description: str, sources: tuple[tuple[str, str], ...]) -> Resource:
    tables: list[Table] = [FORMATS[f].table(t) for t, f in sources]
    kinds = {row.cell_kind(col) for tb in tables for row in tb.rows for col in row.columns}
    numeric = "number" if AMOUNT in kinds else "integer"  # money has decimals; counts do not
    minimum = None if SIGNED in kinds else 0
    row_codes = tuple(dict.fromkeys(r.code for tb in tables for r in tb.rows))
    col_codes = tuple(dict.fromkeys(c.code for tb in tables for b in tb.blocks for c in b.columns))
    columns = "；".join(dict.fromkeys(f"{c.code}：{c.label}" for tb in tables for b in tb.blocks for c in b.columns))
    fields = (
        REPORT_ID,
        Field("table_format", "string", "本表格式", "", True, enum=tuple(dict.fromkeys(f for _, f in sources))),
        Field("row_no", "integer", "行序", "行在印刷表中的次序（从 1 起）", True, minimum=1),
        Field("row_code", "string", "行代码", "格式定义中的行代码，与 YAML 中的键相同", True, enum=row_codes),
        Field("row_ref", "string", "行号", "印刷表中的简短行号，如 三（三）1", True),
        Field("row_label", "string", "行名", "印刷表中的行名（取自格式定义）", True),
        Field("block_label", "string", "栏目", "行所在的栏目，如 第二十条第（一）项；无栏目时空白"),
        Field("column_no", "integer", "列序", "列在该行中的次序（从 1 起）", True, minimum=1),
        Field("column_code", "string", "列代码", columns, True, enum=col_codes),
        Field("column_label", "string", "列名", "印刷表中的列名（取自格式定义）", True),
        Field("unit", "string", "单位", "件、项、万元等；原文未印单位时空白"),
        Field("value", numeric, "数值", "原文的数值；空白单元格或原文不是数字时为空（绝不是 0）", minimum=minimum),
        Field("raw", "string", "原文", "原文不是纯数字时照录的文字（如 /、—、251000元）；否则空白",
              max_length=MAX_RAW),
    )
    return Resource(name, title, description, fields, ("report_id", "row_code", "column_code"),
                    (_report_fk(),), excel=not name.startswith("requests_"), sources=sources)


def _tidy_resources() -> tuple[Resource, ...]:
    """One long-form resource per DataResource the format tables declare, in table order."""
    sources: dict[str, tuple[DataResource, list[tuple[str, str]]]] = {}
    for code in TABLE_CODES:
        for fmt in FORMATS.values():
            if fmt.has_table(code) and fmt.table(code).data is not None:
                data = fmt.table(code).data
                sources.setdefault(data.name, (data, []))[1].append((code, fmt.code))
    return tuple(_tidy(d.name, d.title, d.description, tuple(s)) for d, s in sources.values())


TIDY = _tidy_resources()
TIDY_BY_SOURCE = {src: r for r in TIDY for src in r.sources}

REQUESTS_WIDE = Resource(
    "requests_wide", "表三 宽表（按印刷表排列）",
    "表三按印刷表的样子排列：每份报告的每一行一行，各列为申请人类别（自然人……总计）。2019、2021年版都在此表，"
    "以 table_format 区分。原文不是数字的单元格在此为空，原文见长表 raw 列。",
    (
        REPORT_ID,
        Field("table_format", "string", "本表格式", "", True, enum=tuple(f.code for f in of_family(NATIONAL))),
        Field("row_no", "integer", "行序", "行在印刷表中的次序（从 1 起）", True, minimum=1),
        Field("row_code", "string", "行代码", "", True),
        Field("row_ref", "string", "行号", "印刷表中的简短行号", True),
        Field("row_label", "string", "行名", "印刷表中的行名（取自格式定义）", True),
        *(Field(c.code, "integer", c.label, f"{c.group + '：' if c.group else ''}{c.label}（件）", minimum=0)
          for c in APPLICANTS),
    ),
    ("report_id", "row_code"),
    (_report_fk(),),
)

LOCAL_TABLES = Resource(
    "local_tables", "地方统计表", "不属于全国统一格式的表格（省级自定表、2014年以前的表）按原样记录的长表：每个单元格一行。",
    (
        REPORT_ID,
        Field("table_no", "integer", "表序", "本报告中的第几张地方表（从 1 起）", True, minimum=1),
        Field("table_title", "string", "表名", "", True),
        Field("row_no", "integer", "行序", "", True, minimum=1),
        Field("row_label", "string", "指标名称", "", True),
        Field("unit", "string", "计量单位"),
        Field("column_no", "integer", "列序", "", True, minimum=1),
        Field("column_label", "string", "列名", "原文的数值列名；值多于列名时空白"),
        Field("value", "number", "数值", "空白或原文不是数字时为空"),
        Field("raw", "string", "原文", "原文不是数字时照录的文字", max_length=MAX_RAW),
    ),
    ("report_id", "table_no", "row_no", "column_no"),
    (_report_fk(),),
)

RULES = Resource(
    "rules", "核对规则", "全部核对规则：编号、级别、阶段、名称、公式。",
    (
        Field("id", "string", "规则编号", "", True, True),
        Field("severity", "string", "级别", "；".join(f"{k}：{v}" for k, v in SEVERITY_ZH.items()), True,
              enum=tuple(SEVERITY_ZH)),
        Field("stage", "string", "阶段", "；".join(f"{k}：{v}" for k, v in STAGE_ZH.items()), True,
              enum=tuple(STAGE_ZH)),
        Field("title", "string", "名称", "", True),
        Field("formula", "string", "公式", "算术规则的等式"),
    ),
    ("id",),
)

FINDINGS = Resource(
    "findings", "核对结果", "每条核对结果一行：规则、级别、位置、涉及的单元格、两边的数值、是否已确认原文如此。",
    (
        Field("finding_no", "integer", "序号", "本数据集内的序号（按文件、行号排序）", True, True, minimum=1),
        Field("report_id", "string", "报告编号", "对应 reports.id；文件无法读取或不在数据集中时空白",
              pattern=REPORT_ID_PATTERN),
        Field("rule", "string", "规则编号", "对应 rules.id", True),
        Field("severity", "string", "级别", "；".join(f"{k}：{v}" for k, v in SEVERITY_ZH.items()), True,
              enum=tuple(SEVERITY_ZH)),
        Field("file", "string", "文件", "相对于仓库的路径", True),
        Field("line", "integer", "行号", "文件中的行号", minimum=1),
        Field("cells", "string", "涉及的单元格", "以空格分隔，如 requests.r3_7.total"),
        Field("message", "string", "说明", "", True),
        Field("left_value", "number", "左边的值", "等式左边之和；有空白单元格时为空"),
        Field("right_value", "number", "右边的值", "等式右边之和；有空白单元格时为空"),
        Field("acknowledged", "boolean", "已确认原文如此", "报告中已确认这是原文本身的问题", True),
        Field("note", "string", "确认说明", "确认时写的说明"),
        Field("params", "string", "参数", "生成说明所用的参数（JSON）"),
    ),
    ("finding_no",),
    (_report_fk(), ForeignKey(("rule",), "rules", ("id",))),
)

# Order = descriptor order = SQLite creation order (referenced tables first).
ALL: tuple[Resource, ...] = (AGENCIES, REPORTS, TABLES, *TIDY, REQUESTS_WIDE, LOCAL_TABLES, RULES, FINDINGS)
BY_NAME = {r.name: r for r in ALL}
