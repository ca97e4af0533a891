"""The public site: `build_site` validates, renders (nianbao.render), runs mkdocs in shards
(shards.py), indexes with Pagefind, places the data package and swaps site/ in atomically
(build.py). Everything that knows about mkdocs, its config and the site folder lives here."""
from __future__ import annotations

from .build import BuildError, BuildResult, build_site

__all__ = ["BuildError", "BuildResult", "build_site"]
