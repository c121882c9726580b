/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire": a coach's questionnaire (the professional toetsen).
 * Its items are the variables of an embedded struct anker_linear without
 * terms, so that cases, batches and value flags work unchanged; its scales
 * turn answers into scores, levels and per-item contributions
 * (docs/model-format.md, "Questionnaires").
 *
 * Files: questionnaire-load.c (items and scales from the file),
 * questionnaire.c (outputs, contributions, one case, its explanation),
 * questionnaire-text.c (the Dutch and English texts for callers),
 * questionnaire-batch.c (a chunk of a batch). The arithmetic both scorers
 * share is below, so that they agree to the last bit.
 */
#ifndef ANKER_KINDS_QUESTIONNAIRE_H
#define ANKER_KINDS_QUESTIONNAIRE_H

#include "../model/kind.h"
#include "../model/names.h"

/* A text in both languages; both are required in files. */
struct q_text {
	char *nl;
	char *en;
};

struct q_option {
	double value;	     /* the score value; for a Likert item the answer itself */
	struct q_text label; /* a choice option's code is its variable's level name */
};

struct q_item {
	int response;	     /* enum anker_response_type */
	struct q_text text;  /* the question */
	struct q_text label; /* a short label; the question when the file gives none */
	struct q_option *options;
	size_t n_options; /* 0 for a number item */
	double min, max;  /* the lowest and highest score value */
	double flip;	  /* min + max: a reverse-keyed value is flip - value */
	/* Likert: the options are every whole number from min to max (1, 2, ..., 5), so
	 * that an answer in range is an option exactly when it is whole */
	bool whole_steps;
};

/* An item's membership of a scale. */
struct q_member {
	size_t item; /* = its variable */
	double weight;
	bool reverse;
};

/* The outputs of each scale, in this order (indexed scale * Q_N_OUTPUTS + which). */
enum { Q_SCORE, Q_LEVEL, Q_ANSWERED, Q_N_OUTPUTS };

struct q_scale {
	char *name;
	struct q_text label;
	int rule; /* ANKER_SCALE_SUM or ANKER_SCALE_MEAN */
	struct q_member *members;
	size_t n_members;
	size_t max_missing;
	bool prorate;		   /* sum rule only */
	double total_weight;	   /* the sum of every member's weight, in member order */
	struct anker_bands levels; /* cut-offs on the score; items[last].upper unused */
	double *cuts;		   /* levels.count - 1 cut-offs, contiguous for the batch */
	size_t first_contribution; /* its members' contributions start here */
	int factor;		   /* enum anker_factor_type; ANKER_FACTOR_NONE when unmarked */
	struct q_text say;	   /* a marked factor: what a coach can say about it */
};

struct anker_questionnaire {
	struct anker_linear linear; /* variables = items, no terms */
	struct q_item *items;	    /* linear.n_variables of them */
	struct q_scale *scales;
	size_t n_scales;
	struct anker_output *outputs; /* n_scales * Q_N_OUTPUTS */
	char **output_texts;	      /* the outputs' names and labels, owned here */
	size_t n_output_texts;
	struct anker_contribution *contributions;
	size_t n_contributions;
};

static inline const struct anker_questionnaire *anker_questionnaire_of(const struct anker_model *m)
{
	return m->payload;
}

/* The shared arithmetic */

/*
 * The score value of an answer: a Likert, number or yes/no answer is its own
 * value (NaN when missing), a choice answer its option's value.
 */
static inline double q_choice_value(const struct q_item *item, int32_t level)
{
	return level >= 0 ? item->options[level].value : NAN;
}

/* A member's value as the scale counts it: reverse-keyed values are flipped. */
static inline double q_keyed(const struct q_item *item, const struct q_member *mb, double v)
{
	return mb->reverse ? item->flip - v : v;
}

/* Whether a scale with @p answered of its members answered is scorable. */
static inline bool q_scorable(const struct q_scale *s, size_t answered)
{
	return answered > 0 && s->n_members - answered <= s->max_missing;
}

/*
 * An answered member's contribution: (weight * keyed value) * factor, with the
 * factor of q_factor(); + 0.0 turns a -0.0 into +0.0. The score is the sum of
 * the contributions in member order from 0.0, so that the explanation adds up
 * to it exactly.
 */
static inline double q_contribution(double weight, double keyed, double factor)
{
	return (weight * keyed) * factor + 0.0;
}

/*
 * The factor of q_contribution() for a scale whose answered members weigh
 * @p answered_weight: 1 for the sum rule, W / W_answered prorated, and
 * 1 / W_answered for the mean rule; one division per case and scale. Nothing
 * missing makes W / W_answered exactly 1, which changes no bit.
 */
static inline double q_factor(const struct q_scale *s, double answered_weight)
{
	if (s->rule == ANKER_SCALE_SUM)
		return s->prorate ? s->total_weight / answered_weight : 1.0;
	return 1.0 / answered_weight;
}

/* Loading (questionnaire-load.c, questionnaire-scales.c); text is a {"nl", "en"} object. */
int anker_questionnaire_load_items(struct jr *jr, struct json_t *root,
				   struct anker_questionnaire *q);
int anker_questionnaire_load_text(struct jr *jr, struct json_t *obj, const char *key, bool required,
				  struct q_text *ret);
/* A scale's optional "factor" (questionnaire-factor.c). */
int anker_questionnaire_load_factor(struct jr *jr, struct json_t *obj, struct q_scale *s);

/* The kind's operations (kind.h) */

extern const char *const anker_questionnaire_keys[];

int anker_questionnaire_load(struct jr *jr, struct json_t *root, struct anker_model *model);
void anker_questionnaire_destroy(struct anker_ctx *ctx, void *payload);
const struct anker_output *anker_questionnaire_outputs(const struct anker_model *model,
						       size_t *ret_count);
const struct anker_contribution *anker_questionnaire_contributions(const struct anker_model *model,
								   size_t *ret_count);
enum anker_value_error anker_questionnaire_check(const struct anker_model *model,
						 const struct anker_resolved_value *values,
						 size_t *ret_variable);
enum anker_value_error anker_questionnaire_score(const struct anker_model *model,
						 const struct anker_resolved_value *values,
						 double *contributions,
						 struct anker_output_value *outputs);
size_t anker_questionnaire_explain_bound(const struct anker_model *model);
void anker_questionnaire_explain_write(const struct anker_model *model,
				       const struct anker_resolved_value *resolved, char *buf,
				       size_t cap, size_t *detail_at);
void anker_questionnaire_batch_chunk(struct anker_batch *b, size_t start, size_t m,
				     const struct anker_batch_sink *sink);

/* Whether @p x is one of a Likert item's option values. */
static inline bool q_is_option(const struct q_item *item, double x)
{
	for (size_t o = 0; o < item->n_options; o++)
		if (item->options[o].value == x)
			return true;
	return false;
}

#endif
