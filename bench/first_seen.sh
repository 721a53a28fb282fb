#!/usr/bin/env bash
# Rebuild a "first-seen" database: the code of an earlier commit run on a retired held-out set, as
# it ran when the set was still blind. The replays (bench/metadata_replay.py --first,
# bench/fact_replay.py SET=DB) compare today's code with it.
#
#   bash bench/first_seen.sh heldout7 312b2b7 /tmp/x_u7.db
#
# The commit is the one the set was first scored with (docs/heldout.md gives it per set; the round-11
# replays used 39af67f for heldout5 and heldout6, 312b2b7 for heldout7, 6d0ae15 for heldout8; heldout9
# was first scored with 335706a). The
# texts are today's corpus/SET (a retired set's texts never change); a blind set is refused.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: bash bench/first_seen.sh SET COMMIT OUT.db   (e.g. heldout7 312b2b7 /tmp/x_u7.db)" >&2; exit 2; }
SET=$1; COMMIT=$2; OUT=$3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"; [[ -x "$PYTHON" ]] || PYTHON="$(command -v python3)"
"$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT/bench'); from corpus_sets import is_blind; from pathlib import Path; sys.exit(f'$SET is blind; not run' if is_blind(Path('$ROOT/corpus/$SET')) else 0)"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
git -C "$ROOT" archive "$COMMIT" extractor patterns | tar -x -C "$TMP"
mkdir -p "$TMP/docs"; cp "$ROOT/corpus/$SET"/*.txt "$TMP/docs/"
rm -f "$OUT"
(cd "$TMP" && PYTHONPATH="$TMP" "$PYTHON" -m extractor ingest "$TMP/docs" --db "$OUT" --quiet >/dev/null)
echo "$OUT: corpus/$SET extracted by $COMMIT"
