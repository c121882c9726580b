/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The kind interface: what every kind of model (binary, duration,
 * questionnaire, rules) provides, and the one table of kinds (kind.c) that
 * the loader, the accessors and the scorers reach them through.
 *
 * How a kind plugs in
 * -------------------
 * A kind is its own files under lib/kinds/ (binary.h, binary.c,
 * binary-batch.c) plus one row in the table in kind.c. Its row gives the
 * name files use for it ("kind": "binary"), its enum anker_model_kind value,
 * the top-level keys its loader reads, and the operations below. Nothing else
 * in lib/ names a kind.
 *
 * - load() allocates the kind's payload, hangs it on model->payload at once
 *   (so that destroy() frees a half-built one), and fills it from the file.
 *   A kind with variables, or with a linear predictor, embeds a struct
 *   anker_linear and points model->linear at it; a kind with bands points
 *   model->bands at them. The shared loaders (load-private.h) read those
 *   sections, and the shared scoring code then works for the kind unchanged:
 *   case values are resolved against its variables (score.c, batch-resolve.h),
 *   and its terms are evaluated by the shared kernels (linear.c, batch-terms.h),
 *   explained term by term (explain.c) and counted as its contributions.
 * - outputs() declares what the kind computes: named outputs, each a number
 *   (a double, NaN when undefined) or a level (an index into the output's
 *   levels, -1 when undefined). Results, batches, the CLI and the bindings
 *   find them by name, so a new kind needs no new public functions.
 * - score() turns one case's resolved values into its contributions and the
 *   value of every output; score.c does the rest (matching and resolving the
 *   values, keeping the result unchanged on failure).
 * - batch_chunk() does the same for one chunk of a batch (at most CHUNK
 *   cases), writing each output into the caller's bound array or nowhere;
 *   batch-run.c does the rest (the chunk loop, status codes, case outputs,
 *   the first failure). It is built from the shared inline kernels
 *   (batch-resolve.h, batch-terms.h), so that its loops vectorize whole.
 *
 * A duration model (BLIJF) fits as follows: it embeds the same struct
 * anker_linear (eta is its log relative hazard) and bands on its headline
 * horizon, reads "outcome" with anker_load_outcome(), and declares numbers
 * such as survival_12 per horizon and a level "band". A questionnaire
 * (lib/kinds/questionnaire*) embeds a struct anker_linear whose variables are
 * its items and which has no terms; its items' missing policy
 * ANKER_MISSING_PASS hands a missing answer to its scales unresolved; it
 * declares "<scale>_score", "<scale>_level" and "<scale>_answered" per scale,
 * and its contributions are per item of each scale (the optional operations
 * contributions(), explain_bound(), explain_write() and check() below).
 * A rule table (lib/kinds/rules*, kind "rules") embeds a struct anker_linear
 * whose variables are the instrument outputs it reads ("AMT.band", missing
 * policy ANKER_MISSING_PASS) and no terms; its outputs are levels (the
 * advice fields and "rule"), its contributions one per rule.
 * A reserved kind (none at present) is a row without operations: loading it
 * is ANKER_E_UNSUPPORTED.
 */
#ifndef ANKER_MODEL_KIND_H
#define ANKER_MODEL_KIND_H

#include <stddef.h>
#include <stdint.h>

#include "score-private.h"

struct jr;
struct json_t;
struct anker_batch;

/* One output's value in a single-case result. */
struct anker_output_value {
	double number; /* ANKER_OUTPUT_NUMBER; NaN when undefined */
	int32_t level; /* ANKER_OUTPUT_LEVEL; -1 when undefined */
};

/*
 * Where a batch call writes: per output (indexed as the kind declares them)
 * the caller's array of n entries, or NULL; and the contributions, n rows of
 * the model's contribution count, or NULL.
 */
struct anker_batch_sink {
	void *const *outputs;
	double *contributions;
};

struct anker_kind {
	const char *name;	 /* "kind" in files, and anker_model_kind_name() */
	int value;		 /* enum anker_model_kind */
	const char *const *keys; /* its top-level keys beside the common ones */

	/* NULL from here on for a reserved kind. */
	int (*load)(struct jr *jr, struct json_t *root, struct anker_model *model);
	void (*destroy)(struct anker_ctx *ctx, void *payload);
	/* The outputs of @p model, in a fixed order; never empty. */
	const struct anker_output *(*outputs)(const struct anker_model *model, size_t *ret_count);
	/*
	 * One case: its contributions (anker_model_contribution_count() entries)
	 * and every output, from values resolved against model->linear's
	 * variables. Anything but ANKER_VERR_OK fails the case as a whole.
	 */
	enum anker_value_error (*score)(const struct anker_model *model,
					const struct anker_resolved_value *values,
					double *contributions, struct anker_output_value *outputs);
	/*
	 * Cases start..start+m-1 of a batch, m <= CHUNK: every bound output of
	 * every case of the chunk, NaN or -1 for a case that fails, which
	 * anker_batch_fail_case() records; contributions of failed cases are
	 * the caller's to overwrite.
	 */
	void (*batch_chunk)(struct anker_batch *b, size_t start, size_t m,
			    const struct anker_batch_sink *sink);

	/*
	 * Optional, NULL for the default of a kind with a linear predictor: one
	 * contribution per term of model->linear, named and labelled as the term,
	 * its detail text written by explain.c.
	 *
	 * contributions() declares the contributions that explain one case, in
	 * the order score() and batch_chunk() write them; explain_bound() and
	 * explain_write() are the detail texts, as anker_explain_bound() and
	 * anker_explain_write() are for terms.
	 */
	const struct anker_contribution *(*contributions)(const struct anker_model *model,
							  size_t *ret_count);
	size_t (*explain_bound)(const struct anker_model *model);
	void (*explain_write)(const struct anker_model *model,
			      const struct anker_resolved_value *resolved, char *buf, size_t cap,
			      size_t *detail_at);
	/*
	 * Optional: checks on resolved values that their variables cannot make
	 * (a questionnaire answer inside the range that is none of the options),
	 * run before score(); *ret_variable names the value at fault.
	 */
	enum anker_value_error (*check)(const struct anker_model *model,
					const struct anker_resolved_value *values,
					size_t *ret_variable);
};

/* The row for a name in files, or NULL; and for an enum anker_model_kind value. */
const struct anker_kind *anker_kind_find(const char *name);
const struct anker_kind *anker_kind_of(int value);

/* The outputs of a loaded model (its kind's declaration). */
static inline const struct anker_output *anker_model_outputs(const struct anker_model *model,
							     size_t *ret_count)
{
	return model->kind->outputs(model, ret_count);
}

/*
 * How many contributions explain one case: per term for a kind with a linear
 * predictor (the default), per scale item for a questionnaire.
 */
static inline size_t anker_model_contribution_count(const struct anker_model *model)
{
	size_t n = model->linear->n_terms;
	if (model->kind->contributions)
		model->kind->contributions(model, &n);
	return n;
}

/* The bytes the detail texts of any case need, and writing them (explain.c by default). */
size_t anker_model_explain_bound(const struct anker_model *model);
void anker_model_explain_write(const struct anker_model *model,
			       const struct anker_resolved_value *resolved, char *buf, size_t cap,
			       size_t *detail_at);

#endif
