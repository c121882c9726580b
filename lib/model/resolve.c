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
	if (variable < model->linear->n_variables) {
		var = &model->linear->variables[variable];
		where.field = var->name;
	}
	char lo[ANKER_NUMBER_MAX] = "", hi[ANKER_NUMBER_MAX] = "";
	if (var && var->kind == ANKER_VARIABLE_NUMERIC) {
		anker_format_number(var->min, lo);
		anker_format_number(var->max, hi);
	}
	size_t levels = var ? var->n_levels : 0;

	/* Messages name the variable and the model's rules, never the case's value. */
	char msg[160];
	switch (why) {
	case ANKER_VERR_MISSING:
		/* Only ANKER_SCORE_STRICT rejects a value the model's policy would resolve. */
		if (var && var->missing == ANKER_MISSING_IMPUTE)
			snprintf(msg, sizeof(msg),
				 "value is missing, and strict scoring does not impute it");
		else
			snprintf(msg, sizeof(msg),
				 "value is missing and the model does not accept that");
		break;
	case ANKER_VERR_NOT_FINITE:
		snprintf(msg, sizeof(msg), "value is not finite");
		break;
	case ANKER_VERR_BELOW_RANGE:
	case ANKER_VERR_ABOVE_RANGE:
		snprintf(msg, sizeof(msg), "value is %s the valid range [%s, %s]%s",
			 why == ANKER_VERR_BELOW_RANGE ? "below" : "above", lo, hi,
			 var && var->out_of_range == ANKER_RANGE_CLAMP
			     ? ", and strict scoring does not clamp it"
			     : "");
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
		snprintf(msg, sizeof(msg),
			 "a categorical variable needs a level, not a number or boolean");
		break;
	case ANKER_VERR_LEVEL_FOR_NUMBER:
		snprintf(msg, sizeof(msg), "a level name was given for a %s variable",
			 var ? anker_variable_kind_name(var->kind) : "non-categorical");
		break;
	case ANKER_VERR_BOOL_FOR_NUMBER:
		snprintf(msg, sizeof(msg), "a boolean was given for a numeric variable");
		break;
	case ANKER_VERR_NOT_A_NUMBER:
		snprintf(msg, sizeof(msg),
			 "the linear predictor is not a number (terms overflowed)");
		break;
	case ANKER_VERR_NOT_AN_OPTION:
		snprintf(msg, sizeof(msg), "answer is not one of the item's options");
		break;
	case ANKER_VERR_OK:
	default:
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, where,
				  "internal error in value checks");
	}
	return anker_fail(err, anker_value_error_code(why), where, "%s", msg);
}

/*
 * printf writes the locale's radix character, which may be ',' or even several
 * bytes. For a finite number every other byte is a digit, a sign or an 'e', so
 * replacing the one run of other bytes with '.' gives the C locale's text
 * without touching the (process-wide or thread) locale.
 */
static size_t format_c_locale(double v, char *buf, size_t size)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof(tmp), "%.15g", v);
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

/*
 * Most values are whole numbers or short decimals (ages, months, 12.5 hours).
 * When v is the double nearest to digits / 10^places for a whole number of
 * digits below 10^15, that decimal is exactly what "%.15g" prints (with
 * trailing zeros dropped), so write it without printf. Returns 0 otherwise.
 */
static size_t format_short_decimal(double v, char *buf)
{
	double scale = 1.0;
	for (int places = 0; places <= 6; places++, scale *= 10.0) {
		double digits = round(fabs(v) * scale);
		if (!(digits < 1e15))
			return 0;
		if (digits / scale != fabs(v))
			continue;
		char tmp[24];
		int n = 0;
		for (uint64_t u = (uint64_t)digits; u || n <= places; u /= 10)
			tmp[n++] = (char)('0' + u % 10);
		size_t len = 0;
		if (v < 0)
			buf[len++] = '-';
		while (n > 0) {
			if (n == places)
				buf[len++] = '.';
			buf[len++] = tmp[--n];
		}
		buf[len] = '\0';
		return len;
	}
	return 0;
}

size_t anker_format_number(double v, char buf[ANKER_NUMBER_MAX])
{
	if (isnan(v))
		return (size_t)snprintf(buf, ANKER_NUMBER_MAX, "nan");
	if (isinf(v))
		return (size_t)snprintf(buf, ANKER_NUMBER_MAX, "%s", v < 0 ? "-inf" : "inf");
	if (v == 0.0)
		return (size_t)snprintf(buf, ANKER_NUMBER_MAX, "0"); /* never "-0" */
	size_t len = format_short_decimal(v, buf);
	return len ? len : format_c_locale(v, buf, ANKER_NUMBER_MAX);
}
