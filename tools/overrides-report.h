/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The override figures of `anker evaluate --records` as text and as JSON. */
#ifndef ANKER_TOOLS_OVERRIDES_REPORT_H
#define ANKER_TOOLS_OVERRIDES_REPORT_H

#include <stdio.h>

#include <anker/anker.h>
#include <jansson.h>

/* The Werkverkenner's advice field and its "not invited" / "invited" values. */
#define WV_FIELD "uitnodiging"
#define WV_NOT_INVITED "niet_uitnodigen"
#define WV_INVITED "uitnodigen"

void overrides_report_text(FILE *out, const struct anker_overrides *ov, const char *name);

/* The same figures as a JSON object; NULL when out of memory. */
json_t *overrides_report_json(const struct anker_overrides *ov, const char *name);

#endif
