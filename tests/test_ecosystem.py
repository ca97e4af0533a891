"""Our files in the ecosystem's own tools, not only in ours: the schemas in ajv (strict mode)
and check-jsonschema (default mode), the workflows in zizmor, the site config in Zensical."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT, node_modules
from nianbao.project import REPOSITORY, SITE_URL
from nianbao.validate.schema import BASE_ID, all_schemas

BIN = Path(sys.executable).parent
SCHEMAS = ROOT / "schemas"
REPORTS = sorted(p for p in CONTENT.rglob("*.yaml") if p.name != "agency.yaml")
AGENCIES = sorted(CONTENT.rglob("agency.yaml"))


def _format_of(path: Path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["format"]


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_ajv_strict_compiles_every_schema(name: str) -> None:
    modules = node_modules("ajv-cli/dist/index.js")
    proc = subprocess.run(["node", str(modules / "ajv-cli" / "dist" / "index.js"), "compile", "--spec=draft2020",
                           "--strict=true", "-c", "ajv-formats", "-s", str(SCHEMAS / name)],
                          capture_output=True, text=True, timeout=120, cwd=modules.parent)
    assert proc.returncode == 0 and "is valid" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_ajv_validates_the_content_reports() -> None:
    modules = node_modules("ajv-cli/dist/index.js")
    for report in REPORTS:
        schema = SCHEMAS / f"report-{_format_of(report)}.schema.json"
        proc = subprocess.run(["node", str(modules / "ajv-cli" / "dist" / "index.js"), "validate", "--spec=draft2020",
                               "--strict=true", "-c", "ajv-formats", "-s", str(schema), "-d", str(report)],
                              capture_output=True, text=True, timeout=120, cwd=modules.parent)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema", path=str(BIN)) or pytest.fail("check-jsonschema is in the test extra")
    return subprocess.run([exe, "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=300)


def test_check_jsonschema_passes_every_content_file() -> None:
    by_format: dict[str, list[Path]] = {}
    for report in REPORTS:
        by_format.setdefault(_format_of(report), []).append(report)
    assert sum(map(len, by_format.values())) == len(REPORTS) >= 7
    for fmt, files in sorted(by_format.items()):
        proc = _check_jsonschema(SCHEMAS / f"report-{fmt}.schema.json", *files)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _check_jsonschema(SCHEMAS / "agency.schema.json", *AGENCIES)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("old,new", [
    ("r1:     [11, 5, 0, 0, 0, 0, 16]", "r1:     [11, 5, 0, 0, 0, 16]"),  # a cell left out
    ("r3_7:   [10, 5, 0, 0, 0, 0, 15]", "r3_7:   [10, 5, 0, 0, 0, 0, -15]"),  # a negative count
    ("year: 2024", "year: \"2024\""),  # a year as text
    ("medium: text", "medium: paper"),  # not a medium
])
def test_check_jsonschema_fails_a_broken_report(tmp_path: Path, old: str, new: str) -> None:
    report = CONTENT / "51/510727/zfb/2024.yaml"
    text = report.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "2024.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = _check_jsonschema(SCHEMAS / "report-gov2021.schema.json", broken)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2024.yaml" in proc.stdout + proc.stderr


def test_schema_ids_name_the_site_urls() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = config["site_url"]
    assert site_url == SITE_URL and config["extra"]["nianbao"]["repo"] == REPOSITORY
    for name, schema in all_schemas().items():
        assert schema["$id"] == f"{BASE_ID}{name}"
        assert schema["$id"].startswith(site_url)


def test_zizmor_finds_nothing_high_in_the_workflows() -> None:
    exe = shutil.which("zizmor", path=str(BIN)) or pytest.fail("zizmor is in the test extra")
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    proc = subprocess.run([exe, "--offline", "--format", "json", *map(str, workflows)],
                          capture_output=True, text=True, timeout=300)
    findings = json.loads(proc.stdout or "[]")
    high = [f"{f['ident']}: {f['locations'][0]['concrete']['feature']}" for f in findings
            if f["determinations"]["severity"] == "High"]
    assert not high, high


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:- )?uses:\s*(\S+)", line)
            if m:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", m.group(1)), f"{path.name}: {line.strip()}"
                assert re.search(r"#\s*v\d", line), f"{path.name}: say which release the SHA is: {line.strip()}"


def test_zensical_builds_the_derived_config(tmp_path: Path) -> None:
    """Material's successor reads the same mkdocs.yml: the build's derived config (paths
    relative, inside one root) must build with it too."""
    exe = shutil.which("zensical", path=str(BIN))
    if exe is None:
        pytest.skip("zensical does not install on this platform")
    from test_site_support import build_into

    shutil.copytree(CONTENT, tmp_path / "content")
    build_into(tmp_path / "content", tmp_path, search=False)
    config = tmp_path / "work" / "mkdocs.gen.yml"
    derived = yaml.safe_load(config.read_text(encoding="utf-8"))
    for key in ("docs_dir", "site_dir"):
        assert not Path(derived[key]).is_absolute(), derived[key]
    proc = subprocess.run([exe, "build", "-f", str(config)], capture_output=True, text=True, timeout=600,
                          cwd=config.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = config.parent / derived["site_dir"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "政府信息公开工作年度报告开放数据" in index
    reports = list((out / "reports").rglob("*.html"))
    assert len(reports) == len(REPORTS)
