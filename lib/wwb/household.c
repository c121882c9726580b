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

/* A yes/no fact: absent stays WWB_UNKNOWN. */
static int load_fact(struct jr *jr, json_t *obj, const char *key, int *ret)
{
	bool value = false;
	bool given = json_object_get(obj, key) != NULL;
	int r = wwb_jr_bool(jr, obj, key, false, &value);
	if (r == 0)
		*ret = given ? (value ? WWB_YES : WWB_NO) : WWB_UNKNOWN;
	return r;
}

static int load_person(struct jr *jr, json_t *root, const char *key, bool required,
		       struct wwb_person *person)
{
	static const char *const claimant_keys[] = {"birth_date", "unemployed_since",
						    "parents_cannot_support", NULL};
	static const char *const partner_keys[] = {"birth_date", "parents_cannot_support", NULL};
	json_t *obj = json_object_get(root, key);
	person->parents_cannot_support = WWB_UNKNOWN;
	if (!required && json_is_null(obj))
		return 0;
	int r = jr_object(jr, root, key, required, &obj);
	if (r < 0 || !obj)
		return r;
	struct jr_mark mark = jr_push_key(jr, key);
	r = jr_check_keys(jr, obj, required ? claimant_keys : partner_keys, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, obj, "birth_date", true, &person->birth, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, obj, "unemployed_since", false, &person->unemployed_since,
				&person->has_unemployed_since);
	if (r == 0)
		r = load_fact(jr, obj, "parents_cannot_support", &person->parents_cannot_support);
	if (r == 0)
		person->present = true;
	jr_pop(jr, mark);
	return r;
}

/* The keys a housemate may have besides the common ones, by relation. */
static const char *const *relation_keys(int relation)
{
	static const char *const contract[] = {"written_contract", "commercial_price",
					       "relative_degree", NULL};
	static const char *const student[] = {"study_finance", "bbl", NULL};
	static const char *const carer[] = {"intensive_care", NULL};
	switch (relation) {
	case WWB_REL_TENANT:
	case WWB_REL_LANDLORD:
	case WWB_REL_BOARDER:
		return contract;
	case WWB_REL_STUDENT:
		return student;
	case WWB_REL_CARER:
		return carer;
	default:
		return NULL;
	}
}

static int load_housemate_facts(struct jr *jr, json_t *obj, struct wwb_housemate *h)
{
	static const char *const common[] = {"birth_date", "age", "relation", NULL};
	int r = jr_check_keys(jr, obj, common, relation_keys(h->relation));
	if (r == 0)
		r = wwb_jr_date(jr, obj, "birth_date", false, &h->birth, &h->has_birth);
	if (r == 0)
		r = wwb_jr_int(jr, obj, "age", false, 0, 130, &h->age);
	if (r == 0 && h->has_birth && h->age >= 0)
		r = jr_fail_at(jr, "age", ANKER_E_BAD_VALUE, "give birth_date or age, not both");
	if (r == 0)
		r = load_fact(jr, obj, "written_contract", &h->written_contract);
	if (r == 0)
		r = load_fact(jr, obj, "commercial_price", &h->commercial_price);
	if (r == 0)
		r = wwb_jr_int(jr, obj, "relative_degree", false, 0, 2, &h->relative_degree);
	if (r == 0)
		r = load_fact(jr, obj, "study_finance", &h->study_finance);
	if (r == 0)
		r = load_fact(jr, obj, "bbl", &h->bbl);
	if (r == 0)
		r = load_fact(jr, obj, "intensive_care", &h->intensive_care);
	return r;
}

static int load_housemate(struct jr *jr, json_t *obj, struct wwb_housemate *h)
{
	*h = (struct wwb_housemate){.age = -1};
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_choice(jr, obj, "relation", true, wwb_relation_names, &h->relation);
	if (r == 0 && h->relation == WWB_REL_SPOUSE)
		r = jr_fail_at(jr, "relation", ANKER_E_BAD_VALUE,
			       "a spouse is not a housemate: give them as $.partner");
	if (r == 0)
		r = load_housemate_facts(jr, obj, h);
	return r;
}

static int load_income(struct jr *jr, json_t *obj, struct wwb_income *in)
{
	static const char *const keys[] = {"source", "amount", "person", NULL};
	int person = 0;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_choice(jr, obj, "source", true, wwb_income_source_names, &in->source);
	if (r == 0)
		r = wwb_jr_cents(jr, obj, "amount", true, 0, &in->cents);
	if (r == 0)
		r = jr_choice(jr, obj, "person", false, person_names, &person);
	in->partner = person == 1;
	return r;
}

