"""Hostile and broken input: every case of tests/bad_inputs/cases.py gives the exact finding a
user must see (rule id, line, Chinese message), never a traceback, a hang or a wrong line."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.validate.registry import REGISTRY
from nianbao.validate import validate

sys.path.insert(0, str(Path(__file__).parent))
from bad_inputs.cases import AGENCY, BASE, CASES, GOOD, REPORT, Case  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
NIANBAO = Path(sys.executable).parent / "nianbao"


def make_root(tmp: Path) -> Path:
    """A content root with the valid agency and report of bad_inputs/."""
    root = tmp / "content"
    folder = root / "51/510727/zfb"
    folder.mkdir(parents=True)
    (folder / "agency.yaml").write_text(AGENCY, encoding="utf-8")
    (folder / "2024.yaml").write_text(BASE, encoding="utf-8")
    return root


def prepare(case: Case, tmp: Path) -> tuple[Path, Path]:
    """(content root, what to validate) for a case."""
    root = make_root(tmp)
    if case.data is not None:
        p = root / case.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(case.data)
    if case.setup:
        case.setup(root)
    target = case.target or case.path
    return root, (Path(target) if os.path.isabs(target) else root / target)


def same_file(finding_file: str, path: Path) -> bool:
    """Findings name files relative to the working directory, without following links."""
    return os.path.abspath(finding_file) == os.path.abspath(path)


def test_the_corpus_is_large_and_ids_are_unique():
    ids = [c.id for c in CASES] + [g.id for g in GOOD]
    assert len(CASES) >= 60
    assert len(ids) == len(set(ids))

    assert {c.rule for c in CASES} <= set(REGISTRY)


def test_the_base_report_is_valid(tmp_path):
    root = make_root(tmp_path)
    result = validate([root], root)
    assert result.ok, [f.message for f in result.findings if f.blocking]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_gives_the_exact_finding(case: Case, tmp_path):
    root, target = prepare(case, tmp_path)
    result = validate([target], root)
    file = root / case.path
    mine = [f for f in result.findings if same_file(f.file, file)]
    shown = [(f.rule, f.line, f.message) for f in mine] or [(f.rule, f.file, f.message) for f in result.findings]
    match = [f for f in mine if f.rule == case.rule and f.line == case.line and case.fragment in f.message]
    assert match, f"expected {case.rule} at line {case.line} with “{case.fragment}”, got {shown}"
    if case.only:
        assert len(mine) == 1, f"expected only {case.rule}, got {shown}"
    assert not result.ok or REGISTRY[case.rule].severity != "error"
    for f in result.findings:  # every finding is complete, registered and Chinese
        assert f.rule in REGISTRY and f.file and CJK.search(f.message), f
        assert len(f.message) < 1000, f"message too long: {f.message[:200]}…"


@pytest.mark.parametrize("good", GOOD, ids=lambda g: g.id)
def test_harmless_variants_validate_like_the_original(good, tmp_path):
    root = make_root(tmp_path)
    expected = [(f.rule, f.line, f.message) for f in validate([root / REPORT], root).findings]
    (root / REPORT).write_bytes(good.data)
    got = [(f.rule, f.line, f.message) for f in validate([root / REPORT], root).findings]
    assert got == expected


def test_validating_a_folder_with_every_bad_report_at_once(tmp_path):
    """One folder holding many broken files: all reported together, each with its own finding."""
    root = make_root(tmp_path)
    singles = [c for c in CASES if c.path == REPORT and c.data is not None and c.setup is None and c.only]
    for i, case in enumerate(singles):
        folder = root / "51/510727" / f"case{i}"
        folder.mkdir()
        (folder / "agency.yaml").write_text(AGENCY, encoding="utf-8")
        (folder / "2024.yaml").write_bytes(case.data)
    result = validate([root], root)
    for i, case in enumerate(singles):
        assert any(f.rule == case.rule and f.line == case.line and f"/case{i}/" in f.file for f in result.findings), case.id


# ---- through the command line ---------------------------------------------------------------------
CLI_CASES = ["tab-indent-row", "billion-laughs", "sparse-50mb", "pdf", "gbk", "deep-sequence-10000",
             "unclosed-sequence-400000", "python-object-tag", "bidi-override", "symlink-dev-zero",
             "format-list", "fifo-as-report"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GITHUB_ACTIONS": "false"}
    return subprocess.run([str(NIANBAO), *args], cwd=cwd, capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("case_id", CLI_CASES)
def test_cli_reports_bad_input_with_exit_1_and_no_traceback(case_id, tmp_path):
    case = next(c for c in CASES if c.id == case_id)
    root, target = prepare(case, tmp_path)
    proc = run_cli("validate", "--root", str(root), str(target), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
    where = f":{case.line}:" if case.line else ": error"
    assert any(case.rule in line and where in line and case.fragment in line for line in proc.stdout.splitlines()), proc.stdout


def test_cli_json_output_of_bad_input_is_valid_json(tmp_path):
    case = next(c for c in CASES if c.id == "billion-laughs")
    root, target = prepare(case, tmp_path)
    proc = run_cli("validate", "--format", "json", "--root", str(root), str(target), cwd=tmp_path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("LOAD-ALIAS", 2)]


def test_cli_github_annotations_escape_hostile_file_names(tmp_path):
    root = make_root(tmp_path)
    folder = root / "51/510727/zfb"
    (folder / "2024.yaml").write_bytes(b"\t- x\n")
    proc = run_cli("validate", "--format", "github", "--root", str(root), str(folder / "2024.yaml"), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=content/51/510727/zfb/2024.yaml,line=1,col=1,title=LOAD-TAB"), proc.stdout


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["validate", "--jobs", "many"],
                                  ["validate", "--no-such-option"], ["no-such-command"]])
def test_cli_usage_errors_exit_2(args, tmp_path):
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_root_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "content").write_text("not a folder", encoding="utf-8")
    proc = run_cli("validate", "--root", "content", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_nothing_was_executed_by_a_python_tag(tmp_path):
    case = next(c for c in CASES if c.id == "python-object-tag")
    root, target = prepare(case, tmp_path)
    validate([target], root)
    assert not Path("/tmp/nianbao-pwned-by-yaml-tag").exists()


def test_a_content_root_that_is_itself_a_symlink_still_works(tmp_path):
    """Only links below the root are refused; a checkout may keep content/ elsewhere."""
    real = make_root(tmp_path / "real")
    (tmp_path / "work").mkdir()
    linked = tmp_path / "work" / "content"
    linked.symlink_to(real, target_is_directory=True)
    result = validate([linked], linked)
    assert result.files == 2 and result.ok, [f.message for f in result.findings]


HOSTILE_NAMES = [b"20\xff4.yaml", "20\n24.yaml".encode(), "2024\u202eyaml.exe.yaml".encode(), b"2024\x1b[31m.yaml"]


def test_hostile_file_names_are_shown_escaped(tmp_path):
    """Undecodable bytes, newlines, bidi and terminal escapes in a file name cannot forge output."""
    root = make_root(tmp_path)
    folder = os.fsencode(root / "51/510727/zfb")
    for name in HOSTILE_NAMES:
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(BASE.encode())
    result = validate([root], root)
    bad = [f for f in result.findings if f.rule == "PATH-01"]
    assert len(bad) == len(HOSTILE_NAMES)
    for f in bad:
        assert f.file.isprintable() and f.message.isprintable(), (f.file, f.message)
    assert any("20\\xff4.yaml" in f.file for f in bad) and any("\\u202e" in f.message for f in bad)
    summary = tmp_path / "summary.md"
    proc = run_cli("validate", "--root", str(root), "--summary", str(summary), str(root), cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(result.findings) + 1  # one line per finding and the summary: nothing forged
    assert "\\xff" in summary.read_text(encoding="utf-8")
