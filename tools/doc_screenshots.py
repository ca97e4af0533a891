"""Regenerate the screenshots in docs/images/ that CONTRIBUTING.md shows.

A copy of content/ gets one publisher-style error (平武 2024, 表三 （七）总计 × 自然人 +1),
acknowledged as "原文如此"; the site is built from it into a temporary folder and the report
page's findings and table 三, an agency page and the home page are photographed in
Debian's chromium.

    .venv/bin/python tools/doc_screenshots.py
"""
from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from nianbao.site import build_site
from nianbao.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
REPORT = Path("51/510727/zfb/2024.yaml")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        path = content / REPORT
        text = path.read_text(encoding="utf-8")
        text = text.replace("r3_7:   [10, 5,", "r3_7:   [11, 5,", 1)
        note = "原文如此：表三“（七）总计”的自然人为 11，各项之和为 10。"
        text += "acknowledged:\n" + "".join(
            f"  - rule: {rule}\n    cells: [requests.r3_7.natural]\n    note: {note}\n"
            for rule in ("T3-01", "T3-02", "T3-03"))
        path.write_text(text, encoding="utf-8")
        site = Path(tmp) / "site"
        build_site(content, site, config=str(ROOT / "mkdocs.yml"), work=str(Path(tmp) / "build"), cli_group=cli_main)

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):  # noqa: D401 - silence the server
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1100, "height": 900}, locale="zh-CN")
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/reports/510727-zfb-2024.html")
                OUT.mkdir(parents=True, exist_ok=True)
                page.locator("ol.nb-findings").first.screenshot(path=str(OUT / "findings.png"))
                table = page.locator(".nb-table-wrap:has(table.nb-t-requests)")
                box = table.bounding_box()
                page.set_viewport_size({"width": 1100, "height": int(box["height"]) + 200})
                table.screenshot(path=str(OUT / "finding-cell.png"))
                page.set_viewport_size({"width": 1100, "height": 900})
                base = f"http://127.0.0.1:{server.server_address[1]}"
                for name, url in (("agency", "/agencies/510727-zfb.html"), ("home", "/index.html")):
                    page.goto(base + url)
                    page.wait_for_timeout(800)  # charts draw after load
                    page.screenshot(path=str(OUT / f"{name}.png"))
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
