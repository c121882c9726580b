#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built anker(1) page renders without warnings and holds what a manual page must.

usage: check-man.py PAGE ANKER_PROGRAM

Renders PAGE with `man -l` (or groff when man is not there) and checks: the
title ANKER(1), the sections NAME, SYNOPSIS, DESCRIPTION, EXIT STATUS and SEE
ALSO, and a subsection for every command that `anker --help` lists.
"""
import os
import re
import shutil
import subprocess
import sys


def render(page):
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    if shutil.which("man"):
        cmd = ["man", "--warnings", "-l", page]
    elif shutil.which("groff"):
        cmd = ["groff", "-t", "-man", "-Tutf8", "-ww", page]
    else:
        print("neither man nor groff is installed")
        sys.exit(77)
    proc = subprocess.run(cmd, capture_output=True, env=env)
    if proc.returncode != 0 or proc.stderr:
        sys.exit("%s: exit %d, stderr:\n%s" % (" ".join(cmd), proc.returncode,
                                                 proc.stderr.decode(errors="replace")))
    # Overstrikes (bold, underline) where the formatter still writes them.
    return re.sub(r".\x08", "", proc.stdout.decode())


def commands(anker):
    """The commands `anker --help` lists, between COMMANDS and OPTIONS."""
    text = subprocess.run([anker, "--help"], capture_output=True, check=True).stdout.decode()
    block = text.split("\nCOMMANDS\n", 1)[1].split("\nOPTIONS\n", 1)[0]
    return re.findall(r"(?m)^    ([a-z][a-z-]*)\b", block)


def main():
    page, anker = sys.argv[1:3]
    if not os.path.isfile(page):
        sys.exit("%s was not built" % page)
    text = render(page)
    problems = []
    if not re.match(r"ANKER\(1\) +.* +ANKER\(1\)\n", text):
        problems.append("the first line is not the ANKER(1) title line: %r"
                        % text.split("\n", 1)[0])
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "SEE ALSO"):
        if not re.search(r"(?m)^%s$" % section, text):
            problems.append("no section %s" % section)
    if not re.search(r"(?m)^NAME\n +anker - ", text):
        problems.append("NAME does not start with 'anker - '")
    listed = commands(anker)
    if "score" not in listed or "model-info" not in listed:
        problems.append("anker --help lists the commands %r" % listed)
    for cmd in listed:
        if not re.search(r"(?m)^   anker %s$" % re.escape(cmd), text):
            problems.append("no subsection 'anker %s'" % cmd)
        if not re.search(r"(?m)^ +anker %s\b" % re.escape(cmd), text.split("DESCRIPTION")[0]):
            problems.append("'anker %s' is not in the SYNOPSIS" % cmd)
    if problems:
        sys.exit("\n".join(problems))
    print("%s: %d lines, commands %s" % (page, text.count("\n"), ", ".join(listed)))


if __name__ == "__main__":
    main()
