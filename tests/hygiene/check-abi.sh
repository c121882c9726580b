#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Compare the built library's ABI with the committed baseline (tests/abi/).
# Additions are compatible and only reported; an incompatible change fails.
# Regenerate the baseline, only when a release adds symbols: scripts/update-abi-baseline
# usage: check-abi.sh LIBRARY BASELINE HEADER_DIR
set -u
lib=$1
baseline=$2
headers=$3
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw --headers-dir "$headers" --no-corpus-path --no-comp-dir-path --no-show-locs \
	--out-file "$current" "$lib" || exit 1
abidiff --headers-dir1 "$headers" --headers-dir2 "$headers" "$baseline" "$current"
rc=$?
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
if [ $((rc & 3)) -ne 0 ]; then
	echo "abidiff failed to run (status $rc)" >&2
	exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
	echo "INCOMPATIBLE ABI change against $baseline" >&2
	exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
	echo "compatible ABI change (additions); update the baseline when releasing" >&2
fi
exit 0
