/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WWB-toets from start to verdict: the reference date and the tables in
 * force on it, the checks that make a household impossible to test (a
 * claimant or partner under 18), the steps of eval-*.c, the routes that are
 * not municipal bijstand, and the verdict.
 */
#include <stdio.h>
#include <string.h>

#include "eval-private.h"

/* The IOAW is for those born before this day who became unemployed at 50 or older. */
static const struct anker_date ioaw_born_before = {1965, 1, 1};
#define IOAW_MIN_AGE	  50
#define EARLY_REPORT_AGE  27
#define EARLY_REPORT_DAYS 28

static int fail_person(struct anker_error *err, const char *path, const char *field,
		       const char *what)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.path = path;
	where.field = field;
	return anker_fail(err, ANKER_E_BAD_VALUE, where, "%s", what);
}

/* Ages on the reference date; a person under 18 or born after it cannot be tested. */
static int check_ages(struct wwb_eval *e, struct anker_error *err)
{
	const struct anker_wwb_household *hh = e->hh;
	e->claimant_age = anker_date_age_years(hh->claimant.birth, e->date);
	if (e->claimant_age < 18)
		return fail_person(err, "$.claimant.birth_date", "birth_date",
				   "the claimant is younger than 18 on the reference date");
	if (hh->partner.present) {
		e->partner_age = anker_date_age_years(hh->partner.birth, e->date);
		if (e->partner_age < 18)
			return fail_person(err, "$.partner.birth_date", "birth_date",
					   "the partner is younger than 18 on the reference "
					   "date");
	}
	for (size_t i = 0; i < hh->n_housemates; i++) {
		if (hh->housemates[i].has_birth &&
		    anker_date_compare(hh->housemates[i].birth, e->date) > 0) {
			char path[64];
			snprintf(path, sizeof(path), "$.housemates[%zu].birth_date", i);
			return fail_person(err, path, "birth_date",
					   "born after the reference date");
		}
	}
	return 0;
}

static void pension_states(struct wwb_eval *e)
{
	struct anker_date day;
	bool known;
	e->claimant_pension =
	    wwb_pension_state(e->norms, e->hh->claimant.birth, e->date, &day, &known);
	e->partner_pension = WWB_PENSION_NOT_REACHED;
	if (e->hh->partner.present)
		e->partner_pension =
		    wwb_pension_state(e->norms, e->hh->partner.birth, e->date, &day, &known);
}

static void say_table(struct wwb_eval *e)
{
	const struct wwb_source *s = &e->table->period.source;
	char until[ANKER_DATE_TEXT_SIZE];
	anker_date_format(e->table->period.until, until);
	wwb_say(e->r, "norms_table", s->article,
		"Peildatum %s: normentabel van %s tot en met %s (%s, %s).",
		"Reference date %s: norms table of %s to %s (%s, %s).", e->r->reference_date,
		e->r->norms_valid_from, until, s->document, s->date);
}

static void route_ioaw(struct wwb_eval *e)
{
	const struct wwb_person *c = &e->hh->claimant;
	if (anker_date_compare(c->birth, ioaw_born_before) >= 0 ||
	    e->claimant_pension != WWB_PENSION_NOT_REACHED)
		return;
	if (!c->has_unemployed_since) {
		if (e->claimant_age >= IOAW_MIN_AGE)
			wwb_say(e->r, "route_ioaw", "IOAW",
				"Geboren vóór 1965: de IOAW kan gelden als de aanvrager op of na "
				"het 50e jaar werkloos werd; die datum is niet opgegeven.",
				"Born before 1965: the IOAW may apply if the claimant became "
				"unemployed at 50 or older; that date is not given.");
		return;
	}
	int age = anker_date_age_years(c->birth, c->unemployed_since);
	if (age < IOAW_MIN_AGE)
		return;
	char day[ANKER_DATE_TEXT_SIZE];
	anker_date_format(c->unemployed_since, day);
	e->r->routes |= ANKER_WWB_ROUTE_IOAW;
	wwb_say(e->r, "route_ioaw", "IOAW",
		"Geboren vóór 1965 en werkloos geworden op %s, %d jaar oud: de IOAW in plaats "
		"van bijstand; zonder vermogenstoets, het inkomen van de partner telt wel. De "
		"IOAW-bedragen staan niet in deze tabellen.",
		"Born before 1965 and unemployed since %s, aged %d: the IOAW instead of "
		"bijstand; no asset test, the partner's income counts. The IOAW amounts are "
		"not in these tables.",
		day, age);
}

/*
 * The AIO is bijstand under the Participatiewet with the pension-age norms
 * (art. 47a; domain notes, "Not every WW leaver goes to municipal bijstand"),
 * so its amount is the bijstand computed above; say so.
 */
