"""What an import returns: the draft and a report of the import (data; the CLI words it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding


class ImportFailure(Exception):
    """The source cannot be read at all. The message is Chinese and names the file."""


@dataclass
class TableImport:
    code: str
    title: str
    format: str | None  # None when the table was not found
    status: str  # table | image | missing
    rows_found: int
    rows_expected: int
    cells_filled: int  # cells holding a number
    cells_total: int
    confidence: str  # high | medium | low | none
    how: str = ""  # how the format was decided (Chinese)
    missing_rows: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # rows whose values could not be placed
    guessed: list[str] = field(default_factory=list)  # rows placed by the documented rule (low confidence)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    source: str
    medium: str
    draft: dict[str, Any]
    yaml: str
    found: list[str] = field(default_factory=list)  # what was recognised (Chinese)
    missing: list[str] = field(default_factory=list)  # what the draft lacks (Chinese)
    stripped: list[str] = field(default_factory=list)  # chrome and spam removed
    unrecognised: list[str] = field(default_factory=list)  # table labels not in any format
    warnings: list[str] = field(default_factory=list)
    tables: list[TableImport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # checks run on the draft
