/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of kinds: one row per kind, the only place that lists them (kind.h). */
#include <string.h>

#include "../kinds/binary.h"
#include "../kinds/duration.h"
#include "../kinds/questionnaire.h"
#include "../kinds/rules.h"
#include "kind.h"

/* clang-format 14 would indent this table by four spaces, not a tab. */
/* clang-format off */
static const struct anker_kind kinds[] = {
	{
		.name = "binary",
		.value = ANKER_MODEL_BINARY,
		.keys = anker_binary_keys,
		.load = anker_binary_load,
		.destroy = anker_binary_destroy,
		.outputs = anker_binary_outputs,
		.score = anker_binary_score,
		.batch_chunk = anker_binary_batch_chunk,
	},
	{
		.name = "duration",
		.value = ANKER_MODEL_DURATION,
		.keys = anker_duration_keys,
		.load = anker_duration_load,
		.destroy = anker_duration_destroy,
		.outputs = anker_duration_outputs,
		.score = anker_duration_score,
		.batch_chunk = anker_duration_batch_chunk,
	},
	{
		.name = "questionnaire",
		.value = ANKER_MODEL_QUESTIONNAIRE,
		.keys = anker_questionnaire_keys,
		.load = anker_questionnaire_load,
		.destroy = anker_questionnaire_destroy,
		.outputs = anker_questionnaire_outputs,
		.score = anker_questionnaire_score,
		.batch_chunk = anker_questionnaire_batch_chunk,
		.contributions = anker_questionnaire_contributions,
		.explain_bound = anker_questionnaire_explain_bound,
		.explain_write = anker_questionnaire_explain_write,
		.check = anker_questionnaire_check,
	},
	{
		.name = "rules",
		.value = ANKER_MODEL_RULES,
		.keys = anker_rules_keys,
		.load = anker_rules_load,
		.destroy = anker_rules_destroy,
		.outputs = anker_rules_outputs,
		.score = anker_rules_score,
		.batch_chunk = anker_rules_batch_chunk,
		.contributions = anker_rules_contributions,
		.explain_bound = anker_rules_explain_bound,
		.explain_write = anker_rules_explain_write,
	},
};
/* clang-format on */

#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

const struct anker_kind *anker_kind_find(const char *name)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const struct anker_kind *anker_kind_of(int value)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (kinds[i].value == value)
			return &kinds[i];
	return NULL;
}

ANKER_EXPORT const char *anker_model_kind_name(int kind)
{
	const struct anker_kind *row = anker_kind_of(kind);
	return row ? row->name : NULL;
}
