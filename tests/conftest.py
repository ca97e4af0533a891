from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may change."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """generated(n, seed) -> a consistent synthetic corpus, made once per session; do not change it."""
    from nianbao.generate import generate_corpus

    made: dict[tuple[int, int], Path] = {}

    def make(n: int, seed: int) -> Path:
        if (n, seed) not in made:
            root = tmp_path_factory.mktemp(f"generated-{n}-{seed}") / "content"
            generate_corpus(n, root, seed=seed)
            made[(n, seed)] = root
        return made[(n, seed)]

    return make


def private_copy(root: Path, tmp_path: Path) -> Path:
    """A copy of a corpus that one test may change."""
    dest = tmp_path / "corpus"
    shutil.copytree(root, dest)
    return dest
