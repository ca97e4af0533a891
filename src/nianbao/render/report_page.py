"""One report's page: facts, findings, the narrative sections and the tables in place."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import PARTY_ZH, PUBLISHER, RECORD, SEVERITY_ZH, Finding
from ..deadlines import DATED, Lateness
from ..model import Report
from ..paths import report_path
from ..vocabulary import MEDIA
from .corpus import Corpus, party_of, province_of, public_message, region_chain, region_name
from .escape import esc, external_link, md_inline, paragraphs_html, rel, safe_url
from .compare import comparisons
from .pages import agency_md, front, link, region_md, report_md, year_md
from .slots import Slots
from .copies import copies_section
from .tables import Marks, local_table_html, table_html

# Facts that read the same on every page stay out of the search index.
UNSEARCHED = {"格式", "发布期限", "来源", "数据下载", "数据源", "发布日期", "落款日期"}


@dataclass(frozen=True)
class SiteOptions:
    repo: str = ""  # https://github.com/owner/name, for source and edit links
    branch: str = "main"
    content_dir: str = "content"  # content/ relative to the repository root
    site_url: str = ""  # printed in front of download paths


def data_paths(report_id: str) -> tuple[str, str]:
    """Stable download paths of one report's data (written by nianbao.publish)."""
    return f"data/reports/{report_id}.json", f"data/reports/{report_id}.csv"


def source_path(r: Report, opts: SiteOptions) -> str:
    """The YAML file's path in the repository."""
    return report_path(opts.content_dir, r.division, r.agency_id.split("-", 1)[1], r.year).as_posix()


def repo_link(opts: SiteOptions, action: str, path: str) -> str | None:
    base = safe_url(opts.repo)
    return f"{base.rstrip('/')}/{action}/{opts.branch}/{path}" if base else None


def region_links(page: str, division: str) -> str:
    return " › ".join(link(page, region_md(c), region_name(c)) for c in region_chain(division))


def late_badge(late: Lateness) -> str:
    """Days late, saying when they come from the 落款日期 because the 发布日期 is unknown."""
    if late.days is None:
        return '<span class="nb-badge nb-unknown">发布日期不详</span>'
    by = "（按落款日期）" if late.basis == DATED else ""
    if late.days == 0:
        return f'<span class="nb-badge nb-ok">按期发布{by}</span>'
    return f'<span class="nb-badge nb-late">逾期 {late.days} 天{by}</span>'


def finding_item(n: int | None, f: Finding, page: str, table_label) -> str:
    # What our record still lacks is a to-do, not a fault with a severity.
    sev = "待补充" if party_of(f) == RECORD and not f.acknowledged else SEVERITY_ZH.get(f.severity, f.severity)
    cells = "、".join(table_label(c) for c in f.cells)
    ack = (f'<div class="nb-ack">已确认原文如此：{esc(f.note)}</div>' if f.acknowledged else "")
    anchor = f' id="finding-{n}"' if n is not None else ""
    num = f'<span class="nb-fnum">[{n}]</span> ' if n is not None else ""
    where = f'<div class="nb-fcells">涉及：{esc(cells)}</div>' if cells else ""
    css = f"nb-finding nb-{esc(f.severity)}" + (" nb-acknowledged" if f.acknowledged else "")
    return (f'<li class="{css}"{anchor}>{num}<span class="nb-sev">{esc(sev)}</span> '
            f'<a class="nb-rule" href="{esc(rel(page, "about/rules.md"))}#{esc(f.rule)}">{esc(f.rule)}</a> '
            f"{esc(public_message(f))}{where}{ack}</li>")


# Report fields that findings point at, as readers know them.
FIELD_ZH = {"source": "来源", "source.url": "原文网址", "source.archive": "存档网址", "source.retrieved": "获取日期",
            "published": "发布日期", "dated": "落款日期", "title": "标题", "preamble": "开头语", "notes": "录入说明",
            "signature": "落款单位", "index_no": "索引号", "doc_no": "文号", "year": "年度", "format": "格式"}


def cell_label_fn(r: Report):
    """A reader's name for a finding's cell id: a table cell, a whole table, a section or a field."""
    def label(cell_id: str) -> str:
        other, sep, local = cell_id.partition(":")
        if sep:  # a cell of another report (cross-year rules): "<report id>:<cell>"
            return f"{other}：{local}"
        parts = cell_id.split(".")
        if parts[0] in r.tables:
            t = r.tables[parts[0]].definition
            if len(parts) == 1:
                return f"表“{t.title}”"
            if len(parts) == 3:
                try:
                    return t.cell_label(parts[1], parts[2])
                except KeyError:
                    return cell_id
        if parts[0] == "sections" and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(r.sections):
            return f"“{r.sections[int(parts[1])].heading}”一节"
        return FIELD_ZH.get(cell_id, cell_id)
    return label


