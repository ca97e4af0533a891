"""The data package as an analyst uses it: every example on the data page runs, pandas and
DuckDB see the right types, table 三 can be rebuilt, findings join reports, the Excel
variants and the per-report downloads open as they should."""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import duckdb
import markdown
import pandas as pd
import pytest

from nianbao.publish import build_package
from nianbao.render.data_page import data_page_markdown
from nianbao.publish.resources import ALL, BY_NAME
from nianbao.validate import validate

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TRICKY_REPORT = "510727-zfb-2024"
# r1 of the tricky report: blank, text instead of a number, a number with its printed text.
TRICKY_R1 = '[~, "/", {value: 3, raw: "3件"}, 0, ~, 0, 3]'
HUAIAN = "320800-zf-2024"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The content, with blank and text cells added to one report, built into a package."""
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(CONTENT, content)
    path = content / "51" / "510727" / "zfb" / "2024.yaml"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("r1:"):
            line = line[: line.index("r1:")] + f"r1: {TRICKY_R1}"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate([content], content, keep_reports=True)
    assert result.reports[TRICKY_REPORT].tables["requests"].rows["r1"][0].blank
    info = build_package(result, tmp_path_factory.mktemp("pkg") / "data")
    return info, result


@pytest.fixture(scope="module")
def page(built):
    return data_page_markdown(built[0])


def examples(page: str) -> dict[str, list[str]]:
    """Fenced code blocks of the page by kind: python, duckdb, sqlite (from the paragraph before)."""
    out: dict[str, list[str]] = defaultdict(list)
    kind = None
    for m in re.finditer(r"^(?P<intro>[^\n`][^\n]*)\n|^```(?P<lang>\w+)\n(?P<code>.*?)^```$", page, re.M | re.S):
        if m.group("intro"):
            intro = m.group("intro")
            kind = "duckdb" if intro.startswith("DuckDB") else "sqlite" if intro.startswith("SQLite") else kind
            continue
        lang, code = m.group("lang"), m.group("code")
        out["python" if lang == "python" else kind].append(code)
    return out


@contextlib.contextmanager
def inside(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def sql_statements(block: str) -> list[str]:
    return [s.strip() for s in block.split(";") if s.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in s.splitlines())]


def expected_new_requests_by_year(result) -> dict[int, int]:
    """Sum of 本年新收 (r1, 总计) per year, straight from the YAML cells."""
    totals: dict[int, int] = defaultdict(int)
    for r in result.reports.values():
        t = r.tables.get("requests")
        if t is None or t.format.code not in ("gov2021", "gov2019") or "r1" not in t.rows:
            continue
        v = t.rows["r1"][-1].value
        if v is not None:
            totals[r.year] += v
    return dict(totals)


def test_page_has_examples_of_every_kind(page):
    found = examples(page)
    assert len(found["python"]) >= 2 and len(found["duckdb"]) >= 2 and len(found["sqlite"]) >= 1
    assert set(found) == {"python", "duckdb", "sqlite"}


def test_python_examples_run(built, page):
    info, result = built
    for code in examples(page)["python"]:
        proc = subprocess.run([sys.executable, "-c", code], cwd=info.out_dir, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stdout.strip(), code


def test_duckdb_examples_run(built, page):
    info, result = built
    con = duckdb.connect()
    answers = []
    with inside(info.out_dir):
        for block in examples(page)["duckdb"]:
            for stmt in sql_statements(block):
                answers.append(con.execute(stmt).fetchall())
    assert all(answers), "every DuckDB example returns rows on this package"
    first = {year: total for year, total, _ in answers[0]}
    assert first == expected_new_requests_by_year(result)


def test_sqlite_examples_run(built, page, tmp_path):
    info, _ = built
    with zipfile.ZipFile(info.sqlite_zip_path) as zf:
        zf.extractall(tmp_path)
    db = sqlite3.connect(tmp_path / "nianbao.sqlite")
    try:
        answers = [db.execute(s).fetchall() for block in examples(page)["sqlite"] for s in sql_statements(block)]
    finally:
        db.close()
    assert len(answers) >= 3
    assert ("510727-zfb-2024", "一、本年新收政府信息公开申请数量", "商业企业", None, "/") in answers[-1]


def _page_namespace(built, page) -> dict:
    """Run the page's first pandas example and keep what it defined (its `load`)."""
    info, _ = built
    namespace: dict = {}
    with inside(info.out_dir), contextlib.redirect_stdout(io.StringIO()):
        exec(examples(page)["python"][0], namespace)
    page_load = namespace["load"]

    def load(name):  # the example reads paths relative to the package folder
        with inside(info.out_dir):
            return page_load(name)

    namespace["load"] = load
    return namespace


