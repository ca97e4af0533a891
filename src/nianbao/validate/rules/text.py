"""Rules on the narrative: numbers against the tables, the sections people skip, and text
that is not the report at all (spam injected by hacked mirrors).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator
from urllib.parse import urlsplit

from ...findings import ERROR, PUBLISHER, STAGE_REPORT, WARNING, Check, Finding, Rule
from ...model import Agency, Report
from ...numbers import shown
from ...vocabulary import GOVERNMENT
from .narrative import QUANTITY_ZH, extract, fold_width
from .sections import section_numeral

R_TEXT_TABLE = Rule("TXT-01", WARNING, STAGE_REPORT, "正文数字与表格不一致",
                    "{where}写“{quote}”，即{what} {stated} 件，而{cell_desc}为 {table}，相差 {diff}。"
                    "若正文说的是另一范围（如全县各级行政机关而非本机关），或原文确实如此，请在 acknowledged 中说明。",
                    party=PUBLISHER, public="{part}写“{quote}”，即{what} {stated} 件，而{cell_desc}为 {table}，相差 {diff}。",
                    formula="正文所述的新收、上年结转、办结、结转下年度申请数，行政复议数，行政诉讼数（= 未经复议直接起诉 + 复议后起诉）"
                            "与表三、表四（旧格式为统计表三、四、五项）的总计一致；正文说的是全地区各级机关而报告机构不是人民政府时不比较")
R_EMPTY_PROBLEMS = Rule("TXT-02", WARNING, STAGE_REPORT, "“存在的主要问题及改进情况”为空",
                        "第五节“{heading}”{detail}。条例第五十条要求报告主要问题和改进情况；若原文确实如此，请在 acknowledged 中确认。",
                        party=PUBLISHER, public="第五节“{heading}”{detail}，而条例第五十条要求报告主要问题和改进情况。",
                        formula="第五节正文不为空，且不只是“无”")
R_FEE_TEXT = Rule("TXT-03", WARNING, STAGE_REPORT, "收取信息处理费却未在第六节说明",
                  "{cell} 为 {value}（因逾期未缴纳信息处理费而不再处理的申请），而第六节没有提到“信息处理费”。"
                  "收取信息处理费的情况应在“六、其他需要报告的事项”中说明；注意它与表二的行政事业性收费不是一回事。",
                  formula="三（六）2 × 总计 > 0 时，第六节应提到“信息处理费”", party=PUBLISHER)
R_INJECTED = Rule("SAFE-01", ERROR, STAGE_REPORT, "正文中有与年报无关的内容",
                  "{where}出现{category}“{match}”（上下文：…{context}…）。这类内容常由被篡改的镜像网站注入，不是报告原文；"
                  "请对照发布机关网站上的原文删去，并在 notes 中说明。",
                  party=PUBLISHER, public="{part}出现{category}“{match}”（上下文：…{context}…），这类内容常由被篡改的网站注入，不是报告本身的内容。",
                  formula="标题、开头说明、正文和落款中不得出现赌博、色情、广告用语，也不得链接到既非政府网站（.gov.cn）也非发布机关自己网站的地址")

# ---- SAFE-01: the vocabulary of injected spam, as data --------------------------------------
# (anchor, pattern, category). Patterns are specific phrases: a public-security report may well
# speak of 打击赌博 or 扫黄打非, so bare words like 赌博 or 色情 are not listed. The anchor is a
# lower-case literal every match contains; the pattern runs only where an anchor occurs, which
# keeps this check cheap on the many reports that have none.
SPAM_TERMS: tuple[tuple[str, str, str], ...] = (
    ("麻将胡了", "麻将胡了", "赌博游戏广告"),
    ("pg", "PG(?:电子|模拟器|娱乐|官网)", "赌博游戏广告"),
    ("赏金船长", "赏金船长", "赌博游戏广告"),
    ("娱乐城", "娱乐城", "赌博网站广告"),
    ("棋牌", "棋牌(?!室|协会|比赛|运动|类体育)", "赌博网站广告"),
    ("博彩", "博彩", "赌博网站广告"),
    ("彩票平台", "彩票平台", "赌博网站广告"),
    ("真人视讯", "真人视讯", "赌博网站广告"),
    ("百家乐", "百家乐", "赌博网站广告"),
    ("老虎机", "老虎机", "赌博网站广告"),
    ("电子游艺", "电子游艺", "赌博网站广告"),
    ("投注", "体育投注|投注平台", "赌博网站广告"),
    ("澳门", "澳门(?:娱乐|赌场|官网|新葡京)", "赌博网站广告"),
    ("威尼斯人", "威尼斯人(?:娱乐|官网)", "赌博网站广告"),
    ("bet365", "bet365", "赌博网站广告"),
    ("开云", "开云(?:体育|app|官网)", "赌博网站广告"),
    ("体育", "华体会|九游会|乐鱼体育|爱游戏体育|米乐体育|亚博体育", "赌博网站广告"),
    ("首充", "首充(?:送|赠)", "赌博网站广告"),
    ("注册", "注册(?:即)?送(?:彩金|[0-9]+元)", "赌博网站广告"),
    ("试玩", "试玩", "赌博网站广告"),
    ("下载", "(?:最新)?官方版下载|(?:手机版|安卓版|苹果版|ios版)下载", "下载广告"),
    ("官", "(?:官网|官方网站)(?:入口|登录|下载)", "下载广告"),
    ("成人", "成人(?:视频|影院|网站|直播)", "色情广告"),
    ("视频", "(?:福利|午夜|激情)视频", "色情广告"),
    ("影院", "(?:福利|午夜|激情)影院", "色情广告"),
    ("裸聊", "裸聊", "色情广告"),
    ("约炮", "约炮", "色情广告"),
    ("一夜情", "一夜情", "色情广告"),
    ("发票", "(?:代开|代办)发票", "违法广告"),
)
_SPAM_ANCHOR = re.compile("|".join(sorted({re.escape(a) for a, _, _ in SPAM_TERMS})))
_SPAM = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p, _) in enumerate(SPAM_TERMS)), re.IGNORECASE)

# Hosts a narrative may link to besides the publisher's own: government and a few official media.
OFFICIAL_HOST_SUFFIXES: tuple[str, ...] = (
    "gov.cn", "gov", "xinhuanet.com", "news.cn", "people.com.cn", "cctv.com", "12371.cn", "chinacourt.org",
)
_TLDS = r"(?:com|cn|net|org|top|xyz|vip|cc|info|io|me|app|tv|co|hk|tw|asia|club|site|online|shop|bet|win|live|fun|pro|biz)"
_URL = re.compile(
    r"(?<![@\w.-])(?:(?P<scheme>https?)://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:[a-z]{2,}))(?::[0-9]+)?(?P<path>/[^\s，。；、）)\]】」'\"<>]*)?",
    re.IGNORECASE)
_TLD_END = re.compile(r"\." + _TLDS + r"$", re.IGNORECASE)


def _host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _site(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _allowed(host: str, own: set[str]) -> bool:
    h = host.lower().rstrip(".")
    if any(h == s or h.endswith("." + s) for s in OFFICIAL_HOST_SUFFIXES):
        return True
    return any(h == o or h.endswith("." + o) for o in own)


# ---- where a narrative lives in the YAML ----------------------------------------------------
def narratives(report: Report) -> Iterator[tuple[tuple, str, str]]:
    """(YAML key path, Chinese name, text) of every narrative field."""
    for key, zh in (("title", "标题"), ("preamble", "开头说明"), ("signature", "落款")):
        value = report.meta.get(key)
        if isinstance(value, str) and value:
            yield (key,), zh, value
    for i, s in enumerate(report.sections):
        if s.text:
            yield ("sections", i, "text"), f"第{section_numeral(s.heading) or i + 1}节", s.text


_BLOCK_INDICATOR = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")


def text_line(report: Report, keys: tuple, text: str, offset: int) -> int | None:
    """The file line of character `offset` of the narrative at `keys`."""
    start = report.doc.line(*keys)
    if start is None:
        return None
    lines = report.doc.text.splitlines()
    first = lines[start - 1] if 0 < start <= len(lines) else ""
    block = 1 if _BLOCK_INDICATOR.search(first) else 0
    return start + block + text.count("\n", 0, offset)


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    return text[max(0, start - width):end + width].replace("\n", " ")


# ---- SAFE-01 --------------------------------------------------------------------------------
def check_injected(report: Report, agency: Agency | None = None) -> list[Finding]:
    own = {_site(h) for h in (_host_of(report.meta.get("source", {}).get("url")),
                              _host_of(agency.website if agency else None)) if h}
    out: list[Finding] = []
    for keys, zh, text in narratives(report):
        norm = fold_width(text)  # full-width letters and digits: same length, offsets stay valid
        for start, end, categories in _spam_runs(norm):
            out.append(_injected(report, keys, zh, text, start, end, "、".join(categories), text[start:end]))
        if "." not in norm:
            continue
        for m in _URL.finditer(norm):
            host = m.group("host")
            if not m.group("scheme") and not host.lower().startswith("www.") and not _TLD_END.search(host):
                continue  # "3.5", "report.pdf": not a web address
            if _allowed(host, own):
                continue
            out.append(_injected(report, keys, zh, text, m.start(), m.end(),
                                 f"指向非政府网站 {host.lower()} 的链接", m.group(0)))
    return out


def _spam_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Spam matches, adjacent ones merged: 麻将胡了最新官方版下载 is one injection, not two."""
    runs: list[tuple[int, int, list[str]]] = []
    if not _SPAM_ANCHOR.search(text.lower()):
        return runs
    for m in _SPAM.finditer(text):
        category = SPAM_TERMS[int(m.lastgroup[1:])][2]
        if runs and m.start() - runs[-1][1] <= 2:
            start, _, cats = runs[-1]
            runs[-1] = (start, m.end(), cats + [category] if category not in cats else cats)
        else:
            runs.append((m.start(), m.end(), [category]))
    return runs


