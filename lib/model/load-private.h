/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sections of a model file, each read by its own loader. load.c reads the
 * common metadata and dispatches on "kind" (kind.h); a kind's loader reads its
 * own top-level keys, with the shared section loaders below for the parts it
 * embeds. Each loader fills its part in place; on failure the caller destroys
 * the half-built model.
 */
#ifndef ANKER_MODEL_LOAD_PRIVATE_H
#define ANKER_MODEL_LOAD_PRIVATE_H

#include "load-json.h"

/* Calendar dates "YYYY-MM-DD" (a real date: no 2026-02-30). */
bool anker_is_valid_date(const char *s);

/* $.variables, for every kind that reads case values. */
int anker_load_variables(struct jr *jr, json_t *root, struct anker_linear *linear);

/* A variable by name, or NULL. */
const struct anker_variable *anker_loader_find_variable(const struct anker_linear *linear,
							const char *name, size_t *ret_index);
/* A level code by name, or -1. */
int32_t anker_loader_find_level(const struct anker_variable *var, const char *name);

/* $.terms of a linear predictor over the variables already loaded. */
int anker_load_terms(struct jr *jr, json_t *root, struct anker_linear *linear);

/*
 * @p key of @p obj: an array of min..max numbers (exactly @p want_count unless
 * 0), strictly increasing when @p increasing, copied into context memory.
 */
int anker_load_numbers(struct jr *jr, json_t *obj, const char *key, size_t min, size_t max,
		       size_t want_count, bool increasing, double **ret, size_t *ret_count);

/* $.bands: thresholds on a probability. */
int anker_load_bands(struct jr *jr, json_t *root, struct anker_bands *bands);

#endif
