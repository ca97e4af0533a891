"""Where the project lives: the published site and the repository. mkdocs.yml names the same
URLs (`site_url`, `extra.nianbao.repo`); a test keeps them equal."""
from __future__ import annotations

SITE_URL = "https://nianbao.github.io/"
REPOSITORY = "https://github.com/nianbao/nianbao"
DATA_PATH = "data/"  # the data package's folder on the site
SCHEMAS_PATH = "schemas/"  # the JSON Schemas' folder on the site, so that each $id resolves
