"""The canonical writer: whatever text a report holds, the YAML it writes reads back equal."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from nianbao.load import parse
from nianbao.write import dump_report, scalar

# Text as it appears in reports: CJK, ASCII punctuation YAML cares about, spaces, newlines.
TEXT = st.text(alphabet=st.sampled_from(list("政府信息公开年报abc019 :-#&*!|>%@`{}[],?'\"\\~\n\t。：，")),
               max_size=80)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_any_scalar_reads_back_as_written(text):
    doc, problems = parse("t.yaml", f"title: {scalar(text)}\n")
    if problems:  # the loader refuses some characters outright (tabs in indentation, controls)
        assert all(p.rule.startswith("LOAD-") for p in problems)
        return
    assert doc.data["title"] == text


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4), TEXT)
def test_any_narrative_and_cell_text_round_trip(paragraphs, raw):
    data = {"format": "gov2021", "year": 2024, "title": "某县2024年政府信息公开工作年度报告", "source": {},
            "sections": [{"heading": "一、总体情况", "text": "\n\n".join(paragraphs)}],
            "tables": {"review": {"rows": {"review": [0, 0, 0, {"value": None, "raw": raw or "/"}, 0],
                                           "suit_direct": [0] * 5, "suit_after_review": [0] * 5}}}}
    doc, problems = parse("t.yaml", dump_report(data))
    if problems:
        assert all(p.rule.startswith("LOAD-") for p in problems)
        return
    assert doc.data == data
