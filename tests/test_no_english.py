"""No library's or the system's English reaches a user: not in a finding (whichever YAML
layer stopped the file), not in the import report, not in a build error."""
from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT, english_in
from nianbao import load
from nianbao.validate import validate

sys.path.insert(0, str(Path(__file__).parent))
from bad_inputs.cases import BASE, CASES  # noqa: E402
from test_hostile_inputs import prepare  # noqa: E402

SOURCES = ROOT / "tests" / "fixtures" / "sources"
NIANBAO = str(Path(sys.executable).parent / "nianbao")
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("case", [c for c in CASES], ids=lambda c: c.id)
def test_no_english_in_the_findings_of_bad_input(case, tmp_path):
    root, target = prepare(case, tmp_path)
    for f in validate([target], root).findings:
        assert not english_in(f.message), (f.rule, f.message)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda l: l.__name__)
def test_no_english_in_syntax_findings_of_mangled_yaml(loader, monkeypatch):
    """Thousands of small breakages of a valid report, through each YAML layer we may run on."""
    monkeypatch.setattr(load, "_Loader", loader)
    rnd = random.Random(7)
    pieces = list("[]{}:,-&*!|>#'\"\t\n ") + ["%YAML 1.1\n", "---\n", "...\n", "? ", "<<: ", "@", "`", "\\x", "\\u12",
                                              "!!python/x ", "\"\\q\"", "\x85", "\u2028", "\ufeff"]
    head = BASE[:3000]
    seen = 0
    for _ in range(1500):
        text = list(head)
        for _ in range(rnd.randint(1, 4)):
            text.insert(rnd.randrange(len(text)), rnd.choice(pieces))
        _, findings = load.parse("x.yaml", "".join(text))
        for f in findings:
            seen += 1
            assert not english_in(f.message), (f.rule, f.message)
    assert seen > 500  # the mutations did break the files


DEPTH_CASES = [c for c in CASES if c.rule == "LOAD-DEPTH"]


@pytest.mark.parametrize("case", DEPTH_CASES, ids=lambda c: c.id)
def test_load_depth_is_the_same_finding_whichever_layer_stops_it(case):
    """libyaml 0.2.5+ stops deep flow nesting in its scanner; pure Python does not: either way
    the user sees LOAD-DEPTH on the same line, in the same words."""
    text = case.data.decode("utf-8")
    seen = set()
    for loader in LOADERS:
        original = load._Loader
        load._Loader = loader
        try:
            _, findings = load.parse("x.yaml", text)
        finally:
            load._Loader = original
        assert [f.rule for f in findings] == ["LOAD-DEPTH"], (loader.__name__, [f.message for f in findings])
        seen.add((findings[0].line, findings[0].message))
    assert len(seen) == 1, seen
    assert {line for line, _ in seen} == {case.line}


def _damaged_font_pdf(path: Path) -> Path:
    """A real PDF whose CJK font descriptor has no usable FontBBox: pdfminer logs a warning."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(["某县人民政府2024年政府信息公开工作年度报告", "一、总体情况",
                              "2024年，本机关共收到政府信息公开申请12件。"]):
        c.drawString(72, 760 - 20 * i, line)
    c.save()
    raw = buf.getvalue()
    start = raw.index(b"/FontBBox [")
    end = raw.index(b"]", start) + 1
    patch = b"/FontBBox null".ljust(end - start)  # same length: the xref offsets stay right
    path.write_bytes(raw[:start] + patch + raw[end:])
    return path


def test_import_keeps_library_warnings_out_of_the_terminal(tmp_path):
    pdf = _damaged_font_pdf(tmp_path / "printed.pdf")
    proc = subprocess.run([NIANBAO, "import", str(pdf), "-o", str(tmp_path / "draft.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "FontBBox" not in proc.stderr + proc.stdout
    assert not english_in(proc.stderr + proc.stdout), english_in(proc.stderr + proc.stdout)
    # ... and the problem is one line of the report, in Chinese.
    assert "字体信息不完整 1 处" in proc.stdout + proc.stderr


def _broken_sources(tmp: Path) -> list[Path]:
    good_pdf = (SOURCES / "huaianshi_2024.pdf").read_bytes()
    files = {
        "truncated.pdf": good_pdf[: len(good_pdf) // 3],
        "garbage.pdf": b"%PDF-1.7\n" + bytes(random.Random(3).randrange(256) for _ in range(5000)),
        "not-a-zip.docx": b"PK\x03\x04" + b"\x00" * 200,
        "empty-zip.docx": _zip({"hello.txt": b"hi"}),
        "broken.html": b"<html><body><table><tr><td>\xff\xfe\x00<",
        "binary.txt": bytes(range(256)) * 20,
    }
    out = []
    for name, data in files.items():
        (tmp / name).write_bytes(data)
        out.append(tmp / name)
    return out


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_no_english_in_import_reports_or_failures(tmp_path):
    from nianbao.importers import ImportFailure, import_report
    from nianbao.importers.summary import summary_text

    sources = sorted(SOURCES.glob("*.txt")) + [SOURCES / "huaianshi_2024.pdf", SOURCES / "pingtan_2019.html",
                                               SOURCES / "template_2021.docx"] + _broken_sources(tmp_path)
    outcomes = 0
    for source in sources:
        try:
            text = summary_text(import_report(source))
        except ImportFailure as exc:
            text = str(exc)
        outcomes += 1
        assert not english_in(text), (source.name, english_in(text))
    assert outcomes == len(sources)


def test_a_failed_tool_gives_a_chinese_build_error_and_keeps_its_log(tmp_path):
    from nianbao.site import BuildError, build_site

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["name"] = "no-such-theme"  # mkdocs fails with its own English message
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    bad = tmp_path / "mkdocs.yml"
    bad.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(CONTENT, tmp_path / "site", config=bad, work=tmp_path / "work", search=False)
    message = str(caught.value)
    assert "mkdocs 构建失败" in message and not english_in(message), message
    log = tmp_path / "work" / "logs" / "mkdocs.log"
    assert str(log) in message and "no-such-theme" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "site").exists()
