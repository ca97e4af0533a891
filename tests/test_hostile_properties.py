"""Property-based tests of loading and validation: whatever the bytes, the result is a
Document or findings, and validation a Result; never an exception. Every finding names its
file, a registered rule and speaks Chinese."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.validate.registry import REGISTRY
from nianbao.load import Document, decode, parse
from nianbao.validate import validate

sys.path.insert(0, str(Path(__file__).parent))
from bad_inputs.cases import AGENCY, BASE, REPORT  # noqa: E402
from conftest import english_in  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
def prop(examples: int) -> settings:
    # HOSTILE_SCALE=20 for a long hunt; the default keeps `make test` fast.
    return settings(max_examples=examples * int(os.environ.get("HOSTILE_SCALE", "1")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def well_formed(findings, file: str, max_line: int | None = None) -> None:
    for f in findings:
        assert f.rule in REGISTRY, f.rule
        assert f.file == file, (f.file, file)
        assert CJK.search(f.message), f.message
        assert not english_in(f.message), f.message
        assert f.severity in ("error", "warning", "info")
        if f.line is not None:
            assert f.line >= 1
            if max_line is not None:
                assert f.line <= max_line, (f.line, max_line, f.message)


def load_bytes(raw: bytes) -> tuple[Document | None, list]:
    text, problem = decode("x.yaml", raw)
    if problem:
        return None, [problem]
    return parse("x.yaml", text)


def check_load(raw: bytes) -> None:
    doc, findings = load_bytes(raw)
    assert (doc is None) == bool(findings), findings
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    well_formed(findings, "x.yaml", lines)
    if doc is not None:
        assert isinstance(doc.data, dict)
        assert all(isinstance(k, str) for k in doc.data)


# ---- arbitrary bytes and text ---------------------------------------------------------------------
@prop(300)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_or_give_findings(raw):
    check_load(raw)


YAML_PIECES = ["\n", " ", "  ", "\t", "-", "- ", ":", ": ", "[", "]", "{", "}", ",", "\"", "'", "&a", "*a", "!",
               "!!str", "!!python/object:os.system", "|", "|-", ">", "#", "%YAML 1.1", "---", "...", "?", "<<", "@",
               "`", "~", "null", "yes", "true", "1", "-1", "1.5", "1e400", "9" * 40, ".inf", "１２", "，", "\\",
               "\\u202e", "\u202e", "\x07", "\ufeff", "\u2028", "\r\n", "format", "year", "rows", "r1", "title",
               "gov2021", "2024", "平武", "tables", "requests", "sections", "heading", "text"]


@prop(400)
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=60))
def test_yaml_ish_text_loads_or_gives_findings(pieces):
    check_load("".join(pieces).encode("utf-8", "surrogatepass"))


@prop(200)
@given(st.text(max_size=300))
def test_arbitrary_unicode_text_loads_or_gives_findings(text):
    check_load(text.encode("utf-8", "surrogatepass"))


# ---- random mutations of a valid report, through the whole validation ---------------------------------
HOSTILE_SCALARS = ["-1", "1.5", "2.0", "１２", "１，２３４", "\"1,234\"", "yes", "true", "~", "\"\"", "1e400", "1.0e400",
                   "9" * 31, str(10 ** 13), ".nan", "&x 1", "*x", "!!python/object:os.system 1", "[1, 2]", "{a: 1}",
                   "\"\\u202e\"", "\"\\0\"", "2023-02-30", "\"0000-01-01\"", "[[[[[[[[[[[[[[1]]]]]]]]]]]]]]", "\"" + "x" * 300 + "\"",
                   "javascript:alert(1)", "<script>alert(1)</script>", "../../etc/passwd", "{value: 5, raw: \"6\"}",
                   "{value: ~, raw: \"/\"}", "image", "gov2019", "legacy2014", "local", "2100", "2007"]
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


@st.composite
def mutated_report(draw, base: str = BASE) -> bytes:
    lines = base.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "scalar", "char", "indent", "truncate", "key"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "scalar":  # replace a number or the value after a colon by a hostile scalar
            new = draw(st.sampled_from(HOSTILE_SCALARS))
            numbers = list(NUMBER.finditer(lines[i]))
            if numbers:
                m = numbers[draw(st.integers(0, len(numbers) - 1))]
                lines[i] = lines[i][: m.start()] + new + lines[i][m.end():]
            elif ": " in lines[i]:
                lines[i] = lines[i].split(": ", 1)[0] + ": " + new + "\n"
        elif kind == "char":
            pos = draw(st.integers(0, len(lines[i])))
            ch = draw(st.sampled_from(list("[]{}:,-&*!|>#'\"\t\x00\x07\u202e") + [draw(st.characters())]))
            lines[i] = lines[i][:pos] + ch + lines[i][pos:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "    ", "\t"])) + lines[i].lstrip(" ")
        elif kind == "truncate":
            lines = lines[: i + 1]
        else:  # rename a key
            if ":" in lines[i]:
                key = draw(st.sampled_from(["titel", "r9", "format", "year", "rows", "status", "<<", "? x", "\"year\""]))
                lines[i] = re.sub(r"^(\s*(?:- )?)[^:\s]+:", lambda m: m.group(1) + key + ":", lines[i], count=1)
    return "".join(lines).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def content_root(tmp_path_factory) -> Path:
    """The frozen report's agency, and a small generated corpus with reports of every format."""
    from nianbao.generate import generate_corpus

    root = tmp_path_factory.mktemp("hostile") / "content"
    generate_corpus(80, root, seed=1)
    folder = root / "51/510727/zfb"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agency.yaml").write_text(AGENCY, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bases(content_root) -> list[tuple[Path, str]]:
    """(path, valid text) of one report per format: the mutations start from these."""
    out = {"frozen": (content_root / REPORT, BASE)}
    for p in sorted(content_root.rglob("[12]*.yaml")):
        m = re.search(r"^format: (\S+)", p.read_text(encoding="utf-8"), re.M)
        out.setdefault(m.group(1), (p, p.read_text(encoding="utf-8")))
    assert {"gov2021", "gov2019", "legacy2014", "local"} <= set(out), sorted(out)
    return list(out.values())


