"""Large HTML fragments (tables, lists) kept out of the Markdown.

Python-Markdown and mkdocs each parse every raw HTML block with an HTML parser; for pages
made mostly of tables that was two thirds of the build time. So a page's Markdown holds a
small placeholder per fragment, the fragments are stored beside the docs, and after the
site generator has run, `fill_site` puts them into the built HTML. Placeholders are ours
alone: text from YAML is escaped and can never spell one.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

PLACEHOLDER = '<div class="nb-slot" data-slot="{}"></div>'
_PATTERN = re.compile(r'<div class="nb-slot" data-slot="(\d+)"></div>')


class Slots:
    def __init__(self) -> None:
        self.items: list[str] = []

    def put(self, html: str) -> str:
        self.items.append(html)
        return PLACEHOLDER.format(len(self.items) - 1)


def write_slots(slots_dir: Path, page: str, slots: Slots) -> None:
    if not slots.items:
        return
    path = slots_dir / (page[:-3] + ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(slots.items, ensure_ascii=False), encoding="utf-8")


class SlotError(Exception):
    pass


def fill_site(slots_dir: Path, site_dir: Path) -> int:
    """Put every stored fragment into its built page; returns the pages filled."""
    filled = 0
    for store in sorted(slots_dir.rglob("*.json")):
        rel = store.relative_to(slots_dir).with_suffix(".html")
        page = site_dir / rel
        items = json.loads(store.read_text(encoding="utf-8"))
        html = page.read_text(encoding="utf-8")
        used: set[int] = set()

        def put(m: re.Match) -> str:
            used.add(int(m.group(1)))
            return items[int(m.group(1))]

        html = _PATTERN.sub(put, html)
        if len(used) != len(items):
            raise SlotError(f"{rel}：{len(items) - len(used)} 个片段没有找到位置")
        page.write_text(html, encoding="utf-8", newline="\n")
        filled += 1
    return filled
