"""Docs that cannot go stale: every command, option and rule reaches the generated
reference pages, and every rule is exercised by some test."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from nianbao.cli import main
from nianbao.findings import REGISTRY, all_rules
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


def test_every_rule_is_exercised_by_a_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py")
                     if p.name != Path(__file__).name)
    from test_rules_identities import IDENTITY_RULES  # parametrised from the definitions

    tested = {rule_id for _, _, rule_id in IDENTITY_RULES}
    untested = sorted(rid for rid in REGISTRY if rid not in text and rid not in tested)
    assert not untested, f"rules with no test naming them: {untested}"
