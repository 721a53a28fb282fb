#!/usr/bin/env bash
# The tenth held-out set (corpus/heldout10, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout10 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
