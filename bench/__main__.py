"""`make bench`: run every bench/bench_*.py in turn; each prints its own numbers."""
from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

here = Path(__file__).parent
names = sys.argv[1:] or sorted(p.stem for p in here.glob("bench_*.py"))
for name in names:
    print(f"== {name}", flush=True)
    start = time.perf_counter()
    runpy.run_path(str(here / f"{name}.py"), run_name="__main__")
    print(f"   ({time.perf_counter() - start:.1f} s)", flush=True)
