"""Docs that cannot go stale: every command, option and rule reaches the generated
reference pages, and every rule is exercised by some test."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from nianbao.cli import main
from nianbao.validate.registry import all_rules
from nianbao.render.reference import cli_page, rules_page

from conftest import ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")


def _commands():
    ctx = click.Context(main, info_name="nianbao")
    return [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]


@pytest.mark.parametrize("name,cmd", _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_documented_in_chinese(name, cmd):
    assert cmd.help and HAN.search(cmd.help), f"nianbao {name} has no Chinese help"
    page = cli_page(main)
    assert f"## nianbao {name}" in page
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help and HAN.search(param.help), (name, param.opts[0])
            assert param.opts[0] in page, (name, param.opts[0])


def test_every_rule_declared_in_the_code_is_registered_and_on_the_rules_page():
    declared = set()
    for path in (ROOT / "src" / "nianbao").rglob("*.py"):
        declared |= set(re.findall(r'Rule\(\s*"([A-Z0-9]+-[A-Z0-9-]+)"', path.read_text(encoding="utf-8")))
        declared |= set(re.findall(r'IdentityRule\(\s*"([A-Z0-9]+-[A-Z0-9-]+)"', path.read_text(encoding="utf-8")))
    registered = {r.id for r in all_rules()}
    assert declared <= registered, f"declared but never registered: {sorted(declared - registered)}"
    page = rules_page()
    for rule in all_rules():
        assert f'id="{rule.id}"' in page, rule.id
        assert HAN.search(rule.title) and rule.template.strip(), rule.id


def test_fired_rules_are_recorded_in_this_process_and_in_subprocesses(tmp_path):
    """conftest proves at the end of a whole-suite run that every rule fired in some test; this
    checks that the recording sees both a finding made here and one made by a CLI process."""
    import os
    import subprocess
    import sys

    from fired_rules import fired

    log = os.environ["NIANBAO_FIRED_RULES"]
    bad = tmp_path / "x.yaml"
    bad.write_bytes(b"\xef\xbb\xbfformat: gov2021\n")  # LOAD-BOM, in a subprocess
    subprocess.run([str(Path(sys.executable).parent / "nianbao"), "validate", str(bad)], capture_output=True, timeout=60)
    assert "LOAD-BOM" in fired(log)
    from nianbao.load import parse

    parse("y.yaml", "a: [1, 2\n")  # LOAD-SYNTAX, here
    assert "LOAD-SYNTAX" in fired(log)


def test_yaml_guide_lists_formats_tables_and_rows_as_the_definitions_say():
    """docs/yaml.md's lists of formats, tables and rows are generated: stale means `make schemas`."""
    from nianbao.formats import FORMATS, TABLE_CODES
    from nianbao.render.format_docs import BLOCKS, refresh, strip_markers

    guide = (ROOT / "docs" / "yaml.md").read_text(encoding="utf-8")
    assert refresh(guide) == guide, "docs/yaml.md is stale: run `make schemas`"
    for name in BLOCKS:
        assert f"请勿手改：{name} -->" in guide, f"docs/yaml.md lost its generated block {name}"
    shown = strip_markers(guide)
    assert "<!--" not in shown.split("## 二、")[1]  # the page readers see has no markers
    for code, fmt in FORMATS.items():
        assert f"| `{code}` | {fmt.title}" in shown
    for code in TABLE_CODES:
        assert f"| `{code}` |" in shown
    requests = next(iter(FORMATS.values())).table("requests")
    assert f"表三有 {len(requests.rows)} 行" in shown
    for row in requests.rows:  # each row by its code, or inside a range of numbered rows
        assert f"`{row.code}`" in shown or f"| {row.path[-1]} " in shown, row.code


def test_a_changed_definition_makes_the_yaml_guide_stale(monkeypatch):
    from nianbao.render import format_docs

    guide = (ROOT / "docs" / "yaml.md").read_text(encoding="utf-8")
    monkeypatch.setitem(format_docs.BLOCKS, "review_rows", lambda: "表四改了。\n")
    fresh = format_docs.refresh(guide)
    assert fresh != guide and "表四改了。" in fresh
    assert fresh.count("生成结束") == guide.count("生成结束")
