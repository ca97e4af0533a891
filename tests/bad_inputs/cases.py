"""The corpus of hostile and broken inputs, as data.

Each case is the bytes of one file (mostly the valid report `report.yaml` beside this file,
with one small edit), where it goes under a fresh content/ root, and the finding a user
must see: rule id, line and a key part of the Chinese message. `setup` builds what bytes
cannot (symlinks, a FIFO, a sparse 50 MB file, a second file). tests/test_hostile_inputs.py
runs every case through `nianbao.validate.validate` and some through the CLI.

`report.yaml` and `agency.yaml` are frozen copies of content/51/510727/zfb/, so that the
lines below stay exact when the real content is corrected.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).parent
BASE = (HERE / "report.yaml").read_text(encoding="utf-8")
AGENCY = (HERE / "agency.yaml").read_text(encoding="utf-8")
REPORT = "51/510727/zfb/2024.yaml"  # where the report goes under the content root
MB = 1_000_000


@dataclass(frozen=True)
class Case:
    id: str
    data: bytes | None  # the file's bytes; None when `setup` makes the file
    rule: str  # the finding the user must see ...
    line: int | None  # ... at this line (None: the whole file) ...
    fragment: str  # ... whose message contains this
    path: str = REPORT  # where `data` goes, relative to the content root
    target: str | None = None  # what to validate, relative to the root (default: path)
    setup: Callable[[Path], None] | None = None  # gets the content root
    alone: bool | None = None  # the only finding for the file; default: load, schema and path rules

    @property
    def only(self) -> bool:
        if self.alone is not None:
            return self.alone
        return self.rule.startswith(("LOAD-", "SCHEMA-", "PATH-"))


@dataclass(frozen=True)
class Good:
    """An input that must validate exactly like the unmodified report."""

    id: str
    data: bytes


def edit(old: str, new: str, count: int = 1, text: str = BASE) -> bytes:
    assert text.count(old) >= count, f"{old!r} not in the base report"
    return text.replace(old, new, count).encode("utf-8")


def edit_agency(old: str, new: str) -> bytes:
    return edit(old, new, text=AGENCY)


def _row(code: str, cells: str) -> tuple[str, str]:
    """The text of a requests row in the base, and the same row with other cells."""
    for line in BASE.splitlines():
        if line.strip().startswith(code + ":"):
            head, _, rest = line.partition("[")
            return line, f"{head}{cells}  #{rest.partition('#')[2]}"
    raise KeyError(code)


def row(code: str, cells: str) -> bytes:
    old, new = _row(code, cells)
    return edit(old, new)


# ---- setups for the file system cases ----------------------------------------------------------
def _write(root: Path, rel: str, data: bytes | str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def sparse_50mb(root: Path) -> None:
    # A sparse file: 50 MB long, no disk written, created in microseconds.
    with open(root / REPORT, "wb") as fh:
        fh.truncate(50 * MB)


def link(rel: str, target: str | Callable[[Path], str]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target(root) if callable(target) else target, p)
    return setup


def outside_secret(root: Path) -> str:
    secret = root.parent / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    return str(secret)


def fifo(root: Path) -> None:
    os.mkfifo(root / "51/510727/zfb/2023.yaml")


def also(rel: str, data: bytes | str) -> Callable[[Path], None]:
    return lambda root: _write(root, rel, data) and None


def without_agency(root: Path) -> None:
    (root / "51/510727/zfb/agency.yaml").unlink()


def outside_file(root: Path) -> None:
    _write(root.parent, "outside.yaml", BASE)


# ---- the corpus ----------------------------------------------------------------------------------
BILLION_LAUGHS = "\n".join(
    ["format: gov2021", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
) + "\n"
DEEP_SEQ = "[" * 10_000 + "]" * 10_000
DEEP_MAP = "{a: " * 10_000 + "1" + "}" * 10_000
LONG_RAW = "原" * 201
LONG_HEADING = "一、" + "长" * 500

CASES: list[Case] = [
    # -- malformed YAML --------------------------------------------------------------------------
    Case("unclosed-bracket", row("r1", "[11, 5, 0, 0, 0, 0, 16"), "LOAD-SYNTAX", 54, "找不到应有的逗号或右方括号"),
    Case("unclosed-quote", edit('dated: "2025-01-21"', 'dated: "2025-01-21'), "LOAD-SYNTAX", 5, "第 5 行开始的引号一直没有结束"),
    Case("unclosed-quote-at-end", edit("notes: 原文", 'notes: "原文'), "LOAD-SYNTAX", 87, "第 87 行开始的引号到文件末尾也没有结束"),
    Case("indented-key", edit("year: 2024", "  year: 2024"), "LOAD-SYNTAX", 3, "此处不能出现“键: 值”"),
    Case("missing-colon", edit("year: 2024", "year 2024"), "LOAD-SYNTAX", 4, "找不到应有的冒号"),
    Case("unclosed-brace", row("r1", '[{value: 11, raw: "11", 5, 0, 0, 0, 0, 16]'), "LOAD-DUPKEY", 54, "也可能是花括号没有闭合"),
    Case("unclosed-brace-in-row", row("r1", '[{value: 11, raw: "11"]'), "LOAD-SYNTAX", 54, "找不到应有的逗号或右花括号"),
    Case("unclosed-brace-at-row", row("r1", '{value: 11, raw: "11"'), "LOAD-SYNTAX", 54, "花括号 { } 没有正确闭合"),
    Case("at-sign-start", edit("signature: 平武", "signature: @平武"), "LOAD-SYNTAX", 6, "不能开始一个值的字符"),
    Case("backtick-start", edit("signature: 平武", "signature: `平武"), "LOAD-SYNTAX", 6, "不能开始一个值的字符"),
    Case("unknown-escape", edit('dated: "2025-01-21"', 'dated: "2025\\q01-21"'), "LOAD-SYNTAX", 5, "未知的转义字符"),
    Case("bad-unicode-escape", edit('dated: "2025-01-21"', 'dated: "\\ud800"'), "LOAD-SYNTAX", 5, "\\u 转义不是有效字符"),
    Case("misplaced-list-item", edit("sections:\n", "sections:\n- heading: x\n  text: y\n - z\n"), "LOAD-SYNTAX", 14, "缩进没有对齐"),
    Case("block-scalar-junk", edit("preamble: |-", "preamble: |- junk"), "LOAD-SYNTAX", 9, "块文本符号"),
    # -- tabs --------------------------------------------------------------------------------------
    Case("tab-indent-row", edit("      r2:", "\t    r2:"), "LOAD-TAB", 55, "Tab"),
    Case("tab-indent-key", edit("  medium: text", "\tmedium: text"), "LOAD-TAB", 8, "第 8 行的缩进里有制表符"),
    # -- duplicate keys ---------------------------------------------------------------------------
    Case("duplicate-top-key", edit("title: ", "year: 2023\ntitle: "), "LOAD-DUPKEY", 4, "上一次在第 3 行"),
    Case("duplicate-row", edit("      r2:", "      r1:     [1, 1, 1, 1, 1, 1, 1]\n      r2:"), "LOAD-DUPKEY", 55, "键“r1”"),
    Case("duplicate-quoted-key", edit("title: ", '"year": 2024\ntitle: '), "LOAD-DUPKEY", 4, "键“year”"),
    # -- anchors, aliases, merge keys, tags ---------------------------------------------------------
    Case("billion-laughs", BILLION_LAUGHS.encode(), "LOAD-ALIAS", 2, "锚点/别名"),
    Case("alias-row", edit("      r3_2:   [0, 0, 0, 0, 0, 0, 0]", "      r3_2:   *z"), "LOAD-ALIAS", 57, "锚点/别名"),
    Case("undefined-alias", edit("signature: 平武县人民政府办公室", "signature: *nobody"), "LOAD-ALIAS", 6, "锚点/别名"),
    Case("unused-anchor", edit("signature: 平武", "signature: &s 平武"), "LOAD-ALIAS", 6, "锚点/别名"),
    Case("merge-key", edit("title: ", "<<: {year: 2024}\ntitle: "), "LOAD-ALIAS", 4, "合并键（<<）"),
    Case("python-object-tag", edit("year: 2024", "year: !!python/object/apply:os.system [touch /tmp/nianbao-pwned-by-yaml-tag]"),
         "LOAD-TAG", 3, "“!!python/object/apply:os.system”"),
    Case("python-name-tag", edit("signature: 平武", "signature: !!python/name:os.system 平武"), "LOAD-TAG", 6, "标签不会被执行"),
    Case("binary-tag", edit("signature: 平武县人民政府办公室", "signature: !!binary aGk="), "LOAD-TAG", 6, "“!!binary”"),
    Case("custom-tag", edit("notes: ", "notes: !include /etc/passwd\nx: "), "LOAD-TAG", 87, "“!include”"),
    Case("str-tag-on-year", edit("year: 2024", "year: !!str 2024"), "SCHEMA-TYPE", 3, "应为整数，这里是 文本“2024”"),
    # -- deep nesting -------------------------------------------------------------------------------
    Case("deep-sequence-10000", edit("notes: ", f"deep: {DEEP_SEQ}\nnotes: "), "LOAD-DEPTH", 87, "嵌套超过 12 层"),
    Case("unclosed-sequence-400000", edit("notes: ", "deep: " + "[" * 400_000 + "\nnotes: "), "LOAD-DEPTH", 87, "嵌套超过 12 层"),
    Case("deep-mapping-10000", edit("notes: ", f"deep: {DEEP_MAP}\nnotes: "), "LOAD-DEPTH", 87, "嵌套超过 12 层"),
    Case("deep-block-mapping", edit("notes: ", "deep:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(40))
                                    + " " * 41 + "end: 1\nnotes: "), "LOAD-DEPTH", 100, "嵌套超过 12 层"),
    # -- size, binary, encodings ----------------------------------------------------------------------
    Case("sparse-50mb", None, "LOAD-SIZE", None, "文件有 50000000 字节，超过上限 1000000 字节", setup=sparse_50mb),
    Case("just-over-1mb", edit("notes: ", "notes: " + "长" * (MB // 3) + "\nx: "), "LOAD-SIZE", None, "超过上限 1000000 字节"),
    Case("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "LOAD-BINARY", 1, "这是一个 PDF 文件"),
    Case("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "LOAD-BINARY", 1, "PNG 图片"),
    Case("docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "LOAD-BINARY", 1, "Word（.docx）"),
    Case("nul-byte", edit("signature: 平武", "signature: \x00平武"), "LOAD-BINARY", 6, "第 6 行含有 NUL 字节"),
    Case("random-bytes", bytes((i * 131 + 7) % 256 for i in range(1, 4000) if (i * 131 + 7) % 256), "LOAD-ENCODING", 1,
         "也不像 GBK"),
    Case("gbk", BASE.encode("gbk"), "LOAD-ENCODING", 4, "GBK/GB18030 编码（第 4 行起"),
    Case("gb18030", edit("signature: 平武", "signature: 𠀀平武").decode().encode("gb18030"), "LOAD-ENCODING", 4, "GBK/GB18030"),
    Case("utf16-le-bom", BASE.encode("utf-16-le").join([b"\xff\xfe", b""]), "LOAD-ENCODING", 1, "UTF-16 编码"),
    Case("utf16-be-bom", b"\xfe\xff" + BASE.encode("utf-16-be"), "LOAD-ENCODING", 1, "UTF-16 编码"),
    Case("utf16-le-no-bom", BASE.encode("utf-16-le"), "LOAD-ENCODING", 1, "没有 BOM 的 UTF-16"),
    Case("utf32-bom", BASE.encode("utf-32"), "LOAD-ENCODING", 1, "UTF-32"),
    Case("utf8-bom", b"\xef\xbb\xbf" + BASE.encode(), "LOAD-BOM", 1, "UTF-8 BOM"),
    Case("latin1", edit("notes: ", "notes: Café ").decode().encode("latin-1", "replace"), "LOAD-ENCODING", 87, "第 87 行有无法按 UTF-8 读取的字节（也不像 GBK"),
    # -- invisible and control characters ---------------------------------------------------------------
    Case("control-bel", edit("signature: 平武", "signature: \x07平武"), "LOAD-CHAR", 6, "U+0007（控制字符）"),
    Case("control-del", edit("signature: 平武", "signature: 平\x7f武"), "LOAD-CHAR", 6, "U+007F"),
    Case("escaped-nul", edit("signature: 平武县人民政府办公室", 'signature: "平武\\0"'), "LOAD-CHAR", 6, "U+0000"),
    Case("bidi-override", edit("signature: 平武", "signature: \u202e平武"), "LOAD-CHAR", 6, "U+202E（双向文字控制符：从右至左强制）"),
    Case("bidi-override-escaped", edit("signature: 平武县人民政府办公室", 'signature: "\\u202e平武"'), "LOAD-CHAR", 6, "U+202E"),
    Case("bidi-isolate-in-key", edit("signature: 平武", "sig\u2066nature: 平武"), "LOAD-CHAR", 6, "U+2066"),
    Case("line-separator", edit("signature: 平武", "signature: 平\u2028武"), "LOAD-CHAR", 6, "U+2028（行分隔符）"),
    # -- wrong types ---------------------------------------------------------------------------------------
    Case("year-quoted", edit("year: 2024", 'year: "2024"'), "SCHEMA-TYPE", 3, "“报告年度”应为整数，这里是 文本“2024”"),
    Case("title-number", edit("title: 平武县人民政府办公室2024年政府信息公开工作年度报告", "title: 2024"), "SCHEMA-TYPE", 4,
         "应为文本，这里是 整数 2024"),
    Case("source-text", edit("source:\n  medium: text", "source: text"), "SCHEMA-TYPE", 7, "“来源”应为映射"),
    Case("row-scalar", row("r1", "16"), "SCHEMA-TYPE", 54, "应为列表"),
    Case("cell-true", row("r1", "[true, 5, 0, 0, 0, 0, 16]"), "SCHEMA-TYPE", 54, "布尔值 true"),
    Case("cell-yes", row("r1", "[yes, 5, 0, 0, 0, 0, 16]"), "CELL-02", 52, "原文不是数字（yes）", alone=False),
    Case("agency-level-number", edit_agency("level: 县级", "level: 3"), "SCHEMA-ENUM", 3, "不在允许范围内",
         path="51/510727/zfb/agency.yaml"),
    # -- numbers in cells ---------------------------------------------------------------------------------
    Case("negative-count", row("r1", "[-1, 5, 0, 0, 0, 0, 16]"), "SCHEMA-RANGE", 54, "是负数；这一格不能为负"),
    Case("float-count", row("r1", "[10.5, 5, 0, 0, 0, 0, 16]"), "SCHEMA-TYPE", 54, "件数不能有小数"),
    Case("float-whole-count", row("r1", "[11.0, 5, 0, 0, 0, 0, 16]"), "CELL-01", 54, "有小数，而这一格是件数"),
    Case("fullwidth-digits", row("r1", "[１１, 5, 0, 0, 0, 0, 16]"), "CELL-03", 54, "看起来是数字 11"),
    Case("fullwidth-thousands", row("r1", "[１，２３４, 5, 0, 0, 0, 0, 16]"), "CELL-03", 54, "看起来是数字 1234"),
    Case("fullwidth-digits-ascii-comma", row("r1", "[１,２３４, 5, 0, 0, 0, 0, 16]"), "SCHEMA-CELLS", 54, "这里有 8 个"),
    Case("quoted-thousands", row("r1", '["1,234", 5, 0, 0, 0, 0, 16]'), "CELL-03", 54, "看起来是数字 1234"),
    Case("chinese-numeral", row("r1", "[十一, 5, 0, 0, 0, 0, 16]"), "CELL-02", 52, "原文不是数字（十一）", alone=False),
    Case("raw-mismatch", row("r1", '[{value: 11, raw: "12"}, 5, 0, 0, 0, 0, 16]'), "CELL-04", 54, "数值必须来自原文"),
    Case("huge-integer", row("r1", f"[{10 ** 30}, 5, 0, 0, 0, 0, 16]"), "LOAD-NUMBER", 54, "有 31 位"),
    Case("integer-5000-digits", row("r1", "[" + "9" * 5000 + ", 5, 0, 0, 0, 0, 16]"), "LOAD-NUMBER", 54, "有 5000 位"),
    Case("integer-over-maximum", row("r1", f"[{10 ** 13}, 5, 0, 0, 0, 0, 16]"), "SCHEMA-RANGE", 54, "绝对值不能大于 999999999999"),
    Case("float-overflow", row("r1", "[1.0e400, 5, 0, 0, 0, 0, 16]"), "LOAD-NUMBER", 54, "超出了数字能表示的范围"),
    Case("inf", row("r1", "[.inf, 5, 0, 0, 0, 0, 16]"), "CELL-02", 52, "原文不是数字（.inf）", alone=False),
    Case("nan", row("r1", "[.nan, 5, 0, 0, 0, 0, 16]"), "CELL-02", 52, "原文不是数字（.nan）", alone=False),
    # -- keys ------------------------------------------------------------------------------------------------
    Case("unknown-key-typo", edit("title: ", "titel: x\ntitle: "), "SCHEMA-UNKNOWN", 4, "是不是想写“title”"),
    Case("unknown-row-code", edit("      r2:", "      r9:     [0, 0, 0, 0, 0, 0, 0]\n      r2:"), "SCHEMA-UNKNOWN", 55, "不认识键“r9”"),
    Case("unknown-section-key", edit("  - heading: 二、", "  - headng: x\n    heading: 二、"), "SCHEMA-UNKNOWN", 25, "是不是想写“heading”"),
    Case("id-key-traversal", edit("title: ", "id: ../../../etc/passwd\ntitle: "), "SCHEMA-UNKNOWN", 4, "不认识键“id”"),
    Case("very-long-key", edit("title: ", "k" * 10_000 + ": 1\ntitle: "), "LOAD-SYNTAX", 4, "键太长"),
    Case("long-unknown-key", edit("title: ", "k" * 1000 + ": 1\ntitle: "), "SCHEMA-UNKNOWN", 4, "不认识键“kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…”"),
    Case("complex-key", edit("title: ", "[a, b]: 1\ntitle: "), "LOAD-KEY", 4, "键是列表或映射"),
    # -- missing required fields -------------------------------------------------------------------------------
    Case("missing-title", edit("title: 平武县人民政府办公室2024年政府信息公开工作年度报告\n", ""), "SCHEMA-REQUIRED", 2, "缺少必填项“title”"),
    Case("missing-format", edit("format: gov2021\n", ""), "SCHEMA-REQUIRED", 2, "缺少必填项“format”"),
    Case("missing-row", edit(_row("r4", "")[0] + "\n", ""), "SCHEMA-REQUIRED", 77, "缺少必填项“r4”"),
    Case("section-without-text", edit("  - heading: 二、主动公开政府信息情况\n    text: \"\"\n", "  - heading: 二、主动公开政府信息情况\n"),
         "SCHEMA-REQUIRED", 25, "缺少必填项“text”"),
    Case("agency-missing-kind", edit_agency("kind: 政府部门\n", ""), "SCHEMA-REQUIRED", 2, "缺少必填项“kind”",
         path="51/510727/zfb/agency.yaml"),
    # -- years and dates ---------------------------------------------------------------------------------------
    Case("year-1850", edit("year: 2024", "year: 1850"), "SCHEMA-RANGE", 3, "不能小于 2007"),
    Case("year-2150", edit("year: 2024", "year: 2150"), "SCHEMA-RANGE", 3, "不能大于 2100"),
    Case("year-not-file-name", edit("year: 2024", "year: 2023"), "META-01", 3, "与文件名 2024.yaml 不一致"),
    Case("february-30", edit('dated: "2025-01-21"', 'dated: "2023-02-30"'), "META-02", 5, "2023 年 2 月没有 30 日"),
    Case("month-13", edit('dated: "2025-01-21"', "dated: 2025-13-01"), "META-02", 5, "没有 13 月"),
    Case("year-zero-date", edit('dated: "2025-01-21"', 'dated: "0000-01-01"'), "SCHEMA-PATTERN", 5, "年份在 1900 至 2099 之间"),
    Case("slash-date", edit('dated: "2025-01-21"', "dated: 2025/01/21"), "SCHEMA-PATTERN", 5, "日期应写成 YYYY-MM-DD"),
    Case("file-year-1850", BASE.encode(), "PATH-01", None, "年报文件名应为四位年度", path="51/510727/zfb/1850.yaml"),
    # -- format and tables ---------------------------------------------------------------------------------------
    Case("unknown-format", edit("format: gov2021", "format: gov2020"), "SCHEMA-ENUM", 2, "应为：gov2021、gov2019"),
    Case("format-list", edit("format: gov2021", "format: [gov2021]"), "SCHEMA-ENUM", 2, "“报告格式”的值“['gov2021']”"),
    Case("format-mapping", edit("format: gov2021", "format: {code: gov2021}"), "SCHEMA-ENUM", 2, "不在允许范围内"),
    Case("table-format-unknown", edit("  requests:  # 三、收到和处理政府信息公开申请情况\n",
                                      "  requests:  # 三、收到和处理政府信息公开申请情况\n    format: gov2020\n"),
         "SCHEMA-ENUM", 52, "“三、收到和处理政府信息公开申请情况 › 本表所用格式”的值“gov2020”不在允许范围内"),
    Case("table-format-swallows-rows", edit("  requests:  # 三、收到和处理政府信息公开申请情况\n    rows:",
                                            "  requests:  # 三、收到和处理政府信息公开申请情况\n    format:"),
         "SCHEMA-ENUM", 54, "本表所用格式”的值“{'r1': [11, 5, 0, 0, 0, 0, 16]"),
    Case("too-few-cells", row("r1", "[11, 5, 0, 0, 0, 16]"), "SCHEMA-CELLS", 54, "应有 7 个单元格（自然人，"),
    Case("too-many-cells", row("r1", "[11, 5, 0, 0, 0, 0, 0, 16]"), "SCHEMA-CELLS", 54, "这里有 8 个"),
    Case("image-table-with-rows", edit("  requests:  # 三、收到和处理政府信息公开申请情况\n",
                                       "  requests:  # 三、收到和处理政府信息公开申请情况\n    status: image\n"),
         "SCHEMA-OTHER", 52, "status 为 image 或 missing 的表不应有 rows"),
    Case("bad-table-status", edit("  requests:  # 三、收到和处理政府信息公开申请情况\n",
                                  "  requests:  # 三、收到和处理政府信息公开申请情况\n    status: photo\n"),
         "SCHEMA-ENUM", 52, "应为：table、image、missing"),
    Case("cell-raw-over-200", row("r1", f'["{LONG_RAW}", 5, 0, 0, 0, 0, 16]'), "SCHEMA-LENGTH", 54, "的原文有 201 个字符，超过上限 200 个"),
    Case("cell-empty-string", row("r1", '["", 5, 0, 0, 0, 0, 16]'), "SCHEMA-LENGTH", 54, "是空字符串；空白单元格请写 ~"),
    Case("heading-over-500", edit("  - heading: 二、主动公开政府信息情况", f"  - heading: {LONG_HEADING}"),
         "SCHEMA-LENGTH", 25, "超过上限 500 个字符"),
    Case("javascript-url", edit("  medium: text", "  medium: text\n  url: javascript:alert(1)"), "SCHEMA-PATTERN", 9,
         "网址应以 http:// 或 https:// 开头"),
    Case("agency-parent-traversal", edit_agency("kind: 政府部门", "kind: 政府部门\nparent: ../../etc/passwd"),
         "SCHEMA-PATTERN", 5, "“上级机构编号”的值“../../etc/passwd”写法不对：机构编号应写成“行政区划代码-目录名”", path="51/510727/zfb/agency.yaml"),
    Case("agency-parent-unknown", edit_agency("kind: 政府部门", "kind: 政府部门\nparent: 510727-nosuch"),
         "AGENCY-03", 5, "上级机构 parent: 510727-nosuch 未登记", path="51/510727/zfb/agency.yaml"),
    # -- document shape ---------------------------------------------------------------------------------------------
    Case("empty-file", b"", "LOAD-EMPTY", 1, "文件是空的"),
    Case("only-comments", b"# nothing here\n# still nothing\n", "LOAD-EMPTY", 1, "文件是空的"),
    Case("null-document", b"~\n", "LOAD-EMPTY", 1, "文件是空的"),
    Case("top-level-list", b"- format: gov2021\n- year: 2024\n", "LOAD-EMPTY", 1, "的顶层不是映射"),
    Case("top-level-string", b"just some text\n", "LOAD-EMPTY", 1, "的顶层不是映射"),
    Case("two-documents", edit("notes: ", "---\nnotes: "), "LOAD-MULTIDOC", 87, "多份 YAML 文档"),
    # -- paths, ids, agencies ----------------------------------------------------------------------------------------
    Case("division-9xxxxx", BASE.encode(), "PATH-01", None, "“999999”不是 6 位行政区划代码", path="99/999999/zfb/2024.yaml",
         setup=also("99/999999/zfb/agency.yaml", AGENCY)),
    Case("division-5-digits", BASE.encode(), "PATH-01", None, "“51072”不是 6 位行政区划代码", path="51/51072/zfb/2024.yaml"),
    Case("division-province-mismatch", BASE.encode(), "PATH-01", None, "省级目录“52”与行政区划代码“510727”的前两位不一致",
         path="52/510727/zfb/2024.yaml"),
    Case("division-unknown-code", AGENCY.encode(), "AGENCY-02", 1, "510799 不在区划代码表中", path="51/510799/zfb/agency.yaml",
         alone=False),
    Case("slug-uppercase", BASE.encode(), "PATH-01", None, "只能由小写英文字母、数字和连字符组成", path="51/510727/ZFB/2024.yaml"),
    Case("slug-chinese", BASE.encode(), "PATH-01", None, "机构目录名“政府办”", path="51/510727/政府办/2024.yaml"),
    Case("yml-extension", BASE.encode(), "PATH-02", None, "请改为 .yaml", path="51/510727/zfb/2023.yml"),
    Case("yml-twin-duplicate-id", BASE.encode(), "PATH-01", None, "2024.yml 与 2024.yaml 在同一目录，是同一份报告",
         path="51/510727/zfb/2024.yml", setup=also(REPORT, BASE)),
    Case("uppercase-extension", BASE.encode(), "PATH-01", None, "扩展名请用 .yaml", path="51/510727/zfb/2024.YAML",
         target="51/510727"),
    Case("wrong-file-name", BASE.encode(), "PATH-01", None, "年报文件名应为四位年度，如 2024.yaml，而不是“report.yaml”",
         path="51/510727/zfb/report.yaml"),
    Case("wrong-depth", BASE.encode(), "PATH-01", None, "文件位置应为", path="51/2024.yaml"),
    Case("unknown-agency", BASE.encode(), "AGENCY-01", 1, "已登记的相近机构：zfb", path="51/510727/zfbb/2024.yaml"),
    Case("unregistered-agency", BASE.encode(), "AGENCY-01", 1, "没有 agency.yaml", setup=without_agency),
    # A file outside the root is a draft: checked as far as it can be, and told where it belongs.
    Case("dot-dot-traversal", None, "PATH-04", None, "content/51/510727/zfb/2024.yaml 之后才能核对",
         path="51/510727/zfb/../../../../outside.yaml", setup=outside_file, alone=False),
    Case("absolute-path-outside", None, "PATH-04", None, "不在内容目录", path="/etc/hostname", alone=False),
    Case("symlink-outside", None, "PATH-01", None, "指向内容目录之外", path="51/510727/zfb/2023.yaml",
         setup=link("51/510727/zfb/2023.yaml", outside_secret)),
    Case("symlink-dev-zero", None, "PATH-01", None, "是符号链接", path="51/510727/zfb/2023.yaml",
         setup=link("51/510727/zfb/2023.yaml", "/dev/zero")),
    Case("symlink-inside", None, "PATH-01", None, "指向内容目录里的 51/510727/zfb/2024.yaml", path="51/510727/zfb/2023.yaml",
         setup=link("51/510727/zfb/2023.yaml", "2024.yaml")),
    Case("symlink-broken", None, "PATH-01", None, "指向不存在的文件", path="51/510727/zfb/2023.yaml",
         setup=link("51/510727/zfb/2023.yaml", "nowhere.yaml")),
    Case("symlinked-agency-folder", None, "PATH-01", None, "“content/51/510727/fgw”是符号链接", path="51/510727/fgw",
         target="51", setup=link("51/510727/fgw", "zfb")),
    Case("symlinked-agency-file", None, "LOAD-READ", None, "符号链接", path="51/510727/xzfb/agency.yaml",
         target="51/510727/xzfb/2024.yaml",
         setup=lambda root: (_write(root, "51/510727/xzfb/2024.yaml", BASE),
                             os.symlink(outside_secret(root), root / "51/510727/xzfb/agency.yaml"))),
    Case("fifo-as-report", None, "LOAD-READ", None, "不是一个普通文件", path="51/510727/zfb/2023.yaml",
         target="51/510727/zfb/2023.yaml", setup=fifo),
]

GOOD: list[Good] = [
    Good("crlf", BASE.replace("\n", "\r\n").encode()),
    Good("cr-only", BASE.replace("\n", "\r").encode()),
    Good("tab-between-cells", edit("[11, 5, 0,", "[11,\t5, 0,")),
    Good("zero-width-space-in-text", edit("notes: 原文", "notes: 原\u200b文")),
    Good("explicit-document-end", (BASE + "...\n").encode()),
]
