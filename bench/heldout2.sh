#!/usr/bin/env bash
# The second held-out set (corpus/heldout2, annotated blind); see bench/heldout.sh.
HELDOUT_SET=heldout2 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
