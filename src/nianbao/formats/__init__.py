"""The national report formats, as data. See base.py for the vocabulary.

Adding a format is one module here and one line in `FORMATS` (newest first); everything
else (schema, rules, importer, pages, data package, CLI, generator) reads it from here.
"""
from __future__ import annotations

from . import gov2019, gov2021, legacy2014, local
from .base import LEGACY, LOCAL, NATIONAL, Format

FORMATS: dict[str, Format] = {
    f.code: f for f in (gov2021.FORMAT, gov2019.FORMAT, legacy2014.FORMAT, local.FORMAT)
}


def table_codes() -> tuple[str, ...]:
    """Every table code of every format, in printed order (the keys of `tables:` in YAML)."""
    return tuple(dict.fromkeys(t.code for f in FORMATS.values() for t in f.tables))


TABLE_CODES = table_codes()


def get_format(code: str) -> Format:
    return FORMATS[code]


def of_family(family: str) -> tuple[Format, ...]:
    """The formats of a family, newest first (the order of FORMATS)."""
    return tuple(f for f in FORMATS.values() if f.family == family)


def newest() -> Format:
    return of_family(NATIONAL)[0]


def local_format() -> Format:
    return of_family(LOCAL)[0]


def legacy_format() -> Format:
    return of_family(LEGACY)[0]


def national_tables() -> tuple[str, ...]:
    """Table codes of the national formats, in printed order."""
    out: list[str] = []
    for f in of_family(NATIONAL):
        out += [t.code for t in f.tables if t.code not in out]
    return tuple(out)


def expected_format(year: int) -> str:
    """The format a report of `year` should normally use: of the formats whose `years` hold it,
    the one that began latest (a new format need not close its predecessor's years); local when
    none does (国办发〔2014〕32号 created the first national statistics table)."""
    holding = [f for f in FORMATS.values() if f.family != LOCAL and f.years[0] <= year <= f.years[1]]
    if not holding:
        return local_format().code
    return max(holding, key=lambda f: f.years[0]).code
