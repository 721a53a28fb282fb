#!/usr/bin/env bash
# Checks on the sixteenth held-out set against its blind findings gold (corpus/heldout16/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout16_findings.sh            # summary per rule
#   bash bench/heldout16_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout16 FINDINGS_GOLD="$ROOT/corpus/heldout16/findings" exec bash "$ROOT/bench/findings.sh" "$@"
