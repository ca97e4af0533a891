"""COPY-01 (雷同): copied narratives are found across years and agencies, shown side by side on
the report page and scored in the data package; honest reports sharing only the boilerplate
every report must carry are left alone."""
from __future__ import annotations

import json
import random
import re
import statistics
from pathlib import Path
from types import SimpleNamespace

import yaml

from nianbao.formats import FORMATS
from nianbao.generate import COPIES_MANIFEST, generate_corpus
from nianbao.corpus import build_corpus
from nianbao.publish.resources import REPORTS
from nianbao.publish.rows import report_rows
from nianbao.render.report_page import SiteOptions, render_report
from nianbao.render.slots import Slots
from nianbao.validate import validate
from nianbao.validate.rules import copies
from nianbao.write import dump_report

JKQ = Path("52/520400/jkq")
SHANWEI, PINGWU = Path("44/441502/zf/2024.yaml"), Path("51/510727/zfb/2024.yaml")


def _copy_fields(result):
    return [f for f in result.findings if f.rule == "COPY-01"]


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> None:
    path.write_text(dump_report(data), encoding="utf-8")


def _next_year_copy(root: Path) -> Path:
    """The agency's 2023 report: its 2022 narrative with the year and a few numbers changed."""
    data = _read(root / JKQ / "2022.yaml")
    for key in ("acknowledged", "notes"):
        data.pop(key, None)
    bump = {"5981": "6120", "4027": "4188", "36": "41"}

    def change(text: str) -> str:
        text = text.replace("2022", "2023").replace("2023年2月", "2024年2月")
        return re.sub(r"\d+", lambda m: bump.get(m.group(), m.group()), text)

    data["year"], data["title"], data["dated"] = 2023, change(data["title"]), "2024-01-20"
    data["preamble"] = change(data["preamble"])
    for s in data["sections"]:
        s["text"] = change(s["text"])
    path = root / JKQ / "2023.yaml"
    _write(path, data)
    return path


def test_a_copy_of_last_year_with_numbers_changed_is_found_and_shown(content_copy: Path) -> None:
    later = _next_year_copy(content_copy)
    result = validate([content_copy], content_copy, keep_reports=True)
    found = _copy_fields(result)
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.severity == "warning" and f.report == "520400-jkq-2023" and f.cells == ("sections",)
    assert f.file.endswith("jkq/2023.yaml")
    lines = later.read_text(encoding="utf-8").splitlines()
    assert lines[f.line - 2] == "sections:" and lines[f.line - 1].startswith("  - heading: 一、总体情况")
    assert f.params["other"] == "520400-jkq-2022" and f.params["kind"] == copies.PREVIOUS
    assert 0.9 <= f.params["score"] <= 1 and f.params["score"] == round(f.params["score"], 3)
    assert f.params["same_chars"] > 1000 and f.params["share"].endswith("%")
    assert "2022 年度" in f.message and "jkq/2022.yaml" in f.message and f"{copies.THRESHOLD:.0%}" in f.message

    # the report page shows the shared passages side by side, the changed numbers marked
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    slots = Slots()
    page = render_report(result.reports["520400-jkq-2023"], corpus, SiteOptions(), slots)
    assert "## 与其他报告相同的文字" in page
    html = "".join(slots.items)
    section = html[html.index('<div class="nb-copies"'):]
    assert 'href="520400-jkq-2022.html"' in section
    assert "<mark>6120</mark>" in section and "<mark>5981</mark>" in section
    assert section.count("<tr><td>") >= 1 and "持续做好基础信息公开" in section and "拓宽公开渠道" in section
    assert "统计时限" not in section and "邮编" not in section  # boilerplate is not shown as shared
    # the earlier report has no finding and no such section
    slots = Slots()
    assert "与其他报告相同的文字" not in render_report(result.reports["520400-jkq-2022"], corpus, SiteOptions(), slots)

    # the data package scores it; reports without a finding are blank
    column = [fld.name for fld in REPORTS.fields].index("copy_score")
    scores = {row[0]: row[column] for row in report_rows(corpus)}
    assert scores["520400-jkq-2023"] == f.params["score"]
    assert scores["520400-jkq-2022"] is None and scores["320800-zf-2024"] is None


def test_validating_one_file_compares_it_with_its_own_earlier_years(content_copy: Path) -> None:
    later = _next_year_copy(content_copy)
    assert [f.params["other"] for f in _copy_fields(validate([later], content_copy))] == ["520400-jkq-2022"]
    # touching last year's file also tells of the copy made of it, on the later report
    earlier = validate([content_copy / JKQ / "2022.yaml"], content_copy)
    assert [(f.report, f.params["other"]) for f in _copy_fields(earlier)] == [("520400-jkq-2023", "520400-jkq-2022")]
    assert not _copy_fields(validate([content_copy / "32"], content_copy))


