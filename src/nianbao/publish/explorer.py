"""The compliance explorer's data (explorer.md, overrides/assets/explorer.js): one row per
report, written as compact columnar JSON shards, one per year × province (`2022-51.json`) and
one per year for the whole country (`2022.json`, the same rows again), and a small manifest.

A view fetches the manifest and only the shards its filter needs: a national view of one year
loads that year's national shard (one request), a region's view its province's shards. The
manifest holds what every view needs: the vocabularies, the rule table, the division tree
(names and parents of every region with a page) and each shard's year, province ("" for the
national one), rows, bytes and hash, so the page can show exact counts and stay within
VIEW_BUDGET bytes.

Shard format (version 1), n rows sorted by division and agency slug. "Dense" columns have n
entries; "sparse" ones are flat [row step, value, row step, value, ...], a row step being the row
index minus the previous entry's (the first: the index itself). Tables of distinct values list
the most frequent first, so the common ones get the shortest numbers.

    y, p, n   year, province (the division code's first 2 digits), rows
    s         strings: agency slugs, and agency names or what follows the division's name
    D         the deadline (ISO date) for each of kinds, and the last for an unknown kind
    A         agencies, flat pairs [slug (index into s), 2 × name index + 1 when the name is the
              division's name followed by this string]
    K         flat pairs [index in levels, index in kinds] (past the end: unknown)
    d         dense: division code minus the previous row's (the first: the code)
    a, k      dense: index into A, into K
    P         dense: 发布日期 in days after the deadline (negative: before it); null unknown
    Q         dense: 落款日期 in days after the deadline, minus P (when known); null unknown
    L         sparse: lateness (Lateness) of rows not on time by their 发布日期: 2 × days late + 1
              when counted from the 落款日期, or -1 when unknown
    F         sparse rows with findings: [row step, group, count, group, count, ...], a group
              being 8 × rule index + 2 × severity index + 1 when acknowledged (原文如此)
    T         sparse: statistics tables not published as tables, bit 2i (missing) and 2i + 1
              (image only) for the manifest's table i
    C         sparse: copy score, the highest `score` of the report's COPY_RULE findings

Files are written deterministically: same corpus, same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..validate.rules.copies import R_COPY
from ..corpus import Corpus
from ..deadlines import DATED, PUBLISHED, deadline, parse_date
from ..findings import ERROR, INFO, WARNING
from ..formats import FORMATS, TABLE_CODES
from ..regions import level_of, parent_region, province_of, region_name
from ..validate.registry import REGISTRY
from ..vocabulary import KINDS, LEVELS

VERSION = 1
MANIFEST = "index.json"
VIEW_BUDGET = 500_000  # bytes a view may load: the manifest and its shards
COPY_RULE = R_COPY.id  # 雷同: a report copied from another (its findings carry params["score"])
SEVERITIES = (ERROR, WARNING, INFO)
NOT_TABLE = ("missing", "image")  # table statuses the explorer lists, in bit order
REGION_LEVELS = ("province", "city", "county")
NATIONAL = ""  # the province of a year's national shard
_SHARD = re.compile(r"\d{4}(-\d{2})?\.json")
_DIVISION = re.compile(r"\d{6}")


@dataclass(frozen=True)
class ExplorerRow:
    id: str
    agency_id: str
    division: str
    slug: str
    name: str
    level: str | None
    kind: str | None
    year: int
    published: dt.date | None
    dated: dt.date | None
    deadline: dt.date
    days_late: int | None
    late_basis: str | None  # PUBLISHED, DATED, or None when neither date is known
    findings: tuple[tuple[str, str, bool, int], ...]  # (rule, severity, acknowledged, count), sorted
    tables: tuple[tuple[str, str], ...]  # (table code, "missing" | "image") of tables not printed as tables
    copy_score: float | int | None

    def count(self, severity: str) -> int:
        """Findings of `severity`, those acknowledged as printed (原文如此) included: on a built site
        every error is acknowledged, and it is the publisher's."""
        return sum(n for _, sev, _, n in self.findings if sev == severity)

    @property
    def copied(self) -> bool:
        return any(rule == COPY_RULE for rule, *_ in self.findings)