static void aio_amount(struct wwb_eval *e)
{
	struct anker_wwb_result *r = e->r;
	if (!r->has_amount[ANKER_WWB_AMOUNT_BIJSTAND]) {
		wwb_say(r, "aio_amount", ART("47a"),
			"Het bedrag van de AIO is niet te berekenen: er ontbreken gegevens.",
			"The AIO amount cannot be computed: facts are missing.");
		return;
	}
	struct wwb_money_texts m = wwb_money(r->amounts[ANKER_WWB_AMOUNT_BIJSTAND]);
	wwb_say(r, "aio_amount", ART("47a"),
		"AIO: " T_NL " per maand, de norm op pensioengerechtigde leeftijd min het "
		"meegetelde inkomen, met dezelfde vermogenstoets.",
		"AIO: " T_EN " a month, the pension-age norm minus the counted income, with "
		"the same asset test.",
		MONEY(m));
}

static void routes(struct wwb_eval *e)
{
	if (e->claimant_pension == WWB_PENSION_REACHED) {
		e->r->routes |= ANKER_WWB_ROUTE_AIO;
		wwb_say(e->r, "route_aio", ART("47a"),
			"Pensioengerechtigde leeftijd: de SVB voert de bijstand uit "
			"(aanvullende inkomensvoorziening ouderen, AIO), niet de gemeente.",
			"Pension age: the SVB, not the municipality, provides the bijstand "
			"(AIO, the supplementary income provision for the elderly).");
		aio_amount(e);
	}
	route_ioaw(e);
	if (e->claimant_age < EARLY_REPORT_AGE) {
		char day[ANKER_DATE_TEXT_SIZE];
		anker_date_format(anker_date_add_days(e->date, -EARLY_REPORT_DAYS), day);
		e->r->routes |= ANKER_WWB_ROUTE_EARLY_REPORT;
		wwb_say(e->r, "route_early_report", ART("41(6)"),
			"Jonger dan 27: mag zich 4 weken voor het einde van de WW melden voor "
			"bijstand, dus vanaf %s als de WW op de peildatum eindigt.",
			"Under 27: may report for bijstand 4 weeks before the WW ends, so from %s "
			"if the WW ends on the reference date.",
			day);
	}
}

static void verdict(struct wwb_eval *e)
{
	struct anker_wwb_result *r = e->r;
	if (e->income_too_high || e->assets_too_high) {
		bool both = e->income_too_high && e->assets_too_high;
		r->verdict = ANKER_WWB_PROBABLY_NOT_ENTITLED;
		wwb_say(r, "verdict", ART("11"),
			"Oordeel: waarschijnlijk geen recht op bijstand (" T_NL T_NL T_NL ").",
			"Verdict: probably not entitled to bijstand (" T_EN T_EN T_EN ").",
			PAIR(e->income_too_high ? "inkomen niet onder de norm" : "",
			     e->income_too_high ? "income not below the norm" : ""),
			PAIR(both ? " en " : "", both ? " and " : ""),
			PAIR(e->assets_too_high ? "vermogen boven de grens" : "",
			     e->assets_too_high ? "assets above the limit" : ""));
	} else if (r->n_missing > 0) {
		r->verdict = ANKER_WWB_UNKNOWN;
		wwb_say(r, "verdict", ART("11"),
			"Oordeel: onbekend; er ontbreken %zu gegeven(s) voor een oordeel.",
			"Verdict: unknown; %zu fact(s) are missing for a verdict.", r->n_missing);
	} else {
		r->verdict = ANKER_WWB_PROBABLY_ENTITLED;
		wwb_say(r, "verdict", ART("11"),
			"Oordeel: waarschijnlijk recht op bijstand" T_NL ".",
			"Verdict: probably entitled to bijstand" T_EN ".",
			PAIR(r->loan ? " (als geldlening)" : "", r->loan ? " (as a loan)" : ""));
	}
}

static int reference_date(const struct anker_wwb_household *hh, const char *text,
			  struct anker_error *err, struct anker_date *ret)
{
	if (text)
		return wwb_parse_date_arg(text, "reference_date", err, ret);
	if (!hh->has_reference_date) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.path = "$.reference_date";
		where.field = "reference_date";
		return anker_fail(err, ANKER_E_MISSING_KEY, where,
				  "no reference date: give one or set $.reference_date");
	}
	*ret = hh->reference_date;
	return 0;
}

ANKER_EXPORT int anker_wwb_evaluate(const struct anker_wwb_norms *norms,
				    const struct anker_wwb_household *household,
				    const char *reference_date_text, struct anker_error *err,
				    struct anker_wwb_result **ret)
{
	if (!norms || !household || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_wwb_evaluate: norms, household and ret are required");
	struct wwb_eval e = {.norms = norms, .hh = household};
	int r = reference_date(household, reference_date_text, err, &e.date);
	if (r < 0)
		return r;
	e.table = wwb_find_norms(norms, e.date, err, &r);
	if (!e.table)
		return r;
	r = check_ages(&e, err);
	if (r < 0)
		return r;
	pension_states(&e);
	e.r = wwb_result_new(norms->ctx);
	if (!e.r)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	anker_date_format(e.date, e.r->reference_date);
	anker_date_format(e.table->period.from, e.r->norms_valid_from);
	say_table(&e);
	wwb_eval_norm(&e);
	wwb_eval_income(&e);
	wwb_eval_assets(&e);
	routes(&e);
	verdict(&e);
	if (wwb_result_failed(e.r)) {
		anker_wwb_result_free(e.r);
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	}
	*ret = e.r;
	anker_error_clear(err);
	return 0;
}
