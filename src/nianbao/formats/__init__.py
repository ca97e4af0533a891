"""The national report formats, as data. See base.py for the vocabulary."""
from __future__ import annotations

from . import gov2019, gov2021, legacy2014, local
from .base import Format

FORMATS: dict[str, Format] = {
    f.code: f for f in (gov2021.FORMAT, gov2019.FORMAT, legacy2014.FORMAT, local.FORMAT)
}
TABLE_CODES = ("proactive", "requests", "review", "legacy")


def get_format(code: str) -> Format:
    return FORMATS[code]


def expected_format(year: int) -> str:
    """The format a report of `year` should normally use."""
    if year >= 2021:
        return "gov2021"
    if year >= 2019:
        return "gov2019"
    if year >= 2014:  # 国办发〔2014〕32号 created the national statistics table
        return "legacy2014"
    return "local"
