/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The household's means: income against the norm (art. 31-32, with the
 * earnings disregard of art. 31(2)(n)) and assets against the asset limit
 * (art. 34), with the home-equity test of art. 50.
 */
#include "eval-private.h"

static const struct wwb_text source_texts[] = {
    [WWB_INCOME_EARNINGS] = {"inkomsten uit arbeid", "earnings"},
    [WWB_INCOME_BENEFIT] = {"uitkering", "benefit"},
    [WWB_INCOME_PENSION] = {"pensioen", "pension"},
    [WWB_INCOME_ALIMONY] = {"alimentatie", "alimony"},
    [WWB_INCOME_OTHER] = {"overig inkomen", "other income"},
    [WWB_INCOME_CHILD_BENEFIT] = {"kinderbijslag", "child benefit"},
    [WWB_INCOME_CHILD_BUDGET] = {"kindgebonden budget", "child budget"},
    [WWB_INCOME_ALLOWANCE] = {"toeslag (huur- of zorgtoeslag)", "allowance (rent or health care)"},
};

/*
 * The earnings disregard of one person, or -1 when the table lacks it. It runs
 * for at most the table's months (6): with that many used before, it stops.
 * When the months used are not given it is computed as in its first month,
 * and *ret_unsure says so, for wwb_eval_income() to check whether the verdict
 * depends on it.
 */
static long long disregard(struct wwb_eval *e, long long earnings, const struct wwb_person *p,
			   const char *who_nl, const char *who_en, bool *ret_unsure)
{
	const struct wwb_norms_table *t = e->table;
	int used = p->disregard_months_used;
	if (earnings == 0)
		return 0;
	if (t->disregard_percent == 0)
		return -1;
	if (used >= t->disregard_months) {
		wwb_say(e->r, "earnings_disregard", ART("31(2)(n)"),
			"Geen vrijlating " T_NL ": de vrijlating duurt ten hoogste %d maanden, en "
			"er zijn er %d gebruikt.",
			"No disregard " T_EN ": the disregard lasts at most %d months, and %d have "
			"been used.",
			PAIR(who_nl, who_en), t->disregard_months, used);
		return 0;
	}
	long long part = wwb_percent_of(earnings, t->disregard_percent);
	long long amount = part < t->disregard_max ? part : t->disregard_max;
	struct wwb_money_texts m = wwb_money(amount), max = wwb_money(t->disregard_max);
	if (used < 0) {
		*ret_unsure = true;
		wwb_say(e->r, "earnings_disregard", ART("31(2)(n)"),
			"Vrijlating " T_NL ": %d%% van de inkomsten uit arbeid, ten hoogste " T_NL
			", gedurende ten hoogste %d maanden: " T_NL
			". Hoeveel maanden al gebruikt zijn, is niet opgegeven: berekend als de "
			"eerste maand.",
			"Disregard " T_EN ": %d%% of earnings, at most " T_EN ", for at most %d "
			"months: " T_EN ". How many months were used before is not given: computed "
			"as the first month.",
			PAIR(who_nl, who_en), t->disregard_percent, MONEY(max), t->disregard_months,
			MONEY(m));
		return amount;
	}
	wwb_say(e->r, "earnings_disregard", ART("31(2)(n)"),
		"Vrijlating " T_NL ": %d%% van de inkomsten uit arbeid, ten hoogste " T_NL ": " T_NL
		"; maand %d van ten hoogste %d, daarna stopt de vrijlating.",
		"Disregard " T_EN ": %d%% of earnings, at most " T_EN ": " T_EN
		"; month %d of at most %d, after which the disregard stops.",
		PAIR(who_nl, who_en), t->disregard_percent, MONEY(max), MONEY(m), used + 1,
		t->disregard_months);
	return amount;
}

/*
 * When a disregard was computed without the months used, and without it the
 * income would reach the norm, the verdict depends on that fact: it is missing.
 */
static void disregard_decides(struct wwb_eval *e, const bool unsure[2], const long long off[2],
			      long long counted, long long bijstand)
{
	static const char *const paths[] = {"$.claimant", "$.partner"};
	for (int who = 0; who < 2; who++) {
		if (!unsure[who] || bijstand == 0 || e->norm > counted + off[who])
			continue;
		wwb_say(e->r, "earnings_disregard_decides", ART("31(2)(n)"),
			"Zonder de vrijlating (" T_NL
			") is het inkomen niet onder de norm: het oordeel "
			"hangt af van hoeveel maanden vrijlating al gebruikt zijn.",
			"Without the disregard (" T_EN
			") the income is not below the norm: the verdict "
			"depends on how many months of disregard were used before.",
			PAIR(who ? "partner" : "aanvrager", who ? "partner" : "claimant"));
		wwb_missing(e->r, "%s.disregard_months_used", paths[who]);
	}
}

