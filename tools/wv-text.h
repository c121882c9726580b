/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fixed texts of `anker werkverkenner` in Dutch and English. The model
 * files carry their own texts (questions, factors, advice); these are the
 * program's headings and phrases around them. Every entry has both
 * languages: tests/cli/test_werkverkenner_cli.py checks the table through
 * `anker werkverkenner --texts`.
 */
#ifndef ANKER_TOOLS_WV_TEXT_H
#define ANKER_TOOLS_WV_TEXT_H

#include <stddef.h>

enum wv_text_id {
	WV_TITLE,
	WV_CHANCE,
	WV_BAND,
	WV_NOT_COMPLETED,
	WV_MISSING_ITEMS,
	WV_BECAUSE,
	WV_FACTORS,
	WV_NO_FACTORS,
	WV_SOFT,
	WV_HARD,
	WV_FOLLOWUP,
	WV_FIRST_ESTIMATE,
	WV_NOW,
	WV_DROP,
	WV_FLAGGED,
	WV_NOT_FLAGGED,
	WV_SCALE,
	WV_FACTOR_CHART,
	WV_FACTOR_CHART_DESC,
	WV_SCALE_DESC,
	WV_NEXT_STEP,
	WV_SYNTHETIC_NOTE,
	WV_SCORE_OF,
	WV_DECISION,
	WV_SOFT_SHORT,
	WV_FACTOR_KIND,
	WV_N_TEXTS
};

/* The text @p id in @p lang ("nl" or "en"). */
const char *wv_text(enum wv_text_id id, const char *lang);

/* Room for wv_decimal() and wv_percent(): any double, a sign and "%". */
#define WV_NUMBER_SIZE 48

/*
 * @p x with one decimal in @p lang's convention: a decimal comma in Dutch
 * ("83,5"), a point in English. Written into @p buf, which is returned. The
 * C library's printf gives the point whatever the locale, so the comma is
 * the language's, not the process's.
 */
const char *wv_decimal(char buf[WV_NUMBER_SIZE], double x, const char *lang);

/* The chance @p p (0 to 1) as a percentage: wv_decimal(100 p) and "%". */
const char *wv_percent(char buf[WV_NUMBER_SIZE], double p, const char *lang);

/* For the translation check: the key of @p id and both texts. */
void wv_text_entry(enum wv_text_id id, const char **key, const char **nl, const char **en);

#endif
