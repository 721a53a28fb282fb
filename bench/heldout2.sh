#!/usr/bin/env bash
# Second held-out set (annotated blind): ingest corpus/heldout2/*.txt into a temporary database and score it against
# corpus/heldout2/gold with the shared scorer, printing its summary.
#
#   bash bench/heldout2.sh              # summary
#   bash bench/heldout2.sh --verbose    # extra arguments go to score.py (e.g. --verbose, --json)
#
# The scorer lives outside this repository, at ../shared/eval/score.py relative to the repo root;
# when it is missing the script says so and exits 0 without scoring.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCORER="$ROOT/../shared/eval/score.py"
HELDOUT="$ROOT/corpus/heldout2"

if [[ ! -f "$SCORER" ]]; then
    echo "heldout: scorer not found at ../shared/eval/score.py (relative to $ROOT); nothing scored."
    exit 0
fi

if [[ -x "$ROOT/.venv/bin/extractor" ]]; then
    EXTRACTOR=("$ROOT/.venv/bin/extractor")
    PYTHON="$ROOT/.venv/bin/python"
else
    PYTHON="$(command -v python3)"
    EXTRACTOR=("$PYTHON" -m extractor)
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/heldout2.db"

# Only the .txt excerpts: gold/ and sources.tsv are not documents.
mkdir -p "$TMP/docs"
cp "$HELDOUT"/*.txt "$TMP/docs/"

(cd "$ROOT" && "${EXTRACTOR[@]}" ingest "$TMP/docs" --db "$DB" --quiet >/dev/null)
"$PYTHON" "$SCORER" "$DB" --gold "$HELDOUT/gold" "$@"
