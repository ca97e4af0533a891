"""Open data: the corpus as a Frictionless Data Package (v2), per-report downloads, a zip,
Excel-friendly CSV and a SQLite database, all byte-identical for the same content.

    build_package(validate(paths, root, keep_reports=True), Path("build/data")) -> PackageInfo

Layout of the output folder (published as the site's `data/`):

    datapackage.json            the descriptor: resources, Table Schemas, keys, licence
    <resource>.csv              one per resource (UTF-8, no BOM)
    excel/<resource>.csv        UTF-8 with BOM and Chinese headers, for Excel on Windows
    nianbao-sqlite.zip          nianbao.sqlite: every resource as a typed table with its keys
    nianbao-data.zip            datapackage.json + the resource CSVs
    reports/<report id>.json    one report, whole
    reports/<report id>.csv     one report's tables, tidy (UTF-8 with BOM)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import multiprocessing
import os
import shutil
import time
from collections import Counter

from pathlib import Path
from typing import Any

from ..deadlines import Lateness, content_date, deadline, lateness
from ..project import DATA_PATH, REPOSITORY, SITE_URL
from .report_files import write_report_files
from .resources import ALL, PACKAGE_PROFILE
from ..corpus import Corpus
from .rows import rows_of
from .info import DESCRIPTOR, SQLITE_NAME, SQLITE_ZIP, ZIP_NAME, PackageInfo
from .writers import Written, write_csv, write_sqlite
from .zipped import write_zip

__all__ = ["PackageInfo", "build_package", "package_content", "DESCRIPTOR", "ZIP_NAME",
           "SQLITE_NAME", "SQLITE_ZIP"]

SQLITE_WORK = ".sqlite-work"
REPORTS_DIR = "reports"
EXCEL_DIR = "excel"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "知识共享 署名 4.0 国际许可协议（CC BY 4.0）"}
CONTRIBUTOR = {"title": "年报开放数据项目（nianbao）", "roles": ["creator"], "path": REPOSITORY}
PARALLEL_MIN_REPORTS = 300  # below this many reports, forking costs more than it saves
SUMMARY_COLUMNS = ("year", "days_late", "errors", "warnings", "acknowledged")


def dataset_version(written: list[Written], stamp: dt.date) -> str:
    """The dataset's version: the content's date, and a fingerprint of every resource's bytes
    after `+` (SemVer build metadata), so that two different packages of one day differ."""
    fingerprint = hashlib.sha256("".join(f"{w.name}:{w.hash}\n" for w in written).encode()).hexdigest()[:10]
    return f"{stamp.year}.{stamp.month}.{stamp.day}+{fingerprint}"


def descriptor(written: list[Written], stamp: dt.date) -> dict[str, Any]:
    by_name = {w.name: w for w in written}
    resources = []
    for r in ALL:
        w = by_name[r.name]
        resources.append({
            "name": r.name, "type": "table", "path": r.path, "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": w.bytes, "hash": f"sha256:{w.hash}",
            "title": r.title, "description": r.description, "schema": r.schema(),
        })
    home = f"{SITE_URL}{DATA_PATH}"
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "nianbao",
        "id": f"{home}{DESCRIPTOR}",
        "homepage": f"{home}index.html",
        "version": dataset_version(written, stamp),
        "created": f"{stamp.isoformat()}T00:00:00Z",
        "title": "政府信息公开工作年度报告开放数据",
        "description": "各级行政机关《政府信息公开工作年度报告》中统计表的逐格转录、报告元数据与核对结果。"
        "空白单元格为缺失值，绝不记作 0；原文不是数字的单元格保留原文。",
        "keywords": ["政府信息公开", "年度报告", "依申请公开", "开放数据"],
        "licenses": [LICENSE],
        "contributors": [CONTRIBUTOR],
        "sources": [
            {"title": "各级行政机关在其网站发布的政府信息公开工作年度报告（每份报告的原文网址见 reports.csv 的 source_url 列）",
             "path": "reports.csv"},
            {"title": "本项目逐份录入的 YAML 文件（content/ 目录）", "path": f"{REPOSITORY}/tree/main/content"},
        ],
        "resources": resources,
    }


def _clean(out: Path) -> None:
    """Remove what an earlier build wrote, so a deleted report leaves no stale download."""
    for d in (REPORTS_DIR, EXCEL_DIR, SQLITE_WORK):
        if (out / d).is_dir():
            shutil.rmtree(out / d)
    for name in (DESCRIPTOR, ZIP_NAME, SQLITE_ZIP, *(r.path for r in ALL)):
        if (out / name).exists():
            (out / name).unlink()


def _summary(reports_csv: Path) -> list[dict[str, str]]:
    """Column statistics of the numeric columns of reports.csv by csvkit's csvstat, for the data page.

    csvstat infers a type for every column it loads (dates through a slow parser), so it
    gets a narrow copy holding only the summarised columns.
    """
    import csv
    import signal
    import tempfile

    from csvkit.utilities.csvstat import CSVStat

    with open(reports_csv, encoding="utf-8", newline="") as fh, \
            tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", newline="", delete=False) as tmp:
        reader = csv.DictReader(fh)
        writer = csv.writer(tmp, lineterminator="\n")
        writer.writerow(SUMMARY_COLUMNS)
        for row in reader:
            writer.writerow([row[c] for c in SUMMARY_COLUMNS])
    # csvkit's command classes reset SIGPIPE to the default action (fine for a shell tool, fatal
    # in a library: a later write to a closed pipe or socket would kill the whole process).
    previous = signal.getsignal(signal.SIGPIPE) if hasattr(signal, "SIGPIPE") else None
    try:
        buf = io.StringIO()
        CSVStat(["--csv", "--snifflimit", "0", tmp.name], output_file=buf).run()
    finally:
        if previous is not None:
            signal.signal(signal.SIGPIPE, previous)
        os.unlink(tmp.name)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


_FORKED_JOB: tuple | None = None  # (function, args): read by a forked child


def _run_forked_job() -> None:
    fn, args = _FORKED_JOB
    fn(*args)


class _Job:
    """Run `fn(*args)` in a forked process while this one goes on; fork shares the validated
    reports without pickling them. Without fork, or for a small corpus, it runs at once here."""

    def __init__(self, fn, *args, parallel: bool):
        global _FORKED_JOB
        self.fn, self.args, self.child = fn, args, None
        if not parallel or "fork" not in multiprocessing.get_all_start_methods():
            fn(*args)
            return
        _FORKED_JOB = (fn, args)
        try:
            self.child = multiprocessing.get_context("fork").Process(target=_run_forked_job, daemon=True)
            self.child.start()
        finally:
            _FORKED_JOB = None

    def wait(self) -> None:
        if self.child is None:
            return
        self.child.join()
        if self.child.exitcode != 0:  # its traceback went to stderr; run again here so the error surfaces
            self.fn(*self.args)


def _late(late: Lateness) -> dict:
    return {"days_late": late.days, "late_basis": late.basis}


def _write_downloads(corpus: Corpus, reports_dir: Path) -> None:
    agencies = corpus.agencies
    per_report: dict[str, list] = {}
    for f, rid in zip(corpus.findings, corpus.finding_report):
        if rid is not None:
            per_report.setdefault(rid, []).append(f)
    for r in corpus.packaged:
        a = agencies[r.agency_id]
        extra = {"deadline": deadline(r.year, a.kind).isoformat(),
                 **_late(lateness(r.published, r.dated, r.year, a.kind)),
                 "downloads": {"json": f"{REPORTS_DIR}/{r.id}.json", "csv": f"{REPORTS_DIR}/{r.id}.csv"}}
        write_report_files(reports_dir, r, a, per_report.get(r.id, []), extra)


def _write_database(corpus: Corpus, zip_path: Path, stamp: dt.date) -> None:
    """The SQLite database, published zipped: at 10,000 reports it is ~250 MB raw, ~20 MB zipped."""
    work = zip_path.parent / SQLITE_WORK
    work.mkdir()
    try:
        write_sqlite(work / SQLITE_NAME, ((r, rows_of(r, corpus)) for r in ALL))
        write_zip(zip_path, work, [SQLITE_NAME], stamp)
    finally:
        shutil.rmtree(work)


def build_package(result: Any, out_dir: Path) -> PackageInfo:
    """Build the whole data package from a `validate(..., keep_reports=True)` result."""
    timings: dict[str, float] = {}
    start = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        timings[name] = now - start
        start = now

    if not result.reports and getattr(result, "facts", None):
        raise ValueError("build_package 需要 validate(..., keep_reports=True) 的结果：这份结果里没有保留报告内容。")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clean(out)
    corpus = Corpus.from_result(result)
    reports_dir = out / REPORTS_DIR
    reports_dir.mkdir()
    lap("prepare")
    # Three independent writers: per-report files and SQLite in forked processes, the
    # resource CSVs and the zip here.
    parallel = len(corpus.packaged) >= PARALLEL_MIN_REPORTS
    downloads = _Job(_write_downloads, corpus, reports_dir, parallel=parallel)
    stamp = content_date(result.reports.values())  # the package's date: the content's, not the clock's
    database = _Job(_write_database, corpus, out / SQLITE_ZIP, stamp, parallel=parallel)
    written = [write_csv(r, rows_of(r, corpus), out, stamp) for r in ALL]
    desc = descriptor(written, stamp)
    (out / DESCRIPTOR).write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lap("resources")
    write_zip(out / ZIP_NAME, out, [DESCRIPTOR, *(w.path for w in written)], stamp)
    lap("zip")
    summary = _summary(out / "reports.csv")
    lap("summary")
    database.wait()
    lap("sqlite (wait)")
    downloads.wait()
    lap("downloads (wait)")

    status: Counter[str] = Counter()
    for r in corpus.packaged:
        for t in r.tables.values():
            status[t.status] += 1
    return PackageInfo(
        out_dir=out, descriptor=desc, resources=written, reports=len(corpus.packaged),
        agencies=len(corpus.agencies), findings=len(corpus.findings), skipped=corpus.skipped,
        by_year_format=dict(sorted(Counter((r.year, r.format.code) for r in corpus.packaged).items())),
        table_status=dict(sorted(status.items())), summary=summary,
        blocking=sum(1 for f in corpus.findings if f.blocking), timings=timings,
    )


def package_content(root: str | Path = "content", out_dir: str | Path = "build/data", *,
                    jobs: int | None = None) -> PackageInfo:
    """Validate the content folder and build its data package (`nianbao package`)."""
    from ..validate import validate

    result = validate([], root, keep_reports=True, jobs=jobs)
    return build_package(result, Path(out_dir))
