"""Adding a national format is one module in formats/ and one line in FORMATS.

A throwaway format (2027, with a new block in table 二 and a new identity) is written as a
module of its own in a temporary folder and put at the head of FORMATS, as its registry
line would; a fresh process then sees the schema, the rules, `nianbao new`, the importer's
labels, the report page and the data resources pick it up, with no other file touched.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import ROOT

FORMAT_MODULE = '''
"""A throwaway national format: 2021's tables plus a block on open data in table 二."""
from nianbao.findings import ERROR
from nianbao.formats import gov2021
from nianbao.formats.base import Block, Column, DataResource, Format, Identity, IdentityRule, Row, Table, Term
from nianbao.formats.national import SECTIONS, article20

_DATA = Block("a20_10", article20("十"), (
    Column("opened", "本年开放数据集"),
    Column("updated", "本年更新数据集"),
    Column("all_open", "开放数据集总数"),
), header="信息内容")
_RULE = IdentityRule(
    "T2-27", ERROR, "本年开放数据集不超过开放数据集总数", "本年开放数据集 ≤ 开放数据集总数", "proactive",
    (Identity("T2-27", (Term("datasets", "opened"),), (Term("datasets", "all_open"),), "<="),),
)
PROACTIVE = Table(
    "proactive", SECTIONS[1].heading, gov2021.PROACTIVE.blocks + (_DATA,),
    gov2021.PROACTIVE.rows + (Row("datasets", "公共数据资源", "二 公共数据资源", _DATA),),
    rules=gov2021.PROACTIVE.rules + (_RULE,),
    data=DataResource("proactive_2027", "表二 主动公开（2027年版）", "2027年版表二的长表：每个单元格一行。"),
)
FORMAT = Format(
    code="gov2027", title="2027年版全国统一格式（演示）", description="演示用的格式。", years=(2027, 9999),
    sections=SECTIONS, tables=(PROACTIVE, gov2021.FORMAT.table("requests"), gov2021.FORMAT.table("review")),
    source="演示", short="2027年版",
)
'''

SCRIPT = '''
import json, random, sys
from pathlib import Path

import nianbao.formats as formats
import gov2027

# The registry line: FORMATS lists the newest format first.
registered = list(formats.FORMATS.items())
formats.FORMATS.clear()
formats.FORMATS.update([(gov2027.FORMAT.code, gov2027.FORMAT), *registered])

import build  # tests/fixtures/import: renders a report page of any format's definition
from nianbao.importers import import_bytes
from nianbao.paths import agency_path, report_path
from nianbao.publish.resources import TIDY
from nianbao.corpus import Corpus as DataCorpus
from nianbao.publish.rows import rows_of
from nianbao.render import render_site
from nianbao.render.report_page import SiteOptions
from nianbao.scaffold import new_report
from nianbao.validate import validate
from nianbao.validate.registry import REGISTRY
from nianbao.validate.schema import all_schemas
from nianbao.write import dump_agency

root = Path(sys.argv[1])
out = {}
schema = all_schemas().get("report-gov2027.schema.json")
out["schema"] = schema is not None and "公共数据资源" in json.dumps(schema, ensure_ascii=False)
out["rule"] = "T2-27" in REGISTRY

apath = agency_path(root, "510727", "zfb")
apath.parent.mkdir(parents=True)
apath.write_text(dump_agency({"name": "示例县人民政府办公室", "level": "县级", "kind": "政府部门"}), encoding="utf-8")
blank = new_report(root, "510727-zfb", 2028)
out["new"] = "format: gov2027" in blank.read_text(encoding="utf-8") and "公共数据资源" in blank.read_text(encoding="utf-8")
blank.unlink()

build.FMT = gov2027.FORMAT
filled = build.random_values(random.Random(5))
filled.printed["proactive"]["datasets"] = ["9", "1", "2"]  # 本年开放 9 > 总数 2
imported = import_bytes("r.html", build.build_html(filled))
out["import_format"] = imported.draft["format"]
out["import_row"] = imported.draft["tables"]["proactive"]["rows"].get("datasets")
path = report_path(root, "510727", "zfb", imported.draft["year"])
path.write_text(imported.yaml, encoding="utf-8")

result = validate([root], root, keep_reports=True)
out["findings"] = sorted({f.rule for f in result.findings})
out["cells"] = [f.cells for f in result.findings if f.rule == "T2-27"]
docs, slots = root.parent / "docs", root.parent / "slots"
render_site(result, docs, slots, SiteOptions())
page = "".join(p.read_text(encoding="utf-8") for p in [*docs.rglob("reports/*.md"), *slots.rglob("*")] if p.is_file())
out["page"] = "公共数据资源" in page and "本年开放数据集" in page
data = DataCorpus.from_result(result)
resource = next((r for r in TIDY if r.name == "proactive_2027"), None)
out["data"] = resource is not None and any("datasets" in row for row in rows_of(resource, data))
print(json.dumps(out, ensure_ascii=False))
'''


def test_a_new_format_module_is_picked_up_everywhere(tmp_path):
    (tmp_path / "gov2027.py").write_text(textwrap.dedent(FORMAT_MODULE), encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(tmp_path), str(ROOT / "tests" / "fixtures" / "import"), *filter(None, [env.get("PYTHONPATH")])])
    (tmp_path / "content").mkdir()
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "content")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["schema"] and out["rule"] and out["new"], out
    assert out["import_format"] == "gov2027" and out["import_row"] == [9, 1, 2], out
    assert "T2-27" in out["findings"] and "SCHEMA-UNKNOWN" not in out["findings"], out
    assert out["cells"] == [["proactive.datasets.opened", "proactive.datasets.all_open"]], out
    assert out["page"] and out["data"], out


def test_the_format_module_is_not_in_the_package():
    """The throwaway format lives only in the test: the package knows four formats."""
    from nianbao.formats import FORMATS

    assert "gov2027" not in FORMATS and not (ROOT / "src" / "nianbao" / "formats" / "gov2027.py").exists()
