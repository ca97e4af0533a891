"""Validation: load → schema → rules per report → rules across reports → acknowledgements.

`validate()` is the one entry point; the CLI and CI only format its Result.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..findings import ERROR, STAGE_REPORT, WARNING, Finding, Rule
from ..load import load_file
from ..messages import os_error
from ..model import Agency, Report, build_agency, build_report
from ..paths import AGENCY_FILE, Location, PathProblem, agency_path, locate, printable
from . import schema
from .rules.corpus import Facts, check_corpus, facts_of
from .rules.report import check_report
from .rules.agency import check_agency, draft_place, missing_agency_hint

R_PATH = Rule("PATH-01", ERROR, STAGE_REPORT, "文件位置不对", "{detail}")
R_AGENCY = Rule("AGENCY-01", ERROR, STAGE_REPORT, "机构不存在",
                "目录 {folder} 里没有 agency.yaml，机构“{agency}”未登记。{hint}")
R_ACK = Rule("ACK-01", WARNING, STAGE_REPORT, "确认项没有对应的问题",
             "acknowledged 第 {index} 项（{rule}{cell_list}）没有对应的核对结果，可能数据已更正或单元格写错了，请删除或改正。",
             public="录入文件中有一条“原文如此”的确认（{rule}）已没有对应的核对结果，本站正在整理。")
R_EXT = Rule("PATH-02", ERROR, STAGE_REPORT, "扩展名应为 .yaml", "文件扩展名是 {ext}，请改为 .yaml。")
R_NOFILES = Rule("PATH-03", ERROR, STAGE_REPORT, "没有找到文件", "{detail}")
R_DRAFT = Rule("PATH-04", WARNING, STAGE_REPORT, "草稿不在内容目录中",
               "这个文件不在内容目录 {root} 中，已核对能单独核对的各项（YAML、格式、表内勾稽关系、单份报告的规则）；"
               "跨年度规则和机构信息要等文件放到 {place} 之后才能核对。{hint}")
# The rules of locating files and reading the agency registry, for validate/registry.py.
RULES = (R_PATH, R_EXT, R_NOFILES, R_DRAFT, R_AGENCY, R_ACK)

PARALLEL_THRESHOLD = 300  # below this, a process pool costs more than it saves


@dataclass
class Result:
    findings: list[Finding]
    files: int
    reports: dict[str, Report] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)

    def count(self, severity: str, acknowledged: bool | None = None) -> int:
        return sum(1 for f in self.findings if f.severity == severity
                   and (acknowledged is None or f.acknowledged == acknowledged))

    @property
    def ok(self) -> bool:
        return not any(f.blocking for f in self.findings)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Finding]]:
    files: list[Path] = []
    problems: list[Finding] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():  # a linked folder given by name is walked; locate() refuses links below the root
            for dirpath, dirnames, filenames in os.walk(path, onerror=lambda e: problems.append(
                    R_NOFILES.finding(_display(Path(e.filename or p)), None, detail=f"无法读取目录：{os_error(e)}"))):
                # os.walk does not enter linked folders; list them so that locate() refuses them
                files += [Path(dirpath) / d for d in sorted(dirnames) if os.path.islink(os.path.join(dirpath, d))]
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.lower().endswith((".yaml", ".yml")):  # 2024.YAML must not slip past unchecked
                        files.append(Path(dirpath) / name)
        elif path.exists() or path.is_symlink():  # also a FIFO or device: load_file refuses it clearly
            files.append(path)
        else:
            problems.append(R_NOFILES.finding(str(p), None, detail=f"找不到文件或目录 {p}"))
    unique = {os.path.abspath(f): f for f in files}  # the same file named twice is checked once
    return list(unique.values()), problems


def _display(path: Path) -> str:
    try:
        return printable(Path(os.path.relpath(path)).as_posix())
    except ValueError:
        return printable(path.as_posix())


def check_agency_file(path: Path, loc: Location) -> tuple[Agency | None, list[Finding]]:
    shown = _display(path)
    doc, findings = load_file(path, shown)
    if doc is None:
        return None, findings
    findings = schema.check_agency(doc)
    if findings:
        return None, findings
    agency = build_agency(doc, loc)
    return agency, check_agency(agency, doc, path)


def check_report_file(path: Path, loc: Location, agency: Agency | None, keep: bool
                      ) -> tuple[list[Finding], Facts | None, Report | None]:
    """Everything about one report that needs no other report. Runs in workers."""
    shown = _display(path)
    doc, findings = load_file(path, shown)
    if doc is None:
        return findings, None, None
    findings = schema.check_report(doc)
    if findings:
        return findings, None, None
    report = build_report(doc, loc)
    findings = check_report(report, agency)
    for f in findings:
        f.report = report.id
    return findings, facts_of(report, agency.kind if agency else None), report if keep else None


def check_draft_file(path: Path, root: Path) -> list[Finding]:
    """A report outside the content root: everything that needs no place (loading, schema,
    the rules of one report), and where the file belongs."""
    shown = _display(path)
    doc, findings = load_file(path, shown)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    year = data.get("year") if isinstance(data.get("year"), int) else None
    if doc is not None:
        findings = schema.check_report(doc)
        if not findings:
            report = build_report(doc, Location("report", "", "", "", year))
            findings = check_report(report, None)
            for f in findings:
                f.report = ""
    place, hint = draft_place(root, str(data.get("title") or ""), year)
    return findings + [R_DRAFT.finding(shown, None, root=_display(root), place=place, hint=hint)]


def _under(path: Path, root: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))


def _check_report_job(args: tuple) -> tuple[list[Finding], Facts | None, Report | None]:
    return check_report_file(*args)


def _classify_job(args: tuple) -> tuple[Location | None, str | None, Agency | None, list[Finding]]:
    """Locate one file; an agency file is also checked. Runs in workers for large runs."""
    path, root = args
    try:
        loc = locate(path, root)
    except PathProblem as exc:
        return None, str(exc), None, []
    if loc.kind == "agency":
        agency, problems = check_agency_file(path, loc)
        return loc, None, agency, problems
    return loc, None, None, []


def _missing_agency(root: Path, loc: Location, shown: str) -> Finding:
    folder = agency_path(root, loc.division, loc.slug).parent
    return R_AGENCY.finding(shown, 1, folder=Path(os.path.relpath(folder)).as_posix(),
                            agency=loc.agency_id, hint=missing_agency_hint(root, loc))


def validate(paths: Iterable[str | Path] | None = None, root: str | Path = "content", *,
             keep_reports: bool = False, jobs: int | None = None) -> Result:
    root = Path(root)
    paths = list(paths) if paths else [root]
    files, findings = expand(paths)
    walked = [os.path.abspath(p) for p in paths if Path(p).is_dir() and not Path(p).is_symlink()]
    pool = _pool(len(files), jobs)
    try:
        return _validate(files, findings, root, keep_reports, pool, walked)
    finally:
        if pool is not None:
            pool.shutdown()


def _validate(files: list[Path], findings: list[Finding], root: Path, keep_reports: bool,
              pool: ProcessPoolExecutor | None, walked: list[str]) -> Result:
    reports: dict[str, Report] = {}
    agencies: dict[str, Agency] = {}
    report_jobs: list[tuple[Path, Location]] = []
    yaml_files = [p for p in files if p.suffix != ".yml"]
    classified = dict(zip(yaml_files, _map(pool, _classify_job, [(p, root) for p in yaml_files])))
    for path in files:
        if path.suffix == ".yml":
            shown = _display(path)
            twin = path.with_suffix(".yaml")
            if twin.exists():
                findings.append(R_PATH.finding(shown, None, detail=f"{printable(path.name)} 与 {twin.name} 在同一目录，是同一份报告（编号相同）。"
                                               "扩展名只用 .yaml，请删除其中一个。"))
            else:
                findings.append(R_EXT.finding(shown, None, ext=".yml"))
            continue
        loc, problem, agency, problems = classified[path]
        if loc is None and path.name != AGENCY_FILE and not _under(path, root):
            findings += check_draft_file(path, root)  # a first draft, before it has its place
            continue
        if loc is None:
            findings.append(R_PATH.finding(_display(path), None, detail=problem))
            continue
        if loc.kind == "agency":
            findings += problems
            if agency:
                agencies[agency.id] = agency
        else:
            report_jobs.append((path, loc))

    # Agencies the selected reports belong to, read from their folders when not selected.
    missing: set[str] = set()
    for path, loc in report_jobs:
        if loc.agency_id in agencies or loc.agency_id in missing:
            continue
        apath = agency_path(root, loc.division, loc.slug)
        if apath.is_file():
            agency, problems = check_agency_file(apath, loc)
            findings += problems
            if agency:
                agencies[agency.id] = agency
        else:
            missing.add(loc.agency_id)
    for path, loc in report_jobs:
        if loc.agency_id in missing:
            findings.append(_missing_agency(root, loc, _display(path)))

    selected_ids = {loc.report_id for _, loc in report_jobs}
    selected_paths = {p for p, _ in report_jobs}
    # Sibling years of the selected reports feed the cross-year rules.
    context: list[tuple[Path, Location]] = []
    seen_dirs: set[Path] = set()
    for path, loc in report_jobs:
        d = path.parent
        if d in seen_dirs:
            continue
        seen_dirs.add(d)
        if _walked_whole(d, walked):
            continue  # expand() took every file of this folder: all siblings are selected
        for other in sorted(d.glob("*.yaml")):
            if other.name == AGENCY_FILE or other in selected_paths:
                continue  # already checked as selected: no need to locate it again
            try:
                oloc = locate(other, root)
            except PathProblem:
                continue
            if oloc.report_id not in selected_ids:
                context.append((other, oloc))

    args = [(p, loc, agencies.get(loc.agency_id), keep_reports) for p, loc in report_jobs]
    args += [(p, loc, agencies.get(loc.agency_id), False) for p, loc in context]
    results = _map(pool, _check_report_job, args)
    facts: dict[str, Facts] = {}
    for (p, loc, _, _), (found, fact, report) in zip(args, results):
        if loc.report_id in selected_ids:
            findings += found
            if report is not None:
                reports[report.id] = report
        if fact is not None:
            facts[fact.id] = fact

    corpus_findings = check_corpus(list(facts.values()), selected_ids, agencies)
    report_of = {fact.path: fact.id for fact in facts.values()}
    for f in corpus_findings:
        f.report = f.report or report_of.get(f.file, "")
    findings += corpus_findings
    _apply_acknowledgements(findings, facts, selected_ids)
    findings.sort(key=Finding.sort_key)
    return Result(findings, len(files), reports, agencies, facts)


def _walked_whole(folder: Path, walked: list[str]) -> bool:
    """Whether expand() listed every file of `folder` (it lies in a walked, non-hidden folder)."""
    here = os.path.abspath(folder)
    for top in walked:
        if here == top:
            return True
        if here.startswith(top.rstrip(os.sep) + os.sep):
            rest = here[len(top.rstrip(os.sep)) + 1:]
            if not any(part.startswith(".") for part in rest.split(os.sep)):
                return True
    return False


def _pool(files: int, jobs: int | None) -> ProcessPoolExecutor | None:
    """One pool for the whole run (locating, agencies, reports), or None to work in-process."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if files >= PARALLEL_THRESHOLD else 1
    return ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None


