"""Build the data package for a generated 10,000-report corpus, then validate it with the real
`frictionless validate`.

Target (issue 5): the build in ≤ 60 s (2 cores). Prints the validate() time that feeds it,
the build time by step, the frictionless validation time and the package size.
Run: python bench/bench_package.py [N]
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from nianbao.generate import generate_corpus
from nianbao.publish import build_package
from nianbao.validate import validate

N = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "out" / f"corpus-{N}"  # shared with bench_validate: same seed, same files
PACKAGE = HERE / "out" / f"package-{N}"
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def _corpus() -> Path:
    stamp = CORPUS / ".complete"
    if not stamp.exists():  # generated once, reused: same seed gives the same files
        start = time.perf_counter()
        g = generate_corpus(N, CORPUS, seed=2024, error_rate=0.02)
        stamp.write_text(str(g.reports))
        print(f"generated {g.reports} reports / {g.agencies} agencies in {time.perf_counter() - start:.1f} s")
    return CORPUS


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def _tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    root = _corpus()
    start = time.perf_counter()
    result = validate([root], root, keep_reports=True)
    print(f"validate(keep_reports=True): {len(result.reports)} reports, {len(result.findings)} findings "
          f"in {time.perf_counter() - start:.1f} s (input to the build, not part of it)")

    start = time.perf_counter()
    info = build_package(result, PACKAGE)
    build = time.perf_counter() - start
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in info.timings.items())
    verdict = "OK" if build <= 60 else "OVER TARGET"
    print(f"build_package: {build:.1f} s on {os.cpu_count()} cores (target ≤ 60 s: {verdict}) [{steps}]")

    start = time.perf_counter()
    proc = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(info.descriptor_path)],
                          capture_output=True, text=True)
    check = time.perf_counter() - start
    try:
        report = json.loads(proc.stdout)
        valid = report["valid"]
        errors = sum(len(t["errors"]) for t in report["tasks"])
    except (ValueError, KeyError):
        valid, errors = False, -1
    print(f"frictionless validate: {'VALID' if valid else 'INVALID'} ({errors} errors) in {check:.1f} s")

    rows = sum(w.rows for w in info.resources)
    csvs = sum(w.bytes for w in info.resources)
    print(f"package size: {_mb(info.total_bytes)} in total")
    print(f"  resource CSVs: {_mb(csvs)} ({rows:,} rows in {len(info.resources)} resources; "
          f"largest: " + ", ".join(f"{w.name} {w.rows:,} rows {_mb(w.bytes)}"
                                   for w in sorted(info.resources, key=lambda w: -w.bytes)[:3]) + ")")
    print(f"  zip of the package: {_mb(info.zip_path.stat().st_size)}; SQLite zip: "
          f"{_mb(info.sqlite_zip_path.stat().st_size)}; excel/: {_mb(_tree_bytes(PACKAGE / 'excel'))}; "
          f"reports/ (per-report JSON + CSV): {_mb(_tree_bytes(PACKAGE / 'reports'))}")
    _analyst_queries(info.out_dir)
    if not valid:
        sys.exit(1)


def _analyst_queries(package: Path) -> None:
    """Time the data page's DuckDB examples on the big package (what an analyst waits for)."""
    try:
        import duckdb
    except ImportError:
        print("DuckDB examples: skipped (duckdb not installed)")
        return
    from nianbao.render.data_page import EXAMPLES

    blocks = EXAMPLES.split("```sql\n")[1:]
    duck = [b.split("```")[0] for b in blocks[:-1]]  # the last SQL block is the SQLite one
    con = duckdb.connect()
    cwd = os.getcwd()
    os.chdir(package)
    try:
        for block in duck:
            for stmt in (s for s in block.split(";") if s.strip()):
                start = time.perf_counter()
                rows = con.execute(stmt).fetchall()
                first = next(ln for ln in stmt.strip().splitlines() if not ln.startswith("--"))
                print(f"DuckDB example ({first[:40]}...): {len(rows)} rows in {time.perf_counter() - start:.2f} s")
    finally:
        os.chdir(cwd)


if __name__ == "__main__":
    main()