def _section_tables(r: Report) -> dict[int, list[str]]:
    """Which section each national table sits under: by its printed heading numeral."""
    placed: dict[int, list[str]] = {}
    for code, td in r.tables.items():
        numeral = td.definition.title.split("、", 1)[0]
        for i, s in enumerate(r.sections):
            if s.heading.strip().split("、", 1)[0] == numeral:
                placed.setdefault(i, []).append(code)
                break
    return placed


def render_report(r: Report, corpus: Corpus, opts: SiteOptions, slots: Slots) -> str:
    page = report_md(r)
    agency = corpus.agency_of(r)
    found = corpus.by_report.get(r.id, [])
    # The publisher's problems first, then ours; numbers run through both (the cells cite them).
    findings = [f for f in found if party_of(f) == PUBLISHER] + [f for f in found if party_of(f) == RECORD]
    numbered = list(enumerate(findings, 1))
    marks = Marks()
    for n, f in numbered:
        for c in f.cells:
            marks.by_cell.setdefault(c, []).append((n, f.acknowledged, public_message(f)))
    label = cell_label_fn(r)
    province = region_name(province_of(r.division))
    level = agency.level if agency else ""

    out = front(r.title, index=True)
    rows = [
        ("机构", link(page, agency_md(r.agency_id), agency.name if agency else r.agency_id)),
        ("地区", region_links(page, r.division)),
        ("层级", esc(f"{agency.level}　{agency.kind}" if agency else "")),
        ("年度", link(page, year_md(r.year), f"{r.year}年度")),
        ("格式", esc(r.format.title)),
        ("发布日期", (esc(r.published) + " " if r.published else "") + late_badge(corpus.lateness(r))),
        ("发布期限", esc(corpus.deadline_text(r))),
    ]
    if r.dated:
        rows.append(("落款日期", esc(r.dated)))
    for key, name in (("signature", "落款单位"), ("index_no", "索引号"), ("doc_no", "文号")):
        if r.meta.get(key):
            rows.append((name, esc(r.meta[key])))
    source = r.meta.get("source") or {}
    src_parts = []
    if safe_url(source.get("url")):
        src_parts.append(external_link(source.get("url"), "原文网址"))
    else:
        src_parts.append("原文网址不详")
    if safe_url(source.get("archive")):
        src_parts.append(external_link(source.get("archive"), "存档"))
    if source.get("medium"):
        src_parts.append(esc(f"原文形式：{MEDIA.get(source['medium'], source['medium'])}"))
    if source.get("retrieved"):
        src_parts.append(esc(f"获取于 {source['retrieved']}"))
    rows.append(("来源", "　".join(src_parts)))
    json_path, csv_path = data_paths(r.id)
    base = opts.site_url.rstrip("/") + "/" if safe_url(opts.site_url) else ""
    rows.append(("数据下载", f'{link(page, json_path, "JSON")}　{link(page, csv_path, "CSV")}'
                 f'<div class="nb-url"><code>{esc(base + json_path)}</code><br><code>{esc(base + csv_path)}</code></div>'))
    yaml_rel = source_path(r, opts)
    blob, edit = repo_link(opts, "blob", yaml_rel), repo_link(opts, "edit", yaml_rel)
    src_links = [external_link(blob, "YAML 源文件") if blob else esc(yaml_rel)]
    if edit:
        src_links.append(external_link(edit, "编辑此报告"))
    rows.append(("数据源", "　".join(src_links)))
    filters = (f'<span hidden data-pagefind-filter="province:{esc(province)}"></span>'
               f'<span hidden data-pagefind-filter="year:{r.year}"></span>'
               + (f'<span hidden data-pagefind-filter="level:{esc(level)}"></span>' if level else "")
               + '<span hidden data-pagefind-filter="type:年报"></span>')
    out.append(slots.put('<table class="nb-facts" data-report="' + esc(r.id) + '"><tbody>'
                         + "".join(f"<tr{' data-pagefind-ignore' if k in UNSEARCHED else ''}><th scope=\"row\">{k}</th><td>{v}</td></tr>"
                                   for k, v in rows)
                         + f"</tbody></table>{filters}"))
    out.append("")

    errors = sum(1 for f in findings if not f.acknowledged and f.severity == "error")
    warnings = sum(1 for f in findings if not f.acknowledged and f.severity == "warning")
    notices = sum(1 for f in findings if not f.acknowledged and f.severity == "info")
    acked = sum(1 for f in findings if f.acknowledged)
    out += ['<div id="findings"></div>', "", "## 核对结果", ""]
    if findings:
        out.append(f'<p class="nb-summary">错误 {errors} 项，警告 {warnings} 项，提示 {notices} 项，已确认原文如此 {acked} 项；'
                   "表中有标记的单元格即问题所在，编号对应下列各项。</p>")
        for party, intro in ((PUBLISHER, "发布机关公布的报告本身的问题：逾期、表内数字对不上、缺少章节、与其他报告雷同等。"),
                             (RECORD, "本站录入这份报告时尚未补齐或正在核对的地方，不是发布机关的问题。")):
            items = [(n, f) for n, f in numbered if party_of(f) == party]
            if items:
                # boilerplate on every page: kept out of the index, where it only adds noise
                out += [f"### {PARTY_ZH[party]}", "", f'<p class="nb-note" data-pagefind-ignore>{intro}</p>',
                        slots.put(f'<ol class="nb-findings" start="{items[0][0]}" data-pagefind-ignore>'
                                  + "".join(finding_item(n, f, page, label) for n, f in items) + "</ol>"), ""]
    else:
        out.append('<p class="nb-summary nb-clean">全部核对规则均通过。</p>')
    out.append("")
    out += copies_section(r, numbered, corpus, page, slots)  # COPY-01: the shared passages side by side

    if r.meta.get("preamble"):
        out += [paragraphs_html(r.meta["preamble"], "nb-preamble"), ""]
    placed = _section_tables(r)
    used: set[str] = set()
    legend = [any(td.status == "table" for td in r.tables.values()) or bool(r.local_tables)]

    def with_legend(html: str) -> str:
        """The key to the cell styles, once, right above the first table drawn."""
        if legend[0] and "nb-table-wrap" in html:
            legend[0] = False
            return LEGEND + html
        return html

    for i, s in enumerate(r.sections):
        out += [f"## {md_inline(s.heading) or '（无标题）'}", ""]
        if s.text.strip():
            out += [paragraphs_html(s.text), ""]
        elif not placed.get(i):
            out += ['<p class="nb-note">（原文此节没有内容。）</p>', ""]
        for code in placed.get(i, []):
            used.add(code)
            out += [slots.put(with_legend(table_html(r.tables[code], marks))), ""]
    rest = [c for c in r.tables if c not in used]
    if rest or r.local_tables:
        out += ["## 统计表", ""]
        for code in rest:
            out += [slots.put(with_legend(f'<p class="nb-local-title">{esc(r.tables[code].definition.title)}</p>'
                                          + table_html(r.tables[code], marks))), ""]
        for i, t in enumerate(r.local_tables):
            out += [slots.put(with_legend(local_table_html(i, t))), ""]
    out += [slots.put(x) if x.startswith("<") else x for x in comparisons(page, r, corpus)]
    if r.meta.get("notes"):
        out += ["## 录入说明", "", paragraphs_html(r.meta["notes"], "nb-notes"), ""]
    return "\n".join(out)


_LEGEND_ITEMS = (
    ('<span class="nb-c nb-num">0</span>', "零"),
    ('<span class="nb-c nb-blank"><span class="nb-sr">空白</span></span>', "原表空白（不是 0）"),
    ('<span class="nb-c nb-raw">/</span>', "原文不是数字，照录原文"),
    ('<span class="nb-c nb-hasraw">12</span>', "数值另有原文（悬停查看）"),
    ('<span class="nb-c nb-absent"><span class="nb-sr">未录入</span></span>', "本行未录入（如原表没有此行）"),
    ('<span class="nb-c nb-flag">5<sup class="nb-mark">1</sup></span>', "核对有问题（上标为问题编号）"),
    ('<span class="nb-c nb-flag-ack">5</span>', "已确认原文如此"),
)
LEGEND = ('<p class="nb-legend" data-pagefind-ignore>表中单元格：'
          + "".join(f'<span class="nb-li">{sample} {text}</span>' for sample, text in _LEGEND_ITEMS) + "</p>")
