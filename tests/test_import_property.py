"""No import writes a number the source does not say: altered sources (numbers changed,
cells blanked, labels perturbed with spaces, `1、` numbering, full-width digits,
thousands separators) go in, and every non-null cell of the draft is checked against the
source text."""
from __future__ import annotations

import importlib.util
import random
import re
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.importers import import_bytes
from nianbao.importers.text_norm import is_value_like

_spec = importlib.util.spec_from_file_location("import_build", Path(__file__).parent / "fixtures" / "import" / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["import_build"] = build
_spec.loader.exec_module(build)

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def source_numbers(text: str) -> set[float]:
    return {float(m.replace(",", "")) for m in _NUMBER.findall(unicodedata.normalize("NFKC", text))}


def draft_cells(draft: dict):
    for code, table in (draft.get("tables") or {}).items():
        for row, cells in (table.get("rows") or {}).items():
            for c in cells if isinstance(cells, list) else [cells]:
                yield code, row, c


def assert_nothing_invented(draft: dict, source: str) -> None:
    numbers = source_numbers(source)
    plain = unicodedata.normalize("NFKC", source)
    for code, row, c in draft_cells(draft):
        if c is None:
            continue
        if isinstance(c, dict):
            assert c["raw"] in source, (code, row, c)
            assert float(c["value"]) in numbers, (code, row, c)
        elif isinstance(c, str):
            assert c in source or unicodedata.normalize("NFKC", c) in plain, (code, row, c)
        else:
            assert float(c) in numbers, (code, row, c)


def perturb(text: str, rng: random.Random, spaces: bool, enum: bool, width: bool, thousands: bool) -> str:
    out = []
    for line in text.split("\n"):
        cell = line[:-2] if line.endswith(" |") else None
        if cell and not is_value_like(cell):
            if spaces and len(cell) > 3 and rng.random() < 0.5:
                i = rng.randrange(1, len(cell) - 1)
                cell = cell[:i] + rng.choice([" ", "  ", "\u3000"]) + cell[i:]
            if enum and rng.random() < 0.5:
                cell = re.sub(r"^(\d)\.", r"\1、", cell)
            if width and rng.random() < 0.5:
                cell = cell.replace("（", "(").replace("）", ")")
            line = cell + " |"
        elif cell and cell.isdigit():
            if thousands and len(cell) > 3 and rng.random() < 0.5:
                cell = f"{int(cell):,}"
            if width and rng.random() < 0.3:
                cell = cell.translate(_FULL)
            line = cell + " |"
        out.append(line)
    return "\n".join(out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), blanks=st.sampled_from([0.0, 0.05, 0.3, 0.8]), marks=st.booleans(),
       spaces=st.booleans(), enum=st.booleans(), width=st.booleans(), thousands=st.booleans())
def test_copied_text_never_invents(seed, blanks, marks, spaces, enum, width, thousands):
    rng = random.Random(seed)
    filled = build.random_values(rng, blanks=blanks, marks=marks)
    source = perturb(build.build_text(filled), rng, spaces, enum, width, thousands)
    result = import_bytes("r.txt", source.encode("utf-8"))
    assert_nothing_invented(result.draft, source)
    # complete rows come back exactly, wherever their labels were perturbed
    for code, rows in filled.printed.items():
        got_rows = result.draft["tables"][code]["rows"]
        for row, printed in rows.items():
            if all(printed) and code != "review":
                got = [c["value"] if isinstance(c, dict) else (None if isinstance(c, str) else c)
                       for c in got_rows[row]]
                assert got == filled.expected(code, row), (code, row, printed, got_rows[row])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), blanks=st.sampled_from([0.0, 0.2, 0.6]), marks=st.booleans())
def test_html_never_invents_and_keeps_places(seed, blanks, marks):
    filled = build.random_values(random.Random(seed), blanks=blanks, marks=marks)
    page = build.build_html(filled, chrome_size=3000)
    result = import_bytes("r.html", page)
    assert_nothing_invented(result.draft, page.decode("utf-8"))
    for code, rows in filled.printed.items():
        for row, printed in rows.items():
            got = [c["value"] if isinstance(c, dict) else (None if isinstance(c, str) else c)
                   for c in result.draft["tables"][code]["rows"][row]]
            assert got == filled.expected(code, row)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789一二三、（）()|. \n规章总计合计自然人行政复议/-—元万")),
               max_size=400))
def test_noise_never_invents(noise):
    """Arbitrary fragments of table vocabulary: the importer either fails cleanly or writes
    only numbers that are in the text."""
    from nianbao.importers import ImportFailure
    try:
        result = import_bytes("noise.txt", (noise or " ").encode("utf-8"))
    except ImportFailure:
        return
    assert_nothing_invented(result.draft, noise)
