# SPDX-License-Identifier: GPL-3.0-or-later
"""The figures of anker.report() for a duration model (docs/monitoring.md,
"The report of a duration model"): Kaplan-Meier estimates at the horizon per
decile and per band of the predicted probability of still being on benefit,
and the cases whose status at the horizon is known.

A stay is right-censored: `time` months on benefit, then the event (left
benefit, event 1) or the end of follow-up (event 0: still on benefit then). The
model's output survival_H = S(H) is the probability of still being on benefit
after H months, P(T > H), so a case left at exactly H months is off benefit at
H and one censored at exactly H is still on it.
"""

import numpy as np


def kaplan_meier(time, event, horizon):
    """The Kaplan-Meier estimate of P(T > horizon): the product over the
    distinct event times t <= horizon of 1 - d(t) / n(t), with d(t) the events
    at t and n(t) the cases whose time is at least t (a case censored at t is
    still at risk at t). NaN for no cases, and NaN when every case's time ends
    before the horizon with the estimate still above 0: nobody was seen at the
    horizon, so the data say nothing there."""
    time = np.asarray(time, dtype=float)
    event = np.asarray(event, dtype=float)
    if len(time) == 0:
        return float("nan")
    s = 1.0
    for t in np.unique(time[(event == 1) & (time <= horizon)]):
        at_risk = np.count_nonzero(time >= t)
        s *= 1.0 - np.count_nonzero((time == t) & (event == 1)) / at_risk
    if s > 0 and not np.any(time >= horizon):
        return float("nan")
    return s


def status_at(time, event, horizon):
    """(known, on_benefit): whether each case's status at the horizon is known
    (it left by then, or was followed up to it) and, where known, whether it
    was still on benefit then (1) or had left (0)."""
    time = np.asarray(time, dtype=float)
    event = np.asarray(event, dtype=float)
    left = (event == 1) & (time <= horizon)
    stayed = (time > horizon) | ((event == 0) & (time == horizon))
    return left | stayed, stayed.astype(float)


def decile_groups(p):
    """Ten groups of case positions, in order of the prediction (a stable
    sort), of equal size but for one case (numpy's array_split)."""
    order = np.argsort(np.asarray(p, dtype=float), kind="mergesort")
    return [g for g in np.array_split(order, 10) if len(g)]


def calibration_table(p, time, event, horizon):
    """Rows (decile, cases, events by the horizon, mean predicted, Kaplan-Meier
    at the horizon) per decile of the predicted probability p."""
    time = np.asarray(time, dtype=float)
    event = np.asarray(event, dtype=float)
    rows = []
    for k, g in enumerate(decile_groups(p)):
        events = int(np.count_nonzero((event[g] == 1) & (time[g] <= horizon)))
        rows.append((k + 1, len(g), events, float(np.mean(np.asarray(p)[g])),
                     kaplan_meier(time[g], event[g], horizon)))
    return rows


def band_table(bands, band_names, p, time, event, horizon):
    """Rows (band, cases, share of all cases, mean predicted, Kaplan-Meier at
    the horizon) per band of the model, in the model's order."""
    bands = np.asarray(bands).astype(str)
    time = np.asarray(time, dtype=float)
    event = np.asarray(event, dtype=float)
    rows = []
    for name in band_names:
        g = np.nonzero(bands == name)[0]
        mean = float(np.mean(np.asarray(p)[g])) if len(g) else float("nan")
        rows.append((name, len(g), len(g) / len(bands) if len(bands) else float("nan"),
                     mean, kaplan_meier(time[g], event[g], horizon)))
    return rows
