"""Generated schemas: committed files match the definitions; errors are located and Chinese."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from nianbao.validate.schema import all_schemas, dump
from nianbao.validate import validate

from conftest import ROOT

REPORT = Path("51/510727/zfb/2024.yaml")


def test_committed_schemas_match_the_format_definitions():
    for name, schema in all_schemas().items():
        path = ROOT / "schemas" / name
        assert path.read_text(encoding="utf-8") == dump(schema), f"{name} is stale: run `make schemas`"


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_schemas_are_valid_draft_2020_12_with_chinese_titles(name):
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(name)

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                for key, sub in node["properties"].items():
                    if sub is True:  # `rows: true` only declares a key beside `required` (ajv strictRequired)
                        continue
                    assert "title" in sub and any("\u4e00" <= ch <= "\u9fff" for ch in sub["title"]), (where, key)
            for k, v in node.items():
                if k != "if":  # conditions select a variant; they declare no fields
                    walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(schema, name)


def _edit(root: Path, old: str, new: str) -> Path:
    path = root / REPORT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new,rule,needle", [
    ("rules:     [0, 0, 0]", "rules:     [0, 0]", "SCHEMA-CELLS", "rules:"),  # table 二
    ("r3_4_2: [0, 0", "r3_4_2: [-3, 0", "SCHEMA-RANGE", "r3_4_2"),  # table 三
    ("suit_direct:       [0, 0", "suit_direct:       [true, 0", "SCHEMA-TYPE", "suit_direct"),  # table 四
    ("  medium: text", "  medium: txt", "SCHEMA-ENUM", "medium:"),
    ("format: gov2021", "format: gov2021\nformt: x", "SCHEMA-UNKNOWN", "formt"),
])
def test_a_schema_error_in_each_table_names_file_line_and_rule(content_copy, old, new, rule, needle):
    path = _edit(content_copy, old, new)
    result = validate([path], content_copy)
    errors = [f for f in result.findings if f.severity == "error"]
    assert [f.rule for f in errors] == [rule]
    assert errors[0].line == _line_of(path, needle)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in errors[0].message)


def test_all_schema_errors_are_reported_at_once(content_copy):
    _edit(content_copy, "r3_4_2: [0, 0", "r3_4_2: [-3, 0")
    _edit(content_copy, "  medium: text", "  medium: txt")
    _edit(content_copy, "coercion:  [0]", "coercion:  [0.5]")
    result = validate([content_copy], content_copy)
    assert sorted(f.rule for f in result.findings if f.blocking) == [
        "SCHEMA-ENUM", "SCHEMA-RANGE", "SCHEMA-TYPE"]


def test_unknown_key_suggests_the_close_one(content_copy):
    path = _edit(content_copy, "  requests:", "  reqests:")
    f = validate([path], content_copy).findings[0]
    assert f.rule == "SCHEMA-UNKNOWN" and "requests" in f.message


def _cli(*args, cwd, env=None):
    import os

    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "nianbao.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=e)


def test_cli_exit_codes_and_line_format(content_copy):
    work = content_copy.parent
    ok = _cli("validate", cwd=work)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path = _edit(content_copy, "r3_4_2: [0, 0", "r3_4_2: [-3, 0")
    bad = _cli("validate", cwd=work)
    assert bad.returncode == 1
    line = _line_of(path, "r3_4_2")
    assert f"content/{REPORT.as_posix()}:{line}" in bad.stdout and " error SCHEMA-RANGE " in bad.stdout
    assert "Traceback" not in bad.stderr
    usage = _cli("validate", "--format", "xml", cwd=work)
    assert usage.returncode == 2


def test_cli_json_and_github_annotations(content_copy):
    work = content_copy.parent
    _edit(content_copy, "r3_4_2: [0, 0", "r3_4_2: [-3, 0")
    js = json.loads(_cli("validate", "--format", "json", cwd=work).stdout)
    errors = [f for f in js["findings"] if f["severity"] == "error" and not f["acknowledged"]]
    assert [f["rule"] for f in errors] == ["SCHEMA-RANGE"] and errors[0]["line"]
    gh = _cli("validate", cwd=work, env={"GITHUB_ACTIONS": "true"})
    assert gh.returncode == 1
    assert f"::error file=content/{REPORT.as_posix()},line=" in gh.stdout


def test_cli_missing_path_is_a_usage_error(content_copy):
    r = _cli("validate", "content/51/999999", cwd=content_copy.parent)
    assert r.returncode == 2 and "PATH-03" in r.stdout and "Traceback" not in r.stderr
