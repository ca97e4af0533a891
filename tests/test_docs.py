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
