/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Building a household value by value (wwb.h, "Building a household"). These
 * setters hold every check on a household's values; the JSON parser
 * (household.c) reads the structure and calls them, so that a household
 * built in C and one parsed from JSON are checked alike and fail with the
 * same code, JSON path and field.
 */
#include <stdio.h>
#include <string.h>

#include "household-private.h"
#include "json-values.h"
#include "money.h"

static const char *const person_keys[] = {"claimant", "partner"};

/* @p text as a date in WWB_YEAR_MIN..WWB_YEAR_MAX; errors name @p key at the current path. */
static int parse_date(struct jr *jr, const char *key, const char *text, struct anker_date *ret)
{
	if (!text)
		return jr_fail_at(jr, key, ANKER_E_MISSING_KEY, "a date is required");
	/* the messages never quote the value: a household's dates are personal data */
	if (!anker_date_parse(text, ret))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE,
				  "not a calendar date YYYY-MM-DD that exists");
	if (!wwb_date_in_range(*ret))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "a date outside the years %d..%d",
				  WWB_YEAR_MIN, WWB_YEAR_MAX);
	return 0;
}

static int choice(struct jr *jr, const char *key, const char *name,
		  const struct anker_name_value *table, int *ret)
{
	char list[256] = "";
	size_t used = 0;
	for (const struct anker_name_value *c = table; c->name; c++) {
		if (name && strcmp(name, c->name) == 0) {
			*ret = c->value;
			return 0;
		}
		int n = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
				 c == table ? "" : ", ", c->name);
		if (n > 0 && (size_t)n < sizeof(list) - used)
			used += (size_t)n;
	}
	return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%s one of %s",
			  name ? "not" : "required:", list);
}

static int in_range(struct jr *jr, const char *key, long long value, long long lo, long long hi)
{
	if (value < lo || value > hi)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%lld is outside %lld..%lld", value,
				  lo, hi);
	return 0;
}

static int amount(struct jr *jr, const char *key, long long cents, long long min)
{
	if (cents < min)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "negative amount");
	if (cents > WWB_CENTS_MAX || cents < -WWB_CENTS_MAX)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE,
				  "not an amount in euros with at most two decimals, at most "
				  "1000000000");
	return 0;
}

int wwb_hh_reference_date(struct jr *jr, struct anker_wwb_household *hh, const char *text)
{
	struct anker_date d;
	int r = parse_date(jr, "reference_date", text, &d);
	if (r == 0) {
		hh->reference_date = d;
		hh->has_reference_date = true;
	}
	return r;
}

int wwb_hh_person(struct jr *jr, struct anker_wwb_household *hh, int person, const char *birth)
{
	struct wwb_person *p = person ? &hh->partner : &hh->claimant;
	struct anker_date d;
	int r = parse_date(jr, "birth_date", birth, &d);
	if (r == 0) {
		p->birth = d;
		p->present = true;
	}
	return r;
}

/* The person's facts may be set only once the person is. */
static struct wwb_person *person_at(struct jr *jr, struct anker_wwb_household *hh, int person,
				    const char *key, int *ret)
{
	struct wwb_person *p = person ? &hh->partner : &hh->claimant;
	*ret = p->present ? 0
			  : jr_fail_at(jr, key, ANKER_E_BAD_VALUE,
				       "the %s has no birth date: set the %s first",
				       person_keys[person != 0], person_keys[person != 0]);
	return p;
}

int wwb_hh_unemployed_since(struct jr *jr, struct anker_wwb_household *hh, const char *text)
{
	int r = 0;
	struct wwb_person *p = person_at(jr, hh, 0, "unemployed_since", &r);
	struct anker_date d;
	if (r == 0)
		r = parse_date(jr, "unemployed_since", text, &d);
	if (r == 0) {
		p->unemployed_since = d;
		p->has_unemployed_since = true;
	}
	return r;
}

int wwb_hh_parents(struct jr *jr, struct anker_wwb_household *hh, int person, int fact)
{
	int r = 0;
	struct wwb_person *p = person_at(jr, hh, person, "parents_cannot_support", &r);
	if (r == 0)
		r = in_range(jr, "parents_cannot_support", fact, 0, 1);
	if (r == 0)
		p->parents_cannot_support = fact ? WWB_YES : WWB_NO;
	return r;
}

