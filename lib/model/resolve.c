/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Pieces shared by both scorers that are too large to inline: turning a value
 * error into a status code and message, and locale-independent numbers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "score-private.h"

int anker_value_fail(const struct anker_model *model, struct anker_error *err,
		     enum anker_value_error why, size_t variable, long long case_index)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.case_index = case_index;
	const struct anker_variable *var = NULL;
	if (variable < model->n_variables) {
		var = &model->variables[variable];
		where.field = var->name;
	}
	char lo[ANKER_NUMBER_MAX] = "", hi[ANKER_NUMBER_MAX] = "";
	if (var && var->kind == ANKER_VARIABLE_NUMERIC) {
		anker_format_number(model->ctx, var->min, lo);
		anker_format_number(model->ctx, var->max, hi);
	}
	size_t levels = var ? var->n_levels : 0;

	/* Messages name the variable and the model's rules, never the case's value. */
	char msg[160];
	switch (why) {
	case ANKER_VERR_MISSING:
		snprintf(msg, sizeof(msg), "value is missing and the model does not accept that");
		break;
	case ANKER_VERR_NOT_FINITE:
		snprintf(msg, sizeof(msg), "value is not finite");
		break;
	case ANKER_VERR_BELOW_RANGE:
		snprintf(msg, sizeof(msg), "value is below the valid range [%s, %s]", lo, hi);
		break;
	case ANKER_VERR_ABOVE_RANGE:
		snprintf(msg, sizeof(msg), "value is above the valid range [%s, %s]", lo, hi);
		break;
	case ANKER_VERR_NOT_BOOLEAN:
		snprintf(msg, sizeof(msg), "a boolean given as a number must be 0 or 1");
		break;
	case ANKER_VERR_UNKNOWN_LEVEL:
		snprintf(msg, sizeof(msg), "value is none of the variable's %zu levels", levels);
		break;
	case ANKER_VERR_BAD_LEVEL_CODE:
		snprintf(msg, sizeof(msg), "level code is outside 0..%zu (-1 means missing)",
			 levels ? levels - 1 : 0);
		break;
	case ANKER_VERR_NUMBER_FOR_LEVEL:
		snprintf(msg, sizeof(msg), "a categorical variable needs a level, not a number or boolean");
		break;
	case ANKER_VERR_LEVEL_FOR_NUMBER:
		snprintf(msg, sizeof(msg), "a level name was given for a %s variable",
			 var ? anker_variable_kind_name(var->kind) : "non-categorical");
		break;
	case ANKER_VERR_BOOL_FOR_NUMBER:
		snprintf(msg, sizeof(msg), "a boolean was given for a numeric variable");
		break;
	case ANKER_VERR_NOT_A_NUMBER:
		snprintf(msg, sizeof(msg), "the linear predictor is not a number (terms overflowed)");
		break;
	case ANKER_VERR_OK:
	default:
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, where, "internal error in value checks");
	}
	return anker_fail(err, anker_value_error_code(why), where, "%s", msg);
}

/*
 * printf writes the locale's radix character, which may be ',' or even several
 * bytes. For a finite number every other byte is a digit, a sign or an 'e', so
 * replacing the one run of other bytes with '.' gives the C locale's text
 * without touching the (process-wide or thread) locale.
 */
static size_t format_c_locale(double v, int precision, char *buf, size_t size)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof(tmp), "%.*g", precision, v);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		n = 0;
	size_t len = 0;
	bool in_radix = false;
	for (int i = 0; i < n && len + 1 < size; i++) {
		char ch = tmp[i];
		bool plain = (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e';
		if (plain) {
			buf[len++] = ch;
			in_radix = false;
		} else if (!in_radix) {
			buf[len++] = '.';
			in_radix = true;
		}
	}
	buf[len] = '\0';
	return len;
}

size_t anker_format_number(const struct anker_ctx *ctx, double v, char buf[ANKER_NUMBER_MAX])
{
	if (isnan(v))
		return (size_t)snprintf(buf, ANKER_NUMBER_MAX, "nan");
	if (isinf(v))
		return (size_t)snprintf(buf, ANKER_NUMBER_MAX, "%s", v < 0 ? "-inf" : "inf");
	if (v == 0.0)
		v = 0.0; /* "-0" would puzzle a reader */
	size_t len = 0;
	for (int precision = 15; precision <= 17; precision++) {
		len = format_c_locale(v, precision, buf, ANKER_NUMBER_MAX);
		double back = strtod_l(buf, NULL, ctx->c_locale);
		if (back == v)
			break;
	}
	return len;
}
