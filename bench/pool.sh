#!/usr/bin/env bash
# The development pool (corpus/pool): 89 of its 221 excerpts have gold, for tuning; see bench/heldout.sh.
HELDOUT_SET=pool exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
