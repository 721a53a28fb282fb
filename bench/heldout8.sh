#!/usr/bin/env bash
# The eighth held-out set (corpus/heldout8, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout8 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