@dataclass(frozen=True)
class ExplorerStats:
    rows: int
    files: int  # shards and the manifest
    bytes: int
    manifest_bytes: int
    largest: tuple[str, int]  # the largest shard: file name, bytes


def _score(params: dict) -> float | int | None:
    v = params.get("score")
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def explorer_rows(corpus: Corpus) -> list[ExplorerRow]:
    """Every report of the corpus, by division, agency and year."""
    rows = []
    for r in corpus.reports.values():
        agency = corpus.agency_of(r)
        kind = agency.kind if agency else None
        late = corpus.lateness(r)
        groups: dict[tuple[str, str, bool], int] = {}
        scores = []
        for f in corpus.by_report.get(r.id, []):
            key = (f.rule, f.severity, f.acknowledged)
            groups[key] = groups.get(key, 0) + 1
            if f.rule == COPY_RULE and _score(f.params) is not None:
                scores.append(_score(f.params))
        tables = tuple((code, t.status) for code in TABLE_CODES
                       if (t := r.tables.get(code)) is not None and t.status in NOT_TABLE)
        rows.append(ExplorerRow(
            r.id, r.agency_id, r.division, r.agency_id.split("-", 1)[1], agency.name if agency else r.agency_id,
            agency.level if agency else None, kind, r.year, parse_date(r.published), parse_date(r.dated),
            deadline(r.year, kind), late.days, late.basis,
            tuple(sorted((rule, sev, ack, n) for (rule, sev, ack), n in groups.items())),
            tables, max(scores) if scores else None))
    rows.sort(key=lambda x: (x.division, x.slug, x.year))
    return rows


# ---- the manifest's tables -------------------------------------------------------------------
def rule_table(rows: list[ExplorerRow]) -> list[list]:
    """[id, Chinese title, severity] of every registered rule and any other rule a finding names."""
    ids = set(REGISTRY) | {rule for row in rows for rule, *_ in row.findings}
    return [[rid, REGISTRY[rid].title if rid in REGISTRY else "", REGISTRY[rid].severity if rid in REGISTRY else ""]
            for rid in sorted(ids)]


def table_list() -> list[list[str]]:
    """[code, short name (表二), title] of every format's statistics tables, in printed order."""
    out = []
    for code in TABLE_CODES:
        table = next(f.table(code) for f in FORMATS.values() if f.has_table(code))
        numeral, sep, _ = table.title.partition("、")
        out.append([code, "表" + numeral if sep else table.title, table.title])
    return out


def _region_level(code: str) -> int:
    level = level_of(code)
    if level in REGION_LEVELS:
        return REGION_LEVELS.index(level)
    if level == "national" or code.endswith("0000"):
        return 0
    return 1 if code.endswith("00") else 2


def region_tree(corpus: Corpus) -> dict[str, list]:
    """Every region with a page, by code: c (code steps), n (names), u (own index minus the
    parent's, 0 at the top) and l (0 province, 1 city, 2 county)."""
    codes = sorted(corpus.regions)
    index = {c: i for i, c in enumerate(codes)}
    steps, parents = [], []
    prev = 0
    for i, c in enumerate(codes):
        steps.append(int(c) - prev)
        prev = int(c)
        up = parent_region(c)
        parents.append(i - index[up] if up in index and up != c else 0)
    return {"c": steps, "n": [region_name(c) for c in codes], "u": parents, "l": [_region_level(c) for c in codes]}


# ---- shards ----------------------------------------------------------------------------------
def _sparse(pairs: list[tuple[int, object]]) -> list:
    out, prev = [], 0
    for i, v in pairs:
        out += [i - prev, v]
        prev = i
    return out


def _by_frequency(keys: list) -> dict:
    """Distinct keys -> index, the most frequent first (then in order of appearance): the
    common ones get the shortest numbers."""
    counts: dict = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    order = sorted(counts, key=lambda key: -counts[key])  # stable: ties keep their first appearance
    return {key: i for i, key in enumerate(order)}


