"""Site build at scale: `python bench/bench_site.py [N ...]` (default 1000 and 10000 reports).

Prints, per corpus size: wall time of `nianbao build` (target ≤ 180 s at 10,000), its steps,
bytes per report page, site bytes per report (linear growth), peak memory of the build
processes (target ≤ 2 GB), and the bytes a browser fetches from the Pagefind index for
typical queries (target ≤ 500 KB). Up to 1,000 reports it also builds the same docs with
Material's built-in search and prints the size of the index every visitor downloads.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "site"
BIN = Path(sys.executable).parent
QUERIES = ("行政复议", "政务公开", "依申请公开", "人民政府", "公开")  # the last: the most common word, worst case
sys.path.insert(0, str(ROOT / "tests"))


def corpus(n: int) -> Path:
    content = OUT / f"c{n}" / "content"
    if not (content / ".complete").is_file():
        shutil.rmtree(content.parent, ignore_errors=True)
        nianbao = BIN / "nianbao"
        subprocess.run([str(nianbao), "gen-corpus", str(n), str(content)], check=True, capture_output=True)
        (content / ".complete").write_text("")
    return content


class MemorySampler:
    """Peak resident memory of a process tree, by kind of process, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        import threading

        self.root, self.peaks, self.total = pid, {}, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    @staticmethod
    def _kind(cmd: str) -> str:
        if "pagefind" in cmd and " build " not in cmd:
            return "pagefind (search index)"
        if "-m mkdocs" in cmd:
            return "mkdocs (each shard)"
        return "nianbao (validate, render, data)"

    def _loop(self) -> None:
        while not self._stop.wait(0.3):
            procs = {}
            for d in Path("/proc").iterdir():
                if not d.name.isdigit():
                    continue
                try:
                    status = (d / "status").read_text()
                    ppid = int(status.split("PPid:")[1].split()[0])
                    rss = int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
                    cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except (OSError, IndexError, ValueError):
                    continue
                procs[int(d.name)] = (ppid, rss, cmd)
            tree, grew = {self.root}, True
            while grew:
                grew = False
                for pid, (ppid, _, _) in procs.items():
                    if ppid in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            total = 0
            for pid in tree:
                if pid in procs:
                    _, rss, cmd = procs[pid]
                    kind = self._kind(cmd)
                    self.peaks[kind] = max(self.peaks.get(kind, 0), rss)
                    total += rss
            self.total = max(self.total, total)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def build(content: Path, site: Path, work: Path) -> tuple[float, str, MemorySampler]:
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "nianbao"), "build", "--root", str(content), "--site", str(site),
                             "--work", str(work), "--config", str(ROOT / "mkdocs.yml")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    sampler = MemorySampler(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{err[-3000:]}")
    return wall, out.strip().splitlines()[-1], sampler


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_bytes(site: Path) -> dict[str, tuple[int, int, int]]:
    """query -> (bytes fetched under /pagefind/, requests, results) in a real chromium."""
    from test_site_support import browser, serve

    out = {}
    with serve(site) as base, browser() as b:
        for q in QUERIES:
            ctx = b.new_context()
            page = ctx.new_page()
            fetched: list[int] = []
            page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"])
                    if "/pagefind/" in r.url else None)
            page.goto(f"{base}/search.html?q={q}")
            page.wait_for_function("document.getElementById('nb-status').textContent.startsWith('找到')",
                                   timeout=60000)
            page.wait_for_timeout(500)
            shown = page.locator("#nb-results li").count()
            out[q] = (sum(fetched), len(fetched), shown)
            ctx.close()
    return out


def material_index_bytes(work: Path) -> int:
    """Build the same docs with Material's search plugin; the index every visitor loads."""
    import yaml

    cfg = yaml.safe_load((work / "mkdocs.gen.yml").read_text(encoding="utf-8"))
    site = work / "material-search-site"
    cfg.update(site_dir=str(site), plugins=[{"search": {"lang": ["zh"]}}], strict=False)
    gen = work / "mkdocs.material-search.yml"
    gen.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(gen)], check=True,
                   capture_output=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    size = (site / "search" / "search_index.json").stat().st_size
    shutil.rmtree(site, ignore_errors=True)
    return size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[0, 1000, 10000],
                    help="corpus sizes; 0 = the real content/")
    ap.add_argument("--compare-material-max", type=int, default=1000,
                    help="also build with Material's built-in search up to this size (slow)")
    args = ap.parse_args([a for a in sys.argv[1:] if not a.startswith("bench_")])  # `python -m bench bench_site`
    for n in args.sizes:
        content = corpus(n) if n else ROOT / "content"
        label = f"{n} reports" if n else "content/"
        site, work = OUT / f"s{n}", OUT / f"w{n}"
        wall, summary, memory = build(content, site, work)
        reports = sorted((site / "reports").glob("*.html"))
        per_page = sum(p.stat().st_size for p in reports) / max(1, len(reports))
        total = dir_bytes(site)
        index = dir_bytes(site / "pagefind")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        kinds = "; ".join(f"{k} {v / 1024:.0f} MB" for k, v in sorted(memory.peaks.items()))
        print(f"[{label}] wall {wall:.1f} s (target ≤ 180 s at 10,000)  |  {summary}")
        print(f"[{label}] report pages: {len(reports)}, {per_page / 1024:.1f} KB each; "
              f"site {total / 2**20:.1f} MB = {total / max(1, len(reports)) / 1024:.1f} KB per report "
              f"(search index {index / 2**20:.1f} MB on disk, never loaded whole)")
        print(f"[{label}] peak memory: largest single process {peak_mb:.0f} MB (getrusage of children); "
              f"by process: {kinds}; all build processes together {memory.total / 1024:.0f} MB "
              "(target ≤ 2048 MB for everything but the search index)")
        for q, (size, count, shown) in search_bytes(site).items():
            print(f"[{label}] search “{q}”: {size / 1024:.0f} KB in {count} requests, {shown} results shown "
                  "(target ≤ 500 KB)")
        if n <= args.compare_material_max:
            m = material_index_bytes(work)
            print(f"[{label}] Material built-in search: search_index.json {m / 2**20:.1f} MB, "
                  f"{m / max(1, len(reports)) / 1024:.1f} KB per report, loaded whole by every visitor")


if __name__ == "__main__":
    main()
