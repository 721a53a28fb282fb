#!/usr/bin/env bash
# The thirteenth held-out set (corpus/heldout13, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout13 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