def encode_shard(year: int, province: str, rows: list[ExplorerRow], rules: dict[str, int],
                 tables: dict[str, int]) -> dict:
    """One shard's columns (the module docstring gives the format)."""
    agencies, combos = [], []
    for row in rows:
        if not _DIVISION.fullmatch(row.division):
            raise ValueError(f"not a division code: {row.division!r}")
        place = region_name(row.division)
        prefixed = row.name.startswith(place) and len(row.name) > len(place)
        agencies.append((row.slug, row.name[len(place):] if prefixed else row.name, prefixed))
        combos.append((LEVELS.index(row.level) if row.level in LEVELS else len(LEVELS),
                       KINDS.index(row.kind) if row.kind in KINDS else len(KINDS)))
    agency_index, combo_index = _by_frequency(agencies), _by_frequency(combos)
    strings: dict[str, int] = {}
    for slug, name, _ in agency_index:
        strings.setdefault(slug, len(strings))
        strings.setdefault(name, len(strings))
    d, a, k, p, q = [], [], [], [], []
    late, found, not_table, copy = [], [], [], []
    prev = 0
    for i, row in enumerate(rows):
        d.append(int(row.division) - prev)
        prev = int(row.division)
        a.append(agency_index[agencies[i]])
        k.append(combo_index[combos[i]])
        pub = None if row.published is None else (row.published - row.deadline).days
        p.append(pub)
        q.append(None if row.dated is None else (row.dated - row.deadline).days - (pub or 0))
        if row.days_late is None:
            late.append((i, -1))
        elif row.days_late or row.late_basis != PUBLISHED:
            late.append((i, 2 * row.days_late + (row.late_basis == DATED)))
        if row.findings:
            found.append((i, [c for rule, sev, ack, n in row.findings
                              for c in (8 * rules[rule] + 2 * SEVERITIES.index(sev) + ack, n)]))
        mask = sum(1 << (2 * tables[code] + NOT_TABLE.index(status)) for code, status in row.tables)
        if mask:
            not_table.append((i, mask))
        if row.copy_score is not None:
            copy.append((i, row.copy_score))
    steps, last = [], 0
    for i, groups in found:
        steps.append([i - last, *groups])
        last = i
    kinds = (*KINDS, None)
    return {"v": VERSION, "y": year, "p": province, "n": len(rows), "s": list(strings),
            "D": [deadline(year, kind).isoformat() for kind in kinds],
            "A": [x for slug, name, pre in agency_index for x in (strings[slug], 2 * strings[name] + pre)],
            "K": [x for combo in combo_index for x in combo],
            "d": d, "a": a, "k": k, "P": p, "Q": q, "L": _sparse(late), "F": steps, "T": _sparse(not_table),
            "C": _sparse(copy)}


def _dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def shard_name(year: int, province: str) -> str:
    return f"{year}-{province}.json" if province else f"{year}.json"


