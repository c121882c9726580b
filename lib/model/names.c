/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>

#include "../core/private.h"
#include "names.h"

const struct anker_name_value anker_variable_kind_names[] = {
	{ "numeric", ANKER_VARIABLE_NUMERIC },
	{ "categorical", ANKER_VARIABLE_CATEGORICAL },
	{ "boolean", ANKER_VARIABLE_BOOLEAN },
	{ NULL, 0 },
};

const struct anker_name_value anker_range_policy_names[] = {
	{ "reject", ANKER_RANGE_REJECT },
	{ "clamp", ANKER_RANGE_CLAMP },
	{ NULL, 0 },
};

const struct anker_name_value anker_missing_policy_names[] = {
	{ "reject", ANKER_MISSING_REJECT },
	{ "impute", ANKER_MISSING_IMPUTE },
	{ "level", ANKER_MISSING_LEVEL },
	{ NULL, 0 },
};

const struct anker_name_value anker_link_names[] = {
	{ "logit", ANKER_LINK_LOGIT },
	{ "probit", ANKER_LINK_PROBIT },
	{ NULL, 0 },
};

const struct anker_name_value anker_band_boundary_names[] = {
	{ "lower", ANKER_BAND_BOUNDARY_LOWER },
	{ "upper", ANKER_BAND_BOUNDARY_UPPER },
	{ NULL, 0 },
};

const struct anker_name_value anker_survival_form_names[] = {
	{ "cox", ANKER_SURVIVAL_COX },
	{ "weibull", ANKER_SURVIVAL_WEIBULL },
	{ NULL, 0 },
};

const struct anker_name_value anker_output_type_names[] = {
	{ "number", ANKER_OUTPUT_NUMBER },
	{ "level", ANKER_OUTPUT_LEVEL },
	{ NULL, 0 },
};

const struct anker_name_value anker_term_type_names[] = {
	{ "intercept", ANKER_TERM_INTERCEPT },
	{ "linear", ANKER_TERM_LINEAR },
	{ "categorical", ANKER_TERM_CATEGORICAL },
	{ "spline", ANKER_TERM_SPLINE },
	{ "bins", ANKER_TERM_BINS },
	{ "interaction", ANKER_TERM_INTERACTION },
	{ NULL, 0 },
};

const char *anker_name_of(const struct anker_name_value *table, int value)
{
	for (; table->name; table++)
		if (table->value == value)
			return table->name;
	return NULL;
}
