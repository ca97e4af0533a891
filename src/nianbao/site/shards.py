"""Sharded mkdocs builds: mkdocs renders one page at a time on one core, so a big site is
split into shards that share the fixed pages (nav, home, references) and divide the
generated ones; each shard is an ordinary mkdocs build, run side by side by nianbao.build,
and the generated pages are merged afterwards."""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

SHARDED_DIRS = ("reports", "agencies", "regions", "years")


def generated_pages(docs: Path) -> int:
    return sum(1 for d in SHARDED_DIRS for _ in (docs / d).glob("*.md"))


def sharded(docs: Path, path: Path) -> bool:
    rel = path.relative_to(docs)
    return len(rel.parts) == 2 and rel.parts[0] in SHARDED_DIRS and rel.name != "index.md"


def split_docs(docs: Path, work: Path, n: int) -> list[Path]:
    """n docs folders of hard links: every shared page in each, the generated ones dealt round."""
    if n <= 1:
        return [docs]
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    generated = [p for p in files if sharded(docs, p)]
    shared = [p for p in files if not sharded(docs, p)]
    shards = []
    for k in range(n):
        shard = work / f"docs-shard-{k}"
        shutil.rmtree(shard, ignore_errors=True)
        for p in shared + generated[k::n]:
            target = shard / p.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(p, target)
            except OSError:
                shutil.copyfile(p, target)
        shards.append(shard)
    return shards


def merge_shards(shards: list[Path], outputs: list[Path]) -> None:
    """Move each shard's generated pages into the first shard's site, then drop the rest."""
    for shard, out in zip(shards[1:], outputs[1:]):
        for page in sorted(shard.rglob("*.md")):
            if sharded(shard, page):
                rel = page.relative_to(shard).with_suffix(".html")
                os.replace(out / rel, outputs[0] / rel)
        shutil.rmtree(out, ignore_errors=True)


def write_sitemap(site: Path, site_url: str) -> None:
    """One sitemap for the merged shards (mkdocs wrote one per shard). No dates: deterministic."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.name != "404.html" and not p.relative_to(site).parts[0].startswith(("assets", "pagefind")))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           + "".join(f"    <url>\n         <loc>{escape(base + p)}</loc>\n    </url>\n" for p in pages)
           + "</urlset>\n")
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(xml.encode("utf-8"))
