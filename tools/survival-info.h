/* SPDX-License-Identifier: GPL-3.0-or-later */
/* anker model-info for a duration model: its baseline, horizons and maximum. */
#ifndef ANKER_TOOLS_SURVIVAL_INFO_H
#define ANKER_TOOLS_SURVIVAL_INFO_H

#include <jansson.h>

#include <anker/anker.h>

/* The text lines; nothing for a model of another kind. */
void survival_info_print(const struct anker_model *model);

/* Set "survival", "horizons" and "max_months" on @p root, as the file holds them. */
void survival_info_json(const struct anker_model *model, json_t *root);

#endif
