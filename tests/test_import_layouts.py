"""Page layouts and page furniture seen in real published reports (found while importing real
pages; each case names the layout class, not one page). Sources are built in code from the
national template with random numbers, or are tiny excerpts of the layout as published."""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest
import yaml

from nianbao.formats import FORMATS
from nianbao.importers import import_bytes
from nianbao.importers.text_norm import is_value_like

from test_import_property import assert_nothing_invented

_spec = importlib.util.spec_from_file_location("import_build", Path(__file__).parent / "fixtures" / "import" / "build.py")
build = sys.modules.get("import_build") or importlib.util.module_from_spec(_spec)
if "import_build" not in sys.modules:
    sys.modules["import_build"] = build
    _spec.loader.exec_module(build)

REVIEW = FORMATS["gov2021"].table("review")
# table 四 as printed: the two group headers, then the row names and column headers in reading order
REVIEW_HEADER = ["行政复议", "行政诉讼", *[c.label for c in REVIEW.rows[0].columns],
                 *[r.label for r in REVIEW.rows[1:]], *[c.label for r in REVIEW.rows[1:] for c in r.columns]]


def _cells(text: str):
    """build_text's lines as (kind, text): a cell (`x |`), a row end (bare pipes) or running text."""
    for line in text.split("\n"):
        if line.endswith(" |"):
            yield "cell", line[:-2]
        elif line and set(line) <= {"|"}:
            yield "end", ""
        elif line:
            yield "text", line


def _with_review_header(text: str) -> list[tuple[str, str]]:
    out = []
    for kind, t in _cells(text):
        if kind == "cell" and t == "行政复议":
            out += [("cell", h) for h in REVIEW_HEADER]
        elif kind == "cell" and t == "行政诉讼":
            continue
        else:
            out.append((kind, t))
    return out


def one_cell_per_line(text: str) -> str:
    """No borders at all, a blank line between cells, header words broken (`商业\\n\\n企业`)."""
    lines = []
    for kind, t in _with_review_header(text):
        if kind == "cell":
            t = t.replace("商业企业", "商业\n\n企业").replace("科研机构", "科研\n\n机构")
            t = t.replace("（三）不予公开", "（三）\n\n不予公开")
        if kind != "end":
            lines.append(t)
    return "\n\n".join(lines) + "\n"


def border_lines(text: str) -> str:
    """Each cell on its own line and each border `|` on the line after it."""
    lines = []
    for kind, t in _with_review_header(text):
        if kind == "cell":
            lines += [t, "|"]
        elif kind == "text":
            lines.append(t)
    return "\n".join(lines) + "\n"


def markdown_rows(text: str) -> str:
    """One printed row per line between borders: `| 规章 | 2 | 0 | 2 |`."""
    lines, row = [], []
    for kind, t in _with_review_header(text):
        if kind == "cell":
            row.append(t)
            continue
        if row:
            lines.append("| " + " | ".join(row) + " |")
            row = []
        if kind == "text":
            lines.append(t)
    return "\n".join(lines) + "\n"


def _plain(c):
    return c["value"] if isinstance(c, dict) else (None if isinstance(c, str) else c)


@pytest.mark.parametrize("layout", [one_cell_per_line, border_lines, markdown_rows])
@pytest.mark.parametrize("seed", [3, 11])
def test_copied_layouts_recover_complete_tables(layout, seed):
    filled = build.random_values(random.Random(seed))
    source = layout(build.build_text(filled))
    result = import_bytes("r.txt", source.encode("utf-8"))
    assert_nothing_invented(result.draft, source)
    for code, rows in filled.printed.items():
        got_rows = result.draft["tables"][code]["rows"]
        for row in rows:
            assert [_plain(c) for c in got_rows[row]] == filled.expected(code, row), (layout.__name__, code, row)
    # words of a header broken over lines are read together, not listed as unrecognised
    assert not [u for u in result.unrecognised if u.endswith(("商业", "科研", "（三）"))], result.unrecognised


