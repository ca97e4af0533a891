"""The environment `make` built is exactly the lock: every locked package (whose markers
apply here) installed at its locked version, and nothing else but pip and nianbao itself."""
from __future__ import annotations

import importlib.metadata as md
import re
import sys

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m and (m.group(3) is None or Marker(m.group(3)).evaluate()):
            pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


def test_every_lock_pin_has_hashes():
    for name in ("lock.txt", "validate.txt"):
        text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
        assert len(blocks) > 5
        for block in blocks:
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_validate_lock_agrees_with_the_full_lock():
    full = locked(ROOT / "requirements" / "lock.txt")
    for name, version in locked(ROOT / "requirements" / "validate.txt").items():
        assert full.get(name) == version, name


def test_this_environment_is_the_lock():
    if sys.prefix == sys.base_prefix or not (ROOT / ".venv").samefile(sys.prefix):
        pytest.skip("not running in the .venv that make builds")
    want = locked(ROOT / "requirements" / "lock.txt")
    have = {canonicalize_name(d.metadata["Name"]): d.version for d in md.distributions()}
    extra = sorted(set(have) - set(want) - {"pip", "nianbao"})
    wrong = sorted(f"{n} {have[n]} != {v}" for n, v in want.items() if have.get(n) != v)
    assert not extra and not wrong, (extra, wrong)
