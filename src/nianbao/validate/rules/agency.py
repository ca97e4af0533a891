"""Rules on the agency registry: division codes, parent agencies, level.

An agency lives at content/<prov>/<division>/<slug>/agency.yaml; its division code must be a
known administrative division (nianbao.regions), its `parent` must be a registered agency,
and its level should match the division's. Every failure names close matches, because a
contributor's usual mistake is a typo or the wrong folder.
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from ... import regions
from ...findings import ERROR, STAGE_REPORT, WARNING, Finding, Rule
from ...load import Document
from ...model import Agency
from ...vocabulary import LEVELS_AT_DIVISION
from ...paths import AGENCY_FILE, DIVISION, SLUG, Location, agency_path

R_DIVISION = Rule("AGENCY-02", ERROR, STAGE_REPORT, "行政区划代码不存在",
                  "目录中的行政区划代码 {division} 不在区划代码表中。{hint}",
                  help="区划代码见 GB/T 2260（民政部）或国家统计局统计用区划代码的前 6 位；开发区等功能区请放在所属市、县的代码下。")
R_PARENT = Rule("AGENCY-03", ERROR, STAGE_REPORT, "上级机构未登记",
                "上级机构 parent: {parent} 未登记（没有 {expected}）。{hint}")
R_LEVEL = Rule("AGENCY-04", WARNING, STAGE_REPORT, "机构层级与行政区划不符",
               "机构层级是“{level}”，但行政区划 {division} 是{division_level}单位，应为“{expected}”。"
               "请核对 level 或机构所在目录。",
               public="机构层级登记为“{level}”，但行政区划 {division} 是{division_level}单位，应为“{expected}”，本站正在核对。")

# Division level -> agency levels that may sit there (乡级 agencies use their county's code).


def _root_of(agency_file: Path) -> Path:
    # content/<prov>/<division>/<slug>/agency.yaml: the layout was checked by paths.locate.
    return agency_file.resolve().parents[3]


def _rel(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def _division_candidates(division: str, name: str = "") -> list[str]:
    codes = regions.find_by_name(name, limit=3) if name else []
    if division[4:5] == "7" and regions.is_valid(division[:4] + "00"):  # a zone: its city first
        codes.insert(0, division[:4] + "00")
        codes = list(dict.fromkeys(codes))
    for c in regions.close_codes(division, limit=5):
        if c not in codes:
            codes.append(c)
    return codes[:5]


def division_hint(division: str, name: str = "") -> str:
    """Chinese hint for an unknown division code, from the agency's name and similar codes."""
    if division[4:5] == "7":
        lead = "第 5 位为 7 的是统计用的开发区、新区等功能区代码，不是行政区划，请放在所属市、县的代码下。"
    else:
        lead = ""
    found = _division_candidates(division, name)
    if not found:
        return lead + "请核对代码。"
    return lead + "相近的区划：" + "；".join(regions.describe(c) for c in found) + "。"


def registered_agencies(root: Path, division_prefix: str) -> list[str]:
    """Agency ids registered under content/<prov>/ whose division starts with the prefix."""
    prov = root / division_prefix[:2]
    if not prov.is_dir():
        return []
    out = []
    for ddir in sorted(prov.iterdir()):
        if not ddir.name.startswith(division_prefix) or not DIVISION.fullmatch(ddir.name):
            continue
        for sdir in sorted(ddir.iterdir()):
            if (sdir / AGENCY_FILE).is_file():
                out.append(f"{ddir.name}-{sdir.name}")
    return out


_NAME_LINE = re.compile(r"^name:\s*[\"']?(.+?)[\"']?\s*$", re.M)


def draft_place(root: Path, title: str, year: int | None) -> tuple[str, str]:
    """Where a draft belongs under `root`, and a hint: the registered agency whose name its
    title starts with (the longest such name), else the layout to follow."""
    name_of: dict[str, str] = {}
    for path in sorted(root.glob(f"*/*/*/{AGENCY_FILE}")) if title and root.is_dir() else ():
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        except OSError:
            continue
        m = _NAME_LINE.search(head)
        if m:
            name_of[path.parent.relative_to(root).as_posix()] = m.group(1)
    stem = f"{year}.yaml" if year else "<报告年度>.yaml"
    matches = sorted((n, folder) for folder, n in name_of.items() if title.startswith(n) or n in title)
    if matches:
        name, folder = max(matches, key=lambda m: len(m[0]))
        return (root / folder / stem).as_posix(), f"标题里的“{name}”已登记，编号 {folder.split('/', 1)[1].replace('/', '-')}。"
    return ((root / "<省级代码>" / "<行政区划代码>" / "<机构简称>" / stem).as_posix(),
            "标题里的机构还没有登记：可先用 nianbao new-agency 登记机构，再把文件放进它的目录。")


