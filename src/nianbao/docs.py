"""Generated references: rules (and, through mkdocs pages, CLI and schema fields)."""
from __future__ import annotations

import json

from .findings import SEVERITY_ZH, STAGE_ZH
from .validate.registry import all_rules


def rules_text() -> str:
    lines = []
    for r in all_rules():
        lines.append(f"{r.id:<16} {SEVERITY_ZH[r.severity]}  {STAGE_ZH[r.stage]:<10} {r.title}")
        if r.formula:
            lines.append(f"{'':<16} 公式：{r.formula}")
    return "\n".join(lines)


def rules_markdown() -> str:
    out = ["| 编号 | 级别 | 阶段 | 名称 | 公式或说明 |", "|---|---|---|---|---|"]
    for r in all_rules():
        detail = r.formula or r.template.replace("{", "‹").replace("}", "›")
        out.append(f"| <span id=\"{r.id}\"></span>`{r.id}` | {SEVERITY_ZH[r.severity]} | {STAGE_ZH[r.stage]} | {r.title} | {detail.replace('|', '∣')} |")
    return "\n".join(out)


def rules_json() -> str:
    return json.dumps([{"id": r.id, "severity": r.severity, "stage": r.stage, "title": r.title,
                        "formula": r.formula, "template": r.template} for r in all_rules()],
                      ensure_ascii=False, indent=2)
