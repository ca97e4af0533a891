#!/usr/bin/env bash
# Validate the content files that a pull request changes, with the cross-report rules they
# touch (`nianbao validate` reads the same agency's other years by itself).
#
#   .github/scripts/validate-changed.sh [BASE]
#
# BASE: the commit to compare with (default: origin/$GITHUB_BASE_REF, else origin/main).
# Changed files = `git diff --name-only BASE...HEAD -- content/` without deletions; a changed
# agency.yaml brings in its whole folder, because the agency's kind feeds the report rules.
# Env: NIANBAO (the command, default `nianbao`), GITHUB_STEP_SUMMARY (a Chinese Markdown
# table of findings is appended to it when set), GITHUB_ACTIONS=true (::error annotations).
# Exit status: that of `nianbao validate` (1 when a blocking error was found).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

base="${1:-}"
if [ -z "$base" ]; then
  base="origin/${GITHUB_BASE_REF:-main}"
fi
nianbao="${NIANBAO:-nianbao}"
if [ -z "${NIANBAO:-}" ] && ! command -v nianbao >/dev/null && [ -x .venv/bin/nianbao ]; then
  nianbao=.venv/bin/nianbao  # a local checkout set up by `make`
fi

# -z and quotePath=false: paths with Chinese characters or spaces arrive intact.
files=()
declare -A folders=()
while IFS= read -r -d '' path; do
  case "$path" in
    */agency.yaml) folders["$(dirname "$path")"]=1 ;;
    *) files+=("$path") ;;
  esac
done < <(git -c core.quotePath=false diff -z --name-only --diff-filter=d "$base...HEAD" -- content/)

# Each folder once, then the files not already inside one of them.
targets=()
if [ "${#folders[@]}" -gt 0 ]; then
  mapfile -t targets < <(printf '%s\n' "${!folders[@]}" | LC_ALL=C sort)
fi
for path in "${files[@]}"; do
  if [ -z "${folders[$(dirname "$path")]:-}" ]; then
    targets+=("$path")
  fi
done

if [ "${#targets[@]}" -eq 0 ]; then
  echo "本次没有修改 content/ 下的年报或机构文件，无需核对。"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## 年报核对结果\n\n本次没有修改 content/ 下的年报或机构文件，无需核对。\n' >>"$GITHUB_STEP_SUMMARY"
  fi
  exit 0
fi

echo "核对 ${#targets[@]} 项改动：${targets[*]}" >&2
args=(validate)
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  args+=(--summary "$GITHUB_STEP_SUMMARY")
fi
exec "$nianbao" "${args[@]}" -- "${targets[@]}"
