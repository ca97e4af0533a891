"""A synthetic corpus: many realistic reports, consistent by default, for benchmarks and tests.

`generate_corpus(n, out)` writes `n` reports of every format (each year's expected one, and a
few local ones) for agencies in real administrative divisions, each agency over consecutive
years so that the cross-year rules have work to do. The tables are solved from the identities
the formats declare (generate_tables.py), so all of them hold and every year carries over into
the next, unless `error_rate` asks for injected single-cell errors; those are listed in the
returned summary and in `injected-errors.json`; `copy_rate` asks for copied narratives (雷同),
listed in `injected-copies.json`. Honest narratives are each agency's own (see _Prose). Same
arguments, same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import deadlines, regions
from .formats import FORMATS, expected_format
from .formats.base import CARRIED, FORWARD, HANDLED, LEGACY, LITIGATION, LOCAL, NEW, REVIEW, Format
from .generate_tables import Values, error_cells, fill, restated, rows_of
from .paths import agency_path, report_path
from .write import dump_agency, dump_report

LAST_YEAR = 2024
MANIFEST = "injected-errors.json"
COPIES_MANIFEST = "injected-copies.json"  # written when copy_rate is set
_DONORS = 64  # reports of other agencies a same-year copy may take from, per year

# (slug, name after the place name, kind)
DEPARTMENTS = (
    ("zfb", "人民政府办公室", "政府部门"), ("fgj", "发展和改革局", "政府部门"), ("jyj", "教育局", "政府部门"),
    ("gaj", "公安局", "政府部门"), ("mzj", "民政局", "政府部门"), ("czj", "财政局", "政府部门"),
    ("rsj", "人力资源和社会保障局", "政府部门"), ("zrzyj", "自然资源局", "政府部门"),
    ("zjj", "住房和城乡建设局", "政府部门"), ("jtj", "交通运输局", "政府部门"), ("slj", "水利局", "政府部门"),
    ("nyncj", "农业农村局", "政府部门"), ("swj", "商务局", "政府部门"), ("wlj", "文化广电旅游局", "政府部门"),
    ("wjj", "卫生健康局", "政府部门"), ("yjj", "应急管理局", "政府部门"), ("scjgj", "市场监督管理局", "政府部门"),
    ("tjj", "统计局", "政府部门"), ("ybj", "医疗保障局", "政府部门"), ("spj", "行政审批服务局", "政府部门"),
    ("gjjzx", "住房公积金管理中心", "法律法规授权组织"),
)
TOWN_CHARS = "安宝城大东丰凤福高河和红华黄江金靖乐临龙马明南宁平青清庆仁山上石双太桃天田通王文西溪新兴阳永玉元云长中"

# ---- prose ------------------------------------------------------------------------------------
# The filler reads like a report and is each agency's own, as real reports are: sentences are put
# together from short parts drawn from long lists, with the agency's own names, places and
# projects, so that two honest reports share phrases but not passages (COPY-01 must not fire on
# them). It has no digits and none of the words the narrative rules read (申请, 复议, 诉讼).
_OPENERS = ("", "", "", "今年以来，", "本年度，", "过去一年，", "年内，", "报告期内，", "一年来，", "同时，", "此外，",
            "在此基础上，", "按照上级部署，", "对照年度工作要点，", "结合工作实际，", "围绕年度目标，", "针对群众关切，")
_VERBS = ("坚持", "深入推进", "持续完善", "认真落实", "扎实推进", "不断健全", "积极探索", "全面加强", "进一步规范", "统筹做好",
          "着力抓好", "大力推进", "稳步推进", "切实加强", "持续深化", "认真开展", "精心组织", "细化落实", "严格执行", "全力做好",
          "有序推进", "重点抓好", "主动做好", "不断优化", "加快推进", "用心做好", "逐步完善", "认真梳理", "全面落实", "持续抓好")
_DOMAINS = ("财政预决算", "重大建设项目", "公共资源配置", "社会公益事业", "义务教育", "医疗卫生", "生态环境", "食品安全",
            "乡村振兴", "安全生产", "就业创业", "住房保障", "养老服务", "交通运输", "国土空间规划", "农业农村", "市场监管",
            "营商环境", "行政执法", "权责清单", "减税降费", "民生实事", "政府采购", "防汛抗旱", "文化旅游", "社会救助",
            "城市管理", "应急管理", "河湖管护", "人居环境整治", "医疗保障", "退役军人服务", "招商引资", "项目审批", "国有资产",
            "统计数据", "政府债务", "惠农补贴", "教育收费", "征地补偿")
_THINGS = ("信息公开", "公开目录", "政策解读", "专栏建设", "信息发布", "公开清单", "审核把关", "动态更新", "标准指引", "数据开放",
           "公开规范", "栏目维护", "材料归集", "制度建设", "公开流程", "办事指南", "信息报送", "平台管理", "内容保障", "要素公开",
           "事项梳理", "回应关切", "公开质量", "工作台账", "考核评议")
_ACTS = ("及时发布", "集中公开", "逐项梳理", "定期更新", "规范发布", "同步解读", "全程公开", "分类整理", "主动推送", "动态调整",
         "专题发布", "按季度公开", "逐条核对", "统一归集", "在线发布", "汇总公布", "如实公开", "滚动更新", "分批公开", "跟踪公开")
_OBJS = ("相关政策文件", "工作动态", "办事流程", "资金使用情况", "项目进展", "执行情况", "惠民政策", "补贴发放信息", "审批结果",
         "检查结果", "考核结果", "监管信息", "服务事项", "政策问答", "采购信息", "招标公告", "人事任免信息", "规划信息", "会议信息",
         "年度计划", "工作总结", "责任清单", "收费标准", "督查情况", "整改情况")
_CHANNELS = ("政府门户网站", "政务新媒体", "政务公开栏", "便民服务中心", "村务公开栏", "微信公众号", "政务服务大厅", "新闻发布会",
             "电子显示屏", "政务公开专区", "广播电视", "社区服务站", "政务微博", "移动客户端", "档案查阅点", "基层便民服务站")
_RAISES = ("切实保障", "不断提升", "有效提高", "进一步增强", "持续提升", "更好保障", "努力提高", "着力提升", "有力推动", "全面提升",
           "稳步提高", "充分保障")
_GAINS = ("群众知情权", "公众参与度", "政府工作透明度", "政府公信力", "公开工作实效", "政策知晓率", "办事便利度", "群众满意度",
          "决策科学性", "依法行政水平", "服务效能", "信息公开质量", "政策执行力", "监督实效", "社会认可度", "企业获得感")
_AIMS = ("应公开尽公开", "及时准确", "全面规范", "便民利民", "常态长效", "公开透明", "权责清晰", "程序规范", "内容完整", "查询便捷")
_PROJECTS = ("老旧小区改造", "农村公路建设", "污水处理厂", "学校扩建", "产业园区", "河道治理", "高标准农田", "便民市场",
             "卫生院改造", "文化广场", "安置小区", "垃圾分类", "供水工程", "路灯改造", "农贸市场", "养老服务中心", "物流园区",
             "体育公园", "防洪堤加固", "数字乡村")
_PLACE_KINDS = ("社区", "村", "街道", "片区", "园区")
_ASPECTS = ("及时性", "完整性", "规范性", "针对性", "可读性", "深度和广度", "互动性", "标准化水平")
_SHORT = ("还有待提高", "还不够到位", "还需要加强", "与要求还有差距", "还不够充分", "还存在短板")
_FIXES = ("加强业务培训", "健全日常检查机制", "拓宽公众参与渠道", "对照标准目录补齐事项", "丰富解读形式", "压实工作责任",
          "完善考核评价", "加强督促指导", "强化队伍建设", "定期开展自查")


@dataclass(frozen=True)
class _Voice:
    """What an agency's reports name: itself, its places and projects (the same every year)."""

    subjects: tuple[str, ...]  # generic ways of saying "we" first, then its own names
    places: tuple[str, ...]
    projects: tuple[str, ...]