def _injected(report: Report, keys: tuple, zh: str, text: str, start: int, end: int, category: str,
              match: str) -> Finding:
    line = text_line(report, keys, text, start)
    return R_INJECTED.finding(report.path, line, cells=(".".join(map(str, keys)),),
                              where=f"{zh}（第 {line} 行）", part=zh, category=category, match=match,
                              context=_context(text, start, end))


# ---- TXT-01 ----------------------------------------------------------------------------------
# What the narrative restates is declared in the formats (Row.restates): the sum of those rows'
# totals (their last column) in the report's tables.
def _table_value(report: Report, quantity: str) -> tuple[float | None, str, tuple[str, ...]]:
    """(value, printed description, cell ids) of what the narrative restates; value None if unknown."""
    for code, table in report.tables.items():
        if table.status != "table":
            continue
        d = table.definition
        parts = [(r.code, r.columns[-1].code) for r in d.rows_restating(quantity)]
        if not parts or not all(r in table.rows for r, _ in parts):
            continue
        values = [table.value(r, c) for r, c in parts]
        desc = "表中“" + " + ".join(d.cell_label(r, c) for r, c in parts) + "”"
        ids = tuple(f"{code}.{r}.{c}" for r, c in parts)
        if any(v is None for v in values):
            return None, desc, ids
        return sum(values), desc, ids
    return None, "", ()


