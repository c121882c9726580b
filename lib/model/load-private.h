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

/* A variable by name, or NULL. */
const struct anker_variable *anker_loader_find_variable(const struct anker_linear *linear,
							const char *name, size_t *ret_index);
/* A level code by name, or -1. */
int32_t anker_loader_find_level(const struct anker_variable *var, const char *name);

/* $.terms of a linear predictor over the variables already loaded. */
int anker_load_terms(struct jr *jr, json_t *root, struct anker_linear *linear);

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
 * Shared with the other JSON formats (lib/assess/): parse bytes as a model
 * file is parsed (duplicate keys rejected, syntax errors with line and
 * column); and read a whole file (at most ANKER_MODEL_MAX_BYTES), parse it
 * and hash its bytes.
 */
int anker_load_parse_json(const char *data, size_t size, const char *file,
			  struct anker_error *err, json_t **ret);
int anker_load_json_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			 json_t **ret_root, char sha256[ANKER_SHA256_HEX_SIZE]);

#endif
