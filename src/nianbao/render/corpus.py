"""What the pages need beyond the corpus model (nianbao/corpus.py): the region helpers and
chart figures under the names the page modules use, and which findings are across reports."""
from __future__ import annotations

from ..corpus import Corpus, Requests, build_corpus, requests_of
from ..findings import RECORD, STAGE_CORPUS, Finding
from ..formats.base import OUTCOME_GROUPS
from ..regions import city_of, parent_region, province_of, region_chain, region_name
from ..validate.registry import REGISTRY

__all__ = ["Corpus", "Requests", "build_corpus", "requests_of", "city_of", "parent_region", "province_of",
           "region_chain", "region_name", "OUTCOME_GROUPS", "OUTCOME_LABELS", "is_cross_report", "party_of",
           "public_message"]

OUTCOME_LABELS = dict(OUTCOME_GROUPS)


def public_message(f: Finding) -> str:
    """The finding as the site says it: plain Chinese, no YAML field names or instructions."""
    rule = REGISTRY.get(f.rule)
    return rule.public_message(f) if rule is not None else f.message


def party_of(f: Finding) -> str:
    """Whose doing the finding is: the publisher's report, or our record of it."""
    rule = REGISTRY.get(f.rule)
    return rule.party_of(f) if rule is not None else RECORD


def is_cross_report(f: Finding) -> bool:
    rule = REGISTRY.get(f.rule)
    return rule is not None and rule.stage == STAGE_CORPUS
