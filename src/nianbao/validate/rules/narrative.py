"""Numbers the narrative states about applications, review and litigation.

A small, careful extractor: it looks for a keyword (受理, 办结, 上年结转, 行政复议 …)
followed, within the same clause, by a number with a unit (件, 条, 宗 …), or for a plain
negative statement (未收到政府信息公开申请). It reads Arabic numerals only; what it cannot
read with confidence it leaves alone, because a wrong extraction would be a false alarm.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# What the text can state, and how the findings name it: declared with the formats' rows.
from ...formats.base import CARRIED, FORWARD, HANDLED, LITIGATION, NEW, QUANTITY_ZH, REVIEW

__all__ = ["CARRIED", "FORWARD", "HANDLED", "LITIGATION", "NEW", "QUANTITY_ZH", "REVIEW", "extract", "fold_width"]

_UNIT = r"\s*(?:件|条|宗|个|份|起|例)"
_NUM = r"(?P<n>[0-9]+)" + _UNIT
# Characters allowed between a keyword and its number: no clause break, no other number.
_GAP_CHARS = r"[^，,。；;：:！？!?\d\n（()）、]"


# 下年度, 下一年度, or the year itself (结转至2025年): extract() drops sentences naming other years.
_NEXT_YEAR = r"(?:下(?:一)?年度?|(?:19|20)[0-9]{2}\s*年度?)"


def _gap(n: int) -> str:
    return f"(?P<gap>{_GAP_CHARS}{{0,{n}}})"


# A gap that names something else (an outcome, a comparison) is not the quantity itself.
_BAD_GAP = re.compile(r"维持|纠正|纠错|其他结果|尚未|审结|其中|同比|增加|减少|增长|下降|较上|留言|信件|咨询|建议|提案|来信|来电|热线")

# (quantity, pattern) in priority order; a span matched once is not matched again.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((q, re.compile(p)) for q, p in (
    (FORWARD, r"(?:结转|顺延|转入|延续)(?:到|至)?" + _NEXT_YEAR + r"(?:继续)?(?:办理|答复|处理)?" + _gap(8) + _NUM),
    (FORWARD, _NUM + r"(?P<gap>[^，,。；;\d]{0,6}?)(?:顺延|结转|转入|延续)(?:到|至)?" + _NEXT_YEAR),
    (CARRIED, r"(?:上年度?|上一年度?)结转" + _gap(10) + _NUM),
    (REVIEW, r"行政复议(?:申请|案件)?" + _gap(8) + _NUM),
    (LITIGATION, r"行政诉讼(?:案件)?" + _gap(8) + _NUM),
    (NEW, r"(?:新收|收到|受理|接收|接到)" + _gap(16) + _NUM),
    (HANDLED, r"(?:办结|答复|办理完毕|办理完成|办理)" + _gap(12) + _NUM),
))
# Negative statements: the quantity is zero. The text between must hold no number.
_NO_REQUESTS = re.compile(r"(?:未|没有|无)(?:收到|受理|接到|接收)(?:[^，,。；;\d]{0,12})申请")
_NEGATION = re.compile(r"(?:未|没有|无)(?:发生|产生|出现|收到|涉及)?(?P<body>[^，,。；;\d]{0,24}?)(?P<what>行政复议|行政诉讼)"
                       r"(?P<more>[、和及与]行政(?:复议|诉讼))?")
# Applications: only sentences about them feed NEW/HANDLED/CARRIED/FORWARD.
_ABOUT_REQUESTS = re.compile(r"申请")
REQUEST_QUANTITIES = (NEW, CARRIED, HANDLED, FORWARD)
# Figures for a whole region or for all its bodies, not one office's own.
SCOPE = re.compile(r"全(?:省|市|区|县|州|盟|旗|镇|乡)|各级(?:行政机关|政府)|各(?:部门|单位|乡镇|街道|镇|区县|县区)|全系统")
_KEYWORDS = re.compile(r"申请|行政复议|行政诉讼")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")


@dataclass(frozen=True)
class Mention:
    quantity: str
    value: int
    start: int  # offset of the match in the text
    end: int
    quote: str  # the matched words
    wide_scope: bool  # the sentence speaks of a whole region or all its bodies


_HALF_WIDTH = {**{c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)},  # ０-９
               **{c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
               **{c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)},  # ａ-ｚ
               0xFF0E: 0x2E, 0xFF0F: 0x2F, 0x3000: 0x20}  # ．／ and the ideographic space


def fold_width(text: str) -> str:
    """Full-width digits, letters, . / and U+3000 to ASCII; same length, so offsets stay valid.
    Chinese punctuation (，。；（）) is kept: the patterns read it."""
    return text.translate(_HALF_WIDTH) if _WIDE.search(text) else text


_WIDE = re.compile("[" + "".join(chr(c) for c in _HALF_WIDTH) + "]")


def extract(text: str, year: int | None = None) -> list[Mention]:
    """Every quantity stated in `text`, in order. Sentences naming a year other than `year` and
    `year + 1` are skipped: they compare with, or speak of, another year."""
    norm = fold_width(text)
    out: list[Mention] = []
    if not _KEYWORDS.search(norm):
        return out
    for sm in _SENTENCE.finditer(norm):
        sentence = sm.group(0)
        if "申请" not in sentence and "行政" not in sentence:
            continue
        if year is not None and any(int(y) not in (year, year + 1) for y in _YEAR.findall(sentence)):
            continue  # a comparison with another year; the next year may be named as 结转至 Y+1
        base = sm.start()
        wide = bool(SCOPE.search(sentence))
        about_requests = bool(_ABOUT_REQUESTS.search(sentence))
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        for quantity, pattern in _PATTERNS:
            if quantity in REQUEST_QUANTITIES and not about_requests:
                continue
            for m in pattern.finditer(sentence):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                gap = m.group("gap") or ""
                if _BAD_GAP.search(gap):
                    continue
                if quantity == NEW and "申请" not in gap:
                    continue  # "收到留言300条" is not an application count
                taken.append((m.start(), m.end()))
                found.append(Mention(quantity, int(m.group("n")), base + m.start(), base + m.end(),
                                     m.group(0).strip(), wide))
        for m in _NO_REQUESTS.finditer(sentence):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
                found.append(Mention(NEW, 0, base + m.start(), base + m.end(), m.group(0), wide))
        for m in _NEGATION.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            whats = {m.group("what")} | ({m.group("more")[1:]} if m.group("more") else set())
            for what in sorted(whats):
                q = REVIEW if what == "行政复议" else LITIGATION
                found.append(Mention(q, 0, base + m.start(), base + m.end(), m.group(0), wide))
        out += sorted(found, key=lambda x: x.start)
    return out