def check_narrative_numbers(report: Report, agency: Agency | None = None) -> list[Finding]:
    """TXT-01: numbers the narrative states agree with the tables."""
    if not report.tables:
        return []
    whole_government = agency is not None and agency.kind == GOVERNMENT
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for keys, zh, text in narratives(report):
        if keys[0] == "title":
            continue
        for m in extract(text, report.year):
            if m.wide_scope and not whole_government:
                continue  # a department quoting the whole region's figures
            value, desc, ids = _table_value(report, m.quantity)
            if value is None or value == m.value or (m.quantity, m.value) in seen:
                continue
            seen.add((m.quantity, m.value))
            line = text_line(report, keys, text, m.start)
            out.append(R_TEXT_TABLE.finding(
                report.path, line, cells=ids, where=f"{zh}（第 {line} 行）", part=zh, quote=m.quote,
                what=QUANTITY_ZH[m.quantity], stated=m.value, cell_desc=desc, table=shown(value),
                diff=shown(abs(value - m.value))))
    return out


# ---- TXT-02, TXT-03 -------------------------------------------------------------------------
_EMPTY_MARKS = re.compile(r"[\s。．.，,；;：:、！!（）()“”\"'—-]+")


def check_problems_section(report: Report, agency: Agency | None = None) -> list[Finding]:
    if not report.format.sections:
        return []
    for i, s in enumerate(report.sections):
        if section_numeral(s.heading) != "五":
            continue
        if len(s.text) > 40:
            return []  # longer than any way of saying nothing
        bare = _EMPTY_MARKS.sub("", unicodedata.normalize("NFKC", s.text))
        if bare in ("", "无", "暂无", "没有", "本年度无", "无存在的主要问题"):
            detail = "为空" if not bare else f"只写了“{s.text.strip()}”"
            return [R_EMPTY_PROBLEMS.finding(report.path, report.doc.line("sections", i, "text"),
                                             cells=(f"sections.{i}",), heading=s.heading, detail=detail)]
    return []


def check_fee_mentioned(report: Report, agency: Agency | None = None) -> list[Finding]:
    """TXT-03: a cell the format says must be explained in a section (Table.mentions)."""
    out: list[Finding] = []
    for code, table in report.tables.items():
        if table.status != "table":
            continue
        for m in table.definition.mentions:
            cells = table.rows.get(m.row)
            if cells is None:
                continue
            value = table.value(m.row, m.column)
            if value is None and m.column == table.definition.row(m.row).columns[-1].code:
                value = sum(c.value for c in cells[:-1] if c.value is not None)  # a blank total: its parts
            if not value:
                continue
            sections = [s for s in report.sections if section_numeral(s.heading) == m.section]
            if any(m.phrase in s.text or m.phrase in s.heading for s in sections):
                continue
            out.append(R_FEE_TEXT.finding(report.path, report.row_line(code, m.row),
                                          cells=(f"{code}.{m.row}.{m.column}",),
                                          cell=table.definition.cell_label(m.row, m.column), value=shown(value)))
    return out


TEXT_CHECKS = (
    Check(check_injected, (R_INJECTED,)),
    Check(check_narrative_numbers, (R_TEXT_TABLE,)),
    Check(check_problems_section, (R_EMPTY_PROBLEMS,)),
    Check(check_fee_mentioned, (R_FEE_TEXT,)),
)
