#!/usr/bin/env bash
# Checks against a hand-written findings gold: precision and recall per rule.
#
#   bash bench/findings.sh            # summary per rule
#   bash bench/findings.sh --verbose  # every miss and false alarm
#   FINDINGS_DOCS=heldout6 FINDINGS_GOLD=corpus/heldout6/findings bash bench/findings.sh   # another set
#
# The gold (corpus/findings/gold/, one JSON per document) was written by a careful reader before
# the rules it scores were written: the 65 excerpts of corpus/heldout, heldout2, heldout3 and 20
# more in corpus/findings/. The scorer is ../shared/eval/score_findings.py (outside the repo);
# without it the script says so and exits 0.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCORER="$ROOT/../shared/eval/score_findings.py"
[[ -f "$SCORER" ]] || { echo "findings: scorer not found at ../shared/eval/score_findings.py; nothing scored."; exit 0; }
if [[ -n "${PYTHON:-}" ]]; then EXTRACTOR=("$PYTHON" -m extractor)  # a given interpreter (a worktree run with PYTHONPATH)
elif [[ -x "$ROOT/.venv/bin/extractor" ]]; then EXTRACTOR=("$ROOT/.venv/bin/extractor"); PYTHON="$ROOT/.venv/bin/python"
else PYTHON="$(command -v python3)"; EXTRACTOR=("$PYTHON" -m extractor); fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/docs"
for d in ${FINDINGS_DOCS:-heldout heldout2 heldout3 findings}; do cp "$ROOT/corpus/$d"/*.txt "$TMP/docs/"; done
(cd "$ROOT" && "${EXTRACTOR[@]}" ingest "$TMP/docs" --db "$TMP/f.db" --quiet >/dev/null)
"$PYTHON" "$SCORER" "$TMP/f.db" --gold "${FINDINGS_GOLD:-$ROOT/corpus/findings/gold}" "$@"
