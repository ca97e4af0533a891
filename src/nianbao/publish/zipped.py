"""Zip files whose bytes depend only on their members and the content's date: sorted names,
the content's date as every entry's time (not the clock), fixed modes."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

FIRST_ZIP_DAY = dt.date(1980, 1, 1)  # the earliest date a zip entry can carry


def zip_entry(name: str, stamp: dt.date) -> zipfile.ZipInfo:
    day = max(stamp, FIRST_ZIP_DAY)
    info = zipfile.ZipInfo(name, (day.year, day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def write_zip(path: Path, root: Path, members: list[str], stamp: dt.date) -> None:
    """`members` (paths under `root`) into the zip at `path`, written whole or not at all."""
    tmp = path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members):
            with open(root / name, "rb") as src, zf.open(zip_entry(name, stamp), "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    os.replace(tmp, path)
