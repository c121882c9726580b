/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A household from the flat fields of a caseload row (docs/wwb-toets.md, "A
 * caseload"). The fields are turned into the household JSON and read by the
 * one household parser, so that a row and a JSON case are checked alike.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "household-private.h"
#include "json-values.h"

enum field_kind { F_DATE, F_FACT, F_COUNT, F_MONEY, F_HOUSEMATES, F_INCOME, F_ASSET };

struct field {
	const char *name;
	enum field_kind kind;
	const char *object; /* the member of the root it goes into, or NULL for the root */
	const char *key;    /* its key there; for F_INCOME and F_ASSET the source or kind */
	const char *person; /* F_INCOME: "claimant" or "partner" */
};

static const struct field fields[] = {
    {"reference_date", F_DATE, NULL, "reference_date", NULL},
    {"claimant_birth_date", F_DATE, "claimant", "birth_date", NULL},
    {"claimant_unemployed_since", F_DATE, "claimant", "unemployed_since", NULL},
    {"claimant_parents_cannot_support", F_FACT, "claimant", "parents_cannot_support", NULL},
    {"partner_birth_date", F_DATE, "partner", "birth_date", NULL},
    {"partner_parents_cannot_support", F_FACT, "partner", "parents_cannot_support", NULL},
    {"children", F_COUNT, NULL, "children", NULL},
    {"housemates", F_HOUSEMATES, NULL, "housemates", NULL},
    {"income_claimant_earnings", F_INCOME, "income", "earnings", "claimant"},
    {"income_claimant_benefit", F_INCOME, "income", "benefit", "claimant"},
    {"income_claimant_pension", F_INCOME, "income", "pension", "claimant"},
    {"income_claimant_alimony", F_INCOME, "income", "alimony", "claimant"},
    {"income_claimant_other", F_INCOME, "income", "other", "claimant"},
    {"income_partner_earnings", F_INCOME, "income", "earnings", "partner"},
    {"income_partner_benefit", F_INCOME, "income", "benefit", "partner"},
    {"income_partner_pension", F_INCOME, "income", "pension", "partner"},
    {"income_partner_alimony", F_INCOME, "income", "alimony", "partner"},
    {"income_partner_other", F_INCOME, "income", "other", "partner"},
    {"income_child_benefit", F_INCOME, "income", "child_benefit", "claimant"},
    {"income_child_budget", F_INCOME, "income", "child_budget", "claimant"},
    {"income_allowance", F_INCOME, "income", "allowance", "claimant"},
    {"assets_savings", F_ASSET, "assets", "savings", NULL},
    {"assets_other", F_ASSET, "assets", "other", NULL},
    {"assets_debt", F_ASSET, "assets", "debt", NULL},
    {"assets_household_goods", F_ASSET, "assets", "household_goods", NULL},
    {"assets_immaterial_damage", F_ASSET, "assets", "immaterial_damage", NULL},
    {"home_equity", F_MONEY, NULL, "home_equity", NULL},
    {"claimant_disregard_months_used", F_COUNT, "claimant", "disregard_months_used", NULL},
    {"partner_disregard_months_used", F_COUNT, "partner", "disregard_months_used", NULL},
    {"gifts_in_year", F_MONEY, NULL, "gifts_in_year", NULL},
};
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

ANKER_EXPORT const char *anker_wwb_household_field_name(size_t index)
{
	return index < N_FIELDS ? fields[index].name : NULL;
}

struct flat {
	struct anker_ctx *ctx;
	struct anker_error *err;
	const char *field; /* the one being read, for errors */
};

static int flat_fail(struct flat *f, int code, const char *what, const char *text)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = f->field;
	(void)text; /* never quoted: a caseload's values are personal data */
	return anker_fail(f->err, code, where, "%s", what);
}

/* yes/no, true/false, ja/nee, 1/0 in any case. */
static int parse_fact(struct flat *f, const char *text, json_t **ret)
{
	static const char *const yes[] = {"yes", "true", "ja", "1"};
	static const char *const no[] = {"no", "false", "nee", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*ret = json_true();
			return 0;
		}
		if (strcasecmp(text, no[i]) == 0) {
			*ret = json_false();
			return 0;
		}
	}
	return flat_fail(f, ANKER_E_BAD_VALUE, "not yes or no", text);
}

static int parse_count(struct flat *f, const char *text, json_t **ret)
{
	char *end = NULL;
	long value = strtol(text, &end, 10);
	if (!(text[0] >= '0' && text[0] <= '9') || *end || value > 1000)
		return flat_fail(f, ANKER_E_BAD_VALUE, "not a whole number 0..1000", text);
	*ret = json_integer(value);
	return *ret ? 0 : ANKER_E_NO_MEMORY;
}

static int parse_money(struct flat *f, const char *text, json_t **ret)
{
	double value = 0;
	if (anker_parse_double(f->ctx, text, strlen(text), &value) < 0)
		return flat_fail(f, ANKER_E_BAD_VALUE, "not an amount such as 1234.56", text);
	*ret = json_real(value);
	return *ret ? 0 : ANKER_E_NO_MEMORY;
}

