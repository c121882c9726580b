/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Which norm applies (art. 20-22a): the household type, the age group of
 * claimant and partner on the reference date, the kostendelersnorm when
 * cost-sharers live in the home, the supplement for 18-20 year-olds, and the
 * split into the norm without holiday allowance (art. 19(3)).
 */
#include "eval-private.h"

struct wwb_money_texts wwb_money(long long cents)
{
	struct wwb_money_texts m;
	wwb_money_nl(cents, m.nl);
	wwb_money_en(cents, m.en);
	return m;
}

static void say_household_type(struct wwb_eval *e)
{
	const struct anker_wwb_household *hh = e->hh;
	struct anker_wwb_result *r = e->r;
	if (hh->partner.present) {
		r->household_type = "couple";
		wwb_say(r, "household_type", ART("3"), "Gehuwden of samenwonenden: gezinsnorm.",
			"Married or cohabiting partners: the couple norm.");
	} else if (hh->children > 0) {
		r->household_type = "single_parent";
		wwb_say(r, "household_type", ART("4"),
			"Alleenstaande ouder met %d minderjarig(e) kind(eren): norm als "
			"alleenstaande, vermogensgrens als gezin.",
			"Single parent with %d minor child(ren): the single norm, the family "
			"asset limit.",
			hh->children);
	} else {
		r->household_type = "single";
		wwb_say(r, "household_type", ART("4"), "Alleenstaande.", "Single person.");
	}
}

/* One person's age group, and a missing fact when their pension age is unknown. */
static void say_age(struct wwb_eval *e, const char *who_nl, const char *who_en, const char *path,
		    struct anker_date birth, int age, enum wwb_pension_state pension)
{
	struct anker_date pension_day = {0};
	bool known = false;
	char day[ANKER_DATE_TEXT_SIZE] = "?";
	(void)wwb_pension_state(e->norms, birth, e->date, &pension_day, &known);
	if (known)
		anker_date_format(pension_day, day);
	if (pension == WWB_PENSION_REACHED) {
		wwb_say(e->r, "age_group", "AOW art. 7a",
			T_NL " is %d jaar en heeft de pensioengerechtigde leeftijd bereikt" T_NL
			     "%s.",
			T_EN " is %d and has reached pension age" T_EN "%s.", PAIR(who_nl, who_en),
			age, PAIR(known ? " op " : "", known ? " on " : ""), known ? day : "");
	} else if (pension == WWB_PENSION_UNKNOWN) {
		wwb_say(e->r, "age_group", "AOW art. 7a",
			T_NL " is %d jaar; de pensioengerechtigde leeftijd voor deze "
			     "geboortedatum staat niet in de tabel.",
			T_EN " is %d; the pension age for this date of birth is not in the table.",
			PAIR(who_nl, who_en), age);
		wwb_missing(e->r, "norms:pension_age(%s)", path);
	} else if (age < 21) {
		wwb_say(e->r, "age_group", ART("20"), T_NL " is %d jaar: jongerennorm (18-20).",
			T_EN " is %d: the norm for 18-20 year-olds.", PAIR(who_nl, who_en), age);
	} else {
		wwb_say(e->r, "age_group", ART("21"),
			T_NL " is %d jaar: 21 jaar tot de pensioengerechtigde leeftijd" T_NL
			     "%s" T_NL ".",
			T_EN " is %d: 21 to pension age" T_EN "%s" T_EN ".", PAIR(who_nl, who_en),
			age,
			PAIR(known ? " (bereikt op "
				   : " (voor deze geboortedatum nog niet bij wet "
				     "vastgesteld",
			     known ? " (reached on "
				   : " (not yet fixed by law for this date of "
				     "birth"),
			known ? day : "", PAIR(")", ")"));
	}
}

