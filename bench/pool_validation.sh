#!/usr/bin/env bash
# The pool's validation gold (corpus/pool/gold-validation: 40 excerpts annotated after the
# general rules were tuned on corpus/pool/gold, never used for tuning): does what was tuned on the
# pool generalise to other excerpts of it? Same scorer as bench/heldout.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCORER="$ROOT/../shared/eval/score.py"
[[ -f "$SCORER" ]] || { echo "pool_validation: scorer not found at ../shared/eval/score.py; nothing scored."; exit 0; }
if [[ -n "${PYTHON:-}" ]]; then EXTRACTOR=("$PYTHON" -m extractor)
elif [[ -x "$ROOT/.venv/bin/extractor" ]]; then EXTRACTOR=("$ROOT/.venv/bin/extractor"); PYTHON="$ROOT/.venv/bin/python"
else PYTHON="$(command -v python3)"; EXTRACTOR=("$PYTHON" -m extractor); fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/docs"
for g in "$ROOT"/corpus/pool/gold-validation/*.json; do cp "$ROOT/corpus/pool/$(basename "$g" .json).txt" "$TMP/docs/"; done
(cd "$ROOT" && "${EXTRACTOR[@]}" ingest "$TMP/docs" --db "$TMP/v.db" --quiet >/dev/null)
"$PYTHON" "$SCORER" "$TMP/v.db" --gold "$ROOT/corpus/pool/gold-validation" "$@"
