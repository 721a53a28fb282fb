#!/usr/bin/env bash
# The fifteenth held-out set (corpus/heldout15, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout15 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
