"""Write the draft as canonical YAML and run the schema and report rules on it, exactly as
`nianbao validate` would on a hand-made file."""
from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..load import parse
from ..model import build_report
from ..paths import Location
from ..validate import schema
from ..validate.rules.report import check_report
from ..write import dump_report
from .result import ImportResult

DRAFT_NAME = "草稿.yaml"


def check_draft(text: str, year: int, name: str = DRAFT_NAME) -> list[Finding]:
    doc, findings = parse(name, text)
    if doc is None:
        return findings
    findings = schema.check_report(doc)
    if findings:
        return findings
    loc = Location("report", "00", "000000", "draft", year or 0)
    return check_report(build_report(doc, loc))


def schema_path_for(output: str | None, fmt: str) -> str | None:
    """The `$schema` comment hand-made files carry, when the draft goes into content/."""
    if not output:
        return None
    parts = Path(output).resolve().parts
    if len(parts) >= 5 and parts[-5] == "content":
        return f"../../../../schemas/report-{fmt}.schema.json"
    return None


def finish(result: ImportResult, output: str | None = None) -> ImportResult:
    result.yaml = dump_report(result.draft, schema_path_for(output, result.draft["format"]))
    result.findings = check_draft(result.yaml, result.draft.get("year") or 0)
    return result
