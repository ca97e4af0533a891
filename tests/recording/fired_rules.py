"""Which rules fired during a test run: `Rule.finding` wrapped to append each id to a file
(one line per id and process; processes the tests fork or start write to the same file)."""
from __future__ import annotations

import os


def record(path: str) -> None:
    from nianbao.findings import Rule

    if getattr(Rule.finding, "_recording", False):
        return
    original = Rule.finding
    seen: set[tuple[int, str]] = set()

    def finding(self, *args, **kwargs):
        key = (os.getpid(), self.id)
        if key not in seen:  # forked workers inherit `seen`; the pid keeps theirs apart
            seen.add(key)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(self.id + "\n")
        return original(self, *args, **kwargs)

    finding._recording = True
    Rule.finding = finding


def fired(path: str) -> set[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            return {line.strip() for line in fh if line.strip()}
    except FileNotFoundError:
        return set()
