"""The compliance explorer at national scale: `python -m bench bench_explorer` (or
bench/bench_explorer.py [N]; N also from $NIANBAO_BENCH_EXPLORER_N, default 100,000).

Generates N reports (nianbao.generate), validates them, writes the explorer's shards and prints
their build time and sizes: total, files, the largest shard, what a national one-year view
loads and what the heaviest view loads (the manifest included; gzip in brackets, as a static
host serves them). Then opens the explorer in chromium with the CPU throttled 4× (a phone) and
times the first view and a few representative filters, from the change to the painted table
(for those that fetch shards, how much of it was spent waiting for the local server).
Targets (issue 12): ≤ 500 KB loaded per view, ≤ 300 ms per filter.
"""
from __future__ import annotations

import gzip
import os
import shutil
import sys
import time
from pathlib import Path

from nianbao.publish.explorer import MANIFEST, VIEW_BUDGET, read_manifest, shard_name, view_bytes, write_explorer
from nianbao.render.explorer import EXPLORER_DATA, explorer_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from bench.corpora import standard, validated  # noqa: E402
N = int(next((a for a in sys.argv[1:] if a.isdigit()), os.environ.get("NIANBAO_BENCH_EXPLORER_N", "100000")))
SITE = ROOT / "bench" / "out" / f"explorer-{N}"
THROTTLE = 4

PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>核对总览（基准）</title><style>:root {{ --nb-line: #9a9185; --md-primary-fg-color: #9b1c1c; }}
.nb-sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}</style></head>
<body><article class="md-typeset">{body}</article></body></html>
"""


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def _gzipped(out: Path, names: list[str]) -> int:
    return sum(len(gzip.compress((out / n).read_bytes(), mtime=0)) for n in names)


def sizes(out: Path) -> None:
    manifest = read_manifest(out)
    mb = (out / MANIFEST).stat().st_size
    years = manifest["years"]

    def names(year: int | None, province: str | None) -> list[str]:
        return [MANIFEST] + [shard_name(y, p) for y, p, *_ in manifest["shards"]
                             if (year is None or y == year) and p == (province or "")]

    national = max(years, key=lambda y: view_bytes(manifest, mb, y))
    print(f"national one-year view ({national}, the largest year): {_kb(view_bytes(manifest, mb, national))} "
          f"(gzip {_kb(_gzipped(out, names(national, None)))}); manifest {_kb(mb)} (gzip {_kb(_gzipped(out, [MANIFEST]))})")
    # Every view the page can show: a year or all years, national or a province. All years
    # beyond the budget show the latest year instead (explorer.js), so that is what they load.
    views = []
    for province in [None] + sorted({p for _, p, *_ in manifest["shards"] if p}):
        held = sorted({y for y, p, *_ in manifest["shards"] if p == (province or "")})
        for year in [None] + held:
            if year is None and view_bytes(manifest, mb, None, province) > VIEW_BUDGET:
                year = held[-1]
            views.append((view_bytes(manifest, mb, year, province), year, province))
    worst, year, province = max(views, key=lambda v: v[0])
    print(f"heaviest view: {_kb(worst)} (gzip {_kb(_gzipped(out, names(year, province)))}), "
          f"{'province ' + province if province else 'national'}, {year or 'all years'}; "
          f"national, all years: {_kb(view_bytes(manifest, mb))}, shown as {years[-1]} "
          f"(target ≤ {_kb(VIEW_BUDGET)} per view)")


FILTERS = [  # (what, the view it starts from, the control, the value it is set to; None: a click)
    ("year 2024 → 2022 (fetches the 2022 national shard)", "", "#nb-x-year", "2022"),
    ("late = late", "year=2022", "#nb-x-late", "late"),
    ("severity = warning", "year=2022", "#nb-x-severity", "warning"),
    ("rule = T3-05", "year=2022", "#nb-x-rule", "T3-05"),
    ("table = lacking", "year=2022", "#nb-x-table", "lacking"),
    ("level = 县级", "year=2022", "#nb-x-level", "县级"),
    ("copied = 1", "year=2022", "#nb-x-copied", "1"),
    ("province = 51 (fetches its 2022 shard)", "year=2022", "#nb-x-r0", "510000"),
    ("province 51, all years (fetches its shards)", "region=510000&year=2022", "#nb-x-year", ""),
    ("clear the filters (back to the default view)", "year=2022&late=late&level=县级", "#nb-x-reset", None),
    ("sort by days late", "year=2022", "th[data-key=late] button", None),
    ("sort by agency, descending", "year=2022&sort=agency", "th[data-key=agency] button", None),
]

CHANGE = """async ([selector, value]) => {
  const root = document.getElementById("nb-explorer");
  const done = new Promise(resolve => root.addEventListener("nb-explorer-view", resolve, { once: true }));
  const start = performance.now();
  const el = document.querySelector(selector);
  if (value === null) el.click();
  else { el.value = value; el.dispatchEvent(new Event("change", { bubbles: true })); }
  const view = await done;
  const handled = performance.now() - start;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));  // painted
  return [performance.now() - start, view.detail.rows, handled, view.detail.waited];
}"""


def browser_times(site: Path) -> None:
    from playwright.sync_api import sync_playwright
    from test_site_support import CHROMIUM, Guard, serve

    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            guard = Guard(page)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            start = time.perf_counter()
            page.goto(f"{base}/explorer.html")
            page.wait_for_selector("#nb-explorer[data-state=ready]", state="attached", timeout=120_000)
            first = time.perf_counter() - start
            rows = page.get_attribute("#nb-explorer", "data-view")
            print(f"chromium, CPU {THROTTLE}× slower, 390 px: first view ({rows or 'default'}) ready in {first * 1000:.0f} ms "
                  "(page, manifest, shards, decode, sort, table)")
            for label, query, selector, value in FILTERS:
                page.goto(f"{base}/explorer.html" + (f"?{query}" if query else ""))
                page.wait_for_selector("#nb-explorer[data-state=ready]", state="attached", timeout=120_000)
                ms, n, handled, waited = page.evaluate(CHANGE, [selector, value])
                view = page.get_attribute("#nb-explorer", "data-view")
                wait = f", {waited:.0f} ms of it waiting for shards" if waited > 1 else ""
                print(f"  {label}: {ms:.0f} ms to the painted table{wait}; {n:,} reports ({view or 'default'})")
            guard.check()
        finally:
            browser.close()


def main() -> None:
    corpus = validated(standard(N))  # the corpus bench_validate reads

    shutil.rmtree(SITE, ignore_errors=True)
    (SITE / "assets").mkdir(parents=True)
    start = time.perf_counter()
    stats = write_explorer(corpus, SITE / EXPLORER_DATA)
    built = time.perf_counter() - start
    print(f"explorer shards: {built:.2f} s; {stats.rows:,} rows in {stats.files} files, {_kb(stats.bytes)} in all; "
          f"largest shard {stats.largest[0]} {_kb(stats.largest[1])}")
    again = SITE / "again"
    write_explorer(corpus, again)
    same = all((again / p.name).read_bytes() == p.read_bytes() for p in (SITE / EXPLORER_DATA).iterdir())
    print(f"written again: {'byte-identical' if same else 'DIFFERENT'}")
    shutil.rmtree(again)
    sizes(SITE / EXPLORER_DATA)

    for name in ("explorer.js", "explorer.css"):
        shutil.copyfile(ROOT / "overrides" / "assets" / name, SITE / "assets" / name)
    (SITE / "explorer.html").write_text(PAGE.format(body=explorer_html()), encoding="utf-8")
    browser_times(SITE)


if __name__ == "__main__":
    main()
