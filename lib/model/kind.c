/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of kinds: one row per kind, the only place that lists them (kind.h). */
#include <string.h>

#include "../kinds/binary.h"
#include "../kinds/duration.h"
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
	/* Reserved names: known, so that a file of a later kind is "unsupported", not unknown. */
	{ .name = "questionnaire", .value = ANKER_MODEL_QUESTIONNAIRE },
	{ .name = "rules", .value = ANKER_MODEL_RULES },
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
