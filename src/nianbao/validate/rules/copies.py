"""COPY-01: a report whose narrative copies another report's (雷同).

The 2021 national notice names copied reports as grounds for accountability. Each report's
narrative (preamble and sections) is compared with the same agency's earlier years and with
other agencies' reports of the same year, once what every report must carry is taken out:

normalise   drop the sentences of statutory boilerplate (本报告根据…编制, 现公布…, 本报告包括…,
            统计期限自…至…, 本报告电子版可在…查阅, 如对本报告有任何疑问…, contact lines); drop the
            titles of the 条例 and of notices on disclosure and annual reports, document numbers,
            web addresses and the national section headings; keep letters only (NFKC), so numbers,
            whitespace and punctuation go and a copy with its numbers changed still matches.
shingles    every K consecutive characters of the normalised text.
signature   one-permutation MinHash of the shingles that begin with one of a fixed, pseudo-random
            quarter of the characters (content-defined, so a passage has the same ones wherever it
            stands; a quarter of the hashing, the estimate as good, see tests/test_copies.py):
            each shingle's zlib.crc32 (stable across processes and runs, unlike hash()); its low
            bits choose one of BINS bins, each bin keeps its smallest hash, and an empty bin takes
            the next non-empty bin's (rotation densification). Made in the per-report pass and
            carried in Facts beside the zlib-compressed normalised text, which exact
            verification reads (all shingles, not only the anchored ones).
candidates  same year: LSH banding, BANDS bands of ROWS bins; reports that agree on a whole band
            are candidates (a bucket of many is walked in windows of WINDOW). Same agency: every
            earlier year. A candidate whose estimated similarity reaches THRESHOLD - MARGIN is
            verified exactly: the Jaccard similarity of the two shingle sets; COPY-01 fires at
            THRESHOLD.
common      a hash that is the bin value of more than COMMON_SHARE of a year's reports (and of
            more than COMMON_MIN) is a shingle nearly every report has, boilerplate the normaliser
            missed. It is masked in the signatures, so it fills no LSH bucket with every report of
            the year, and estimates are taken over the bins neither report has masked; the exact
            comparison leaves it out too. Finding them costs one counter per bin for one year at a
            time, never a table of all shingles: memory grows with the signatures alone. Common
            shingles that are never a bin's minimum still count in the exact score, far below
            THRESHOLD.

Where findings land: a copy of an earlier year is the later report's problem, and only the
most similar earlier year is named (a chain of copies names each step once). A copy between
agencies of one year is on both reports, each naming the other (which copied which is not
known), at most MAX_SAME_YEAR per report, the most similar first. A pair is reported when
either report is among the validated ones. Narratives shorter than MIN_CHARS characters after
normalisation are not compared: saying nearly nothing is not copying.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
import zlib
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass
from operator import eq
from typing import Any, Callable

from ...findings import PUBLISHER, STAGE_CORPUS, WARNING, Check, Finding, Rule
from ...formats import FORMATS

K = 9  # shingle length, in characters of the normalised text
BINS = 128  # one-permutation MinHash bins (the low 7 bits of a 32-bit hash)
_BIN = BINS - 1
SURVIVORS = 4 * BINS  # hashes a signature is drawn from (see signature())
ANCHOR_EVERY = 4  # signatures are made of the shingles that begin with one character in four
_ANCHOR_RANGES = ((0x41, 0x5B), (0x61, 0x7B), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
ROWS = 3  # LSH: bins per band
BANDS = BINS // ROWS  # 42 bands; P(candidate) = 1 - (1 - s^3)^42: 0.996 at s = 0.5, 0.005 at s = 0.05
THRESHOLD = 0.5  # Jaccard similarity at which COPY-01 fires: two thirds of each of two equal texts shared
MARGIN = 0.15  # candidates estimated at THRESHOLD - MARGIN or more are verified (3 standard errors at 0.5)
MIN_CHARS = 200  # normalised characters below which a narrative is not compared
COMMON_SHARE = 0.02  # a bin value held by more than this share of a year's reports is common …
COMMON_MIN = 50  # … and by more than this many
WINDOW = 50  # each member of an LSH bucket is compared with the next WINDOW members
MAX_SAME_YEAR = 3  # same-year findings per report
PREVIOUS, SAME_YEAR = "previous", "same_year"
_CACHE = 64  # shingle sets kept for verification
_TEXT = "gb18030"  # how the normalised text is kept: a fifth smaller than UTF-8 once compressed

R_COPY = Rule(
    "COPY-01", WARNING, STAGE_CORPUS, "与其他报告雷同",
    "正文与{relation} {other_file}（{other_title}）雷同：去掉套话、数字和标点后，{k} 字片段的相似度为 {percent}"
    "（阈值 {threshold}），本报告有 {same_chars} 字（{share}）与之相同。年报应如实写本年度、本机关的情况；"
    "若确为各自撰写或原文确实如此，请在 acknowledged 中说明。",
    formula=f"去掉章节标题、法定套话（条例名称、编制依据、统计期限、电子版查阅、联系方式）、文号、网址、数字、空白和标点后，"
            f"把正文切成 {K} 字的片段；两份报告共有的片段数 ÷ 两份报告合起来的不同片段数（Jaccard 相似度）≥ {THRESHOLD:.0%} 时提示。"
            f"与本机关以前各年度（只提最相似的一年，记在后一年的报告上）和同年度其他机关的报告（记在两份报告上，每份最多 "
            f"{MAX_SAME_YEAR} 项）比较；同年度 {COMMON_SHARE:.0%} 以上的报告都有的片段不计；正文不足 {MIN_CHARS} 字的不比较。"
            "单独核对几个文件时，只与一同核对的报告和本机关其他年度的报告比较",
    party=PUBLISHER,
    public="这份报告的正文与{relation}《{other_title}》雷同：去掉套话、数字和标点后相似度为 {percent}，有 {same_chars} 字相同。",
)
RULES = (R_COPY,)


# ---- normalisation ---------------------------------------------------------------------------
# The patterns read the printed text, full-width or not; NFKC is applied to what is kept (the
# letters), which is quick: the letters of a Chinese text are almost always NFKC already.
_END = "。;；!！?？\n"
_SENTENCE = re.compile(f"[^{_END}]+[{_END[:-1]}]?")
_BOILERPLATE_SENTENCE = re.compile(
    r"统计(?:期限|时限|时段|区间)|电子版|如对本(?:年度)?报告|如有(?:任何)?疑问|联系(?:电话|地址|方式)|邮政编码|邮编"
    r"|请与.{0,40}?联系|现(?:将|予|向社会)?公布|报告如下"
    r"|本(?:年度)?报告(?:主要|内容)?(?:包括|由|分为|共分)"
    r"|本(?:年度)?报告.{0,60}?(?:根据|依据|按照)"
    r"|(?:根据|依据|按照).{0,200}?(?:编制|制作|撰写|形成)(?:了|完成)?本(?:年度)?报告")
_HEADINGS = sorted({h for f in FORMATS.values() for s in f.sections for h in (s.heading, s.heading.split("、", 1)[-1])},
                   key=len, reverse=True)
_PHRASES = re.compile("|".join((
    r"《[^《》\n]{0,120}?(?:政府信息公开|政务公开|信息公开工作|年度报告)[^《》\n]{0,120}?》",
    r"[(（][^()（）\n]{0,20}〔\d{4}〕[^()（）\n]{0,8}[)）]|〔\d{4}〕\d+号",  # document numbers
    r"https?://[!-~]+", r"www\.[!-~]+",
    *map(re.escape, _HEADINGS))))
# Letters; and the CJK radicals, which NFKC turns into the characters they look like (PDF text).
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u2e80-\u2fdf])+")


def _nfkc(text: str) -> str:
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def narrative_text(preamble: Any, sections: list) -> str:
    """The narrative a reader reads: the preamble and every section's text."""
    return "\n\n".join([preamble if isinstance(preamble, str) else ""] + [s.text or "" for s in sections])


