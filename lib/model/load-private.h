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

/*
 * Read the whole file open on @p fd into context memory (free with
 * anker_dealloc), refusing more than @p max_bytes; errors cite @p path.
 */
int anker_read_file(struct anker_ctx *ctx, int fd, const char *path, size_t max_bytes,
		    struct anker_error *err, char **ret_data, size_t *ret_size);

/* The same for the file at @p path, which it opens and closes. */
int anker_read_path(struct anker_ctx *ctx, const char *path, size_t max_bytes,
		    struct anker_error *err, char **ret_data, size_t *ret_size);

/* Parse JSON text, rejecting duplicate keys; a syntax error cites file, line and column. */
int anker_parse_json(const char *data, size_t size, const char *file, struct anker_error *err,
		     json_t **ret);

/* $.variables, for every kind that reads case values. */
int anker_load_variables(struct jr *jr, json_t *root, struct anker_linear *linear);

/* A variable by name, or NULL. */
const struct anker_variable *anker_loader_find_variable(const struct anker_linear *linear,
							const char *name, size_t *ret_index);
/* A level code by name, or -1. */
int32_t anker_loader_find_level(const struct anker_variable *var, const char *name);

/* $.terms of a linear predictor over the variables already loaded. */
int anker_load_terms(struct jr *jr, json_t *root, struct anker_linear *linear);

/* $.bands: thresholds on a probability. */
int anker_load_bands(struct jr *jr, json_t *root, struct anker_bands *bands);

#endif
