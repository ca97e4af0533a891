"""What the pages need beyond the corpus model (nianbao/corpus.py): the region helpers and
chart figures under the names the page modules use, and which findings are across reports."""
from __future__ import annotations

from ..corpus import Corpus, Requests, build_corpus, requests_of
from ..findings import STAGE_CORPUS, Finding
from ..formats.base import OUTCOME_GROUPS
from ..regions import city_of, parent_region, province_of, region_chain, region_name
from ..validate.registry import REGISTRY

__all__ = ["Corpus", "Requests", "build_corpus", "requests_of", "city_of", "parent_region", "province_of",
           "region_chain", "region_name", "OUTCOME_GROUPS", "OUTCOME_LABELS", "is_cross_report"]

OUTCOME_LABELS = dict(OUTCOME_GROUPS)


def is_cross_report(f: Finding) -> bool:
    rule = REGISTRY.get(f.rule)
    return rule is not None and rule.stage == STAGE_CORPUS
