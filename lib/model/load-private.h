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
/*
 * Set the values of the JSON object @p obj in @p c (case-json.c); errors name
 * @p file and the member's path below @p prefix ("$", "$.inputs").
 */
int anker_case_fill_json(struct anker_case *c, const json_t *obj, const char *file,
			 const char *prefix, struct anker_error *err);

int anker_parse_json(const char *data, size_t size, const char *file, struct anker_error *err,
		     json_t **ret);

/*
 * $.outcome, for the kinds that predict one (binary; duration): its
 * description and horizon, into model->outcome and model->horizon_months.
 */
int anker_load_outcome(struct jr *jr, json_t *root, struct anker_model *model);

/* $.variables, for every kind that reads case values. */
int anker_load_variables(struct jr *jr, json_t *root, struct anker_linear *linear);

/*
 * Pieces of it, for kinds whose variables come from their own sections (a
 * questionnaire's items): a numeric variable's "range" (and "out_of_range",
 * when the caller's keys allow it) from @p obj, at the current path; and
 * ANKER_E_DUPLICATE at $.variables-like path [i].name for the first name
 * defined twice (the caller pushes the array's key).
 */
int anker_load_range(struct jr *jr, json_t *obj, struct anker_variable *var);
int anker_loader_check_unique_variables(struct jr *jr, const struct anker_linear *linear);

/*
 * A categorical variable's level names from the array @p levels (the caller
 * has pushed its key and checked its length): strings, unique.
 */
int anker_load_level_names(struct jr *jr, json_t *levels, struct anker_variable *var);

/*
 * The level of @p var named by the string at the current path (the caller has
 * pushed it); a name that is none of its levels fails with @p code.
 */
int anker_load_level_ref(struct jr *jr, json_t *value, const struct anker_variable *var, int code,
			 int32_t *ret);

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

/*
 * One item of an ordered set of bands or levels (a questionnaire scale's
 * levels too), in an object whose keys are "name", "label" and "upper": its
 * name (an identifier); and its "upper" threshold, strictly inside (lo, hi)
 * and above @p previous, except on the @p last item, which has none and ends
 * at @p hi. The label, whose form differs, is the caller's to read.
 */
int anker_load_band_name(struct jr *jr, json_t *obj, struct anker_band *band);
int anker_load_band_upper(struct jr *jr, json_t *obj, struct anker_band *band, bool last,
			  double previous, double lo, double hi);

/*
 * Read the whole file at @p path (at most ANKER_MODEL_MAX_BYTES, as a model
 * file), parse it with anker_parse_json() and hash its bytes: for the other
 * JSON formats that pin the file they read (lib/assess/: profiles).
 */
int anker_load_json_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			 json_t **ret_root, char sha256[ANKER_SHA256_HEX_SIZE]);

#endif
