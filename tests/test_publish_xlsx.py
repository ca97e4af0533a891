"""The spreadsheet downloads opened as a spreadsheet user opens them: LibreOffice (headless,
from Debian) reads every `excel/*.xlsx` with Chinese headers, codes as text, numbers as
numbers and blanks as blanks, equal to the package CSV cell for cell."""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest

from conftest import CONTENT
from nianbao.deadlines import content_date
from nianbao.publish import build_package
from nianbao.publish.resources import ALL, Field, Resource
from nianbao.publish.xlsx import XlsxWriter
from nianbao.validate import validate

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    result = validate([CONTENT], CONTENT, keep_reports=True)
    return build_package(result, tmp_path_factory.mktemp("xlsx") / "data"), result


def _soffice_cells(xlsx: Path, tmp: Path) -> list[list[tuple[str | None, str]]]:
    """Rows of the first sheet as LibreOffice reads them: (value type, value) per cell."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (make system-deps installs libreoffice-calc-nogui)")
        pytest.skip("LibreOffice not installed")
    env = dict(os.environ, HOME=str(tmp))  # a private profile: no lock on a shared one
    proc = subprocess.run([SOFFICE, "--headless", "--convert-to", "fods", "--outdir", str(tmp), str(xlsx)],
                          capture_output=True, text=True, timeout=300, env=env)
    out = tmp / (xlsx.stem + ".fods")
    assert proc.returncode == 0 and out.is_file(), proc.stdout + proc.stderr
    xml = out.read_text(encoding="utf-8")
    table = re.search(r"<table:table [^>]*>(.*?)</table:table>", xml, re.S).group(1)
    rows = []
    for row in re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", table, re.S):
        cells = []
        for attrs, body in re.findall(r"<table:table-cell([^>]*?)(?:/>|>(.*?)</table:table-cell>)", row, re.S):
            repeat = int((re.search(r'number-columns-repeated="(\d+)"', attrs) or [0, 1])[1])
            kind = (re.search(r'office:value-type="(\w+)"', attrs) or [None, None])[1]
            if kind == "float":
                value = re.search(r'office:value="([^"]+)"', attrs).group(1)
            elif kind == "date":
                value = re.search(r'office:date-value="([^"]+)"', attrs).group(1)[:10]
            else:
                value = unescape("\n".join(re.findall(r"<text:p>(.*?)</text:p>", body or "", re.S)))
                value = re.sub(r"<[^>]+>", "", value)
            cells += [(kind, value)] * min(repeat, 100)
        rows.append(cells)
    return rows


EXCEL = [r for r in ALL if r.excel]


@pytest.mark.parametrize("resource", EXCEL, ids=lambda r: r.name)
def test_libreoffice_reads_each_workbook_like_the_csv(resource: Resource, package, tmp_path):
    info, _ = package
    book = info.out_dir / "excel" / f"{resource.name}.xlsx"
    rows = _soffice_cells(book, tmp_path)
    with open(info.out_dir / resource.path, encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    assert [v for _, v in rows[0][:len(resource.fields)]] == [f.title for f in resource.fields]
    data = [r for r in rows[1:] if any(v for _, v in r)]
    assert len(data) == len(table) - 1, resource.name
    for got, want in zip(data, table[1:]):
        for f, (kind, value), text in zip(resource.fields, got + [(None, "")] * len(want), want):
            if text == "":
                assert kind is None and value == "", (resource.name, f.name, kind, value)  # a blank, never 0
            elif f.type in ("integer", "number"):
                assert kind == "float" and float(value) == float(text), (resource.name, f.name, value, text)
            elif f.type == "date":
                assert kind == "date" and value == text, (resource.name, f.name, value, text)
            elif f.type == "boolean":  # LibreOffice keeps a logical cell as 1/0 shown TRUE/FALSE
                assert kind in ("boolean", "float") and value in ({"true": ("1", "true"), "false": ("0", "false")}[text]), \
                    (resource.name, f.name, kind, value, text)
            else:  # codes and text stay text: 行政区划代码 510727 is not a number
                assert kind == "string" and value == text, (resource.name, f.name, kind, value, text)


def test_formula_like_text_stays_text(tmp_path):
    res = Resource("t", "测试", "测试", (Field("note", "string", "说明"), Field("n", "integer", "数量")), ("note",))
    book = XlsxWriter(res, tmp_path / "t.xlsx", dt.date(2025, 1, 1))
    for row in [("=1+1", 1), ("-5", None), ("@SUM(A1)", 2), ("+86 0816", 3)]:
        book.append(row)
    book.close()
    rows = _soffice_cells(tmp_path / "t.xlsx", tmp_path)
    assert rows[1][:2] == [("string", "=1+1"), ("float", "1")]
    assert rows[2][:2] == [("string", "-5"), (None, "")]
    assert rows[3][0] == ("string", "@SUM(A1)") and rows[4][0] == ("string", "+86 0816")


def test_workbooks_carry_the_content_date_not_the_clock(package):
    info, result = package
    day = content_date(result.reports.values()).isoformat()
    assert day != dt.date.today().isoformat()
    stamp = tuple(map(int, day.split("-"))) + (0, 0, 0)
    for book in sorted((info.out_dir / "excel").glob("*.xlsx")) + [info.out_dir / "nianbao-data.zip",
                                                                  info.out_dir / "nianbao-sqlite.zip"]:
        with zipfile.ZipFile(book) as z:
            assert {i.date_time for i in z.infolist()} == {stamp}, book.name
            if book.suffix != ".xlsx":
                continue
            core = z.read("docProps/core.xml").decode()
            assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == [f"{day}T00:00:00Z"] * 2
