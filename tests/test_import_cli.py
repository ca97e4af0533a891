"""The `nianbao import` command: drafts written with exit 0, unreadable sources refused
with a Chinese message and no traceback; and the honest reading of single cells."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from nianbao.cli import main
from nianbao.importers import ImportFailure, import_bytes
from nianbao.importers.text_norm import key, read_cell

SEED = Path(__file__).resolve().parent / "fixtures" / "sources" / "000_d5e9c381233c1b80.txt"


def run(*args):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def test_writes_draft_and_chinese_report(tmp_path):
    out = tmp_path / "content" / "51" / "510727" / "zfb" / "2024.yaml"
    res = run(str(SEED), "-o", str(out))
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/report-gov2021.schema.json")
    assert "r3_7:   [10, 5, 0, 0, 0, 0, 15]  # （七）总计" in text
    assert "导入报告" in res.output and "可信度 高" in res.output and "核对草稿" in res.output


def test_stdout_when_no_output_and_refuses_to_overwrite(tmp_path):
    res = run(str(SEED))
    assert res.exit_code == 0 and "format: gov2021" in res.stdout
    out = tmp_path / "d.yaml"
    out.write_text("x", encoding="utf-8")
    res = run(str(SEED), "-o", str(out))
    assert res.exit_code == 2 and "--force" in res.output and out.read_text() == "x"
    assert run(str(SEED), "-o", str(out), "--force").exit_code == 0


@pytest.mark.parametrize("name, content, words", [
    ("missing.pdf", None, "文件不存在"),
    ("empty.txt", b"", "文件是空的"),
    ("broken.pdf", b"%PDF-1.4 not really", "文件损坏或无法解析"),
    ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "旧版 Word"),
    ("binary.bin", b"\x00\x01\x02" * 100, "二进制"),
    ("bad.txt", "年度报告".encode("utf-8") + b"\x81", "编码"),
    ("bad16.txt", b"\xff\xfe\x00\xd8", "UTF-16"),
])
def test_unreadable_sources_fail_cleanly(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    res = run(str(path))
    assert res.exit_code == 2
    assert words in res.output and "Traceback" not in res.output


def test_zip_that_is_not_word(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    res = run(str(path))
    assert res.exit_code == 2 and "不是 Word" in res.output


def test_text_without_a_report_still_drafts():
    result = import_bytes("x.txt", "这是一段与年报无关的文字。".encode("utf-8"))
    assert result.draft["year"] == 0 and "报告年度（请填写 year）" in result.missing
    assert any(f.rule == "SCHEMA-RANGE" for f in result.findings)


def test_directory_is_refused(tmp_path):
    with pytest.raises(ImportFailure, match="是目录"):
        from nianbao.importers import import_report
        import_report(tmp_path)


@pytest.mark.parametrize("printed, expected", [
    ("12", 12), ("0", 0), ("96171.6", 96171.6), ("", None), ("\u3000\u3000", None), ("\xa0", None),
    ("/", "/"), ("—", "—"), ("-", "-"), ("1,234", {"value": 1234, "raw": "1,234"}),
    ("１２３", {"value": 123, "raw": "１２３"}), ("251000元", {"value": 251000, "raw": "251000元"}),
    ("75394432.52元", {"value": 75394432.52, "raw": "75394432.52元"}), ("约30", "约30"), ("-8", -8),
])
def test_cells_are_read_honestly(printed, expected):
    assert read_cell(printed).yaml == expected


def test_unit_and_text_cells_warn():
    assert "单位" in read_cell("251000元").warning
    assert read_cell("约30").warning and read_cell("约30").value is None
    assert read_cell("0").warning is None


@pytest.mark.parametrize("a, b", [
    ("第二十条 第（一）项", "第二十条第(一)项"), ("1、申请人逾期", "1.申请人逾期"), ("商业 企\n业", "商业企业"),
    ("（七）合计", "(七)总计"), ("⼀、本年新收", "一、本年新收"),  # Kangxi radical ⼀ (U+2F00)
])
def test_label_keys_tolerate_variants(a, b):
    assert key(a) == key(b)


def test_html_title_from_page_title_and_chrome_listed():
    page = ("<html><head><title>某县2022年政府信息公开工作年度报告_年报_某县人民政府</title></head><body>"
            "<div class='nav'>首页 | 政务公开 | 互动交流</div><div id='c'><p>一、总体情况</p><p>正文。</p>"
            "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p></div>"
            "<div class='foot'>版权所有 某县人民政府</div></body></html>")
    result = import_bytes("x.html", page.encode("utf-8"))
    assert result.draft["title"] == "某县2022年政府信息公开工作年度报告" and result.draft["year"] == 2022
    assert [s["heading"] for s in result.draft["sections"]][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert "首页" not in result.yaml and "版权所有" not in result.yaml
    assert any("网页中报告正文以外的部分" in s for s in result.stripped)