@prop(300)
@given(data=st.data())
def test_mutated_reports_validate_to_a_result(content_root, bases, data):
    path, text = bases[data.draw(st.integers(0, len(bases) - 1), label="base")]
    raw = data.draw(mutated_report(text), label="raw")
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(raw)
    try:
        result = validate([path], content_root)
    finally:  # siblings read the other years: leave the corpus as it was
        path.write_bytes(original) if original is not None else path.unlink()
    for f in result.findings:
        assert f.rule in REGISTRY and CJK.search(f.message), f
        assert f.file.endswith(".yaml"), f.file
        if f.line is not None:
            assert 1 <= f.line <= raw.count(b"\n") + 1, (f.rule, f.line)
    mine = [f for f in result.findings if f.file.endswith(path.name) and path.parent.name in f.file]
    # A file that failed to load or to match the schema reports exactly why, and nothing else.
    if any(f.rule.startswith(("LOAD-", "SCHEMA-")) for f in mine):
        assert not result.ok
        assert all(f.rule.startswith(("LOAD-", "SCHEMA-")) for f in mine), [f.rule for f in mine]


@prop(100)
@given(raw=st.binary(max_size=3000) | mutated_report())
def test_arbitrary_agency_files_validate_to_a_result(content_root, raw):
    folder = content_root / "51/510727/zfb"
    (folder / "2024.yaml").write_text(BASE, encoding="utf-8")
    (folder / "agency.yaml").write_bytes(raw)
    try:
        result = validate([folder], content_root)
        for f in result.findings:
            assert f.rule in REGISTRY and CJK.search(f.message) and f.file, f
    finally:
        (folder / "agency.yaml").write_text(AGENCY, encoding="utf-8")
