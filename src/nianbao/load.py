"""Safe YAML loading with line numbers.

Contributor YAML is untrusted. We read libyaml's event stream (no composing, no object
construction) and build plain data ourselves with an explicit stack, so that we can refuse
what a transcription never needs (tags, anchors/aliases, merge keys, duplicate keys, deep
nesting) at the first event that shows it, keep the line of every value for messages, and
never recurse: a file of 400,000 `[` used to crash libyaml's recursive composer.
"""
from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import ERROR, STAGE_LOAD, Finding, Rule
from .messages import os_error

try:  # libyaml is ~7x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 12
MAX_DIGITS = 30  # an integer longer than this is no count; int() of 4,300+ digits even raises

R_SIZE = Rule("LOAD-SIZE", ERROR, STAGE_LOAD, "文件过大",
              "文件有 {size} 字节，超过上限 {limit} 字节。一份年报的 YAML 通常不到 50 KB，请检查是否粘贴了多余内容。")
R_BINARY = Rule("LOAD-BINARY", ERROR, STAGE_LOAD, "不是文本文件",
                "{detail}不是 YAML 文本。请确认上传的是 .yaml 文本文件，而不是 PDF、Word 或图片。")
R_ENCODING = Rule("LOAD-ENCODING", ERROR, STAGE_LOAD, "文件编码不是 UTF-8",
                  "{detail}请用编辑器把文件另存为“UTF-8（无 BOM）”编码。")
R_BOM = Rule("LOAD-BOM", ERROR, STAGE_LOAD, "文件以 BOM 开头",
             "文件开头有 UTF-8 BOM（字节 EF BB BF）。请另存为“UTF-8（无 BOM）”；记事本请选“UTF-8”而不是“带 BOM 的 UTF-8”。")
R_TAB = Rule("LOAD-TAB", ERROR, STAGE_LOAD, "缩进里有制表符",
             "第 {row} 行的缩进里有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格。")
R_SYNTAX = Rule("LOAD-SYNTAX", ERROR, STAGE_LOAD, "YAML 语法错误",
                "YAML 语法错误：{problem}。{hint}")
R_DUPKEY = Rule("LOAD-DUPKEY", ERROR, STAGE_LOAD, "重复的键",
                "键“{key}”在同一层出现了两次（上一次在第 {first} 行）。后一个会覆盖前一个，请删除或合并其中一个。{hint}")
R_ALIAS = Rule("LOAD-ALIAS", ERROR, STAGE_LOAD, "不允许使用锚点和别名",
               "这里使用了 YAML 锚点/别名（&、*）或合并键（<<）。年报按原样逐项填写，不需要引用，请直接写出内容。")
R_DEPTH = Rule("LOAD-DEPTH", ERROR, STAGE_LOAD, "嵌套过深",
               "内容嵌套超过 {limit} 层。年报的结构不会这么深，请检查缩进或括号是否配对。")
R_MULTI = Rule("LOAD-MULTIDOC", ERROR, STAGE_LOAD, "一个文件里有多份文档",
               "文件里有多份 YAML 文档（用 --- 分隔）。每份年报单独一个文件。")
R_READ = Rule("LOAD-READ", ERROR, STAGE_LOAD, "无法读取文件", "无法读取文件：{detail}")
R_EMPTY = Rule("LOAD-EMPTY", ERROR, STAGE_LOAD, "文件为空或不是映射",
               "文件{detail}。一份年报应是以“键: 值”组成的映射，例如以 `year: 2024` 开头。")
R_KEY = Rule("LOAD-KEY", ERROR, STAGE_LOAD, "键必须是简单文本",
             "这里的键不是简单文本（{detail}）。键应是像 `year`、`r1` 这样的名称。")
R_TAG = Rule("LOAD-TAG", ERROR, STAGE_LOAD, "不允许使用 YAML 标签",
             "这里使用了 YAML 标签“{tag}”。年报只需要文本、数字、列表和映射，标签不会被执行，整个文件不予读取；请删去它。")
R_CHAR = Rule("LOAD-CHAR", ERROR, STAGE_LOAD, "有不可见的控制字符",
              "第 {row} 行有不可见的字符 {code}（{name}）。{why}")
