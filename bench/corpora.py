"""Generated corpora for the benches, made once and kept in bench/out/ (gitignored). The
directory names the generator's hash, so a changed generator makes a new corpus; benches
asking for the same corpus (bench_validate, bench_explorer, bench_league) share one."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from nianbao import generate as generate_module
from nianbao.corpus import Corpus, build_corpus
from nianbao.generate import generate_corpus
from nianbao.validate import validate

OUT = Path(__file__).resolve().parent / "out"
GENERATOR = hashlib.sha1(Path(generate_module.__file__).read_bytes()).hexdigest()[:8]


def generated(name: str, n: int, **options) -> Path:
    """The corpus `name` of `n` reports (generate_corpus options: seed, error_rate, copy_rate)."""
    root = OUT / f"{name}-{n}-{GENERATOR}"
    stamp = root / ".complete"
    if not stamp.exists():
        start = time.perf_counter()
        g = generate_corpus(n, root, **options)
        stamp.write_text(str(g.reports))
        copies = f", {len(g.copies)} injected copies" if g.copies else ""
        print(f"generated {g.reports} reports / {g.agencies} agencies in {time.perf_counter() - start:.1f} s "
              f"({dict(sorted(g.formats.items()))}, {len(g.errors)} injected errors{copies})")
    return root


def standard(n: int) -> Path:
    """The corpus most benches read: seed 2024, 2 % of reports with an injected cell error."""
    return generated("corpus", n, seed=2024, error_rate=0.02)


def validated(root: Path) -> Corpus:
    """The corpus model of `root`, reports kept, printing how long validation took."""
    start = time.perf_counter()
    result = validate([root], root, keep_reports=True)
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    print(f"validate + corpus: {len(corpus.reports):,} reports in {time.perf_counter() - start:.1f} s")
    return corpus
