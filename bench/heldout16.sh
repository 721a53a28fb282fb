#!/usr/bin/env bash
# The sixteenth held-out set (corpus/heldout16, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout16 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
