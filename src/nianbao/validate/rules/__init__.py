"""Declared rules: per report (report.py) and across reports (corpus.py)."""
from . import corpus, report  # noqa: F401  (importing registers the rules)