def test_two_agencies_sharing_a_narrative_in_one_year_are_both_told(content_copy: Path) -> None:
    source = _read(content_copy / SHANWEI)
    target = _read(content_copy / PINGWU)
    name = "汕尾市城区人民政府"
    source["sections"][0]["text"] += "\n\n<script>alert(1)</script>全面落实保密审查和信息发布审核制度，严防泄密。"
    _write(content_copy / SHANWEI, source)
    for s_src, s_dst in zip(source["sections"], target["sections"]):
        s_dst["text"] = s_src["text"].replace(name, "平武县人民政府办公室").replace("汕尾", "平武")
    _write(content_copy / PINGWU, target)
    result = validate([content_copy], content_copy, keep_reports=True)
    found = {(f.report, f.params["other"]): f for f in _copy_fields(result)}
    assert set(found) == {("441502-zf-2024", "510727-zfb-2024"), ("510727-zfb-2024", "441502-zf-2024")}
    for f in found.values():
        assert f.params["kind"] == copies.SAME_YEAR and f.params["score"] >= copies.THRESHOLD
        assert "同年度另一机关" in f.message
    a, b = found.values()
    assert a.params["score"] == b.params["score"]
    corpus = build_corpus(result.reports, result.agencies, result.findings)
    slots = Slots()
    render_report(result.reports["441502-zf-2024"], corpus, SiteOptions(), slots)
    html = "".join(slots.items)
    section = html[html.index('<div class="nb-copies"'):]
    assert 'href="510727-zfb-2024.html"' in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;全面落实保密审查" in section and "<script>" not in html
    assert "<mark>平武</mark>" in section or "<mark>平武县人民政府办公室</mark>" in section


_BOILERPLATE = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制，内容包括总体情况、主动公开政府信息情况、"
                "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
                "本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。本报告电子版可在{name}门户网站（http://www.{site}.gov.cn）查阅。"
                "如对本报告有任何疑问，请与{name}办公室联系（地址：{name}人民路{n}号，邮编：{n}00，电话：0{n}-1234567）。")


def test_reports_sharing_only_the_statutory_boilerplate_and_headings_are_not_copies(content_copy: Path) -> None:
    assert copies.normalise(_BOILERPLATE.format(y=2024, name="平武县", site="pingwu", n=62)) == ""
    headings = "\n\n".join(s.heading for f in FORMATS.values() for s in f.sections)
    assert copies.normalise(headings) == ""
    for rel, name, site in ((SHANWEI, "汕尾市城区", "swcq"), (PINGWU, "平武县", "pingwu")):
        data = _read(content_copy / rel)
        data["preamble"] = _BOILERPLATE.format(y=2024, name=name, site=site, n=len(name))
        for s in data["sections"]:  # every section opens with the headings and the 条例's title
            s["text"] = f"{headings}\n\n根据《中华人民共和国政府信息公开条例》，" + s["text"]
        _write(content_copy / rel, data)
    result = validate([content_copy], content_copy)
    assert not _copy_fields(result)
    facts = result.facts
    a, b = facts["441502-zf-2024"].narrative, facts["510727-zfb-2024"].narrative
    assert copies.estimate(memoryview(a.signature).cast("I"), memoryview(b.signature).cast("I")) < 0.1


def test_the_repository_content_has_no_copies() -> None:
    from conftest import CONTENT

    assert not _copy_fields(validate([CONTENT], CONTENT))


def test_same_input_same_findings_in_one_process_or_many(tmp_path: Path) -> None:
    root = tmp_path / "c"
    g = generate_corpus(240, root, seed=11, copy_rate=0.08)
    assert g.copies and json.loads((root / COPIES_MANIFEST).read_text(encoding="utf-8")) == g.copies
    one = [f.to_dict() for f in _copy_fields(validate([root], root, jobs=1))]
    again = [f.to_dict() for f in _copy_fields(validate([root], root, jobs=1))]
    many = [f.to_dict() for f in _copy_fields(validate([root], root, jobs=2))]
    assert one == again == many and one


