"""The statutory deadline, in its one place."""
from __future__ import annotations

import datetime as dt

from nianbao.deadlines import days_late, deadline, deadline_rule


def test_departments_have_until_31_january_from_2019():
    for kind in ("政府部门", "派出机构", "法律法规授权组织", None):
        assert deadline(2024, kind) == dt.date(2025, 1, 31)
        assert deadline(2019, kind) == dt.date(2020, 1, 31)


def test_governments_have_until_31_march():
    assert deadline(2024, "人民政府") == dt.date(2025, 3, 31)


def test_before_2019_everyone_has_until_31_march():
    for kind in ("政府部门", "人民政府", "派出机构"):
        assert deadline(2018, kind) == dt.date(2019, 3, 31)


def test_days_late():
    assert days_late("2025-01-31", 2024, "政府部门") == 0
    assert days_late("2025-02-01", 2024, "政府部门") == 1
    assert days_late("2025-02-01", 2024, "人民政府") == 0
    assert days_late("2024-05-01", 2023, "人民政府") == 31
    assert days_late(None, 2024, "政府部门") is None
    assert days_late("2025-02-30", 2024, "政府部门") is None  # not a date; the rules report it


def test_deadline_rule_is_chinese():
    assert "2025年1月31日" in deadline_rule(2024, "政府部门")
    assert "2019年3月31日" in deadline_rule(2018, "政府部门")



def test_township_deadline_is_a_reference_not_a_statutory_one():
    from nianbao.deadlines import deadline_rule

    assert "未规定乡级" in deadline_rule(2023, "人民政府", "乡级")
    assert "第四十九条：2024年3月31日前" in deadline_rule(2023, "人民政府", "县级")
    assert "2007" in deadline_rule(2018, "人民政府", "乡级")
