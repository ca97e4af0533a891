"""League tables at national scale: `python -m bench bench_league` (or bench/bench_league.py [N]).

Builds the league tables (every region in each report's chain, every agency level and kind)
and renders the national page and every region page's table, for a generated corpus of N
reports (default 100,000). Prints the time of each step and the bytes of the pages.
Target (issue 12): the league tables are a small part of a build, seconds at 100,000.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from nianbao.league import build_league
from nianbao.render.league import league_page, region_league
from nianbao.render.slots import Slots

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpora import standard, validated  # noqa: E402

N = int(next((a for a in sys.argv[1:] if a.isdigit()), "100000"))


def main() -> None:
    corpus = validated(standard(N))  # the corpus bench_validate and bench_explorer read

    start = time.perf_counter()
    league = build_league(corpus)
    tally = time.perf_counter() - start
    start = time.perf_counter()
    slots = Slots()
    national = league_page(corpus, league, slots)
    national_bytes = len(national.encode()) + sum(len(s.encode()) for s in slots.items)
    region_bytes, regions = 0, 0
    for code in sorted(corpus.regions):
        html = region_league(f"regions/{code}.md", code, corpus, league)
        region_bytes += len(html.encode())
        regions += bool(html)
    render = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"league tables: tally {tally:.2f} s over {len(league.by_region)} regions, "
          f"{len(league.by_level)} levels, {len(league.by_kind)} kinds; render {render:.2f} s "
          f"(national page {national_bytes / 1024:.0f} KB; {regions} region tables, "
          f"{region_bytes / max(regions, 1) / 1024:.1f} KB each on average); peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
