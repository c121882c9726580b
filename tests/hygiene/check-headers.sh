#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every public header must compile on its own as strict C99 and as C++.
# usage: check-headers.sh INCLUDE_DIR "CC..." "CXX..."
set -eu
inc=$1
cc=$2
cxx=${3:-}
status=0
for header in "$inc"/anker/*.h; do
	name=anker/$(basename "$header")
	if ! printf '#include <%s>\nint anker_header_check;\n' "$name" |
		$cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only -I "$inc" -x c -; then
		echo "FAIL: $name as C99" >&2
		status=1
	fi
	if [ -n "$cxx" ]; then
		if ! printf '#include <%s>\nint anker_header_check;\n' "$name" |
			$cxx -std=c++11 -pedantic -Werror -Wall -Wextra -fsyntax-only -I "$inc" -x c++ -; then
			echo "FAIL: $name as C++" >&2
			status=1
		fi
	fi
	echo "ok: $name"
done
if [ -z "$cxx" ]; then
	echo "no C++ compiler: C++ checks skipped" >&2
	exit 77
fi
exit $status
