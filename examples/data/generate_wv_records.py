#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write synthetic Werkverkenner assessment records with made-up decisions."""

import argparse
import json
import random
import sys
from pathlib import Path

DESCRIPTION = """\
NAME
    generate_wv_records.py - synthetic Werkverkenner records, with decisions

SYNOPSIS
    generate_wv_records.py [--rows N] [--seed S] [--out FILE]

DESCRIPTION
    Assesses N made-up clients with the demonstration Werkverkenner profile
    (data/profiles/demo-werkverkenner.json, through the anker Python binding)
    and writes their assessment records as JSON Lines. Each client is
    examples/data/wv-ingrid.json with every answer drawn uniformly from its
    options, or, for one in ten, the not-completed questionnaire of
    examples/data/wv-not-completed.json. Decisions, drawn:

    no decision yet        one record in five;
    advised niet_uitnodigen (a chance above 50%): invited anyway with
                           probability 0.3, at the client's request or by the
                           adviser's judgement (equally likely);
    advised uitnodigen     not invited with probability 0.1 (reason "anders").

    The same seed gives the same bytes. Nobody in the file exists.
"""

LIKERT = ("beroep_vraag", "zoek_plan", "zoek_tijd", "verwacht_werk", "goede_kandidaat",
          "gezondheid_beperkt", "brief_schrijven", "presenteren", "doorzetten", "kent_mensen",
          "vertelt_zoeken", "ander_beroep", "reistijd", "lager_loon")
CHOICES = {"leeftijd": ["tot_25", "25_34", "35_44", "45_54", "55_59", "60_plus"],
           "opleiding": ["basis", "vmbo", "mbo", "havo_vwo", "hbo", "wo"],
           "werkjaren": ["minder_2", "2_5", "5_10", "10_20", "meer_20"],
           "werk_recent": ["nooit", "soms", "meestal", "steeds"],
           "eerdere_uitkering": ["nooit", "een_keer", "vaker"],
           "gezondheid": ["slecht", "matig", "redelijk", "goed", "uitstekend"]}


def main():
    parser = argparse.ArgumentParser(description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bindings" / "python"))
    import anker

    profile = anker.Profile.load(root / "data" / "profiles" / "demo-werkverkenner.json")
    ingrid = json.loads((root / "examples" / "data" / "wv-ingrid.json").read_text())
    not_completed = json.loads((root / "examples" / "data" / "wv-not-completed.json").read_text())
    rng = random.Random(args.seed)
    lines = []
    for i in range(args.rows):
        if rng.random() < 0.1:
            case = dict(not_completed)
        else:
            case = dict(ingrid, **{k: rng.randint(1, 5) for k in LIKERT})
            case.update({k: rng.choice(v) for k, v in CHOICES.items()})
        a = profile.assess(case, case_id="W%04d" % (i + 1))
        advised = a.advice["uitnodiging"]
        if rng.random() >= 0.2:
            values, code, text = {}, None, None
            if advised == "niet_uitnodigen" and rng.random() < 0.3:
                values = {"uitnodiging": "uitnodigen"}
                code = rng.choice(["op_verzoek_klant", "oordeel_adviseur"])
                text = "Synthetisch voorbeeld."
            elif advised == "uitnodigen" and rng.random() < 0.1:
                values, code, text = {"uitnodiging": "niet_uitnodigen"}, "anders", "Synthetisch."
            a.decide(actor_id="adviseur-%02d" % rng.randint(1, 5), actor_role="adviseur werk",
                     time="2027-02-%02dT10:00:00+01:00" % rng.randint(1, 28), values=values,
                     reason_code=code, reason_text=text)
        lines.append(a.record())
        a.close()
    text = "".join(line + "\n" for line in lines)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
