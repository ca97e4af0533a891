"""The bundled content: the seven real reports are there, they validate, and they survive a
load → dump → load round trip unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.findings import ERROR
from nianbao.load import load_file, parse
from nianbao.validate import validate
from nianbao.write import dump_agency, dump_report

CONTENT = Path(__file__).resolve().parent.parent / "content"

# The real reports transcribed by hand (seeds 000–004 and the two samples).
REAL_REPORTS = {
    "51/510727/zfb/2024.yaml": "平武县人民政府办公室2024年政府信息公开工作年度报告",
    "34/341522/huhuzhen/2023.yaml": "霍邱县扈胡镇人民政府2023年政府信息公开工作年度报告",
    "52/520400/jkq/2022.yaml": "安顺经济技术开发区2022年政府信息公开工作年度报告",
    "62/623025/zf/2018.yaml": "玛曲县2018年政府信息公开工作年度报告",
    "44/441502/zf/2024.yaml": "汕尾市城区人民政府2024年政府信息公开工作年度报告",
    "32/320800/zf/2024.yaml": "淮安市人民政府2024年政府信息公开工作年度报告",
    "35/350128/syq/2019.yaml": "平潭综合实验区2019年度政府信息公开工作年度报告",
}

ALL_YAML = sorted(CONTENT.rglob("*.yaml"))
REPORTS = [p for p in ALL_YAML if p.name != "agency.yaml"]
AGENCIES = [p for p in ALL_YAML if p.name == "agency.yaml"]


def _load(path: Path):
    doc, findings = load_file(path)
    assert doc is not None and not findings, [f.message for f in findings]
    return doc


@pytest.fixture(scope="module")
def result():
    return validate([CONTENT], root=CONTENT)


def test_content_validates_without_blocking_findings(result):
    blocking = [f"{f.file}:{f.line}: {f.rule} {f.message}" for f in result.findings if f.blocking]
    assert result.ok, "\n".join(blocking)
    assert result.files == len(ALL_YAML)


def test_no_schema_or_load_findings_at_all(result):
    # Acknowledgement only covers publisher errors; a schema problem is ours and never acknowledged.
    ours = [f for f in result.findings if f.rule.startswith(("SCHEMA-", "LOAD-", "PATH-", "AGENCY-0"))
            and f.severity == ERROR]
    assert not ours, [f.message for f in ours]


def test_every_acknowledgement_matches_a_finding(result):
    assert not [f for f in result.findings if f.rule == "ACK-01"]


@pytest.mark.parametrize("rel,title", sorted(REAL_REPORTS.items()))
def test_real_report_is_present(rel, title):
    path = CONTENT / rel
    assert path.is_file(), rel
    assert (path.parent / "agency.yaml").is_file(), f"{rel} has no agency.yaml"
    assert _load(path).data["title"] == title


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_report_round_trip(path):
    doc = _load(path)
    text = dump_report(doc.data)
    again, findings = parse(str(path), text)
    assert again is not None and not findings, [f.message for f in findings]
    assert again.data == doc.data


@pytest.mark.parametrize("path", AGENCIES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_agency_round_trip(path):
    doc = _load(path)
    again, findings = parse(str(path), dump_agency(doc.data))
    assert again is not None and not findings
    assert again.data == doc.data


# ---- spot checks of transcription decisions that a careless edit would undo ------------------
def _rows(rel: str, table: str) -> dict:
    return _load(CONTENT / rel).data["tables"][table]["rows"]


def test_blank_cells_stay_blank_not_zero():
    rows = _rows("52/520400/jkq/2022.yaml", "requests")
    assert rows["r3_3_1"] == [None] * 7
    assert rows["r1"] == [4, None, None, None, None, None, 4]
    assert rows["r3_6"] == [None] * 7  # （六）其他处理 printed as one row (2019 layout)
    legacy = _rows("62/623025/zf/2018.yaml", "legacy")
    assert legacy["r1_1_b"] is None and legacy["r7"] is None
    assert "r6_1" not in legacy  # the report printed no sub-rows under 六、举报投诉数量


def test_raw_cell_text_is_kept():
    rows = _rows("35/350128/syq/2019.yaml", "proactive")
    assert rows["procurement"] == [135, {"value": 75394432.52, "raw": "75394432.52元"}]


def test_large_numbers_and_decimal_fee():
    rows = _rows("32/320800/zf/2024.yaml", "proactive")
    assert rows["penalty"] == [3985758]
    assert rows["fees"] == [96171.6]


def test_image_and_missing_tables_have_no_rows():
    shanwei = _load(CONTENT / "44/441502/zf/2024.yaml").data["tables"]
    assert {k: v["status"] for k, v in shanwei.items()} == dict.fromkeys(("proactive", "requests", "review"), "image")
    huhu = _load(CONTENT / "34/341522/huhuzhen/2023.yaml").data["tables"]
    assert all(t["status"] == "missing" and "rows" not in t for t in huhu.values())


def test_injected_spam_is_removed_and_noted(result):
    """The seed came from a hacked mirror: the publisher never wrote the ad, so the
    transcription leaves it out and says so; the site must not republish it."""
    data = _load(CONTENT / "34/341522/huhuzhen/2023.yaml").data
    narrative = data["preamble"] + "".join(s["text"] for s in data["sections"])
    assert "麻将胡了" not in narrative and "官方版下载" not in narrative
    assert "版权所有" not in narrative and "网站地图" not in narrative  # the mirror's footer is not the report
    assert "垃圾广告" in data["notes"]
    assert not [f for f in result.findings if f.rule == "SAFE-01"]