"""Findings are data.

Every check, from YAML loading to cross-report rules, is a declared `Rule` with an id,
a severity, a Chinese title and a Chinese message template; validate/registry.py lists them
all, explicitly (nothing registers itself on import). Running a check yields
`Finding`s that carry the rule id, the file, the line and the cells concerned; the CLI,
the site and the data packages only format them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Container, Iterable, Mapping

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

# Where a rule runs; `nianbao rules` groups by it.
STAGE_LOAD = "load"  # reading the file
STAGE_SCHEMA = "schema"  # JSON Schema of the format
STAGE_REPORT = "report"  # rules within one report
STAGE_CORPUS = "corpus"  # rules across reports
STAGE_ZH = {STAGE_LOAD: "读取文件", STAGE_SCHEMA: "格式（JSON Schema）",
            STAGE_REPORT: "单份报告", STAGE_CORPUS: "跨报告"}


# Whose doing a finding is, as the public site tells readers apart: the publisher's report
# (late, sums that do not add up, missing sections, copied text) or our record of it (no
# source URL yet, a value typed wrong). A finding acknowledged as 原文如此 is the publisher's.
PUBLISHER = "publisher"
RECORD = "record"
PARTY_ZH = {PUBLISHER: "发布机关的报告", RECORD: "本站的记录"}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    stage: str
    title: str  # Chinese, one line
    template: str  # Chinese message, str.format fields from the finding's params
    formula: str = ""  # for arithmetic rules: the identity in words
    help: str = ""  # what to do about it, Chinese
    party: str = RECORD  # PUBLISHER when the finding is about the published report itself
    public: str = ""  # the message for the public site (plain Chinese, no YAML names); "" = template

    def finding(self, file: str, line: int | None = None, *, column: int | None = None,
                cells: tuple[str, ...] = (), severity: str | None = None, **params: Any) -> Finding:
        try:
            message = self.template.format(**params)
        except (KeyError, IndexError, ValueError):  # a template bug must not hide the finding
            message = f"{self.title}（{params}）"
        return Finding(self.id, severity or self.severity, file, line, column, tuple(cells), message,
                       {k: v for k, v in params.items() if _plain(v)})

    def public_message(self, finding: Finding) -> str:
        """What the site says: the public template filled from the finding's parameters."""
        if not self.public:
            return finding.message
        try:
            return self.public.format(**finding.params)
        except (KeyError, IndexError, ValueError):
            return finding.message

    def party_of(self, finding: Finding) -> str:
        return PUBLISHER if finding.acknowledged else self.party


def _plain(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None)))


@dataclass
class Finding:
    rule: str
    severity: str
    file: str
    line: int | None
    column: int | None
    cells: tuple[str, ...]
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    acknowledged: bool = False
    note: str = ""  # the acknowledgement's note
    report: str = ""  # report id, where known

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR and not self.acknowledged

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, SEVERITY_ORDER[self.severity], self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "severity": self.severity, "file": self.file, "line": self.line,
            "column": self.column, "cells": list(self.cells), "message": self.message,
            "params": self.params, "acknowledged": self.acknowledged, "note": self.note,
            "report": self.report,
        }


def owner(finding: Finding, ids: Container[str], by_file: Mapping[str, str]) -> str | None:
    """The report a finding belongs to, among `ids`: its report id, else the report at its file
    (findings raised before a report was built, such as AGENCY-01, carry only the file)."""
    rid = finding.report or by_file.get(finding.file)
    return rid if rid in ids else None


@dataclass(frozen=True)
class Check:
    """A check and the rules it may fire, declared together (validate/registry.py lists them)."""

    run: Callable[..., list[Finding]]
    rules: tuple[Rule, ...]


def rule_table(*groups: Iterable[Rule]) -> dict[str, Rule]:
    """id -> rule over the groups, in order; an id given twice with different content is a bug."""
    table: dict[str, Rule] = {}
    for group in groups:
        for rule in group:
            if table.setdefault(rule.id, rule) != rule:
                raise ValueError(f"rule id declared twice: {rule.id}")
    return table