/* The key of the norms table for the household, or -1 when pension age is unknown. */
static int choose_norm(const struct wwb_eval *e)
{
	const struct anker_wwb_household *hh = e->hh;
	bool couple = hh->partner.present;
	if (e->claimant_pension == WWB_PENSION_UNKNOWN ||
	    (couple && e->partner_pension == WWB_PENSION_UNKNOWN))
		return -1;
	bool pension = e->claimant_pension == WWB_PENSION_REACHED ||
		       (couple && e->partner_pension == WWB_PENSION_REACHED);
	if (!couple)
		return pension		      ? WWB_NORM_SINGLE_PENSION
		       : e->claimant_age < 21 ? WWB_NORM_SINGLE_18_20
					      : WWB_NORM_SINGLE;
	if (pension)
		return WWB_NORM_COUPLE_PENSION;
	int young = (e->claimant_age < 21) + (e->partner_age < 21);
	bool children = hh->children > 0;
	if (young == 0)
		return WWB_NORM_COUPLE;
	if (young == 1)
		return children ? WWB_NORM_COUPLE_MIXED_CHILDREN : WWB_NORM_COUPLE_MIXED;
	return children ? WWB_NORM_COUPLE_18_20_CHILDREN : WWB_NORM_COUPLE_18_20;
}

static const char *const norm_articles[WWB_N_NORMS] = {
    ART("21(a)"), ART("21(b)"), ART("20"),  ART("20"),	ART("20"),
    ART("20"),	  ART("20"),	ART("22a"), ART("22a"),
};

/* The figure @p name is not in the table in force: say so, and list it as missing. */
static void not_in_table(struct wwb_eval *e, const char *name)
{
	wwb_say(e->r, "not_in_table", "",
		"Het bedrag '%s' staat niet in de normentabel van %s; geen schatting.",
		"The figure '%s' is not in the norms table of %s; no estimate.", name,
		e->r->norms_valid_from);
	wwb_missing(e->r, "norms:%s", name);
}

/*
 * The kostendelersnorm (art. 22; art. 22a at pension age) for @p counted
 * cost-sharing housemates: A counts the claimant, the partner and them; a
 * couple gets the norm per person twice. Returns false when it cannot be set.
 */
static bool cost_sharing_norm(struct wwb_eval *e, int norm, int counted, long long *ret)
{
	bool couple = e->hh->partner.present;
	if (couple && (e->claimant_age < 21) != (e->partner_age < 21)) {
		wwb_say(e->r, "not_covered", ART("22"),
			"Een partner van 18-20 jaar in een woning met kostendelers: deze "
			"combinatie berekent de toets niet.",
			"A partner aged 18-20 in a home with cost-sharers: the toets does not "
			"compute this combination.");
		wwb_missing(e->r, "not_covered:partner_18_20_with_cost_sharers");
		return false;
	}
	bool pension = norm == WWB_NORM_SINGLE_PENSION || norm == WWB_NORM_COUPLE_PENSION;
	int base_key = pension ? WWB_NORM_COUPLE_PENSION : WWB_NORM_COUPLE;
	long long base = e->table->norms[base_key];
	if (base == WWB_ABSENT) {
		not_in_table(e, wwb_norm_names[base_key]);
		return false;
	}
	int a = 1 + (couple ? 1 : 0) + counted;
	/* The couple alone never makes a kostendelersnorm; with a cost-sharer both count in A. */
	wwb_say(e->r, "cost_sharers", ART("19a(1)"),
		"A = %d: de aanvrager" T_NL " en %d kostendelende huisgeno(o)t(en).",
		"A = %d: the claimant" T_EN " and %d cost-sharing housemate(s).", a,
		PAIR(couple ? ", de partner (als echtgenoot geen kostendeler, wel in A)" : "",
		     couple ? ", the partner (as the spouse no cost-sharer, but in A)" : ""),
		counted);
	long long each = wwb_cost_sharing_norm(base, a);
	struct wwb_money_texts b = wwb_money(base), m = wwb_money(each);
	wwb_say(e->r, "cost_sharing_norm", pension ? ART("22a") : ART("22"),
		"Kostendelersnorm met A = %d: (40%% + %d x 30%%) / %d x " T_NL " = " T_NL
		" per persoon (afgerond op de cent, halve centen naar boven)" T_NL ".",
		"Kostendelersnorm with A = %d: (40%% + %d x 30%%) / %d x " T_EN " = " T_EN
		" per person (rounded to the cent, half a cent up)" T_EN ".",
		a, a, a, MONEY(b), MONEY(m),
		PAIR(couple ? "; de partners samen het dubbele" : "",
		     couple ? "; twice that for the two partners" : ""));
	e->r->cost_sharers = a;
	*ret = couple ? 2 * each : each;
	return true;
}

