from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

RECORDING = Path(__file__).resolve().parent / "recording"


def pytest_configure(config: pytest.Config) -> None:
    """Record every rule that fires, in this process and in every Python process a test starts."""
    import sys
    import tempfile

    log = Path(tempfile.mkdtemp(prefix="nianbao-fired-")) / "fired.txt"
    config._nianbao_fired = log  # type: ignore[attr-defined]
    os.environ["NIANBAO_FIRED_RULES"] = str(log)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(RECORDING), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(RECORDING))
    from fired_rules import record

    record(str(log))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On a whole-suite run, every registered rule must have fired in some test: a rule that
    never fires is untested, whatever names it."""
    config = session.config
    whole = (not config.args or [Path(a).resolve() for a in config.args] == [ROOT / "tests"]) \
        and not config.getoption("keyword") and not config.getoption("markexpr") \
        and not config.getoption("lf", False) and session.testsfailed == 0 and session.testscollected > 300
    if not whole:
        return
    from fired_rules import fired
    from nianbao.validate.registry import REGISTRY

    never = sorted(set(REGISTRY) - fired(str(config._nianbao_fired)))  # type: ignore[attr-defined]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if never:
        if reporter:
            reporter.write_line(f"rules that no test made fire: {', '.join(never)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter:
        reporter.write_line(f"every one of the {len(REGISTRY)} rules fired in some test")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
NODE_MODULES = ROOT / "build" / "node" / "node_modules"  # `make node-tools`: tools/node/package-lock.json


# Words a Chinese message may carry: commands and flags to type, and bytes written in hex.
_MAY_STAY = re.compile(r"nianbao [a-z-]+|--[a-z-]+ \S+|pip install|make [a-z-]+|npm [a-z]+|\b[0-9A-F]{2}(?: [0-9A-F]{2})+\b")
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?: +[A-Za-z]{2,})+")


def english_in(text: str) -> list[str]:
    """Runs of English words in a user message: a library's or the system's text that leaked
    through (`exceeded maximum nesting depth`, `Permission denied`)."""
    return _ENGLISH.findall(_MAY_STAY.sub("", text))


def node_modules(entry: str) -> Path:
    """NODE_MODULES, once `entry` (a file under it) is there; in CI a missing tool fails the
    test, elsewhere it skips it (run `make node-tools`)."""
    if (NODE_MODULES / entry).is_file() and shutil.which("node"):
        return NODE_MODULES
    message = f"{entry} is not installed: run `make node-tools` (npm ci from tools/node/package-lock.json)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


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
