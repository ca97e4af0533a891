"""Generate the site's Markdown pages from a validation Result.

Writes plain Markdown with small escaped HTML fragments into a docs directory; it never
imports mkdocs, so the pages can move to another generator that reads the same tree.
Every string from YAML is escaped (see escape.py). Pages carry no timestamps.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..league import build_league
from .corpus import Corpus, build_corpus
from .compare import COMPARE_MD, compare_page
from .explorer import explorer_page
from .explorer_link import EXPLORER_MD
from .league import LEAGUE_MD, league_page
from .data_page import DATA_PAGE, data_page_placeholder
from .listings import agency_page, home_page, region_page, regions_index, year_page, years_index
from .reference import about_page, cli_page, doc_images, doc_page, downloads_page, rules_page, schema_page, search_page
from .slots import Slots, fill_site, write_slots
from .report_page import SiteOptions, agency_md, region_md, render_report, report_md, year_md

__all__ = ["SiteOptions", "RenderStats", "render_site", "build_corpus", "fill_site"]


@dataclass
class RenderStats:
    reports: int
    agencies: int
    regions: int
    years: int
    pages: int


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def render_site(result: Any, docs_dir: Path, slots_dir: Path, opts: SiteOptions, *, cli_group: Any = None,
                repo_docs: Path | None = None, has_data: bool = False, corpus: Corpus | None = None) -> RenderStats:
    """Write every page for `result` (a nianbao.validate.Result with reports kept) into
    docs_dir, and their large HTML fragments into slots_dir (see slots.py). `corpus`: the
    corpus of `result`, when the caller has built it already."""
    docs_dir, slots_dir = Path(docs_dir), Path(slots_dir)

    def emit(rel: str, make) -> None:
        slots = Slots()
        _write(docs_dir, rel, make(slots))
        write_slots(slots_dir, rel, slots)

    if corpus is None:
        corpus = build_corpus(result.reports, result.agencies, result.findings)
    league = build_league(corpus)
    pages = 0
    for r in corpus.reports.values():
        emit(report_md(r), lambda s: render_report(r, corpus, opts, s))
        pages += 1
    for aid, agency in sorted(corpus.agencies.items()):
        emit(agency_md(aid), lambda s: agency_page(agency, corpus, s))
        pages += 1
    for code in sorted(corpus.regions):
        emit(region_md(code), lambda s: region_page(code, corpus, s, league))
        pages += 1
    for y in corpus.years:
        emit(year_md(y), lambda s: year_page(y, corpus, s))
        pages += 1
    docs = repo_docs or Path("docs")
    contributing = next((p for p in (docs / "contributing.md", docs.parent / "CONTRIBUTING.md") if p.is_file()), None)
    fixed = {
        "index.md": home_page,
        "regions/index.md": regions_index(corpus),
        LEAGUE_MD: lambda c, s: league_page(c, league, s),
        COMPARE_MD: compare_page,
        "years/index.md": years_index(corpus),
        EXPLORER_MD: explorer_page(has_data),
        "search.md": search_page(corpus),
        "downloads.md": downloads_page(has_data),
        # The data page's body arrives after mkdocs (the package is built while Pagefind runs).
        **({DATA_PAGE: data_page_placeholder()} if has_data else {}),
        "about/index.md": about_page(),
        "about/rules.md": rules_page,
        "about/schema.md": schema_page(),
        "about/yaml.md": doc_page(docs / "yaml.md", "YAML 格式",
                                  "YAML 录入格式的说明见仓库的 docs/yaml.md；字段一览见“字段说明”。"),
        "about/contributing.md": doc_page(contributing, "参与录入",
                                          "欢迎补录和纠错：每份报告页上都有“编辑此报告”的链接，修改 YAML 文件后提交合并请求，"
                                          "持续集成会自动核对。录入格式见“YAML 格式”，规则见“核对规则”。"),
        "about/cli.md": cli_page(cli_group) if cli_group is not None else doc_page(None, "命令行", "运行 nianbao --help 查看。"),
    }
    sources = {"about/yaml.md": docs / "yaml.md", "about/contributing.md": contributing}
    for rel, text in fixed.items():
        if callable(text):
            emit(rel, lambda s: text(corpus, s))
        else:
            if rel in sources:
                text, copies = doc_images(sources[rel], text, rel.rsplit("/", 1)[0])
                for src, dest in copies:
                    (docs_dir / dest).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, docs_dir / dest)
            _write(docs_dir, rel, text)
        pages += 1
    return RenderStats(len(corpus.reports), len(corpus.agencies), len(corpus.regions), len(corpus.years), pages)
