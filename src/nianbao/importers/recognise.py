"""The recogniser: one for every medium. Reads the neutral blocks with the format
definitions and returns the draft report data plus what it found and could not read."""
from __future__ import annotations

from typing import Any

from ..formats import FORMATS, expected_format, legacy_format, local_format, national_tables, newest
from .document import Extracted, Grid, Line
from .meta import read_meta, take_signature
from .result import ImportResult, TableImport
from .segment import Section, heading_numeral, segment
from .tables import TOTAL_LAST_RULE, Collected, FoundRow, collect, decide_format, place
from .text_norm import read_cell, strip_controls, traditional_share
from .vocab import NATIONAL, vocabulary

NATIONAL_TABLES = national_tables()
SECTION_OF_TABLE = {"proactive": 2, "requests": 3, "review": 4}


def _table_section(sections: list[Section], code: str) -> Section | None:
    for s in sections:
        if heading_numeral(s.heading) == SECTION_OF_TABLE[code]:
            return s
    return None


def _cells(found: FoundRow | None, n: int, label: str, info: TableImport, total_last: bool = False) -> list[Any]:
    if found is None:
        info.missing_rows.append(label)
        return [None] * n
    placed = place(found.values, n, found.positional, total_last and found.values_first)
    if placed.guessed:
        info.guessed.append(f"{found.where}“{label}”：{placed.guessed}")
    if not placed.ok:
        info.unplaced.append(f"{found.where}“{label}”：{placed.problem}")
        return [None] * n
    return _read_cells(placed.cells, f"{found.where}“{label}”", info)


def _read_cells(texts: list[str | None], where: str, info: TableImport) -> list[Any]:
    """Placed cell texts as YAML cells; unclear readings are noted against `where`."""
    out = []
    for text in texts:
        reading = read_cell(text)
        if reading.warning:
            info.warnings.append(f"{where}：{reading.warning}")
        if reading.value is not None:
            info.cells_filled += 1
        out.append(reading.yaml)
    return out


def _confidence(info: TableImport) -> str:
    if info.unplaced or info.guessed:
        return "low"
    if info.missing_rows or info.warnings:
        return "medium"
    return "high"


def _national_table(col: Collected, code: str, fmt: str, report_fmt: str, info: TableImport) -> dict:
    table = FORMATS[fmt].table(code)
    info.rows_expected = len(table.rows)
    rows: dict[str, Any] = {}
    if code == "review":
        n = sum(len(r.columns) for r in table.rows)
        placed = place(col.review_values, n, col.review_positional)
        flat: list[Any] = [None] * n
        if placed.ok:
            flat = _read_cells(placed.cells, col.review_where, info)
            info.rows_found = len(table.rows) if col.review_values else 0
        else:
            info.unplaced.append(f"{col.review_where}：{placed.problem}")
        if not col.review_values:
            info.missing_rows.append("数值行")
        i = 0
        for r in table.rows:
            rows[r.code] = flat[i:i + len(r.columns)]
            i += len(r.columns)
        info.cells_total = n
    else:
        found = col.rows.get((fmt, code), {})
        info.rows_found = len(found)
        total_last = table.blocks[0].columns[-1].code == "total"
        for r in table.rows:
            rows[r.code] = _cells(found.get(r.code), len(r.columns), r.label, info, total_last)
            info.cells_total += len(r.columns)
    out: dict[str, Any] = {}
    if fmt != report_fmt:
        out["format"] = fmt
    notes = []
    if info.guessed:
        notes.append(TOTAL_LAST_RULE + "按此规则推定的行：" + "；".join(info.guessed) + "。")
    if info.unplaced:
        notes.append("导入时无法确定位置、已留空的单元格：" + "；".join(info.unplaced) + "。")
    if notes:
        out["note"] = "\n\n".join(notes)
    out["rows"] = rows
    return out


