"""Agency registry rules (validate/rules/agency.py) through nianbao.validate."""
from __future__ import annotations

import shutil
from pathlib import Path

from nianbao.validate import validate


def write_agency(root: Path, division: str, slug: str, body: str) -> Path:
    path = root / division[:2] / division / slug / "agency.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def findings(root: Path, *paths: Path):
    return validate([str(p) for p in paths], root).findings


def test_unknown_division_suggests_by_name(content_copy: Path) -> None:
    path = write_agency(content_copy, "510799", "fgw", "name: 平武县发展和改革局\nlevel: 县级\nkind: 政府部门\n")
    found = [f for f in findings(content_copy, path) if f.rule == "AGENCY-02"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "510799" in found[0].message and "510727 平武县（四川省绵阳市）" in found[0].message


def test_statistical_zone_code_explained(content_copy: Path) -> None:
    path = write_agency(content_copy, "130171", "gwh", "name: 石家庄高新技术产业开发区管理委员会\nlevel: 市级\nkind: 派出机构\n")
    (f,) = [f for f in findings(content_copy, path) if f.rule == "AGENCY-02"]
    assert "开发区" in f.message and "130100 石家庄市（河北省）" in f.message


def test_missing_parent_suggests_registered(content_copy: Path) -> None:
    path = write_agency(content_copy, "510727", "fgw",
                        "name: 平武县发展和改革局\nlevel: 县级\nkind: 政府部门\nparent: 510727-zfbb\n")
    (f,) = [f for f in findings(content_copy, path) if f.rule == "AGENCY-03"]
    assert f.line == 4 and "510727-zfbb" in f.message and "510727-zfb" in f.message.split("相近机构")[1]
    path.write_text(path.read_text(encoding="utf-8").replace("zfbb", "zfb"), encoding="utf-8")
    assert not [f for f in findings(content_copy, path) if f.rule.startswith("AGENCY")]


def test_level_must_fit_division(content_copy: Path) -> None:
    path = write_agency(content_copy, "510700", "zf", "name: 绵阳市人民政府\nlevel: 县级\nkind: 人民政府\n")
    (f,) = [f for f in findings(content_copy, path) if f.rule == "AGENCY-04"]
    assert f.severity == "warning" and f.line == 2 and "“市级”" in f.message


def test_unknown_agency_points_to_close_folder(content_copy: Path) -> None:
    src = content_copy / "51/510727/zfb/2024.yaml"
    stray = content_copy / "51/510727/zfbb/2024.yaml"
    stray.parent.mkdir()
    shutil.copy(src, stray)
    (f,) = [f for f in findings(content_copy, stray) if f.rule == "AGENCY-01"]
    assert "zfb" in f.message and "放错了目录" in f.message


def test_unknown_agency_in_unknown_division(content_copy: Path) -> None:
    stray = content_copy / "51/510799/zfb/2024.yaml"
    stray.parent.mkdir(parents=True)
    shutil.copy(content_copy / "51/510727/zfb/2024.yaml", stray)
    (f,) = [f for f in findings(content_copy, stray) if f.rule == "AGENCY-01"]
    assert "510727-zfb" in f.message and "行政区划代码 510799 不存在" in f.message