def test_border_lines_keep_the_last_cell_of_a_truncated_copy():
    src = ("二、主动公开政府信息情况\n第二十条第(一)项\n|\n信息内容\n|\n本年制发件数\n|\n本年废止件数\n|\n"
           "现行有效件数\n|\n规章\n|\n0\n|\n0\n|\n6\n|\n行政规范性文件\n|\n1\n|\n0\n|\n7\n")
    draft = import_bytes("r.txt", src.encode()).draft
    assert draft["tables"]["proactive"]["rows"]["rules"] == [0, 0, 6]
    assert draft["tables"]["proactive"]["rows"]["normative"] == [1, 0, 7]


# ---- the format of a table whose labels fit both formats ---------------------------------------
EMPTY_2019 = """2022年度某镇政府信息公开工作年度报告
一、总体情况
本年主动公开政务文件11份。
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章
规范性文件
第二十条第(五)项
信息内容
上一年项目数量
本年增/减
处理决定数量
行政许可
其他对外管理服务事项
三、收到和处理政府信息公开申请情况
申请人情况
自然人
法人或其他组织
总计
商业企业
科研机构
社会公益组织
法律服务机构
其他
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
(一)予以公开
"""


def test_cut_or_empty_table_three_follows_table_two_format():
    """An empty 2019-style table (a township page), cut before the rows where 2019 and 2021
    differ: table 三 takes the format table 二's labels showed, and no number appears."""
    result = import_bytes("r.txt", EMPTY_2019.encode())
    assert result.draft["format"] == "gov2019"
    assert "format" not in result.draft["tables"]["requests"]  # same as the report's
    assert_nothing_invented(result.draft, EMPTY_2019)
    assert all(c is None for _, t in result.draft["tables"].items() for cells in (t.get("rows") or {}).values()
               for c in cells)


def test_total_alone_is_no_evidence_of_table_four():
    """总计 is printed in tables 三 and 四: a page cut inside 三 has no table 四."""
    result = import_bytes("r.txt", EMPTY_2019.encode())
    assert result.draft["tables"]["review"] == {"status": "missing"}


# ---- titles, metadata boxes ------------------------------------------------------------------
@pytest.mark.parametrize("head, title", [
    # a generic title line above the agency's own title printed over two lines
    ("2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n2022年政府信息公开工作年度报告\n",
     "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告"),
    # agency and year on the first line, the rest of the title on the next
    ("宿州市人民政府2016年\n政府信息公开工作年度报告\n宿州市人民政府办公室\n",
     "宿州市人民政府2016年政府信息公开工作年度报告"),
    # a breadcrumb above a complete title stays out of it
    ("政府信息公开\n福州市晋安区2016年政府信息公开工作年度报告\n", "福州市晋安区2016年政府信息公开工作年度报告"),
])
def test_title_lines(head, title):
    src = head + "本报告根据《中华人民共和国政府信息公开条例》编制。\n一、概述\n本年工作有序推进。\n"
    result = import_bytes("r.txt", src.encode())
    assert result.draft["title"] == title
    assert title not in (result.draft.get("preamble") or "")


def test_metadata_box_printed_as_a_bordered_table():
    src = ("索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 综合政务 |\n"
           "发布机构 | 市政府办 | 发文日期 | 2018-02-28 |\n"
           "文 号 | 有 效 性 |\n"
           "现公布泰州市人民政府2017年政府信息公开工作年度报告。\n一、主要工作概述\n本年工作有序推进。\n")
    result = import_bytes("r.txt", src.encode())
    assert result.draft["index_no"] == "014416330/2018-04736"
    assert result.draft["published"] == "2018-02-28"
    assert "doc_no" not in result.draft  # 文号 printed empty: the next name is not its value
    assert not result.unrecognised


