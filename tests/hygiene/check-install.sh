#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install into a staging directory, then build examples/score-case.c against the
# installed library the way a user would, with pkg-config, and run it.
# With "man" as the third argument (the build makes the manual page), the
# installed tree must also hold share/man/man1/anker.1.
# usage: check-install.sh BUILD_DIR SOURCE_DIR [man|no-man]
set -eu
build=$1
src=$2
man=${3:-no-man}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null

pcfile=$(find "$stage" -name anker.pc | head -n 1)
[ -n "$pcfile" ] || { echo "anker.pc was not installed" >&2; exit 1; }
for f in anker.h batch.h case.h context.h duration.h error.h model.h score.h version.h; do
	[ -n "$(find "$stage" -path "*/include/anker/$f")" ] || { echo "header anker/$f missing" >&2; exit 1; }
done
[ -n "$(find "$stage" -name 'libanker.so.1')" ] || { echo "libanker.so.1 missing" >&2; exit 1; }
[ -n "$(find "$stage" -path '*/share/anker/models/demo-amt-6m.json')" ] || { echo "demo model not installed" >&2; exit 1; }
[ -n "$(find "$stage" -path '*/share/anker/models/demo-blijf-12m.json')" ] || { echo "demo BLIJF model not installed" >&2; exit 1; }
[ -n "$(find "$stage" -path '*/share/anker/profiles/demo-werkverkenner.json')" ] || { echo "demo Werkverkenner profile not installed" >&2; exit 1; }
[ -n "$(find "$stage" -path '*/bin/anker')" ] || { echo "the anker program was not installed" >&2; exit 1; }
if [ "$man" = man ]; then
	[ -n "$(find "$stage" -path '*/share/man/man1/anker.1')" ] || { echo "share/man/man1/anker.1 was not installed" >&2; exit 1; }
fi

export PKG_CONFIG_PATH="$(dirname "$pcfile")"
export PKG_CONFIG_SYSROOT_DIR="$stage"
cflags=$(pkg-config --cflags anker)
libs=$(pkg-config --libs anker)
libdir=$(pkg-config --variable=libdir anker)
case $libdir in "$stage"*) ;; *) libdir="$stage$libdir" ;; esac

for example in score-case batch-threads; do
	[ -f "$src/examples/$example.c" ] || continue
	# shellcheck disable=SC2086
	cc -std=c99 -Wall -Wextra -Werror -o "$stage/$example" "$src/examples/$example.c" $cflags $libs -pthread
done

# The example must run against the installed library, not the build tree.
LD_LIBRARY_PATH="$libdir" "$stage/score-case" "$src/data/models/demo-amt-6m.json" > "$stage/out.txt"
cat "$stage/out.txt"
grep -q "probability" "$stage/out.txt"
if [ -x "$stage/batch-threads" ]; then
	LD_LIBRARY_PATH="$libdir" "$stage/batch-threads" "$src/data/models/demo-amt-6m.json" 200000 4
fi
