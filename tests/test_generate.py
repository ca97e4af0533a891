"""The synthetic corpus generator: realistic, consistent, deterministic, with the errors it says."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from nianbao.generate import MANIFEST, generate_corpus
from nianbao.load import load_file
from nianbao.validate import validate


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_corpus(40, a, seed=7, error_rate=0.2)
    generate_corpus(40, b, seed=7, error_rate=0.2)
    generate_corpus(40, c, seed=8, error_rate=0.2)
    assert digest(a) == digest(b)
    assert digest(a) != digest(c)


def test_mix_of_formats_agencies_and_years(tmp_path: Path) -> None:
    g = generate_corpus(400, tmp_path, seed=1)
    reports = sorted(tmp_path.rglob("[12][0-9][0-9][0-9].yaml"))
    assert g.reports == len(reports) == 400
    assert g.agencies == len(list(tmp_path.rglob("agency.yaml"))) >= 30
    assert g.formats["gov2021"] > g.formats["gov2019"] > 0
    assert g.formats["legacy2014"] > 0 and g.formats["local"] > 0
    assert g.formats["gov2021"] > 0.5 * g.reports
    # consecutive years per agency, so the cross-year rules run
    years = {}
    for p in reports:
        years.setdefault(p.parent, []).append(int(p.stem))
    assert sum(1 for ys in years.values() if len(ys) >= 4 and max(ys) - min(ys) == len(ys) - 1) >= 10
    national = [p for p in reports if load_file(p)[0].data["format"] == "gov2021"]
    sizes = sorted(p.stat().st_size for p in national)
    assert 5_000 <= sizes[len(sizes) // 2] <= 10_000  # narratives of realistic length


def test_consistent_by_default_and_errors_are_caught(tmp_path: Path) -> None:
    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    generate_corpus(150, clean, seed=4)
    result = validate([clean], clean)
    assert result.ok and not [f for f in result.findings if f.severity != "info"]

    g = generate_corpus(150, dirty, seed=4, error_rate=0.3)
    assert 20 <= len(g.errors) <= 80
    assert json.loads((dirty / MANIFEST).read_text(encoding="utf-8")) == g.errors
    result = validate([dirty], dirty)
    for e in g.errors:
        caught = [f for f in result.findings if f.report == e["report"] and f.severity == "error"
                  and e["cell"] in f.cells]
        assert caught, e
    erroneous = {f.report for f in result.findings if f.severity == "error"}
    assert erroneous == {e["report"] for e in g.errors}  # and nothing else is wrong


def test_cli_gen_corpus(tmp_path: Path) -> None:
    cli = Path(sys.executable).with_name("nianbao")
    out = subprocess.run([str(cli), "gen-corpus", "12", str(tmp_path / "c"), "--seed", "2", "--error-rate", "0.5"],
                         capture_output=True, text=True, check=True).stdout
    assert "生成 12 份报告" in out
    assert len(list((tmp_path / "c").rglob("[12][0-9][0-9][0-9].yaml"))) == 12
