"""League tables on the pages: the national comparison page (league.md) and the table of a
region's subdivisions on its page. Every count opens the explorer on the reports behind it."""
from __future__ import annotations

from ..findings import ERROR
from ..league import MIN_SHARE_BASE, League, Tally
from ..validate.arithmetic import IDENTITY
from ..numbers import shown
from ..vocabulary import KINDS, LEVELS
from .corpus import Corpus, region_name
from .escape import esc
from .explorer_link import explorer_href
from .report_page import front, link, region_md

LEAGUE_MD = "league.md"
# The explorer's rule filter takes several ids: the identities that are errors when they fail.
ARITHMETIC_ERRORS = ",".join(sorted(rid for rid, rule in IDENTITY.items() if rule.severity == ERROR))
HEAD = ("报告", "按期发布", "逾期天数中位数", "表内计算有误", "缺表或表格只有图片", "与其他报告雷同")
NOTE = (f'<p class="nb-note">每一格写明“份数/所据报告数”。所据报告不足 {MIN_SHARE_BASE} 份时只写份数、不算百分比，'
        "以免一两份报告被说成全部。按期发布只计发布日期或落款日期已知的报告；表内计算有误只计以表格发布了统计表的报告；"
        "缺表只计应有统计表的格式。逾期天数中位数只计逾期的报告。合计包括全部年度。点击数字可查看这些报告。</p>")


def _share(page: str, part: int, base: int, filters: dict) -> str:
    if not base:
        return '<td class="nb-num">—</td>'
    count = f'<a href="{esc(explorer_href(page, **filters))}">{part}</a>' if part else "0"
    if base < MIN_SHARE_BASE:
        return f'<td class="nb-num nb-small">{count}/{base}</td>'
    return f'<td class="nb-num">{100 * part / base:.0f}%<span class="nb-base">（{count}/{base}）</span></td>'


def _row(page: str, label: str, tally: Tally, scope: dict) -> str:
    med = tally.median_late
    late = len(tally.late_days)
    reports = f'<a href="{esc(explorer_href(page, **scope))}">{tally.reports}</a>'
    return (f"<tr><th scope=\"row\">{label}</th><td class=\"nb-num\">{reports}</td>"
            + _share(page, tally.on_time, tally.timed, {**scope, "late": "ontime"})
            + (f'<td class="nb-num">{shown(med)} 天<span class="nb-base">（{late} 份逾期）</span></td>' if med is not None
               else '<td class="nb-num">—</td>')
            + _share(page, tally.arithmetic, tally.tabled, {**scope, "rule": ARITHMETIC_ERRORS, "severity": "error"})
            + _share(page, tally.tables_lacking, tally.tables_due, {**scope, "table": "lacking"})
            + _share(page, tally.copied, tally.reports, {**scope, "copied": 1})
            + "</tr>")


def league_table(page: str, first: str, rows: list[tuple[str, Tally, dict]]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in (first, *HEAD))
    body = "".join(_row(page, label, tally, scope) for label, tally, scope in rows)
    return (f'<div class="nb-table-wrap" data-pagefind-ignore><table class="nb-list nb-league"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def region_league(page: str, code: str, corpus: Corpus, league: League) -> str:
    """The subdivisions of a region compared; '' when it has none with reports."""
    rows = [(link(page, region_md(c), region_name(c)), league.by_region[c], {"region": c})
            for c in corpus.children(code) if c in league.by_region]
    if not rows:
        return ""
    return league_table(page, "行政区", rows) + NOTE


def league_page(corpus: Corpus, league: League, slots) -> str:
    page = LEAGUE_MD
    out = front("各地比较")
    out += ["按省级行政区、机构层级和机构类别，比较已收录报告的按期发布、表内计算、统计表完整和雷同情况。"
            "市、县的比较见各地区页面。", ""]
    provinces = [(link(page, region_md(p), region_name(p)), league.by_region[p], {"region": p})
                 for p in corpus.provinces if p in league.by_region]
    out += ["## 按省级行政区", "", slots.put(league_table(page, "省级行政区", provinces)) if provinces else "<p>暂无。</p>", ""]
    levels = [(esc(lv), league.by_level[lv], {"level": lv}) for lv in LEVELS if lv in league.by_level]
    out += ["## 按机构层级", "", slots.put(league_table(page, "层级", levels)) if levels else "<p>暂无。</p>", ""]
    kinds = [(esc(k), league.by_kind[k], {"kind": k}) for k in KINDS if k in league.by_kind]
    out += ["## 按机构类别", "", slots.put(league_table(page, "类别", kinds)) if kinds else "<p>暂无。</p>", ""]
    out += [slots.put(league_table(page, "范围", [("全部已收录报告", league.national, {})])), NOTE, ""]
    return "\n".join(out) + "\n"
