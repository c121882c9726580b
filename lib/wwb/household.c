/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Parsing a household (docs/wwb-toets.md, "The household"). Structure, types,
 * dates, names and amounts are checked here and are errors; facts that are
 * simply not given stay unknown for the toets to list.
 */
#include <string.h>

#include "household-private.h"
#include "json-values.h"
#include "money.h"

const struct anker_name_value wwb_relation_names[] = {
    {"relative_1st_degree", WWB_REL_RELATIVE_1},
    {"relative_2nd_degree", WWB_REL_RELATIVE_2},
    {"other", WWB_REL_OTHER},
    {"tenant", WWB_REL_TENANT},
    {"landlord", WWB_REL_LANDLORD},
    {"boarder", WWB_REL_BOARDER},
    {"student", WWB_REL_STUDENT},
    {"carer", WWB_REL_CARER},
    {"spouse", WWB_REL_SPOUSE},
    {NULL, 0},
};

const struct anker_name_value wwb_income_source_names[] = {
    {"earnings", WWB_INCOME_EARNINGS},
    {"benefit", WWB_INCOME_BENEFIT},
    {"pension", WWB_INCOME_PENSION},
    {"alimony", WWB_INCOME_ALIMONY},
    {"other", WWB_INCOME_OTHER},
    {"child_benefit", WWB_INCOME_CHILD_BENEFIT},
    {"child_budget", WWB_INCOME_CHILD_BUDGET},
    {"allowance", WWB_INCOME_ALLOWANCE},
    {NULL, 0},
};

const struct anker_name_value wwb_asset_kind_names[] = {
    {"savings", WWB_ASSET_SAVINGS},
    {"other", WWB_ASSET_OTHER},
    {"debt", WWB_ASSET_DEBT},
    {"household_goods", WWB_ASSET_HOUSEHOLD_GOODS},
    {"immaterial_damage", WWB_ASSET_IMMATERIAL_DAMAGE},
    {NULL, 0},
};

static const struct anker_name_value person_names[] = {
    {"claimant", 0},
    {"partner", 1},
    {NULL, 0},
};

/* An optional true/false member as 1/0; *ret stays -1 when it is absent. */
static int opt_fact(struct jr *jr, json_t *obj, const char *key, int *ret)
{
	bool value = false;
	*ret = -1;
	if (!json_object_get(obj, key))
		return 0;
	int r = wwb_jr_bool(jr, obj, key, true, &value);
	if (r == 0)
		*ret = value;
	return r;
}

/* An optional integer member; *ret stays WWB_NOT_GIVEN when it is absent. */
static int opt_integer(struct jr *jr, json_t *obj, const char *key, long long *ret)
{
	*ret = WWB_NOT_GIVEN;
	return jr_integer(jr, obj, key, false, ret);
}

static int load_person(struct jr *jr, json_t *root, int person, struct anker_wwb_household *hh)
{
	static const char *const claimant_keys[] = {"birth_date", "unemployed_since",
						    "parents_cannot_support",
						    "disregard_months_used", NULL};
	static const char *const partner_keys[] = {"birth_date", "parents_cannot_support",
						   "disregard_months_used", NULL};
	const char *key = person ? "partner" : "claimant";
	json_t *obj = json_object_get(root, key);
	if (person && json_is_null(obj))
		return 0;
	int r = jr_object(jr, root, key, !person, &obj);
	if (r < 0 || !obj)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	const char *birth = NULL, *since = NULL;
	int parents = -1;
	long long months = WWB_NOT_GIVEN;
	r = jr_check_keys(jr, obj, person ? partner_keys : claimant_keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "birth_date", true, &birth);
	if (r == 0)
		r = wwb_hh_person(jr, hh, person, birth);
	if (r == 0)
		r = jr_string(jr, obj, "unemployed_since", false, &since);
	if (r == 0 && since)
		r = wwb_hh_unemployed_since(jr, hh, since);
	if (r == 0)
		r = opt_fact(jr, obj, "parents_cannot_support", &parents);
	if (r == 0 && parents >= 0)
		r = wwb_hh_parents(jr, hh, person, parents);
	if (r == 0)
		r = opt_integer(jr, obj, "disregard_months_used", &months);
	if (r == 0 && months != WWB_NOT_GIVEN)
		r = wwb_hh_disregard_months(jr, hh, person, months);
	jr_pop(jr, mark);
	return r;
}

static int load_housemate(struct jr *jr, json_t *obj, size_t index, struct anker_wwb_household *hh)
{
	static const char *const keys[] = {
	    "relation",	       "birth_date",	"age", "written_contract", "commercial_price",
	    "relative_degree", "study_finance", "bbl", "intensive_care",   NULL};
	const char *relation = NULL, *birth = NULL;
	long long age = WWB_NOT_GIVEN;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "relation", true, &relation);
	if (r == 0)
		r = jr_string(jr, obj, "birth_date", false, &birth);
	if (r == 0)
		r = opt_integer(jr, obj, "age", &age);
	if (r == 0)
		r = wwb_hh_add_housemate(jr, hh, relation, birth, age);
	/* the facts, each checked against the relation by the setter */
	for (size_t k = 3; r == 0 && keys[k]; k++) {
		long long value = WWB_NOT_GIVEN;
		int fact = -1;
		if (!json_object_get(obj, keys[k]))
			continue;
		if (strcmp(keys[k], "relative_degree") == 0)
			r = opt_integer(jr, obj, keys[k], &value);
		else if ((r = opt_fact(jr, obj, keys[k], &fact)) == 0)
			value = fact;
		if (r == 0)
			r = wwb_hh_housemate_fact(jr, hh, index, keys[k], value);
	}
	return r;
}

