"""Pages that list reports: agency, region, year, home. Charts are data attributes that
assets/nianbao.js draws with the vendored ECharts."""
from __future__ import annotations

import json

from ..findings import PUBLISHER, RECORD, SEVERITY_ZH
from ..model import Agency, Report
from ..numbers import shown
from .corpus import OUTCOME_GROUPS, Corpus, is_cross_report, party_of, parent_region, province_of, region_chain, region_name
from ..league import League
from .explorer_link import explorer_href
from .league import region_league
from .slots import Slots
from .escape import esc, external_link, rel
from .report_page import (agency_md, cell_label_fn, finding_item, front, late_badge, link, region_links, region_md,
                          report_md, year_md)

LATEST = 12  # rows in the home page's latest additions
# A year's outcome shares are shown only over at least this many requests: 1 refusal out of
# 1 request is not "不予公开 100%".
MIN_SHARE_TOTAL = 20


def chart(kind: str, data: dict, title: str) -> str:
    """A chart drawn by assets/nianbao.js, followed by its numbers as a table: the text
    alternative for screen readers, and what remains when scripts do not run."""
    payload = json.dumps({"kind": kind, "title": title, **data}, ensure_ascii=False, sort_keys=True)
    return (f'<div class="nb-chart" role="img" aria-label="{esc(title)}（数据见下表）" data-chart="{esc(payload)}"></div>'
            + chart_table(kind, data, title))


def _share(v: float | None, total: float) -> str:
    return "—" if v is None or not total else f"{100 * v / total:.1f}%"