int wwb_hh_disregard_months(struct jr *jr, struct anker_wwb_household *hh, int person,
			    long long months)
{
	int r = 0;
	struct wwb_person *p = person_at(jr, hh, person, "disregard_months_used", &r);
	if (r == 0)
		r = in_range(jr, "disregard_months_used", months, 0, 1200);
	if (r == 0)
		p->disregard_months_used = (int)months;
	return r;
}

int wwb_hh_children(struct jr *jr, struct anker_wwb_household *hh, long long count)
{
	int r = in_range(jr, "children", count, 0, 30);
	if (r == 0)
		hh->children = (int)count;
	return r;
}

int wwb_hh_add_housemate(struct jr *jr, struct anker_wwb_household *hh, const char *relation,
			 const char *birth, long long age)
{
	struct wwb_housemate h = {.age = -1,
				  .written_contract = WWB_UNKNOWN,
				  .commercial_price = WWB_UNKNOWN,
				  .study_finance = WWB_UNKNOWN,
				  .bbl = WWB_UNKNOWN,
				  .intensive_care = WWB_UNKNOWN};
	if (hh->n_housemates == WWB_HOUSEMATES_MAX)
		return jr_fail(jr, ANKER_E_BAD_VALUE, "more than %d housemates",
			       WWB_HOUSEMATES_MAX);
	int r = choice(jr, "relation", relation, wwb_relation_names, &h.relation);
	if (r == 0 && h.relation == WWB_REL_SPOUSE)
		r = jr_fail_at(jr, "relation", ANKER_E_BAD_VALUE,
			       "a spouse is not a housemate: give them as $.partner");
	if (r == 0 && birth && age != WWB_NOT_GIVEN)
		r = jr_fail_at(jr, "age", ANKER_E_BAD_VALUE, "give birth_date or age, not both");
	if (r == 0 && birth)
		r = parse_date(jr, "birth_date", birth, &h.birth);
	h.has_birth = birth != NULL;
	if (r == 0 && age != WWB_NOT_GIVEN)
		r = in_range(jr, "age", age, 0, 130);
	if (r < 0)
		return r;
	h.age = age == WWB_NOT_GIVEN ? -1 : (int)age;
	if (!hh->housemates) {
		hh->housemates = anker_alloc_zeroed(jr->ctx, WWB_HOUSEMATES_MAX, sizeof(h));
		if (!hh->housemates)
			return jr_fail_no_memory(jr);
	}
	hh->housemates[hh->n_housemates++] = h;
	return 0;
}

/* The facts a housemate may have, by relation: each is a key of the household JSON. */
static bool fact_allowed(int relation, const char *fact)
{
	switch (relation) {
	case WWB_REL_TENANT:
	case WWB_REL_LANDLORD:
	case WWB_REL_BOARDER:
		return strcmp(fact, "written_contract") == 0 ||
		       strcmp(fact, "commercial_price") == 0 ||
		       strcmp(fact, "relative_degree") == 0;
	case WWB_REL_STUDENT:
		return strcmp(fact, "study_finance") == 0 || strcmp(fact, "bbl") == 0;
	case WWB_REL_CARER:
		return strcmp(fact, "intensive_care") == 0;
	default:
		return false;
	}
}

int wwb_hh_housemate_fact(struct jr *jr, struct anker_wwb_household *hh, size_t index,
			  const char *fact, long long value)
{
	if (index >= hh->n_housemates)
		return jr_fail(jr, ANKER_E_OUT_OF_RANGE, "no housemate %zu", index);
	struct wwb_housemate *h = &hh->housemates[index];
	if (!fact || !fact_allowed(h->relation, fact))
		return jr_fail_at(jr, fact ? fact : "(null)", ANKER_E_UNKNOWN_KEY,
				  "not a fact of a housemate with relation \"%s\"",
				  anker_name_of(wwb_relation_names, h->relation));
	bool degree = strcmp(fact, "relative_degree") == 0;
	int r = in_range(jr, fact, value, 0, degree ? 2 : 1);
	if (r < 0)
		return r;
	int f = value ? WWB_YES : WWB_NO;
	if (degree)
		h->relative_degree = (int)value;
	else if (strcmp(fact, "written_contract") == 0)
		h->written_contract = f;
	else if (strcmp(fact, "commercial_price") == 0)
		h->commercial_price = f;
	else if (strcmp(fact, "study_finance") == 0)
		h->study_finance = f;
	else if (strcmp(fact, "bbl") == 0)
		h->bbl = f;
	else
		h->intensive_care = f;
	return 0;
}

