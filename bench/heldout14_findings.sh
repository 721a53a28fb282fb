#!/usr/bin/env bash
# Checks on the fourteenth held-out set against its blind findings gold (corpus/heldout14/findings):
# precision and recall per rule, as bench/findings.sh does for corpus/findings/gold.
#
#   bash bench/heldout14_findings.sh            # summary per rule
#   bash bench/heldout14_findings.sh --verbose  # every miss and false alarm
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINDINGS_DOCS=heldout14 FINDINGS_GOLD="$ROOT/corpus/heldout14/findings" exec bash "$ROOT/bench/findings.sh" "$@"
