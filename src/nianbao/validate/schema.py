"""JSON Schemas (draft 2020-12) generated from the format definitions, and checking
documents against them with Chinese messages.

`schemas/*.schema.json` are these functions' output, committed so that editors can use
them; a test fails when they drift.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from ..findings import ERROR, STAGE_SCHEMA, Finding, Rule
from ..formats import FORMATS, TABLE_CODES
from ..formats.base import AMOUNT, COUNT, SIGNED, Column, Format, Row, Table
from ..load import Document
from ..project import SCHEMAS_PATH, SITE_URL
from ..vocabulary import KINDS, LEVELS, MEDIA, TABLE_STATUS

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - the pure-Python validator still works
    jsonschema_rs = None

BASE_ID = f"{SITE_URL}{SCHEMAS_PATH}"  # the site publishes schemas/ there
DATE = r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"  # year 0000 or 1850 is a typo, not a date
URL = r'^https?://[^\s<>"]+$'  # no \" : an invalid escape in ECMA-262 unicode regexes (ajv)
RULE_ID = r"^[A-Z0-9]+-[A-Z0-9-]+$"
AGENCY_ID = r"^[1-8][0-9]{5}-[a-z0-9]+(-[a-z0-9]+)*$"
TOWNSHIP = r"^[0-9]{9}([0-9]{3})?$"
MAX_TEXT = 200_000  # one narrative section
MAX_LINE = 500  # a title, a heading, a note line
MAX_RAW = 200  # raw text of a cell
MAX_NUMBER = 999_999_999_999  # no count or 万元 amount comes near; beyond 2**53 JSON readers lose digits

R_TYPE = Rule("SCHEMA-TYPE", ERROR, STAGE_SCHEMA, "类型不对", "{where}应为{expected}，这里是 {actual}。{hint}")
R_REQUIRED = Rule("SCHEMA-REQUIRED", ERROR, STAGE_SCHEMA, "缺少必填项", "{where}缺少必填项“{key}”（{title}）。{hint}")
R_UNKNOWN = Rule("SCHEMA-UNKNOWN", ERROR, STAGE_SCHEMA, "未知的键", "{where}不认识键“{key}”。{hint}")
R_CELLS = Rule("SCHEMA-CELLS", ERROR, STAGE_SCHEMA, "单元格个数不对",
               "{where}应有 {expected} 个单元格（{labels}），这里有 {actual} 个。空白单元格请写 ~，不要省略。")
R_RANGE = Rule("SCHEMA-RANGE", ERROR, STAGE_SCHEMA, "数值超出范围", "{where}的值 {actual} {problem}。")
R_ENUM = Rule("SCHEMA-ENUM", ERROR, STAGE_SCHEMA, "取值不在允许范围内", "{where}的值“{actual}”不在允许范围内，应为：{allowed}。")
R_PATTERN = Rule("SCHEMA-PATTERN", ERROR, STAGE_SCHEMA, "写法不对", "{where}的值“{actual}”写法不对：{expected}。")
R_LENGTH = Rule("SCHEMA-LENGTH", ERROR, STAGE_SCHEMA, "内容过长或过短", "{where}{problem}。")
R_OTHER = Rule("SCHEMA-OTHER", ERROR, STAGE_SCHEMA, "不符合格式定义", "{where}不符合格式定义：{detail}")
RULES = (R_TYPE, R_REQUIRED, R_UNKNOWN, R_CELLS, R_RANGE, R_ENUM, R_PATTERN, R_LENGTH, R_OTHER)


# ---- generation ----------------------------------------------------------------------------
def _text(title: str, description: str = "", max_length: int = MAX_LINE, **extra: Any) -> dict:
    return {"type": "string", "title": title, "description": description or title,
            "maxLength": max_length, **extra}


def _number_schema(kind: str) -> dict:
    if kind == SIGNED:
        return {"type": "integer", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}
    if kind == AMOUNT:
        return {"type": "number", "minimum": 0, "maximum": MAX_NUMBER}
    return {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER}


_KIND_ZH = {COUNT: "非负整数", SIGNED: "整数（可为负数）", AMOUNT: "非负数（可有小数）"}


def _cell_def(kind: str) -> dict:
    """What one table cell may hold; shared through $defs by every cell of that kind."""
    number = _number_schema(kind)
    return {
        "title": f"单元格（{_KIND_ZH[kind]}）",
        "anyOf": [
            number,
            {"type": "null", "title": "空白单元格"},
            {"type": "string", "title": "原文（不是数字）", "minLength": 1, "maxLength": MAX_RAW},
            {
                "type": "object", "title": "数值与原文",
                "properties": {"value": {"anyOf": [number, {"type": "null"}], "title": "数值"},
                               "raw": {"type": "string", "title": "原文", "maxLength": MAX_RAW}},
                "required": ["raw"], "additionalProperties": False,
            },
        ],
    }


CELL_DEFS = {kind: _cell_def(kind) for kind in _KIND_ZH}
_CELL_REF = {COUNT: "cell-count", SIGNED: "cell-signed", AMOUNT: "cell-amount"}


def _cell_kind(schema: dict) -> str | None:
    """The cell kind of a schema node that is one of CELL_DEFS (as an error's schema is)."""
    return next((kind for kind, d in CELL_DEFS.items() if schema == d), None)


def _cell_schema(row: Row, column: Column, title: str) -> dict:
    kind = row.cell_kind(column)
    unit = row.cell_unit(column)
    described = f"{_KIND_ZH[kind]}{'，单位：' + unit if unit else ''}"
    return {
        "title": title,
        "description": f"{described}。空白写 ~；原文不是数字（如 /、—、251000元）时写原文字符串，"
        "或写成 {value: 数值, raw: 原文}。",
        "$ref": f"#/$defs/{_CELL_REF[kind]}",
    }


def _row_schema(table: Table, row: Row) -> dict:
    path = "".join(row.path[1:] if row.path and row.path[0].startswith("三、") else row.path)
    if table.scalar_rows:
        col = row.columns[0]
        return _cell_schema(row, col, f"{path}{row.label}（{row.cell_unit(col) or '无单位'}）")
    labels = "，".join(c.label for c in row.columns)
    return {
        "type": "array",
        "title": f"{row.block.label + ' ' if row.block.label else ''}{path}{' ' if path else ''}{row.label}",
        "description": f"一行 {len(row.columns)} 个单元格，按印刷顺序：{labels}",
        "prefixItems": [_cell_schema(row, c, f"{row.ref} × {c.label}") for c in row.columns],
        "items": False,
        "minItems": len(row.columns),
        "maxItems": len(row.columns),
    }


def _table_schema(fmt: Format, table: Table) -> dict:
    rows = {r.code: _row_schema(table, r) for r in table.rows}
    other_formats = [f.code for f in FORMATS.values() if f.has_table(table.code)]
    schema = {
        "type": "object",
        "title": f"{table.title}（{fmt.title}）",
        "description": f"{fmt.title}的“{table.title}”表；rows 下每行一项，键是行代码，注释写印刷的行名。",
        "properties": {
            "format": {"enum": other_formats, "title": "本表所用格式",
                       "description": "本表与报告整体格式不同时填写（如2023年报告仍用2019年版表三）"},
            "status": {"enum": list(TABLE_STATUS), "title": "发布状态",
                       "description": "；".join(f"{k}：{v}" for k, v in TABLE_STATUS.items())},
            "note": _text("说明", "关于本表的录入说明，如哪些单元格位置无法确定", MAX_TEXT),
            "rows": {
                "type": "object", "title": "各行数据", "description": "键是行代码，值是按印刷列序排列的单元格",
                "properties": rows, "additionalProperties": False,
                "required": [] if table.scalar_rows else list(rows),
            },
        },
        "additionalProperties": False,
        "if": {"properties": {"status": {"const": "table"}}},
        # `properties: {rows: true}` beside each `required`: ajv's strictRequired wants the key
        # declared in the same schema object.
        "then": {"required": ["rows"], "properties": {"rows": True}},
        "else": {"not": {"required": ["rows"], "properties": {"rows": True}}},
    }
    return schema


def _local_tables_schema() -> dict:
    value = {"anyOf": [{"type": "number"}, {"type": "null"},
                       {"type": "string", "maxLength": MAX_RAW}], "title": "单元格"}
    return {
        "type": "array", "title": "地方统计表", "maxItems": 20,
        "description": "不属于全国统一格式的表格（省级自定表、2014年以前的表），按原样记录",
        "items": {
            "type": "object", "additionalProperties": False, "required": ["title", "columns", "rows"],
            "properties": {
                "title": _text("表名"),
                "columns": {"type": "array", "title": "数值列名", "items": _text("列名"), "minItems": 1, "maxItems": 20},
                "rows": {"type": "array", "title": "各行", "maxItems": 500, "items": {
                    "type": "object", "additionalProperties": False, "required": ["label", "values"],
                    "properties": {"label": _text("指标名称"), "unit": _text("计量单位", max_length=20),
                                   "values": {"type": "array", "items": value, "title": "各列数值", "maxItems": 20}},
                }},
                "note": _text("说明", max_length=MAX_TEXT),
            },
        },
    }


def report_schema(fmt: Format) -> dict:
    """The JSON Schema of a report in format `fmt`."""
    defs: dict[str, Any] = {_CELL_REF[kind]: d for kind, d in CELL_DEFS.items()}
    tables: dict[str, Any] = {}
    for code in TABLE_CODES:
        variants = [f for f in FORMATS.values() if f.has_table(code)]
        if not fmt.has_table(code):
            continue
        for f in variants:
            defs[f"{f.code}.{code}"] = _table_schema(f, f.table(code))
        tables[code] = {
            "type": "object",  # also the type of every branch below (ajv strictTypes)
            "title": fmt.table(code).title,
            "description": f"默认按{fmt.title}核对；本表另填 format 时按该格式核对",
            "allOf": [
                # First, so that a table `format` of no variant (gov2020, a mapping) is an error
                # rather than matching none of the `if`s below and skipping every check.
                {"properties": {"format": {"enum": [f.code for f in variants], "title": "本表所用格式"}}}
            ] + [
                {"if": {"required": ["format"], "properties": {"format": {"const": f.code}}},
                 "then": {"$ref": f"#/$defs/{f.code}.{code}"}} for f in variants if f is not fmt
            ] + [{"if": {"anyOf": [{"not": {"required": ["format"]}},
                                   {"properties": {"format": {"const": fmt.code}}}]},
                  "then": {"$ref": f"#/$defs/{fmt.code}.{code}"}}],
        }
    section = {"type": "object", "additionalProperties": False, "required": ["heading", "text"],
               "title": "章节", "properties": {
                   "heading": _text("章节标题", "按原文照录，如“一、总体情况”"),
                   "text": _text("正文", "按原文照录；段落之间空一行", MAX_TEXT)}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}report-{fmt.code}.schema.json",
        "title": f"政府信息公开工作年度报告（{fmt.title}）",
        "description": fmt.description,
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "year", "title", "source", "sections"],
        "properties": {
            "format": {"const": fmt.code, "title": "报告格式", "description": f"本文件按“{fmt.title}”录入"},
            "year": {"type": "integer", "minimum": 2007, "maximum": 2100, "title": "报告年度",
                     "description": "报告所述的年度（不是发布年份），须与文件名一致"},
            "title": _text("报告标题", "按原文照录"),
            "published": _text("发布日期", "网页或文件上的发布日期，YYYY-MM-DD", 10, pattern=DATE),
            "dated": _text("落款日期", "报告落款处的日期，YYYY-MM-DD", 10, pattern=DATE),
            "signature": _text("落款单位", "报告落款处的单位名称"),
            "index_no": _text("索引号", "政府信息公开目录的索引号"),
            "doc_no": _text("文号", "发文字号"),
            "source": {
                "type": "object", "title": "来源", "additionalProperties": False,
                "properties": {
                    "url": _text("原文网址", "发布机关网站上的原文地址", 2000, pattern=URL),
                    "medium": {"enum": list(MEDIA), "title": "原文形式",
                               "description": "；".join(f"{k}：{v}" for k, v in MEDIA.items())},
                    "retrieved": _text("获取日期", "YYYY-MM-DD", 10, pattern=DATE),
                    "archive": _text("存档网址", "网页存档地址", 2000, pattern=URL),
                },
            },
            "preamble": _text("开头说明", "第一节之前的文字", MAX_TEXT),
            "sections": {"type": "array", "title": "正文各节", "maxItems": 30,
                         "description": "按原文顺序；2019、2021年版应为六节", "items": section},
            "tables": {"type": "object", "title": "统计表", "additionalProperties": False,
                       "description": "全国统一格式的统计表", "properties": tables},
            "local_tables": _local_tables_schema(),
            "acknowledged": {
                "type": "array", "title": "确认“原文如此”的问题", "maxItems": 200,
                "description": "核对发现的问题若是原文本身的错误，在此确认并说明；CI 不再因此失败，网站仍会显示",
                "items": {"type": "object", "additionalProperties": False, "required": ["rule", "note"],
                          "properties": {
                              "rule": _text("规则编号", "如 T3-01", 20, pattern=RULE_ID),
                              "cells": {"type": "array", "title": "涉及的单元格", "maxItems": 50,
                                        "items": _text("单元格", "如 requests.r3_7.total", 100)},
                              "note": _text("说明", "为什么确认原文如此", 2000, minLength=2)}},
            },
            "notes": _text("录入说明", "录入者的说明", MAX_TEXT),
        },
        "$defs": defs,
    }


