#!/usr/bin/env bash
# Checks on the sixth held-out set against its blind findings gold (corpus/heldout6/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout6_findings.sh            # summary per rule
#   bash bench/heldout6_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout6 FINDINGS_GOLD="$ROOT/corpus/heldout6/findings" exec bash "$ROOT/bench/findings.sh" "$@"
