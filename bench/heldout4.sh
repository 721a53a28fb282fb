#!/usr/bin/env bash
# The fourth held-out set (corpus/heldout4, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout4 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
