#!/usr/bin/env bash
# The third held-out set (corpus/heldout3, annotated blind); see bench/heldout.sh.
HELDOUT_SET=heldout3 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