/* "key=value" of a housemate: a fact, or relative_degree. */
static int housemate_attribute(struct flat *f, json_t *mate, char *item)
{
	char *eq = strchr(item, '=');
	if (!eq)
		return flat_fail(f, ANKER_E_SYNTAX, "expected key=value in a housemate", item);
	*eq = '\0';
	json_t *value = NULL;
	int r = strcmp(item, "relative_degree") == 0 ? parse_count(f, eq + 1, &value)
						     : parse_fact(f, eq + 1, &value);
	if (r == 0 && json_object_set_new(mate, item, value) < 0)
		r = ANKER_E_NO_MEMORY;
	return r;
}

/* RELATION:BIRTH_DATE_OR_AGE[:key=value]..., the housemates separated by ';'. */
static int parse_housemate(struct flat *f, char *text, json_t *list)
{
	json_t *mate = json_object();
	if (!mate || json_array_append_new(list, mate) < 0)
		return ANKER_E_NO_MEMORY;
	char *save = NULL;
	char *relation = strtok_r(text, ":", &save);
	char *age = strtok_r(NULL, ":", &save);
	if (!relation || !age)
		return flat_fail(f, ANKER_E_SYNTAX,
				 "expected RELATION:BIRTH_DATE or "
				 "RELATION:AGE",
				 text);
	json_t *age_value = NULL;
	int r = 0;
	if (strchr(age, '-'))
		age_value = json_string(age);
	else
		r = parse_count(f, age, &age_value);
	if (r == 0 &&
	    (json_object_set_new(mate, "relation", json_string(relation)) < 0 ||
	     json_object_set_new(mate, strchr(age, '-') ? "birth_date" : "age", age_value) < 0))
		r = ANKER_E_NO_MEMORY;
	for (char *item; r == 0 && (item = strtok_r(NULL, ":", &save));)
		r = housemate_attribute(f, mate, item);
	return r;
}

static int parse_housemates(struct flat *f, const char *text, json_t **ret)
{
	char *copy = anker_strdup(f->ctx, text);
	json_t *list = json_array();
	int r = copy && list ? 0 : ANKER_E_NO_MEMORY;
	char *save = NULL;
	for (char *one = copy ? strtok_r(copy, ";", &save) : NULL; r == 0 && one;
	     one = strtok_r(NULL, ";", &save))
		r = parse_housemate(f, one, list);
	anker_dealloc(f->ctx, copy);
	if (r < 0) {
		json_decref(list);
		return r;
	}
	*ret = list;
	return 0;
}

/* The object or array the field goes into, made on first use. */
static json_t *container(json_t *root, const struct field *d)
{
	if (!d->object)
		return root;
	json_t *c = json_object_get(root, d->object);
	if (c)
		return c;
	bool list = d->kind == F_INCOME || d->kind == F_ASSET;
	c = list ? json_array() : json_object();
	if (c && json_object_set_new(root, d->object, c) < 0)
		return NULL;
	return c;
}

static int add_field(struct flat *f, json_t *root, const struct field *d, const char *text)
{
	json_t *value = NULL;
	int r = 0;
	switch (d->kind) {
	case F_DATE:
		value = json_string(text);
		break;
	case F_FACT:
		r = parse_fact(f, text, &value);
		break;
	case F_COUNT:
		r = parse_count(f, text, &value);
		break;
	case F_HOUSEMATES:
		r = parse_housemates(f, text, &value);
		break;
	case F_MONEY:
	case F_INCOME:
	case F_ASSET:
		r = parse_money(f, text, &value);
		break;
	}
	if (r < 0)
		return r;
	json_t *c = container(root, d);
	if (!value || !c) {
		json_decref(value);
		return ANKER_E_NO_MEMORY;
	}
	if (d->kind == F_INCOME || d->kind == F_ASSET) {
		json_t *entry = json_pack("{s:s, s:o}", d->kind == F_INCOME ? "source" : "kind",
					  d->key, "amount", value);
		if (entry && d->person && strcmp(d->person, "partner") == 0)
			json_object_set_new(entry, "person", json_string(d->person));
		return entry && json_array_append_new(c, entry) == 0 ? 0 : ANKER_E_NO_MEMORY;
	}
	return json_object_set_new(c, d->key, value) == 0 ? 0 : ANKER_E_NO_MEMORY;
}

static const struct field *find_field(const char *name)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

static int build(struct flat *f, const char *const *names, const char *const *values, size_t count,
		 json_t *root)
{
	for (size_t i = 0; i < count; i++) {
		f->field = names[i];
		const struct field *d = names[i] ? find_field(names[i]) : NULL;
		if (!d)
			return flat_fail(f, ANKER_E_UNKNOWN_KEY, "unknown field",
					 names[i] ? names[i] : "(null)");
		if (!values[i] || values[i][0] == '\0')
			continue;
		int r = add_field(f, root, d, values[i]);
		if (r == ANKER_E_NO_MEMORY)
			return flat_fail(f, r, "out of memory", "");
		if (r < 0)
			return r;
	}
	return 0;
}

ANKER_EXPORT int anker_wwb_household_from_fields(struct anker_ctx *ctx, const char *const *names,
						 const char *const *values, size_t count,
						 struct anker_error *err,
						 struct anker_wwb_household **ret)
{
	if (!ctx || (count && (!names || !values)) || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_household_from_fields: ctx, names, values and ret "
				  "are required");
	json_t *root = json_object();
	if (!root)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	struct flat f = {ctx, err, NULL};
	int r = build(&f, names, values, count, root);
	if (r == 0)
		r = wwb_household_from_json(ctx, root, "<fields>", err, ret);
	json_decref(root);
	return r;
}
