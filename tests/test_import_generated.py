"""Reports of the national 2021 template built in code (HTML with rowspan/colspan, &nbsp;,
<br> and 200 KB of chrome; the Word template filled with python-docx; a reportlab PDF whose
table 三 runs over a page break; copied text) with random values: every number comes back."""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
import yaml

from nianbao.importers import import_bytes, import_report

_spec = importlib.util.spec_from_file_location("import_build", Path(__file__).parent / "fixtures" / "import" / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["import_build"] = build  # dataclasses look their module up by name
_spec.loader.exec_module(build)


def cell_value(c):
    if isinstance(c, dict):
        return c["value"]
    return None if isinstance(c, str) else c


def assert_recovered(draft: dict, filled, exact_raw: bool = True) -> None:
    for code, rows in filled.printed.items():
        got_rows = draft["tables"][code]["rows"]
        for row, printed in rows.items():
            got = got_rows[row]
            assert [cell_value(c) for c in got] == filled.expected(code, row), (code, row, printed, got)
            for c, text in zip(got, printed):  # a mark like / or — is kept as printed
                if text in ("/", "-", "—"):
                    assert c == text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_html(seed, tmp_path):
    filled = build.random_values(random.Random(seed), blanks=0.1, marks=True)
    result = import_bytes("r.html", build.build_html(filled))
    assert_recovered(result.draft, filled)
    assert result.draft["source"] == {"url": build.URL, "medium": "html"}
    assert result.draft["title"] == build.TITLE and result.draft["published"] == "2024-01-22"
    assert result.draft["dated"] == "2024-01-20"
    assert any("网页中报告正文以外的部分" in s for s in result.stripped)
    assert "栏目导航" not in result.yaml and "版权所有" not in result.yaml


def test_html_in_gbk(tmp_path):
    filled = build.random_values(random.Random(7))
    path = tmp_path / "r.htm"
    path.write_bytes(build.build_html(filled, chrome_size=5000, encoding="gbk"))
    result = import_report(path)
    assert_recovered(result.draft, filled)
    assert result.draft["title"] == build.TITLE


@pytest.mark.parametrize("seed", [4, 5])
def test_docx_template(seed, tmp_path):
    filled = build.random_values(random.Random(seed), blanks=0.1, marks=True)
    result = import_report(build.build_docx(filled, tmp_path / "r.docx"))
    assert_recovered(result.draft, filled)
    assert result.draft["format"] == "gov2021" and result.medium == "docx"
    assert [s["heading"] for s in result.draft["sections"]] == [s.heading for s in build.FMT.sections]


def test_pdf_with_table_split_over_pages(tmp_path):
    from nianbao.importers.document import Grid
    from nianbao.importers.pdf import extract_pdf

    filled = build.random_values(random.Random(11), blanks=0.1, marks=True)
    path = build.build_pdf(filled, tmp_path / "r.pdf")
    pages = {g.where.split("页")[0] for g in extract_pdf(str(path)).blocks
             if isinstance(g, Grid) and any("属于" in c or "予以公开" in c or "结转" in c for r in g.rows for c in r)}
    assert len(pages) >= 2, "table 三 should run over a page break"
    result = import_report(path)
    assert_recovered(result.draft, filled)
    assert all(t.confidence == "high" for t in result.tables)
    assert result.draft["title"] == build.TITLE


def test_copied_text_complete_rows():
    filled = build.random_values(random.Random(21))
    result = import_bytes("r.txt", build.build_text(filled).encode("utf-8"))
    assert_recovered(result.draft, filled)
    assert all(t.confidence == "high" for t in result.tables)


def test_copied_text_in_gb18030():
    filled = build.random_values(random.Random(22))
    result = import_bytes("r.txt", build.build_text(filled).encode("gb18030"))
    assert_recovered(result.draft, filled)


def test_copied_text_with_blanks_never_guesses_silently():
    """Blank cells vanish from copied text; rows that lost cells stay blank or carry the
    documented rule, and the import report says which."""
    filled = build.random_values(random.Random(23), blanks=0.3)
    result = import_bytes("r.txt", build.build_text(filled).encode("utf-8"))
    tables = {t.code: t for t in result.tables}
    for code, rows in filled.printed.items():
        got_rows = result.draft["tables"][code]["rows"]
        for row, printed in rows.items():
            got = [cell_value(c) for c in got_rows[row]]
            if all(printed) or not any(printed):
                assert got == filled.expected(code, row)
            elif any(g is not None for g in got):
                assert any(row_label in g for g in tables[code].guessed
                           for row_label in [build.FMT.table(code).row(row).label])
    assert any(t.unplaced or t.guessed for t in tables.values())
    assert all(t.confidence == "low" for t in tables.values() if t.unplaced or t.guessed)


def test_draft_yaml_round_trips(tmp_path):
    filled = build.random_values(random.Random(31), blanks=0.1, marks=True)
    result = import_bytes("r.html", build.build_html(filled, chrome_size=2000))
    assert yaml.safe_load(result.yaml)["tables"] == result.draft["tables"]
    assert not [f for f in result.findings if f.rule.startswith("SCHEMA")]


@pytest.mark.parametrize("seed", [3, 4])
def test_pdf_without_rulings_places_nothing_wrongly(seed, tmp_path):
    """A table drawn without lines: pdfplumber finds no table, rows come as text lines with
    column gaps. Wrapped labels interleave with the cells; what cannot be tied to a row
    stays blank and is reported, and no cell holds another cell's number."""
    filled = build.random_values(random.Random(seed), blanks=0.05)
    result = import_report(build.build_pdf(filled, tmp_path / "r.pdf", ruled=False))
    placed = 0
    for code, rows in filled.printed.items():
        got_rows = result.draft["tables"][code].get("rows", {})
        for row in rows:
            expected = filled.expected(code, row)
            got = [cell_value(c) for c in got_rows.get(row, [None] * len(expected))]
            for g, e in zip(got, expected):
                assert g is None or g == e, (code, row, got, expected)
                placed += g is not None
    assert placed > 100  # most rows still come back
    licensing = result.draft["tables"]["proactive"]["rows"]["licensing"]
    assert [cell_value(c) for c in licensing] == filled.expected("proactive", "licensing")
    assert any(t.unplaced for t in result.tables) or result.warnings