def test_pandas_types_follow_the_schema(built, page):
    ns = _page_namespace(built, page)
    load = ns["load"]
    requests = load("requests_2021")
    assert str(requests["value"].dtype) == "Int64"  # integers stay integers, even with blanks
    r1 = requests[(requests.report_id == TRICKY_REPORT) & (requests.row_code == "r1")].sort_values("column_no")
    assert r1["value"].iloc[0] is pd.NA and r1["raw"].iloc[0] is pd.NA  # blank: NA, never 0
    assert r1["value"].iloc[1] is pd.NA and r1["raw"].iloc[1] == "/"  # text kept as printed
    assert (r1["value"].iloc[2], r1["raw"].iloc[2]) == (3, "3件")
    assert r1["value"].iloc[3] == 0
    reports = ns["reports"]
    assert reports["division"].tolist() == [i.split("-")[0] for i in reports["id"]]  # text, not numbers
    assert str(reports["year"].dtype) == "Int64" and str(reports["days_late"].dtype) == "Int64"
    assert str(reports["published"].dtype).startswith("datetime64")
    assert str(load("findings")["acknowledged"].dtype) == "boolean"


def test_duckdb_types(built):
    info, _ = built
    with inside(info.out_dir):
        types = dict(duckdb.sql("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                                "read_csv('requests_2021.csv', types = {'value': 'BIGINT', 'raw': 'VARCHAR'}))")
                     .fetchall())
        assert types["value"] == "BIGINT" and types["raw"] == "VARCHAR"
        cells = duckdb.sql("SELECT column_no, value, raw FROM read_csv('requests_2021.csv', types = "
                           f"{{'value': 'BIGINT', 'raw': 'VARCHAR'}}) WHERE report_id = '{TRICKY_REPORT}' "
                           "AND row_code = 'r1' ORDER BY column_no").fetchall()
    assert cells[:4] == [(1, None, None), (2, None, "/"), (3, 3, "3件"), (4, 0, None)]


def test_requests_wide_reproduces_table_three(built):
    info, result = built
    wide = pd.read_csv(info.out_dir / "requests_wide.csv", dtype={"report_id": str}, keep_default_na=False,
                       na_values=[""])
    columns = [f.name for f in BY_NAME["requests_wide"].fields[6:]]
    for rid in (HUAIAN, TRICKY_REPORT):
        table = result.reports[rid].tables["requests"]
        got = wide[wide.report_id == rid].sort_values("row_no")
        assert got["row_code"].tolist() == list(table.rows)  # printed row order
        for _, row in got.iterrows():
            printed = [None if pd.isna(row[c]) else int(row[c]) for c in columns]
            assert printed == [c.value for c in table.rows[row["row_code"]]], (rid, row["row_code"])
    huaian = wide[(wide.report_id == HUAIAN) & (wide.row_code == "r1")].iloc[0]
    assert (huaian["natural"], huaian["total"]) == (3001, 3119)


def test_national_totals_and_share_released(built, page):
    info, result = built
    by_year = _page_namespace(built, page)["by_year"]
    assert {int(y): int(v) for y, v in by_year["r1"].items()} == expected_new_requests_by_year(result)
    released = defaultdict(int)
    handled = defaultdict(int)
    for r in result.reports.values():
        t = r.tables.get("requests")
        if t is None or t.format.code not in ("gov2021", "gov2019") or "r3_7" not in t.rows:
            continue  # a table published as an image has no rows
        released[r.year] += t.rows["r3_1"][-1].value or 0
        handled[r.year] += t.rows["r3_7"][-1].value or 0
    for year, share in by_year["予以公开占比"].items():
        assert share == pytest.approx(released[year] / handled[year])