def _self_name(name: str) -> str:
    """我局, 我县, 我镇 … from the agency's name."""
    if name.endswith("人民政府"):
        place = name[: -len("人民政府")]
        return "我" + place[-1] if place and place[-1] in "省市县区镇乡旗州" else "我们"
    for end, short in (("局", "我局"), ("办公室", "我办"), ("中心", "我中心")):
        if name.endswith(end):
            return short
    return "我单位"


def _voice(seed: int, a: _Agency) -> _Voice:
    rng = random.Random(f"{seed}:voice:{a.division}-{a.slug}")
    places = tuple("".join(rng.sample(TOWN_CHARS, 2)) + rng.choice(_PLACE_KINDS) for _ in range(rng.randint(3, 5)))
    projects = tuple(rng.choice(places) + p for p in rng.sample(_PROJECTS, rng.randint(2, 4)))
    return _Voice(("本机关", "我们", _self_name(a.name), a.name), places, projects)


class _Prose:
    """One report's filler, drawn from its own random stream: the same stream and voice give the
    same text whatever the tables hold (a copied report is made so)."""

    def __init__(self, rng: random.Random, voice: _Voice) -> None:
        self.rng, self.voice = rng, voice

    def sentence(self) -> str:
        c, v = self.rng.choice, self.voice
        who, opener = c(v.subjects), c(_OPENERS)
        shape = self.rng.randrange(7)
        if shape == 0:
            return f"{opener}{who}{c(_VERBS)}{c(_DOMAINS)}{c(_THINGS)}，{c(_ACTS)}{c(_OBJS)}，{c(_RAISES)}{c(_GAINS)}。"
        if shape == 1:
            return f"{opener}围绕{c(v.projects)}等重点工作，{who}{c(_ACTS)}{c(_OBJS)}，做到{c(_AIMS)}、{c(_AIMS)}。"
        if shape == 2:
            return f"{who}通过{c(_CHANNELS)}和{c(_CHANNELS)}{c(_ACTS)}{c(_DOMAINS)}{c(_OBJS)}，{c(_RAISES)}{c(_GAINS)}。"
        if shape == 3:
            return f"针对{c(_DOMAINS)}{c(_THINGS)}中的薄弱环节，{who}{c(_VERBS)}{c(_THINGS)}，{c(_ACTS)}{c(_OBJS)}。"
        if shape == 4:
            return f"{opener}{who}把{c(_DOMAINS)}{c(_THINGS)}作为重点，{c(_ACTS)}{c(_OBJS)}，{c(_RAISES)}{c(_GAINS)}。"
        if shape == 5:
            return f"在{c(v.projects)}中，{who}{c(_ACTS)}{c(_OBJS)}和{c(_OBJS)}，{c(_RAISES)}{c(_GAINS)}。"
        return f"{opener}{who}{c(_VERBS)}{c(_THINGS)}工作，深入{c(v.places)}{c(_ACTS)}{c(_DOMAINS)}{c(_OBJS)}，确保{c(_AIMS)}。"

    def paragraph(self, sentences: int) -> str:
        return "".join(self.sentence() for _ in range(sentences))

    def filler(self, paragraphs: int) -> str:
        return "\n\n".join(self.paragraph(self.rng.randint(3, 6)) for _ in range(paragraphs))

    def problems(self) -> str:
        c = self.rng.choice
        said = "；".join(f"{c(_DOMAINS)}{c(_THINGS)}的{c(_ASPECTS)}{c(_SHORT)}" for _ in range(2))
        fixes = "；".join(f"{f}，{c(_VERBS)}{c(_DOMAINS)}{c(_THINGS)}" for f in self.rng.sample(_FIXES, 3))
        return f"存在的主要问题：{said}。\n\n改进措施：{fixes}。" + self.paragraph(self.rng.randint(1, 3))


