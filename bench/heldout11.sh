#!/usr/bin/env bash
# The eleventh held-out set (corpus/heldout11, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout11 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
