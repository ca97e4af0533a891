"""Formatting findings for people and machines. Pure functions: data in, text out."""
from __future__ import annotations

import json
from typing import Iterable

from .findings import SEVERITY_ZH, Finding


def text_line(f: Finding) -> str:
    where = f.file
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    ack = "（已确认：" + f.note + "）" if f.acknowledged else ""
    return f"{where}: {f.severity} {f.rule} {f.message}{ack}"


def _escape_annotation(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def github_annotation(f: Finding) -> str:
    level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
    if f.acknowledged:
        level = "notice"
    props = [f"file={_escape_annotation(f.file, True)}"]
    if f.line:
        props.append(f"line={f.line}")
    if f.column:
        props.append(f"col={f.column}")
    props.append(f"title={_escape_annotation(f.rule + ' ' + SEVERITY_ZH[f.severity], True)}")
    return f"::{level} {','.join(props)}::{_escape_annotation(f.message)}"


def summary_line(findings: list[Finding], files: int) -> str:
    def n(sev: str) -> int:
        return sum(1 for f in findings if f.severity == sev and not f.acknowledged)

    acked = sum(1 for f in findings if f.acknowledged)
    tail = f"，另有 {acked} 项已确认原文如此" if acked else ""
    return f"检查了 {files} 个文件：错误 {n('error')} 项，警告 {n('warning')} 项，提示 {n('info')} 项{tail}。"


def as_json(findings: Iterable[Finding], files: int) -> str:
    items = [f.to_dict() for f in findings]
    return json.dumps({"files": files, "findings": items}, ensure_ascii=False, indent=2)


def markdown_summary(findings: list[Finding], files: int) -> str:
    """A Chinese summary table for a GitHub job summary."""
    lines = ["## 年报核对结果", "", summary_line(findings, files), ""]
    shown = [f for f in findings if f.severity != "info" or f.acknowledged]
    if not shown:
        lines.append("没有发现错误或警告。")
        return "\n".join(lines) + "\n"
    lines += ["| 级别 | 规则 | 位置 | 说明 |", "|---|---|---|---|"]
    for f in shown:
        sev = SEVERITY_ZH[f.severity] + ("（已确认）" if f.acknowledged else "")
        where = f"{f.file}:{f.line}" if f.line else f.file
        msg = f.message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {sev} | {f.rule} | `{where}` | {msg} |")
    return "\n".join(lines) + "\n"
