"""Cross-report rules (T3-05, T2-01, T2-02, T2-04, T2-05, DUP-01) on a generated corpus:
quiet on the consistent corpus, firing on one deliberate change each."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nianbao.load import load_file
from nianbao.validate import validate
from nianbao.write import dump_report

from conftest import private_copy

SEED = 3  # division 231086: agencies with 2019–2024 (zf, fgj) and 2016–2024 (mzj)


@pytest.fixture
def pristine(generated) -> Path:
    return generated(60, SEED)


@pytest.fixture
def corpus(pristine: Path, tmp_path: Path) -> Path:
    return private_copy(pristine, tmp_path)


def agency_dir(root: Path, first: int, last: int) -> Path:
    """An agency folder holding every year from first to last."""
    for d in sorted({p.parent for p in root.rglob("20*.yaml")}):
        years = {int(p.stem) for p in d.glob("20*.yaml")}
        if set(range(first, last + 1)) <= years:
            return d
    raise AssertionError(f"no agency with {first}–{last} in the generated corpus")


def edit(path: Path, change) -> None:
    doc, problems = load_file(path)
    assert doc is not None, problems
    change(doc.data)
    path.write_text(dump_report(doc.data), encoding="utf-8")


def rules_in(result, severity: str | None = None) -> list[str]:
    return sorted(f.rule for f in result.findings if severity is None or f.severity == severity)


def test_generated_corpus_is_quiet(pristine: Path) -> None:
    result = validate([pristine], pristine)
    noisy = [f for f in result.findings if f.severity != "info"]
    assert noisy == [], [f.message for f in noisy[:5]]
    assert {f.rule for f in result.findings} <= {"STRUCT-03"}  # some reports are late, by design


def test_carry_over_fires(corpus: Path) -> None:
    d = agency_dir(corpus, 2021, 2024)
    edit(d / "2023.yaml", lambda data: data["tables"]["requests"]["rows"]["r4"].__setitem__(0, 999))
    result = validate([d / "2024.yaml"], corpus)
    carry = [f for f in result.findings if f.rule == "T3-05"]
    assert len(carry) == 1
    assert carry[0].cells[0] == "requests.r2.natural" and "999" in carry[0].message


def test_stock_flow_fires(corpus: Path) -> None:
    d = agency_dir(corpus, 2021, 2024)

    def more_in_force(data):
        data["tables"]["proactive"]["rows"]["normative"][2] += 2

    edit(d / "2023.yaml", more_in_force)
    result = validate([d], corpus)
    stock = [f for f in result.findings if f.rule == "T2-01"]
    # 2023 no longer follows from 2022, and 2024 no longer follows from 2023
    assert sorted(f.file.rsplit("/", 1)[-1] for f in stock) == ["2023.yaml", "2024.yaml"]
    assert all("相差 2" in f.message for f in stock)
    assert "T2-02" not in rules_in(result)


def test_repeal_bound_fires(corpus: Path) -> None:
    d = agency_dir(corpus, 2021, 2024)

    def repeal_too_many(data):
        row = data["tables"]["proactive"]["rows"]["normative"]
        row[1] = 10_000
        row[2] = 0

    edit(d / "2022.yaml", repeal_too_many)
    result = validate([d / "2022.yaml"], corpus)
    assert "T2-02" in rules_in(result, "warning")


def test_project_items_fire(corpus: Path) -> None:
    d = agency_dir(corpus, 2019, 2020)
    edit(d / "2020.yaml", lambda data: data["tables"]["proactive"]["rows"]["licensing"].__setitem__(0, 12345))
    result = validate([d / "2020.yaml"], corpus)
    items = [f for f in result.findings if f.rule == "T2-04"]
    assert len(items) == 1 and "12345" in items[0].message and items[0].cells[0] == "proactive.licensing.prev_items"


def test_cumulative_total_fires(corpus: Path) -> None:
    d = agency_dir(corpus, 2019, 2020)
    edit(d / "2020.yaml", lambda data: data["tables"]["proactive"]["rows"]["normative"].__setitem__(2, 0))
    result = validate([d / "2020.yaml"], corpus)
    assert "T2-05" in rules_in(result, "warning")


def test_duplicate_agency_same_name(corpus: Path) -> None:
    d = agency_dir(corpus, 2021, 2024)
    twin = d.parent / "twin"
    shutil.copytree(d, twin)
    result = validate([corpus], corpus)
    dups = [f for f in result.findings if f.rule == "DUP-01"]
    assert dups and all(f.severity == "error" for f in dups)
    assert any(f.file.endswith("twin/agency.yaml") for f in dups)  # the agency registered twice
    assert any(f.file.endswith("2024.yaml") for f in dups)  # and its years reported twice


def test_duplicate_report_via_alias(corpus: Path) -> None:
    d = agency_dir(corpus, 2021, 2024)
    name = load_file(d / "agency.yaml")[0].data["name"]
    renamed = d.parent / "renamed"
    renamed.mkdir()
    (renamed / "agency.yaml").write_text(
        f"name: 新{name}\nlevel: 县级\nkind: 政府部门\naliases:\n  - {name}\n", encoding="utf-8")
    shutil.copy(d / "2022.yaml", renamed / "2022.yaml")
    result = validate([corpus], corpus)
    dups = [f for f in result.findings if f.rule == "DUP-01"]
    assert len(dups) == 1 and "2022" in dups[0].message and "别名" in dups[0].message


def test_distinct_agencies_are_not_duplicates(pristine: Path) -> None:
    result = validate([pristine], pristine)
    assert "DUP-01" not in rules_in(result)
