/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": an advice rule table (docs/assessment.md, "Rule tables").
 *
 * Its variables are the instrument outputs it reads, named "<ALIAS>.<output>"
 * (a level output becomes a categorical variable with the output's levels, a
 * number output a numeric one with a declared range), all with the missing
 * policy ANKER_MISSING_PASS, so that a case, a batch and the CLI feed it as
 * any other model, and an output an instrument could not compute reaches the
 * rules as "missing". Its outputs are levels: one per advice field the table
 * declares, then "rule", whose levels are the rule ids. Its contributions are
 * one per rule: 1 for the rule that fired, 0 for one that did not match, NaN
 * for one not evaluated; their detail texts say why.
 */
#ifndef ANKER_KINDS_RULES_H
#define ANKER_KINDS_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "../model/kind.h"

/* Enough for any domain of levels the rules test (a bit per level, and one for "missing"). */
#define R_MAX_LEVELS  62
#define R_MISSING_BIT (UINT64_C(1) << 63)

enum r_op {
	R_LT,
	R_LE,
	R_GT,
	R_GE,
	R_EQ,
	R_NE,
	R_IN,
	R_NOT_IN,
	R_MISSING,
	R_PRESENT,
	R_ALL,
	R_ANY,
	R_NOT,
};

/* A condition: an atom on one input, or all/any/not over conditions. */
struct r_cond {
	enum r_op op;
	size_t input;	 /* atoms: the variable */
	double value;	 /* numeric comparisons */
	uint64_t levels; /* a level input's ==, !=, in, not_in: the levels named, a bit each */
	struct r_cond *kids;
	size_t n_kids;
};

struct r_rule {
	char *id;
	struct r_cond *when; /* NULL: the default rule */
	int32_t *advice;     /* per field: the level */
};

struct anker_rules {
	struct anker_linear linear; /* the inputs */
	struct anker_bands *fields; /* per advice field: its levels */
	char **field_names;
	char **field_labels, **field_labels_nl;
	size_t n_fields;
	struct r_rule *rules;
	size_t n_rules;
	struct anker_bands
	    rule_levels; /* the levels of output "rule": the ids, labelled by the reasons */
	struct anker_output *outputs;		  /* n_fields + 1 */
	struct anker_contribution *contributions; /* per rule */
	size_t explain_bound;
};

static inline const struct anker_rules *anker_rules_of(const struct anker_model *model)
{
	return model->payload;
}

extern const char *const anker_rules_keys[];

int anker_rules_load(struct jr *jr, struct json_t *root, struct anker_model *model);
void anker_rules_destroy(struct anker_ctx *ctx, void *payload);
const struct anker_output *anker_rules_outputs(const struct anker_model *model, size_t *ret_count);
enum anker_value_error anker_rules_score(const struct anker_model *model,
					 const struct anker_resolved_value *values,
					 double *contributions, struct anker_output_value *outputs);
void anker_rules_batch_chunk(struct anker_batch *b, size_t start, size_t m,
			     const struct anker_batch_sink *sink);
const struct anker_contribution *anker_rules_contributions(const struct anker_model *model,
							   size_t *ret_count);
size_t anker_rules_explain_bound(const struct anker_model *model);
void anker_rules_explain_write(const struct anker_model *model,
			       const struct anker_resolved_value *resolved, char *buf, size_t cap,
			       size_t *detail_at);

/* Load the condition @p obj (at the current path) into @p c (rules-when.c). */
int anker_rules_load_cond(struct jr *jr, struct json_t *obj, struct anker_rules *t,
			  struct r_cond *c);

/* Does @p c hold for the resolved values? A comparison on a missing value does not. */
bool anker_rules_holds(const struct r_cond *c, const struct anker_resolved_value *values);

/* The index of the first rule that holds (there is always the default). */
size_t anker_rules_fire(const struct anker_rules *t, const struct anker_resolved_value *values);

/*
 * Does every case that satisfies @p later also satisfy @p earlier, as far as
 * that can be decided from the atoms (false when it cannot)? rules-cover.c.
 */
bool anker_rules_covers(const struct anker_rules *t, const struct r_cond *earlier,
			const struct r_cond *later);

/*
 * Do the rules before rule @p later together match every case it matches
 * (rules-region.c)? 1 yes, 0 no, both exact; -1 undecided (too many inputs,
 * parts or steps). On 1, used[j] tells whether earlier rule j shares cases
 * with it (@p used has @p later entries).
 */
int anker_rules_region_covers(const struct anker_rules *t, size_t later, bool *used);

#endif
