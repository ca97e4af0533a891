"""The passages a report shares with another (COPY-01), side by side on its page.

Only the flagged pairs are compared here, and only when a page is written: both narratives
are normalised as the check does (normalise_mapped keeps each character's place in the
printed text), the runs of common shingles are found with difflib.SequenceMatcher and
shown as printed, this report's passage beside the other's; what differs inside a passage
(mostly the numbers a copy changed) is marked. Every piece of text is escaped.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from ..corpus import Corpus
from ..findings import Finding
from ..model import Report
from ..validate.rules.copies import K, R_COPY, narrative_text, normalise_mapped
from .escape import esc, rel
from .pages import report_md
from .slots import Slots

MIN_PASSAGE = 20  # normalised characters: shorter common runs are not shown
GAP = 8  # runs this close in both texts are shown as one passage
MAX_PASSAGES = 40  # per finding
_MARK_LIMIT = 5000  # passages longer than this are shown without marking what differs
_EDGE = 12  # numbers and punctuation taken in at a passage's ends
_CUT_A, _CUT_B = "\x00", "\x01"
_CUTS = {_CUT_A, _CUT_B}
_BREAKS = re.compile(r"\s*\n\s*")  # a passage across paragraphs: one line break between them
_TOKEN = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*|.", re.S)  # what is marked: a number whole, else a character


def _runs(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Common passages of two normalised texts: (start in a, end in a, start in b, end in b)."""
    sa = [a[i:i + K] for i in range(len(a) - K + 1)]
    sb = [b[i:i + K] for i in range(len(b) - K + 1)]
    out: list[list[int]] = []
    for i, j, n in SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks():
        if not n:
            continue
        ea, eb = i + n + K - 1, j + n + K - 1
        if (out and i - out[-1][1] <= GAP and j - out[-1][3] <= GAP
                and _CUTS.isdisjoint(a[out[-1][1]:i]) and _CUTS.isdisjoint(b[out[-1][3]:j])):
            out[-1][1], out[-1][3] = max(out[-1][1], ea), max(out[-1][3], eb)
        else:
            out.append([i, ea, j, eb])
    return [(p, q, r, s) for p, q, r, s in out if q - p >= MIN_PASSAGE]


def _edge(ch: str) -> bool:
    return ch != "\n" and unicodedata.category(ch)[0] in "NP"


def _span(text: str, where: list[int], start: int, end: int) -> str:
    """The printed text of normalised characters start..end, with the numbers and closing
    punctuation next to it (a number that begins or ends a passage is part of it)."""
    lo, hi = where[start], where[end - 1] + 1
    for _ in range(_EDGE):
        if lo > 0 and text[lo - 1].isdigit():
            lo -= 1
    for _ in range(_EDGE):
        if hi < len(text) and _edge(text[hi]):
            hi += 1
    return _BREAKS.sub("\n", text[lo:hi].strip())


def passages(this: str, other: str) -> list[tuple[str, str]]:
    """(this report's passage, the other's) for every passage the two narratives share."""
    ka, wa = normalise_mapped(this, _CUT_A)  # marks that never match: a passage ends where words were left out
    kb, wb = normalise_mapped(other, _CUT_B)
    return [(_span(this, wa, p, q), _span(other, wb, r, s)) for p, q, r, s in _runs(ka, kb)]


def _html(tokens: list[str]) -> str:
    return esc("".join(tokens)).replace("\n", "<br>")


def marked(a: str, b: str) -> tuple[str, str]:
    """Both passages as HTML, what differs between them in <mark> (a number as a whole)."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if len(ta) > _MARK_LIMIT or len(tb) > _MARK_LIMIT:
        return _html(ta), _html(tb)
    out_a: list[str] = []
    out_b: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag == "equal":
            out_a.append(_html(ta[i1:i2]))
            out_b.append(_html(tb[j1:j2]))
            continue
        if i2 > i1:
            out_a.append(f"<mark>{_html(ta[i1:i2])}</mark>")
        if j2 > j1:
            out_b.append(f"<mark>{_html(tb[j1:j2])}</mark>")
    return "".join(out_a), "".join(out_b)


def _one(n: int, f: Finding, r: Report, corpus: Corpus, page: str) -> str:
    other = corpus.reports.get(str(f.params.get("other", "")))
    number = f'<a href="#finding-{n}">[{n}]</a>'
    if other is None:
        return (f'<p class="nb-note">{number} 对方报告 {esc(f.params.get("other", ""))}'
                f'（{esc(f.params.get("other_file", ""))}）不在本站，无法对照。</p>')
    link = f'<a href="{esc(rel(page, report_md(other)))}">{esc(other.title)}</a>'
    found = passages(narrative_text(r.meta.get("preamble"), r.sections),
                     narrative_text(other.meta.get("preamble"), other.sections))
    shown = found[:MAX_PASSAGES]
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in (marked(x, y) for x, y in shown))
    more = f"另有 {len(found) - len(shown)} 段未列出。" if len(found) > len(shown) else ""
    return (f'<p class="nb-note">{number} 与 {link}（{other.year}年度）相同的文字共 {len(found)} 段。{more}'
            "左为本报告，右为对方报告；<mark>标记</mark>处两者不同，多为改动过的数字。比较时不计标点、数字和各报告都有的套话。</p>"
            f'<table class="nb-copy"><thead><tr><th scope="col">本报告</th><th scope="col">{link}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def copies_section(r: Report, numbered: list[tuple[int, Finding]], corpus: Corpus, page: str,
                   slots: Slots) -> list[str]:
    """The report page's section of shared passages, one part per COPY-01 finding; [] without any."""
    parts = [_one(n, f, r, corpus, page) for n, f in numbered if f.rule == R_COPY.id]
    if not parts:
        return []
    return ["## 与其他报告相同的文字", "",
            slots.put('<div class="nb-copies" data-pagefind-ignore>' + "".join(parts) + "</div>"), ""]
