#!/usr/bin/env bash
# Held-out accuracy: ingest a held-out folder's *.txt into a temporary database and score it
# against its gold/ with the shared scorer, printing its summary.
#
#   bash bench/heldout.sh                          # corpus/heldout
#   HELDOUT_SET=heldout2 bash bench/heldout.sh     # corpus/heldout2 (annotated blind)
#   bash bench/heldout.sh --verbose                # extra arguments go to score.py (--verbose, --json)
#
# The scorer lives outside this repository, at ../shared/eval/score.py relative to the repo root;
# when it is missing the script says so and exits 0 without scoring.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCORER="$ROOT/../shared/eval/score.py"
HELDOUT="$ROOT/corpus/${HELDOUT_SET:-heldout}"

if [[ ! -f "$SCORER" ]]; then
    echo "heldout: scorer not found at ../shared/eval/score.py (relative to $ROOT); nothing scored."
    exit 0
fi

if [[ -n "${PYTHON:-}" ]]; then  # a given interpreter (a worktree run with PYTHONPATH)
    EXTRACTOR=("$PYTHON" -m extractor)
elif [[ -x "$ROOT/.venv/bin/extractor" ]]; then
    EXTRACTOR=("$ROOT/.venv/bin/extractor")
    PYTHON="$ROOT/.venv/bin/python"
else
    PYTHON="$(command -v python3)"
    EXTRACTOR=("$PYTHON" -m extractor)
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/heldout.db"

# Only the .txt excerpts: gold/ and sources.tsv are not documents. In corpus/pool the texts whose
# gold is in gold-validation are blind and stay out (bench/corpus_sets.py says which).
mkdir -p "$TMP/docs"
if [[ "${HELDOUT_SET:-heldout}" == pool ]]; then
    "$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); from corpus_sets import texts; from pathlib import Path; print("\n".join(str(p) for p in texts(Path(sys.argv[2]))))' \
        "$ROOT/bench" "$HELDOUT" | while read -r f; do cp "$f" "$TMP/docs/"; done
else
    cp "$HELDOUT"/*.txt "$TMP/docs/"
fi

(cd "$ROOT" && "${EXTRACTOR[@]}" ingest "$TMP/docs" --db "$DB" --quiet >/dev/null)
"$PYTHON" "$SCORER" "$DB" --gold "$HELDOUT/gold" "$@"
