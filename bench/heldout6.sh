#!/usr/bin/env bash
# The sixth held-out set (corpus/heldout6, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout6 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
