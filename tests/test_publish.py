"""The data package: real `frictionless validate`, round trip to the YAML, determinism."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nianbao.model import Cell
from nianbao.publish import build_package
from nianbao.render.data_page import data_page_markdown
from nianbao.publish.read import read_tables
from nianbao.publish.resources import ALL
from nianbao.validate import validate

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def frictionless_validate(descriptor: Path) -> tuple[int, dict]:
    proc = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(descriptor)],
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, json.loads(proc.stdout)


def error_types(report: dict) -> set[str]:
    return {e["type"] for task in report["tasks"] for e in task["errors"]}


@pytest.fixture(scope="module")
def content_result():
    return validate([CONTENT], CONTENT, keep_reports=True)


@pytest.fixture(scope="module")
def package(content_result, tmp_path_factory):
    out = tmp_path_factory.mktemp("pkg") / "data"
    info = build_package(content_result, out)
    return info


def test_every_content_report_is_in_the_package(package, content_result):
    assert package.reports == len(content_result.reports) >= 1
    yaml_reports = [p for p in CONTENT.rglob("*.yaml") if p.name != "agency.yaml"]
    assert package.reports == len(yaml_reports)
    with open(package.out_dir / "reports.csv", encoding="utf-8", newline="") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    assert ids == sorted(content_result.reports)


def test_frictionless_validate_passes(package):
    code, report = frictionless_validate(package.descriptor_path)
    assert code == 0, error_types(report)
    assert report["valid"] is True
    names = {t["name"] for t in report["tasks"]}
    assert names == {r.name for r in ALL}


def _break_package(src: Path, dst: Path, resource: str, edit) -> Path:
    shutil.copytree(src, dst)
    desc = json.loads((dst / "datapackage.json").read_text(encoding="utf-8"))
    for r in desc["resources"]:  # so that the check we break is the one that fires, not the hash
        r.pop("hash", None)
        r.pop("bytes", None)
    (dst / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    path = dst / f"{resource}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return dst / "datapackage.json"


def test_broken_foreign_key_fails_validation(package, tmp_path):
    def edit(rows):
        rows[1][0] = "110101-nosuch-2024"  # report_id of the first cell: no such report

    code, report = frictionless_validate(_break_package(package.out_dir, tmp_path / "fk", "requests_wide", edit))
    assert code != 0 and report["valid"] is False
    assert "foreign-key" in error_types(report)


def test_broken_type_fails_validation(package, tmp_path):
    def edit(rows):
        col = rows[0].index("value")
        rows[1][col] = "十二"  # not an integer

    code, report = frictionless_validate(_break_package(package.out_dir, tmp_path / "ty", "review", edit))
    assert code != 0
    assert "type-error" in error_types(report)


def test_unchanged_copy_still_validates_without_hashes(package, tmp_path):
    """The breaking tests above are not failing for some other reason."""
    code, report = frictionless_validate(_break_package(package.out_dir, tmp_path / "ok", "review", lambda rows: None))
    assert code == 0, error_types(report)


def test_changed_bytes_fail_the_hash(package, tmp_path):
    dst = tmp_path / "h"
    shutil.copytree(package.out_dir, dst)
    path = dst / "review.csv"
    path.write_bytes(path.read_bytes().replace(b",0,\n", b",1,\n", 1))
    code, report = frictionless_validate(dst / "datapackage.json")
    assert code != 0


def _assert_same_tables(report, tables):
    assert set(tables) == set(report.tables), report.id
    for code, t in report.tables.items():
        got = tables[code]
        assert (got.format, got.status, got.note) == (t.format.code, t.status, t.note), (report.id, code)
        assert got.rows.keys() == t.rows.keys(), (report.id, code)
        for row, cells in t.rows.items():
            assert got.rows[row] == cells, (report.id, code, row)
            # a blank stays blank and a zero stays zero
            assert [c.value is None for c in got.rows[row]] == [c.value is None for c in cells]


def test_round_trip_package_equals_yaml(package, content_result):
    rebuilt = read_tables(package.out_dir)
    for rid, report in content_result.reports.items():
        _assert_same_tables(report, rebuilt.get(rid, {}))


def test_round_trip_against_the_yaml_text_itself(package, content_result):
    """Not through the model: the rebuilt cells, written as YAML values, equal what the file says."""
    from nianbao.load import load_file
    from nianbao.model import cell_to_yaml

    rebuilt = read_tables(package.out_dir)
    checked = 0
    for path in sorted(CONTENT.rglob("*.yaml")):
        if path.name == "agency.yaml":
            continue
        doc, problems = load_file(path)
        assert doc is not None, problems
        rid = "-".join([path.parts[-3], path.parts[-2], path.stem])
        for code, table in (doc.data.get("tables") or {}).items():
            got = rebuilt[rid][code]
            assert got.status == table.get("status", "table")
            for row, cells in (table.get("rows") or {}).items():
                as_yaml = [cell_to_yaml(c) for c in got.rows[row]]
                assert (as_yaml[0] if code == "legacy" else as_yaml) == cells, (rid, code, row)
                checked += 1
            assert set(got.rows) == set(table.get("rows") or {})
    assert checked > 50


def test_round_trip_per_report_json(package, content_result):
    for rid, report in content_result.reports.items():
        doc = json.loads((package.out_dir / "reports" / f"{rid}.json").read_text(encoding="utf-8"))
        assert doc["id"] == rid and doc["year"] == report.year
        assert [s["heading"] for s in doc["sections"]] == [s.heading for s in report.sections]
        for code, t in report.tables.items():
            got = doc["tables"][code]
            assert got["status"] == t.status
            assert {r: [Cell(c["value"], c["raw"]) for c in cells] for r, cells in got["rows"].items()} == t.rows


TRICKY = {  # row code -> YAML text of the cells
    "r1": '[~, "/", {value: 3, raw: "3件"}, 0, ~, 0, 3]',
    "r2": '[0, 0, 0, 0, 0, 0, 0]',
}


def test_round_trip_of_blank_raw_and_decimal_cells(content_copy, tmp_path):
    path = content_copy / "51" / "510727" / "zfb" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        for code, cells in TRICKY.items():
            if stripped.startswith(f"{code}:"):
                line = line[: line.index(code)] + f"{code}: {cells}"
        if stripped.startswith("fees:"):
            line = line[: line.index("fees")] + "fees: [12.75]"
        if stripped.startswith("licensing:"):
            line = line[: line.index("licensing")] + 'licensing: ["—"]'
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate([content_copy], content_copy, keep_reports=True)
    report = result.reports["510727-zfb-2024"]
    assert report.tables["requests"].rows["r1"][0] == Cell(None)
    assert report.tables["requests"].rows["r1"][1] == Cell(None, "/")
    assert report.tables["proactive"].rows["fees"] == [Cell(12.75)]
    info = build_package(result, tmp_path / "data")
    rebuilt = read_tables(info.out_dir)
    for rid, r in result.reports.items():
        _assert_same_tables(r, rebuilt[rid])
    code, rep = frictionless_validate(info.descriptor_path)
    assert code == 0, error_types(rep)
    with open(info.out_dir / "requests_2021.csv", encoding="utf-8", newline="") as fh:
        first = [row for row in csv.DictReader(fh) if row["report_id"] == "510727-zfb-2024" and row["row_code"] == "r1"]
    assert [(r["value"], r["raw"]) for r in first[:3]] == [("", ""), ("", "/"), ("3", "3件")]


def test_two_builds_are_byte_identical(content_result, tmp_path):
    a = build_package(content_result, tmp_path / "a")
    b = build_package(validate([CONTENT], CONTENT, keep_reports=True), tmp_path / "b")
    files_a = sorted(p.relative_to(a.out_dir) for p in a.out_dir.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b.out_dir) for p in b.out_dir.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a.out_dir / rel).read_bytes() == (b.out_dir / rel).read_bytes(), rel
    assert data_page_markdown(a) == data_page_markdown(b)


def test_forked_writers_give_the_same_bytes(content_result, tmp_path, monkeypatch):
    """Large corpora write SQLite and per-report files in forked processes: same output."""
    import nianbao.publish as publish

    serial = build_package(content_result, tmp_path / "serial")
    monkeypatch.setattr(publish, "PARALLEL_MIN_REPORTS", 0)
    forked = build_package(content_result, tmp_path / "forked")
    files = sorted(p.relative_to(serial.out_dir) for p in serial.out_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(forked.out_dir) for p in forked.out_dir.rglob("*") if p.is_file())
    for rel in files:
        assert (serial.out_dir / rel).read_bytes() == (forked.out_dir / rel).read_bytes(), rel


def test_rebuild_removes_stale_downloads(content_result, tmp_path):
    out = tmp_path / "data"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "110101-gone-2020.json").write_text("{}")
    build_package(content_result, out)
    assert not (out / "reports" / "110101-gone-2020.json").exists()


def test_sqlite_has_the_package_types_and_keys(package, tmp_path):
    with zipfile.ZipFile(package.sqlite_zip_path) as zf:
        assert zf.namelist() == ["nianbao.sqlite"]
        zf.extractall(tmp_path)
    db = sqlite3.connect(tmp_path / "nianbao.sqlite")
    try:
        for r in ALL:
            n = db.execute(f'SELECT count(*) FROM "{r.name}"').fetchone()[0]
            assert n == package.resource(r.name).rows, r.name
        cols = {row[1]: (row[2], row[5]) for row in db.execute('PRAGMA table_info("requests_2021")')}
        assert cols["value"][0] == "INTEGER" and cols["row_code"][1] > 0  # part of the primary key
        fks = db.execute('PRAGMA foreign_key_list("requests_2021")').fetchall()
        assert [(f[2], f[3], f[4]) for f in fks] == [("reports", "report_id", "id")]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        types = {t for (t,) in db.execute("SELECT DISTINCT typeof(value) FROM requests_2021")}
        assert types <= {"integer", "null"} and "integer" in types
        assert db.execute("SELECT typeof(year) FROM reports LIMIT 1").fetchone()[0] == "integer"
    finally:
        db.close()


def test_excel_variant_has_bom_and_chinese_header(package):
    raw = (package.out_dir / "excel" / "reports.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].decode("utf-8").split("\r\n")[0].split(",")
    assert header[:3] == ["报告编号", "机构编号", "机构名称"]
    assert not (package.out_dir / "excel" / "requests_2021.csv").exists()  # too long for Excel at scale


def test_excel_text_is_not_a_formula():
    from nianbao.publish.writers import _excel_text

    assert _excel_text("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _excel_text("-") == "-" and _excel_text("-3") == "-3" and _excel_text("/") == "/"


def test_zip_is_the_package(package):
    with zipfile.ZipFile(package.zip_path) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert set(names) == {"datapackage.json", *(r.path for r in ALL)}
        times = {i.date_time for i in zf.infolist()}
        assert len(times) == 1 and times != {(1980, 1, 1, 0, 0, 0)}  # one time for all: the content's date
        assert zf.read("reports.csv") == (package.out_dir / "reports.csv").read_bytes()


def test_descriptor_is_v2_with_keys_and_chinese_titles(package):
    desc = json.loads(package.descriptor_path.read_text(encoding="utf-8"))
    assert desc["$schema"].endswith("/2.0/datapackage.json")
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    for r in desc["resources"]:
        assert r["name"].isascii() and not r["title"].isascii()
        assert r["schema"]["missingValues"] == [""] and r["schema"]["primaryKey"]
        for f in r["schema"]["fields"]:
            assert not f["title"].isascii() or f["title"].isdigit(), (r["name"], f["name"])
    tidy = next(r for r in desc["resources"] if r["name"] == "requests_2021")
    assert tidy["schema"]["foreignKeys"] == [{"fields": ["report_id"], "reference": {"resource": "reports", "fields": ["id"]}}]


def test_row_labels_come_from_the_format_definition(package):
    from nianbao.formats import FORMATS

    table = FORMATS["gov2021"].table("requests")
    with open(package.out_dir / "requests_2021.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert row["row_label"] == table.row(row["row_code"]).label


def test_days_late_follows_the_deadlines(package, content_result):
    from nianbao.deadlines import days_late

    with open(package.out_dir / "reports.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            basis = row["late_basis"] or None
            day = {"published": row["published"], "dated": row["dated"]}.get(basis)
            expected = days_late(day, int(row["year"]), row["kind"]) if day else None
            assert row["days_late"] == ("" if expected is None else str(expected))
            assert basis == ("published" if row["published"] else "dated" if row["dated"] else None)


def test_data_page_lists_every_resource_and_field(package):
    page = data_page_markdown(package)
    assert page.startswith("# 开放数据")
    for r in ALL:
        assert f"（`{r.name}`）" in page
        for f in r.fields:
            assert f"| `{f.name}` |" in page
    for needle in ("pandas", "DuckDB", "SQLite", "CC BY 4.0", "如何引用", '<a href="datapackage.json">'):
        assert needle in page
    assert "](datapackage.json)" not in page  # mkdocs --strict would reject a Markdown link to a non-doc file


def test_result_without_reports_is_refused(tmp_path):
    result = validate([CONTENT], CONTENT)  # keep_reports not asked for
    with pytest.raises(ValueError, match="keep_reports=True"):
        build_package(result, tmp_path / "data")


def test_cli_package(tmp_path):
    out = tmp_path / "data"
    proc = subprocess.run([str(Path(sys.executable).parent / "nianbao"), "package", "--root", str(CONTENT),
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "已在" in proc.stdout and "生成数据包" in proc.stdout
    assert (out / "datapackage.json").is_file() and (out / "nianbao-sqlite.zip").is_file()
    assert not (out / ".sqlite-work").exists()


def test_building_the_package_leaves_sigpipe_ignored(tmp_path):
    """csvkit resets SIGPIPE to its default; in our process that turned a closed socket in a
    test server into a kill of the whole test run. The package build must restore it."""
    import signal

    from nianbao.publish import build_package
    from nianbao.validate import validate

    from conftest import CONTENT

    before = signal.getsignal(signal.SIGPIPE)
    build_package(validate([CONTENT], CONTENT, keep_reports=True), tmp_path / "data")
    assert signal.getsignal(signal.SIGPIPE) == before == signal.SIG_IGN


def test_package_metadata_is_dated_by_the_content(package, content_result, tmp_path):
    from nianbao.deadlines import content_date

    desc = json.loads((package.out_dir / "datapackage.json").read_text(encoding="utf-8"))
    day = content_date(content_result.reports.values())
    assert desc["created"] == f"{day.isoformat()}T00:00:00Z"
    assert desc["version"].startswith(f"{day.year}.{day.month}.{day.day}+")
    assert desc["id"] == "https://nianbao.github.io/data/datapackage.json"
    assert desc["homepage"] == "https://nianbao.github.io/data/index.html"
    assert all(s.get("path") and s.get("title") for s in desc["sources"])
    # Another content gives another version, even on the same day.
    changed = tmp_path / "content"
    shutil.copytree(CONTENT, changed)
    report = changed / "51/510727/zfb/2024.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("licensing: [0]", "licensing: [1]"), encoding="utf-8")
    other = build_package(validate([changed], changed, keep_reports=True), tmp_path / "data")
    other_desc = json.loads((other.out_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert other_desc["created"] == desc["created"] and other_desc["version"] != desc["version"]