def test_metadata_box_as_html_table():
    page = ("<html><body><table><tr><td>索引号：</td><td>11330000/2020-01234</td><td>发布日期：</td>"
            "<td>2020-01-20</td></tr><tr><td>文号：</td><td>浙政办〔2020〕3号</td></tr></table>"
            "<h1>某市人民政府2019年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年工作有序推进。</p>"
            "<p>二、主动公开政府信息情况</p><p>见下表。</p></body></html>")
    draft = import_bytes("r.html", page.encode()).draft
    assert (draft["index_no"], draft["published"], draft["doc_no"]) == ("11330000/2020-01234", "2020-01-20",
                                                                        "浙政办〔2020〕3号")


def test_source_line_with_bare_time_field():
    src = ("福州市晋安区2016年政府信息公开工作年度报告\n来源:区人民政府办公室 时间:2017-01-12 10:01\n"
           "本报告根据条例编制。\n一、概述\n本年工作有序推进。\n")
    assert import_bytes("r.txt", src.encode()).draft["published"] == "2017-01-12"


# ---- mirrors in Traditional characters; tables that are there but unreadable --------------------
TRADITIONAL_TABLE_TWO = """北坡鎮2022年政府信息公開工作年度報告
一、總體情況
2022年,我鎮堅持以公開為常態、不公開為例外的原則。
二、主動公開政府信息情況
第二十條第(一)項 |
信息內容 | 本年制發件數 | 本年廢止件數 | 現行有效件數 |
規章 | 0 | 0 | 0 |
行政規范性文件 | 1 | 0 | 3 |
第二十條第(五)項 |
信息內容 | 本年處理決定數量 |
行政許可 | 12 |
第二十條第(六)項 |
信息內容 | 本年處理決定數量 |
行政處罰 | 4 |
行政強制 | 0 |
第二十條第(八)項 |
信息內容 | 本年收費金額(單位:萬元) |
行政事業性收費 | 190.457379 |
"""


def test_traditional_mirror_labels_are_read_and_flagged():
    result = import_bytes("r.txt", TRADITIONAL_TABLE_TWO.encode())
    rows = result.draft["tables"]["proactive"]["rows"]
    assert rows["normative"] == [1, 0, 3] and rows["licensing"] == [12] and rows["fees"] == [190.457379]
    assert any("繁体" in w for w in result.warnings)
    assert result.draft["sections"][0]["heading"] == "一、總體情況"  # printed text is kept as printed
    assert_nothing_invented(result.draft, TRADITIONAL_TABLE_TWO)


def test_simplified_report_is_not_flagged_traditional():
    filled = build.random_values(random.Random(5))
    result = import_bytes("r.txt", build.build_text(filled).encode())
    assert not any("繁体" in w for w in result.warnings)


def test_unreadable_table_under_a_heading_is_not_called_an_image():
    src = ("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年工作有序推进。\n二、主动公开政府信息情况\n"
           "| 指标甲 | 数量 |\n| 指标乙 | 5 |\n三、收到和处理政府信息公开申请情况\n")
    result = import_bytes("r.txt", src.encode())
    proactive = result.draft["tables"]["proactive"]
    assert proactive["status"] == "missing" and "标签" in proactive["note"]
    assert_nothing_invented(result.draft, src)


def test_heading_without_anything_under_it_is_an_image():
    src = ("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年工作有序推进。\n二、主动公开政府信息情况\n"
           "三、收到和处理政府信息公开申请情况\n")
    assert import_bytes("r.txt", src.encode()).draft["tables"]["proactive"]["status"] == "image"


def test_narrative_line_ending_with_a_colon_round_trips():
    src = ("某镇2023年政府信息公开工作年度报告\n一、总体情况\n本年工作有序推进。\n二、主动公开政府信息情况\n"
           "该部分以表格形式报告。表格如下:\n")
    result = import_bytes("r.txt", src.encode())
    assert yaml.safe_load(result.yaml)["sections"][1]["text"] == "该部分以表格形式报告。表格如下:"


