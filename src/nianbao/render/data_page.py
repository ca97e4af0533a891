"""The Chinese data page (Markdown), generated from the resource declarations and the build.

Links are relative to the page, which the site places at `data/index.md`, next to the
package files copied into the site's `data/` folder. They are written as HTML anchors:
mkdocs --strict would reject Markdown links to files that are not in its docs folder.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..formats import FORMATS
from ..publish.resources import ALL, Field, Resource
from .escape import esc
from .explorer_link import explorer_href
from .slots import PLACEHOLDER

if TYPE_CHECKING:
    from ..publish.info import PackageInfo

TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数值", "boolean": "是/否", "date": "日期"}
STAT_ZH = {"year": "报告年度", "days_late": "逾期天数", "errors": "错误数", "warnings": "警告数",
           "acknowledged": "已确认原文如此"}
MAX_ENUM_SHOWN = 6


def _cell(text: object) -> str:
    """Text for a Markdown table cell: no markup, no column break."""
    return html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def _link(path: str, text: str | None = None) -> str:
    return f'<a href="{path}">{text or path}</a>'


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _constraints(f: Field) -> str:
    parts = []
    if f.required:
        parts.append("必填")
    if f.unique:
        parts.append("唯一")
    if f.enum:
        shown = "、".join(f"`{v}`" for v in f.enum[:MAX_ENUM_SHOWN])
        parts.append(f"取值：{shown}" + (f" 等 {len(f.enum)} 种" if len(f.enum) > MAX_ENUM_SHOWN else ""))
    if f.minimum is not None:
        parts.append(f"≥ {f.minimum:g}")
    if f.max_length is not None:
        parts.append(f"不超过 {f.max_length} 字")
    return "；".join(parts)


def _resource_section(r: Resource, rows: int, size: int) -> list[str]:
    lines = [f"### {r.title}（`{r.name}`）", "", r.description, ""]
    files = [f"{_link(r.path)}（{rows:,} 行，{_size(size)}）"]
    if r.excel:
        files.append(f"电子表格 {_link('excel/' + r.name + '.xlsx')}（Excel、WPS、LibreOffice）")
        files.append(f"Excel 用 CSV {_link('excel/' + r.path)}")
    lines += ["文件：" + "，".join(files) + "。", ""]
    keys = "主键：" + "、".join(f"`{k}`" for k in r.primary_key)
    for fk in r.foreign_keys:
        keys += f"；外键：`{'`、`'.join(fk.fields)}` → `{fk.resource}.{'、'.join(fk.reference)}`"
    lines += [keys + "。", "", "| 字段 | 类型 | 名称 | 说明 | 约束 |", "|---|---|---|---|---|"]
    for f in r.fields:
        lines.append(f"| `{f.name}` | {TYPE_ZH[f.type]} | {_cell(f.title)} | {_cell(f.description)} | {_cell(_constraints(f))} |")
    return lines + [""]


def _overview(info: PackageInfo) -> list[str]:
    lines = ["## 数据概况", "", "| 年度 | 格式 | 报告数 |", "|---|---|---|"]
    for (year, fmt), n in info.by_year_format.items():
        lines.append(f"| {year} | {FORMATS[fmt].title} | {n:,} |")
    status_zh = {"table": "以表格发布", "image": "只以图片发布（数值未录入）", "missing": "原文缺表"}
    lines += ["", "统计表发布状态：" + "；".join(f"{status_zh.get(k, k)} {v:,} 张" for k, v in info.table_status.items())
              + "（逐表见 `tables`）。", ""]
    if info.summary:
        lines += ["`reports` 各数值列的统计（由 csvkit 的 `csvstat` 生成）：", "",
                  "| 字段 | 非空 | 最小 | 最大 | 平均 | 中位数 |", "|---|---|---|---|---|---|"]
        for s in info.summary:
            if s.get("type") != "Number":  # csvstat reads a column of only 0 and 1 as yes/no: no range to give
                continue
            name = s.get("column_name", "")
            lines.append(f"| {STAT_ZH.get(name, name)}（`{name}`） | {s.get('nonnulls', '')} | {s.get('min', '')} | "
                         f"{s.get('max', '')} | {s.get('mean', '')} | {s.get('median', '')} |")
        lines.append("")
    return lines


EXAMPLES = '''## 示例查询

以下示例都在数据包目录（`datapackage.json` 所在目录，或解压 `nianbao-data.zip` 所得目录）中运行。

pandas：按 `datapackage.json` 的字段类型读入。整数列读作可空整数 `Int64`，空白单元格读作缺失值 `<NA>`（不是 0），
行政区划代码等编码读作文本，`raw` 列照录原文：

```python
import json

import pandas as pd

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string", "date": "string"}
with open("datapackage.json", encoding="utf-8") as fh:
    package = json.load(fh)


def load(name):
    resource = next(r for r in package["resources"] if r["name"] == name)
    fields = resource["schema"]["fields"]
    frame = pd.read_csv(resource["path"], keep_default_na=False, na_values=[""],
                        dtype={f["name"]: PANDAS_TYPES[f["type"]] for f in fields})
    for f in fields:
        if f["type"] == "date":
            frame[f["name"]] = pd.to_datetime(frame[f["name"]])
    return frame


reports = load("reports")
wide = load("requests_wide")  # 表三宽表：2019、2021年版都在内
table3 = wide.merge(reports[["id", "year"]], left_on="report_id", right_on="id")
by_year = table3.pivot_table(index="year", columns="row_code", values="total", aggfunc="sum")
by_year["予以公开占比"] = by_year["r3_1"] / by_year["r3_7"]
print(by_year[["r1", "r3_1", "r3_7", "予以公开占比"]])  # 各年度本年新收、予以公开、办理总计
```

用 frictionless 按表结构读入（类型、缺失值都按 `datapackage.json`）：

```python
from frictionless import Package

package = Package("datapackage.json")
rows = package.get_resource("reports").read_rows()
print(len(rows), rows[0]["year"])
```

DuckDB（直接读 CSV；编码类的列请指定为 `VARCHAR`，以免被猜成数字）：

```sql
-- 各年度本年新收申请总数（宽表含2019、2021年版）
SELECT r.year, sum(w.total) AS 本年新收, count(w.total) AS 有数值的报告数
FROM read_csv('requests_wide.csv', types = {'total': 'BIGINT'}) AS w
JOIN read_csv('reports.csv', types = {'division': 'VARCHAR'}) AS r ON r.id = w.report_id
WHERE w.row_code = 'r1'
GROUP BY r.year ORDER BY r.year;

-- 长表：每个单元格一行，原文不是纯数字的在 raw 列
SELECT report_id, row_ref, column_label, value, raw
FROM read_csv('requests_2021.csv', types = {'value': 'BIGINT', 'raw': 'VARCHAR'})
WHERE row_code = 'r1' AND (value IS NULL OR raw IS NOT NULL);
```

```sql
-- 各级别、各规则的核对结果数
SELECT r.level, f.rule, f.severity, count(*) AS 条数
FROM read_csv('findings.csv', types = {'report_id': 'VARCHAR', 'note': 'VARCHAR'}) AS f
JOIN read_csv('reports.csv', types = {'division': 'VARCHAR'}) AS r ON r.id = f.report_id
GROUP BY ALL ORDER BY 条数 DESC;
```

SQLite（解压 `nianbao-sqlite.zip` 得到 `nianbao.sqlite`；表名即资源名，类型与主键、外键同 `datapackage.json`）：

```sql
-- 逾期发布的报告
SELECT id, agency_name, year, published, dated, deadline, days_late, late_basis
FROM reports WHERE days_late > 0 ORDER BY days_late DESC LIMIT 20;

-- 表三以图片发布、未能录入的报告
SELECT report_id FROM tables WHERE "table" = 'requests' AND status = 'image';

-- 原文不是纯数字的单元格
SELECT report_id, row_label, column_label, value, raw FROM requests_2021 WHERE raw IS NOT NULL;
```
'''

LICENCE = '''## 许可

- 本站的转录数据（各 CSV、`datapackage.json`、SQLite 数据库、逐份报告的 JSON 与 CSV）采用
  [知识共享 署名 4.0 国际许可协议（CC BY 4.0）](https://creativecommons.org/licenses/by/4.0/deed.zh-hans)：
  可自由复制、分发、改编和商业使用，请注明出处。
- 年度报告原文是各行政机关依《中华人民共和国政府信息公开条例》主动公开的政府信息，权利归原发布机关；
  原文网址见 `reports.source_url`。数据以原文为准，转录如有错误，欢迎在仓库提出更正。

## 如何引用

> 年报开放数据项目：《政府信息公开工作年度报告开放数据》，数据包 `nianbao`，CC BY 4.0。
> 引用时请注明所用文件和下载日期；引用单份报告时请同时注明报告编号（如 `510727-zfb-2024`）与原文网址。
'''


def data_page_markdown(info: PackageInfo) -> str:
    """The data page; the site places it at `build/docs/data/index.md`."""
    lines = [
        "# 开放数据", "",
        f"全部 {info.reports:,} 份年度报告（{info.agencies:,} 个机构）的统计表、元数据和 {info.findings:,} 条核对结果，"
        "以 [Frictionless Data Package](https://datapackage.org/)（v2）发布：每张表都有类型、约束、主键和外键，"
        "标题和说明为中文。", "",
        "**空白单元格是缺失值，绝不记作 0**；原文不是数字的单元格（如 `/`、`—`、`251000元`）数值为空，原文照录在 `raw` 列。", "",
        f"只想看每份报告是否按期发布、有哪些核对问题？[核对总览]({explorer_href(DATA_PAGE)})按地区、年度、规则等筛选和排序，"
        "并可把筛选结果下载为 CSV。", "",
        "## 下载", "",
        "| 文件 | 内容 |", "|---|---|",
        f"| {_link('datapackage.json')} | 数据包描述：各资源、字段、类型、主键、外键、许可 |",
        f"| {_link('nianbao-data.zip')} | 整个数据包（描述文件与全部 CSV），{_size(info.zip_path.stat().st_size)} |",
        f"| {_link('nianbao-sqlite.zip')} | SQLite 数据库 `nianbao.sqlite`（压缩包，{_size(info.sqlite_zip_path.stat().st_size)}）："
        "每个资源一张表，类型、主键、外键同数据包 |",
        "| `excel/<资源名>.xlsx` | 电子表格（Excel、WPS、LibreOffice 都能直接打开）：中文表头并冻结首行；代码（如行政区划代码）是文本，"
        "数值是数值，空白单元格是空白（不是 0）；超过 1,048,576 行时续在下一个工作表 |",
        "| `excel/<资源名>.csv` | 供 Excel 双击打开的 CSV：UTF-8 带 BOM、中文表头；以 =、+、-、@ 开头的文字前加了 `'`，以免被当作公式。"
        "LibreOffice 和 WPS 打开 CSV 时常不识别 BOM，请改用 .xlsx |",
        "| `reports/<报告编号>.json` | 单份报告的全部内容：元数据、各节正文、各表每个单元格的数值与原文、核对结果 |",
        "| `reports/<报告编号>.csv` | 单份报告的统计表（长表，UTF-8 带 BOM） |",
        "", "各 CSV 为 UTF-8（无 BOM）、逗号分隔、首行为英文字段名；用电子表格软件请打开 `excel/` 下的同名 .xlsx 文件。"
        "表三的长表（`requests_2021`、`requests_2019`）行数可能超过 Excel 的上限（1,048,576 行），"
        "没有 Excel 版；请用宽表 `requests_wide`，或用 DuckDB、SQLite。", "",
    ]
    lines += _overview(info)
    lines += ["## 各资源", ""]
    rows = {w.name: w for w in info.resources}
    for r in ALL:
        lines += _resource_section(r, rows[r.name].rows, rows[r.name].bytes)
    lines += [EXAMPLES, LICENCE]
    return "\n".join(lines).rstrip("\n") + "\n"


DATA_PAGE = "data/index.md"


def data_page_placeholder() -> str:
    """What mkdocs builds for the data page: its title and the slot its body fills later."""
    return '---\ntitle: "开放数据"\n---\n\n' + PLACEHOLDER.format(0) + "\n"


def data_page_html(info: PackageInfo) -> str:
    """The data page's body as HTML, with its own contents list (mkdocs saw only the
    placeholder, so its sidebar is empty)."""
    import markdown

    text = data_page_markdown(info)
    if text.startswith("# "):  # the theme prints the page title already
        text = text.split("\n", 1)[1] if "\n" in text else ""
    # fenced_code: the page shows code samples (a `# comment` in one must not become a heading);
    # toc: headings get ids, as on the pages mkdocs renders.
    md = markdown.Markdown(extensions=["tables", "fenced_code", "toc"], output_format="html")
    body = md.convert(text)
    return _page_toc(md.toc_tokens) + body


def _page_toc(tokens: list) -> str:
    def items(level: list) -> str:
        return "".join(f'<li><a href="#{esc(t["id"])}">{esc(t["name"])}</a>'
                       + (f"<ul>{items(t['children'])}</ul>" if t.get("children") and t["level"] < 3 else "") + "</li>"
                       for t in level)

    top = [c for t in tokens for c in (t.get("children") or [])] if tokens and tokens[0]["level"] == 1 else tokens
    if not top:
        return ""
    return f'<nav class="nb-page-toc" aria-label="本页目录"><p>本页目录</p><ul>{items(top)}</ul></nav>'
