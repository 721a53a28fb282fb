#!/usr/bin/env bash
# Checks on the thirteenth held-out set against its blind findings gold (corpus/heldout13/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout13_findings.sh            # summary per rule
#   bash bench/heldout13_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout13 FINDINGS_GOLD="$ROOT/corpus/heldout13/findings" exec bash "$ROOT/bench/findings.sh" "$@"
