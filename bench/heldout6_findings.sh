#!/usr/bin/env bash
# Checks on the sixth held-out set against its blind findings gold (corpus/heldout6/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout6_findings.sh            # summary per rule
#   bash bench/heldout6_findings.sh --verbose  # every miss and false alarm
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCORER="$ROOT/../shared/eval/score_findings.py"
[[ -f "$SCORER" ]] || { echo "heldout6 findings: scorer not found at ../shared/eval/score_findings.py; nothing scored."; exit 0; }
if [[ -n "${PYTHON:-}" ]]; then EXTRACTOR=("$PYTHON" -m extractor)  # a given interpreter (a worktree run with PYTHONPATH)
elif [[ -x "$ROOT/.venv/bin/extractor" ]]; then EXTRACTOR=("$ROOT/.venv/bin/extractor"); PYTHON="$ROOT/.venv/bin/python"
else PYTHON="$(command -v python3)"; EXTRACTOR=("$PYTHON" -m extractor); fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/docs"
cp "$ROOT/corpus/heldout6"/*.txt "$TMP/docs/"
(cd "$ROOT" && "${EXTRACTOR[@]}" ingest "$TMP/docs" --db "$TMP/f.db" --quiet >/dev/null)
"$PYTHON" "$SCORER" "$TMP/f.db" --gold "$ROOT/corpus/heldout6/findings" "$@"