# The draws the filler of earlier versions took from the report's stream are still taken, so that
# the tables drawn after them, and so every corpus of a given seed, stay as they were.
_OLD_SENTENCE = (6, 10, 15, 8, 8)


def _spend(rng: random.Random, sentences: int) -> None:
    for _ in range(sentences):
        for size in _OLD_SENTENCE:
            rng.choice(range(size))


def _spend_filler(rng: random.Random, paragraphs: int) -> None:
    for _ in range(paragraphs):
        _spend(rng, rng.randint(3, 6))


@dataclass
class Generated:
    reports: int = 0
    agencies: int = 0
    formats: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)  # {report, cell}
    copies: list[dict] = field(default_factory=list)  # {report, source, kind}


# ---- narratives -----------------------------------------------------------------------------
# How a careful report restates its tables (TXT-01 reads it), per narrative quantity.
_REQUEST_CLAUSES = ((NEW, "共收到政府信息公开申请{}件"), (CARRIED, "上年结转{}件"), (HANDLED, "办结{}件"),
                    (FORWARD, "结转下年度继续办理{}件"))
_CASE_CLAUSES = ((REVIEW, "因政府信息公开被申请行政复议{}件"), (LITIGATION, "被提起行政诉讼{}件"))
_NO_CASES = "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _numbers_paragraph(year: int, stated: dict[str, float]) -> str:
    """The sentences a careful report writes about its own tables, from the rows' `restates`."""
    out = ""
    clauses = [text.format(_num(stated[q])) for q, text in _REQUEST_CLAUSES if q in stated]
    if clauses:
        out += f"{year}年，本机关" + "，".join(clauses) + "。"
    cases = [(q, text) for q, text in _CASE_CLAUSES if q in stated]
    if cases and any(stated[q] for q, _ in cases):
        out += "，".join(text.format(_num(stated[q])) for q, text in cases) + "。"
    elif cases:
        out += _NO_CASES
    return out


