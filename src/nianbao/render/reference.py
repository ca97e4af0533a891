"""Reference pages generated from the code: rules, schema fields, CLI, YAML format, downloads."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..formats import FORMATS
from .escape import esc
from .format_docs import strip_markers
from .report_page import front


def rules_page(corpus=None, slots=None) -> str:
    """Every rule, with how many reports of the corpus have a finding of it: each count opens
    the explorer filtered to that rule."""
    from ..findings import PARTY_ZH, SEVERITY_ZH, STAGE_ZH
    from ..validate.registry import all_rules
    from .explorer_link import explorer_href

    page = "about/rules.md"
    reports: dict[str, set[str]] = {}
    if corpus is not None:
        for rid, found in corpus.by_report.items():
            for f in found:
                reports.setdefault(f.rule, set()).add(rid)
    rows = []
    for r in all_rules():
        detail = (r.formula or r.template.replace("{", "‹").replace("}", "›")).replace("|", "∣")
        n = len(reports.get(r.id, ()))
        count = f'<a href="{esc(explorer_href(page, rule=r.id))}">{n} 份</a>' if n else "0"
        rows.append(f'<tr><td><span id="{esc(r.id)}"></span><code>{esc(r.id)}</code></td><td>{SEVERITY_ZH[r.severity]}</td>'
                    f"<td>{STAGE_ZH[r.stage]}</td><td>{PARTY_ZH[r.party]}</td><td>{esc(r.title)}</td>"
                    f"<td>{esc(detail)}</td><td>{count}</td></tr>")
    table = ('<div class="nb-table-wrap"><table class="nb-list nb-rules"><thead><tr><th scope="col">编号</th>'
             '<th scope="col">级别</th><th scope="col">阶段</th><th scope="col">针对</th><th scope="col">名称</th>'
             '<th scope="col">公式或说明</th><th scope="col">涉及报告</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table></div>")
    return "\n".join(front("核对规则", wide=False) + [
        "每一项核对都是一条有编号的规则。报告页上的问题按规则编号链接到这里；"
        "“已确认原文如此”表示录入者核对过原文，原文本身如此。“针对”一栏说明问题出在发布机关公布的报告本身，"
        "还是出在本站的记录（如尚未记录原文网址）；“涉及报告”是已收录报告中有此问题的份数，点击可在“核对总览”中查看这些报告。",
        "", slots.put(table) if slots is not None else table, ""])


TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数", "array": "列表", "object": "映射（键: 值）",
           "boolean": "是/否", "null": "空（~）"}


def _fields(schema: dict, prefix: str = "") -> list[tuple[str, str, str, str]]:
    out = []
    required = set(schema.get("required", []))
    for key, sub in (schema.get("properties") or {}).items():
        name = f"{prefix}{key}"
        kind = sub.get("type") or ("取值：" + "、".join(map(str, sub["enum"])) if "enum" in sub else
                                   f"固定为 {sub['const']}" if "const" in sub else "见格式定义")
        if isinstance(kind, list):
            kind = " / ".join(TYPE_ZH.get(k, k) for k in kind)
        else:
            kind = TYPE_ZH.get(kind, kind)
        out.append((name, sub.get("title", ""), str(kind), ("必填。" if key in required else "") + sub.get("description", "")))
        if sub.get("type") == "object" and sub.get("properties") and key != "tables":
            out += _fields(sub, name + ".")
        items = sub.get("items")
        if isinstance(items, dict) and items.get("properties"):
            out += _fields(items, name + "[].")
    return out


def schema_page() -> str:
    from ..validate.schema import agency_schema, report_schema

    out = front("字段说明", wide=False)
    out.append("以下各表由格式定义生成的 JSON Schema 自动列出（与仓库 `schemas/` 目录中的文件一致）。")
    sections = [("机构文件 agency.yaml", agency_schema())]
    sections += [(f"年报文件：{f.title}（format: {f.code}）", report_schema(f)) for f in FORMATS.values()]
    for title, schema in sections:
        rows = "".join(f"<tr><td><code>{esc(n)}</code></td><td>{esc(t)}</td><td>{esc(k)}</td><td>{esc(d)}</td></tr>"
                       for n, t, k, d in _fields(schema))
        out += ["", f"## {esc(title)}", "",
                '<div class="nb-table-wrap"><table class="nb-list"><thead><tr><th scope=col>字段</th><th scope=col>名称</th><th scope=col>类型</th><th scope=col>说明</th>'
                f"</tr></thead><tbody>{rows}</tbody></table></div>"]
        tables = [t for t in FORMATS[schema["properties"]["format"]["const"]].tables] if "format" in schema["properties"] else []
        for t in tables:
            items = "".join(f"<tr><td><code>{esc(r.code)}</code></td><td>{esc(' › '.join(r.path + (r.label,)))}</td>"
                            f"<td>{esc('，'.join(c.label for c in r.columns))}</td></tr>" for r in t.rows)
            out += ["", f"### tables.{t.code}：{esc(t.title)}", "",
                    '<div class="nb-table-wrap"><table class="nb-list"><thead><tr><th scope=col>行</th><th scope=col>原表项目</th><th scope=col>各列（按原表顺序）</th>'
                    f"</tr></thead><tbody>{items}</tbody></table></div>"]
    return "\n".join(out) + "\n"


def cli_page(group) -> str:
    """The click group's help, command by command (`group` is nianbao.cli.main)."""
    import click

    out = front("命令行", wide=False)
    out.append("安装后在仓库根目录运行 `nianbao <命令>`。以下内容由命令定义自动生成。")
    root = click.Context(group, info_name="nianbao")
    for name in sorted(group.list_commands(root)):
        cmd = group.get_command(root, name)
        if cmd is None or cmd.hidden:
            continue
        ctx = click.Context(cmd, info_name=name, parent=root, terminal_width=100, max_content_width=100)
        out += ["", f"## nianbao {esc(name)}", "", f'<pre class="nb-help">{esc(help_zh(cmd.get_help(ctx)))}</pre>']
    return "\n".join(out) + "\n"


