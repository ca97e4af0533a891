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


def test_lateness_uses_the_signature_date_when_the_publication_date_is_unknown():
    from nianbao.deadlines import DATED, PUBLISHED, lateness

    late = lateness("2025-02-03", "2025-01-20", 2024, "政府部门")
    assert (late.days, late.basis) == (3, PUBLISHED)  # the publication date wins when known
    late = lateness(None, "2023-02-20", 2022, "派出机构")
    assert (late.days, late.basis) == (20, DATED)
    late = lateness(None, "2023-01-20", 2022, "派出机构")
    assert (late.days, late.basis) == (0, DATED)
    late = lateness(None, None, 2022, "派出机构")
    assert (late.days, late.basis, late.known) == (None, None, False)


def test_anshun_2022_is_late_by_its_signature_date_in_the_data_and_on_its_pages(tmp_path):
    """安顺经开区 2022 prints only a 落款日期 (2023-02-20), after the 31 January deadline."""
    import csv
    import shutil

    from conftest import CONTENT
    from nianbao.publish import build_package
    from nianbao.render import render_site
    from nianbao.render.report_page import SiteOptions
    from nianbao.validate import validate

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    result = validate([content], content, keep_reports=True)
    build_package(result, tmp_path / "data")
    with (tmp_path / "data" / "reports.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "520400-jkq-2022")
    assert (row["published"], row["dated"], row["days_late"], row["late_basis"]) == ("", "2023-02-20", "20", "dated")
    render_site(result, tmp_path / "docs", tmp_path / "slots", SiteOptions())
    pages = [tmp_path / "docs" / "reports" / "520400-jkq-2022.md", tmp_path / "docs" / "years" / "2022.md"]
    text = "".join(p.read_text(encoding="utf-8") for p in pages) + "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "slots").rglob("*") if p.is_file())
    assert "逾期 20 天（按落款日期）" in text