/* The supplement for 18-20 year-olds who cannot rely on their parents (from 2026). */
static long long youth_supplement(struct wwb_eval *e, const struct wwb_person *p, int age,
				  const char *path)
{
	if (age >= 21 || e->claimant_pension == WWB_PENSION_REACHED)
		return 0;
	if (e->table->youth_supplement == WWB_ABSENT) {
		wwb_say(e->r, "youth_supplement", ART("20"),
			"De normentabel van %s kent geen toeslag voor 18-20-jarigen.",
			"The norms table of %s has no supplement for 18-20 year-olds.",
			e->r->norms_valid_from);
		return 0;
	}
	struct wwb_money_texts m = wwb_money(e->table->youth_supplement);
	if (p->parents_cannot_support == WWB_UNKNOWN) {
		wwb_say(
		    e->r, "youth_supplement", ART("20"),
		    "Niet opgegeven of een 18-20-jarige op de ouders kan terugvallen (toeslag " T_NL
		    ").",
		    "Not stated whether an 18-20 year-old can rely on their parents "
		    "(supplement " T_EN ").",
		    MONEY(m));
		wwb_missing(e->r, "%s.parents_cannot_support", path);
		return 0;
	}
	if (p->parents_cannot_support == WWB_NO)
		return 0;
	wwb_say(e->r, "youth_supplement", ART("20"),
		"Toeslag voor een 18-20-jarige die niet op de ouders kan terugvallen: " T_NL ".",
		"Supplement for an 18-20 year-old who cannot rely on their parents: " T_EN ".",
		MONEY(m));
	return e->table->youth_supplement;
}

static void set_norm(struct wwb_eval *e, long long norm)
{
	long long without = wwb_without_holiday_allowance(norm);
	struct wwb_money_texts n = wwb_money(norm), w = wwb_money(without),
			       h = wwb_money(norm - without);
	wwb_say(e->r, "holiday_allowance", ART("19(3)"),
		"Norm inclusief vakantietoeslag " T_NL "; zonder vakantietoeslag (95%%, "
		"afgerond op de cent) " T_NL "; vakantietoeslag " T_NL ".",
		"Norm including holiday allowance " T_EN "; without it (95%%, rounded to the "
		"cent) " T_EN "; holiday allowance " T_EN ".",
		MONEY(n), MONEY(w), MONEY(h));
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_NORM, norm);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_NORM_WITHOUT_HOLIDAY, without);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_HOLIDAY_ALLOWANCE, norm - without);
	e->norm = norm;
	e->norm_known = true;
}

void wwb_eval_norm(struct wwb_eval *e)
{
	const struct anker_wwb_household *hh = e->hh;
	say_household_type(e);
	say_age(e, "De aanvrager", "The claimant", "$.claimant.birth_date", hh->claimant.birth,
		e->claimant_age, e->claimant_pension);
	if (hh->partner.present)
		say_age(e, "De partner", "The partner", "$.partner.birth_date", hh->partner.birth,
			e->partner_age, e->partner_pension);

	int counted = 0;
	bool sharers_known = true;
	if (e->claimant_age >= 21)
		sharers_known = wwb_eval_cost_sharers(e, &counted);
	else if (hh->n_housemates > 0)
		wwb_say(e->r, "cost_sharing_norm", ART("22(1)"),
			"De kostendelersnorm geldt niet: de aanvrager is jonger dan 21.",
			"The kostendelersnorm does not apply: the claimant is younger than 21.");
	int key = choose_norm(e);
	if (key < 0 || !sharers_known)
		return;
	long long norm = e->table->norms[key];
	if (counted > 0) {
		if (!cost_sharing_norm(e, key, counted, &norm))
			return;
		e->r->norm_name = "cost_sharing";
	} else if (norm == WWB_ABSENT) {
		not_in_table(e, wwb_norm_names[key]);
		return;
	} else {
		struct wwb_money_texts m = wwb_money(norm);
		e->r->norm_name = wwb_norm_names[key];
		wwb_say(e->r, "norm", norm_articles[key], "Norm '%s': " T_NL " per maand.",
			"Norm '%s': " T_EN " a month.", wwb_norm_names[key], MONEY(m));
	}
	norm += youth_supplement(e, &hh->claimant, e->claimant_age, "$.claimant");
	if (hh->partner.present)
		norm += youth_supplement(e, &hh->partner, e->partner_age, "$.partner");
	set_norm(e, norm);
}