def write_explorer(corpus: Corpus, out: str | Path) -> ExplorerStats:
    """Write the shards and the manifest into `out` (created if need be; shards of an earlier
    run that the corpus no longer has are removed)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = explorer_rows(corpus)
    rules = rule_table(rows)
    rule_index = {r[0]: i for i, r in enumerate(rules)}
    tables = table_list()
    table_index = {t[0]: i for i, t in enumerate(tables)}
    groups: dict[tuple[int, str], list[ExplorerRow]] = {}
    for row in rows:
        groups.setdefault((row.year, province_of(row.division)[:2]), []).append(row)
        groups.setdefault((row.year, NATIONAL), []).append(row)
    shards, written = [], set()
    largest = ("", 0)
    total = 0
    for (year, province), members in sorted(groups.items()):
        data = _dump(encode_shard(year, province, members, rule_index, table_index))
        name = shard_name(year, province)
        (out / name).write_bytes(data)
        written.add(name)
        shards.append([year, province, len(members), len(data), hashlib.sha256(data).hexdigest()[:8]])
        total += len(data)
        if len(data) > largest[1]:
            largest = (name, len(data))
    for stale in sorted(out.iterdir()):
        if _SHARD.fullmatch(stale.name) and stale.name not in written:
            stale.unlink()
    manifest = _dump({
        "v": VERSION, "budget": VIEW_BUDGET, "total": len(rows), "years": sorted({r.year for r in rows}),
        "levels": list(LEVELS), "kinds": list(KINDS), "severities": list(SEVERITIES), "statuses": list(NOT_TABLE),
        "copy": COPY_RULE, "rules": rules, "tables": tables, "regions": region_tree(corpus), "shards": shards,
    })
    (out / MANIFEST).write_bytes(manifest)
    return ExplorerStats(len(rows), len(shards) + 1, total + len(manifest), len(manifest), largest)


# ---- reading back (tests, bench) --------------------------------------------------------------
def read_manifest(out: str | Path) -> dict:
    return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))


def view_bytes(manifest: dict, manifest_bytes: int, year: int | None = None, province: str | None = None) -> int:
    """Bytes a view of `year` (None: every year) in `province` (two digits; None: national) loads."""
    wanted = NATIONAL if province is None else province
    return manifest_bytes + sum(b for y, p, _, b, _ in manifest["shards"] if (year is None or y == year) and p == wanted)


def _unsparse(flat: list) -> dict[int, object]:
    out, i = {}, 0
    for step, v in zip(flat[::2], flat[1::2]):
        i += step
        out[i] = v
    return out


def decode_shard(data: dict, manifest: dict) -> list[ExplorerRow]:
    """The rows of one shard, as explorer.js reads them."""
    tree = manifest["regions"]
    codes, code = [], 0
    for step in tree["c"]:
        code += step
        codes.append(f"{code:06d}")
    names = dict(zip(codes, tree["n"]))
    rules, tables, strings = manifest["rules"], manifest["tables"], data["s"]
    levels, kinds = manifest["levels"], manifest["kinds"]
    agencies = list(zip(data["A"][::2], data["A"][1::2]))
    combos = list(zip(data["K"][::2], data["K"][1::2]))
    found, i = {}, 0
    for entry in data["F"]:
        i += entry[0]
        found[i] = tuple((rules[c // 8][0], SEVERITIES[c % 8 // 2], bool(c % 2), n)
                         for c, n in zip(entry[1::2], entry[2::2]))
    late, not_table, copy = _unsparse(data["L"]), _unsparse(data["T"]), _unsparse(data["C"])
    rows, division = [], 0
    for i in range(data["n"]):
        division += data["d"][i]
        div = f"{division:06d}"
        slug_at, name_at = agencies[data["a"][i]]
        slug, name = strings[slug_at], strings[name_at // 2]
        if name_at % 2:
            name = names.get(div, div) + name
        level, kind = combos[data["k"][i]]
        limit = dt.date.fromisoformat(data["D"][kind])
        p, q, lt = data["P"][i], data["Q"][i], late.get(i, 0)
        mask = not_table.get(i, 0)
        rows.append(ExplorerRow(
            f"{div}-{slug}-{data['y']}", f"{div}-{slug}", div, slug, name,
            levels[level] if level < len(levels) else None, kinds[kind] if kind < len(kinds) else None, data["y"],
            None if p is None else limit + dt.timedelta(days=p),
            None if q is None else limit + dt.timedelta(days=q + (p or 0)),
            limit, None if lt == -1 else lt // 2, None if lt == -1 else (DATED if lt % 2 else PUBLISHED),
            found.get(i, ()),
            tuple((tables[b // 2][0], NOT_TABLE[b % 2]) for b in range(2 * len(tables)) if mask >> b & 1),
            copy.get(i)))
    return rows


def read_explorer(out: str | Path, national: bool = False) -> list[ExplorerRow]:
    """Every row of a written explorer, in the order explorer_rows gives, from the province
    shards (or, `national`, from each year's national shard)."""
    manifest = read_manifest(out)
    rows = []
    for year, province, *_ in manifest["shards"]:
        if (province == NATIONAL) != national:
            continue
        data = json.loads((Path(out) / shard_name(year, province)).read_text(encoding="utf-8"))
        rows += decode_shard(data, manifest)
    rows.sort(key=lambda x: (x.division, x.slug, x.year))
    return rows