# click prints a few words of its own in English; the reference page is read in Chinese.
_CLICK_ZH = (("Usage:", "用法："), ("Options:", "选项："), ("Commands:", "命令："), ("Arguments:", "参数："),
             ("Show this message and exit.", "显示本帮助并退出。"), ("Show the version and exit.", "显示版本并退出。"),
             ("[required]", "[必填]"), ("[default: ", "[默认："), ("[OPTIONS]", "[选项]"))


def help_zh(text: str) -> str:
    for en, zh in _CLICK_ZH:
        text = text.replace(en, zh)
    return text


def doc_page(source: Path | None, title: str, fallback: str) -> str:
    """A hand-written page from docs/ (trusted, part of the repository) or a pointer to it."""
    if source is not None and source.is_file():
        text = strip_markers(source.read_text(encoding="utf-8"))
        if not text.lstrip().startswith("#"):
            text = f"# {title}\n\n" + text
        return text if text.endswith("\n") else text + "\n"
    return "\n".join(front(title, wide=False) + [fallback, ""])


_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def doc_images(source: Path | None, text: str, page_dir: str) -> tuple[str, list[tuple[Path, str]]]:
    """Images a hand-written page shows by a path relative to its file in the repository.
    Those that exist are copied beside the page (returned as (file, docs path)); those that
    do not (screenshots appear only after `make test`) become their text description."""
    copies: list[tuple[Path, str]] = []

    def place(m: re.Match) -> str:
        alt, target = m.group(1), m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
            return m.group(0)
        parts = PurePosixPath(target).parts
        found = source.parent / target if source is not None else None
        if ".." not in parts and found is not None and found.is_file():
            copies.append((found, f"{page_dir}/{target}"))
            return m.group(0)
        return f"（图：{alt}）"

    return _IMAGE.sub(place, text), copies