R_NUMBER = Rule("LOAD-NUMBER", ERROR, STAGE_LOAD, "数字超出范围",
                "数字“{text}”{problem}。年报里的件数和金额不会这么大，请核对；若原文如此，请加引号按原文录入。")


@dataclass
class Document:
    """Plain data from one YAML file, with the line of every value."""

    path: str  # as given, for messages
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)  # value path -> 1-based line
    text: str = ""

    def line(self, *path: Any) -> int | None:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Stop(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding


# ---- characters -----------------------------------------------------------------------------
# Characters no transcription contains. libyaml itself rejects the C0/C1 controls (with an
# English message and no line); bidi controls reorder what a reader sees ("Trojan Source"),
# so a shown number or URL could differ from the stored one; U+2028/2029/0085 are line breaks
# to YAML but not to most editors, so every line number after them would be wrong.
_BIDI = {0x202A: "从左至右嵌入", 0x202B: "从右至左嵌入", 0x202C: "嵌入结束", 0x202D: "从左至右强制",
         0x202E: "从右至左强制", 0x2066: "从左至右隔离", 0x2067: "从右至左隔离", 0x2068: "首强隔离",
         0x2069: "隔离结束"}
_BREAKS = {0x85: "下一行 NEL", 0x2028: "行分隔符", 0x2029: "段分隔符"}
_BAD_CHAR = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                       "\u2028\u2029\ufffe\uffff]")
_BAD_VALUE_CHAR = re.compile(_BAD_CHAR.pattern[:-1] + "\x00]")  # also escapes such as "\0" or "\u202e"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_at(text: str, pos: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, pos)) + 1


def _char_finding(path: str, line: int, column: int | None, ch: str) -> Finding:
    cp = ord(ch)
    if cp in _BIDI:
        name, why = f"双向文字控制符：{_BIDI[cp]}", "它会改变文字的显示顺序，使看到的内容与实际内容不同。请删除它。"
    elif cp in _BREAKS:
        name, why = _BREAKS[cp], "它是不常见的换行符，编辑器与本工具对行号的理解会不一致。请换成普通换行或删除它。"
    else:
        name = "控制字符" if unicodedata.category(ch) == "Cc" else "非字符"
        why = "年报文字里不会有这种字符，通常是复制粘贴时带进来的。请删除它。"
    return R_CHAR.finding(path, line, column=column, row=line, code=f"U+{cp:04X}", name=name, why=why)


def _check_chars(path: str, text: str) -> Finding | None:
    m = _BAD_CHAR.search(text)
    if m is None:
        return None
    start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
    return _char_finding(path, _line_at(text, m.start()), m.start() - start + 1, m.group())


def _check_tabs(path: str, text: str) -> Finding | None:
    for i, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return R_TAB.finding(path, i, column=indent.index("\t") + 1, row=i)
    return None


