"""The base install (what the pre-commit hook gets: pyproject's `dependencies`, no extras)
is enough for `nianbao validate`; the commands that need an extra say so in Chinese."""
from __future__ import annotations

import subprocess
import sys
import tomllib

from conftest import CONTENT, ROOT
from nianbao.cli import EXTRAS

# Run the CLI with every extra's modules made unimportable, as in a venv without them.
BLOCKED = sorted({m for mods in EXTRAS.values() for m in mods} | {"markdown", "pandas", "duckdb", "playwright"})
RUNNER = f"""
import sys, importlib.abc
class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ModuleNotFoundError(name)
        return None
sys.meta_path.insert(0, Absent())
import importlib.util
_find = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in {BLOCKED!r} else _find(name, *a)
from nianbao.cli import main
sys.argv = ["nianbao"] + sys.argv[1:]
main()
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUNNER, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_base_dependencies_are_only_what_validation_needs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = sorted(d.split(">")[0].split("=")[0].split("[")[0] for d in project["dependencies"])
    assert names == ["click", "jsonschema", "jsonschema-rs", "pyyaml"]
    assert set(EXTRAS) <= set(project["optional-dependencies"])


def test_validate_runs_without_any_extra():
    proc = run("validate", str(CONTENT))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查了" in proc.stdout and "Traceback" not in proc.stderr
    rules = run("rules")
    assert rules.returncode == 0 and "T3-01" in rules.stdout


def test_commands_needing_an_extra_say_which(tmp_path):
    for args, extra in ((["build", "--site", str(tmp_path / "site"), "--work", str(tmp_path / "w")], "site"),
                        (["package", "--out", str(tmp_path / "data")], "site"),
                        (["import", str(ROOT / "tests/fixtures/sources/000_d5e9c381233c1b80.txt")], "import")):
        proc = run(*args)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert f"nianbao[{extra}]" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert not (tmp_path / "site").exists() and not (tmp_path / "data").exists()
