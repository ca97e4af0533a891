"""The compliance explorer's page (核对总览, explorer.md): the controls, the table head and the
script that fills them from the data nianbao.publish.explorer writes beside the page.

The view lives in the query string (explorer_link.py names the keys); the page itself holds no
report data, so it is the same for every corpus. Without JavaScript it says so and points to
the data package's reports.csv.
"""
from __future__ import annotations

import posixpath

from ..vocabulary import KINDS, LEVELS
from .escape import esc, rel
from .explorer_link import EXPLORER_MD

EXPLORER_DATA = "explorer"  # the shards' folder in the site, beside explorer.html
TITLE = "核对总览"
SHOWN = 50  # rows shown at first (a phone lays out about this many in 100 ms); "显示更多" adds as many again

# (sort key, column header); the keys are the `sort` values of the link contract.
COLUMNS = (
    ("region", "地区"), ("agency", "机构"), ("level", "层级"), ("kind", "类别"), ("year", "年度"),
    ("published", "发布日期"), ("dated", "落款日期"), ("deadline", "发布期限"), ("late", "逾期天数"),
    ("errors", "错误"), ("warnings", "警告"), ("infos", "提示"), ("rules", "核对规则"),
    ("tables", "统计表"), ("copy", "雷同度"),
)

# Filters with fixed choices: (key, label, "all" option, ((value, text), ...)). Years, rules and
# regions come from the data (the manifest) and are filled in by the script.
CHOICES = (
    ("level", "层级", "全部层级", tuple((v, v) for v in LEVELS)),
    ("kind", "类别", "全部类别", tuple((v, v) for v in KINDS)),
    ("severity", "核对结果", "不限", (("error", "有错误"), ("warning", "有警告"), ("info", "有提示"))),
    ("late", "发布期限", "不限", (("late", "逾期发布"), ("ontime", "按期发布"), ("unknown", "日期不详"))),
    ("table", "统计表", "不限", (("missing", "缺表"), ("image", "只有图片"), ("lacking", "缺表或只有图片"))),
    ("copied", "雷同", "不限", (("1", "与其他报告雷同"), ("0", "未发现雷同"))),
)
REGION_SELECTS = (("省级", "全国"), ("地级", "全部"), ("县级", "全部"))


def _select(key: str, label: str, everything: str, options: tuple[tuple[str, str], ...] = ()) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    return (f'<span class="nb-x-field"><label for="nb-x-{key}">{esc(label)}</label>'
            f'<select id="nb-x-{key}" data-filter="{key}"><option value="">{esc(everything)}</option>{opts}</select></span>')


def explorer_html(page: str = EXPLORER_MD, *, reports_csv: str | None = None) -> str:
    """The explorer's markup for a page at `page` (docs-relative), as one raw HTML block.
    `reports_csv`: the data package's reports.csv (docs-relative) for the no-script note."""
    root = posixpath.relpath(".", posixpath.dirname(page) or ".")
    assets = rel(page, "assets/explorer.js").rsplit("/", 1)[0]
    data = rel(page, f"{EXPLORER_DATA}/index.json")
    fallback = (f'不用脚本时，可以下载数据包中的 <a href="{esc(rel(page, reports_csv))}">reports.csv</a>：'
                "每份报告一行，含发布日期、逾期天数和核对结果条数。" if reports_csv else "")
    regions = "".join(
        f'<span class="nb-x-field"><label for="nb-x-r{i}">{label}</label><select id="nb-x-r{i}" data-depth="{i}"'
        f'{" disabled" if i else ""}><option value="">{everything}</option></select></span>'
        for i, (label, everything) in enumerate(REGION_SELECTS))
    filters = (regions + _select("year", "年度", "全部年度") + "".join(_select(*c) for c in CHOICES[:2])
               + _select("rule", "核对规则", "全部规则") + "".join(_select(*c) for c in CHOICES[2:]))
    head = "".join(f'<th scope="col" data-key="{key}"><button type="button" class="nb-x-sort">{esc(label)}'
                   '<span class="nb-x-arrow" aria-hidden="true"></span></button></th>' for key, label in COLUMNS)
    return (
        f'<div id="nb-explorer" class="nb-explorer" data-index="{esc(data)}" data-root="{esc(root)}" '
        f'data-shown="{SHOWN}" data-pagefind-ignore>'
        f'<link rel="stylesheet" href="{esc(assets)}/explorer.css">'
        f'<noscript><p class="nb-x-noscript">核对总览需要浏览器启用 JavaScript 才能筛选和排序。{fallback}</p></noscript>'
        '<div class="nb-x-ui" hidden>'
        f'<form class="nb-x-filters" id="nb-x-form" aria-label="筛选条件">{filters}'
        '<span class="nb-x-field nb-x-buttons"><button type="reset" id="nb-x-reset">清除筛选</button></span></form>'
        '<div class="nb-x-bar"><p id="nb-x-status" class="nb-x-status" role="status" aria-live="polite" aria-atomic="true">'
        '正在加载数据……</p><button type="button" id="nb-x-csv" disabled>下载当前视图（CSV）</button></div>'
        '<p id="nb-x-note" class="nb-note" hidden></p>'
        '<div class="nb-table-wrap"><table class="nb-list nb-x-table" id="nb-x-rows">'
        "<caption class=\"nb-sr\">核对总览：每份报告一行。列标题是排序按钮。</caption>"
        f'<thead><tr>{head}</tr></thead><tbody></tbody></table></div>'
        '<p class="nb-x-more-wrap"><button type="button" id="nb-x-more" hidden>显示更多</button></p>'
        "</div>"
        f'<script src="{esc(assets)}/explorer.js" defer></script>'
        "</div>"
    )


def explorer_page(has_data: bool = True) -> str:
    """explorer.md: the title, what the table shows, and the explorer."""
    out = ["---", f'title: "{TITLE}"', "hide: [navigation, toc]", "---", "", f"# {TITLE}", ""]
    out.append('<p class="nb-lead">每份已收录的年度报告一行：是否按期发布、核对发现的问题、统计表是否缺失或只以图片发布、'
               "与其他报告是否雷同。可按地区、层级、类别、年度、核对规则等筛选，点击列标题排序；筛选和排序都记在网址里，"
               "复制网址即可分享同一视图。“下载当前视图”把筛选出的全部报告存为 CSV 文件（Excel 可直接打开）。</p>")
    out.append("")
    out.append(explorer_html(EXPLORER_MD, reports_csv="data/reports.csv" if has_data else None))
    out.append("")
    out.append('<p class="nb-note">逾期天数：发布日期晚于法定期限的天数；发布日期不详时按落款日期计算，并注明“按落款日期”；'
               "两个日期都不详时为“日期不详”。错误、警告、提示是核对结果的条数，包括录入者已确认“原文如此”的问题"
               "（在核对规则一栏注明“已确认”）。统计表一栏列出原文缺少或只以图片发布的统计表。"
               "雷同度是与其他报告雷同的程度（规则 COPY-01），没有雷同时空白。</p>")
    return "\n".join(out) + "\n"