def test_injected_copies_are_found_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "c"
    g = generate_corpus(400, root, seed=5, copy_rate=0.05)
    assert {c["kind"] for c in g.copies} == {"previous", "same_year"}
    result = validate([root], root)
    found = _copy_fields(result)
    pairs = {frozenset((f.report, f.params["other"])) for f in found}
    # copies of one source share its text: a finding may name any report of the group
    group = {c["report"]: c["source"] for c in g.copies}

    def root_of(rid: str) -> str:
        while rid in group:
            rid = group[rid]
        return rid

    for c in g.copies:
        assert any(c["report"] in p and root_of(next(iter(p - {c["report"]}), "")) == root_of(c["report"])
                   for p in pairs), c
    involved = set(group) | set(group.values())
    assert {f.report for f in found} <= involved
    assert all(root_of(f.report) == root_of(f.params["other"]) for f in found)
    assert [f for f in result.findings if f.severity not in ("info",) and f.rule != "COPY-01"] == []


def test_an_acknowledged_copy_is_marked_so(content_copy: Path) -> None:
    later = _next_year_copy(content_copy)
    data = _read(later)
    data["acknowledged"] = [{"rule": "COPY-01", "cells": ["sections"], "note": "原文如此：与上年报告几乎相同。"}]
    _write(later, data)
    f, = _copy_fields(validate([later], content_copy))
    assert f.acknowledged and f.note.startswith("原文如此")


# ---- the estimate and the parts ----------------------------------------------------------------
def _texts() -> list[str]:
    from conftest import CONTENT

    out = []
    for path in sorted(CONTENT.rglob("[12]*.yaml")):
        data = _read(path)
        out.append(copies.normalise("\n".join(s["text"] for s in data["sections"])))
    return out


def test_the_minhash_estimate_follows_the_exact_jaccard_similarity() -> None:
    texts = _texts()
    rng = random.Random(3)
    errors = []
    for _ in range(150):
        a, other = rng.sample(texts, 2)
        keep = rng.random()
        pieces = [a[i:i + 30] for i in range(0, len(a), 30)]
        b = "".join(p if rng.random() < keep else other[rng.randrange(len(other) - 30):][:30] for p in pieces)
        exact = copies.jaccard(a, b)
        est = copies.estimate(copies.signature(a), copies.signature(b))
        sd = max((exact * (1 - exact) / copies.BINS) ** 0.5, 0.01)
        assert abs(est - exact) <= 4.5 * sd, (exact, est)
        errors.append(est - exact)
    assert abs(statistics.mean(errors)) < 0.01  # unbiased
    assert copies.estimate(copies.signature(texts[0]), copies.signature(texts[0])) == 1.0
    assert copies.signature(texts[0]) == copies.signature(texts[0][:])  # no per-process salt: crc32


def test_numbers_punctuation_and_boilerplate_do_not_count() -> None:
    a = "2023年，本局主动公开政府信息5981条，其中政策文件36件。本报告电子版可在本局网站（http://x.gov.cn）查阅。"
    b = "2024年：本局主动公开政府信息 6,120 条；其中政策文件 41 件！"
    assert copies.normalise(a) == copies.normalise(b) == "年本局主动公开政府信息条其中政策文件件"
    key, where = copies.normalise_mapped(a)
    assert key == copies.normalise(a) and all(a[i] == ch for i, ch in zip(where, key))
    # radicals as PDF text has them are the characters they look like; rare characters are kept
    assert copies.normalise("⼀年来，𠀀村公开") == "一年来𠀀村公开"
    wide = "ＡＢＣ全年发布信息"  # full-width letters: compared as ABC, shown as printed
    key, where = copies.normalise_mapped(wide)
    assert key == copies.normalise(wide) == "ABC全年发布信息" and where[:4] == [0, 1, 2, 3]


def _fake(i: int, year: int, text: str) -> SimpleNamespace:
    return SimpleNamespace(id=f"000000-a{i:03d}-{year}", agency_id=f"000000-a{i:03d}", year=year, path=f"a{i}.yaml",
                           title=f"报告{i}", narrative=copies.narrative_from_text(text, 3))


def test_a_passage_most_reports_of_a_year_carry_counts_as_boilerplate() -> None:
    rng = random.Random(9)
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    common = "".join(rng.choice(chars) for _ in range(900))  # a passage most reports carry
    facts = [_fake(i, 2024, common + "".join(rng.choice(chars) for _ in range(500))) for i in range(120)]
    assert copies.jaccard(copies.normalise(common + "甲" * 9), copies.normalise(common + "乙" * 9)) > copies.THRESHOLD
    assert copies.check_copies(facts, {f.id for f in facts}) == []
    # two of them that also share their own text are still found
    own = "".join(rng.choice(chars) for _ in range(500))
    twin, twin2 = _fake(200, 2024, common + own), _fake(201, 2024, common + own)
    found = copies.check_copies(facts + [twin, twin2], {twin.id})
    assert [(f.params["other"], f.file) for f in found] == [(twin2.id, twin.path), (twin.id, twin2.path)]
