/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WWB-toets as an instrument of an assessment profile (docs/assessment.md,
 * "The WWB-toets as an instrument"). A profile's optional "wwb" member names
 * an alias and the norms files, each pinned by SHA-256. The case supplies the
 * household as "<ALIAS>.<field>" values (the flat fields of
 * anker_wwb_household_field_name(), plus "<ALIAS>.assessment_date"), and the
 * rule table reads its outputs as "<ALIAS>.verdict", "<ALIAS>.expected_bijstand"
 * and so on. The record gets a "wwb" member with the outputs and the reasoning.
 */
#ifndef ANKER_ASSESS_INSTRUMENT_WWB_H
#define ANKER_ASSESS_INSTRUMENT_WWB_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "../model/load-json.h"

struct anker_profile;
struct anker_assessment;
struct anker_case;
struct p_wwb;
struct a_wwb;

/* p_source.instrument of a rule-table input that the WWB-toets supplies. */
#define P_SOURCE_WWB ((size_t)-1)

/* $.wwb of a profile, when present: alias and pinned norms into p->wwb. */
int wwb_instrument_load(struct jr *jr, json_t *root, const char *profile_path,
			struct anker_profile *p);

void wwb_instrument_free(struct anker_ctx *ctx, struct p_wwb *w);

/* Does rule-table input @p name ("WWB.verdict") belong to the WWB-toets? */
bool wwb_instrument_owns(const struct p_wwb *w, const char *name);

/*
 * The output @p name (after the dot): its index, whether it is a level and
 * its levels; -1 when there is no such output.
 */
int wwb_instrument_find_output(const struct p_wwb *w, const char *name, bool *ret_level,
			       const char *const **ret_levels, size_t *ret_n_levels);

/*
 * Every case value the WWB-toets reads, "<ALIAS>.<field>", each with its NUL,
 * one after the other (the profile's list of the variables a case gives);
 * @p ret_count of them; NULL for memory.
 */
char *wwb_instrument_case_fields(struct anker_ctx *ctx, const struct p_wwb *w, size_t *ret_count);

/* Evaluate the household the case holds; errors name the case field. */
int wwb_instrument_assess(const struct p_wwb *w, const struct anker_case *c,
			  struct anker_error *err, struct a_wwb **ret);

void wwb_instrument_result_free(struct anker_ctx *ctx, struct a_wwb *res);

/* Put output @p output into the rule table's case as @p name (missing when undefined). */
int wwb_instrument_set_input(const struct p_wwb *w, const struct a_wwb *res, size_t output,
			     const char *name, struct anker_case *rc);

/*
 * Output @p output for the record: a level's name, or NULL with the number in
 * @p ret_number (NaN when undefined, and for an undefined level).
 */
const char *wwb_instrument_get_output(const struct a_wwb *res, size_t output, double *ret_number);

/* The record's "wwb" member: pins, outputs, reasoning lines and missing facts; NULL for memory. */
json_t *wwb_instrument_record(const struct p_wwb *w, const struct a_wwb *res);

#endif
