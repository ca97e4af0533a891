"""Safe YAML loading with line numbers.

Contributor YAML is untrusted. We compose the node graph with libyaml (no object
construction, no tags), then build plain data ourselves so that we can refuse what a
transcription never needs (aliases, merge keys, duplicate keys, deep nesting) and keep
the line of every value for messages.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import ERROR, STAGE_LOAD, Finding, Rule, declare

try:  # libyaml is ~7x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 12

R_SIZE, R_BINARY, R_ENCODING, R_BOM, R_TAB, R_SYNTAX, R_DUPKEY, R_ALIAS, R_DEPTH, R_MULTI, R_READ, R_EMPTY, R_KEY = declare(
    Rule("LOAD-SIZE", ERROR, STAGE_LOAD, "文件过大",
         "文件有 {size} 字节，超过上限 {limit} 字节。一份年报的 YAML 通常不到 50 KB，请检查是否粘贴了多余内容。"),
    Rule("LOAD-BINARY", ERROR, STAGE_LOAD, "不是文本文件",
         "文件含有二进制内容（NUL 字节），不是 YAML 文本。请确认上传的是 .yaml 文本文件，而不是 PDF、Word 或图片。"),
    Rule("LOAD-ENCODING", ERROR, STAGE_LOAD, "文件编码不是 UTF-8",
         "{detail}请用编辑器把文件另存为“UTF-8（无 BOM）”编码。"),
    Rule("LOAD-BOM", ERROR, STAGE_LOAD, "文件以 BOM 开头",
         "文件开头有 UTF-8 BOM（字节 EF BB BF）。请另存为“UTF-8（无 BOM）”；记事本请选“UTF-8”而不是“带 BOM 的 UTF-8”。"),
    Rule("LOAD-TAB", ERROR, STAGE_LOAD, "缩进里有制表符",
         "第 {line} 行的缩进里有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格。"),
    Rule("LOAD-SYNTAX", ERROR, STAGE_LOAD, "YAML 语法错误",
         "YAML 语法错误：{problem}。{hint}"),
    Rule("LOAD-DUPKEY", ERROR, STAGE_LOAD, "重复的键",
         "键“{key}”在同一层出现了两次（上一次在第 {first} 行）。后一个会覆盖前一个，请删除或合并其中一个。"),
    Rule("LOAD-ALIAS", ERROR, STAGE_LOAD, "不允许使用锚点和别名",
         "这里使用了 YAML 锚点/别名（&、*）或合并键（<<）。年报按原样逐项填写，不需要引用，请直接写出内容。"),
    Rule("LOAD-DEPTH", ERROR, STAGE_LOAD, "嵌套过深",
         "内容嵌套超过 {limit} 层。年报的结构不会这么深，请检查缩进或括号是否配对。"),
    Rule("LOAD-MULTIDOC", ERROR, STAGE_LOAD, "一个文件里有多份文档",
         "文件里有多份 YAML 文档（用 --- 分隔）。每份年报单独一个文件。"),
    Rule("LOAD-READ", ERROR, STAGE_LOAD, "无法读取文件", "无法读取文件：{detail}"),
    Rule("LOAD-EMPTY", ERROR, STAGE_LOAD, "文件为空或不是映射",
         "文件{detail}。一份年报应是以“键: 值”组成的映射，例如以 `year: 2024` 开头。"),
    Rule("LOAD-KEY", ERROR, STAGE_LOAD, "键必须是简单文本",
         "这里的键不是简单文本（{detail}）。键应是像 `year`、`r1` 这样的名称。"),
)


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


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR = "tag:yaml.org,2002:str"


def _scalar(node: yaml.ScalarNode) -> Any:
    v = node.value
    if node.style or node.tag == _STR:  # quoted, block, or explicit !!str
        return v
    if v in _NULLS:
        return None
    if _INT.fullmatch(v):
        return int(v)
    if _FLOAT.fullmatch(v):
        return float(v)
    if v in _BOOLS:
        return _BOOLS[v]
    # YAML 1.1 would read yes/no/on/off, 0x1F, 1_000, 1:30 and dates as other types;
    # a transcription means the text it wrote, so keep it.
    return v


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.lines: dict[tuple, int] = {}
        self.seen: set[int] = set()

    def fail(self, rule: Rule, node: yaml.Node, **params: Any) -> None:
        m = node.start_mark
        raise _Stop(rule.finding(self.path, m.line + 1, column=m.column + 1, **params))

    def build(self, node: yaml.Node, at: tuple, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.fail(R_DEPTH, node, limit=MAX_DEPTH)
        if id(node) in self.seen:  # the composer returns the anchored node again for an alias
            self.fail(R_ALIAS, node)
        self.seen.add(id(node))
        self.lines[at] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, at + (i,), depth + 1) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self.fail(R_KEY, knode, detail="键是列表或映射")
            if knode.tag == "tag:yaml.org,2002:merge":
                self.fail(R_ALIAS, knode)
            key = knode.value
            if key in first:
                self.fail(R_DUPKEY, knode, key=key, first=first[key])
            first[key] = knode.start_mark.line + 1
            out[key] = self.build(vnode, at + (key,), depth + 1)
        return out


_SYNTAX_HINTS = (
    ("found character '\\t'", "缩进或内容里有制表符（Tab），请换成空格。"),
    ("mapping values are not allowed", "冒号后面要有空格；若文本本身含“: ”，请把整段文本用引号括起来，或改用 | 块文本。"),
    ("could not find expected ':'", "这一行缺少“键: 值”里的冒号，或上一行的引号没有闭合。"),
    ("did not find expected key", "缩进没有对齐：同一层的键应左对齐。"),
    ("found undefined alias", "这里使用了 YAML 别名（*）。"),
    ("expected ',' or ']'", "方括号 [ ] 里的一行单元格没有正确闭合，或单元格之间缺少逗号。"),
    ("found unexpected end of stream", "文件意外结束：可能有未闭合的引号或括号。"),
    ("while scanning a quoted scalar", "引号没有闭合。"),
    ("found character that cannot start any token", "这一行以 YAML 不允许的字符开头（如 @ 或 `），请把整段文本用引号括起来。"),
)
_PROBLEM_ZH = {
    "mapping values are not allowed here": "此处不能出现“键: 值”",
    "could not find expected ':'": "找不到应有的冒号",
    "did not find expected key": "找不到应有的键",
    "did not find expected ',' or ']'": "找不到应有的逗号或右方括号",
    "did not find expected ',' or '}'": "找不到应有的逗号或右花括号",
    "found unexpected end of stream": "文件意外结束",
    "found character that cannot start any token": "出现了不能开始一个值的字符",
    "found unknown escape character": "引号内有未知的转义字符",
    "expected <block end>, but found '<block sequence start>'": "列表项（- ）的缩进不对",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致或多了一个值",
    "expected <block end>, but found '-'": "列表项（- ）的缩进不对",
    "expected a single document in the stream": "文件里有多份文档",
}


def _syntax_finding(path: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = str(getattr(exc, "problem", "") or exc).strip()
    if "expected a single document" in problem:
        return R_MULTI.finding(path, line, column=col)
    zh = next((v for k, v in _PROBLEM_ZH.items() if problem.startswith(k)), problem)
    text = f"{getattr(exc, 'context', '') or ''} {problem}"
    hint = next((h for k, h in _SYNTAX_HINTS if k in text), "请对照相邻几行检查缩进、冒号和引号。")
    return R_SYNTAX.finding(path, line, column=col, problem=zh, hint=hint)


def decode(path: str, raw: bytes) -> tuple[str | None, Finding | None]:
    """Bytes to text, or the reason it cannot be read as UTF-8 YAML."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, R_BOM.finding(path, 1, column=1)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, R_ENCODING.finding(path, 1, detail="文件是 UTF-16 编码（常见于 Windows 记事本的“Unicode”）。")
    if b"\x00" in raw:
        return None, R_BINARY.finding(path, raw[: raw.index(b"\x00")].count(b"\n") + 1)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            detail = f"文件看起来是 GBK/GB18030 编码（第 {line} 行起无法按 UTF-8 读取）。"
        except UnicodeDecodeError:
            detail = f"第 {line} 行有无法按 UTF-8 读取的字节。"
        return None, R_ENCODING.finding(path, line, detail=detail)


