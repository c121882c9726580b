/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "terminal-text.h"
#include "wwb-output.h"

const char *wwb_euros(long long cents, char buf[WWB_EUROS_SIZE])
{
	unsigned long long m =
	    cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	snprintf(buf, WWB_EUROS_SIZE, "%s%llu.%02llu", cents < 0 ? "-" : "", m / 100, m % 100);
	return buf;
}

/* The routes as names joined by @p sep, into @p buf. */
static const char *route_list(const struct anker_wwb_result *r, const char *sep, char *buf,
			      size_t size)
{
	unsigned int routes = anker_wwb_result_get_routes(r);
	size_t used = 0;
	buf[0] = '\0';
	for (unsigned int bit = 1; bit && bit <= routes; bit <<= 1) {
		const char *name = anker_wwb_route_name(bit);
		if (!(routes & bit) || !name)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? sep : "", name);
		if (n > 0 && (size_t)n < size - used)
			used += (size_t)n;
	}
	return buf;
}

static int set_string(json_t *obj, const char *key, const char *value)
{
	return json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

static json_t *amounts_json(const struct anker_wwb_result *r)
{
	json_t *amounts = json_object();
	for (int i = 0; amounts && anker_wwb_amount_name(i); i++) {
		long long cents = 0;
		json_t *v = anker_wwb_result_get_amount(r, i, &cents) == 0 ? json_integer(cents)
									   : json_null();
		if (json_object_set_new(amounts, anker_wwb_amount_name(i), v) < 0) {
			json_decref(amounts);
			return NULL;
		}
	}
	return amounts;
}

static json_t *lines_json(const struct anker_wwb_result *r)
{
	json_t *lines = json_array();
	for (size_t i = 0; lines && i < anker_wwb_result_get_line_count(r); i++) {
		json_t *line =
		    json_pack("{s:s, s:s, s:s, s:s}", "code", anker_wwb_result_get_line_code(r, i),
			      "article", anker_wwb_result_get_line_article(r, i), "nl",
			      anker_wwb_result_get_line_text(r, i, ANKER_WWB_DUTCH), "en",
			      anker_wwb_result_get_line_text(r, i, ANKER_WWB_ENGLISH));
		if (!line || json_array_append_new(lines, line) < 0) {
			json_decref(lines);
			return NULL;
		}
	}
	return lines;
}

json_t *wwb_result_json(const struct anker_wwb_result *r)
{
	json_t *obj = json_object(), *routes = json_array(), *missing = json_array();
	int bad = !obj || !routes || !missing;
	unsigned int bits = anker_wwb_result_get_routes(r);
	for (unsigned int bit = 1; !bad && bit && bit <= bits; bit <<= 1)
		if ((bits & bit) && anker_wwb_route_name(bit))
			bad |=
			    json_array_append_new(routes, json_string(anker_wwb_route_name(bit)));
	for (size_t i = 0; !bad && i < anker_wwb_result_get_missing_count(r); i++)
		bad |=
		    json_array_append_new(missing, json_string(anker_wwb_result_get_missing(r, i)));
	if (bad) {
		json_decref(obj);
		json_decref(routes);
		json_decref(missing);
		return NULL;
	}
	int cost_sharers = anker_wwb_result_get_cost_sharers(r);
	bad |= set_string(obj, "reference_date", anker_wwb_result_get_reference_date(r));
	bad |= set_string(obj, "norms_valid_from", anker_wwb_result_get_norms_valid_from(r));
	bad |= set_string(obj, "verdict", anker_wwb_verdict_name(anker_wwb_result_get_verdict(r)));
	bad |= set_string(obj, "household_type", anker_wwb_result_get_household_type(r));
	bad |= set_string(obj, "norm_name", anker_wwb_result_get_norm_name(r));
	bad |= json_object_set_new(obj, "cost_sharers",
				   cost_sharers > 0 ? json_integer(cost_sharers) : json_null());
	bad |= json_object_set_new(obj, "loan", json_boolean(anker_wwb_result_get_loan(r)));
	bad |= json_object_set_new(obj, "amounts_cents", amounts_json(r));
	bad |= json_object_set_new(obj, "routes", routes);
	bad |= json_object_set_new(obj, "missing", missing);
	bad |= json_object_set_new(obj, "lines", lines_json(r));
	if (bad) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static void put(FILE *out, const char *s)
{
	s = s ? s : "";
	terminal_text_write(out, s, strlen(s));
}

void wwb_result_text(FILE *out, const struct anker_wwb_result *r, int language)
{
	char buf[WWB_EUROS_SIZE], routes[128];
	fputs("verdict:        ", out);
	put(out, anker_wwb_verdict_name(anker_wwb_result_get_verdict(r)));
	fputs("\nreference date: ", out);
	put(out, anker_wwb_result_get_reference_date(r));
	fputs("\nnorms table:    ", out);
	put(out, anker_wwb_result_get_norms_valid_from(r));
	fputs("\nhousehold:      ", out);
	put(out, anker_wwb_result_get_household_type(r));
	fputs("\nnorm:           ", out);
	put(out, anker_wwb_result_get_norm_name(r) ? anker_wwb_result_get_norm_name(r) : "-");
	if (anker_wwb_result_get_cost_sharers(r) > 0)
		fprintf(out, " (A = %d)", anker_wwb_result_get_cost_sharers(r));
	fputc('\n', out);
	for (int i = 0; anker_wwb_amount_name(i); i++) {
		long long cents = 0;
		if (anker_wwb_result_get_amount(r, i, &cents) == 0)
			fprintf(out, "  %-22s %12s\n", anker_wwb_amount_name(i),
				wwb_euros(cents, buf));
	}
	fprintf(out, "loan:           %s\n", anker_wwb_result_get_loan(r) ? "yes" : "no");
	fprintf(out, "routes:         %s\n",
		route_list(r, ", ", routes, sizeof(routes))[0] ? routes : "-");
	size_t n_missing = anker_wwb_result_get_missing_count(r);
	fprintf(out, "missing:        %s\n", n_missing ? "" : "-");
	for (size_t i = 0; i < n_missing; i++) {
		fputs("  ", out);
		put(out, anker_wwb_result_get_missing(r, i));
		fputc('\n', out);
	}
	fputs("reasoning:\n", out);
	for (size_t i = 0; i < anker_wwb_result_get_line_count(r); i++) {
		const char *article = anker_wwb_result_get_line_article(r, i);
		fputs("  - ", out);
		put(out, anker_wwb_result_get_line_text(r, i, language));
		if (article && article[0]) {
			fputs(" [", out);
			put(out, article);
			fputc(']', out);
		}
		fputc('\n', out);
	}
}

void wwb_csv_header(FILE *out)
{
	fputs("id,verdict,household_type,norm_name,cost_sharers,loan,routes", out);
	for (int i = 0; anker_wwb_amount_name(i); i++)
		fprintf(out, ",%s", anker_wwb_amount_name(i));
	fputs(",missing\n", out);
}

static void csv_text(FILE *out, const char *s)
{
	fputc(',', out);
	if (s)
		csv_write_field(out, s, strlen(s));
}

void wwb_csv_row(FILE *out, const char *id, size_t id_len, const struct anker_wwb_result *r)
{
	char buf[WWB_EUROS_SIZE], routes[128];
	csv_write_field(out, id, id_len);
	csv_text(out, anker_wwb_verdict_name(anker_wwb_result_get_verdict(r)));
	csv_text(out, anker_wwb_result_get_household_type(r));
	csv_text(out, anker_wwb_result_get_norm_name(r));
	int a = anker_wwb_result_get_cost_sharers(r);
	if (a > 0)
		fprintf(out, ",%d", a);
	else
		fputc(',', out);
	fprintf(out, ",%d", anker_wwb_result_get_loan(r));
	csv_text(out, route_list(r, ";", routes, sizeof(routes)));
	for (int i = 0; anker_wwb_amount_name(i); i++) {
		long long cents = 0;
		csv_text(out, anker_wwb_result_get_amount(r, i, &cents) == 0 ? wwb_euros(cents, buf)
									     : NULL);
	}
	size_t n = anker_wwb_result_get_missing_count(r), len = 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(anker_wwb_result_get_missing(r, i)) + 1;
	char *joined = malloc(len + 1);
	if (joined) {
		joined[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			if (i)
				strcat(joined, ";");
			strcat(joined, anker_wwb_result_get_missing(r, i));
		}
	}
	csv_text(out, joined ? joined : "");
	free(joined);
	fputc('\n', out);
}
