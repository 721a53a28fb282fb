#!/usr/bin/env bash
# Checks on the twelfth held-out set against its blind findings gold (corpus/heldout12/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout12_findings.sh            # summary per rule
#   bash bench/heldout12_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout12 FINDINGS_GOLD="$ROOT/corpus/heldout12/findings" exec bash "$ROOT/bench/findings.sh" "$@"