def _close_agencies(root: Path, agency_id: str, limit: int = 3, exclude: str = "") -> list[str]:
    division, _, slug = agency_id.partition("-")
    same_division = registered_agencies(root, division) if DIVISION.fullmatch(division) else []
    same_division = [a for a in same_division if a != exclude]
    close = difflib.get_close_matches(agency_id, same_division, n=limit, cutoff=0.5)
    if close:
        return close
    # Same slug elsewhere in the province, or a similar id anywhere in it.
    province = [a for a in (registered_agencies(root, division[:2]) if division[:2].isdigit() else [])
                if a != exclude]
    same_slug = [a for a in province if a.partition("-")[2] == slug]
    return (same_slug or difflib.get_close_matches(agency_id, province, n=limit, cutoff=0.6))[:limit]


def check_agency(agency: Agency, doc: Document, path: Path) -> list[Finding]:
    """Registry rules for one schema-valid agency.yaml."""
    findings: list[Finding] = []
    shown = agency.path
    division = regions.get(agency.division)
    if division is None:
        findings.append(R_DIVISION.finding(shown, 1, division=agency.division,
                                           hint=division_hint(agency.division, agency.name)))
    elif agency.level not in LEVELS_AT_DIVISION[division.level]:
        expected = "或".join(LEVELS_AT_DIVISION[division.level])
        findings.append(R_LEVEL.finding(shown, doc.line("level"), level=agency.level, division=regions.describe(
            agency.division), division_level=regions.LEVEL_ZH[division.level], expected=expected))
    if agency.parent:
        findings += check_parent(agency, doc, _root_of(path))
    return findings


def check_parent(agency: Agency, doc: Document, root: Path) -> list[Finding]:
    parent = agency.parent or ""
    pdiv, _, pslug = parent.partition("-")
    line = doc.line("parent")
    if parent == agency.id:
        return [R_PARENT.finding(agency.path, line, parent=parent, expected="另一个机构",
                                 hint="上级机构不能是本机构自己。")]
    if DIVISION.fullmatch(pdiv) and SLUG.fullmatch(pslug):
        expected = agency_path(root, pdiv, pslug)
        if expected.is_file():
            return []
        shown_expected = _rel(expected)
    else:
        shown_expected = "对应的 agency.yaml"
    close = _close_agencies(root, parent, exclude=agency.id)
    if close:
        hint = "已登记的相近机构：" + "、".join(close) + "。"
    else:
        hint = "请先登记上级机构（nianbao new-agency），或删除 parent。"
    return [R_PARENT.finding(agency.path, line, parent=parent, expected=shown_expected, hint=hint)]


def missing_agency_hint(root: Path, loc: Location) -> str:
    """Suggestions for AGENCY-01 (a report whose folder has no agency.yaml)."""
    parts: list[str] = []
    if not regions.is_valid(loc.division):
        parts.append(f"另外，行政区划代码 {loc.division} 不存在。" + division_hint(loc.division))
    siblings = [a.partition("-")[2] for a in registered_agencies(root, loc.division)]
    close = difflib.get_close_matches(loc.slug, siblings, n=3, cutoff=0.4)
    place = regions.describe(loc.division) if regions.is_valid(loc.division) else loc.division
    if close:
        parts.insert(0, f"{place} 下已登记的相近机构：{'、'.join(close)}。是不是放错了目录？")
    elif siblings:
        parts.insert(0, f"{place} 下已登记：{'、'.join(siblings[:10])}。如是新机构，请先用 nianbao new-agency 登记。")
    else:
        elsewhere = _close_agencies(root, loc.agency_id)
        if elsewhere:
            parts.insert(0, f"其他区划下的相近机构：{'、'.join(elsewhere)}。是不是区划代码写错了？")
        parts.append(f"如是新机构，请先登记：nianbao new-agency --division {loc.division} --slug {loc.slug} …")
    return "".join(parts)


RULES = (R_DIVISION, R_PARENT, R_LEVEL)
