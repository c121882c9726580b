/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One run of the WWB-toets, shared by its steps: the norm (eval-norm.c), the
 * cost-sharers (eval-cost-sharers.c), income and assets (eval-means.c), and
 * the routes and the verdict (evaluate.c). Each step adds its reasoning lines
 * and missing facts to the result and records what it established here.
 */
#ifndef ANKER_WWB_EVAL_PRIVATE_H
#define ANKER_WWB_EVAL_PRIVATE_H

#include "household-private.h"
#include "money.h"
#include "norms-private.h"
#include "result-private.h"

/* The articles the lines cite. */
#define ART(x) "Participatiewet art. " x

struct wwb_eval {
	const struct anker_wwb_norms *norms;
	const struct anker_wwb_household *hh;
	struct anker_date date;
	const struct wwb_norms_table *table;
	struct anker_wwb_result *r;
	int claimant_age, partner_age; /* whole years on the date */
	enum wwb_pension_state claimant_pension, partner_pension;
	bool norm_known;
	long long norm; /* the household's, including holiday allowance */
	bool income_known;
	long long income; /* counted */
	/* Known reasons for "probably not entitled", whatever else is missing. */
	bool income_too_high, assets_too_high;
};

/* The household type, the age groups, the norm and its holiday-allowance split. */
void wwb_eval_norm(struct wwb_eval *e);

/*
 * The cost-sharers of art. 19a among the housemates: how many count
 * (*ret_counted), and false when that cannot be known (facts missing).
 */
bool wwb_eval_cost_sharers(struct wwb_eval *e, int *ret_counted);

/* Income against the norm, then assets and home equity against their limits. */
void wwb_eval_income(struct wwb_eval *e);
void wwb_eval_assets(struct wwb_eval *e);

/* A text in both languages, for tables of names. */
struct wwb_text {
	const char *nl, *en;
};

/* "€ 1.401,50" and "€1,401.50" of one amount, for the two formats of a line. */
struct wwb_money_texts {
	char nl[WWB_MONEY_TEXT_SIZE];
	char en[WWB_MONEY_TEXT_SIZE];
};
struct wwb_money_texts wwb_money(long long cents);

/*
 * A text that differs by language in a line: pass PAIR(nl, en) (or MONEY(m))
 * as two arguments and write T_NL in the Dutch format, T_EN in the English
 * one. Each consumes both arguments and prints one ("%.0s" prints nothing), so
 * both formats take the same arguments and the compiler checks them.
 */
#define PAIR(nl, en) (nl), (en)
#define MONEY(m)     (m).nl, (m).en
#define T_NL	     "%s%.0s"
#define T_EN	     "%.0s%s"

#endif
