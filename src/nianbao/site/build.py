"""`nianbao build`: content/ → validated → Markdown (build/docs) → mkdocs → search index → site/.

The new site is built in a temporary directory beside site/ and swapped in only when every
step succeeded, so a failed or interrupted build leaves the previous site/ as it was.
Outputs carry no timestamps: mkdocs gets SOURCE_DATE_EPOCH from the content itself.

ECharts comes from the npm registry (`npm pack echarts@<pinned>`), checked against a pinned
SHA-256 and cached under $NIANBAO_CACHE (default ~/.cache/nianbao); no CDN at view time.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..deadlines import content_date
from ..corpus import build_corpus
from ..publish.explorer import write_explorer
from ..render import RenderStats, SiteOptions, fill_site, render_site
from ..render.data_page import DATA_PAGE
from ..render.explorer import EXPLORER_DATA
from ..render.slots import Slots, SlotError, write_slots
from .shards import SHARDED_DIRS, generated_pages, merge_shards, split_docs, write_sitemap
from ..validate import Result, validate
from ..project import SCHEMAS_PATH
from ..validate.schema import write_schemas

ECHARTS_VERSION = "5.6.0"
ECHARTS_SHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"
ECHARTS_SITE_PATH = "assets/vendor/echarts.min.js"  # nianbao.js loads it from here
MAX_LISTED_FINDINGS = 20


class BuildError(Exception):
    """The build stopped; the message is Chinese and the previous site/ is untouched."""


@dataclass
class BuildResult:
    site: Path
    stats: RenderStats
    timings: dict[str, float] = field(default_factory=dict)
    search: str = "pagefind"
    data_package: bool = False


def cache_dir() -> Path:
    return Path(os.environ.get("NIANBAO_CACHE") or Path.home() / ".cache" / "nianbao")


def vendor_echarts(cache: Path | None = None) -> Path:
    """The pinned echarts.min.js, fetched once from the npm registry with `npm pack`."""
    cache = cache or cache_dir()
    target = cache / f"echarts-{ECHARTS_VERSION}.min.js"
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == ECHARTS_SHA256:
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(f"需要 npm 来下载 ECharts {ECHARTS_VERSION}（图表库，构建时从 npm 仓库获取一次并缓存）。"
                         "请安装 Node.js/npm，或把 echarts.min.js 放到 " + str(target))
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        proc = subprocess.run([npm, "pack", f"echarts@{ECHARTS_VERSION}", "--pack-destination", tmp, "--silent"],
                              capture_output=True, text=True)
        tgz = sorted(Path(tmp).glob("echarts-*.tgz"))
        if proc.returncode != 0 or not tgz:
            log = cache / "npm-pack.log"
            log.write_text(f"$ npm pack echarts@{ECHARTS_VERSION}\n{proc.stdout}\n{proc.stderr}", encoding="utf-8")
            raise BuildError(f"从 npm 仓库下载 ECharts {ECHARTS_VERSION} 失败（npm 退出码 {proc.returncode}）。"
                             f"请检查网络或 npm 设置；npm 的原始输出（英文）已保存在 {log}。")
        with tarfile.open(tgz[0]) as tf:
            member = tf.extractfile("package/dist/echarts.min.js")
            data = member.read() if member else b""
        if hashlib.sha256(data).hexdigest() != ECHARTS_SHA256:
            raise BuildError(f"下载的 echarts.min.js 与固定的校验值不符（版本 {ECHARTS_VERSION}），已放弃。")
        part = Path(tmp) / "echarts.min.js"
        part.write_bytes(data)
        os.replace(part, target)
    return target


def _site_options(config: dict) -> SiteOptions:
    extra = (config.get("extra") or {}).get("nianbao") or {}
    return SiteOptions(repo=str(extra.get("repo") or ""), branch=str(extra.get("branch") or "main"),
                       content_dir=str(extra.get("content_dir") or "content"), site_url=str(config.get("site_url") or ""))


def _source_epoch(result: Result) -> int:
    """The content's latest date as SOURCE_DATE_EPOCH: a stable stand-in for 'now'."""
    day = content_date(result.reports.values())
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _blocking_summary(result: Result) -> str:
    from ..output import text_line

    bad = [f for f in result.findings if f.blocking]
    lines = [text_line(f) for f in bad[:MAX_LISTED_FINDINGS]]
    more = f"\n……另有 {len(bad) - MAX_LISTED_FINDINGS} 项" if len(bad) > MAX_LISTED_FINDINGS else ""
    return (f"内容核对发现 {len(bad)} 项错误，网站没有更新（原有 site/ 保持不变）。"
            "请先改正（nianbao validate 可逐项查看）：\n" + "\n".join(lines) + more)