def _mentions(fmt: Format, numeral: str, values: Values) -> str:
    """What a section must say about non-zero cells that name it (TXT-03: 信息处理费 in 六)."""
    said, nonzero = [], False
    for t in fmt.tables:
        for m in t.mentions:
            if m.section != numeral:
                continue
            value = values[(t.code, m.row, m.column)]
            if value:
                nonzero = True
                label = t.row(m.row).label.split(".", 1)[-1]
                # the count in a clause of its own: no keyword next to it for TXT-01 to misread
                said.append(f"本年度涉及{m.phrase}的情形：{label}，共{_num(value)}件，已按规定告知申请人。")
            else:
                said.append(f"本年度未涉及{m.phrase}。")
    return "".join(said) + ("" if nonzero else "无其他需要报告的事项。")


_OVERVIEW, _PROBLEMS = "overview", "problems"  # section codes of the national formats


def national_sections(rng: random.Random, prose: _Prose, fmt: Format, year: int, values: Values) -> list[dict]:
    under_tables = {t.title for t in fmt.tables}  # a table is the content of its section
    out = []
    for s in fmt.sections:
        if s.code == _OVERVIEW:
            _spend_filler(rng, rng.randint(2, 4))
            _spend(rng, 2)
            text = (prose.filler(prose.rng.randint(2, 4)) + "\n\n" + _numbers_paragraph(year, restated(fmt, values))
                    + prose.paragraph(2))
        elif s.code == _PROBLEMS:
            rng.sample(range(5), 2)
            rng.sample(range(5), 3)
            _spend(rng, rng.randint(1, 3))
            text = prose.problems()
        elif s.heading in under_tables:
            text = ""
        else:
            text = _mentions(fmt, s.numeral, values)
        out.append({"heading": s.heading, "text": text})
    return out


# Formats without fixed sections (2014 table, local) get the headings reports then used.
_FREE_HEADINGS = ("一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、政府信息公开的收费及减免情况",
                  "五、因政府信息公开申请提起行政复议、行政诉讼的情况", "六、政府信息公开工作存在的主要问题及改进情况",
                  "七、其他需要报告的事项")


def free_sections(rng: random.Random, prose: _Prose, year: int, stated: dict[str, float] | None) -> list[dict]:
    out = []
    for heading in _FREE_HEADINGS:
        _spend_filler(rng, rng.randint(1, 2))
        text = prose.filler(prose.rng.randint(1, 2))
        if heading.startswith("三") and stated:
            text += "\n\n" + _numbers_paragraph(year, stated)
        out.append({"heading": heading, "text": text})
    return out


# ---- agencies and their years ---------------------------------------------------------------
@dataclass
class _Agency:
    division: str
    slug: str
    name: str
    level: str
    kind: str
    website: str
    parent: str | None
    scale: int
    years: list[int]
    formats: list[Format] = field(default_factory=list)  # one per year