def agency_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}agency.schema.json",
        "title": "机构",
        "description": "发布年报的机构。编号由目录位置得出：<行政区划代码>-<目录名>",
        "type": "object", "additionalProperties": False, "required": ["name", "level", "kind"],
        "properties": {
            "name": _text("机构名称", "全称，如“平武县人民政府办公室”"),
            "level": {"enum": list(LEVELS), "title": "层级", "description": "机构所属政府的层级"},
            "kind": {"enum": list(KINDS), "title": "类别",
                     "description": "人民政府的年报是本级政府的总体报告；政府部门（含办公室）报告本部门工作"},
            "parent": _text("上级机构编号", "如 510727-zf", 60, pattern=AGENCY_ID),
            "township_code": _text("乡级区划代码", "乡镇、街道的 9 位代码", 12, pattern=TOWNSHIP),
            "website": _text("网站", "", 2000, pattern=URL),
            "aliases": {"type": "array", "title": "别名", "maxItems": 20, "items": _text("别名")},
        },
    }


def all_schemas() -> dict[str, dict]:
    """File name -> schema, for `schemas/`."""
    out = {f"report-{f.code}.schema.json": report_schema(f) for f in FORMATS.values()}
    out["agency.schema.json"] = agency_schema()
    return out


def dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# ---- checking ------------------------------------------------------------------------------
class _Checker:
    def __init__(self, schema: dict):
        self.schema = schema
        self.py = jsonschema.Draft202012Validator(schema)
        self.fast = jsonschema_rs.validator_for(schema) if jsonschema_rs else None

    def errors(self, data: Any) -> Iterable[jsonschema.ValidationError]:
        if self.fast is not None and self.fast.is_valid(data):
            return ()
        return self.py.iter_errors(data)