def normalise(text: str) -> str:
    """The text that is compared: letters only (NFKC), boilerplate out."""
    kept = "\n".join(s for s in _SENTENCE.findall(text) if not _BOILERPLATE_SENTENCE.search(s))
    key = "".join(_LETTERS.findall(_PHRASES.sub(" ", kept)))
    return key if unicodedata.is_normalized("NFKC", key) else "".join(_LETTERS.findall(_nfkc(key)))


def normalise_mapped(text: str, cut: str = "") -> tuple[str, list[int]]:
    """normalise(), with the offset in `text` of each character kept (for showing passages).
    With `cut`, that character stands where words were left out (boilerplate, headings), so
    that a shared passage shown does not run across them."""
    key: list[str] = []
    where: list[int] = []
    end = 0
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if _BOILERPLATE_SENTENCE.search(sentence):
            continue
        blanked = _PHRASES.sub(lambda p: " " * len(p.group()), sentence)
        for run in _LETTERS.finditer(blanked):
            start = m.start() + run.start()
            if cut and where and _LETTERS.search(text, end, start):
                key.append(cut)
                where.append(start)
            end = start + len(run.group())
            for i, ch in enumerate(run.group(), start):
                folded = ch if ch < "\x80" else _nfkc(ch)
                for c in folded:
                    if _LETTERS.fullmatch(c):
                        key.append(c)
                        where.append(i)
    return "".join(key), where


