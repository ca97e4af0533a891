"""A synthetic corpus: many realistic reports, consistent by default, for benchmarks and tests.

`generate_corpus(n, out)` writes `n` reports of every format (mostly 2021, some 2019, legacy
statistical tables, a few local ones) for agencies in real administrative divisions, each
agency over consecutive years so that the cross-year rules have work to do. All identities
hold and every year carries over into the next, unless `error_rate` asks for injected
single-cell errors; those are listed in the returned summary and in `injected-errors.json`.
Same arguments, same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import deadlines, regions
from .formats import FORMATS
from .formats.national import APPLICANT_PARTS, SECTIONS
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
_PROBLEMS = ("政策解读的形式还比较单一，图解、音视频等解读较少", "公开内容的及时性和完整性还有待提高",
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


# ---- tables ---------------------------------------------------------------------------------
_RESULT_WEIGHTS = {"r3_1": 8.0, "r3_2": 2.0, "r3_4_1": 3.0, "r3_5_1": 1.0, "r3_5_2": 0.6, "r3_6_1": 1.0,
                   "r3_6": 1.0, "r3_3_3": 0.3, "r3_3_5": 0.3, "r3_3_6": 0.3, "r3_4_2": 0.5, "r3_4_3": 0.5}


def _split(rng: random.Random, total: int, codes: list[str]) -> dict[str, int]:
    """`total` spread over `codes`, weighted; sums exactly to total."""
    weights = [_RESULT_WEIGHTS.get(c, 0.05) * rng.random() for c in codes]
    w = sum(weights) or 1.0
    parts = {c: int(total * x / w) for c, x in zip(codes, weights)}
    parts[codes[0]] += total - sum(parts.values())
    return parts


def requests_rows(rng: random.Random, fmt: str, scale: int, carried: dict[str, int] | None
                  ) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Table 三 rows (all identities hold) and the per-column 结转下年度 for next year."""
    table = FORMATS[fmt].table("requests")
    results = [r.code for r in table.rows if r.code.startswith("r3_") and r.code != "r3_7"]
    share = {"natural": 1.0, "commercial": 0.2, "research": 0.01, "nonprofit": 0.02, "legal": 0.04, "other": 0.03}
    cols: dict[str, dict[str, int]] = {}
    forward: dict[str, int] = {}
    for c in APPLICANT_PARTS:
        new = int(scale * share[c] * rng.random() * 2) if rng.random() < (0.9 if c == "natural" else 0.3) else 0
        prev = carried.get(c, 0) if carried is not None else (rng.randint(0, max(0, new // 20)))
        available = new + prev
        fwd = rng.randint(0, available // 10) if available and rng.random() < 0.5 else 0
        handled = available - fwd
        col = {"r1": new, "r2": prev, "r3_7": handled, "r4": fwd}
        col.update(_split(rng, handled, results))
        cols[c] = col
        forward[c] = fwd
    rows: dict[str, list[int]] = {}
    for row in table.rows:
        cells = [cols[c][row.code] for c in APPLICANT_PARTS]
        rows[row.code] = cells + [sum(cells)]
    return rows, forward


def review_rows(rng: random.Random, scale: int) -> dict[str, list[int]]:
    rows = {}
    for code in ("review", "suit_direct", "suit_after_review"):
        parts = [rng.randint(0, max(0, scale // 40)) if rng.random() < 0.3 else 0 for _ in range(4)]
        rows[code] = parts + [sum(parts)]
    return rows


def proactive_2021(rng: random.Random, scale: int, in_force: dict[str, int]) -> dict[str, list]:
    rows: dict[str, list] = {}
    for code in ("rules", "normative"):
        before = in_force.get(code, rng.randint(0, 30) if code == "normative" else 0)
        issued = rng.randint(0, 12) if code == "normative" or rng.random() < 0.1 else 0
        repealed = rng.randint(0, min(before + issued, 4))
        in_force[code] = before + issued - repealed
        rows[code] = [issued, repealed, in_force[code]]
    for code in ("licensing", "penalty", "coercion"):
        rows[code] = [rng.randint(0, scale * 20)]
    rows["fees"] = [round(rng.random() * scale * 5, 2) if rng.random() < 0.4 else 0]
    return rows


def proactive_2019(rng: random.Random, scale: int, state: dict[str, int]) -> dict[str, list]:
    rows: dict[str, list] = {}
    for code in ("rules", "normative"):
        new_made = rng.randint(0, 10) if code == "normative" else 0
        published = new_made
        state[code] = state.get(code, rng.randint(0, 60)) + published
        rows[code] = [new_made, published, state[code]]
    for code in ("licensing", "other_services", "penalty", "coercion", "fees"):
        prev_items = state.get("items_" + code, rng.randint(0, 80))
        change = rng.randint(-5, 5) if prev_items >= 5 else rng.randint(0, 5)
        state["items_" + code] = prev_items + change
        rows[code] = [prev_items, change] + ([] if code == "fees" else [rng.randint(0, scale * 10)])
    rows["procurement"] = [rng.randint(0, 30), round(rng.random() * 500, 2)]
    return rows


def legacy_rows(rng: random.Random, scale: int) -> dict[str, object]:
    r = rng.randint
    v: dict[str, object] = {}
    v["r1_1"] = r(50, 50 + scale * 10)
    v["r1_1_a"] = r(0, min(20, v["r1_1"]))
    v["r1_1_b"] = r(0, 20)
    channels = [r(0, v["r1_1"]) for _ in range(5)]
    channels[1] = v["r1_1"]  # the website publishes everything
    for i, x in enumerate(channels, 1):
        v[f"r1_2_{i}"] = x
    v["r2_1"] = r(0, 20)
    v["r2_2_1"] = r(0, 10)
    v["r2_2_1_a"] = r(0, v["r2_2_1"])
    v["r2_2_2"] = r(0, 10)
    v["r2_2_2_a"] = r(0, v["r2_2_2"])
    for code in ("r2_2_3", "r2_2_4", "r2_2_5"):
        v[code] = r(0, 30)
    ways = [r(0, max(0, scale // 4)) for _ in range(4)]
    received = sum(ways)
    v["r3_1"] = received
    for i, x in enumerate(ways, 1):
        v[f"r3_1_{i}"] = x
    late = r(0, received // 10)
    v["r3_2"], v["r3_2_1"], v["r3_2_2"] = received, received - late, late
    refused = {x: (r(0, 1) if received > 5 else 0) for x in "abcdef"}
    answers = _split(rng, received - sum(refused.values()), ["r3_3_2", "r3_3_1", "r3_3_3", "r3_3_5", "r3_3_6",
                                                                "r3_3_7", "r3_3_8"])
    v["r3_3"] = received
    for i in range(1, 9):
        v[f"r3_3_{i}"] = sum(refused.values()) if i == 4 else answers[f"r3_3_{i}"]
    for x, n in refused.items():
        v[f"r3_3_4_{x}"] = n
    for t in ("r4", "r5", "r6"):
        parts = [r(0, 2) if rng.random() < 0.2 else 0 for _ in range(3)]
        v[t] = sum(parts)
        for i, x in enumerate(parts, 1):
            v[f"{t}_{i}"] = x
    v["r7"] = 0
    v["r8_1"], v["r8_2"] = r(0, 2), r(0, 5)
    v["r8_3_1"], v["r8_3_2"] = r(0, 3), r(0, 6)
    v["r8_3"] = v["r8_3_1"] + v["r8_3_2"]
    v["r8_4"] = round(rng.random() * 20, 1)
    v["r9_1"], v["r9_2"], v["r9_3"] = r(0, 6), r(0, 6), r(0, 300)
    order = [row.code for row in FORMATS["legacy2014"].table("legacy").rows]
    return {code: v[code] for code in order}


# ---- narratives -----------------------------------------------------------------------------
def _numbers_paragraph(year: int, req: dict[str, list[int]] | None, rev: dict[str, list[int]] | None) -> str:
    """The sentence a careful report writes about its own tables (TXT-01 reads it)."""
    out = ""
    if req:
        out += (f"{year}年，本机关共收到政府信息公开申请{req['r1'][-1]}件，上年结转{req['r2'][-1]}件，"
                f"办结{req['r3_7'][-1]}件，结转下年度继续办理{req['r4'][-1]}件。")
    if rev:
        review = rev["review"][-1]
        suits = rev["suit_direct"][-1] + rev["suit_after_review"][-1]
        if review or suits:
            out += f"因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。"
        else:
            out += "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    return out


def national_sections(rng: random.Random, year: int, req: dict, rev: dict, fee_notices: int) -> list[dict]:
    overview = _filler(rng, rng.randint(2, 4)) + "\n\n" + _numbers_paragraph(year, req, rev) + _paragraph(rng, 2)
    problems = ("存在的主要问题：" + "；".join(rng.sample(_PROBLEMS, 2)) + "。\n\n改进措施：" +
                "；".join(rng.sample(_FIXES, 3)) + "。" + _paragraph(rng, rng.randint(1, 3)))
    other = (f"本年度因申请人逾期未缴纳信息处理费而不再处理的申请{fee_notices}件，已按规定发出收费通知。"
             if fee_notices else "本年度未收取信息处理费，无其他需要报告的事项。")
    texts = {"overview": overview, "proactive": "", "requests": "", "review": "", "problems": problems, "other": other}
    return [{"heading": s.heading, "text": texts[s.code]} for s in SECTIONS]


_LEGACY_HEADINGS = ("一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、政府信息公开的收费及减免情况",
                    "五、因政府信息公开申请提起行政复议、行政诉讼的情况", "六、政府信息公开工作存在的主要问题及改进情况",
                    "七、其他需要报告的事项")


def legacy_sections(rng: random.Random, year: int, legacy: dict | None) -> list[dict]:
    out = []
    for heading in _LEGACY_HEADINGS:
        text = _filler(rng, rng.randint(1, 2))
        if heading.startswith("三") and legacy is not None:
            text += f"\n\n{year}年，本机关共收到政府信息公开申请{legacy['r3_1']}件，办结{legacy['r3_2']}件。"
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


def _agencies(rng: random.Random):
    """An endless, deterministic stream of agencies in real divisions."""
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
            yield a


def _format_of(rng: random.Random, year: int) -> str:
    if year < 2014:
        return "local"
    if year <= 2018:
        return "legacy2014" if rng.random() < 0.9 else "local"
    return "gov2019" if year <= 2020 else "gov2021"


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
def _report(rng: random.Random, a: _Agency, year: int, fmt: str, state: dict) -> dict:
    published, dated = _dates(rng, year, a.kind)
    data: dict = {
        "format": fmt, "year": year, "title": f"{a.name}{year}年政府信息公开工作年度报告",
        "published": published, "dated": dated, "signature": a.name,
        "source": {"url": f"{a.website}/zwgk/xxgkndbg/{year}/t{published.replace('-', '')}_{rng.randint(100000, 999999)}.html",
                   "medium": "html", "retrieved": _days_after(published, 60)},
        "preamble": (f"本报告根据《中华人民共和国政府信息公开条例》编制，内容包括总体情况、主动公开政府信息情况、"
                     f"收到和处理政府信息公开申请情况等。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
                     f"本报告电子版可在{a.name}网站（{a.website}）查阅。"),
    }
    if fmt in ("gov2021", "gov2019"):
        carried = state.get("forward") if state.get("last") == year - 1 else None
        req, forward = requests_rows(rng, fmt, a.scale, carried)
        rev = review_rows(rng, a.scale)
        proactive = (proactive_2021(rng, a.scale, state.setdefault("in_force", {})) if fmt == "gov2021"
                     else proactive_2019(rng, a.scale, state.setdefault("items", {})))
        state["forward"] = forward
        fee_notices = req.get("r3_6_2", [0])[-1]
        data["sections"] = national_sections(rng, year, req, rev, fee_notices)
        data["tables"] = {"proactive": {"rows": proactive}, "requests": {"rows": req}, "review": {"rows": rev}}
    elif fmt == "legacy2014":
        legacy = legacy_rows(rng, a.scale)
        data["sections"] = legacy_sections(rng, year, legacy)
        data["tables"] = {"legacy": {"rows": legacy}}
        state.pop("forward", None)
    else:
        data["sections"] = legacy_sections(rng, year, None)
        data["local_tables"] = [{"title": "政府信息公开情况统计表", "columns": [f"{year}年度"], "rows": [
            {"label": "主动公开政府信息数", "unit": "条", "values": [rng.randint(20, 900)]},
            {"label": "收到政府信息公开申请数", "unit": "件", "values": [rng.randint(0, 30)]},
        ]}]
        state.pop("forward", None)
    state["last"] = year
    return data


# Rows an injected error may hit: every cell there takes part in an error-level identity.
_ERROR_TABLES = {"gov2021": ("requests", "review"), "gov2019": ("requests", "review"),
                 "legacy2014": ("legacy",)}
_LEGACY_CHECKED = ("r3_1", "r3_1_1", "r3_2", "r3_2_2", "r3_3", "r3_3_1", "r3_3_4", "r3_3_4_c", "r4", "r4_1",
                   "r5", "r5_2", "r6_3", "r8_3", "r8_3_1")


def _inject(rng: random.Random, data: dict) -> str | None:
    """Change one cell by a small amount; return its cell id."""
    tables = _ERROR_TABLES.get(data["format"])
    if not tables:
        return None
    code = rng.choice(tables)
    rows = data["tables"][code]["rows"]
    delta = rng.randint(1, 3)
    if code == "legacy":
        row = rng.choice(_LEGACY_CHECKED)
        rows[row] += delta
        return f"legacy.{row}.value"
    row = rng.choice(sorted(rows))
    col = rng.randrange(len(rows[row]))
    rows[row][col] += delta
    columns = FORMATS[data["format"]].table(code).row(row).columns
    return f"{code}.{row}.{columns[col].code}"


def generate_corpus(n: int, out: str | Path, *, seed: int = 0, error_rate: float = 0.0) -> Generated:
    """Write `n` reports (and their agencies) under `out`, laid out like content/."""
    rng = random.Random(seed)
    out = Path(out)
    result = Generated()
    for a in _agencies(rng):
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
        state: dict = {}
        for year in years:
            fmt = _format_of(rng, year)
            data = _report(rng, a, year, fmt, state)
            if error_rate and rng.random() < error_rate:
                cell = _inject(rng, data)
                if cell:
                    rid = f"{a.division}-{a.slug}-{year}"
                    result.errors.append({"report": rid, "cell": cell})
            path = report_path(out, a.division, a.slug, year)
            path.write_text(dump_report(data), encoding="utf-8")
            result.reports += 1
            result.formats[fmt] += 1
    (out / MANIFEST).write_text(json.dumps(result.errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result
