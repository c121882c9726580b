/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "binary": a linear predictor of terms, a link (logit or probit) to a
 * probability, and bands on it. Its row in the kind table (lib/model/kind.c)
 * points at the functions below; nothing else reaches them.
 */
#ifndef ANKER_KINDS_BINARY_H
#define ANKER_KINDS_BINARY_H

#include <stdbool.h>

#include "../model/kind.h"

/* The outputs, in the order they are declared (and indexed in results and batches). */
enum {
	BINARY_PROBABILITY,
	BINARY_LINEAR_PREDICTOR,
	BINARY_BAND,
	BINARY_N_OUTPUTS,
};

/* The payload of a binary model. */
struct anker_binary {
	struct anker_linear linear;
	int link; /* enum anker_link */
	struct anker_bands bands;
	struct anker_output outputs[BINARY_N_OUTPUTS];
};

extern const char *const anker_binary_keys[];

int anker_binary_load(struct jr *jr, struct json_t *root, struct anker_model *model);
void anker_binary_destroy(struct anker_ctx *ctx, void *payload);
const struct anker_output *anker_binary_outputs(const struct anker_model *model, size_t *ret_count);
enum anker_value_error anker_binary_score(const struct anker_model *model,
					  const struct anker_resolved_value *values,
					  double *contributions,
					  struct anker_output_value *outputs);
void anker_binary_batch_chunk(struct anker_batch *b, size_t start, size_t m,
			      const struct anker_batch_sink *sink);

/* The probability for a linear predictor under @p link (enum anker_link); NaN for NaN. */
double anker_binary_inverse_link(int link, double eta);

#endif
