/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A batch's outputs and the call loop: binding caller-owned arrays to the
 * model's named outputs and to the contributions, then scoring chunk by chunk
 * through the kind's batch_chunk() (kind.h), which writes every bound output;
 * this file adds the status codes, the per-case outputs and the first failure.
 * anker_batch_score() is the same loop with its arrays bound by name.
 */
#include <string.h>

#include "batch-private.h"

/* Outputs */

/* Bind @p values to the output called @p name, which must be of @p type. */
static int bind_output(struct anker_batch *b, const char *name, int type, void *values)
{
	if (!b || !name)
		return ANKER_E_INVALID_ARGUMENT;
	int k = anker_model_find_output(b->model, name);
	if (k < 0)
		return k;
	if (anker_model_get_output_type(b->model, (size_t)k) != type)
		return ANKER_E_TYPE_MISMATCH;
	b->bound[k] = values;
	return 0;
}

ANKER_EXPORT int anker_batch_bind_output_f64(struct anker_batch *batch, const char *name,
					     double *values)
{
	return bind_output(batch, name, ANKER_OUTPUT_NUMBER, values);
}

ANKER_EXPORT int anker_batch_bind_output_i32(struct anker_batch *batch, const char *name,
					     int32_t *values)
{
	return bind_output(batch, name, ANKER_OUTPUT_LEVEL, values);
}

ANKER_EXPORT int anker_batch_bind_contributions(struct anker_batch *batch, double *values)
{
	if (!batch)
		return ANKER_E_INVALID_ARGUMENT;
	batch->contributions = values;
	return 0;
}

/* The call loop */

/* The per-case outputs of anker_batch_set_case_outputs() for a chunk. */
static void emit_case_outputs(const struct anker_batch *b, size_t start, size_t m)
{
	if (b->flags_out)
		for (size_t i = 0; i < m; i++)
			b->flags_out[start + i] = b->case_flags[i];
	if (b->variable_out)
		for (size_t i = 0; i < m; i++)
			b->variable_out[start + i] = b->status[i] != 0 && b->culprit[i] != SIZE_MAX
							 ? (int32_t)b->culprit[i]
							 : -1;
}

static int run(struct anker_batch *b, size_t n, const struct anker_batch_sink *sink,
	       int32_t *status, struct anker_error *err)
{
	const struct anker_model *model = b->model;
	size_t nc = anker_model_contribution_count(model);
	if (sink->contributions && nc && n > SIZE_MAX / nc)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "too many cases for the contributions array");
	int r = anker_batch_check_columns(b, err);
	if (r < 0)
		return r;

	for (size_t start = 0; start < n; start += CHUNK) {
		size_t m = n - start < CHUNK ? n - start : CHUNK;
		model->kind->batch_chunk(b, start, m, sink);
		if (status) {
			if (b->n_failed == 0)
				memset(status + start, 0, m * sizeof(*status));
			else
				memcpy(status + start, b->status, m * sizeof(*status));
		}
		emit_case_outputs(b, start, m);
		if (b->n_failed == 0)
			continue;
		for (size_t i = 0; i < m; i++) {
			if (b->status[i] == 0)
				continue;
			if (!status)
				return anker_value_fail(model, err, b->why[i], b->culprit[i],
							(long long)(start + i));
			if (sink->contributions)
				for (size_t t = 0; t < nc; t++)
					sink->contributions[(start + i) * nc + t] = NAN;
		}
	}
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_batch_run(struct anker_batch *batch, size_t n, int32_t *status,
				 struct anker_error *err)
{
	if (!batch)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "a batch is required");
	struct anker_batch_sink sink = {batch->bound, batch->contributions};
	return run(batch, n, &sink, status, err);
}

/* Point anker_batch_score()'s binding of output @p name, of @p type, at @p values (or NULL). */
static int shortcut(struct anker_batch *b, const char *name, int type, void *values,
		    struct anker_error *err)
{
	if (!values)
		return 0;
	int k = anker_model_find_output(b->model, name);
	if (k < 0)
		return anker_fail(err, ANKER_E_NOT_FOUND, ANKER_WHERE_NONE,
				  "the model has no output \"%s\"", name);
	if (anker_model_get_output_type(b->model, (size_t)k) != type)
		return anker_fail(err, ANKER_E_TYPE_MISMATCH, ANKER_WHERE_NONE,
				  "the model's output \"%s\" is not a %s", name,
				  anker_output_type_name(type));
	b->shortcut[k] = values;
	return 0;
}

ANKER_EXPORT int anker_batch_score(struct anker_batch *batch, size_t n, double *probability,
				   double *linear_predictor, int32_t *band, double *contributions,
				   int32_t *status, struct anker_error *err)
{
	if (!batch)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "a batch is required");
	/* Its own bindings, so that the named ones stay as the caller made them. */
	memset(batch->shortcut, 0, batch->n_outputs * sizeof(*batch->shortcut));
	int r = shortcut(batch, "probability", ANKER_OUTPUT_NUMBER, probability, err);
	if (r == 0)
		r = shortcut(batch, "linear_predictor", ANKER_OUTPUT_NUMBER, linear_predictor, err);
	if (r == 0)
		r = shortcut(batch, "band", ANKER_OUTPUT_LEVEL, band, err);
	if (r < 0)
		return r;
	struct anker_batch_sink sink = {batch->shortcut, contributions};
	return run(batch, n, &sink, status, err);
}
