#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The exported dynamic symbols equal lib/anker.sym, which equals the functions
the public headers declare; every one is prefixed anker_ and versioned."""
import pathlib
import re
import subprocess
import sys

lib, mapfile, header_dir = sys.argv[1:4]

out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                     capture_output=True, text=True).stdout
exported = {}
for line in out.splitlines():
    parts = line.split()
    if len(parts) != 3 or parts[1] not in "TDBRVW":
        continue
    name = parts[2]
    if name.startswith("ANKER_"):  # the version node itself
        continue
    base, _, version = name.partition("@")
    exported[base] = version.lstrip("@")

text = re.sub(r"/\*.*?\*/", "", pathlib.Path(mapfile).read_text(), flags=re.S)
nodes = re.findall(r"(ANKER_[0-9.]+)\s*\{(.*?)\}", text, flags=re.S)
mapped = {}
for node, body in nodes:
    names = re.findall(r"^\s*(anker_\w+)\s*;", body, flags=re.M)
    if names != sorted(names):
        sys.exit(f"{mapfile}: node {node} is not sorted")
    for name in names:
        mapped[name] = node

declared = set()
for header in sorted(pathlib.Path(header_dir).glob("*.h")):
    src = re.sub(r"/\*.*?\*/", "", header.read_text(), flags=re.S)
    src = re.sub(r"typedef[^;]*;", "", src)
    declared.update(re.findall(r"\b(anker_\w+)\s*\(", src))

problems = []
for name in sorted(set(exported) - set(mapped)):
    problems.append(f"exported but not in the map: {name}")
for name in sorted(set(mapped) - set(exported)):
    problems.append(f"in the map but not exported (not defined, or not ANKER_EXPORT): {name}")
for name in sorted(set(mapped) - declared):
    problems.append(f"in the map but declared in no public header: {name}")
for name in sorted(declared - set(mapped)):
    problems.append(f"declared in a public header but not in the map: {name}")
for name, version in sorted(exported.items()):
    if not name.startswith("anker_"):
        problems.append(f"exported symbol without the anker_ prefix: {name}")
    if name in mapped and version != mapped[name]:
        problems.append(f"{name} has version '{version}', map says {mapped[name]}")

for p in problems:
    print(p)
print(f"{len(exported)} exported, {len(mapped)} mapped, {len(declared)} declared")
sys.exit(1 if problems else 0)
