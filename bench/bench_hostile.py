"""Bounded resources under hostile input: peak memory and time of `validate()` on a 50 MB
file, an alias bomb, 10,000- and 400,000-deep nesting, the largest files the loader accepts,
and a generated 10,000-report corpus.

Each scenario runs in its own process so that its peak RSS (getrusage ru_maxrss; workers of a
process pool counted separately) is its own. Target: ≤ 2 GB peak for every scenario.
Run: python bench/bench_hostile.py [scenario ...]
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BAD = REPO / "tests" / "bad_inputs"
CORPUS = HERE / "out" / "corpus-10000"  # shared with bench_validate.py: same seed, same files
LIMIT_MB = 2048
MB = 1_000_000


def _root(tmp: Path) -> tuple[Path, Path]:
    root = tmp / "content"
    folder = root / "51/510727/zfb"
    folder.mkdir(parents=True)
    (folder / "agency.yaml").write_bytes((BAD / "agency.yaml").read_bytes())
    return root, folder / "2024.yaml"


def _base() -> str:
    return (BAD / "report.yaml").read_text(encoding="utf-8")


def _fit(head: str, filler: str, tail: str, size: int = MB - 100) -> str:
    """head + as many fillers as fit under `size` bytes + tail."""
    room = size - len((head + tail).encode())
    return head + filler * (room // len(filler.encode())) + tail


# Each writer gets the report path and makes the hostile file there.
def sparse_50mb(path: Path) -> None:
    with open(path, "wb") as fh:
        fh.truncate(50 * MB)


def dense_50mb(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(_base() + "notes2: |\n")
        for _ in range(50 * MB // 183):
            fh.write("  " + "长" * 60 + "\n")


def billion_laughs(path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    path.write_text("format: gov2021\n" + "\n".join(lines) + "\n", encoding="utf-8")


def deep_10000(path: Path) -> None:
    path.write_text(_base() + "deep: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")


def unclosed_400000(path: Path) -> None:  # crashed libyaml's recursive composer (SIGSEGV) before
    path.write_text(_base() + "deep: " + "[" * 400_000 + "\n", encoding="utf-8")


def wide_flow_1mb(path: Path) -> None:  # ~330,000 scalars: the most events a 1 MB file can hold
    path.write_text(_fit(_base() + "wide: [", "0,", "0]\n"), encoding="utf-8")


def long_text_1mb(path: Path) -> None:  # one section of ~330,000 characters: over MAX_TEXT
    base = _base()
    head, sep, tail = base.partition("    text: 本年度无收取")
    path.write_text(_fit(head + "    text: \"", "长", "\"\n" + sep.replace("text: ", "x: ", 1) + tail), encoding="utf-8")


def many_keys_1mb(path: Path) -> None:  # ~70,000 unknown top-level keys
    text, i, size = [_base()], 0, len(_base().encode())
    while size < MB - 100:
        line = f"k{i:06d}: 1\n"
        text.append(line)
        size += len(line)
        i += 1
    path.write_text("".join(text), encoding="utf-8")


WRITERS = {"sparse-50mb": sparse_50mb, "dense-50mb": dense_50mb, "billion-laughs": billion_laughs,
           "deep-10000": deep_10000, "unclosed-400000": unclosed_400000, "wide-flow-1mb": wide_flow_1mb,
           "long-text-1mb": long_text_1mb, "many-keys-1mb": many_keys_1mb}


def prepare(name: str, tmp: Path) -> tuple[Path, Path]:
    """In this (parent) process, so that making the input does not count in the peak."""
    if name == "corpus-10000":
        if not (CORPUS / ".complete").exists():
            from nianbao.generate import generate_corpus

            g = generate_corpus(10_000, CORPUS, seed=2024, error_rate=0.02)
            (CORPUS / ".complete").write_text(str(g.reports))
        return CORPUS, CORPUS
    root, target = _root(tmp)
    WRITERS[name](target)
    return root, target


def run_one(root: Path, target: Path) -> dict:
    """In the child process: validate, measure."""
    from nianbao.validate import validate

    size = sum(p.stat().st_size for p in target.rglob("*.yaml")) if target.is_dir() else target.stat().st_size
    start = time.perf_counter()
    result = validate([target], root)
    seconds = time.perf_counter() - start
    rules = sorted({f.rule for f in result.findings if f.severity == "error"})
    return {"bytes": size, "seconds": round(seconds, 3), "files": result.files,
            "errors": sum(f.blocking for f in result.findings), "rules": rules[:4],
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}


def main(names: list[str]) -> None:
    every = [*WRITERS, "corpus-10000"]
    names = [n for n in names if n in every] or every  # `python -m bench bench_hostile` passes its own name
    print(f"{'scenario':<17}{'input':>12}{'time':>9}{'peak RSS':>10}{'worker':>8}  findings")
    worst = 0
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            root, target = prepare(name, Path(tmp))
            proc = subprocess.run([sys.executable, __file__, "--one", str(root), str(target)], capture_output=True,
                                  text=True, timeout=1200, cwd=REPO)
        if proc.returncode != 0:
            print(f"{name:<17} FAILED (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
            worst = LIMIT_MB + 1
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        worst = max(worst, r["peak_mb"], r["worker_peak_mb"])
        size = f"{r['bytes'] / MB:.1f} MB"
        print(f"{name:<17}{size:>12}{r['seconds']:>8.2f}s{r['peak_mb']:>7} MB{r['worker_peak_mb']:>5} MB"
              f"  {r['files']} files, {r['errors']} errors {','.join(r['rules'])}")
    print(f"largest peak: {worst} MB (target ≤ {LIMIT_MB} MB per process): {'OK' if worst <= LIMIT_MB else 'OVER'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(Path(sys.argv[2]), Path(sys.argv[3])), ensure_ascii=False))
    else:
        main(sys.argv[1:])
