#!/usr/bin/env bash
# Checks on the ninth held-out set against its blind findings gold (corpus/heldout9/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout9_findings.sh            # summary per rule
#   bash bench/heldout9_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout9 FINDINGS_GOLD="$ROOT/corpus/heldout9/findings" exec bash "$ROOT/bench/findings.sh" "$@"
