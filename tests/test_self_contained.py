"""A clone of the repository is enough to run every test: no test reads beside it (the
development machines have a sibling folder of shared files that a clone does not)."""
from __future__ import annotations

import re

from conftest import ROOT

# The sibling folder's name is assembled, so that this file does not itself match a search for it.
SIBLING = "sha" + "red"
OUTSIDE = re.compile(rf"""ROOT\.parent\b|\.\./{SIBLING}|["']{SIBLING}["']|parent\.parent\.parent""")


def test_no_test_or_bench_reads_outside_the_repository():
    offenders = []
    for folder in ("tests", "bench", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "test_self_contained.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders


def test_every_source_document_is_described():
    sources = ROOT / "tests" / "fixtures" / "sources"
    readme = (sources / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in sources.iterdir() if p.name != "README.md")
    assert len(files) >= 8
    for name in files:
        assert f"`{name}`" in readme, f"{name} has no line in tests/fixtures/sources/README.md"