def test_findings_join_reports(built):
    info, _ = built
    findings = pd.read_csv(info.out_dir / "findings.csv", keep_default_na=False, na_values=[""])
    reports = pd.read_csv(info.out_dir / "reports.csv", dtype={"division": str})
    joined = findings.merge(reports, left_on="report_id", right_on="id", how="left", indicator=True)
    assert len(findings) > 0 and (joined["_merge"] == "both").all()
    counted = reports.set_index("id")[["errors", "warnings", "infos", "acknowledged"]].sum(axis=1)
    per_report = findings.groupby("report_id").size()
    for rid, n in counted.items():
        assert per_report.get(rid, 0) == n, rid


def test_excel_variants_open_with_chinese_headers(built):
    info, _ = built
    for r in ALL:
        path = info.out_dir / "excel" / r.path
        if not r.excel:
            assert not path.exists()
            continue
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == [f.title for f in r.fields], r.name
        assert len(frame) == info.resource(r.name).rows


def test_sqlite_keys_are_enforced(built, tmp_path):
    info, _ = built
    with zipfile.ZipFile(info.sqlite_zip_path) as zf:
        zf.extractall(tmp_path)
    db = sqlite3.connect(tmp_path / "nianbao.sqlite")
    try:
        db.execute("PRAGMA foreign_keys = ON")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        row = db.execute("SELECT * FROM requests_2021 LIMIT 1").fetchone()
        with pytest.raises(sqlite3.IntegrityError):  # no such report
            db.execute(f"INSERT INTO requests_2021 VALUES ({', '.join('?' * len(row))})",
                       ("999999-nobody-2024", *row[1:]))
        with pytest.raises(sqlite3.IntegrityError):  # STRICT: text is not an integer
            db.execute("UPDATE requests_2021 SET value = '三' WHERE report_id = ?", (row[0],))
        types = {c[1]: c[2] for c in db.execute("PRAGMA table_info(reports)")}
        assert types["year"] == "INTEGER" and types["division"] == "TEXT"
    finally:
        db.close()


def test_per_report_downloads(built):
    info, result = built
    report = result.reports[TRICKY_REPORT]
    doc = json.loads((info.out_dir / "reports" / f"{TRICKY_REPORT}.json").read_text(encoding="utf-8"))
    assert doc["meta"]["title"] == report.title and doc["sections"] and doc["sections"][0]["text"]
    assert doc["tables"]["requests"]["rows"]["r1"][:3] == [
        {"column": "natural", "value": None, "raw": None},
        {"column": "commercial", "value": None, "raw": "/"},
        {"column": "research", "value": 3, "raw": "3件"}]
    raw = (info.out_dir / "reports" / f"{TRICKY_REPORT}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    frame = pd.read_csv(info.out_dir / "reports" / f"{TRICKY_REPORT}.csv", encoding="utf-8-sig",
                        keep_default_na=False, na_values=[""], dtype={"数值": "Int64", "原文": "string"})
    assert list(frame.columns)[:3] == ["表", "行代码", "行号"]
    cells = sum(len(row) for t in report.tables.values() for row in t.rows.values())
    assert len(frame) == cells
    r1 = frame[(frame["表"] == "requests") & (frame["行代码"] == "r1")]
    assert r1["数值"].iloc[0] is pd.NA and r1["原文"].iloc[1] == "/" and r1["数值"].iloc[2] == 3


def test_data_page_renders_one_h1(page):
    """Comments inside the example code must not become headings (the site renders it as render/data_page.py does)."""
    html = markdown.markdown(page, extensions=["tables", "fenced_code", "toc"], output_format="html")
    assert re.findall(r"<h1[^>]*>([^<]*)", html) == ["开放数据"]
    assert re.search(r"<h2[^>]*>示例查询</h2>", html)
    assert html.count("<pre><code") == sum(len(v) for v in examples(page).values())


def test_descriptor_is_friendly_to_both_tools(built):
    desc = built[0].descriptor
    assert desc["$schema"].endswith("/2.0/datapackage.json")
    assert desc["licenses"][0]["name"] == "CC-BY-4.0" and desc["sources"] and desc["contributors"]
    for r in desc["resources"]:
        assert r["type"] == "table" and re.fullmatch(r"[a-z0-9_]+", r["name"])
        assert re.search(r"[\u4e00-\u9fff]", r["title"]) and re.search(r"[\u4e00-\u9fff]", r["description"])
        for f in r["schema"]["fields"]:
            assert re.fullmatch(r"[a-z0-9_]+", f["name"]) and re.search(r"[\u4e00-\u9fff]", f["title"]), f