def downloads_page(has_data: bool) -> str:
    out = front("数据下载", wide=False)
    out.append("每份报告的数据都有固定的下载地址：")
    out.append("")
    out.append("<ul><li><code>data/reports/&lt;报告编号&gt;.json</code>：报告的全部内容（章节、统计表、核对结果）</li>"
               "<li><code>data/reports/&lt;报告编号&gt;.csv</code>：统计表，一个单元格一行</li></ul>")
    out.append("")
    out.append("报告编号由录入文件的位置得出：<code>&lt;行政区划代码&gt;-&lt;机构简称&gt;-&lt;年度&gt;</code>，"
               "如 <code>510727-zfb-2024</code>。每份报告页面上印有它的下载地址。")
    out.append("")
    if has_data:
        out.append('<p>全部数据的打包下载（Frictionless 数据包）：<a href="data/index.html">开放数据</a>。</p>')
    else:
        out.append('<p class="nb-note">整体数据包正在准备中，发布后在此提供链接。</p>')
    return "\n".join(out) + "\n"


def about_page() -> str:
    out = front("关于本站", wide=False)
    out.append("本站收录各级行政机关的政府信息公开工作年度报告，逐份录入为 YAML 文件，由程序核对并生成网页与数据。")
    out.append("")
    out.append("- 每份报告保留原文的章节文字与统计表，表格按全国统一格式的原样排版（合并单元格）。\n"
               "- 空白单元格与 0 不同：原表空白的格子以斜线底纹表示；原文写的不是数字（如“/”）时照录原文。\n"
               "- 核对结果列在报告页上，问题所在的单元格有编号标记；录入者确认“原文如此”的问题另有标注。"
               "发布机关报告本身的问题（逾期、表内数字对不上、缺少章节、与其他报告雷同）与本站记录尚待补充的地方分开列出。\n"
               "- [核对总览](../explorer.md)：每份报告一行，可按地区、层级、类别、年度、规则、是否逾期等筛选和排序，"
               "并把当前结果下载为 CSV；网址记下当前的筛选，可以分享。\n"
               "- [各地比较](../league.md)：按省级行政区、机构层级和类别比较按期发布、表内计算、统计表完整和雷同的情况，"
               "每个比例都写明所据报告数；市、县的比较在各地区页面上。\n"
               "- [并排对比](../compare.md)：把任意两份报告的统计表逐项并排；报告页上还有与上一年度、与所属部门合计的比较。\n"
               "- 雷同：正文与同一机构往年或同年其他机构的报告大段相同（不计各报告都必须写的法定套话），"
               "报告页上并排列出相同的段落。\n"
               "- 发现录入错误？每份报告页上都有“编辑此报告”的链接。")
    return "\n".join(out) + "\n"


def search_page(corpus) -> str:
    """The search page. Filter choices are written here from the corpus, so the browser
    loads Pagefind's filter index only when a filter is used."""
    from ..vocabulary import LEVELS
    from .corpus import region_name

    provinces = sorted({region_name(r) for r in corpus.provinces})
    years = [str(y) for y in reversed(corpus.years)]
    levels = [lv for lv in LEVELS if any(a.level == lv for a in corpus.agencies.values())]

    def select(key: str, label: str, values: list[str]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        return f'<select id="nb-f-{key}" aria-label="{label}"><option value="">全部{label}</option>{opts}</select>'

    out = front("搜索", wide=False)
    out.append('<div id="nb-search" class="nb-search-page">'
               '<form class="nb-search-main" role="search"><input id="nb-q" type="search" name="q" placeholder="输入关键词，如 机构名称、地区、政策领域" aria-label="搜索关键词">'
               + select("province", "地区", provinces) + select("year", "年度", years) + select("level", "层级", levels)
               + '<button type="submit">搜索</button></form>'
               '<p id="nb-status" class="nb-muted" aria-live="polite"></p><ol id="nb-results" class="nb-results"></ol></div>')
    return "\n".join(out) + "\n"