void wwb_eval_income(struct wwb_eval *e)
{
	const struct anker_wwb_household *hh = e->hh;
	if (!hh->has_income) {
		wwb_say(e->r, "income", ART("31"), "Het inkomen is niet opgegeven.",
			"The income is not given.");
		wwb_missing(e->r, "$.income");
		return;
	}
	long long counted = 0, earnings[2] = {0, 0};
	for (size_t i = 0; i < hh->n_incomes; i++) {
		const struct wwb_income *in = &hh->incomes[i];
		struct wwb_money_texts m = wwb_money(in->cents);
		const char *s_nl = source_texts[in->source].nl, *s_en = source_texts[in->source].en;
		if (in->source >= WWB_INCOME_FIRST_NOT_COUNTED) {
			wwb_say(e->r, "income_not_counted", ART("31(2)"),
				"Niet meegeteld: " T_NL " " T_NL ".",
				"Not counted: " T_EN " " T_EN ".", PAIR(s_nl, s_en), MONEY(m));
			continue;
		}
		wwb_say(e->r, "income", ART("31(1)"), "Meegeteld: " T_NL " " T_NL " (" T_NL ").",
			"Counted: " T_EN " " T_EN " (" T_EN ").", PAIR(s_nl, s_en), MONEY(m),
			PAIR(in->partner ? "partner" : "aanvrager",
			     in->partner ? "partner" : "claimant"));
		counted += in->cents;
		if (in->source == WWB_INCOME_EARNINGS)
			earnings[in->partner] += in->cents;
	}
	bool unsure[2] = {false, false};
	long long off[2] = {
	    disregard(e, earnings[0], &hh->claimant, "aanvrager", "claimant", &unsure[0]),
	    disregard(e, earnings[1], &hh->partner, "partner", "partner", &unsure[1])};
	if (off[0] < 0 || off[1] < 0) {
		wwb_say(e->r, "not_in_table", ART("31(2)(n)"),
			"De vrijlating van inkomsten uit arbeid staat niet in de normentabel van "
			"%s; geen schatting.",
			"The earnings disregard is not in the norms table of %s; no estimate.",
			e->r->norms_valid_from);
		wwb_missing(e->r, "norms:earnings_disregard");
		return;
	}
	counted -= off[0] + off[1];
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_DISREGARDED, off[0] + off[1]);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_INCOME, counted);
	e->income = counted;
	e->income_known = true;
	if (!e->norm_known)
		return;
	long long bijstand = e->norm > counted ? e->norm - counted : 0;
	struct wwb_money_texts n = wwb_money(e->norm), c = wwb_money(counted),
			       b = wwb_money(bijstand);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_BIJSTAND, bijstand);
	e->income_too_high = bijstand == 0;
	wwb_say(e->r, "bijstand", ART("19(1)"),
		"Norm " T_NL " min meegeteld inkomen " T_NL " = " T_NL
		" bijstand per maand (niet minder dan nul).",
		"Norm " T_EN " minus counted income " T_EN " = " T_EN
		" bijstand a month (not below zero).",
		MONEY(n), MONEY(c), MONEY(b));
	disregard_decides(e, unsure, off, counted, bijstand);
}

static void assets_counted(struct wwb_eval *e, long long *ret)
{
	static const struct wwb_text kinds[] = {
	    [WWB_ASSET_SAVINGS] = {"spaargeld", "savings"},
	    [WWB_ASSET_OTHER] = {"overig vermogen", "other assets"},
	    [WWB_ASSET_DEBT] = {"schulden", "debts"},
	    [WWB_ASSET_HOUSEHOLD_GOODS] = {"normale inboedel", "ordinary household goods"},
	    [WWB_ASSET_IMMATERIAL_DAMAGE] = {"smartengeld", "compensation for immaterial "
							    "damage"},
	};
	long long total = 0;
	for (size_t i = 0; i < e->hh->n_assets; i++) {
		const struct wwb_asset *a = &e->hh->assets[i];
		struct wwb_money_texts m = wwb_money(a->cents);
		const char *k_nl = kinds[a->kind].nl, *k_en = kinds[a->kind].en;
		if (a->kind >= WWB_ASSET_FIRST_NOT_COUNTED) {
			wwb_say(e->r, "asset_not_counted", ART("34(2)"),
				"Niet meegeteld: " T_NL " " T_NL ".",
				"Not counted: " T_EN " " T_EN ".", PAIR(k_nl, k_en), MONEY(m));
			continue;
		}
		bool debt = a->kind == WWB_ASSET_DEBT;
		total += debt ? -a->cents : a->cents;
		wwb_say(e->r, "assets", ART("34(1)"), T_NL " " T_NL " %s.", T_EN " " T_EN " %s.",
			PAIR(k_nl, k_en), MONEY(m), debt ? "(-)" : "(+)");
	}
	*ret = total > 0 ? total : 0;
}

/*
 * Gifts of the year (domain notes: "From 2026 gifts up to 1,200 a year do not
 * count as means"): the part above what the table exempts, and all of it
 * under a table without the rule, counts as assets the household can dispose
 * of (art. 34(1)).
 */