def chart_table(kind: str, data: dict, title: str) -> str:
    series = data.get("series", [])
    head = "".join(f'<th scope="col">{esc(s["name"])}</th>' for s in series)
    rows = []
    behind = data.get("reports") or [None] * len(data.get("years", []))
    empty = set(data.get("empty", []))
    width = len(series) + (0 if kind == "shares" else 1)
    for i, year in enumerate(data.get("years", [])):
        values = [s["data"][i] for s in series]
        n = behind[i]
        if year in empty or n == 0:
            why = "本年度没有收录报告" if year in empty else "收录的报告没有可用的申请数据（表格缺失或只有图片）"
            cells = f'<td>0</td><td colspan="{width}" class="nb-muted">{why}</td>'
        elif kind == "shares":
            total = sum(v or 0 for v in values)
            if total < data.get("min_share", 1):
                cells = (f"<td>{n}</td><td colspan=\"{width}\" class=\"nb-muted\">只有 {_fmt(total)} 件申请，"
                         "样本过少，不计算占比</td>")
            else:
                cells = f"<td>{n}</td>" + "".join(f"<td>{_share(v, total)}</td>" for v in values)
        else:
            new = data.get("new", [None] * (i + 1))[i]
            cells = f"<td>{n if n is not None else '—'}</td><td>{_fmt(new)}</td>" + "".join(f"<td>{_fmt(v)}</td>" for v in values)
        legacy = "*" if year in data.get("legacy", []) else ""
        rows.append(f'<tr><th scope="row">{esc(year)}{legacy}</th>{cells}</tr>')
    first = '<th scope="col">所据报告</th>' + ("" if kind == "shares" else '<th scope="col">本年新收申请</th>')
    note = ('<p class="nb-note">* 按2014年版统计表的相近项目折算。</p>' if data.get("legacy") else "")
    return (f'<details class="nb-chart-data" data-pagefind-ignore><summary>{esc(title)}：数据表</summary>'
            f'<div class="nb-table-wrap"><table class="nb-list"><thead><tr><th scope="col">年度</th>{first}{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{note}</details>")


def _num(v: float | None) -> float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(float(v), 2)


def requests_series(reports: list[Report], corpus: Corpus) -> dict:
    """Per year: new requests and each outcome (summed over the reports given)."""
    present = {r.year for r in reports}
    years = list(range(min(present), max(present) + 1)) if present else []
    new = {y: None for y in years}
    outs = {code: {y: None for y in years} for code, _ in OUTCOME_GROUPS}
    behind = {y: 0 for y in years}  # reports whose table 三 feeds the year's figures
    legacy_years = set()
    for r in reports:
        q = corpus.requests.get(r.id)
        if q is None:
            continue
        behind[r.year] += 1
        if q.legacy:
            legacy_years.add(r.year)
        if q.new is not None:
            new[r.year] = (new[r.year] or 0) + q.new
        for code, v in q.outcomes.items():
            outs[code][r.year] = (outs[code][r.year] or 0) + v
    return {
        "years": [str(y) for y in years],
        "new": [_num(new[y]) for y in years],
        "series": [{"name": label, "data": [_num(outs[code][y]) for y in years]} for code, label in OUTCOME_GROUPS],
        "legacy": [str(y) for y in sorted(legacy_years)],
        "reports": [behind[y] for y in years],
        "empty": [str(y) for y in years if y not in present],
        "min_share": MIN_SHARE_TOTAL,
    }


def finding_counts(corpus: Corpus, r: Report, page: str) -> str:
    """Badges for a report's open findings, the publisher's and ours apart; each opens the
    report's findings."""
    fs = corpus.by_report.get(r.id, [])
    target = esc(rel(page, report_md(r)) + "#findings")
    parts = []
    for sev in ("error", "warning"):
        n = sum(1 for f in fs if f.severity == sev and not f.acknowledged and party_of(f) == PUBLISHER)
        if n:
            parts.append(f'<a class="nb-badge nb-{sev}" href="{target}">{SEVERITY_ZH[sev]} {n}</a>')
    n = sum(1 for f in fs if party_of(f) == RECORD and not f.acknowledged and f.severity != "info")
    if n:
        parts.append(f'<a class="nb-badge nb-todo" href="{target}">本站待补 {n}</a>')
    n = sum(1 for f in fs if f.acknowledged)
    if n:
        parts.append(f'<a class="nb-badge nb-ackd" href="{target}">已确认 {n}</a>')
    return " ".join(parts) or '<span class="nb-badge nb-ok">通过</span>'


def agency_page(agency: Agency, corpus: Corpus, slots: Slots) -> str:
    page = agency_md(agency.id)
    reports = corpus.by_agency.get(agency.id, [])
    out = front(agency.name, index=True)
    facts = [("地区", region_links(page, agency.division)), ("层级", esc(agency.level)), ("类别", esc(agency.kind))]
    if agency.website:
        facts.append(("网站", external_link(agency.website, agency.website)))
    if agency.aliases:
        facts.append(("曾用名", esc("、".join(agency.aliases))))
    years = "、".join(str(r.year) for r in reports) or "尚无"
    facts.append(("已收录年度", esc(years)))
    province = region_name(province_of(agency.division))
    out.append('<table class="nb-facts"><tbody>' + "".join(f"<tr><th scope=row>{k}</th><td>{v}</td></tr>" for k, v in facts)
               + f'</tbody></table><span hidden data-pagefind-filter="province:{esc(province)}"></span>'
               f'<span hidden data-pagefind-filter="level:{esc(agency.level)}"></span>'
               '<span hidden data-pagefind-filter="type:机构"></span>')
    out += ["", "## 各年度报告", ""]
    if reports:
        body = "".join(
            f"<tr><td>{link(page, year_md(r.year), r.year)}</td><td>{link(page, report_md(r), r.title)}</td>"
            f"<td>{esc(r.published or '—')}</td><td>{late_badge(corpus.lateness(r))}</td>"
            f"<td>{esc(_fmt(corpus.requests.get(r.id) and corpus.requests[r.id].new))}</td>"
            f"<td>{finding_counts(corpus, r, page)}</td></tr>" for r in reversed(reports))
        out.append(slots.put('<div class="nb-table-wrap" data-pagefind-ignore><table class="nb-list"><thead><tr><th scope=col>年度</th><th scope=col>报告</th><th scope=col>发布日期</th>'
                             f"<th scope=col>期限</th><th scope=col>新收申请</th><th scope=col>核对</th></tr></thead><tbody>{body}</tbody></table></div>"))
    else:
        out.append("<p>尚未收录该机构的报告。</p>")
    series = requests_series(reports, corpus)
    if any(v is not None for v in series["new"]):
        out += ["", "## 依申请公开：历年申请与办理结果", "",
                slots.put(chart("requests", series, f"{agency.name}：新收申请与办理结果")),
                '<p class="nb-note">柱为各类办理结果（件），折线为本年新收申请（件）。'
                "2018年及以前的报告按2014年版统计表的相近项目折算，仅供对照。</p>"]
    cross = [(r, f) for r in reports for f in corpus.by_report.get(r.id, []) if is_cross_report(f)]
    out += ["", "## 跨年度核对", ""]
    if cross:
        out.append(slots.put('<ul class="nb-findings" data-pagefind-ignore>' + "".join(
            finding_item(None, f, page, cell_label_fn(r)).replace("<li ", f'<li data-year="{r.year}" ', 1)
            for r, f in cross) + "</ul>"))
    else:
        out.append("<p>跨年度规则未发现问题。</p>")
    return "\n".join(out) + "\n"


def _fmt(v) -> str:
    return "—" if v is None else shown(v)


def coverage_table(page: str, rows: list[tuple[str, str, dict[int, int]]], years: list[int],
                   header: str) -> str:
    """Rows of (target page, label, year -> count); cells show how many reports a year has.
    A region's counts open its reports of that year in the explorer."""
    if not rows or not years:
        return "<p>暂无。</p>"
    head = "".join(f"<th scope=col>{y}</th>" for y in years)
    body = []
    for target, label, counts in rows:
        region = target[len("regions/"):-3] if target.startswith("regions/") and target != "regions/index.md" else None

        def cell(y: int) -> str:
            n = counts.get(y)
            if not n:
                return '<td class="nb-cov"></td>'
            shown_n = f'<a href="{esc(explorer_href(page, region=region, year=y))}">{n}</a>' if region else str(n)
            return f'<td class="nb-cov nb-has">{shown_n}</td>'

        body.append(f"<tr><th scope=row>{link(page, target, label)}</th>{''.join(cell(y) for y in years)}</tr>")
    return (f'<div class="nb-table-wrap"><table class="nb-coverage"><thead><tr><th scope=col>{esc(header)}</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _counts(corpus: Corpus, agency_ids: list[str]) -> dict[int, int]:
    out: dict[int, int] = {}
    for a in agency_ids:
        for r in corpus.by_agency.get(a, []):
            out[r.year] = out.get(r.year, 0) + 1
    return out


def region_page(code: str, corpus: Corpus, slots: Slots, league: League | None = None) -> str:
    page = region_md(code)
    name = region_name(code)
    out = front(name if name != code else f"行政区划 {code}")
    chain = region_chain(code)[:-1] if parent_region(code) else []
    crumbs = " › ".join([link(page, "regions/index.md", "全国")] + [link(page, region_md(c), region_name(c)) for c in chain])
    out += [f'<p class="nb-crumbs">{crumbs}　行政区划代码 {esc(code)}</p>', ""]
    years = corpus.year_span
    children = corpus.children(code)
    if children:
        rows = [(region_md(c), region_name(c), _counts(corpus, corpus.agencies_under(c))) for c in children]
        out += ["## 下级行政区", "", slots.put(coverage_table(page, rows, years, "行政区")), ""]
        compared = region_league(page, code, corpus, league) if league is not None else ""
        if compared:
            out += ["## 下级行政区比较", "", slots.put(compared), ""]
    here = corpus.agencies_in.get(code, [])
    if here:
        rows = [(agency_md(a), corpus.agencies[a].name if a in corpus.agencies else a, _counts(corpus, [a]))
                for a in sorted(here, key=lambda a: (corpus.agencies[a].name if a in corpus.agencies else a))]
        out += ["## 本级机构", "", slots.put(coverage_table(page, rows, years, "机构")), ""]
    out.append('<p class="nb-note">表中数字为已收录的报告份数；空格表示该年度尚未收录。</p>')
    return "\n".join(out) + "\n"


def regions_index(corpus: Corpus) -> str:
    page = "regions/index.md"
    out = front("各地区")
    rows = [(region_md(p), region_name(p), _counts(corpus, corpus.agencies_under(p))) for p in corpus.provinces]
    out += ["按省级行政区查看已收录的机构与年度。", "", coverage_table(page, rows, corpus.year_span, "省级行政区")]
    return "\n".join(out) + "\n"


def year_page(year: int, corpus: Corpus, slots: Slots) -> str:
    page = year_md(year)
    reports = sorted(corpus.by_year.get(year, []), key=lambda r: (r.division, r.agency_id))
    out = front(f"{year}年度报告")
    out += [f"已收录 {len(reports)} 份 {year} 年度的报告。", "", _year_summary(page, year, reports, corpus), ""]
    body = []
    for r in reports:
        a = corpus.agency_of(r)
        body.append(f"<tr><td>{region_links(page, r.division)}</td><td>{link(page, report_md(r), a.name if a else r.agency_id)}</td>"
                    f"<td>{esc(r.published or '—')}</td><td>{late_badge(corpus.lateness(r))}</td>"
                    f"<td>{finding_counts(corpus, r, page)}</td></tr>")
    out.append(slots.put('<div class="nb-table-wrap"><table class="nb-list"><thead><tr><th scope=col>地区</th><th scope=col>机构</th><th scope=col>发布日期</th><th scope=col>期限</th>'
                         f"<th scope=col>核对</th></tr></thead><tbody>{''.join(body)}</tbody></table></div>"))
    return "\n".join(out) + "\n"


def _year_summary(page: str, year: int, reports: list[Report], corpus: Corpus) -> str:
    """The year's reports counted by what a reader asks first; each count opens those reports
    in the explorer."""
    lates = [corpus.lateness(r) for r in reports]
    counts = [
        ("逾期发布", sum(1 for x in lates if x.days), {"late": "late"}),
        ("发布日期不详", sum(1 for x in lates if x.days is None), {"late": "unknown"}),
        ("有错误", sum(1 for r in reports if any(f.severity == "error" and party_of(f) == PUBLISHER
                                                 for f in corpus.by_report.get(r.id, []))), {"severity": "error"}),
        ("缺表或表格只有图片", sum(1 for r in reports if any(t.status != "table" for t in r.tables.values())),
         {"table": "lacking"}),
    ]
    parts = [f'<a href="{esc(explorer_href(page, year=year, **f))}">{label} {n} 份</a>' if n else f"{label} 0 份"
             for label, n, f in counts]
    return (f'<p class="nb-year-summary">{"　".join(parts)}　'
            f'<a href="{esc(explorer_href(page, year=year))}">在核对总览中查看本年度全部报告</a></p>')


def years_index(corpus: Corpus) -> str:
    page = "years/index.md"
    out = front("各年度")
    items = "".join(f"<li>{link(page, year_md(y), f'{y}年度')}（{len(corpus.by_year[y])} 份）</li>"
                    for y in reversed(corpus.years))
    out.append(f'<ul class="nb-years">{items}</ul>')
    return "\n".join(out) + "\n"


def home_page(corpus: Corpus, slots: Slots) -> str:
    page = "index.md"
    out = ["---", 'title: "首页"', "hide: [navigation]", "---", "", "# 政府信息公开工作年度报告开放数据", ""]
    out.append('<p class="nb-lead">依照《中华人民共和国政府信息公开条例》，各级行政机关每年公布上一年度的政府信息公开工作年度报告。'
               "本站把这些报告逐份录入为结构化数据：保留原文的章节与统计表，按全国统一格式核对表内勾稽关系与跨年度数据，"
               "并公开全部数据、核对规则与录入文件，供公众查阅、引用和纠错。</p>")
    agencies_with = sum(1 for a in corpus.by_agency if corpus.by_agency[a])
    years = corpus.year_span
    span = f"{years[0]}—{years[-1]}" if years else "—"
    provinces = corpus.provinces
    stats = [("报告", len(corpus.reports)), ("机构", agencies_with), ("省级行政区", len(provinces)), ("年度", span)]
    out.append('<div class="nb-stats">' + "".join(
        f'<div class="nb-stat"><span class="nb-stat-n">{esc(v)}</span><span class="nb-stat-l">{esc(k)}</span></div>'
        for k, v in stats) + "</div>")
    out.append(f'<p class="nb-explorer-link"><a href="{esc(explorer_href(page))}">核对总览</a>：每份报告是否按期发布、'
               "核对发现的问题、统计表是否缺失、与其他报告是否雷同，可按地区、年度、规则等筛选和排序，并下载为 CSV。</p>")
    out += ["", "## 已收录报告的依申请公开情况", ""]
    series = requests_series(list(corpus.reports.values()), corpus)
    n = sum(series["reports"])
    out.append(slots.put(chart("requests", series, f"已收录的 {n} 份报告合计：新收申请与办理结果")))
    out.append(slots.put(chart("shares", series, "办理结果构成（占比）")))
    out.append(f'<p class="nb-note">这是已收录的 {n} 份报告之和，不是全国总数：每年所据的报告份数见数据表，'
               "一个地区的报告多，合计就主要反映这个地区。申请少于 "
               f"{MIN_SHARE_TOTAL} 件的年度不计算占比；没有收录报告的年度留空并注明。"
               "2018年及以前按2014年版统计表的相近项目折算。</p>")
    out += ["", "## 收录情况", ""]
    rows = [(region_md(p), region_name(p), _counts(corpus, corpus.agencies_under(p))) for p in provinces]
    out.append(slots.put(coverage_table(page, rows, years, "地区 \\ 年度")))
    out += ["", "## 最近收录", ""]

    def added(r: Report) -> tuple:
        src = r.meta.get("source") or {}
        return (src.get("retrieved") or r.published or "", r.id)

    latest = sorted(corpus.reports.values(), key=added, reverse=True)[:LATEST]
    items = "".join(f"<li>{link(page, report_md(r), r.title)} <span class=\"nb-muted\">{esc(added(r)[0])}</span></li>"
                    for r in latest)
    out.append(slots.put(f'<ul class="nb-latest">{items}</ul>'))
    return "\n".join(out) + "\n"
