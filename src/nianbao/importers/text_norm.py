"""Normalisation of printed text for matching, and honest reading of table cells.

Matching keys are NFKC-normalised (full-width digits and brackets, Kangxi radical
look-alikes), with every space and line break removed, `1、` read as `1.` and 合计 as
总计. A cell becomes a number only when its whole text is that number.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_ENUM = re.compile(r"^(\d{1,2})[、.,，．]")
_NUMBERED = re.compile(r"^\d{1,2}\.")


# Traditional forms of the characters printed in the national labels and headings. Mirror
# sites republish reports in Traditional characters (format README §6 #12); matching keys read
# them as the Simplified original. Only keys are converted: the draft keeps the printed text.
_TRADITIONAL = str.maketrans(
    "萬專業個為爲舉眾會傳體關決況減務動區單參發員國圍處復複審對屬應廢開強當徑總執護報據時權條構標"
    "濟熱現穩類糾納線組織經結絡統繼續維編繳網罰職輿範獲規補計認訓議許訟設訪訴詢請讀談負責購費轉輯"
    "過這進錯門問聞閱隱項題額駁數內與後於製採從機幾兩實說產態鎮鄉縣區劃際辦廳處級據",
    "万专业个为为举众会传体关决况减务动区单参发员国围处复复审对属应废开强当径总执护报据时权条构标"
    "济热现稳类纠纳线组织经结络统继续维编缴网罚职舆范获规补计认训议许讼设访诉询请读谈负责购费转辑"
    "过这进错门问闻阅隐项题额驳数内与后于制采从机几两实说产态镇乡县区划际办厅处级据")
_TRADITIONAL_ONLY = re.compile("[萬專業個為舉眾會傳體關況減務動區單參發員國圍處復複審對屬應廢開強當總執護報據時權條構標"
                               "現類組織經結統續維編網職範規補計認議許訟設訪訴請讀負責費轉過這進門問閱項題額數與後於]")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def compact(text: str) -> str:
    """NFKC text without any whitespace: printed fields and dates often carry stray spaces."""
    return _SPACE.sub("", nfkc(text))


def key(text: str) -> str:
    """The matching key of a printed label."""
    k = compact(text).replace("\u200b", "").replace("\ufeff", "").translate(_TRADITIONAL)
    k = _ENUM.sub(r"\1.", k)
    k = k.replace("合计", "总计").replace("“", '"').replace("”", '"')
    return k.rstrip("|:")


def unnumbered(k: str) -> str:
    """A key without its leading `1.` enumeration."""
    return _NUMBERED.sub("", k)


def has_number_prefix(k: str) -> bool:
    return bool(_NUMBERED.match(k))


# C0/C1 control characters other than tab and line breaks: never content, and YAML forbids them
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def strip_controls(text: str) -> tuple[str, int]:
    """The text without control characters, and how many were removed."""
    return _CONTROLS.subn("", text)


def clean_line(text: str) -> str:
    """A narrative line: NBSP and ideographic spaces at the edges removed, inner text kept."""
    return text.replace("\xa0", " ").strip(" \t\r\n\u3000\ufeff\u200b")


# ---- cells ------------------------------------------------------------------------------------
NOT_APPLICABLE = {"/", "-", "--", "—", "——", "－", "／", "―", "─", "N/A", "n/a", "无", "/ ", "\\"}
UNITS = ("万元", "元", "件", "条", "个", "项", "人次", "人", "次", "篇", "宗")
_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = re.compile(rf"^{_NUM}$")
_NUMBER_UNIT = re.compile(rf"^({_NUM})\s*({'|'.join(UNITS)})$")


@dataclass(frozen=True)
class CellReading:
    yaml: object  # what goes into the draft: int | float | None | str | {value, raw}
    value: float | int | None
    raw: str  # the printed text, stripped
    warning: str | None = None  # Chinese, when the reading deserves a look


def _number(text: str) -> int | float:
    plain = text.replace(",", "")
    return float(plain) if "." in plain else int(plain)


def _cell_text(text: str) -> str:
    # NFKC, edges trimmed; spaces inside are kept: "1710497 0" is two numbers, never 17104970
    return nfkc(text).strip()


def is_value_like(text: str) -> bool:
    """Could this printed cell be a table value (number, blank, not-applicable mark)?"""
    s = _cell_text(text)
    return s == "" or s in NOT_APPLICABLE or bool(_NUMBER.match(s) or _NUMBER_UNIT.match(s))


def split_values(text: str) -> list[str] | None:
    """Several values run together in one cell by text extraction ("1710497 0")."""
    parts = text.split()
    if len(parts) >= 2 and all(is_value_like(p) and p.strip() for p in parts):
        return parts
    return None


def is_unit(text: str) -> bool:
    return compact(text) in UNITS


def read_cell(text: str | None) -> CellReading:
    """The draft value of one printed cell. Never invents: blank is None, not 0."""
    raw = (text or "").replace("\xa0", " ").strip(" \t\r\n\u3000")
    s = _cell_text(raw)
    if s == "":
        return CellReading(None, None, "")
    if _NUMBER.match(s):
        value = _number(s)
        if raw == str(value) or (isinstance(value, float) and raw == s and "," not in s):
            return CellReading(value, value, raw)
        return CellReading({"value": value, "raw": raw}, value, raw)
    m = _NUMBER_UNIT.match(s)
    if m:
        value = _number(m.group(1))
        return CellReading({"value": value, "raw": raw}, value, raw,
                           f"单元格“{raw}”带有单位“{m.group(2)}”，已记下数值 {value} 并保留原文")
    if s in NOT_APPLICABLE:
        return CellReading(raw, None, raw)
    return CellReading(raw, None, raw, f"单元格“{raw}”不是数字，按原文保留，数值留空")


def traditional_share(text: str) -> float:
    """The share of Han characters that exist only in Traditional script (a mirror copy)."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return len(_TRADITIONAL_ONLY.findall(text)) / han if han else 0.0
