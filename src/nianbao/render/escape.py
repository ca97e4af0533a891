"""Escaping for untrusted text. Every string read from YAML goes through one of these
before it reaches a generated page; nothing from YAML is ever emitted as markup."""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

# Python-Markdown honours backslash escapes for these (">", "<", "&" are HTML-escaped instead).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_TITLE_FULLWIDTH = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def esc(text: object) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return html.escape("" if text is None else str(text), quote=True)


def md_inline(text: object) -> str:
    """Text for a Markdown line (a heading or link text): no Markdown or HTML survives."""
    s = " ".join(("" if text is None else str(text)).split())
    return html.escape(_MD_SPECIAL.sub(r"\\\1", s), quote=False)


def plain_title(text: object) -> str:
    """A page title. Themes print titles unescaped, so characters that could form markup
    are replaced by their full-width forms (harmless in Chinese text)."""
    s = " ".join(("" if text is None else str(text)).split())
    return s.translate(_TITLE_FULLWIDTH)


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar (front matter)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch.isprintable() else " " for ch in out) + '"'


def safe_url(url: object) -> str | None:
    """An http(s) URL safe to put in href, or None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ch in '<>"\'`' for ch in url):
        return None
    return url


def external_link(url: object, text: object) -> str:
    """A link leaving the site; only http(s), never followed by crawlers' ranking."""
    href = safe_url(url)
    if href is None:
        return esc(text)
    return f'<a href="{esc(href)}" rel="nofollow noopener noreferrer" target="_blank">{esc(text)}</a>'


def paragraphs_html(text: object, css: str = "") -> str:
    """Narrative text as escaped paragraphs; line breaks kept, nothing clickable."""
    cls = f' class="{css}"' if css else ""
    out = []
    for para in re.split(r"\n\s*\n", "" if text is None else str(text)):
        para = para.strip()
        if para:
            out.append(f"<p{cls}>" + "<br>".join(esc(line) for line in para.split("\n")) + "</p>")
    return "\n".join(out)


def rel(from_page: str, to_page: str) -> str:
    """Relative URL between two generated pages, given as docs-relative .md paths."""
    target = to_page[:-3] + ".html" if to_page.endswith(".md") else to_page
    start = posixpath.dirname(from_page)
    return posixpath.relpath(target, start or ".")