def _check(step: str, code: int, out: str, err: str, log: Path) -> None:
    """A tool's run stops the build when it failed or said anything alarming (strict mode).
    Its own (English) output goes to `log`, which the Chinese message names."""
    noise = "\n".join(line for line in (out + err).splitlines()
                      if line.lstrip().startswith(("WARNING", "ERROR", "Error", "Aborted")))
    if code != 0 or noise:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"$ {step}（退出码 {code}）\n{out}\n{err}", encoding="utf-8")
        what = f"退出码 {code}" if code != 0 else f"有 {len(noise.splitlines())} 条警告或错误"
        raise BuildError(f"{step}失败（{what}），网站没有更新。程序的原始输出（英文）已保存在 {log}，"
                         "报告问题时请附上它。")


def _run(cmd: list[str], step: str, log: Path, env: dict | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    _check(step, proc.returncode, proc.stdout, proc.stderr, log)


def _recover(site: Path) -> None:
    """Finish or undo a swap that was interrupted, and drop leftovers of dead builds."""
    parent = site.parent
    olds = sorted(parent.glob(f".{site.name}.old-*"))
    if not site.exists() and olds:
        os.replace(olds[-1], site)
        olds = olds[:-1]
    for leftover in olds + sorted(parent.glob(f".{site.name}.tmp-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(new: Path, site: Path) -> None:
    """Put the finished tree `new` at `site` in one rename (after a copy beside it, if `new`
    is on another file system)."""
    beside = site.parent / f".{site.name}.tmp-{os.getpid()}"
    try:
        os.replace(new, beside)
    except OSError:  # EXDEV: build/ and site/ on different file systems
        shutil.rmtree(beside, ignore_errors=True)
        shutil.copytree(new, beside, symlinks=True)
        shutil.rmtree(new, ignore_errors=True)
    old = site.parent / f".{site.name}.old-{os.getpid()}"
    if site.exists():
        os.replace(site, old)
    os.replace(beside, site)
    shutil.rmtree(old, ignore_errors=True)


def derived_config(cfg: dict, root: Path, at: Path, docs: Path, out: Path) -> dict:
    """mkdocs.yml with only its paths changed, all relative to `at` (where it is written):
    `docs` in, `out` out, and the theme's custom_dir (relative to `root`, the repository)."""
    def rel(path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), at.resolve())).as_posix()

    derived = dict(cfg, docs_dir=rel(docs), site_dir=rel(out), strict=True)
    theme = dict(derived.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = rel(root / theme["custom_dir"])
    derived["theme"] = theme
    return derived


def build_site(content: str | Path = "content", site: str | Path | None = None, *,
               config: str | Path = "mkdocs.yml", work: str | Path = "build", jobs: int | None = None,
               search: bool = True, cli_group: Any = None) -> BuildResult:
    """Build the public site. Raises BuildError (Chinese) and leaves site/ untouched on failure.

    `cli_group`: the click group the site's command-line reference documents (the CLI passes
    itself; the library does not import the CLI)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 2)
        clock = now

    config = Path(config).resolve()
    if not config.is_file():
        raise BuildError(f"找不到网站配置 {config}")
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    site = Path(site).resolve() if site else (config.parent / cfg.get("site_dir", "site")).resolve()
    work = Path(work).resolve()
    content = Path(content)
    if not content.is_dir():
        raise BuildError(f"找不到内容目录 {content}")

    result = validate([], content, keep_reports=True, jobs=jobs)
    if not result.ok:
        raise BuildError(_blocking_summary(result))
    lap("validate")

    docs, slots = work / "docs", work / "slots"
    for d in (docs, slots):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    stats = render_site(result, docs, slots, _site_options(cfg), cli_group=cli_group, repo_docs=config.parent / "docs",
                        has_data=True, corpus=corpus)
    (docs / ECHARTS_SITE_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vendor_echarts(), docs / ECHARTS_SITE_PATH)
    lap("render")


    site.parent.mkdir(parents=True, exist_ok=True)
    _recover(site)
    # Every mkdocs run writes inside `work`, and its config there names paths relative to
    # itself: one project root, as Zensical (Material's successor) requires.
    tmp = work / "site-new"
    shards = split_docs(docs, work, _shard_count(docs))
    outputs = [tmp] + [tmp.with_name(f"{tmp.name}-{k}") for k in range(1, len(shards))]
    package = None
    try:
        for out in outputs:
            shutil.rmtree(out, ignore_errors=True)
        commands = []
        for k, (shard_docs, out) in enumerate(zip(shards, outputs)):
            gen = work / f"mkdocs.gen{'' if k == 0 else f'-{k}'}.yml"
            derived = derived_config(cfg, config.parent, gen.parent, shard_docs, out)
            gen.write_text(yaml.safe_dump(derived, allow_unicode=True, sort_keys=False), encoding="utf-8")
            commands.append([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(gen)])
        # NO_MKDOCS_2_WARNING: Material prints a banner about MkDocs 2.0 on every build.
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(_source_epoch(result)), NO_MKDOCS_2_WARNING="1")
        _run_all(commands, "mkdocs 构建", work / "logs" / "mkdocs.log", env)
        merge_shards(shards, outputs)
        if len(shards) > 1:
            write_sitemap(tmp, str(cfg.get("site_url") or ""))
        try:
            fill_site(slots, tmp)
        except SlotError as exc:
            raise BuildError(f"页面片段未能填入，网站没有更新：{exc}") from None
        # The schemas at the URLs their $ids name, for editors of forks that hold only content/.
        write_schemas(tmp / SCHEMAS_PATH)
        lap("mkdocs")
        package = _Background(result, work)
        # The explorer's shards and manifest, beside its page (explorer.html), while the package is built.
        write_explorer(corpus, tmp / EXPLORER_DATA)
        lap("explorer")
        if search:
            _run([sys.executable, "-m", "pagefind", "--site", str(tmp), "--output-subdir", "pagefind", "--silent"],
                 "Pagefind 搜索索引", work / "logs" / "pagefind.log")
            lap("search")
        package.join()
        _place_data(work, tmp)
        lap("data")
        mark_external_links(tmp)
        _swap(tmp, site)
    except BaseException:
        if package is not None:
            package.cancel()
        for out in outputs:
            shutil.rmtree(out, ignore_errors=True)
        raise
    return BuildResult(site, stats, timings, "pagefind" if search else "", True)


class _Background:
    """The data package, built in a forked process while Pagefind runs (it uses one core).

    Forked, so the validated corpus is shared without pickling; the child writes the
    package and its page into `work` and reports failure through a file."""

    def __init__(self, result: Result, work: Path) -> None:
        import multiprocessing

        self.work = work
        self.error = work / "data-error.txt"
        self.error.unlink(missing_ok=True)
        ctx = multiprocessing.get_context("fork")
        self.proc = ctx.Process(target=_package_job, args=(result, work, self.error))
        self.proc.start()

    def join(self) -> None:
        self.proc.join()
        if self.proc.exitcode != 0:
            where = (f"程序的原始记录（英文）已保存在 {self.error}，报告问题时请附上它。" if self.error.is_file()
                     else f"进程退出码 {self.proc.exitcode}。")
            raise BuildError(f"数据包生成失败，网站没有更新。{where}")

    def cancel(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()


def _package_job(result: Result, work: Path, error: Path) -> None:
    try:
        from ..publish import build_package
        from ..render.data_page import data_page_html

        data = work / "data"
        shutil.rmtree(data, ignore_errors=True)
        page = Slots()
        page.put(data_page_html(build_package(result, data)))
        store = work / "slots-data"
        shutil.rmtree(store, ignore_errors=True)
        write_slots(store, DATA_PAGE, page)
    except BaseException:
        import traceback

        error.write_text(traceback.format_exc(), encoding="utf-8")
        os._exit(1)


def _place_data(work: Path, site: Path) -> None:
    """Move the package into site/data and fill its page."""
    (site / "data").mkdir(exist_ok=True)
    for item in sorted((work / "data").iterdir()):
        os.replace(item, site / "data" / item.name)
    fill_site(work / "slots-data", site)


PAGES_PER_SHARD_MIN = 400  # below this many generated pages per shard, one mkdocs run is faster


def _shard_count(docs: Path) -> int:
    """How many mkdocs runs side by side (see shards.py): one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4, generated_pages(docs) // PAGES_PER_SHARD_MIN))


_A_TAG = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r'\shref="(https?://[^"]*)"', re.I)
_REL = re.compile(r'\srel="([^"]*)"', re.I)
EXTERNAL_REL = ("nofollow", "noopener", "noreferrer")


def _external_rel(tag: str) -> str:
    if not _HREF.search(tag):
        return tag
    found = _REL.search(tag)
    if found is None:
        return tag[:-1].rstrip("/").rstrip() + f' rel="{" ".join(EXTERNAL_REL)}">'
    words = found.group(1).split()
    words += [w for w in EXTERNAL_REL if w not in words]
    return tag[:found.start()] + f' rel="{" ".join(words)}"' + tag[found.end():]


def mark_external_links(site: Path) -> int:
    """Links leaving the site carry rel="nofollow noopener noreferrer". Generated report,
    agency, region and year pages write them so already; this covers the pages written by
    hand or by Markdown (guides, data page). Returns the pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        rel_parts = page.relative_to(site).parts
        if rel_parts[0] in SHARDED_DIRS + ("pagefind", "assets"):
            continue
        html = page.read_text(encoding="utf-8")
        new = _A_TAG.sub(lambda m: _external_rel(m.group(0)), html)
        if new != html:
            page.write_text(new, encoding="utf-8", newline="\n")
            changed += 1
    return changed


def _run_all(commands: list[list[str]], step: str, log: Path, env: dict | None = None) -> None:
    """Run commands side by side; any failure (or a warning in strict mode) stops the build."""
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for cmd in commands]
    try:
        outs = [p.communicate() for p in procs]
        results = [(p.returncode, out, err) for p, (out, err) in zip(procs, outs)]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for code, out, err in results:
        _check(step, code, out, err, log)
