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
    """The format a report of `year` should normally use: the national format whose `years`
    hold it, else local (国办发〔2014〕32号 created the first national statistics table)."""
    for fmt in (gov2021.FORMAT, gov2019.FORMAT, legacy2014.FORMAT):
        first, last = fmt.years
        if first <= year <= last:
            return fmt.code
    return "local"
