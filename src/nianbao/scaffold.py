"""Templates a contributor starts from: `nianbao new` (a report) and `nianbao new-agency`.

A report template has every row of every table of the year's format with blank cells (~),
the printed labels as comments (nianbao.write), the six section headings with empty text,
and a `yaml-language-server` schema comment so VS Code's YAML extension completes and checks
as one types. Nothing is ever overwritten.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import regions
from .formats import FORMATS, expected_format
from .load import load_file, parse
from .paths import DIVISION, MAX_SLUG, YEAR_FILE, agency_path, is_slug, report_path
from .validate import schema
from .validate.rules.agency import division_hint
from .write import dump_agency, dump_report


class ScaffoldError(ValueError):
    """Why a template could not be written; the message is Chinese and says what to do."""


def _schema_ref(target: Path, root: Path, schemas_dir: str | Path | None, name: str) -> str:
    """The schema file `name` relative to `target`; by default content/ and schemas/ sit
    side by side at the repository root."""
    folder = (Path(schemas_dir) if schemas_dir else root.resolve().parent / "schemas").resolve()
    return Path(os.path.relpath(folder / name, target.parent.resolve())).as_posix()


def parse_agency_id(agency_id: str) -> tuple[str, str]:
    division, _, slug = agency_id.partition("-")
    if not DIVISION.fullmatch(division) or not is_slug(slug):
        raise ScaffoldError(f"机构编号“{agency_id}”写法不对，应为“<6 位行政区划代码>-<机构目录名>”，如 510727-zfb。")
    return division, slug


def report_template(fmt_code: str, year: int, agency_name: str) -> dict[str, Any]:
    """Report data with every table row present and every cell blank."""
    fmt = FORMATS[fmt_code]
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        rows = {row.code: (None if table.scalar_rows else [None] * len(row.columns)) for row in table.rows}
        tables[table.code] = {"rows": rows}
    data: dict[str, Any] = {
        "format": fmt.code,
        "year": year,
        "title": f"{agency_name}{year}年政府信息公开工作年度报告",
        "signature": agency_name,
        "source": {"medium": "html"},
        "sections": [{"heading": s.heading, "text": ""} for s in fmt.sections],
    }
    if tables:
        data["tables"] = tables
    return data


# Optional fields, shown as comments so the template stays valid until they are filled in.
_AFTER_TITLE = (
    "# published: YYYY-MM-DD  # 发布日期（网页或文件上的日期）：填写时去掉行首的 #\n"
    "# dated: YYYY-MM-DD      # 正文末尾的落款日期\n"
)
_SOURCE = (
    "source:\n"
    "  # url: https://……        # 原文网址：填写时去掉行首的 #\n"
    "  medium: html             # 原文形式：html 网页 / pdf / docx Word / text 复制的文字 / image 图片 / other\n"
    "  # retrieved: YYYY-MM-DD  # 获取原文的日期\n"
)


def render_report_template(data: dict[str, Any], schema_ref: str | None) -> str:
    text = dump_report(data, schema_ref)
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skip_source = False
    for line in lines:
        if skip_source:
            if line.startswith("  "):
                continue
            skip_source = False
        if line == "sections:\n" and not data.get("sections"):
            out.append("sections: []  # 按原文顺序逐节填写：- heading: 标题（照录）  text: 正文\n")
            continue
        if line.startswith("source:"):
            out.append(_SOURCE)
            skip_source = True
            continue
        out.append(line)
        if line.startswith("title:"):
            out.append(_AFTER_TITLE)
    return "".join(out)


def _check(text: str, shown: str, agency: bool) -> None:
    """A generated file must pass the schema; anything else is our bug, said plainly."""
    doc, findings = parse(shown, text)
    if doc is not None:
        findings = schema.check_agency(doc) if agency else schema.check_report(doc)
    if findings:
        raise ScaffoldError("生成的内容未通过格式检查：" + "；".join(f.message for f in findings[:3]))


def _agency_name(root: Path, division: str, slug: str) -> str:
    apath = agency_path(root, division, slug)
    if not apath.is_file():
        raise ScaffoldError(
            f"机构 {division}-{slug} 尚未登记（没有 {apath.as_posix()}）。"
            f"请先运行：nianbao new-agency --division {division} --slug {slug} --name 机构全称 --level 县级 --kind 政府部门")
    doc, findings = load_file(apath, apath.as_posix())  # the safe reader: no links, no GBK traceback
    name = doc.data.get("name") if doc is not None and isinstance(doc.data, dict) else None
    if findings or not isinstance(name, str):
        raise ScaffoldError(f"{apath.as_posix()} 读取失败或缺少 name，请先运行 nianbao validate {apath.as_posix()} 修正。")
    return name


def new_report(root: str | Path, agency_id: str, year: int, fmt: str | None = None,
               schemas_dir: str | Path | None = None) -> Path:
    """Write content/<prov>/<division>/<slug>/<year>.yaml as a blank template; return its path."""
    root = Path(root)
    division, slug = parse_agency_id(agency_id)
    if not YEAR_FILE.fullmatch(str(year)):
        raise ScaffoldError(f"年度“{year}”不对，应为四位年份，如 2024。")
    fmt = fmt or expected_format(int(year))
    if fmt not in FORMATS:
        raise ScaffoldError(f"没有“{fmt}”这种格式，可选：{'、'.join(FORMATS)}。")
    name = _agency_name(root, division, slug)
    target = report_path(root, division, slug, int(year))
    if target.exists():
        raise ScaffoldError(f"{target.as_posix()} 已存在，不会覆盖。要重新开始，请先删除或改名该文件。")
    ref = _schema_ref(target, root, schemas_dir, f"report-{fmt}.schema.json")
    text = render_report_template(report_template(fmt, int(year), name), ref)
    _check(text, target.as_posix(), agency=False)
    target.write_text(text, encoding="utf-8", newline="\n")
    return target


def new_agency(root: str | Path, division: str, slug: str, name: str, level: str, kind: str,
               parent: str | None = None, website: str | None = None,
               schemas_dir: str | Path | None = None) -> Path:
    """Write content/<prov>/<division>/<slug>/agency.yaml; return its path."""
    root = Path(root)
    if not DIVISION.fullmatch(division) or not regions.is_valid(division):
        raise ScaffoldError(f"行政区划代码 {division} 不在区划代码表中。{division_hint(division, name)}")
    if not is_slug(slug):
        raise ScaffoldError(f"机构目录名“{slug}”只能由小写英文字母、数字和连字符组成（不超过 {MAX_SLUG} 个字符），如 zfb、fgw。")
    target = agency_path(root, division, slug)
    if target.exists():
        raise ScaffoldError(f"{target.as_posix()} 已存在，不会覆盖。")
    data: dict[str, Any] = {"name": name, "level": level, "kind": kind}
    if parent:
        data["parent"] = parent
    if website:
        data["website"] = website
    ref = _schema_ref(target, root, schemas_dir, "agency.schema.json")
    text = dump_agency(data, ref)
    _check(text, target.as_posix(), agency=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    return target


__all__ = ["ScaffoldError", "new_agency", "new_report", "report_template", "render_report_template"]