# ---- scalars ----------------------------------------------------------------------------------
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR = "tag:yaml.org,2002:str"
# Tags that change nothing we build; any other (!!python/object, !!binary, !foo) is refused.
_HARMLESS_TAGS = {None, "!", _STR, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _scalar(value: str, plain: bool) -> Any:
    """The value of a scalar: quoted, block and !!str scalars are text; plain ones may be
    null, a number or true/false. YAML 1.1 would also read yes/no/on/off, 0x1F, 1_000,
    1:30 and dates as other types; a transcription means the text it wrote, so keep it."""
    v = value
    if not plain:
        return v
    if v.isdigit() and v.isascii() and len(v) <= MAX_DIGITS:
        return int(v)  # the common case, a table cell: no regex needed
    if v in _NULLS:
        return None
    if _INT.fullmatch(v):
        if len(v.lstrip("+-")) > MAX_DIGITS:
            raise ValueError(f"有 {len(v.lstrip('+-'))} 位")
        return int(v)
    if _FLOAT.fullmatch(v):
        number = float(v)
        if not math.isfinite(number):
            raise ValueError("超出了数字能表示的范围")
        return number
    if v in _BOOLS:
        return _BOOLS[v]
    return v


# ---- building ---------------------------------------------------------------------------------
class _Container:
    __slots__ = ("value", "at", "key", "key_line", "first", "flow")

    def __init__(self, value: Any, at: tuple, flow: bool = False):
        self.value = value
        self.at = at
        self.flow = flow  # written inline, in { }
        self.key: str | None = None  # mapping: the key awaiting its value
        self.key_line = 0
        self.first: dict[str, int] = {}  # mapping: key -> line, for duplicate keys


def _fail(rule: Rule, path: str, mark: Any, **params: Any) -> None:
    raise _Stop(rule.finding(path, mark.line + 1, column=mark.column + 1, **params))


def _build(path: str, text: str) -> tuple[Any, dict[tuple, int], bool]:
    """(data, lines, found a document) from the event stream; raises _Stop or yaml.YAMLError.

    The hot loop of a corpus run (hundreds of events per report): events are dispatched by
    class identity, and the character check runs again only on double-quoted scalars, the
    one style whose escapes (\\0, \\u202e) can produce characters the whole-text check
    in parse() did not see."""
    lines: dict[tuple, int] = {}
    stack: list[_Container] = []
    root: Any = None
    documents = 0
    loader = _Loader(text)
    get_event = loader.get_event
    scalar_ev, map_start = yaml.ScalarEvent, yaml.MappingStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is yaml.StreamStartEvent or cls is yaml.DocumentEndEvent:
                continue
            if cls is yaml.StreamEndEvent:
                break
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    _fail(R_MULTI, path, ev.start_mark)
                continue
            if cls in ends:
                done = stack.pop()
                if not stack:
                    root = done.value
                else:
                    _attach(stack[-1], done.value)
                continue
            # A node: alias, scalar, sequence start or mapping start.
            if cls is yaml.AliasEvent or ev.anchor is not None:
                _fail(R_ALIAS, path, ev.start_mark)
            tag = ev.tag
            if tag is not None and tag not in _HARMLESS_TAGS:
                _fail(R_TAG, path, ev.start_mark, tag=str(tag).replace("tag:yaml.org,2002:", "!!")[:80])
            parent = stack[-1] if stack else None
            is_scalar = cls is scalar_ev
            if parent is not None and parent.key is None and parent.value.__class__ is dict:
                # A mapping key.
                mark = ev.start_mark
                if not is_scalar:
                    _fail(R_KEY, path, mark, detail="键是列表或映射")
                key = ev.value
                if not ev.style and key == "<<":
                    _fail(R_ALIAS, path, mark)
                bad = _BAD_VALUE_CHAR.search(key) if ev.style == '"' else None
                if bad:
                    raise _Stop(_char_finding(path, mark.line + 1, mark.column + 1, bad.group()))
                if key in parent.first:
                    hint = "这里在花括号 { } 之内：也可能是花括号没有闭合，把后面的内容当成了它的键。" if parent.flow else ""
                    _fail(R_DUPKEY, path, mark, key=key[:80], first=parent.first[key], hint=hint)
                parent.first[key] = mark.line + 1
                parent.key = key
                continue
            mark = ev.start_mark
            if len(stack) > MAX_DEPTH:
                _fail(R_DEPTH, path, mark, limit=MAX_DEPTH)
            if parent is None:
                at: tuple = ()
                if cls is not map_start:
                    if is_scalar and not ev.style and ev.value in _NULLS:
                        raise _Stop(R_EMPTY.finding(path, 1, detail="是空的"))  # `---` alone: line 1, not 2
                    _fail(R_EMPTY, path, mark, detail="的顶层不是映射")
            elif parent.value.__class__ is dict:
                at = parent.at + (parent.key,)
            else:
                at = parent.at + (len(parent.value),)
            lines[at] = mark.line + 1
            if is_scalar:
                style = ev.style
                if style == '"' or (style is None and "\x00" in ev.value):
                    bad = _BAD_VALUE_CHAR.search(ev.value)
                    if bad:
                        raise _Stop(_char_finding(path, mark.line + 1, mark.column + 1, bad.group()))
                try:
                    value = _scalar(ev.value, not style and tag is None)
                except ValueError as exc:
                    shown = ev.value if len(ev.value) <= 40 else ev.value[:20] + "…" + ev.value[-6:]
                    _fail(R_NUMBER, path, mark, text=shown, problem=str(exc))
                _attach(parent, value)
            else:
                stack.append(_Container({}, at, bool(ev.flow_style)) if cls is map_start else _Container([], at))
    finally:
        loader.dispose()
    return root, lines, documents > 0


def _attach(parent: _Container | None, value: Any) -> None:
    if parent is None:  # a scalar root was refused above
        return
    if isinstance(parent.value, dict):
        parent.value[parent.key] = value
        parent.key = None
    else:
        parent.value.append(value)


# ---- syntax errors ------------------------------------------------------------------------------
_SYNTAX_HINTS = (
    ("found character '\\t'", "缩进或内容里有制表符（Tab），请换成空格。"),
    ("tab character", "缩进或内容里有制表符（Tab），请换成空格。"),
    ("mapping values are not allowed", "冒号后面要有空格；若文本本身含“: ”，请把整段文本用引号括起来，或改用 | 块文本。"),
    ("could not find expected ':'", "这一行缺少“键: 值”里的冒号，或上一行的引号没有闭合。"),
    ("did not find expected key", "缩进没有对齐：同一层的键应左对齐。"),
    ("expected ',' or ']'", "方括号 [ ] 里的一行单元格没有正确闭合，或单元格之间缺少逗号。"),
    ("expected ',' or '}'", "花括号 { } 没有正确闭合，或项之间缺少逗号。"),
    ("found unexpected end of stream", "文件意外结束：可能有未闭合的引号或括号。"),
    ("while scanning a quoted scalar", "引号没有闭合。"),
    ("found character that cannot start any token", "这一行以 YAML 不允许的字符开头（如 @ 或 `），请把整段文本用引号括起来。"),
    ("escape", "双引号里的反斜杠 \\ 会被当作转义；文本里要写反斜杠，请改用单引号或 | 块文本。"),
    ("block sequence entries are not allowed", "列表项“- ”的位置不对：它应单独起一行并与同级对齐。"),
    ("did not find expected '-' indicator", "列表项（- ）的缩进没有对齐。"),
    ("document indicator", "一行开头的 --- 或 ... 在 YAML 里表示文档的开始或结束；文本里有这样的行，请用 | 块文本并缩进。"),
    ("mapping keys are not allowed", "问号“? ”在 YAML 里有特殊含义；若是文本，请加引号。"),
    ("did not find expected node content", "这里缺少值，或有多余的符号。"),
    ("did not find expected alphabetic or numeric character", "& 和 * 在 YAML 里有特殊含义；若是文本，请加引号。"),
)
_PROBLEM_ZH = {
    "mapping values are not allowed": "此处不能出现“键: 值”",
    "could not find expected ':'": "找不到应有的冒号",
    "did not find expected key": "找不到应有的键",
    "did not find expected ',' or ']'": "找不到应有的逗号或右方括号",
    "did not find expected ',' or '}'": "找不到应有的逗号或右花括号",
    "found unexpected end of stream": "文件意外结束",
    "found character that cannot start any token": "出现了不能开始一个值的字符",
    "found unknown escape character": "引号内有未知的转义字符",
    "found invalid Unicode character escape code": "引号内的 \\u 转义不是有效字符",
    "did not find expected hexdecimal number": "引号内的 \\x 或 \\u 转义不完整",
    "expected <block end>, but found '<block sequence start>'": "列表项（- ）的缩进不对",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致或多了一个值",
    "expected <block end>, but found '-'": "列表项（- ）的缩进不对",
    "block sequence entries are not allowed": "此处不能出现列表项",
    "did not find expected '-' indicator": "找不到应有的列表项符号“-”",
    "found unexpected document indicator": "出现了文档分隔符",
    "did not find expected <document start>": "缺少文档开始标记 ---（%YAML 等指令之后必须有它），或文档结束标记 ... 之后还有内容",
    "did not find expected node content": "找不到应有的值",
    "mapping keys are not allowed": "此处不能出现“? ”",
    "found a tab character": "出现了制表符（Tab）",
    "did not find expected comment or line break": "块文本符号 | 或 > 后面有多余的字符",
    "did not find expected alphabetic or numeric character": "& 或 * 后面缺少名称",
    "did not find expected whitespace or line break": "缺少空格或换行",
    "control characters are not allowed": "出现了控制字符",
}
# A line that looks like `key: value`, to spot a quote that swallowed the keys after it.
_KEY_LINE = re.compile(r"^[ ]*(?:- )?[A-Za-z0-9_]+:(?: |$)")


def _unclosed_quote(text: str) -> tuple[int, int, bool] | None:
    """(line, column, runs to the end) of a quoted scalar that swallowed lines looking like keys."""
    lines = text.splitlines()
    try:
        for tok in yaml.scan(text, Loader=_Loader):
            if isinstance(tok, yaml.ScalarToken) and tok.style in ('"', "'") \
                    and tok.end_mark.line > tok.start_mark.line:
                inner = lines[tok.start_mark.line + 1: tok.end_mark.line + 1]
                if any(_KEY_LINE.match(l) for l in inner):
                    return tok.start_mark.line + 1, tok.start_mark.column + 1, False
    except yaml.YAMLError as exc:
        ctx = getattr(exc, "context", "") or ""
        mark = getattr(exc, "context_mark", None)
        if "quoted scalar" in ctx and "end of stream" in str(getattr(exc, "problem", "")) and mark is not None:
            return mark.line + 1, mark.column + 1, True
    return None


def _syntax_finding(path: str, text: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = str(getattr(exc, "problem", "") or getattr(exc, "reason", "") or exc).strip()
    context = str(getattr(exc, "context", "") or "")
    if mark is None and isinstance(getattr(exc, "position", None), int):  # a ReaderError
        line = _line_at(text, exc.position)
    if "maximum nesting depth" in problem:
        # libyaml 0.2.5+ (PyYAML 6.0.3+ wheels) stops deep nesting in its scanner, before our
        # event loop sees the nodes: the same finding as our own limit, whichever layer stops it.
        return R_DEPTH.finding(path, line, column=col, limit=MAX_DEPTH)
    start = getattr(exc, "context_mark", None)
    text_lines = text.splitlines()
    if problem.startswith("did not find expected ',' or") and start is not None:
        # An unclosed [ or { is noticed lines later; the line that opened it is the one to fix.
        line, col = start.line + 1, start.column + 1
    if problem.startswith("could not find expected ':'") and start is not None:
        opened = text_lines[start.line] if start.line < len(text_lines) else ""
        if len(opened) > 1024 and ":" in opened[1024:]:  # YAML allows keys of at most 1024 characters
            return R_SYNTAX.finding(path, start.line + 1, column=start.column + 1, problem="键太长",
                                    hint="YAML 的键不能超过 1024 个字符；这一行的键可能是误粘贴的文本，请检查。")
    if line is not None:  # an error at the end of the stream is reported past the last line
        last = max(1, len(text_lines))
        if line > last:
            line, col = last, None
    quote = _unclosed_quote(text)
    if quote is not None and (quote[0] <= (line or quote[0])):
        return R_SYNTAX.finding(path, quote[0], column=quote[1], problem="引号没有闭合",
                                hint=f"第 {quote[0]} 行开始的引号到文件末尾也没有结束。请补上缺少的引号。" if quote[2] else
                                f"第 {quote[0]} 行开始的引号一直没有结束，其后的“键: 值”都被当成了引号内的文本"
                                f"（到第 {line} 行才出错）。请补上缺少的引号。" if line and line > quote[0] else
                                "请补上缺少的引号。")
    zh = next((v for k, v in _PROBLEM_ZH.items() if problem.startswith(k) or k in problem), None)
    if zh is None:  # a message we have no translation for: its English never reaches the user
        zh = "这一处无法按 YAML 解析"
    hint = next((h for k, h in _SYNTAX_HINTS if k in f"{context} {problem}"), "请对照相邻几行检查缩进、冒号和引号。")
    return R_SYNTAX.finding(path, line, column=col, problem=zh, hint=hint)


# ---- bytes to text -----------------------------------------------------------------------------
_MAGIC = ((b"%PDF", "这是一个 PDF 文件，"), (b"\x89PNG", "这是一个 PNG 图片，"), (b"\xff\xd8\xff", "这是一个 JPEG 图片，"),
          (b"GIF8", "这是一个 GIF 图片，"), (b"PK\x03\x04", "这是一个 Word（.docx）、Excel 或 ZIP 压缩文件，"),
          (b"\xd0\xcf\x11\xe0", "这是一个旧版 Word（.doc）或 Excel（.xls）文件，"), (b"Rar!", "这是一个 RAR 压缩文件，"),
          (b"\x1f\x8b", "这是一个 gzip 压缩文件，"), (b"\x7fELF", "这是一个程序文件，"))


def _looks_chinese(text: str) -> bool:
    """Most non-ASCII characters are common CJK: the bytes were GBK text, not random."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return False
    cjk = sum(1 for c in wide if 0x4E00 <= ord(c) <= 0x9FFF or 0x3000 <= ord(c) <= 0x303F
              or 0xFF00 <= ord(c) <= 0xFFEF)
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    return cjk >= 0.8 * len(wide) and controls == 0


def _utf16_text(raw: bytes) -> bool:
    """UTF-16 without a BOM: NULs (the high bytes of ASCII), and the bytes decode to plain text."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\n" in text and not any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\r\n"
                                     for c in text):
            return True
    return False


def decode(path: str, raw: bytes) -> tuple[str | None, Finding | None]:
    """Bytes to text, or the reason it cannot be read as UTF-8 YAML."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, R_BOM.finding(path, 1, column=1)
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, R_ENCODING.finding(path, 1, detail="文件是 UTF-32 编码。")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, R_ENCODING.finding(path, 1, detail="文件是 UTF-16 编码（常见于 Windows 记事本的“Unicode”）。")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return None, R_BINARY.finding(path, 1, detail=what)
    if b"\x00" in raw:
        if _utf16_text(raw):
            return None, R_ENCODING.finding(path, 1, detail="文件看起来是没有 BOM 的 UTF-16 编码。")
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, R_BINARY.finding(path, line, detail=f"文件第 {line} 行含有 NUL 字节（二进制内容），")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            chinese = _looks_chinese(raw.decode("gb18030"))
        except UnicodeDecodeError:
            chinese = False
        if chinese:
            detail = f"文件看起来是 GBK/GB18030 编码（第 {line} 行起无法按 UTF-8 读取）。"
        else:
            detail = f"第 {line} 行有无法按 UTF-8 读取的字节（也不像 GBK 编码的中文，可能不是文本文件）。"
        return None, R_ENCODING.finding(path, line, detail=detail)


def parse(path: str, text: str) -> tuple[Document | None, list[Finding]]:
    """YAML text to a Document, or the findings that stop it."""
    problem = _check_chars(path, text) or _check_tabs(path, text)
    if problem:
        return None, [problem]
    try:
        data, lines, found = _build(path, text)
    except _Stop as stop:
        return None, [stop.finding]
    except yaml.YAMLError as exc:
        return None, [_syntax_finding(path, text, exc)]
    if not found or data is None:
        return None, [R_EMPTY.finding(path, 1, detail="是空的")]
    return Document(path, data, lines, text), []


def load_file(path: str | os.PathLike[str], display: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read and parse one YAML file; never raises for bad content.

    Only a regular file is read, and never more than MAX_BYTES + 1 bytes: a symlink to
    /dev/zero or a FIFO named 2024.yaml must not hang or fill memory. A symlink as the
    last component is refused (O_NOFOLLOW): content/ is a git tree, where a link could
    point at any file of the machine that runs the build.
    """
    shown = display or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        if Path(path).is_symlink():
            return None, [R_READ.finding(shown, None, detail="这是一个符号链接；出于安全考虑不读取符号链接，请放入真实文件。")]
        fd = os.open(path, flags)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, [R_READ.finding(shown, None, detail="这不是一个普通文件（可能是目录、设备或管道）。")]
            if info.st_size > MAX_BYTES:
                return None, [R_SIZE.finding(shown, None, size=info.st_size, limit=MAX_BYTES)]
            with os.fdopen(fd, "rb", closefd=False) as fh:
                raw = fh.read(MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, [R_READ.finding(shown, None, detail=os_error(exc))]
    if len(raw) > MAX_BYTES:  # grew between stat and read
        return None, [R_SIZE.finding(shown, None, size=len(raw), limit=MAX_BYTES)]
    text, problem = decode(shown, raw)
    if problem:
        return None, [problem]
    return parse(shown, text)


RULES = (R_SIZE, R_BINARY, R_ENCODING, R_BOM, R_TAB, R_CHAR, R_SYNTAX, R_DUPKEY, R_ALIAS, R_TAG, R_DEPTH, R_MULTI,
         R_READ, R_EMPTY, R_KEY, R_NUMBER)
