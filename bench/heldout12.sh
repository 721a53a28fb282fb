#!/usr/bin/env bash
# The twelfth held-out set (corpus/heldout12, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout12 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
