"""Narrative rules: the number extractor on real sentences, TXT-01/02/03, SAFE-01, and the
per-report META-04 and STRUCT-03."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from nianbao.load import load_file
from nianbao.validate import validate
from nianbao.validate.rules.narrative import extract
from nianbao.write import dump_agency, dump_report

from conftest import private_copy

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "sources"


# ---- the extractor, on sentences from the seeds and samples ----------------------------------
def stated(text: str, year: int) -> list[tuple[str, int, bool]]:
    return [(m.quantity, m.value, m.wide_scope) for m in extract(text, year)]


def test_extract_seed_000_office_figures() -> None:
    text = "2024年,全年共受理政府信息公开申请16件,其中自然人申请11件,商业机构申请5件,办结15件,结转下年度办理1件。无因政府信息公开申请的行政复议。"
    assert stated(text, 2024) == [("new", 16, False), ("handled", 15, False), ("forward", 1, False),
                                  ("review", 0, False)]


def test_extract_huaian_2024_whole_city() -> None:
    text = ("2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度"
            "答复），均在法定期限内予以答复。政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，"
            "尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。")
    assert stated(text, 2024) == [("new", 3119, True), ("handled", 3050, True), ("carried", 34, True),
                                  ("forward", 103, True), ("review", 351, False), ("litigation", 46, False)]


def test_extract_seed_004_whole_district() -> None:
    assert stated("2024年,全区各级行政机关共收到依申请公开67宗,办理67宗。", 2024) == [
        ("new", 67, True), ("handled", 67, True)]


def test_extract_seed_001_nothing_received() -> None:
    text = "本年度,我镇线上线下均未收到政府信息公开申请,没有发生有关政府信息公开事务的行政复议、行政诉讼案件。"
    assert stated(text, 2023) == [("new", 0, False), ("review", 0, False), ("litigation", 0, False)]


def test_extract_ignores_other_counts_and_years() -> None:
    # seed 000: comments and replies are not applications; seed 002 in another year is skipped
    assert stated("办理留言143条,公开答复26条;收到留言数300条、办结留言300条", 2024) == []
    assert stated("2022年全区共办结政府信息公开申请4件。", 2023) == []
    assert stated("全年收到政府信息公开申请12条，同比增加3条。", 2024) == [("new", 12, False)]
    assert stated("全年公开核准企业资质条、施工许可证76条、申请户外广告设置许可证783条。", 2019) == []


def test_extract_carried_forward_into_named_year() -> None:
    assert stated("2024年共受理政府信息公开申请16件，办结15件，1件结转至2025年办理。", 2024) == [
        ("new", 16, False), ("handled", 15, False), ("forward", 1, False)]
    assert stated("结转到2025年度继续办理的申请2件。", 2024) == [("forward", 2, False)]
    assert stated("2023年受理政府信息公开申请10件。", 2024) == []  # last year's figure, for comparison


def test_extract_full_width_digits() -> None:
    assert stated("全年共受理政府信息公开申请１６件。", 2024) == [("new", 16, False)]


# ---- a generated corpus to change -----------------------------------------------------------
@pytest.fixture
def pristine(generated) -> Path:
    return generated(25, 3)


@pytest.fixture
def corpus(pristine: Path, tmp_path: Path) -> Path:
    return private_copy(pristine, tmp_path)


def report_of(root: Path, kind: str, fmt: str = "gov2021") -> Path:
    for agency in sorted(root.rglob("agency.yaml")):
        if load_file(agency)[0].data["kind"] != kind:
            continue
        for p in sorted(agency.parent.glob("20*.yaml")):
            if load_file(p)[0].data["format"] == fmt:
                return p
    raise AssertionError(f"no {fmt} report of a {kind}")


def edit(path: Path, change) -> dict:
    doc = load_file(path)[0]
    change(doc.data)
    path.write_text(dump_report(doc.data), encoding="utf-8")
    return doc.data


def findings(path: Path, root: Path, rule: str) -> list:
    return [f for f in validate([path], root).findings if f.rule == rule]


def section(data: dict, numeral: str) -> dict:
    return next(s for s in data["sections"] if s["heading"].startswith(numeral))


def test_generated_reports_quiet_on_text_rules(pristine: Path) -> None:
    result = validate([pristine], pristine)
    assert not [f for f in result.findings if f.rule in ("TXT-01", "TXT-02", "TXT-03", "SAFE-01", "META-04")]


# ---- TXT-01 ---------------------------------------------------------------------------------
def test_txt01_fires_when_text_disagrees(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")

    def say_more(data):
        total = data["tables"]["requests"]["rows"]["r1"][-1]
        s = section(data, "一")
        s["text"] = s["text"].replace(f"共收到政府信息公开申请{total}件", f"共收到政府信息公开申请{total + 5}件")

    edit(path, say_more)
    found = findings(path, corpus, "TXT-01")
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].cells == ("requests.r1.total",) and "相差 5" in found[0].message
    line = path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert "共收到政府信息公开申请" in line  # the finding points at the sentence's own line


def test_txt01_litigation_is_direct_plus_after_review(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")

    def litigation(data):
        rows = data["tables"]["review"]["rows"]
        rows["suit_direct"] = [1, 0, 0, 0, 1]
        rows["suit_after_review"] = [0, 0, 1, 0, 1]
        rows["review"] = [1, 0, 0, 0, 1]
        s = section(data, "一")
        s["text"] = re.sub(r"[^。]*行政复议[^。]*。", "", s["text"])  # the generated statement of the old table
        s["text"] += "\n\n因政府信息公开被申请行政复议1件，被提起行政诉讼2件。"

    edit(path, litigation)
    assert findings(path, corpus, "TXT-01") == []
    edit(path, lambda data: data["tables"]["review"]["rows"].__setitem__("suit_direct", [2, 0, 0, 0, 2]))
    found = findings(path, corpus, "TXT-01")
    assert len(found) == 1 and found[0].cells == ("review.suit_direct.total", "review.suit_after_review.total")


def test_txt01_scope_department_quoting_whole_county(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")
    edit(path, lambda data: section(data, "一").__setitem__(
        "text", section(data, "一")["text"] + "\n\n全县各级行政机关共收到政府信息公开申请9999件。"))
    assert findings(path, corpus, "TXT-01") == []  # a department's table does not hold the county's figures


def test_txt01_scope_government_compares_whole_region(corpus: Path) -> None:
    path = report_of(corpus, "人民政府")
    edit(path, lambda data: section(data, "一").__setitem__(
        "text", section(data, "一")["text"] + "\n\n全县各级行政机关共收到政府信息公开申请9999件。"))
    assert len(findings(path, corpus, "TXT-01")) == 1


def test_txt01_not_against_absent_tables(corpus: Path) -> None:
    path = report_of(corpus, "人民政府")

    def images(data):
        for code in ("requests", "review"):
            data["tables"][code] = {"status": "image"}
        section(data, "一")["text"] += "\n\n共收到政府信息公开申请9999件。"

    edit(path, images)
    assert findings(path, corpus, "TXT-01") == []


def test_txt01_content_seeds_agree() -> None:
    # seed 000 (平武县政府办) and 淮安 2024 state numbers that agree with their tables;
    # seed 004 (汕尾城区) states whole-district numbers but its tables are images.
    content = ROOT / "content"
    result = validate([content], content)
    assert [f for f in result.findings if f.rule == "TXT-01"] == []


# ---- TXT-02 / TXT-03 ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "无。", " 无 "])
def test_txt02_fires_on_empty_problems(corpus: Path, text: str) -> None:
    path = report_of(corpus, "政府部门")
    edit(path, lambda data: section(data, "五").__setitem__("text", text))
    found = findings(path, corpus, "TXT-02")
    assert len(found) == 1 and found[0].severity == "warning"


def test_txt03_fee_notice_needs_mention(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")

    def fee_notice(data):
        data["tables"]["requests"]["rows"]["r3_6_2"][0] += 1
        data["tables"]["requests"]["rows"]["r3_6_2"][-1] += 1
        section(data, "六")["text"] = "无其他需要报告的事项。"

    edit(path, fee_notice)
    found = findings(path, corpus, "TXT-03")
    assert len(found) == 1 and found[0].cells == ("requests.r3_6_2.total",)
    edit(path, lambda data: section(data, "六").__setitem__("text", "本年度收取信息处理费0.1万元。"))
    assert findings(path, corpus, "TXT-03") == []


# ---- SAFE-01 --------------------------------------------------------------------------------
SEED_001_SENTENCE = ("创新信息公开方式,开设政策咨询“服务区”,拓展线下公开阵地。召开座谈会,听取各部门意见建议;各村综合利用"
                     "信息公开栏、麻将胡了最新官方版下载村民微信群等渠道,主动公开群众关注的就业信息。")


def test_seed_001_sentence_is_in_the_seed() -> None:
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    assert "信息公开栏、麻将胡了最新官方版下载村民微信群" in seed


def test_safe01_fires_on_seed_001_injection(corpus: Path) -> None:
    path = report_of(corpus, "人民政府")
    edit(path, lambda data: section(data, "六").__setitem__("text", SEED_001_SENTENCE))
    found = findings(path, corpus, "SAFE-01")
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].params["match"] == "麻将胡了最新官方版下载"
    assert "麻将胡了" in path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]


@pytest.mark.parametrize("text,fires", [
    ("详情请访问 http://www.lucky-casino888.com/register 了解。", True),
    ("Copyright © PG电子·模拟器·试玩平台(中国)官方网站 版权所有", True),
    ("本报告可在县政府门户网站（www.pingwu.gov.cn）下载。", False),
    ("电子邮箱：pzxxgkb@163.com。", False),
    ("打击赌博违法犯罪，开展扫黄打非专项行动，规范棋牌室经营。", False),
    ("版本号为3.5，附件为报告.pdf。", False),
])
def test_safe01_vocabulary_and_links(corpus: Path, text: str, fires: bool) -> None:
    path = report_of(corpus, "政府部门")
    edit(path, lambda data: section(data, "六").__setitem__("text", text))
    assert bool(findings(path, corpus, "SAFE-01")) is fires


def test_safe01_publishers_own_site_is_allowed(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")
    agency = path.parent / "agency.yaml"
    data = load_file(agency)[0].data
    data["website"] = "http://www.example-centre.org.cn"
    agency.write_text(dump_agency(data), encoding="utf-8")
    edit(path, lambda d: section(d, "六").__setitem__("text", "详见本中心网站 http://www.example-centre.org.cn/xxgk 。"))
    assert findings(path, corpus, "SAFE-01") == []


# ---- META-04 / STRUCT-03 --------------------------------------------------------------------
def test_meta04_missing_url(corpus: Path) -> None:
    path = report_of(corpus, "政府部门")
    assert findings(path, corpus, "META-04") == []
    edit(path, lambda data: data["source"].pop("url"))
    found = findings(path, corpus, "META-04")
    assert len(found) == 1 and found[0].severity == "warning"


@pytest.mark.parametrize("kind,fmt,published,days", [
    ("政府部门", "gov2021", "-01-31", None),
    ("政府部门", "gov2021", "-02-20", 20),
    ("人民政府", "gov2021", "-02-20", None),
    ("人民政府", "gov2021", "-04-02", 2),
    ("政府部门", "legacy2014", "-03-31", None),
    ("政府部门", "legacy2014", "-04-01", 1),
])
def test_struct03_deadline(corpus: Path, kind: str, fmt: str, published: str, days: int | None) -> None:
    path = report_of(corpus, kind, fmt)

    def date(data):
        data["published"] = f"{data['year'] + 1}{published}"
        data["dated"] = f"{data['year'] + 1}-01-05"

    edit(path, date)
    found = findings(path, corpus, "STRUCT-03")
    if days is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].severity == "info" and found[0].params["days_late"] == days
