"""Free form for reports with no national table: pre-2014 reports and provincial tables.

Their tables are kept as printed (label, unit, values per printed column) with no
identities; the national checks do not apply.
"""
from __future__ import annotations

from .base import LOCAL, Format

FORMAT = Format(
    code="local",
    title="地方格式或无统一表格",
    description="2014年以前的报告、各省自定的统计表，或没有统计表的报告：表格按原样记录（指标、单位、各列数值），不做全国格式的勾稽核对。",
    years=(2008, 9999),
    sections=(),
    tables=(),
    source="各地自定",
    family=LOCAL,
    short="地方格式或无统一表格",
)
