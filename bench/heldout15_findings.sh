#!/usr/bin/env bash
# Checks on the fifteenth held-out set against its blind findings gold (corpus/heldout15/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout15_findings.sh            # summary per rule
#   bash bench/heldout15_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout15 FINDINGS_GOLD="$ROOT/corpus/heldout15/findings" exec bash "$ROOT/bench/findings.sh" "$@"
