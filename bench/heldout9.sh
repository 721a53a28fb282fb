#!/usr/bin/env bash
# The ninth held-out set (corpus/heldout9, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout9 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
