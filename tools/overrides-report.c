// SPDX-License-Identifier: GPL-3.0-or-later
/* The override figures of `anker evaluate --records` (docs/evaluation.md, "Overrides"). */
#include <math.h>
#include <string.h>

#include "overrides-report.h"

static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

static void percent(FILE *out, size_t part, size_t whole)
{
	if (whole)
		fprintf(out, "%zu of %zu (%.1f%%)", part, whole, 100.0 * share(part, whole));
	else
		fprintf(out, "%zu of 0 (-)", part);
}

/* How many decided records had @p field advised as @p advised (the matrix row's total). */
static size_t advised_total(const struct anker_overrides *ov, const char *field,
			    const char *advised)
{
	size_t total = 0, n = anker_overrides_get_cell_count(ov);
	for (size_t i = 0; i < n; i++) {
		const char *f, *a;
		size_t count;
		anker_overrides_get_cell(ov, i, &f, &a, NULL, &count);
		if (strcmp(f, field) == 0 && strcmp(a, advised) == 0)
			total += count;
	}
	return total;
}

/* The count of one cell, 0 when absent. */
static size_t cell(const struct anker_overrides *ov, const char *field, const char *advised,
		   const char *decided)
{
	size_t n = anker_overrides_get_cell_count(ov);
	for (size_t i = 0; i < n; i++) {
		const char *f, *a, *d;
		size_t count;
		anker_overrides_get_cell(ov, i, &f, &a, &d, &count);
		if (strcmp(f, field) == 0 && strcmp(a, advised) == 0 && strcmp(d, decided) == 0)
			return count;
	}
	return 0;
}

static void advice_rows(FILE *out, const struct anker_overrides *ov, int by, const char *title)
{
	fprintf(out, "  %s:\n", title);
	for (size_t i = 0; i < anker_overrides_get_advice_count(ov, by); i++) {
		const char *key;
		size_t records, decided, overridden;
		anker_overrides_get_advice(ov, by, i, &key, &records, &decided, &overridden);
		fprintf(out, "    %s: %zu records, %zu decided, overridden ", key, records,
			decided);
		percent(out, overridden, decided);
		fputc('\n', out);
	}
}

void overrides_report_text(FILE *out, const struct anker_overrides *ov, const char *name)
{
	size_t decided = anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED);
	fprintf(out, "Overrides: %s (profile %s; records not verified: run anker verify)\n", name,
		anker_overrides_get_profile_id(ov));
	fprintf(out, "  records: %zu, with a decision: %zu, without: %zu\n",
		anker_overrides_get_count(ov, ANKER_OVERRIDES_RECORDS), decided,
		anker_overrides_get_count(ov, ANKER_OVERRIDES_UNDECIDED));
	fprintf(out, "  overridden: ");
	percent(out, anker_overrides_get_count(ov, ANKER_OVERRIDES_OVERRIDDEN), decided);
	fprintf(out, " decisions\n");
	advice_rows(out, ov, ANKER_OVERRIDES_BY_VALUES, "per advice");
	advice_rows(out, ov, ANKER_OVERRIDES_BY_RULE, "per rule");
	fprintf(out, "  advised -> decided (share of the advised value's decisions):\n");
	for (size_t i = 0; i < anker_overrides_get_cell_count(ov); i++) {
		const char *f, *a, *d;
		size_t count;
		anker_overrides_get_cell(ov, i, &f, &a, &d, &count);
		fprintf(out, "    %s: %s -> %s: ", f, a, d);
		percent(out, count, advised_total(ov, f, a));
		fputc('\n', out);
	}
	fprintf(out, "  reasons:\n");
	for (size_t i = 0; i < anker_overrides_get_reason_count(ov); i++) {
		const char *code, *label = anker_overrides_get_reason_label(ov, i, "en");
		size_t count, overridden;
		anker_overrides_get_reason(ov, i, &code, &count, &overridden);
		fprintf(out, "    %s%s%s%s: %zu (%zu with an override)\n",
			code ? code : "(no code)", label ? " (" : "", label ? label : "",
			label ? ")" : "", count, overridden);
	}
	size_t high = advised_total(ov, WV_FIELD, WV_NOT_INVITED);
	if (high) {
		fprintf(out, "  Werkverkenner: high scorers (advised %s) invited anyway: ",
			WV_NOT_INVITED);
		percent(out, cell(ov, WV_FIELD, WV_NOT_INVITED, WV_INVITED), high);
		fputc('\n', out);
	}
}

static json_t *real(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *count(size_t n)
{
	return json_integer((json_int_t)n);
}

static json_t *advice_json(const struct anker_overrides *ov, int by, const char *key_name)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < anker_overrides_get_advice_count(ov, by); i++) {
		const char *key;
		size_t records, decided, overridden;
		anker_overrides_get_advice(ov, by, i, &key, &records, &decided, &overridden);
		json_array_append_new(
		    rows, json_pack("{s:s,s:o,s:o,s:o,s:o}", key_name, key, "records",
				    count(records), "decided", count(decided), "overridden",
				    count(overridden), "rate", real(share(overridden, decided))));
	}
	return rows;
}

json_t *overrides_report_json(const struct anker_overrides *ov, const char *name)
{
	size_t decided = anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED);
	size_t overridden = anker_overrides_get_count(ov, ANKER_OVERRIDES_OVERRIDDEN);
	json_t *cells = json_array(), *reasons = json_array();
	for (size_t i = 0; i < anker_overrides_get_cell_count(ov); i++) {
		const char *f, *a, *d;
		size_t n;
		anker_overrides_get_cell(ov, i, &f, &a, &d, &n);
		json_array_append_new(cells, json_pack("{s:s,s:s,s:s,s:o}", "field", f, "advised",
						       a, "decided", d, "count", count(n)));
	}
	for (size_t i = 0; i < anker_overrides_get_reason_count(ov); i++) {
		const char *code, *label = anker_overrides_get_reason_label(ov, i, "en");
		size_t n, over;
		anker_overrides_get_reason(ov, i, &code, &n, &over);
		json_array_append_new(reasons,
				      json_pack("{s:o,s:o,s:o,s:o}", "code",
						code ? json_string(code) : json_null(), "label",
						label ? json_string(label) : json_null(), "count",
						count(n), "overridden", count(over)));
	}
	json_t *root = json_pack(
	    "{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "file", name, "profile",
	    anker_overrides_get_profile_id(ov), "records",
	    count(anker_overrides_get_count(ov, ANKER_OVERRIDES_RECORDS)), "decided",
	    count(decided), "undecided",
	    count(anker_overrides_get_count(ov, ANKER_OVERRIDES_UNDECIDED)), "overridden",
	    count(overridden), "rate", real(share(overridden, decided)), "per_advice",
	    advice_json(ov, ANKER_OVERRIDES_BY_VALUES, "advice"), "per_rule",
	    advice_json(ov, ANKER_OVERRIDES_BY_RULE, "rule"), "matrix", cells, "reasons", reasons);
	size_t high = advised_total(ov, WV_FIELD, WV_NOT_INVITED);
	if (root && high) {
		size_t invited = cell(ov, WV_FIELD, WV_NOT_INVITED, WV_INVITED);
		json_object_set_new(root, "invited_anyway",
				    json_pack("{s:o,s:o,s:o}", "count", count(invited), "of",
					      count(high), "share", real(share(invited, high))));
	}
	return root;
}
