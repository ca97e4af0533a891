"""Every declared identity rule fires on a broken cell and stays quiet on consistent data.

Data-driven from the format definitions: a consistent generated corpus supplies one report
per format; each rule's first identity is broken by changing one of its cells.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.formats import FORMATS
from nianbao.load import load_file
from nianbao.validate import validate
from nianbao.write import dump_report

from conftest import private_copy

IDENTITY_RULES = sorted({(f.code, t.code, r.id) for f in FORMATS.values() for t in f.tables for r in t.rules})


@pytest.fixture
def corpus(generated, tmp_path) -> Path:
    """A private copy: tests change files in place."""
    return private_copy(generated(120, 7), tmp_path)


def _report_of(root: Path, fmt: str, table: str) -> Path:
    for path in sorted(root.rglob("*.yaml")):
        if path.name == "agency.yaml":
            continue
        data = load_file(path)[0].data
        t = data.get("tables", {}).get(table)
        if data["format"] == fmt and t and t.get("status", "table") == "table" and "format" not in t:
            return path
    pytest.skip(f"no generated {fmt} report with table {table}")


def test_consistent_corpus_has_no_identity_findings(corpus):
    ids = {r for _, _, r in IDENTITY_RULES}
    found = [f for f in validate([corpus], corpus).findings if f.rule in ids]
    assert found == []


@pytest.mark.parametrize("fmt,table,rule_id", IDENTITY_RULES)
def test_each_identity_rule_fires_on_one_changed_cell(corpus, fmt, table, rule_id, tmp_path):
    path = _report_of(corpus, fmt, table)
    data = load_file(path)[0].data
    definition = FORMATS[fmt].table(table)
    rule = next(r for r in definition.rules if r.id == rule_id)
    ident = rule.identities[0]
    rows = data["tables"][table]["rows"]
    rows.update({t.row: ([0] if not definition.scalar_rows else 0) for t in ident.left + ident.right
                 if t.row not in rows and definition.scalar_rows})  # legacy rows are optional
    term = ident.left[0]
    row = definition.row(term.row)
    index = [c.code for c in row.columns].index(term.column)
    cells = rows[term.row]
    if definition.scalar_rows:
        for t in ident.left + ident.right:  # make the identity complete, then break it
            if rows.get(t.row) is None:
                rows[t.row] = 0
        rows[term.row] = (rows[term.row] or 0) + 1000
    else:
        for t in ident.left + ident.right:
            r = definition.row(t.row)
            i = [c.code for c in r.columns].index(t.column)
            if rows[t.row][i] is None:
                rows[t.row][i] = 0
        cells[index] = cells[index] + 1000
    path.write_text(dump_report(data), encoding="utf-8")
    findings = validate([path], corpus).findings
    hits = [f for f in findings if f.rule == rule_id]
    assert hits, [f.rule for f in findings]
    assert f"{table}.{term.row}.{term.column}" in hits[0].cells
    assert hits[0].line is not None


def test_blank_cells_make_identities_unverifiable_not_failed(corpus):
    path = _report_of(corpus, "gov2021", "requests")
    data = load_file(path)[0].data
    data["tables"]["requests"]["rows"]["r3_1"][0] = None
    path.write_text(dump_report(data), encoding="utf-8")
    findings = validate([path], corpus).findings
    assert not [f for f in findings if f.rule.startswith("T3-")]
    blank = [f for f in findings if f.rule == "CHECK-BLANK"]
    assert blank and blank[0].severity == "info" and "T3-01 1 个" in blank[0].message


def test_publish_date_before_year_end_is_flagged(corpus):
    path = _report_of(corpus, "gov2021", "requests")
    data = load_file(path)[0].data
    data["published"] = f"{data['year']}-06-01"
    path.write_text(dump_report(data), encoding="utf-8")
    assert "META-03" in {f.rule for f in validate([path], corpus).findings}


def test_missing_national_section_is_an_error(corpus):
    path = _report_of(corpus, "gov2021", "requests")
    data = load_file(path)[0].data
    quiet = {f.rule for f in validate([path], corpus).findings}
    assert "STRUCT-01" not in quiet
    data["sections"] = [s for s in data["sections"] if not s["heading"].startswith("五")]
    path.write_text(dump_report(data), encoding="utf-8")
    hits = [f for f in validate([path], corpus).findings if f.rule == "STRUCT-01"]
    assert len(hits) == 1 and "第五节" in hits[0].message


@pytest.mark.parametrize("heading,fires", [
    ("一、总体情兄", True),  # one wrong character
    ("一、 总体 情况", False),  # spacing only
    ("一、总体情况", False),
    ("五、政府信息公开工作存在的主要问题及改进情况", False),  # a real variant (SH2019), not a slip
])
def test_heading_one_or_two_characters_off_is_flagged(corpus, heading, fires):
    path = _report_of(corpus, "gov2021", "requests")
    data = load_file(path)[0].data
    number = "一二三四五六".index(heading[0])
    data["sections"][number]["heading"] = heading
    path.write_text(dump_report(data), encoding="utf-8")
    hits = [f for f in validate([path], corpus).findings if f.rule == "STRUCT-04"]
    assert bool(hits) is fires
    if fires:
        assert hits[0].line == load_file(path)[0].line("sections", number, "heading")
