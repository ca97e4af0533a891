"""What a package build produced: its files' names and the facts its page reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .writers import Written

DESCRIPTOR = "datapackage.json"
ZIP_NAME = "nianbao-data.zip"
SQLITE_NAME = "nianbao.sqlite"
SQLITE_ZIP = "nianbao-sqlite.zip"


@dataclass
class PackageInfo:
    out_dir: Path
    descriptor: dict[str, Any]
    resources: list[Written]
    reports: int
    agencies: int
    findings: int
    skipped: list[str]
    by_year_format: dict[tuple[int, str], int]
    table_status: dict[str, int]
    summary: list[dict[str, str]] = field(default_factory=list)  # csvstat of reports.csv
    blocking: int = 0  # unacknowledged errors in the content (the package is built regardless)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step; not written to any file

    @property
    def descriptor_path(self) -> Path:
        return self.out_dir / DESCRIPTOR

    @property
    def zip_path(self) -> Path:
        return self.out_dir / ZIP_NAME

    @property
    def sqlite_zip_path(self) -> Path:
        return self.out_dir / SQLITE_ZIP

    @property
    def total_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.out_dir.rglob("*") if p.is_file())

    def resource(self, name: str) -> Written:
        return next(w for w in self.resources if w.name == name)
