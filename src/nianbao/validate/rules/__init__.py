"""Declared rules: per report (report.py) and across reports (corpus.py)."""