static int load_asset(struct jr *jr, json_t *obj, struct wwb_asset *asset)
{
	static const char *const keys[] = {"kind", "amount", NULL};
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_choice(jr, obj, "kind", true, wwb_asset_kind_names, &asset->kind);
	if (r == 0)
		r = wwb_jr_cents(jr, obj, "amount", true, 0, &asset->cents);
	return r;
}

/*
 * An optional array of up to @p max elements, each read by @p load into an
 * array of @p size-byte elements. *ret_present says whether the key was there.
 */
static int load_list(struct jr *jr, json_t *root, const char *key, size_t max, size_t size,
		     int (*load)(struct jr *, json_t *, void *), void **ret, size_t *ret_n,
		     bool *ret_present)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, key, false, 0, max, &array);
	if (r < 0 || !array)
		return r;
	*ret_present = true;
	size_t n = json_array_size(array);
	if (n == 0)
		return 0;
	char *items = anker_alloc_zeroed(jr->ctx, n, size);
	if (!items)
		return jr_fail_no_memory(jr);
	*ret = items;
	struct jr_mark outer = jr_push_key(jr, key);
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		r = load(jr, json_array_get(array, i), items + i * size);
		jr_pop(jr, mark);
	}
	jr_pop(jr, outer);
	if (r == 0)
		*ret_n = n;
	return r;
}

static int load_housemate_item(struct jr *jr, json_t *obj, void *out)
{
	return load_housemate(jr, obj, out);
}

static int load_income_item(struct jr *jr, json_t *obj, void *out)
{
	return load_income(jr, obj, out);
}

static int load_asset_item(struct jr *jr, json_t *obj, void *out)
{
	return load_asset(jr, obj, out);
}

static int check_partner_income(struct jr *jr, const struct anker_wwb_household *hh)
{
	for (size_t i = 0; i < hh->n_incomes; i++) {
		if (hh->incomes[i].partner && !hh->partner.present) {
			struct jr_mark a = jr_push_key(jr, "income");
			struct jr_mark b = jr_push_index(jr, i);
			int r = jr_fail_at(jr, "person", ANKER_E_BAD_VALUE,
					   "income of a partner, but the household has none");
			jr_pop(jr, b);
			jr_pop(jr, a);
			return r;
		}
	}
	return 0;
}

static int load_household(struct jr *jr, json_t *root, struct anker_wwb_household *hh)
{
	static const char *const keys[] = {
	    "reference_date", "claimant", "partner",	 "children", "housemates",
	    "income",	      "assets",	  "home_equity", NULL,
	};
	bool present = false;
	if (!json_is_object(root))
		return jr_fail(jr, ANKER_E_WRONG_TYPE, "a household is a JSON object");
	int r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = wwb_jr_date(jr, root, "reference_date", false, &hh->reference_date,
				&hh->has_reference_date);
	if (r == 0)
		r = load_person(jr, root, "claimant", true, &hh->claimant);
	if (r == 0)
		r = load_person(jr, root, "partner", false, &hh->partner);
	hh->children = 0;
	if (r == 0)
		r = wwb_jr_int(jr, root, "children", false, 0, 30, &hh->children);
	if (r == 0)
		r = load_list(jr, root, "housemates", WWB_HOUSEMATES_MAX, sizeof(*hh->housemates),
			      load_housemate_item, (void **)&hh->housemates, &hh->n_housemates,
			      &present);
	if (r == 0)
		r = load_list(jr, root, "income", WWB_ENTRIES_MAX, sizeof(*hh->incomes),
			      load_income_item, (void **)&hh->incomes, &hh->n_incomes,
			      &hh->has_income);
	if (r == 0)
		r = load_list(jr, root, "assets", WWB_ENTRIES_MAX, sizeof(*hh->assets),
			      load_asset_item, (void **)&hh->assets, &hh->n_assets,
			      &hh->has_assets);
	if (r == 0)
		r = wwb_jr_cents(jr, root, "home_equity", false, -WWB_CENTS_MAX, &hh->home_equity);
	hh->has_home_equity = json_object_get(root, "home_equity") != NULL;
	if (r == 0)
		r = check_partner_income(jr, hh);
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
	struct anker_wwb_household *hh = anker_alloc_zeroed(ctx, 1, sizeof(*hh));
	if (!hh) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.file = file;
		return anker_fail(err, ANKER_E_NO_MEMORY, where, "out of memory");
	}
	hh->ctx = anker_ctx_ref(ctx);
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
