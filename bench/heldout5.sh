#!/usr/bin/env bash
# The fifth held-out set (corpus/heldout5, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout5 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
