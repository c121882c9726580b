/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "json-values.h"
#include "money.h"

int wwb_parse_json(const char *data, size_t size, const char *file, struct anker_error *err,
		   json_t **ret)
{
	if (size > ANKER_WWB_MAX_BYTES) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.file = file;
		return anker_fail(err, ANKER_E_TOO_LARGE, where, "larger than %d bytes",
				  ANKER_WWB_MAX_BYTES);
	}
	return anker_parse_json(data, size, file, err, ret);
}

bool wwb_date_in_range(struct anker_date date)
{
	return date.year >= WWB_YEAR_MIN && date.year <= WWB_YEAR_MAX;
}

int wwb_jr_date(struct jr *jr, json_t *obj, const char *key, bool required, struct anker_date *ret,
		bool *ret_present)
{
	const char *text = NULL;
	int r = jr_string(jr, obj, key, required, &text);
	if (r < 0 || !text)
		return r;
	if (!anker_date_parse(text, ret))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE,
				  "\"%s\" is not a calendar date YYYY-MM-DD", text);
	if (!wwb_date_in_range(*ret))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "\"%s\" is outside the years %d..%d",
				  text, WWB_YEAR_MIN, WWB_YEAR_MAX);
	if (ret_present)
		*ret_present = true;
	return 0;
}

int wwb_jr_cents(struct jr *jr, json_t *obj, const char *key, bool required, long long min_cents,
		 long long *ret)
{
	double euros = 0;
	int r = jr_number(jr, obj, key, required, &euros);
	if (r < 0 || !json_object_get(obj, key))
		return r;
	long long cents = 0;
	if (!wwb_euros_to_cents(euros, &cents))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE,
				  "not an amount in euros with at most two decimals, at most "
				  "1000000000");
	if (cents < min_cents)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "negative amount");
	*ret = cents;
	return 0;
}

int wwb_jr_int(struct jr *jr, json_t *obj, const char *key, bool required, int lo, int hi, int *ret)
{
	long long value = 0;
	int r = jr_integer(jr, obj, key, required, &value);
	if (r < 0 || !json_object_get(obj, key))
		return r;
	if (value < lo || value > hi)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%lld is outside %d..%d", value, lo,
				  hi);
	*ret = (int)value;
	return 0;
}

int wwb_jr_bool(struct jr *jr, json_t *obj, const char *key, bool required, bool *ret)
{
	json_t *value = NULL;
	int r = jr_member(jr, obj, key, required, &value);
	if (r < 0 || !value)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	r = jr_check_boolean(jr, value, ret);
	jr_pop(jr, mark);
	return r;
}
