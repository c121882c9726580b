#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write assess-caseload.csv: the first 1000 synthetic clients of caseload.csv
joined row by row with the synthetic questionnaire answers of answers.csv,
the inputs of every instrument of data/profiles/demo-anker.json in one row.
Synthetic people only; the join by row number pairs no real answers with no
real person.

    examples/data/join_assess_caseload.py   # from the source root
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "caseload.csv"), newline="") as f:
        cases = list(csv.reader(f))
    with open(os.path.join(HERE, "answers.csv"), newline="") as f:
        answers = list(csv.reader(f))
    header = cases[0] + answers[0][1:]
    with open(os.path.join(HERE, "assess-caseload.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for case, answer in zip(cases[1:], answers[1:]):
            out.writerow(case + answer[1:])


if __name__ == "__main__":
    main()
