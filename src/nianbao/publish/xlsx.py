"""`excel/<name>.xlsx`: each spreadsheet resource as a real workbook, beside its BOM CSV.

LibreOffice's default CSV import ignores the BOM (every Chinese header garbled) and reads
行政区划代码 510727 as a number; a workbook carries its types. Here:
- codes and every other string field are text cells (never numbers, never formulas: a
  value starting with `=` stays the text it is);
- numbers are numbers, a blank is an empty cell (not 0), dates are dates shown yyyy-mm-dd;
- the Chinese field titles form a bold, frozen header row;
- more rows than a sheet holds (1,048,576) continue on a second sheet;
- the bytes depend only on the rows and the content's date: openpyxl stamps the clock into
  docProps/core.xml and every zip entry, so the file is repacked with the content's date.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from .resources import Resource
from .zipped import zip_entry

SHEET_ROWS = 1_048_576  # Excel's and LibreOffice's limit, header included
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
# XML 1.0 cannot hold these; the loader refuses them in content, this keeps a stray one from
# breaking the workbook.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class XlsxWriter:
    """Rows in, one deterministic .xlsx out (write-only mode: memory stays flat)."""

    def __init__(self, resource: Resource, path: Path, stamp: dt.date) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self._cell, self._bold = WriteOnlyCell, Font(bold=True)
        self.resource, self.path, self.stamp = resource, path, stamp
        self.kinds = [f.type for f in resource.fields]
        self.wb = Workbook(write_only=True)
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        title = self.resource.name[:28] + ("" if self.sheets == 1 else f"-{self.sheets}")
        self.ws = self.wb.create_sheet(title=title)
        self.ws.freeze_panes = "A2"
        header = []
        for f in self.resource.fields:
            c = self._cell(self.ws, value=f.title)
            c.font = self._bold
            header.append(c)
        self.ws.append(header)
        self.rows = 1

    def append(self, row: tuple) -> None:
        if self.rows >= SHEET_ROWS:
            self._new_sheet()
        self.ws.append([self._value(v, kind) for v, kind in zip(row, self.kinds)])
        self.rows += 1

    def _value(self, v: Any, kind: str) -> Any:
        if v is None or v == "":
            return None
        if kind == "date" and isinstance(v, str):
            try:
                c = self._cell(self.ws, value=dt.date.fromisoformat(v))
            except ValueError:
                return self._text(v)
            c.number_format = "yyyy-mm-dd"
            return c
        if kind == "boolean":
            return bool(v)  # rows may carry 0/1
        if isinstance(v, str):
            return self._text(v)
        return v  # int, float: number cells

    def _text(self, v: str) -> Any:
        c = self._cell(self.ws, value=None)
        c.value = _ILLEGAL.sub("", v)[:32767]
        c.data_type = "s"  # after the value: openpyxl would read a leading `=` as a formula
        return c

    def close(self) -> None:
        tmp = self.path.with_suffix(".xlsx.tmp")
        self.wb.save(tmp)
        _repack(tmp, self.path, self.stamp)
        tmp.unlink()


def _repack(src: Path, dest: Path, stamp: dt.date) -> None:
    """The workbook with fixed entry times and the content's date as created/modified."""
    when = f"{stamp.isoformat()}T00:00:00Z".encode()
    part = dest.with_suffix(".xlsx.part")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _CORE_TIME.sub(lambda m: m.group(1) + when + m.group(2), data)
            zout.writestr(zip_entry(item.filename, stamp), data)
    os.replace(part, dest)
