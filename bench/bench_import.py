"""`nianbao import` speed: a ~200 KB saved web page and a 10-page PDF.

Targets (issue 6): HTML page of 200 KB under 1 s; a 10-page PDF under 5 s. Each is timed
as the first import in a fresh process (lazy imports of lxml/pdfplumber and schema loading
included) and as the median of further imports.
Run: python bench/bench_import.py
"""
from __future__ import annotations

import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE_HTML = ROOT / "tests" / "fixtures" / "sources" / "pingtan_2019.html"

_spec = importlib.util.spec_from_file_location("import_build", ROOT / "tests" / "fixtures" / "import" / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["import_build"] = build
_spec.loader.exec_module(build)

COLD = """
import sys, time
t = time.perf_counter()
from nianbao.importers import import_report
r = import_report(sys.argv[1])
print(f"{time.perf_counter() - t:.3f}")
"""


def cold(path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def warm(path: Path, n: int = 5) -> float:
    from nianbao.importers import import_report
    import_report(path)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        import_report(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def pages(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        filled = build.random_values(random.Random(2024), blanks=0.1, marks=True)
        gen_html = tmp / "generated.html"
        gen_html.write_bytes(build.build_html(filled, chrome_size=270_000))
        extra = 0
        while True:  # narrative paragraphs until the PDF has 10 pages
            pdf = build.build_pdf(filled, tmp / "ten.pdf", extra_paragraphs=extra)
            n_pages = pages(pdf)
            if n_pages >= 10:
                break
            extra += 12
        rows = [
            (f"HTML {SAMPLE_HTML.name} ({SAMPLE_HTML.stat().st_size // 1024} KB)", SAMPLE_HTML, 1.0),
            (f"HTML generated ({gen_html.stat().st_size // 1024} KB)", gen_html, 1.0),
            (f"PDF generated ({n_pages} pages)", pdf, 5.0),
        ]
        for label, path, target in rows:
            c, w = cold(path), warm(path, 3 if path.suffix == ".pdf" else 5)
            flag = "ok" if c < target else "SLOW"
            print(f"{label:<40} first import {c:6.3f} s, then {w:6.3f} s  (target < {target:.0f} s: {flag})")


if __name__ == "__main__":
    main()
