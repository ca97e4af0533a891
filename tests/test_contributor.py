"""A contributor's path from `nianbao new` to a green pull request, through the real CLI
and the real pull-request script (.github/scripts/validate-changed.sh) in a git repository."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NIANBAO = str(Path(sys.executable).parent / "nianbao")
SCRIPT = ROOT / ".github" / "scripts" / "validate-changed.sh"
REPORT = "content/51/510727/fgw/2024.yaml"


def run(args: list[str], cwd: Path, github: bool = False, **env: str) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    e.update(NIANBAO=NIANBAO, GIT_AUTHOR_NAME="贡献者", GIT_AUTHOR_EMAIL="c@example.org",
             GIT_COMMITTER_NAME="贡献者", GIT_COMMITTER_EMAIL="c@example.org", **env)
    if github:
        e["GITHUB_ACTIONS"] = "true"
    return subprocess.run(args, cwd=cwd, env=e, capture_output=True, text=True, timeout=120)


def fill_row(text: str, code: str, values: list) -> str:
    """Type numbers into one table row, the way a person edits the line in place."""
    new, n = re.subn(rf"^(\s+{code}:\s+)\[[^\]]*\]", lambda m: m.group(1) + "[" + ", ".join(map(str, values)) + "]",
                     text, flags=re.M)
    assert n == 1, code
    return new


def fill_report(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for code in ("rules", "normative"):
        text = fill_row(text, code, [0, 0, 0])
    for code in ("licensing", "penalty", "coercion", "fees"):
        text = fill_row(text, code, [0])
    for code in re.findall(r"^\s+(r[0-9_]+):", text, flags=re.M):
        text = fill_row(text, code, [0] * 7)
    text = fill_row(text, "r1", [3, 1, 0, 0, 0, 0, 4])
    text = fill_row(text, "r3_1", [2, 1, 0, 0, 0, 0, 3])
    text = fill_row(text, "r3_4_1", [1, 0, 0, 0, 0, 0, 1])
    text = fill_row(text, "r3_7", [3, 1, 0, 0, 0, 0, 4])
    for code in ("review", "suit_direct", "suit_after_review"):
        text = fill_row(text, code, [0] * 5)
    url_line = next(line for line in text.splitlines() if line.lstrip().startswith("# url:"))
    text = text.replace(url_line, "  url: https://www.pingwu.gov.cn/fgw/2024.html")
    path.write_text(text, encoding="utf-8")


def break_total(path: Path) -> int:
    """Make 三（七）总计 one too many; return the line the error must point at."""
    text = path.read_text(encoding="utf-8")
    path.write_text(fill_row(text, "r3_7", [3, 1, 0, 0, 0, 0, 5]), encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("r3_7:"))


def register_and_scaffold(work: Path) -> Path:
    r = run([NIANBAO, "new-agency", "--division", "510727", "--slug", "fgw", "--name", "平武县发展和改革局",
             "--level", "县级", "--kind", "政府部门"], work)
    assert r.returncode == 0, r.stderr
    r = run([NIANBAO, "new", "--agency", "510727-fgw", "--year", "2024"], work)
    assert r.returncode == 0, r.stderr
    return work / REPORT


def test_contributor_new_fill_break_fix(content_copy: Path) -> None:
    work = content_copy.parent
    report = register_and_scaffold(work)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/report-gov2021.schema.json\n")
    assert "  r3_3_1: [~, ~, ~, ~, ~, ~, ~]  # （三）不予公开 1.属于国家秘密" in text
    assert text.count("text: \"\"") == 6

    again = run([NIANBAO, "new", "--agency", "510727-fgw", "--year", "2024"], work)
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    assert report.read_text(encoding="utf-8") == text

    fill_report(report)
    ok = run([NIANBAO, "validate", REPORT], work)
    assert ok.returncode == 0, ok.stdout

    line = break_total(report)
    summary = work / "summary.md"
    bad = run([NIANBAO, "validate", "--summary", str(summary), REPORT], work, github=True)
    assert bad.returncode == 1
    errors = [a for a in bad.stdout.splitlines() if a.startswith("::error ")]
    assert f"::error file={REPORT},line={line},title=T3-01 错误::" in bad.stdout, bad.stdout
    assert all(f"file={REPORT}," in a for a in errors)
    md = summary.read_text(encoding="utf-8")
    assert "## 年报核对结果" in md and "| 级别 | 规则 | 位置 | 说明 |" in md
    assert f"| 错误 | T3-01 | `{REPORT}:{line}` |" in md and "相差 1" in md

    report.write_text(fill_row(report.read_text(encoding="utf-8"), "r3_7", [3, 1, 0, 0, 0, 0, 4]), encoding="utf-8")
    fixed = run([NIANBAO, "validate", REPORT], work, github=True)
    assert fixed.returncode == 0 and "::error" not in fixed.stdout


def test_new_refuses_unknown_agency_and_bad_year(content_copy: Path) -> None:
    work = content_copy.parent
    r = run([NIANBAO, "new", "--agency", "510727-nope", "--year", "2024"], work)
    assert r.returncode == 1 and "尚未登记" in r.stderr and "nianbao new-agency" in r.stderr
    r = run([NIANBAO, "new", "--agency", "510727-zfb", "--year", "24"], work)
    assert r.returncode == 1 and "四位年份" in r.stderr
    r = run([NIANBAO, "new-agency", "--division", "510799", "--slug", "x", "--name", "平武县某局",
             "--level", "县级", "--kind", "政府部门"], work)
    assert r.returncode == 1 and "510727 平武县" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.fixture
def pr_repo(content_copy: Path) -> Path:
    """A git repository whose main branch holds the content, checked out on a PR branch."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    repo = content_copy.parent
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "content"],
                 ["git", "commit", "-q", "-m", "base"], ["git", "checkout", "-q", "-b", "pr"]):
        r = run(args, repo)
        assert r.returncode == 0, r.stderr
    return repo