def parse(path: str, text: str) -> tuple[Document | None, list[Finding]]:
    """YAML text to a Document, or the findings that stop it."""
    for i, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return None, [R_TAB.finding(path, i, column=indent.index("\t") + 1, line=i)]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [_syntax_finding(path, exc)]
    except RecursionError:
        return None, [R_DEPTH.finding(path, 1, limit=MAX_DEPTH)]
    if node is None:
        return None, [R_EMPTY.finding(path, 1, detail="是空的")]
    if not isinstance(node, yaml.MappingNode):
        return None, [R_EMPTY.finding(path, node.start_mark.line + 1, detail="的顶层不是映射")]
    builder = _Builder(path)
    try:
        data = builder.build(node, (), 0)
    except _Stop as stop:
        return None, [stop.finding]
    except RecursionError:
        return None, [R_DEPTH.finding(path, 1, limit=MAX_DEPTH)]
    return Document(path, data, builder.lines, text), []


def load_file(path: str | os.PathLike[str], display: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read and parse one YAML file; never raises for bad content."""
    shown = display or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return None, [R_SIZE.finding(shown, None, size=size, limit=MAX_BYTES)]
        raw = p.read_bytes()
    except OSError as exc:
        return None, [R_READ.finding(shown, None, detail=exc.strerror or str(exc))]
    if len(raw) > MAX_BYTES:  # grew between stat and read
        return None, [R_SIZE.finding(shown, None, size=len(raw), limit=MAX_BYTES)]
    text, problem = decode(shown, raw)
    if problem:
        return None, [problem]
    return parse(shown, text)