def _agencies(rng: random.Random):
    """An endless, deterministic stream of agencies in real divisions, with their years and
    formats. It has a random stream of its own: the corpus's shape depends on the seed alone,
    not on how many draws the tables and narratives of earlier reports took."""
    divisions = regions.all_codes("county") + regions.all_codes("city")
    rng.shuffle(divisions)
    for division in divisions:
        place = regions.name_of(division) or ""
        level = "县级" if regions.level_of(division) == "county" else "市级"
        site = f"http://www.d{division}.gov.cn"
        gov = _Agency(division, "zf", f"{place}人民政府", level, "人民政府", site, None, rng.randint(50, 800), [])
        members = [gov]
        for slug, name, kind in rng.sample(DEPARTMENTS, rng.randint(3, 10)):
            members.append(_Agency(division, slug, place + name, level, kind, site, f"{division}-zf",
                                   rng.randint(1, 80), []))
        if level == "县级":
            towns = set()
            for i in range(rng.randint(0, 4)):
                town = "".join(rng.sample(TOWN_CHARS, 2)) + rng.choice("镇乡")
                if town in towns:
                    continue
                towns.add(town)
                members.append(_Agency(division, f"town{i + 1:02d}", town + "人民政府", "乡级", "人民政府", site,
                                       f"{division}-zf", rng.randint(0, 5), []))
        for a in members:
            first = rng.choices((2012, 2014, 2016, 2019, 2021), (3, 7, 15, 40, 35))[0]
            last = LAST_YEAR if rng.random() < 0.9 else LAST_YEAR - 1
            a.years = list(range(first, last + 1))
            a.formats = [_format_of(rng, year) for year in a.years]
        # The government, then its offices longest history first: even a small corpus spans
        # the eras, their formats and long runs of years.
        yield gov
        yield from sorted(members[1:], key=lambda a: a.years[0])


_LOCAL = next(f for f in FORMATS.values() if f.family == LOCAL)


def _format_of(rng: random.Random, year: int) -> Format:
    """The year's expected format; in the 2014 era one report in ten kept a local table instead."""
    fmt = FORMATS[expected_format(year)]
    if fmt.family == LEGACY and rng.random() >= 0.9:
        return _LOCAL
    return fmt


def _dates(rng: random.Random, year: int, kind: str) -> tuple[str, str]:
    deadline = deadlines.deadline(year, kind)
    if rng.random() < 0.05:
        published = deadline + dt.timedelta(days=rng.randint(1, 200))  # late: an info finding, not an error
    else:
        published = deadline - dt.timedelta(days=rng.randint(0, 25))
    dated = published - dt.timedelta(days=rng.randint(0, 5))
    return published.isoformat(), dated.isoformat()