def commit(repo: Path, message: str) -> None:
    for args in (["git", "add", "-A", "content"], ["git", "commit", "-q", "-m", message]):
        r = run(args, repo)
        assert r.returncode == 0, r.stderr


def test_pull_request_script(pr_repo: Path) -> None:
    repo = pr_repo
    summary = repo / "summary.md"
    nothing = run(["bash", str(SCRIPT), "main"], repo, GITHUB_STEP_SUMMARY=str(summary))
    assert nothing.returncode == 0 and "无需核对" in nothing.stdout

    report = register_and_scaffold(repo)
    fill_report(report)
    commit(repo, "add report")
    good = run(["bash", str(SCRIPT), "main"], repo, github=True, GITHUB_STEP_SUMMARY=str(summary))
    assert good.returncode == 0, good.stdout + good.stderr
    # Only the changed agency folder was checked: its agency.yaml and the new report.
    assert "检查了 2 个文件" in good.stderr and "::error" not in good.stdout

    line = break_total(report)
    commit(repo, "typo")
    bad = run(["bash", str(SCRIPT), "main"], repo, github=True, GITHUB_STEP_SUMMARY=str(summary))
    assert bad.returncode == 1
    assert f"::error file={REPORT},line={line},title=T3-01 错误::" in bad.stdout
    md = summary.read_text(encoding="utf-8")
    assert md.count("## 年报核对结果") == 3 and f"`{REPORT}:{line}`" in md

    # A report of an unregistered agency: the error says which folder and what to run.
    stray = repo / "content/51/510727/fgww/2024.yaml"
    stray.parent.mkdir()
    stray.write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, "stray")
    r = run(["bash", str(SCRIPT), "main"], repo, github=True)
    assert r.returncode == 1
    assert "::error file=content/51/510727/fgww/2024.yaml,line=1,title=AGENCY-01 错误::" in r.stdout
    assert "fgw" in r.stdout.split("AGENCY-01", 1)[1]


def test_a_draft_outside_content_is_checked_and_told_where_it_belongs(tmp_path: Path) -> None:
    """A first draft usually sits in Downloads: everything a single file allows is checked,
    and the message names its place in content/ and what waits for it there."""
    draft = tmp_path / "下载" / "草稿.yaml"
    draft.parent.mkdir()
    seed = ROOT / "tests" / "fixtures" / "sources" / "000_d5e9c381233c1b80.txt"
    made = run([NIANBAO, "import", str(seed), "-o", str(draft)], cwd=ROOT)
    assert made.returncode == 0, made.stderr
    ok = run([NIANBAO, "validate", str(draft)], cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    place = [line for line in ok.stdout.splitlines() if "PATH-04" in line]
    assert len(place) == 1 and "content/51/510727/zfb/2024.yaml" in place[0] and "跨年度规则" in place[0], ok.stdout

    text = draft.read_text(encoding="utf-8")
    draft.write_text(fill_row(text, "r1", [12, 5, 0, 0, 0, 0, 16]), encoding="utf-8")  # 11 → 12 in 自然人
    bad = run([NIANBAO, "validate", str(draft)], cwd=ROOT)
    assert bad.returncode == 1, bad.stdout
    r1_line = next(i for i, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1)
                   if line.strip().startswith("r1:"))
    assert any(f"草稿.yaml:{r1_line}:" in line and "T3-03" in line for line in bad.stdout.splitlines()), bad.stdout

    other = tmp_path / "2023.yaml"  # an agency nobody registered yet
    other.write_text(text.replace("平武县人民政府办公室", "某某县某某局"), encoding="utf-8")
    new = run([NIANBAO, "validate", str(other)], cwd=ROOT)
    assert "<行政区划代码>/<机构简称>/2024.yaml" in new.stdout and "nianbao new-agency" in new.stdout, new.stdout
