#!/usr/bin/env bash
# The fourteenth held-out set (corpus/heldout14, annotated blind before any extraction); see bench/heldout.sh.
HELDOUT_SET=heldout14 exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