def _legacy_table(col: Collected, info: TableImport) -> dict:
    legacy = legacy_format()
    table = legacy.tables[0]
    found = col.rows.get((legacy.code, table.code), {})
    info.rows_expected = len(table.rows)
    info.rows_found = len(found)
    rows: dict[str, Any] = {}
    for r in table.rows:
        if r.code in found:
            rows[r.code] = _cells(found[r.code], 1, r.label, info)[0]
            info.cells_total += 1
    out: dict[str, Any] = {}
    if info.unplaced:
        out["note"] = "导入时无法确定的单元格：" + "；".join(info.unplaced)
    out["rows"] = rows
    return out


def _without_controls(doc: Extracted) -> int:
    """Remove control characters from every line and cell (a stray ESC or form feed from a
    web page or a PDF would make the draft unreadable YAML); how many were removed."""
    removed = 0
    for block in doc.blocks:
        if isinstance(block, Line):
            block.text, n = strip_controls(block.text)
            removed += n
        elif isinstance(block, Grid):
            for row in block.rows:
                for i, cell in enumerate(row):
                    row[i], n = strip_controls(cell)
                    removed += n
    for k, v in doc.meta.items():
        doc.meta[k], n = strip_controls(v)
        removed += n
    return removed


def recognise(doc: Extracted, source: str) -> ImportResult:
    vocab = vocabulary()
    controls = _without_controls(doc)
    seg = segment(doc, vocab)
    meta, meta_notes = read_meta(seg, doc.meta)
    signature, dated, trailing = take_signature(seg)
    col = collect(seg.rows, vocab)
    result = ImportResult(source, doc.medium, {}, "")
    result.stripped = list(seg.stripped)
    if controls:
        result.stripped.append(f"原文中的 {controls} 个不可见控制字符（不是正文内容）")
    result.unrecognised = list(col.unknown_labels)
    result.warnings += meta_notes
    share = traditional_share("".join(b.text for b in doc.blocks if isinstance(b, Line))
                              + "".join(c for b in doc.blocks if isinstance(b, Grid) for r in b.rows for c in r))
    if share > 0.03:
        result.warnings.append("原文是繁体字，多半是转载的镜像网页（镜像常改动文字、夹带无关内容）："
                               "表格标签已按简体对照识别，正文保留原样；请尽量改用发布机关网站上的简体原文")
    result.warnings += [f"表格中有数值但找不到所属的行：{s}" for s in col.stray_values]
    result.warnings += [f"重复出现的行，后一次未采用：{s}" for s in col.duplicates]
    for line in trailing:
        result.warnings.append(f"{line.where}：落款之后的文字未录入：{line.text[:60]}")

    year = meta.get("year")
    legacy = legacy_format()
    default = expected_format(year) if year else newest().code
    legacy_rows = len(col.rows.get((legacy.code, legacy.tables[0].code), {}))
    table_formats: dict[str, tuple[str | None, str]] = {}
    fallback = default if FORMATS[default].national else newest().code
    for code in NATIONAL_TABLES:
        table_formats[code] = decide_format(col, code, fallback)
        if code == "proactive" and table_formats[code][0] in NATIONAL \
                and table_formats[code][1] == "由表中标签判断":
            # table 二 differs between the formats in every block; when the labels of 三 fit
            # both formats (a table cut short, an empty one), the report's own 二 decides
            fallback = table_formats[code][0]
    if legacy_rows >= 3:
        report_fmt, how = legacy.code, "由统计表的指标名称判断"
    elif table_formats["proactive"][0]:
        report_fmt, how = table_formats["proactive"][0], "由表二的标签判断"
    elif table_formats["requests"][0]:
        report_fmt, how = table_formats["requests"][0], "由表三的标签判断"
    elif default != legacy.code and year:
        report_fmt, how = default, f"原文没有可识别的统计表，按年度 {year} 推定"
    else:
        report_fmt, how = ((local_format().code, "原文没有全国统一格式的统计表，按地方格式记录") if year
                           else (default, "按默认格式推定"))
    result.found.append(f"报告格式：{FORMATS[report_fmt].title}（{how}）")

    draft: dict[str, Any] = {"format": report_fmt}
    draft["year"] = year if year else 0
    if not year:
        result.missing.append("报告年度（请填写 year）")
    draft["title"] = meta.get("title") or ""
    if not meta.get("title"):
        result.missing.append("报告标题（请填写 title）")
    for k in ("published", "dated"):
        if k in meta:
            draft[k] = meta[k]
    if dated and "dated" not in draft:
        draft["dated"] = dated
    if signature:
        draft["signature"] = signature
    for k in ("index_no", "doc_no"):
        if k in meta:
            draft[k] = meta[k]
    source_info: dict[str, Any] = {}
    if doc.meta.get("url"):
        source_info["url"] = doc.meta["url"]
    source_info["medium"] = doc.medium
    draft["source"] = source_info
    if "url" not in source_info:
        result.missing.append("原文网址（source.url）：原文中没有，请补上")
    if seg.preamble:
        draft["preamble"] = "\n\n".join(ln.text for ln in seg.preamble)
    draft["sections"] = [{"heading": s.heading, "text": "\n\n".join(ln.text for ln in s.lines)}
                         for s in seg.sections]
    if not seg.sections:
        result.missing.append("章节标题：原文中没有找到“一、……”式的章节标题，正文全部放在开头说明里")

    for label, key_ in (("标题", "title"), ("发布日期", "published"), ("落款日期", "dated"),
                        ("落款单位", "signature"), ("索引号", "index_no"), ("文号", "doc_no")):
        if draft.get(key_):
            result.found.append(f"{label}：{draft[key_]}")
    result.found.append(f"章节：{len(seg.sections)} 个" + (
        "（" + "、".join(s.heading[:12] for s in seg.sections) + "）" if seg.sections else ""))

    tables: dict[str, Any] = {}
    if report_fmt == legacy.code:
        table = legacy.tables[0]
        info = TableImport(table.code, table.title, legacy.code, "table", 0, 0, 0, 0, "none",
                           "由统计表的指标名称判断")
        tables[table.code] = _legacy_table(col, info)
        info.confidence = _confidence(info)
        result.tables.append(info)
    elif report_fmt in NATIONAL:
        for code in NATIONAL_TABLES:
            fmt, why = table_formats[code]
            title = FORMATS[report_fmt].table(code).title
            review_seen = code == "review" and (col.review_values or "review" in col.tables_seen)
            if review_seen:
                fmt, why = report_fmt, "表四两种格式相同"
            if fmt is None or (code == "review" and not review_seen):
                section = _table_section(seg.sections, code)
                # a heading with nothing under it: the table was an image; a heading over
                # a table whose labels were not recognised is not an image
                status = "image" if section is not None and not section.lines and not section.table_rows \
                    else "missing"
                info = TableImport(code, title, None, status, 0, len(FORMATS[report_fmt].table(code).rows),
                                   0, 0, "none")
                if status == "image":
                    tables[code] = {"status": "image",
                                    "note": "原文此处只有标题，表格未以文字发布（可能是图片或附件），数值未能导入。"}
                    result.missing.append(f"{title}：标题下没有表格（可能以图片发布），已标为 image")
                elif section is not None and section.table_rows:
                    tables[code] = {"status": "missing",
                                    "note": "原文此处有表格，但其标签不是全国统一格式的标签，数值未能导入；"
                                            "请对照原文填写，或记入 local_tables。"}
                    result.missing.append(f"{title}：标题下的表格标签无法识别，数值未导入")
                else:
                    tables[code] = {"status": "missing"}
                    result.missing.append(f"{title}：原文中没有找到此表")
                result.tables.append(info)
                continue
            info = TableImport(code, title, fmt, "table", 0, 0, 0, 0, "none", why)
            tables[code] = _national_table(col, code, fmt, report_fmt, info)
            info.confidence = _confidence(info)
            result.tables.append(info)
            if fmt != report_fmt:
                result.found.append(f"{title}：按{FORMATS[fmt].title}（与报告其余部分不同，已写明 format）")
    if tables:
        draft["tables"] = tables
    result.draft = draft
    return result