/* Allocate an income or asset list at its largest on first use. */
static int grow(struct jr *jr, void **items, size_t n, size_t size)
{
	if (n == WWB_ENTRIES_MAX)
		return jr_fail(jr, ANKER_E_BAD_VALUE, "more than %d entries", WWB_ENTRIES_MAX);
	if (!*items)
		*items = anker_alloc_zeroed(jr->ctx, WWB_ENTRIES_MAX, size);
	return *items ? 0 : jr_fail_no_memory(jr);
}

int wwb_hh_add_income(struct jr *jr, struct anker_wwb_household *hh, const char *source, int person,
		      long long cents)
{
	struct wwb_income in = {.partner = person != 0, .cents = cents};
	int r = choice(jr, "source", source, wwb_income_source_names, &in.source);
	if (r == 0)
		r = amount(jr, "amount", cents, 0);
	if (r == 0 && person && !hh->partner.present)
		r = jr_fail_at(jr, "person", ANKER_E_BAD_VALUE,
			       "income of a partner, but the household has none");
	if (r == 0)
		r = grow(jr, (void **)&hh->incomes, hh->n_incomes, sizeof(in));
	if (r < 0)
		return r;
	hh->incomes[hh->n_incomes++] = in;
	hh->has_income = true;
	return 0;
}

int wwb_hh_add_asset(struct jr *jr, struct anker_wwb_household *hh, const char *kind,
		     long long cents)
{
	struct wwb_asset a = {.cents = cents};
	int r = choice(jr, "kind", kind, wwb_asset_kind_names, &a.kind);
	if (r == 0)
		r = amount(jr, "amount", cents, 0);
	if (r == 0)
		r = grow(jr, (void **)&hh->assets, hh->n_assets, sizeof(a));
	if (r < 0)
		return r;
	hh->assets[hh->n_assets++] = a;
	hh->has_assets = true;
	return 0;
}

int wwb_hh_home_equity(struct jr *jr, struct anker_wwb_household *hh, long long cents)
{
	int r = amount(jr, "home_equity", cents, -WWB_CENTS_MAX);
	if (r == 0) {
		hh->home_equity = cents;
		hh->has_home_equity = true;
	}
	return r;
}

int wwb_hh_gifts(struct jr *jr, struct anker_wwb_household *hh, long long cents)
{
	int r = amount(jr, "gifts_in_year", cents, 0);
	if (r == 0) {
		hh->gifts = cents;
		hh->has_gifts = true;
	}
	return r;
}

struct anker_wwb_household *wwb_household_new(struct anker_ctx *ctx)
{
	struct anker_wwb_household *hh = anker_alloc_zeroed(ctx, 1, sizeof(*hh));
	if (!hh)
		return NULL;
	hh->ctx = anker_ctx_ref(ctx);
	hh->claimant.parents_cannot_support = WWB_UNKNOWN;
	hh->partner.parents_cannot_support = WWB_UNKNOWN;
	hh->claimant.disregard_months_used = -1;
	hh->partner.disregard_months_used = -1;
	return hh;
}

/* The C API */

/* A reader standing where the JSON would hold the value, so that errors name the same path. */
static void at(struct jr *jr, struct anker_wwb_household *hh, struct anker_error *err,
	       const char *key)
{
	jr_init(jr, hh->ctx, err, "<household>");
	if (key)
		jr_push_key(jr, key);
}

static int done(struct anker_error *err, int r)
{
	if (r == 0)
		anker_error_clear(err);
	return r;
}

static int bad_argument(struct anker_error *err, const char *function)
{
	return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
			  "%s: the household is required, and a person is "
			  "ANKER_WWB_CLAIMANT or ANKER_WWB_PARTNER",
			  function);
}

#define CHECK(hh, person)                                                                          \
	do {                                                                                       \
		if (!(hh) || ((person) != ANKER_WWB_CLAIMANT && (person) != ANKER_WWB_PARTNER))    \
			return bad_argument(err, __func__);                                        \
	} while (0)

ANKER_EXPORT int anker_wwb_household_new(struct anker_ctx *ctx, struct anker_wwb_household **ret)
{
	if (!ctx || !ret)
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_wwb_household *hh = wwb_household_new(ctx);
	if (!hh)
		return ANKER_E_NO_MEMORY;
	*ret = hh;
	return 0;
}

