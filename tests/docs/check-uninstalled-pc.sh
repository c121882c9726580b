#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A program builds against the build tree with anker-uninstalled.pc, as the
# README says: examples/score-case.c, compiled with only what pkg-config gives.
# usage: check-uninstalled-pc.sh BUILD_DIR SOURCE_DIR CC...
set -eu
build=$1 source=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PKG_CONFIG_PATH="$build/meson-uninstalled"
flags=$(pkg-config --cflags --libs anker-uninstalled)
# shellcheck disable=SC2086
"$@" "$source/examples/score-case.c" $flags -o "$tmp/score-case"
LD_LIBRARY_PATH="$build/lib" "$tmp/score-case" "$source/data/models/demo-amt-6m.json" >"$tmp/out"
grep -q 'probability' "$tmp/out"
echo "built and ran examples/score-case.c with: pkg-config --cflags --libs anker-uninstalled"
