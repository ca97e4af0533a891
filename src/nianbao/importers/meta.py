"""Metadata of a report read from its page: title, year, dates, 索引号, 文号, signature."""
from __future__ import annotations

import re
from collections import Counter

from .document import Line
from .segment import Segmented
from .text_norm import compact, nfkc

_SPACES = re.compile(r"\s+")
_DATE_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[:：]")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_TITLE_IN_TEXT = re.compile(r"([^\s,，。;；:：()（）《》、“”]{2,40}?(?:19|20)\d{2}年度?政府信息公开(?:工作)?年度报告)")
_LEADING_VERB = re.compile(r"^(?:现将|现予|现|特|予以)?(?:公布|发布|印发|编制)")
_FIELD_NAMES = ("索引号", "标题", "名称", "发文字号", "文号", "发文机关", "发布机构", "成文日期", "发文日期",
                "发布日期", "发布时间", "信息来源", "来源", "主题分类", "公开方式", "公开范围", "公开时限", "时效",
                "有效性", "责任部门", "栏目", "浏览次数", "时间", "日期")
_FIELD_SPLIT = re.compile("(" + "|".join(sorted(_FIELD_NAMES, key=len, reverse=True)) + r")[:：]")


def iso_date(text: str) -> str | None:
    m = _DATE_ISO.search(compact(text))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def read_fields(lines: list[str]) -> dict[str, str]:
    """`索 引 号: bgs/2022-00005  发文机关: …` → {索引号: …, 发文机关: …}."""
    out: dict[str, str] = {}
    for line in lines:
        text = compact(line).replace("|", " ")
        parts = _FIELD_SPLIT.split(text)
        for name, value in zip(parts[1::2], parts[2::2]):
            value = value.strip(" |")
            if value and name not in out:
                out[name] = value
    return out


def _title_from_lines(seg: Segmented) -> tuple[str | None, list[int]]:
    """A title printed as its own line(s) before the report starts."""
    pre = seg.preamble
    found: list[tuple[str, list[int]]] = []
    for i, line in enumerate(pre[:6]):
        t = compact(line.text)
        if "年度报告" in t and len(t) <= 60 and not t.endswith("。") and "(以下" not in t:
            # a title whose agency or year is on the line above; a title that already names
            # its agency keeps the line above out (a breadcrumb such as 政府信息公开)
            if i > 0 and re.match(r"^(?:(?:19|20)\d{2}|政府信息公开)", t):
                prev = compact(pre[i - 1].text)
                if len(prev) <= 24 and not re.search(r"[。，,;；:：]", prev) and "年度报告" not in prev:
                    found.append((prev + t, [i - 1, i]))
                    continue
            found.append((t, [i]))
    if not found:
        return None, []
    # a page may print a generic "2022年政府信息公开工作年度报告" above the agency's own
    # title: prefer a title that names the agency, and drop the generic line with it
    named = [f for f in found if not re.match(r"^(?:19|20)\d{2}", f[0])]
    title, idx = (named or found)[0]
    extra = [j for t, ix in found for j in ix if t != title and t in title and j not in idx]
    return title, idx + extra


def read_meta(seg: Segmented, page_meta: dict[str, str]) -> tuple[dict, list[str]]:
    """Metadata for the draft, and notes about where each value came from."""
    notes: list[str] = []
    fields = read_fields(seg.fields)
    meta: dict = {}
    title = page_meta.get("title") or fields.get("标题") or fields.get("名称")
    title_lines: list[int] = []
    line_title, idx = _title_from_lines(seg)
    if line_title:
        title_lines = idx
        title = title or line_title
    if not title:
        for _, line in seg.narrative()[:5]:
            m = _TITLE_IN_TEXT.search(nfkc(line.text))
            if m:
                title = _LEADING_VERB.sub("", m.group(1))
                notes.append("标题取自开头说明中的报告名称，请核对")
                break
    for i in sorted(title_lines, reverse=True):
        del seg.preamble[i]
    if title:
        meta["title"] = _SPACES.sub("", title)
    year = None
    if title:
        m = re.search(r"((?:19|20)\d{2})\s*年", nfkc(title))
        year = int(m.group(1)) if m else None
    if year is None:
        text = " ".join(ln.text for _, ln in seg.narrative()[:40])
        years = Counter(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年度?", nfkc(text)))
        if years:
            year = years.most_common(1)[0][0]
            notes.append(f"年度 {year} 是正文中最常出现的年份，请核对")
    if year:
        meta["year"] = year
    published = page_meta.get("published") or fields.get("发布日期") or fields.get("发布时间") \
        or fields.get("发文日期") or fields.get("时间") or fields.get("日期")
    if published and iso_date(published):
        meta["published"] = iso_date(published)
    dated = fields.get("成文日期")
    if dated and iso_date(dated):
        meta["dated"] = iso_date(dated)
    if fields.get("索引号"):
        meta["index_no"] = fields["索引号"]
    doc_no = fields.get("发文字号") or fields.get("文号")
    if doc_no:
        meta["doc_no"] = doc_no
    return meta, notes


def take_signature(seg: Segmented) -> tuple[str | None, str | None, list[Line]]:
    """The closing signature and date (落款), removed from the narrative with what follows
    them in the same section (a dangling 图解:, contact lines)."""
    holders = [seg.sections[-1].lines] if seg.sections else []
    holders.append(seg.preamble)
    for lines in holders:
        for i in range(len(lines) - 1, -1, -1):
            t = compact(lines[i].text)
            m = _DATE_LINE.match(t)
            if not m:
                continue
            y, mo, d = (int(g) for g in m.groups())
            signature = None
            start = i
            if i > 0:
                prev = compact(lines[i - 1].text)
                if len(prev) <= 40 and not re.search(r"[。，,;；:：]", prev):
                    signature, start = prev, i - 1
            trailing = lines[i + 1:]
            while start > 0 and _ATTACHMENT.match(nfkc(lines[start - 1].text).strip()):
                start -= 1  # "附件：…" lists an attachment; the attached table is read as a table
                trailing.insert(0, lines[start])
            del lines[start:]
            return signature, f"{y:04d}-{mo:02d}-{d:02d}", trailing
    return None, None, []