@lru_cache(maxsize=None)
def _checker(name: str) -> _Checker:
    if name == "agency":
        return _Checker(agency_schema())
    return _Checker(report_schema(FORMATS[name]))


_TYPE_ZH = {"integer": "整数", "number": "数字", "string": "文本", "object": "映射（键: 值）",
            "array": "列表（[ ] 或 - 项）", "null": "空（~）", "boolean": "是/否"}


def _type_name(v: Any) -> str:
    if v is None:
        return "空（~）"
    if isinstance(v, bool):
        return f"布尔值 {str(v).lower()}（YAML 把 yes/no/true/false 读作是/否，文本请加引号）"
    if isinstance(v, int):
        return f"整数 {v}"
    if isinstance(v, float):
        return f"小数 {v}"
    if isinstance(v, str):
        return f"文本“{v[:40]}{'…' if len(v) > 40 else ''}”"
    if isinstance(v, list):
        return "列表"
    return "映射"


def _where(schema_root: dict, path: tuple) -> str:
    """A Chinese description of a location, from the schema titles along the path."""
    titles: list[str] = []
    node = schema_root
    for key in path:
        node = _descend(schema_root, node, key)
        if node is None:
            titles.append(_short(key))
            break
        if "title" in node and key not in ("rows", "tables"):
            titles.append(node["title"])
        elif isinstance(key, int):
            titles.append(f"第 {key + 1} 项")
    return "“" + " › ".join(titles) + "”" if titles else "文件顶层"


