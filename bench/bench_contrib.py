"""Pull-request path: time `.github/scripts/validate-changed.sh` on a branch that adds one
report (git diff + `nianbao validate` of the changed folder + the job summary). Target < 2 s."""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".github" / "scripts" / "validate-changed.sh"
NIANBAO = str(Path(sys.executable).parent / "nianbao")
TARGET_S = 2.0
RUNS = 5


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
                        "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"})


def filled_report(repo: Path) -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    from nianbao.scaffold import new_agency, new_report

    root = repo / "content"
    new_agency(root, "510727", "fgw", "平武县发展和改革局", "县级", "政府部门")
    path = new_report(root, "510727-fgw", 2024)
    text = re.sub(r"\[~(, ~)*\]", lambda m: "[" + ", ".join(["0"] * (m.group(0).count("~"))) + "]",
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        shutil.copytree(ROOT / "content", repo / "content")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "content")
        git(repo, "commit", "-q", "-m", "base")
        git(repo, "checkout", "-q", "-b", "pr")
        filled_report(repo)
        git(repo, "add", "content")
        git(repo, "commit", "-q", "-m", "one report")
        env = {**os.environ, "NIANBAO": NIANBAO, "GITHUB_ACTIONS": "true",
               "GITHUB_STEP_SUMMARY": str(repo / "summary.md")}
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            r = subprocess.run(["bash", str(SCRIPT), "main"], cwd=repo, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if r.returncode != 0:
                raise SystemExit(f"validate-changed.sh failed:\n{r.stdout}{r.stderr}")
    median = statistics.median(times)
    print(f"validate-changed.sh, one new report: median {median:.2f} s, min {min(times):.2f} s "
          f"over {RUNS} runs (target < {TARGET_S:.0f} s) {'OK' if median < TARGET_S else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
