"""The format definitions are the single source: check their internal consistency."""
from __future__ import annotations

import pytest

from nianbao.formats import FORMATS, expected_format
from nianbao.formats.national import CORNER


def test_2021_requests_table_shape_matches_national_template():
    t = FORMATS["gov2021"].table("requests")
    assert len(t.rows) == 25 and len(t.blocks[0].columns) == 7  # 175 cells
    assert [c.label for c in t.blocks[0].columns] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t.corner == CORNER


def test_2019_differs_from_2021_only_in_other_handling_rows():
    r19 = [r.label for r in FORMATS["gov2019"].table("requests").rows]
    r21 = [r.label for r in FORMATS["gov2021"].table("requests").rows]
    assert len(r19) == 23
    assert [x for x in r21 if x not in r19] == [r.label for r in FORMATS["gov2021"].table("requests").rows
                                                 if r.code.startswith("r3_6_")]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_identity_reads_existing_cells(fmt):
    for table in FORMATS[fmt].tables:
        for rule in table.rules:
            assert rule.identities, rule.id
            for ident in rule.identities:
                for term in ident.left + ident.right:
                    row = table.row(term.row)
                    assert term.column in {c.code for c in row.columns}, (rule.id, term)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_row_and_column_codes_are_unique_ascii(fmt):
    for table in FORMATS[fmt].tables:
        codes = [r.code for r in table.rows]
        assert len(codes) == len(set(codes))
        for r in table.rows:
            assert r.code.isascii() and r.code.replace("_", "").isalnum()
            cols = [c.code for c in r.columns]
            assert len(cols) == len(set(cols))


def test_every_cell_of_table_three_and_four_is_in_some_error_identity():
    for fmt in ("gov2021", "gov2019"):
        for code in ("requests", "review"):
            t = FORMATS[fmt].table(code)
            covered = {(term.row, term.column) for rule in t.rules if rule.severity == "error"
                       for i in rule.identities for term in i.left + i.right}
            cells = {(r.code, c.code) for r in t.rows for c in r.columns}
            assert cells <= covered


@pytest.mark.parametrize("year,fmt", [(2010, "local"), (2013, "local"), (2014, "legacy2014"), (2018, "legacy2014"), (2019, "gov2019"),
                                      (2020, "gov2019"), (2021, "gov2021"), (2024, "gov2021")])
def test_expected_format_by_year(year, fmt):
    assert expected_format(year) == fmt