static int load_income(struct jr *jr, json_t *obj, size_t index, struct anker_wwb_household *hh)
{
	static const char *const keys[] = {"source", "amount", "person", NULL};
	(void)index;
	const char *source = NULL;
	int person = 0;
	long long cents = 0;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "source", true, &source);
	if (r == 0)
		r = wwb_jr_cents(jr, obj, "amount", true, -WWB_CENTS_MAX, &cents);
	if (r == 0)
		r = jr_choice(jr, obj, "person", false, person_names, &person);
	if (r == 0)
		r = wwb_hh_add_income(jr, hh, source, person, cents);
	return r;
}

static int load_asset(struct jr *jr, json_t *obj, size_t index, struct anker_wwb_household *hh)
{
	static const char *const keys[] = {"kind", "amount", NULL};
	(void)index;
	const char *kind = NULL;
	long long cents = 0;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "kind", true, &kind);
	if (r == 0)
		r = wwb_jr_cents(jr, obj, "amount", true, -WWB_CENTS_MAX, &cents);
	if (r == 0)
		r = wwb_hh_add_asset(jr, hh, kind, cents);
	return r;
}

/* An optional array of up to @p max elements, each read by @p load; *ret_present if it is there. */
static int load_list(struct jr *jr, json_t *root, const char *key, size_t max,
		     int (*load)(struct jr *, json_t *, size_t, struct anker_wwb_household *),
		     struct anker_wwb_household *hh, bool *ret_present)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, key, false, 0, max, &array);
	if (r < 0 || !array)
		return r;
	*ret_present = true;
	struct jr_mark outer = jr_push_key(jr, key);
	for (size_t i = 0; r == 0 && i < json_array_size(array); i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		r = load(jr, json_array_get(array, i), i, hh);
		jr_pop(jr, mark);
	}
	jr_pop(jr, outer);
	return r;
}

static int load_household(struct jr *jr, json_t *root, struct anker_wwb_household *hh)
{
	static const char *const keys[] = {
	    "reference_date", "claimant", "partner",	 "children",	  "housemates",
	    "income",	      "assets",	  "home_equity", "gifts_in_year", NULL,
	};
	bool present = false;
	const char *date = NULL;
	long long children = WWB_NOT_GIVEN, equity = 0;
	if (!json_is_object(root))
		return jr_fail(jr, ANKER_E_WRONG_TYPE, "a household is a JSON object");
	int r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = jr_string(jr, root, "reference_date", false, &date);
	if (r == 0 && date)
		r = wwb_hh_reference_date(jr, hh, date);
	if (r == 0)
		r = load_person(jr, root, 0, hh);
	if (r == 0)
		r = load_person(jr, root, 1, hh);
	if (r == 0)
		r = opt_integer(jr, root, "children", &children);
	if (r == 0 && children != WWB_NOT_GIVEN)
		r = wwb_hh_children(jr, hh, children);
	if (r == 0)
		r = load_list(jr, root, "housemates", WWB_HOUSEMATES_MAX, load_housemate, hh,
			      &present);
	if (r == 0)
		r = load_list(jr, root, "income", WWB_ENTRIES_MAX, load_income, hh,
			      &hh->has_income);
	if (r == 0)
		r = load_list(jr, root, "assets", WWB_ENTRIES_MAX, load_asset, hh, &hh->has_assets);
	if (r == 0 && json_object_get(root, "gifts_in_year")) {
		long long gifts = 0;
		r = wwb_jr_cents(jr, root, "gifts_in_year", true, -WWB_CENTS_MAX, &gifts);
		if (r == 0)
			r = wwb_hh_gifts(jr, hh, gifts);
	}
	if (r == 0 && json_object_get(root, "home_equity")) {
		r = wwb_jr_cents(jr, root, "home_equity", true, -WWB_CENTS_MAX, &equity);
		if (r == 0)
			r = wwb_hh_home_equity(jr, hh, equity);
	}
	return r;
}

ANKER_EXPORT void anker_wwb_household_free(struct anker_wwb_household *hh)
{
	if (!hh)
		return;
	struct anker_ctx *ctx = hh->ctx;
	anker_dealloc(ctx, hh->housemates);
	anker_dealloc(ctx, hh->incomes);
	anker_dealloc(ctx, hh->assets);
	anker_dealloc(ctx, hh);
	anker_ctx_unref(ctx);
}

int wwb_household_from_json(struct anker_ctx *ctx, json_t *root, const char *file,
			    struct anker_error *err, struct anker_wwb_household **ret)
{
	struct anker_wwb_household *hh = wwb_household_new(ctx);
	if (!hh) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.file = file;
		return anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
	}
	struct jr jr;
	jr_init(&jr, ctx, err, file);
	int r = load_household(&jr, root, hh);
	if (r < 0) {
		anker_wwb_household_free(hh);
		return r;
	}
	*ret = hh;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_wwb_household_parse(struct anker_ctx *ctx, const char *json, size_t size,
					   const char *source_name, struct anker_error *err,
					   struct anker_wwb_household **ret)
{
	if (!ctx || !json || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_household_parse: ctx, json and ret are required");
	const char *file = source_name ? source_name : "<household>";
	json_t *root = NULL;
	int r = wwb_parse_json(json, size, file, err, &root);
	if (r < 0)
		return r;
	r = wwb_household_from_json(ctx, root, file, err, ret);
	json_decref(root);
	return r;
}
