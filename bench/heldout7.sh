#!/usr/bin/env bash
# The seventh held-out set (corpus/heldout7, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout7 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