def _short(v: Any, limit: int = 40) -> str:
    """A user's value quoted in a message, cut so that a 1 MB key cannot flood the output."""
    s = str(v)
    return s if len(s) <= limit else s[:limit] + "…"


def _descend(root: dict, node: dict, key: Any) -> dict | None:
    node = _resolve(root, node)
    if isinstance(key, int):
        if "prefixItems" in node and key < len(node["prefixItems"]):
            return node["prefixItems"][key]
        items = node.get("items")
        return items if isinstance(items, dict) else None
    props = node.get("properties", {})
    if isinstance(props.get(key), dict):  # not `rows: true`, which only declares the key
        return props[key]
    for sub in node.get("allOf", []):  # table variants: the report's own format is last
        target = _resolve(root, sub.get("then", {}))
        if key in target.get("properties", {}):
            return target["properties"][key]
    return None


def _resolve(root: dict, node: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].split("/")[-1]]
    if "allOf" in node and "properties" not in node:
        last = node["allOf"][-1].get("then", {})
        if "$ref" in last:
            merged = dict(_resolve(root, last))
            merged["title"] = node.get("title", merged.get("title"))
            return merged
    return node


def _known_keys(root: dict, path: tuple) -> list[str]:
    node: dict | None = root
    for key in path:
        node = _descend(root, node, key) if node is not None else None
    return list(_resolve(root, node).get("properties", {})) if node else []