static void gifts(struct wwb_eval *e, const struct wwb_asset_table *t, long long *counted)
{
	long long given = e->hh->gifts;
	if (!e->hh->has_gifts || given == 0)
		return;
	long long free_max = t->gifts_not_counted_per_year;
	long long free_part = free_max == WWB_ABSENT ? 0 : given < free_max ? given : free_max;
	struct wwb_money_texts g = wwb_money(given), rest = wwb_money(given - free_part),
			       max = wwb_money(free_max == WWB_ABSENT ? 0 : free_max);
	if (free_max == WWB_ABSENT)
		wwb_say(e->r, "gifts", ART("34(1)"),
			"Giften dit jaar " T_NL ": deze tabel kent geen vrijstelling van giften "
			"(die geldt vanaf 2026); alles telt als vermogen.",
			"Gifts this year " T_EN
			": this table has no exemption for gifts (it applies "
			"from 2026); all of it counts as assets.",
			MONEY(g));
	else
		wwb_say(e->r, "gifts", ART("31(2)"),
			"Giften dit jaar " T_NL ": tot " T_NL
			" per jaar tellen niet als middelen; " T_NL " telt als vermogen.",
			"Gifts this year " T_EN ": up to " T_EN
			" a year do not count as means; " T_EN " counts as assets.",
			MONEY(g), MONEY(max), MONEY(rest));
	*counted += given - free_part;
}

static void home_equity(struct wwb_eval *e, const struct wwb_asset_table *t)
{
	if (!e->hh->has_home_equity)
		return;
	long long equity = e->hh->home_equity, limit = t->limits[WWB_LIMIT_HOME_EQUITY];
	struct wwb_money_texts q = wwb_money(equity), l = wwb_money(limit);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_HOME_EQUITY, equity);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_HOME_EQUITY_LIMIT, limit);
	if (equity <= limit) {
		wwb_say(e->r, "home_equity", ART("34(2)"),
			"Vermogen in de eigen woning " T_NL " is niet meer dan " T_NL
			": niet meegeteld.",
			"Equity in the own home " T_EN " is not above " T_EN ": not counted.",
			MONEY(q), MONEY(l));
		return;
	}
	e->r->loan = true;
	wwb_say(e->r, "home_equity", ART("50"),
		"Vermogen in de eigen woning " T_NL " is meer dan " T_NL
		": bijstand wordt een geldlening.",
		"Equity in the own home " T_EN " is above " T_EN ": bijstand becomes a loan.",
		MONEY(q), MONEY(l));
}

void wwb_eval_assets(struct wwb_eval *e)
{
	int status = 0;
	const struct wwb_asset_table *t = wwb_find_assets(e->norms, e->date, NULL, &status);
	if (!t) {
		wwb_say(e->r, "not_in_table", ART("34(3)"),
			"Geen tabel met vermogensgrenzen voor deze datum; geen schatting.",
			"No asset-limit table for this date; no estimate.");
		wwb_missing(e->r, "norms:asset_limits");
		return;
	}
	home_equity(e, t);
	if (!e->hh->has_assets) {
		wwb_say(e->r, "assets", ART("34"), "Het vermogen is niet opgegeven.",
			"The assets are not given.");
		wwb_missing(e->r, "$.assets");
		return;
	}
	long long counted = 0;
	assets_counted(e, &counted);
	gifts(e, t, &counted);
	bool family = e->hh->partner.present || e->hh->children > 0;
	long long limit = t->limits[family ? WWB_LIMIT_FAMILY : WWB_LIMIT_SINGLE];
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_ASSETS, counted);
	wwb_set_amount(e->r, ANKER_WWB_AMOUNT_ASSET_LIMIT, limit);
	struct wwb_money_texts c = wwb_money(counted), l = wwb_money(limit);
	bool above = counted > limit;
	e->assets_too_high = above;
	wwb_say(e->r, "asset_limit", ART("34(3)"),
		"Vermogen (bezittingen min schulden) " T_NL " is " T_NL " de vermogensgrens " T_NL
		" (" T_NL ").",
		"Assets (possessions minus debts) " T_EN " are " T_EN " the asset limit " T_EN
		" (" T_EN ").",
		MONEY(c), PAIR(above ? "boven" : "binnen", above ? "above" : "within"), MONEY(l),
		PAIR(family ? "gezin of alleenstaande ouder" : "alleenstaande",
		     family ? "couple or single parent" : "single"));
	if (t->assets_at_any_time && !above)
		wwb_say(e->r, "assets_at_any_time", ART("34"),
			"Vanaf 2026 geldt de vermogensgrens op elk moment in de bijstand, niet "
			"alleen bij de aanvraag: groeit het vermogen later boven " T_NL
			", dan eindigt het recht.",
			"From 2026 the asset limit applies at any time during bijstand, not only "
			"when applying: assets that later grow above " T_EN " end the right.",
			MONEY(l));
}