ANKER_EXPORT int anker_wwb_household_set_reference_date(struct anker_wwb_household *hh,
							const char *date, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, NULL);
	return done(err, wwb_hh_reference_date(&jr, hh, date));
}

ANKER_EXPORT int anker_wwb_household_set_person(struct anker_wwb_household *hh, int person,
						const char *birth_date, struct anker_error *err)
{
	CHECK(hh, person);
	struct jr jr;
	at(&jr, hh, err, person_keys[person]);
	return done(err, wwb_hh_person(&jr, hh, person, birth_date));
}

ANKER_EXPORT int anker_wwb_household_set_unemployed_since(struct anker_wwb_household *hh,
							  const char *date, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, "claimant");
	return done(err, wwb_hh_unemployed_since(&jr, hh, date));
}

ANKER_EXPORT int anker_wwb_household_set_parents_cannot_support(struct anker_wwb_household *hh,
								int person, int fact,
								struct anker_error *err)
{
	CHECK(hh, person);
	struct jr jr;
	at(&jr, hh, err, person_keys[person]);
	return done(err, wwb_hh_parents(&jr, hh, person, fact));
}

ANKER_EXPORT int anker_wwb_household_set_disregard_months_used(struct anker_wwb_household *hh,
							       int person, int months,
							       struct anker_error *err)
{
	CHECK(hh, person);
	struct jr jr;
	at(&jr, hh, err, person_keys[person]);
	return done(err, wwb_hh_disregard_months(&jr, hh, person, months));
}

ANKER_EXPORT int anker_wwb_household_set_children(struct anker_wwb_household *hh, int count,
						  struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, NULL);
	return done(err, wwb_hh_children(&jr, hh, count));
}

ANKER_EXPORT int anker_wwb_household_add_housemate(struct anker_wwb_household *hh,
						   const char *relation, const char *birth_date,
						   int age, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, "housemates");
	jr_push_index(&jr, hh->n_housemates);
	return done(err, wwb_hh_add_housemate(&jr, hh, relation, birth_date,
					      age == -1 ? WWB_NOT_GIVEN : age));
}

ANKER_EXPORT int anker_wwb_household_set_housemate_fact(struct anker_wwb_household *hh,
							size_t index, const char *fact, int value,
							struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, "housemates");
	jr_push_index(&jr, index);
	return done(err, wwb_hh_housemate_fact(&jr, hh, index, fact, value));
}

ANKER_EXPORT int anker_wwb_household_add_income(struct anker_wwb_household *hh, const char *source,
						int person, long long cents,
						struct anker_error *err)
{
	CHECK(hh, person);
	struct jr jr;
	at(&jr, hh, err, "income");
	jr_push_index(&jr, hh->n_incomes);
	return done(err, wwb_hh_add_income(&jr, hh, source, person, cents));
}

ANKER_EXPORT int anker_wwb_household_add_asset(struct anker_wwb_household *hh, const char *kind,
					       long long cents, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, "assets");
	jr_push_index(&jr, hh->n_assets);
	return done(err, wwb_hh_add_asset(&jr, hh, kind, cents));
}

ANKER_EXPORT int anker_wwb_household_set_listed(struct anker_wwb_household *hh, const char *list,
						struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, NULL);
	bool income = list && strcmp(list, "income") == 0;
	if (!income && !(list && strcmp(list, "assets") == 0))
		return jr_fail(&jr, ANKER_E_BAD_VALUE, "\"%.40s\" is not \"income\" or \"assets\"",
			       list ? list : "(null)");
	if (income)
		hh->has_income = true;
	else
		hh->has_assets = true;
	return done(err, 0);
}

ANKER_EXPORT int anker_wwb_household_set_home_equity(struct anker_wwb_household *hh,
						     long long cents, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, NULL);
	return done(err, wwb_hh_home_equity(&jr, hh, cents));
}

ANKER_EXPORT int anker_wwb_household_set_gifts_in_year(struct anker_wwb_household *hh,
						       long long cents, struct anker_error *err)
{
	CHECK(hh, ANKER_WWB_CLAIMANT);
	struct jr jr;
	at(&jr, hh, err, NULL);
	return done(err, wwb_hh_gifts(&jr, hh, cents));
}
