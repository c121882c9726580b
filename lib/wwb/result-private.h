/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The result of the WWB-toets as it is built: amounts, routes, the facts that
 * are missing, and the reasoning lines in Dutch and English. Building never
 * fails halfway: an allocation failure is remembered and reported once at the
 * end (wwb_result_failed()).
 */
#ifndef ANKER_WWB_RESULT_PRIVATE_H
#define ANKER_WWB_RESULT_PRIVATE_H

#include <stdbool.h>

#include "../core/date.h"
#include "../core/private.h"

#define WWB_N_AMOUNTS 10

struct wwb_line {
	const char *code;    /* static */
	const char *article; /* static */
	char *text[2];	     /* enum anker_wwb_language */
};

struct anker_wwb_result {
	struct anker_ctx *ctx;
	int verdict;
	long long amounts[WWB_N_AMOUNTS];
	bool has_amount[WWB_N_AMOUNTS];
	int cost_sharers;
	unsigned int routes;
	bool loan;
	char reference_date[ANKER_DATE_TEXT_SIZE];
	char norms_valid_from[ANKER_DATE_TEXT_SIZE];
	const char *household_type; /* static */
	const char *norm_name;	    /* static */
	struct wwb_line *lines;
	size_t n_lines, cap_lines;
	char **missing;
	size_t n_missing, cap_missing;
	bool out_of_memory;
};

struct anker_wwb_result *wwb_result_new(struct anker_ctx *ctx);

/*
 * Add a reasoning line. Both formats take the same arguments in the same
 * order (see PAIR() in eval-private.h); both are checked by the compiler.
 * The arguments are evaluated twice, so they must have no side effects.
 */
#define wwb_say(r, code, article, format_nl, format_en, ...)                                       \
	wwb_add_line((r), (code), (article), wwb_format((r), format_nl, ##__VA_ARGS__),            \
		     wwb_format((r), format_en, ##__VA_ARGS__))

/* A formatted text in the result's context memory, or NULL (the result remembers it). */
char *wwb_format(struct anker_wwb_result *r, const char *format, ...) ANKER_PRINTF(2, 3);

/* Add a line whose texts wwb_format() made; takes them over, NULL ones included. */
void wwb_add_line(struct anker_wwb_result *r, const char *code, const char *article, char *text_nl,
		  char *text_en);

/* Add a missing fact: a JSON path of the household, or "norms:" and a figure. */
void wwb_missing(struct anker_wwb_result *r, const char *format, ...) ANKER_PRINTF(2, 3);

void wwb_set_amount(struct anker_wwb_result *r, int which, long long cents);

bool wwb_result_failed(const struct anker_wwb_result *r);

#endif
