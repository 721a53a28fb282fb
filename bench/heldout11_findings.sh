#!/usr/bin/env bash
# Checks on the eleventh held-out set against its blind findings gold (corpus/heldout11/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout11_findings.sh            # summary per rule
#   bash bench/heldout11_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout11 FINDINGS_GOLD="$ROOT/corpus/heldout11/findings" exec bash "$ROOT/bench/findings.sh" "$@"
