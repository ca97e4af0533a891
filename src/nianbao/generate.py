"""A synthetic corpus: many realistic reports, consistent by default, for benchmarks and tests.

`generate_corpus(n, out)` writes `n` reports of every format (each year's expected one, and a
few local ones) for agencies in real administrative divisions, each agency over consecutive
years so that the cross-year rules have work to do. The tables are solved from the identities
the formats declare (generate_tables.py), so all of them hold and every year carries over into
the next, unless `error_rate` asks for injected single-cell errors; those are listed in the
returned summary and in `injected-errors.json`. Same arguments, same bytes.
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

# Narrative vocabulary: the filler is built from these, so it reads like a report and has no numbers
# that the narrative rules would take for application counts.
_SUBJECTS = ("我局", "本机关", "我单位", "我们", "本年度我局", "全体工作人员")
_VERBS = ("坚持", "深入推进", "持续完善", "认真落实", "扎实推进", "不断健全", "积极探索", "全面加强", "进一步规范", "统筹做好")
_OBJECTS = ("政务公开工作机制", "政府信息主动公开", "政策解读和回应关切", "政府网站集约化建设", "政务新媒体管理",
            "公开目录动态更新", "保密审查和发布审核", "重点领域信息公开", "基层政务公开标准化规范化", "政务公开专区建设",
            "政府信息管理", "公开平台建设", "监督保障", "信息发布协调机制", "政务服务事项公开")
_PURPOSES = ("切实保障人民群众的知情权、参与权、表达权和监督权", "不断提升政务公开质量和实效", "助力法治政府建设",
             "推动政务公开工作提质增效", "更好地服务经济社会发展", "增强政府工作透明度", "提高政府公信力和执行力",
             "为优化营商环境提供有力支撑")
_DETAILS = ("围绕中心工作，及时发布政策文件和工作动态", "严格落实“先审后发”和“三审三校”制度",
            "定期开展网站和政务新媒体内容检查", "组织业务培训，提升工作人员能力水平", "做好政策文件的同步解读",
            "畅通依申请公开受理渠道，规范办理流程", "完善公开目录，及时调整公开事项", "加强公开内容的规范性审查")
_PROBLEMS_SAID = ("政策解读的形式还比较单一，图解、音视频等解读较少", "公开内容的及时性和完整性还有待提高",
             "工作人员的业务能力与新形势新要求还有差距", "与公众的互动交流还不够充分",
             "基层政务公开的标准化规范化水平还需提升")
_FIXES = ("丰富解读形式，提高政策解读的可读性", "健全信息发布的日常检查机制", "加强业务培训和工作交流",
          "拓宽公众参与渠道，及时回应社会关切", "对照标准目录，完善基层公开事项")


@dataclass
class Generated:
    reports: int = 0
    agencies: int = 0
    formats: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)  # {report, cell}


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{rng.choice(_DETAILS)}，"
            f"{rng.choice(_PURPOSES)}。")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(_sentence(rng) for _ in range(sentences))


def _filler(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(_paragraph(rng, rng.randint(3, 6)) for _ in range(paragraphs))


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


def national_sections(rng: random.Random, fmt: Format, year: int, values: Values) -> list[dict]:
    under_tables = {t.title for t in fmt.tables}  # a table is the content of its section
    out = []
    for s in fmt.sections:
        if s.code == _OVERVIEW:
            text = (_filler(rng, rng.randint(2, 4)) + "\n\n" + _numbers_paragraph(year, restated(fmt, values))
                    + _paragraph(rng, 2))
        elif s.code == _PROBLEMS:
            text = ("存在的主要问题：" + "；".join(rng.sample(_PROBLEMS_SAID, 2)) + "。\n\n改进措施：" +
                    "；".join(rng.sample(_FIXES, 3)) + "。" + _paragraph(rng, rng.randint(1, 3)))
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


def free_sections(rng: random.Random, year: int, stated: dict[str, float] | None) -> list[dict]:
    out = []
    for heading in _FREE_HEADINGS:
        text = _filler(rng, rng.randint(1, 2))
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
def _report(rng: random.Random, a: _Agency, year: int, fmt: Format, previous: Values | None
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
        data["sections"] = free_sections(rng, year, None)
        data["local_tables"] = [{"title": "政府信息公开情况统计表", "columns": [f"{year}年度"], "rows": [
            {"label": "主动公开政府信息数", "unit": "条", "values": [rng.randint(20, 900)]},
            {"label": "收到政府信息公开申请数", "unit": "件", "values": [rng.randint(0, 30)]},
        ]}]
        return data, None
    values = fill(fmt, rng, a.scale, previous)
    if fmt.sections:
        data["sections"] = national_sections(rng, fmt, year, values)
    else:
        data["sections"] = free_sections(rng, year, restated(fmt, values))
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


def generate_corpus(n: int, out: str | Path, *, seed: int = 0, error_rate: float = 0.0) -> Generated:
    """Write `n` reports (and their agencies) under `out`, laid out like content/."""
    rng = random.Random(f"{seed}:content")
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
        previous: Values | None = None  # last year's values as generated: an injected error is not carried
        for year, fmt in zip(years, a.formats):
            data, previous = _report(rng, a, year, fmt, previous)
            if error_rate and rng.random() < error_rate:
                cell = _inject(rng, fmt, data)
                if cell:
                    result.errors.append({"report": f"{a.division}-{a.slug}-{year}", "cell": cell})
            path = report_path(out, a.division, a.slug, year)
            path.write_text(dump_report(data), encoding="utf-8")
            result.reports += 1
            result.formats[fmt.code] += 1
    (out / MANIFEST).write_text(json.dumps(result.errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result
