"""Helpers shared by the site tests (no tests here): a real build, a local http server,
and a real chromium that refuses every request leaving 127.0.0.1."""
from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "screenshots"


def build_into(content: Path, out: Path, **kw):
    """A real `nianbao build` of `content` into out/site, intermediates in out/work."""
    from nianbao.site import build_site
    from nianbao.cli import main

    return build_site(content, out / "site", config=ROOT / "mkdocs.yml", work=out / "work", cli_group=main, **kw)


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@contextmanager
def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Guard:
    """Collects console errors, page errors, dialogs and foreign requests of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

        def route(r):
            host = urlsplit(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                r.continue_()
            else:
                self.foreign.append(r.request.url)
                r.abort()

        page.route("**/*", route)

    def check(self) -> None:
        assert not self.foreign, f"requests leaving 127.0.0.1: {self.foreign}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"
        assert not self.errors, f"console errors: {self.errors}"


_SHARED: list = []


def shared_browser():
    """One chromium for the whole test session (Playwright's sync API allows one at a time)."""
    if not _SHARED:
        import atexit

        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        _SHARED.append(b)

        def close() -> None:
            b.close()
            pw.stop()

        atexit.register(close)
    return _SHARED[0]


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()