# ---- the 序号 column of a statistics table copied one row per line ------------------------------
SERIAL_HEAD = "政府信息公开情况统计表\n序号 | 统计指标 | 单位 | 统计数 |\n"
SERIAL_ROWS = [("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "r1_1"),
               ("其中：主动公开规范性文件数", "条", "r1_1_a"), ("制发规范性文件总数", "件", "r1_1_b")]


def test_serial_numbers_of_a_blank_form_are_never_values():
    """A blank statistics form: the next row's 序号 must not become this row's value."""
    src = SERIAL_HEAD + "".join(f"{i + 2} | {label} | {unit} |\n" for i, (label, unit, _) in enumerate(SERIAL_ROWS))
    src += "5 | 二、回应解读情况 | |\n"
    rows = import_bytes("r.txt", src.encode()).draft["tables"]["legacy"]["rows"]
    assert [rows[code] for *_, code in SERIAL_ROWS] == [None, None, None]


def test_serial_numbers_are_dropped_and_values_kept():
    values = [125, 7, 9]
    src = SERIAL_HEAD + "".join(f"{i + 2} | {label} | {unit} | {v} |\n"
                                for i, ((label, unit, _), v) in enumerate(zip(SERIAL_ROWS, values)))
    result = import_bytes("r.txt", src.encode())
    assert [result.draft["tables"]["legacy"]["rows"][code] for *_, code in SERIAL_ROWS] == values
    assert not result.unrecognised


def test_row_per_line_without_serial_header_leaves_leading_numbers_unplaced():
    """No 序号 header: a leading number is not known to be a serial, so it is reported as a
    value without a row, and never shifted onto the row above."""
    src = "政府信息公开情况统计表\n" + "".join(f"{i + 2} | {label} | {unit} |\n" for i, (label, unit, _) in
                                      enumerate(SERIAL_ROWS))
    result = import_bytes("r.txt", src.encode())
    assert all(v is None for v in result.draft["tables"]["legacy"]["rows"].values())
    assert any("找不到所属的行" in w for w in result.warnings)


# ---- HTML page layouts -------------------------------------------------------------------------
def _heading_in_table(page: str) -> str:
    return re.sub(r'<p><strong>(二、主动公开政府信息情况)</strong></p><table>', r'<table><tr><td colspan="4">\1</td></tr>',
                  page)


def _one_table(page: str) -> str:
    return re.sub(r'</table>\s*<p><strong>(三、[^<]*|四、[^<]*)</strong></p>\s*<table>', r'<tr><td colspan="9">\1</td></tr>',
                  page)


def _word_export(page: str) -> str:
    return re.sub(r'<p style="text-align:center">([^<]*)</p>',
                  r'<p class=MsoNormal align=center><span lang=EN-US style="font-size:10.5pt">\1<o:p></o:p></span></p>',
                  page)


def _header_cells(page: str) -> str:
    return page.replace("<td", "<th").replace("</td>", "</th>")


@pytest.mark.parametrize("variant", [_heading_in_table, _one_table, _word_export, _header_cells])
def test_html_layouts_keep_sections_and_every_number(variant):
    filled = build.random_values(random.Random(2), blanks=0.2, marks=True)
    page = variant(build.build_html(filled, chrome_size=2000).decode("utf-8"))
    draft = import_bytes("r.html", page.encode("utf-8")).draft
    assert_nothing_invented(draft, page)
    assert [s["heading"] for s in draft["sections"]] == [s.heading for s in FORMATS["gov2021"].sections]
    for code, rows in filled.printed.items():
        for row in rows:
            assert [_plain(c) for c in draft["tables"][code]["rows"][row]] == filled.expected(code, row), (code, row)


# ---- Word: tables and paragraphs inside content controls ---------------------------------------
def test_docx_content_in_content_controls(tmp_path):
    """Forms filled from a template keep parts of the body inside `w:sdt` content controls."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    filled = build.random_values(random.Random(8), blanks=0.1, marks=True)
    path = build.build_docx(filled, tmp_path / "r.docx")
    document = docx.Document(str(path))
    body = document.element.body
    for tbl in list(body.iterchildren(qn("w:tbl"))):
        sdt = etree.SubElement(body, qn("w:sdt"))
        content = etree.SubElement(sdt, qn("w:sdtContent"))
        tbl.addprevious(sdt)
        content.append(tbl)
    document.save(str(tmp_path / "sdt.docx"))
    draft = import_bytes("sdt.docx", (tmp_path / "sdt.docx").read_bytes(), path=str(tmp_path / "sdt.docx")).draft
    for code, rows in filled.printed.items():
        for row in rows:
            assert [_plain(c) for c in draft["tables"][code]["rows"][row]] == filled.expected(code, row), (code, row)


# ---- never invent, whatever the layout --------------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), blanks=st.sampled_from([0.0, 0.3, 0.8]), marks=st.booleans(),
       layout=st.sampled_from([one_cell_per_line, border_lines, markdown_rows]), serial=st.booleans())
def test_layouts_never_invent(seed, blanks, marks, layout, serial):
    filled = build.random_values(random.Random(seed), blanks=blanks, marks=marks)
    source = layout(build.build_text(filled))
    if serial and layout is markdown_rows:  # number the labelled rows as a 序号 column would
        lines = source.split("\n")
        source = "\n".join(f"| {i} {ln}" if ln.startswith("| ") and not is_value_like(ln.split("|")[1]) else ln
                           for i, ln in enumerate(lines))
    result = import_bytes("r.txt", source.encode("utf-8"))
    assert_nothing_invented(result.draft, source)
    # and a value is never shifted into another row or column (the 序号 trap): every number
    # placed is the number printed in that place, unless the table note declares a guess
    for code, rows in filled.printed.items():
        table = result.draft["tables"].get(code) or {}
        if "推定" in (table.get("note") or ""):
            continue
        for row in rows:
            for got, want in zip(table.get("rows", {}).get(row, []), filled.expected(code, row)):
                if _plain(got) is not None:
                    assert _plain(got) == want, (layout.__name__, code, row, got, want)


# ---- real excerpts (tests/fixtures/import/real/README.md gives their sources) -------------------
REAL = Path(__file__).parent / "fixtures" / "import" / "real"


def _real(name: str):
    path = REAL / name
    return import_bytes(name, path.read_bytes()), path.read_text(encoding="utf-8")


def test_real_one_cell_per_line_township_2022():
    result, text = _real("taiping_2022_excerpt.txt")
    draft = result.draft
    assert draft["title"] == "太平镇人民政府2022年政府信息公开工作年度报告" and draft["format"] == "gov2021"
    assert draft["tables"]["proactive"]["rows"] == {"rules": [0, 0, 0], "normative": [0, 0, 0], "licensing": [0],
                                                    "penalty": [0], "coercion": [0], "fees": [0]}
    requests = draft["tables"]["requests"]["rows"]
    filled = [code for code, cells in requests.items() if cells != [None] * 7]
    assert filled == ["r1", "r2", "r3_1", "r3_2", "r3_3_1", "r3_3_2", "r3_3_3"]
    assert all(requests[c] == [0] * 7 for c in filled)
    assert draft["tables"]["review"] == {"status": "missing"}  # the excerpt ends inside table 三
    assert not result.unrecognised
    assert_nothing_invented(draft, text)


def test_real_border_lines_2023():
    result, text = _real("xjnlk_2023_excerpt.txt")
    rows = result.draft["tables"]["proactive"]["rows"]
    assert rows["rules"] == [0, 0, 6] and rows["normative"] == [0, 0, 0] and rows["fees"] == [0]
    assert result.draft["tables"]["requests"]["rows"]["r3_3_4"] == [0] * 7
    assert_nothing_invented(result.draft, text)


def test_real_empty_2019_table_in_a_2022_report():
    result, text = _real("jiaxian_2022_excerpt.txt")
    draft = result.draft
    assert draft["format"] == "gov2019" and draft["year"] == 2022 and draft["published"] == "2023-01-31"
    assert "format" not in draft["tables"]["requests"]
    assert all(c is None for t in draft["tables"].values() for cells in (t.get("rows") or {}).values() for c in cells)
    assert any("打印" in s for s in result.stripped)
    assert any(f.rule == "STRUCT-02" for f in result.findings)  # format differs from the year's: a finding


def test_real_metadata_box_2017():
    result, _ = _real("taizhou_2017_excerpt.txt")
    draft = result.draft
    assert (draft["index_no"], draft["published"], draft["year"]) == ("014416330/2018-04736", "2018-02-28", 2017)
    assert draft["title"] == "泰州市人民政府2017年政府信息公开工作年度报告"
    assert "doc_no" not in draft and not result.unrecognised


# ---- pages saved by a browser: MHTML single files, "saved from url" comments ------------------
def _mhtml(page: bytes, url: str) -> bytes:
    import quopri

    boundary = "----MultipartBoundary--abc123"
    head = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: =?utf-8?Q?report?=\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
            f"\tboundary=\"{boundary}\"\r\n\r\n\r\n--{boundary}\r\nContent-Type: text/html\r\n"
            f"Content-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {url}\r\n\r\n").encode()
    css = (f"\r\n--{boundary}\r\nContent-Type: text/css\r\nContent-Location: {url}a.css\r\n\r\n"
           f"body{{color:#000}}\r\n--{boundary}--\r\n").encode()
    return head + quopri.encodestring(page) + css


def test_mhtml_single_file_page():
    filled = build.random_values(random.Random(9), blanks=0.2, marks=True)
    page = re.sub(rb'<meta name="Url"[^>]*>', b"", build.build_html(filled, chrome_size=5000))
    url = "https://www.example.gov.cn/xxgk/ndbg/t20240120_1.html"
    result = import_bytes("r.mhtml", _mhtml(page, url))
    assert result.draft["source"]["url"] == url
    for code, rows in filled.printed.items():
        for row in rows:
            assert [_plain(c) for c in result.draft["tables"][code]["rows"][row]] == filled.expected(code, row)
    assert_nothing_invented(result.draft, page.decode("utf-8"))


def test_mhtml_without_a_page_fails_cleanly():
    from nianbao.importers import ImportFailure

    raw = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
           b"Content-Type: text/css\r\n\r\nbody{}\r\n--b--\r\n")
    with pytest.raises(ImportFailure, match="MHTML"):
        import_bytes("r.mhtml", raw)


def test_saved_from_url_comment_gives_the_source_address():
    filled = build.random_values(random.Random(10))
    page = build.build_html(filled, chrome_size=1000).decode("utf-8")
    page = re.sub(r'<meta name="Url"[^>]*>', "", page)  # the page itself does not say its address
    page = "<!-- saved from url=(0052)http://www.example.gov.cn/zwgk/ndbg/202401/t1.html -->\n" + page
    draft = import_bytes("r.html", page.encode("utf-8")).draft
    assert draft["source"]["url"] == "http://www.example.gov.cn/zwgk/ndbg/202401/t1.html"


# ---- control characters ------------------------------------------------------------------------
@pytest.mark.parametrize("ch", ["\x1b", "\x08", "\x1f", "\x7f", "\x9f"])
def test_control_characters_are_stripped_and_listed(ch):
    """A stray control character (web page, Word export) is no content, and YAML forbids it."""
    src = (f"某局2021年政府信息公开工作年度报告\n一、总体情况\n本年工作{ch}有序推进。\n二、主动公开政府信息情况\n"
           f"第二十条第（一）项 |\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n1{ch} |\n0 |\n3 |\n||\n")
    result = import_bytes("r.txt", src.encode("utf-8"))
    draft = yaml.safe_load(result.yaml)
    assert draft["sections"][0]["text"] == "本年工作有序推进。"
    assert draft["tables"]["proactive"]["rows"]["rules"] == [1, 0, 3]
    assert any("控制字符" in s for s in result.stripped)
    assert not [f for f in result.findings if f.rule.startswith("LOAD")]