def _translate(doc: Document, root: dict, err: jsonschema.ValidationError) -> Finding | None:
    path = tuple(err.absolute_path)
    line = doc.line(*path)
    where = _where(root, path)
    v = err.validator
    inst = err.instance
    if v == "required":
        key = err.message.split("'")[1]
        sub = _descend(root, _resolve(root, err.schema) if "properties" in err.schema else root, key) or {}
        declared = err.schema.get("properties", {}).get(key)
        title = (declared if isinstance(declared, dict) and declared else sub).get("title", key)
        line, hint = _missing_row_place(doc, path, err.schema, inst, key, line)
        return R_REQUIRED.finding(doc.path, line, where=where, key=key, title=title, hint=hint)
    if v == "additionalProperties" or (v == "not" and isinstance(inst, dict)):
        known = list(err.schema.get("properties", {})) or _known_keys(root, path)  # the failing schema's own keys
        extra = [k for k in inst if k not in known] if isinstance(inst, dict) else []
        if v == "not":  # rows given for a table marked image/missing
            if inst.get("status") not in ("image", "missing"):
                return None  # an unknown status: its SCHEMA-ENUM says it
            return R_OTHER.finding(doc.path, line, where=where,
                                   detail="status 为 image 或 missing 的表不应有 rows；有数据就删去 status。")
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
        hint = (f"是不是想写“{'”或“'.join(close)}”？" if close else
                f"可用的键：{'、'.join(known[:30])}。" if known else "")
        key_line = doc.line(*path, key)
        return R_UNKNOWN.finding(doc.path, key_line, where=where, key=_short(key), hint=hint)
    if v in ("minItems", "maxItems") and "prefixItems" in err.schema:
        labels = "，".join(s["title"].split(" × ")[-1] for s in err.schema["prefixItems"])
        return R_CELLS.finding(doc.path, line, where=where, expected=len(err.schema["prefixItems"]),
                               labels=labels, actual=len(inst))
    kind = _cell_kind(err.schema) if v == "anyOf" else None
    if kind is not None:  # a table cell
        return _cell_finding(doc, line, where, kind, inst)
    if v == "type":
        expected = err.validator_value
        names = "或".join(_TYPE_ZH.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        hint = "日期等文本若被读成了数字，请加引号。" if expected == "string" else ""
        return R_TYPE.finding(doc.path, line, where=where, expected=names, actual=_type_name(inst), hint=hint)
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        return R_ENUM.finding(doc.path, line, where=where, actual=_short(inst), allowed="、".join(map(str, allowed)))
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        problem = f"不能小于 {err.validator_value}" if "inimum" in v else f"不能大于 {err.validator_value}"
        return R_RANGE.finding(doc.path, line, where=where, actual=inst, problem=problem)
    if v == "pattern":
        expected = {DATE: "日期应写成 YYYY-MM-DD（年份在 1900 至 2099 之间），如 2025-01-21", URL: "网址应以 http:// 或 https:// 开头，且不含空格",
                    RULE_ID: "规则编号如 T3-01",
                    AGENCY_ID: "机构编号应写成“行政区划代码-目录名”，如 510727-zf",
                    TOWNSHIP: "乡级区划代码是 9 位或 12 位数字"}.get(err.validator_value, f"应符合 {err.validator_value}")
        return R_PATTERN.finding(doc.path, line, where=where, actual=str(inst)[:80], expected=expected)
    if v in ("maxLength", "minLength", "maxItems", "minItems"):
        what = "字符" if "Length" in v else "项"
        problem = (f"超过上限 {err.validator_value} 个{what}" if v.startswith("max")
                   else f"至少要有 {err.validator_value} 个{what}")
        return R_LENGTH.finding(doc.path, line, where=where, problem=problem)
    # jsonschema's own message is English: say what the keyword asks, in Chinese.
    return R_OTHER.finding(doc.path, line, where=where, detail=_KEYWORD_ZH.get(v, f"不满足格式定义中的“{v}”约束。"))


_KEYWORD_ZH = {
    "false": "这里不允许有任何值。",
    "uniqueItems": "列表中的项不能重复。",
    "minProperties": "映射里的项太少。",
    "maxProperties": "映射里的项太多。",
    "multipleOf": "数值不是规定的倍数。",
    "dependentRequired": "填写了这一项，就必须同时填写与它相关的项。",
    "propertyNames": "有键的名称不符合规定。",
}


def _missing_row_place(doc: Document, path: tuple, schema: dict, inst: Any, key: str,
                       line: int | None) -> tuple[int | None, str]:
    """A forgotten table row is reported on the printed row before it, where it belongs,
    rather than on the first row of the table."""
    if len(path) < 3 or path[0] != "tables" or path[-1] != "rows" or not isinstance(inst, dict):
        return line, ""
    order = list(schema.get("properties", {}))
    if key not in order:
        return line, ""
    before = [k for k in order[:order.index(key)] if k in inst]
    if not before:
        return line, "它是表的第一行，请写在 rows 下面第一行。"
    return doc.line(*path, before[-1]), f"请把它写在“{before[-1]}”这一行之后。"


def _cell_finding(doc: Document, line: int | None, where: str, kind: str, inst: Any) -> Finding:
    expected = f"{_KIND_ZH[kind]}、~（空白）或原文字符串"
    if isinstance(inst, str):  # the only ways a string cell fails: too long or empty
        problem = (f"的原文有 {len(inst)} 个字符，超过上限 {MAX_RAW} 个；单元格里只录原文的数字或符号，说明请写在表的 note 里"
                   if len(inst) > MAX_RAW else "是空字符串；空白单元格请写 ~")
        return R_LENGTH.finding(doc.path, line, where=where, problem=problem)
    if isinstance(inst, (int, float)) and not isinstance(inst, bool):
        if abs(inst) > MAX_NUMBER:
            return R_RANGE.finding(doc.path, line, where=where, actual=inst,
                                   problem=f"超出范围（绝对值不能大于 {MAX_NUMBER}）；请核对是否多写了数字")
        if inst < 0:
            return R_RANGE.finding(doc.path, line, where=where, actual=inst,
                                   problem="是负数；这一格不能为负。若原文如此，请写成 {value: ~, raw: \"原文\"} 并说明")
        return R_TYPE.finding(doc.path, line, where=where, expected=expected, actual=_type_name(inst),
                              hint="件数不能有小数。若原文如此，请写成 {value: ~, raw: \"原文\"}。")
    return R_TYPE.finding(doc.path, line, where=where, expected=expected, actual=_type_name(inst), hint="")


def check_report(doc: Document) -> list[Finding]:
    """Schema findings for a report document (format read from the document itself)."""
    fmt = doc.data.get("format") if isinstance(doc.data, dict) else None
    if not isinstance(fmt, str) or fmt not in FORMATS:  # a list or mapping is unhashable
        line = doc.line("format")
        if fmt is None:
            return [R_REQUIRED.finding(doc.path, line, where="文件顶层", key="format",
                                       title="报告格式：" + "、".join(FORMATS), hint="")]
        return [R_ENUM.finding(doc.path, line, where="“报告格式”", actual=_short(fmt), allowed="、".join(FORMATS))]
    return _check(doc, fmt)


def check_agency(doc: Document) -> list[Finding]:
    return _check(doc, "agency")


def _check(doc: Document, name: str) -> list[Finding]:
    checker = _checker(name)
    errors = list(checker.errors(doc.data))
    # Report the most specific error under each anyOf/allOf; drop their wrappers.
    out = []
    for err in errors:
        for leaf in _leaves(err):
            finding = _translate(doc, checker.schema, leaf)
            if finding is not None:
                out.append(finding)
    seen = set()
    unique = []
    for f in out:
        key = (f.line, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _leaves(err: jsonschema.ValidationError) -> Iterable[jsonschema.ValidationError]:
    if err.validator == "items" and err.validator_value is False:
        return  # maxItems on the same row already says it, with the column labels
    if err.validator == "anyOf" and _cell_kind(err.schema) is not None:
        yield err
    elif err.validator in ("allOf", "anyOf", "oneOf", "if", "then") and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        yield from _leaves(best)
    else:
        yield err


def write_schemas(out: str | Path, check: bool = False) -> list[str]:
    """Write schemas/ from the definitions; with check, only list the files that differ."""
    out = Path(out)
    changed = []
    for name, schema in all_schemas().items():
        path = out / name
        text = dump(schema)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            changed.append(name)
            if not check:
                out.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed
