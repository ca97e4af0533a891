"""Every declared identity rule fires on a broken cell and stays quiet on consistent data.

Data-driven from the format definitions: a consistent generated corpus supplies one report
per format; each rule's first identity is broken by changing one of its cells.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.formats import FORMATS
from nianbao.formats.base import PREVIOUS_YEAR, THIS_YEAR
from nianbao.load import load_file
from nianbao.validate import validate
from nianbao.write import dump_report

from conftest import private_copy

IDENTITY_RULES = sorted({(f.code, t.code, r.id) for f in FORMATS.values() for t in f.tables for r in t.rules})


@pytest.fixture
def corpus(generated, tmp_path) -> Path:
    """A private copy: tests change files in place."""
    return private_copy(generated(120, 7), tmp_path)


def _report_of(root: Path, fmt: str, table: str, previous: bool = False) -> Path:
    """A report of `fmt` printing `table` in that format; with `previous`, one whose agency's
    previous year does too (identities across years read both)."""
    def prints(path: Path) -> bool:
        if not path.is_file():
            return False
        data = load_file(path)[0].data
        t = data.get("tables", {}).get(table)
        return data["format"] == fmt and bool(t) and t.get("status", "table") == "table" and "format" not in t

    for path in sorted(root.rglob("*.yaml")):
        if path.name == "agency.yaml" or not prints(path):
            continue
        if not previous or prints(path.with_name(f"{int(path.stem) - 1}.yaml")):
            return path
    pytest.skip(f"no generated {fmt} report with table {table}")


def test_consistent_corpus_has_no_identity_findings(corpus):
    ids = {r for _, _, r in IDENTITY_RULES}
    found = [f for f in validate([corpus], corpus).findings if f.rule in ids]
    assert found == []


@pytest.mark.parametrize("fmt,table,rule_id", IDENTITY_RULES)
def test_each_identity_rule_fires_on_one_changed_cell(corpus, fmt, table, rule_id, tmp_path):
    definition = FORMATS[fmt].table(table)
    rule = next(r for r in definition.rules if r.id == rule_id)
    ident = rule.identities[0]
    path = _report_of(corpus, fmt, table, previous=rule.across_years)
    files = {THIS_YEAR: path, PREVIOUS_YEAR: path.with_name(f"{int(path.stem) - 1}.yaml")}
    docs = {year: load_file(p)[0].data for year, p in files.items() if year in {t.year for t in ident.terms}}
    for year, data in docs.items():  # make the identity complete, then break it
        rows = data["tables"][table]["rows"]
        for t in ident.terms:
            if t.year != year:
                continue
            if definition.scalar_rows:
                if rows.get(t.row) is None:
                    rows[t.row] = 0  # legacy rows are optional
            else:
                i = [c.code for c in definition.row(t.row).columns].index(t.column)
                if rows[t.row][i] is None:
                    rows[t.row][i] = 0
    term = ident.left[0]  # raising a left term breaks '=' and '<=' alike
    rows = docs[term.year]["tables"][table]["rows"]
    if definition.scalar_rows:
        rows[term.row] = rows[term.row] + 1000
    else:
        rows[term.row][[c.code for c in definition.row(term.row).columns].index(term.column)] += 1000
    for year, data in docs.items():
        files[year].write_text(dump_report(data), encoding="utf-8")
    findings = validate([path], corpus).findings
    hits = [f for f in findings if f.rule == rule_id]
    assert hits, [f.rule for f in findings]
    cell = f"{table}.{term.row}.{term.column}"
    assert cell in hits[0].cells or any(c.endswith(":" + cell) for c in hits[0].cells), hits[0].cells
    assert hits[0].line is not None and hits[0].file == str(path) or hits[0].file.endswith(path.name)


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
