"""Findings as a contributor reads them: each names the cell by its printed labels, sits on
the right line, and a change to one year shows up when either year is validated."""
from __future__ import annotations

import re
from pathlib import Path

from nianbao.validate.registry import REGISTRY
from nianbao.generate import generate_corpus
from nianbao.validate import validate

EXAMPLE = Path("51/510727/zfb")


def _line_of(path: Path, start: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(start):
            return i
    raise AssertionError(start)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fallback(message: str, rule: str) -> bool:
    """Rule.finding falls back to 'title（{params}）' when a template field is missing."""
    return message.startswith(REGISTRY[rule].title + "（{")


def test_stale_acknowledgement_names_rule_and_cells(content_copy: Path) -> None:
    report = content_copy / EXAMPLE / "2024.yaml"
    with report.open("a", encoding="utf-8") as f:
        f.write("acknowledged:\n  - rule: T3-02\n    cells: [requests.r1.total]\n    note: 原文如此\n")
    result = validate([report], content_copy)
    stale = [f for f in result.findings if f.rule == "ACK-01"]
    assert len(stale) == 1
    assert "acknowledged 第 1 项（T3-02：requests.r1.total）没有对应的核对结果" in stale[0].message
    assert stale[0].cells == ("requests.r1.total",)
    assert stale[0].report == "510727-zfb-2024"
    assert stale[0].line == _line_of(report, "- rule: T3-02")


def test_long_sums_are_named_by_their_first_and_last_cell(content_copy: Path) -> None:
    report = content_copy / EXAMPLE / "2024.yaml"
    _replace(report, "r3_4_1: [2, 5, 0, 0, 0, 0, 7]", "r3_4_1: [2, 5, 0, 0, 0, 0, 8]")
    result = validate([report], content_copy)
    by_rule = {f.rule: f for f in result.findings if f.severity == "error"}
    assert set(by_rule) == {"T3-01", "T3-03"}
    row = by_rule["T3-03"]
    assert row.line == _line_of(report, "r3_4_1:")
    assert row.message.startswith("三（四）1 × 总计：")
    assert "三（四）1 × 总计 = 8，三（四）1 × 自然人…其他（6 列之和） = 7，相差 1" in row.message
    column = by_rule["T3-01"]
    assert column.line == _line_of(report, "r3_7:")
    assert "三（七） × 总计 = 15，三（一）…三（六）3 × 总计（21 行之和） = 16，相差 1" in column.message
    assert "各项之和" not in row.message + column.message


def test_forgotten_row_is_reported_where_it_belongs(content_copy: Path) -> None:
    report = content_copy / EXAMPLE / "2024.yaml"
    text = report.read_text(encoding="utf-8")
    forgotten = next(line for line in text.splitlines() if line.lstrip().startswith("r3_3_8:"))
    report.write_text(text.replace(forgotten + "\n", ""), encoding="utf-8")
    result = validate([report], content_copy)
    [missing] = [f for f in result.findings if f.rule == "SCHEMA-REQUIRED"]
    assert missing.line == _line_of(report, "r3_3_7:")
    assert "缺少必填项“r3_3_8”（（三）不予公开 8.属于行政查询事项）。请把它写在“r3_3_7”这一行之后。" in missing.message


def _two_years(root: Path) -> tuple[Path, Path]:
    """The example agency with a 2023 report whose 结转下年度 differs from 2024's 上年结转."""
    later = root / EXAMPLE / "2024.yaml"
    earlier = later.with_name("2023.yaml")
    text = later.read_text(encoding="utf-8")
    text = text.replace("year: 2024", "year: 2023").replace('dated: "2025-01-21"', 'dated: "2024-01-21"')
    text = text.replace("r4:     [1, 0, 0, 0, 0, 0, 1]", "r4:     [2, 0, 0, 0, 0, 0, 2]")
    text = text.replace("r3_7:   [10, 5, 0, 0, 0, 0, 15]", "r3_7:   [9, 5, 0, 0, 0, 0, 14]")
    text = text.replace("r3_1:   [1, 0, 0, 0, 0, 0, 1]", "r3_1:   [0, 0, 0, 0, 0, 0, 0]")
    earlier.write_text(text, encoding="utf-8")
    return earlier, later


def test_carry_over_break_shows_when_the_earlier_year_is_validated(content_copy: Path) -> None:
    earlier, later = _two_years(content_copy)
    for selected in (later, earlier):
        result = validate([selected], content_copy)
        carry = [f for f in result.findings if f.rule == "T3-05"]
        assert [f.cells[0] for f in carry] == ["requests.r2.natural", "requests.r2.total"], selected.name
        assert all(f.file.endswith("2024.yaml") and f.report == "510727-zfb-2024" for f in carry)
        assert all(f.line == _line_of(later, "r2:") for f in carry)
        message = carry[0].message
        assert "2023 年度报告（" in message and "2023.yaml）的 四 × 自然人 = 2，相差 2" in message, message
        assert result.ok  # warnings only


def test_acknowledgement_in_the_later_year_holds_when_the_earlier_is_validated(content_copy: Path) -> None:
    earlier, later = _two_years(content_copy)
    with later.open("a", encoding="utf-8") as f:
        f.write("acknowledged:\n  - rule: T3-05\n    cells: [requests.r2.natural]\n    note: 原文如此\n")
    result = validate([earlier], content_copy)
    carry = {f.cells[0]: f for f in result.findings if f.rule == "T3-05"}
    assert carry["requests.r2.natural"].acknowledged and carry["requests.r2.natural"].note == "原文如此"
    assert not carry["requests.r2.total"].acknowledged
    assert "ACK-01" not in {f.rule for f in result.findings}


def test_no_finding_falls_back_to_its_raw_parameters(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    generate_corpus(80, root, seed=7, error_rate=0.5)
    stale = next(iter(sorted(root.rglob("2022.yaml"))))
    with stale.open("a", encoding="utf-8") as f:
        f.write("acknowledged:\n  - rule: T4-01\n    note: 原文如此\n")
    result = validate([root], root)
    assert {f.rule for f in result.findings} - {"STRUCT-03"}, "the corpus should have findings"
    broken = [(f.rule, f.message) for f in result.findings if _fallback(f.message, f.rule)]
    assert broken == []
    assert not any(re.search(r"\{[a-z_]+\}", f.message) for f in result.findings)
