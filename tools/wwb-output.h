/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The forms `anker wwb` writes a WWB-toets result in: text for people (one
 * case), one JSON object (a case, or an element of a caseload's array), and
 * one CSV row of a caseload.
 */
#ifndef ANKER_TOOLS_WWB_OUTPUT_H
#define ANKER_TOOLS_WWB_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include <anker/anker.h>

/* The result as a JSON object (docs/wwb-toets.md, "Output"); NULL when out of memory. */
json_t *wwb_result_json(const struct anker_wwb_result *r);

/* The result for people: verdict, amounts, routes, missing facts, then every line. */
void wwb_result_text(FILE *out, const struct anker_wwb_result *r, int language);

/* The CSV header of a caseload, and one row ("id" first). */
void wwb_csv_header(FILE *out);
void wwb_csv_row(FILE *out, const char *id, size_t id_len, const struct anker_wwb_result *r);

/* Cents as "1401.50" (euros, a decimal point, two decimals). */
#define WWB_EUROS_SIZE 32
const char *wwb_euros(long long cents, char buf[WWB_EUROS_SIZE]);

#endif
