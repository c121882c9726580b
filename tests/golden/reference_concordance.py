# SPDX-License-Identifier: GPL-3.0-or-later
"""Harrell's C by counting every pair, in plain Python and never libanker: the
independent reference of the tests of anker_harrell_c() (lifelines, the usual
Python implementation, is not packaged in Debian)."""

import math


def harrell_by_pairs(risk, time, event, horizon=math.inf):
    """A pair is comparable when the shorter time ended in an event (and is at most
    horizon) and the times differ; it is concordant when that case has the higher
    risk, and counts 1/2 when the risks tie."""
    num = den = 0.0
    for i in range(len(risk)):
        if event[i] != 1 or time[i] > horizon:
            continue
        for j in range(len(risk)):
            if time[j] > time[i]:
                den += 1
                num += 1.0 if risk[i] > risk[j] else 0.5 if risk[i] == risk[j] else 0.0
    return num / den
