"""The import report in Chinese, as text for the terminal (the CLI only echoes it)."""
from __future__ import annotations

from ..formats import FORMATS
from .result import ImportResult

CONFIDENCE_ZH = {"high": "高", "medium": "中", "low": "低", "none": "—"}
STATUS_ZH = {"table": "已录入", "image": "只有图片", "missing": "没有此表"}
MAX_ITEMS = 12


def _items(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    out = [f"{title}（{len(items)}）："]
    out += [f"  - {x}" for x in items[:MAX_ITEMS]]
    if len(items) > MAX_ITEMS:
        out.append(f"  - ……另有 {len(items) - MAX_ITEMS} 项")
    return out


def summary_text(result: ImportResult, written_to: str | None = None) -> str:
    medium = {"html": "网页", "pdf": "PDF", "docx": "Word 文档", "text": "网页文字"}.get(result.medium, result.medium)
    lines = [f"导入报告：{result.source}（{medium}）"]
    if written_to:
        lines.append(f"草稿已写入 {written_to}")
    lines += _items("找到", result.found)
    lines.append("各表：")
    for t in result.tables:
        fmt = FORMATS[t.format].title if t.format else "—"
        cells = f"，数值单元格 {t.cells_filled}/{t.cells_total}" if t.cells_total else ""
        rows = f"，行 {t.rows_found}/{t.rows_expected}" if t.status == "table" else ""
        lines.append(f"  {t.title}：{STATUS_ZH.get(t.status, t.status)}（{fmt}{rows}{cells}），"
                     f"可信度 {CONFIDENCE_ZH[t.confidence]}" + (f"；格式{t.how}" if t.how else ""))
        for label, items in (("缺少的行", t.missing_rows), ("无法确定位置、已留空", t.unplaced),
                             ("按推定规则放置（请核对）", t.guessed), ("单元格提示", t.warnings)):
            for x in items[:MAX_ITEMS]:
                lines.append(f"    · {label}：{x}")
            if len(items) > MAX_ITEMS:
                lines.append(f"    · {label}：……另有 {len(items) - MAX_ITEMS} 项")
    lines += _items("缺少（请在草稿中补上）", result.missing)
    lines += _items("已去除的网页杂项和无关内容", result.stripped)
    lines += _items("表格中未识别的文字", result.unrecognised)
    lines += _items("提示", result.warnings)
    blocking = [f for f in result.findings if f.blocking]
    lines.append(f"核对草稿：{len(result.findings)} 条结果，其中 {len(blocking)} 条须处理")
    for f in result.findings[:30]:
        lines.append(f"  [{f.rule}] {f.message}")
    if len(result.findings) > 30:
        lines.append(f"  ……另有 {len(result.findings) - 30} 条")
    lines.append("这是草稿：请对照原文逐项核对，补上缺少的信息，放入 content/<省>/<区划代码>/<机构>/<年度>.yaml 后运行 nianbao validate。")
    return "\n".join(lines)
