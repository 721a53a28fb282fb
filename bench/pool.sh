#!/usr/bin/env bash
# The development pool (corpus/pool): every excerpt has gold (corpus/pool/gold), for tuning; see bench/heldout.sh.
HELDOUT_SET=pool exec bash "$(dirname "${BASH_SOURCE[0]}")/heldout.sh" "$@"