# ---- per report: the signature ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Narrative:
    """What the corpus pass needs of one report's narrative (carried in Facts)."""

    signature: bytes  # BINS unsigned 32-bit values (array 'I')
    text: bytes  # the normalised text, GB 18030 (a Unicode encoding, two bytes a character), zlib
    chars: int  # its length
    line: int | None  # where the narrative starts in the file


def shingles(key: str) -> list[str]:
    """Every K consecutive characters of `key`."""
    return [key[i:i + K] for i in range(len(key) - K + 1)]


def shingle_hash(shingle: str) -> int:
    return zlib.crc32(shingle.encode("utf-8"))


@functools.cache
def _anchored() -> re.Pattern[str]:
    """The shingles that begin with one of a fixed pseudo-random quarter of the characters."""
    chars = "".join(chr(c) for lo, hi in _ANCHOR_RANGES for c in range(lo, hi)
                    if shingle_hash(chr(c)) % ANCHOR_EVERY == 0)
    return re.compile(f"(?=([{re.escape(chars)}].{{{K - 1}}}))", re.S)


def signature(key: str) -> array | None:
    """The one-permutation MinHash of `key`'s anchored shingles, densified (see the module's
    docstring); None when no shingle is anchored. Of many shingles, only hashes below a limit
    that leaves about SURVIVORS take part: a bin's minimum is almost always among them."""
    hashes = list(map(zlib.crc32, map(str.encode, _anchored().findall(key))))
    if not hashes:
        return None
    limit = min(1 << 32, (SURVIVORS << 32) // len(hashes))
    small = sorted(filter(limit.__gt__, hashes), reverse=True) or sorted(hashes, reverse=True)
    least = dict(zip(map(_BIN.__and__, small), small))  # bin -> its smallest hash (written last)
    sig = [least.get(j) for j in range(BINS)]
    if len(least) < BINS:  # an empty bin takes the next non-empty bin's value
        following = None
        for j in range(2 * BINS - 1, -1, -1):
            v = sig[j % BINS]
            if v is not None:
                following = v
            elif j < BINS:
                sig[j] = following
    return array("I", sig)


def narrative_of(report: Any) -> Narrative | None:
    """The report's Narrative, or None when there is too little to compare."""
    line = report.doc.line("sections") if report.sections else report.doc.line("preamble")
    return narrative_from_text(narrative_text(report.meta.get("preamble"), report.sections), line)


def narrative_from_text(text: str, line: int | None = None) -> Narrative | None:
    key = normalise(text)
    sig = signature(key) if len(key) >= max(MIN_CHARS, K) else None
    if sig is None:
        return None
    return Narrative(sig.tobytes(), zlib.compress(key.encode(_TEXT), 6), len(key), line)


def estimate(a: array | memoryview, b: array | memoryview) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of bins that agree."""
    return sum(map(eq, a, b)) / BINS


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two normalised texts' shingle sets."""
    sa, sb = set(shingles(a)), set(shingles(b))
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


# ---- across reports -----------------------------------------------------------------------------
def _common(rows: list[memoryview]) -> set[int]:
    """Values that more than COMMON_SHARE (and COMMON_MIN) of these signatures hold in a bin."""
    limit = max(COMMON_MIN, int(COMMON_SHARE * len(rows)))
    if len(rows) <= limit:
        return set()
    out: set[int] = set()
    for column in zip(*rows):
        out.update(v for v, c in Counter(column).items() if c > limit)
    return out


class _Shingled:
    """Shingle lists and sets of the reports being verified, the last few kept."""

    def __init__(self, items: list, common: set[int]) -> None:
        self.items, self.common = items, common
        self.cache: OrderedDict[int, tuple[list[str], set[str]]] = OrderedDict()

    def get(self, i: int) -> tuple[list[str], set[str]]:
        hit = self.cache.get(i)
        if hit is not None:
            self.cache.move_to_end(i)
            return hit
        ordered = shingles(zlib.decompress(self.items[i].narrative.text).decode(_TEXT))
        kept = set(ordered)
        if self.common:
            kept = {s for s in kept if shingle_hash(s) not in self.common}
        self.cache[i] = hit = (ordered, kept)
        if len(self.cache) > _CACHE:
            self.cache.popitem(last=False)
        return hit


def _covered(ordered: list[str], other: set[str]) -> int:
    """Characters of a text covered by its shingles that the other text also has."""
    covered = end = 0
    for i, s in enumerate(ordered):
        if s in other:
            covered += i + K - max(i, end)
            end = i + K
    return covered


@dataclass(frozen=True)
class _Match:
    score: float
    shared: tuple[int, int]  # characters of each report shared with the other


def _verify(shingled: _Shingled, a: int, b: int) -> _Match | None:
    ordered_a, set_a = shingled.get(a)
    ordered_b, set_b = shingled.get(b)
    inter = len(set_a & set_b)
    union = len(set_a) + len(set_b) - inter
    score = inter / union if union else 0.0
    if score < THRESHOLD:
        return None
    return _Match(score, (_covered(ordered_a, set_b), _covered(ordered_b, set_a)))


def _finding(this: Any, other: Any, match: _Match, side: int, kind: str) -> Finding:
    relation = f"本机关 {other.year} 年度的报告" if kind == PREVIOUS else "同年度另一机关的报告"
    shared = match.shared[side]
    return R_COPY.finding(
        this.path, this.narrative.line, cells=("sections",), score=round(match.score, 3), other=other.id,
        other_file=other.path, other_year=other.year, other_title=other.title, relation=relation, kind=kind,
        percent=f"{math.floor(match.score * 100)}%", threshold=f"{THRESHOLD:.0%}", k=K, same_chars=shared,
        share=f"{math.floor(100 * shared / max(this.narrative.chars, 1))}%")


def check_copies(facts: list, selected: set[str]) -> list[Finding]:
    """COPY-01 over `facts` (anything with id, agency_id, year, path, title and narrative)."""
    items = sorted((f for f in facts if getattr(f, "narrative", None) is not None), key=lambda f: f.id)
    if len(items) < 2:
        return []
    views = [memoryview(f.narrative.signature).cast("I") for f in items]
    years: dict[int, list[int]] = {}
    for i, f in enumerate(items):
        years.setdefault(f.year, []).append(i)
    common: set[int] = set()
    for idx in years.values():
        common |= _common([views[i] for i in idx])
    bands = [f.narrative.signature for f in items]
    masks = [0] * len(items)  # bit j: bin j holds a common value
    for i, view in enumerate(views):
        present = common.intersection(view)
        if not present:
            continue
        masked = array("I", view)
        for j in [j for j, v in enumerate(view) if v in present]:
            # a unique value per report and bin: another bin's bits, above them the report's number
            masked[j] = (i << 7 | (j + BINS // 2) % BINS) & 0xFFFFFFFF
            masks[i] |= 1 << j
        bands[i] = masked.tobytes()
        views[i] = memoryview(bands[i]).cast("I")

    def similar(a: int, b: int) -> bool:
        """Whether the estimate, over the bins neither report has masked, warrants verifying."""
        usable = BINS - (masks[a] | masks[b]).bit_count()
        return usable > 0 and sum(map(eq, views[a], views[b])) >= (THRESHOLD - MARGIN) * usable

    shingled = _Shingled(items, common)
    out = _previous_years(items, similar, shingled, selected)
    for idx in years.values():
        out += _same_year(items, idx, similar, bands, shingled, selected)
    return out


def _previous_years(items: list, similar: Callable[[int, int], bool], shingled: _Shingled,
                    selected: set[str]) -> list[Finding]:
    by_agency: dict[str, list[int]] = {}
    for i, f in enumerate(items):
        by_agency.setdefault(f.agency_id, []).append(i)
    out: list[Finding] = []
    for idx in by_agency.values():
        idx.sort(key=lambda i: items[i].year)
        for p, later in enumerate(idx):
            best: tuple[_Match, int] | None = None
            for earlier in idx[:p]:
                if items[earlier].id not in selected and items[later].id not in selected:
                    continue
                if not similar(earlier, later):
                    continue
                match = _verify(shingled, later, earlier)
                # the most similar earlier year; of equals, the latest
                if match and (best is None or match.score >= best[0].score):
                    best = (match, earlier)
            if best:
                out.append(_finding(items[later], items[best[1]], best[0], 0, PREVIOUS))
    return out


def _same_year(items: list, idx: list[int], similar: Callable[[int, int], bool], bands: list[bytes],
               shingled: _Shingled, selected: set[str]) -> list[Finding]:
    if len(idx) < 2:
        return []
    width = 4 * ROWS
    tried: set[tuple[int, int]] = set()  # pairs verified (few: only those whose estimate is high)
    matches: dict[int, list[tuple[float, str, int, _Match, int]]] = {}
    for band in range(BANDS):
        lo = band * width
        buckets: dict[bytes, list[int]] = {}
        for i in idx:
            buckets.setdefault(bands[i][lo:lo + width], []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            for p, a in enumerate(members):
                for b in members[p + 1:p + 1 + WINDOW]:
                    if (a, b) in tried or items[a].agency_id == items[b].agency_id:
                        continue
                    if items[a].id not in selected and items[b].id not in selected:
                        continue
                    if not similar(a, b):
                        continue
                    tried.add((a, b))
                    match = _verify(shingled, a, b)
                    if match:
                        matches.setdefault(a, []).append((-match.score, items[b].id, b, match, 0))
                        matches.setdefault(b, []).append((-match.score, items[a].id, a, match, 1))
    out: list[Finding] = []
    for i, found in sorted(matches.items()):
        for _, _, other, match, side in sorted(found, key=lambda m: m[:2])[:MAX_SAME_YEAR]:
            out.append(_finding(items[i], items[other], match, side, SAME_YEAR))
    return out


COPY_CHECK = Check(check_copies, RULES)