def _map(pool: ProcessPoolExecutor | None, fn, args: list[tuple]) -> list:
    if pool is None or len(args) < 2:
        return [fn(a) for a in args]
    workers = pool._max_workers  # noqa: SLF001  (chunks: a few per worker keeps them all busy)
    return list(pool.map(fn, args, chunksize=max(1, len(args) // (workers * 8))))


def _apply_acknowledgements(findings: list[Finding], facts: dict[str, Facts], selected: set[str]) -> None:
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    # A sibling year that was read only for context can carry a cross-year finding; its own
    # acknowledgements apply to it, but only selected reports are told about stale ones.
    for report_id in sorted(selected | {fact.id for fact in facts.values() if fact.path in by_file}):
        fact = facts.get(report_id)
        if fact is None or not fact.acks:
            continue
        mine = by_file.get(fact.path, [])
        for i, ack in enumerate(fact.acks):
            rule, cells, note, line = ack
            matched = [f for f in mine if f.rule == rule and all(c in f.cells for c in cells)]
            for f in matched:
                f.acknowledged = True
                f.note = note
            if not matched and report_id in selected:
                # `cells` names the acknowledged cells; the message lists them as text
                stale = R_ACK.finding(fact.path, line, cells=tuple(cells), index=i + 1, rule=rule,
                                      cell_list=("：" + "、".join(cells)) if cells else "")
                stale.report = report_id
                findings.append(stale)
