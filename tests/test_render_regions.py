"""Region pages follow the division table's tree, not the digits of a code."""
from __future__ import annotations

from nianbao.render.corpus import parent_region, region_chain


def test_municipality_districts_sit_under_the_province():
    assert region_chain("110101") == ["110000", "110101"]  # no statistical 110100 "市辖区" page
    assert parent_region("110101") == "110000"


def test_ordinary_county_has_province_city_county():
    assert region_chain("510727") == ["510000", "510700", "510727"]
    assert parent_region("510727") == "510700" and parent_region("510700") == "510000"
    assert parent_region("510000") is None


def test_unknown_code_falls_back_to_the_digits():
    assert region_chain("510799") == ["510000", "510700", "510799"]
