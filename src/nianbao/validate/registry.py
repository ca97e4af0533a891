"""Every rule, listed explicitly: loading, schema, locating files, one report, across reports.

Nothing registers itself on import; a rule that no list here names does not exist for the
CLI, the site, the data package or the docs (a test fails when one is declared but missing).
"""
from __future__ import annotations

from ..findings import STAGE_ZH, Rule, rule_table
from ..load import RULES as LOAD
from . import RULES as FILES
from .rules.agency import RULES as AGENCY
from .rules.copies import RULES as COPIES
from .rules.corpus import RULES as CORPUS
from .rules.report import RULES as REPORT
from .schema import RULES as SCHEMA

REGISTRY: dict[str, Rule] = rule_table(LOAD, SCHEMA, FILES, AGENCY, REPORT, CORPUS, COPIES)


def all_rules() -> list[Rule]:
    """Every rule, by stage (load, schema, report, corpus) and id."""
    return sorted(REGISTRY.values(), key=lambda r: (list(STAGE_ZH).index(r.stage), r.id))
