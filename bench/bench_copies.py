"""COPY-01 (雷同) at scale: a generated corpus with injected copies (copy_rate 1 %), the
per-report signatures made in worker processes as validate() does, then the corpus pass
(common values, LSH banding, exact verification).

Prints the time of each part, peak memory, recall on the injected copies (target 100 %) and
findings on reports that copied nothing and were not copied (false positives).
Target: detection (both parts) ≤ 10 min on 2 cores for 100,000 reports.
Run: python -m bench bench_copies, or python bench/bench_copies.py [N]; N also from NIANBAO_BENCH_N.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from nianbao.generate import COPIES_MANIFEST
from nianbao.load import load_file
from nianbao.model import build_report
from nianbao.paths import locate
from nianbao.validate.rules import copies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpora import generated  # noqa: E402

N = int(next((a for a in sys.argv[1:] if a.isdigit()), os.environ.get("NIANBAO_BENCH_N", "100000")))
RATE = 0.01


def _one(args: tuple[str, str]) -> tuple[SimpleNamespace | None, float]:
    """Load one report (not timed as detection) and make its signature (timed)."""
    path, root = args
    doc, _ = load_file(Path(path))
    report = build_report(doc, locate(Path(path), Path(root)))
    start = time.process_time()
    narrative = copies.narrative_of(report)
    spent = time.process_time() - start
    return SimpleNamespace(id=report.id, agency_id=report.agency_id, year=report.year, path=report.path,
                           title=report.title, narrative=narrative), spent


def _mb(kb: int) -> float:
    return kb / 1024


def main() -> None:
    root = generated("copies", N, seed=2024, copy_rate=RATE)
    files = sorted(str(p) for p in root.rglob("[12][0-9][0-9][0-9].yaml"))
    injected = json.loads((root / COPIES_MANIFEST).read_text(encoding="utf-8"))
    workers = min(os.cpu_count() or 1, 8)

    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_one, [(f, str(root)) for f in files], chunksize=200))
    load_wall = time.perf_counter() - start
    facts = [f for f, _ in results]
    signing = sum(t for _, t in results)
    compared = [f for f in facts if f.narrative is not None]
    payload = sum(len(f.narrative.signature) + len(f.narrative.text) for f in compared)
    print(f"per-report pass: {len(files)} reports loaded and signed in {load_wall:.0f} s wall on {workers} workers; "
          f"signatures alone {signing:.1f} s CPU = {signing / len(files) * 1000:.2f} ms/report "
          f"(≈ {signing / workers:.0f} s wall)")
    print(f"  {len(compared)} narratives compared (≥ {copies.MIN_CHARS} characters); payload in Facts "
          f"{payload / len(compared):.0f} bytes/report = {payload / 2**20:.0f} MB "
          f"(signature {copies.BINS * 4} bytes + compressed text)")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    found = copies.check_copies(facts, {f.id for f in facts})
    corpus_wall = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"corpus pass (common values, LSH, verification): {corpus_wall:.1f} s, {len(found)} findings")
    print(f"peak memory: main process {_mb(rss_after):.0f} MB (before the corpus pass {_mb(rss_before):.0f} MB), "
          f"largest worker {_mb(kids):.0f} MB")
    print(f"detection: {signing / workers + corpus_wall:.0f} s on {workers} cores (target ≤ 600 s for 100,000)")

    # recall and false positives; copies of one source share its text, so any of them may be named
    source = {c["report"]: c["source"] for c in injected}

    def origin(rid: str) -> str:
        while rid in source:
            rid = source[rid]
        return rid

    by_path = {f.path: f.id for f in facts}
    linked = [(by_path[f.file], f.params["other"]) for f in found]
    hit = sum(1 for c in injected
              if any(c["report"] in (a, b) and origin(a) == origin(b) for a, b in linked))
    involved = set(source) | set(source.values())
    false = [(a, b) for a, b in linked if a not in involved or origin(a) != origin(b)]
    kinds = {k: sum(1 for c in injected if c["kind"] == k) for k in (copies.PREVIOUS, copies.SAME_YEAR)}
    print(f"recall: {hit}/{len(injected)} injected copies found = {hit / max(len(injected), 1):.1%} ({kinds})")
    print(f"false positives: {len(false)} findings on reports outside any injected copy"
          + (f", e.g. {false[:3]}" if false else ""))
    scores = sorted(f.params["score"] for f in found)
    if scores:
        print(f"scores of the findings: min {scores[0]:.3f}, median {scores[len(scores) // 2]:.3f}")


if __name__ == "__main__":
    main()