def _days_after(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


# ---- one report -----------------------------------------------------------------------------
def _report(rng: random.Random, a: _Agency, year: int, fmt: Format, previous: Values | None, prose: _Prose
            ) -> tuple[dict, Values | None]:
    """The report's data, and its table values (None without national tables) for next year."""
    published, dated = _dates(rng, year, a.kind)
    data: dict = {
        "format": fmt.code, "year": year, "title": f"{a.name}{year}年政府信息公开工作年度报告",
        "published": published, "dated": dated, "signature": a.name,
        "source": {"url": f"{a.website}/zwgk/xxgkndbg/{year}/t{published.replace('-', '')}_{rng.randint(100000, 999999)}.html",
                   "medium": "html", "retrieved": _days_after(published, 60)},
        "preamble": (f"本报告根据《中华人民共和国政府信息公开条例》编制，内容包括总体情况、主动公开政府信息情况、"
                     f"收到和处理政府信息公开申请情况等。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
                     f"本报告电子版可在{a.name}网站（{a.website}）查阅。"),
    }
    if not fmt.tables:
        data["sections"] = free_sections(rng, prose, year, None)
        data["local_tables"] = [{"title": "政府信息公开情况统计表", "columns": [f"{year}年度"], "rows": [
            {"label": "主动公开政府信息数", "unit": "条", "values": [rng.randint(20, 900)]},
            {"label": "收到政府信息公开申请数", "unit": "件", "values": [rng.randint(0, 30)]},
        ]}]
        return data, None
    values = fill(fmt, rng, a.scale, previous)
    if fmt.sections:
        data["sections"] = national_sections(rng, prose, fmt, year, values)
    else:
        data["sections"] = free_sections(rng, prose, year, restated(fmt, values))
    data["tables"] = {t.code: {"rows": rows_of(t, values)} for t in fmt.tables}
    return data, values


def _inject(rng: random.Random, fmt: Format, data: dict) -> str | None:
    """Change one cell of an error-level identity by a small amount; return its cell id."""
    cells = error_cells(fmt)
    if not cells:
        return None
    code = rng.choice(sorted(cells))
    _, row, column = rng.choice(cells[code])
    table = fmt.table(code)
    rows = data["tables"][code]["rows"]
    delta = rng.randint(1, 3)
    if table.scalar_rows:
        rows[row] += delta
    else:
        rows[row][[c.code for c in table.row(row).columns].index(column)] += delta
    return f"{code}.{row}.{column}"


@dataclass(frozen=True)
class _Text:
    """Where a report's filler comes from: the random stream's seed and the voice."""

    report: str
    seed: str
    voice: _Voice
    national: bool  # sections of the national formats, or the free headings of earlier years


def _copy_source(rng: random.Random, own: _Voice, last: _Text | None, same_year: list[_Text],
                 national: bool) -> tuple[_Text, str] | None:
    """The text a copying report takes, and how: the agency's previous year, or another agency's
    report of the same year (keeping that agency's places, but its own name)."""
    previous = last if last is not None and last.national == national else None
    kinds = ["previous", "same_year"] if rng.random() < 0.5 else ["same_year", "previous"]
    for kind in kinds:
        if kind == "previous" and previous is not None:
            return previous, kind
        if kind == "same_year" and same_year:
            donor = rng.choice(same_year)
            return _Text(donor.report, donor.seed, _Voice(own.subjects, donor.voice.places, donor.voice.projects),
                         national), kind
    return None


def generate_corpus(n: int, out: str | Path, *, seed: int = 0, error_rate: float = 0.0,
                    copy_rate: float = 0.0) -> Generated:
    """Write `n` reports (and their agencies) under `out`, laid out like content/.

    With `copy_rate`, that share of reports copies the filler of the same agency's previous year
    or of another agency's report of the same year, with its own figures (numbers changed):
    listed in the summary and in `injected-copies.json` (COPIES_MANIFEST)."""
    rng = random.Random(f"{seed}:content")
    copy_rng = random.Random(f"{seed}:copies")  # its own stream: copying changes no table
    donors: dict[tuple[int, bool], list[_Text]] = {}  # (year, national) -> recent reports of other agencies
    out = Path(out)
    result = Generated()
    for a in _agencies(random.Random(seed)):
        if result.reports >= n:
            break
        years = a.years[: n - result.reports]
        apath = agency_path(out, a.division, a.slug)
        apath.parent.mkdir(parents=True, exist_ok=True)
        agency = {"name": a.name, "level": a.level, "kind": a.kind}
        if a.parent:
            agency["parent"] = a.parent
        agency["website"] = a.website
        apath.write_text(dump_agency(agency), encoding="utf-8")
        result.agencies += 1
        voice = _voice(seed, a)
        previous: Values | None = None  # last year's values as generated: an injected error is not carried
        last: _Text | None = None
        mine: list[_Text] = []
        for year, fmt in zip(years, a.formats):
            rid = f"{a.division}-{a.slug}-{year}"
            text = _Text(rid, f"{seed}:text:{rid}", voice, bool(fmt.sections))
            if copy_rate and copy_rng.random() < copy_rate:
                source = _copy_source(copy_rng, voice, last, donors.get((year, text.national), []), text.national)
                if source is not None:
                    text = _Text(rid, source[0].seed, source[0].voice, text.national)
                    result.copies.append({"report": rid, "source": source[0].report, "kind": source[1]})
            data, previous = _report(rng, a, year, fmt, previous, _Prose(random.Random(text.seed), text.voice))
            if error_rate and rng.random() < error_rate:
                cell = _inject(rng, fmt, data)
                if cell:
                    result.errors.append({"report": rid, "cell": cell})
            path = report_path(out, a.division, a.slug, year)
            path.write_text(dump_report(data), encoding="utf-8")
            result.reports += 1
            result.formats[fmt.code] += 1
            last = text
            mine.append(text)
        for text in mine:  # donors for later agencies' same-year copies
            recent = donors.setdefault((int(text.report.rsplit("-", 1)[1]), text.national), [])
            recent.append(text)
            del recent[:-_DONORS]
    (out / MANIFEST).write_text(json.dumps(result.errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if copy_rate:
        (out / COPIES_MANIFEST).write_text(json.dumps(result.copies, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    return result
