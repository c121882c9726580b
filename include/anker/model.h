/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file model.h
 * @brief Statistical models loaded from versioned JSON files.
 *
 * A loaded model is immutable: any number of threads may score with one model
 * at once. The file format is specified in docs/model-format.md.
 */
#ifndef ANKER_MODEL_H
#define ANKER_MODEL_H

#include <stddef.h>

#include <anker/context.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A loaded model. Opaque, immutable and refcounted. @since 1.0 */
struct anker_model;

/**
 * @brief Model kinds, all loadable in 1.0; a later kind gets the next number,
 * so that none is renumbered.
 * @since 1.0
 */
enum anker_model_kind {
	ANKER_MODEL_BINARY = 1,        /**< binary outcome, linear predictor plus a link */
	ANKER_MODEL_DURATION = 2,      /**< still on benefit after t months (BLIJF): see duration.h */
	ANKER_MODEL_QUESTIONNAIRE = 3, /**< a questionnaire a coach fills in (the professional tests) */
	ANKER_MODEL_RULES = 4,         /**< an advice rule table over instrument outputs: see assess.h */
};

/** @brief Link functions from linear predictor to probability. @since 1.0 */
enum anker_link {
	ANKER_LINK_LOGIT = 1,  /**< p = 1 / (1 + exp(-eta)) */
	ANKER_LINK_PROBIT = 2, /**< p = Phi(eta), the standard normal CDF */
};

/** @brief Variable kinds. @since 1.0 */
enum anker_variable_kind {
	ANKER_VARIABLE_NUMERIC = 1,     /**< a real number with a valid range */
	ANKER_VARIABLE_CATEGORICAL = 2, /**< one of a list of named levels */
	ANKER_VARIABLE_BOOLEAN = 3,     /**< true or false (1 or 0) */
};

/** @brief What happens to a numeric value outside its range. @since 1.0 */
enum anker_out_of_range_policy {
	ANKER_RANGE_CLAMP = 1,  /**< use the nearer bound */
	ANKER_RANGE_REJECT = 2, /**< fail with ANKER_E_OUT_OF_RANGE */
};

/** @brief What happens when a value is missing. @since 1.0 */
enum anker_missing_policy {
	ANKER_MISSING_REJECT = 1, /**< fail with ANKER_E_MISSING_VALUE */
	ANKER_MISSING_IMPUTE = 2, /**< use a stated value (a number, 0/1, or a level) */
	ANKER_MISSING_LEVEL = 3,  /**< categorical only: an explicit "missing" level */
	/**
	 * questionnaire items only (no file names it): the value stays missing and
	 * the item's scales decide (a scale's max_missing and prorating)
	 */
	ANKER_MISSING_PASS = 4,
};

/** @brief Term types. @since 1.0 */
enum anker_term_type {
	ANKER_TERM_INTERCEPT = 1,   /**< a constant */
	ANKER_TERM_LINEAR = 2,      /**< coef * (x - center) for a numeric or boolean variable */
	ANKER_TERM_CATEGORICAL = 3, /**< one effect per level against a reference level */
	ANKER_TERM_SPLINE = 4,      /**< piecewise-linear through knots, flat outside them */
	ANKER_TERM_BINS = 5,        /**< one effect per interval between edges */
	ANKER_TERM_INTERACTION = 6, /**< coef * product of factors (values or level indicators) */
};

/**
 * @brief Which band a probability exactly on a threshold belongs to.
 * @since 1.0
 */
enum anker_band_boundary {
	ANKER_BAND_BOUNDARY_LOWER = 1, /**< p == threshold falls in the lower band (p <= t) */
	ANKER_BAND_BOUNDARY_UPPER = 2, /**< p == threshold falls in the upper band (p >= t) */
};

/**
 * @brief The type of a named output (see anker_model_get_output_count()).
 * @since 1.0
 */
enum anker_output_type {
	ANKER_OUTPUT_NUMBER = 1, /**< a double; NaN when undefined for a case */
	ANKER_OUTPUT_LEVEL = 2,  /**< an index into the output's ordered levels; -1 when undefined */
};

/**
 * @brief How a questionnaire item is answered (anker_model_get_item_response()).
 * The item is a variable of the model: a Likert and a number item take a
 * number, a yes/no item a boolean, a choice item a level (its option's code).
 * @since 1.0
 */
enum anker_response_type {
	ANKER_RESPONSE_LIKERT = 1, /**< one of k labelled option values (a number) */
	ANKER_RESPONSE_YES_NO = 2, /**< yes or no (a boolean) */
	ANKER_RESPONSE_NUMBER = 3, /**< a number within a range */
	ANKER_RESPONSE_CHOICE = 4, /**< one option out of a list (a level: the option's code) */
};

/** @brief Largest model file accepted, in bytes (ANKER_E_TOO_LARGE beyond). @since 1.0 */
#define ANKER_MODEL_MAX_BYTES (16u * 1024u * 1024u)

/**
 * @brief Load and validate a model file.
 * @param ctx the context; the model keeps a reference.
 * @param path the file to read.
 * @param err optional error details (file, line, column, JSON path, field).
 * @param[out] ret the model; untouched on failure.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_model_load_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			  struct anker_model **ret);

/**
 * @brief Load and validate a model from a buffer of JSON text.
 * @param data the JSON text; need not be NUL-terminated.
 * @param size its length in bytes.
 * @param source_name the name to cite in error messages (NULL for "<buffer>").
 * @since 1.0
 */
int anker_model_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
			    const char *source_name, struct anker_error *err,
			    struct anker_model **ret);

/** @brief Take a reference. Thread-safe. @return @p model. @since 1.0 */
struct anker_model *anker_model_ref(struct anker_model *model);

/** @brief Drop a reference; NULL is a no-op. Thread-safe. @return NULL. @since 1.0 */
struct anker_model *anker_model_unref(struct anker_model *model);

/** @brief The model kind (enum anker_model_kind), or ANKER_E_INVALID_ARGUMENT. @since 1.0 */
int anker_model_get_kind(const struct anker_model *model);
/** @brief The model's id, e.g. "demo-amt-6m". @since 1.0 */
const char *anker_model_get_id(const struct anker_model *model);
/** @brief The model's human-readable name. @since 1.0 */
const char *anker_model_get_name(const struct anker_model *model);
/** @brief The model's version string, e.g. "1.0.0". @since 1.0 */
const char *anker_model_get_version(const struct anker_model *model);
/**
 * @brief The toets the model serves: one of the ANKER toetsen ("NT", "AMT", "RT",
 * "BLIJF", "WWB", "WERKVERKENNER") or an agency's own name for its question.
 * @since 1.0
 */
const char *anker_model_get_toets(const struct anker_model *model);
/**
 * @brief A description of the outcome the model predicts, or NULL for NULL and
 * for a kind without an outcome (a questionnaire).
 * @since 1.0
 */
const char *anker_model_get_outcome(const struct anker_model *model);
/**
 * @brief The outcome's horizon in months (1..120); ANKER_E_NOT_FOUND for a kind
 * without an outcome (a questionnaire), ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_horizon_months(const struct anker_model *model);
/** @brief The first date the model is valid for, "YYYY-MM-DD". @since 1.0 */
const char *anker_model_get_valid_from(const struct anker_model *model);
/**
 * @brief A provenance entry by key ("data", "fitted_by", "statement", "fitted_on",
 * "method", "notes"), or NULL when absent.
 * @since 1.0
 */
const char *anker_model_get_provenance(const struct anker_model *model, const char *key);
/** @brief The number of provenance entries (0 for NULL). @since 1.0 */
size_t anker_model_get_provenance_count(const struct anker_model *model);
/** @brief The key of provenance entry @p index (in the order of docs/model-format.md), or NULL. @since 1.0 */
const char *anker_model_get_provenance_key(const struct anker_model *model, size_t index);
/**
 * @brief The SHA-256 of the file's bytes as 64 lowercase hex digits; equal to
 * what `sha256sum` prints for the file.
 * @since 1.0
 */
const char *anker_model_get_sha256(const struct anker_model *model);
/**
 * @brief The link (enum anker_link) of a binary model; ANKER_E_NOT_FOUND for a
 * kind without one, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_link(const struct anker_model *model);

/**
 * @brief The number of named outputs the model produces (0 for NULL).
 *
 * Each kind declares its outputs, in a fixed order (docs/model-format.md,
 * "Outputs"): a binary model has "probability" and "linear_predictor"
 * (numbers) and "band" (a level). Results (anker_result_get_number(),
 * anker_result_get_level()) and batches (anker_batch_bind_output_f64(),
 * anker_batch_bind_output_i32()) address outputs by these names and indices,
 * so that a new kind needs no new functions.
 * @since 1.0
 */
size_t anker_model_get_output_count(const struct anker_model *model);
/**
 * @brief Index of the output called @p name, ANKER_E_NOT_FOUND, or
 * ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_find_output(const struct anker_model *model, const char *name);
/** @brief Name of output @p index, e.g. "probability", or NULL when out of range. @since 1.0 */
const char *anker_model_get_output_name(const struct anker_model *model, size_t index);
/** @brief A label for people of output @p index, or NULL when out of range. @since 1.0 */
const char *anker_model_get_output_label(const struct anker_model *model, size_t index);
/**
 * @brief Type (enum anker_output_type) of output @p index, ANKER_E_NOT_FOUND, or
 * ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_output_type(const struct anker_model *model, size_t index);
/**
 * @brief Number of levels of output @p index: 0 unless it is an ANKER_OUTPUT_LEVEL.
 * A binary model's "band" has the model's bands as its levels, low to high.
 * @since 1.0
 */
size_t anker_model_get_output_level_count(const struct anker_model *model, size_t index);
/** @brief Name of level @p level of output @p index, or NULL. @since 1.0 */
const char *anker_model_get_output_level_name(const struct anker_model *model, size_t index,
					      size_t level);
/** @brief Label of level @p level of output @p index, or NULL. @since 1.0 */
const char *anker_model_get_output_level_label(const struct anker_model *model, size_t index,
					       size_t level);

/**
 * @brief The number of contributions that explain one case (0 for NULL).
 *
 * Every kind declares them: for a kind with a linear predictor (binary) one
 * per term, named and labelled as the term, which add up to the linear
 * predictor; for a questionnaire one per item of each scale, named
 * "<scale>.<item>", which add up to the scale's score (docs/model-format.md,
 * "Contributions"). anker_result_get_contribution() and
 * anker_batch_bind_contributions() use these indices.
 * @since 1.0
 */
size_t anker_model_get_contribution_count(const struct anker_model *model);
/**
 * @brief The machine name of contribution @p index (a term name, or
 * "<scale>.<item>"), or NULL when out of range.
 * @since 1.0
 */
const char *anker_model_get_contribution_name(const struct anker_model *model, size_t index);
/**
 * @brief The label for people (English) of contribution @p index, or NULL when
 * out of range.
 * @since 1.0
 */
const char *anker_model_get_contribution_label(const struct anker_model *model, size_t index);

/**
 * @brief The number of variables (0 for NULL, and for a kind without variables).
 * @since 1.0
 */
size_t anker_model_get_variable_count(const struct anker_model *model);
/** @brief Index of the variable called @p name, or ANKER_E_NOT_FOUND. @since 1.0 */
int anker_model_find_variable(const struct anker_model *model, const char *name);
/**
 * @brief The variable whose name is nearest to @p name, for "did you mean"
 * messages: a case-insensitive edit distance (insertions, deletions,
 * substitutions and swaps of neighbours) of at most a third of the longer name's
 * length, and at least 1. Ties go to the earlier variable.
 * @return the variable's name (owned by the model), or NULL when none is near
 *         enough or @p name is an exact variable name.
 * @since 1.0
 */
const char *anker_model_suggest_variable(const struct anker_model *model, const char *name);
/** @brief Name of variable @p index, or NULL when out of range. @since 1.0 */
const char *anker_model_get_variable_name(const struct anker_model *model, size_t index);
/** @brief Label of variable @p index, or NULL when out of range. @since 1.0 */
const char *anker_model_get_variable_label(const struct anker_model *model, size_t index);
/** @brief Kind (enum anker_variable_kind) of variable @p index, or ANKER_E_NOT_FOUND. @since 1.0 */
int anker_model_get_variable_kind(const struct anker_model *model, size_t index);
/**
 * @brief The valid range of numeric variable @p index.
 * @param[out] ret_min,ret_max the bounds; untouched on failure.
 * @return 0, ANKER_E_NOT_FOUND, or ANKER_E_TYPE_MISMATCH for a non-numeric variable.
 * @since 1.0
 */
int anker_model_get_variable_range(const struct anker_model *model, size_t index,
				   double *ret_min, double *ret_max);
/**
 * @brief The out-of-range policy (enum anker_out_of_range_policy) of numeric variable
 * @p index, ANKER_E_NOT_FOUND, or ANKER_E_TYPE_MISMATCH for a non-numeric variable.
 * @since 1.0
 */
int anker_model_get_variable_out_of_range(const struct anker_model *model, size_t index);
/**
 * @brief The missing-value policy (enum anker_missing_policy) of variable @p index,
 * or ANKER_E_NOT_FOUND.
 * @since 1.0
 */
int anker_model_get_variable_missing(const struct anker_model *model, size_t index);
/**
 * @brief The value imputed for a missing numeric or boolean (0/1) variable.
 * @param[out] ret_value the value; untouched on failure.
 * @return 0, ANKER_E_NOT_FOUND (no such variable, or it does not impute a number),
 *         or ANKER_E_TYPE_MISMATCH for a categorical variable.
 * @since 1.0
 */
int anker_model_get_variable_imputed_number(const struct anker_model *model, size_t index,
					    double *ret_value);
/**
 * @brief The level code used for a missing categorical variable (policy impute or level),
 * ANKER_E_NOT_FOUND (no such variable, or policy reject), or ANKER_E_TYPE_MISMATCH.
 * @since 1.0
 */
int anker_model_get_variable_imputed_level(const struct anker_model *model, size_t index);
/** @brief Number of levels of variable @p index (0 unless categorical). @since 1.0 */
size_t anker_model_get_level_count(const struct anker_model *model, size_t index);
/** @brief Name of level @p level of variable @p index, or NULL. @since 1.0 */
const char *anker_model_get_level_name(const struct anker_model *model, size_t index,
				       size_t level);
/** @brief Code of the level called @p name of variable @p index, or ANKER_E_NOT_FOUND. @since 1.0 */
int anker_model_find_level(const struct anker_model *model, size_t index, const char *name);

/**
 * @brief The number of terms (0 for NULL, and for a kind without a linear predictor).
 * @since 1.0
 */
size_t anker_model_get_term_count(const struct anker_model *model);
/** @brief The machine name of term @p index, or NULL. @since 1.0 */
const char *anker_model_get_term_name(const struct anker_model *model, size_t index);
/** @brief The human-readable label of term @p index, or NULL. @since 1.0 */
const char *anker_model_get_term_label(const struct anker_model *model, size_t index);
/** @brief The type (enum anker_term_type) of term @p index, or ANKER_E_NOT_FOUND. @since 1.0 */
int anker_model_get_term_type(const struct anker_model *model, size_t index);
/**
 * @brief The variable index that term @p index reads (a linear, categorical,
 * spline or bins term), or ANKER_E_NOT_FOUND (out of range, an intercept or an
 * interaction, which reads several: its factors).
 * @since 1.0
 */
int anker_model_get_term_variable(const struct anker_model *model, size_t index);
/**
 * @brief The edges of bins term @p index: @p ret_count strictly increasing
 * numbers; bin i (0 .. count) holds the values x with i edges <= x
 * (docs/model-format.md). The array lives as long as the model.
 * @return 0, ANKER_E_NOT_FOUND (out of range) or ANKER_E_INVALID_ARGUMENT (not a
 *         bins term, or NULL); the outputs are untouched on failure.
 * @since 1.0
 */
int anker_model_get_term_edges(const struct anker_model *model, size_t index,
			       const double **ret_edges, size_t *ret_count);

/** @brief The number of output bands (0 for NULL, and for a kind without bands). @since 1.0 */
size_t anker_model_get_band_count(const struct anker_model *model);
/** @brief The name of band @p index, or NULL. @since 1.0 */
const char *anker_model_get_band_name(const struct anker_model *model, size_t index);
/** @brief The label of band @p index, or NULL. @since 1.0 */
const char *anker_model_get_band_label(const struct anker_model *model, size_t index);
/**
 * @brief The upper threshold of band @p index; 1.0 for the last band, NaN when out of range.
 * @since 1.0
 */
double anker_model_get_band_upper(const struct anker_model *model, size_t index);
/**
 * @brief Where exact thresholds go (enum anker_band_boundary); ANKER_E_NOT_FOUND
 * for a kind without bands, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_band_boundary(const struct anker_model *model);
/**
 * @brief The band a probability falls in.
 * @return the band index, ANKER_E_OUT_OF_RANGE for NaN or a value outside [0, 1],
 *         or ANKER_E_INVALID_ARGUMENT for NULL or a kind without bands.
 * @since 1.0
 */
int anker_model_band_for_probability(const struct anker_model *model, double probability);

/*
 * Questionnaires. Their items are the model's variables (an item index is a
 * variable index), so cases and batches answer them by name like any variable.
 * Texts exist in Dutch and English: @p lang is "nl" or "en"; any other value,
 * and a kind without them, gives NULL. The label accessors without @p lang
 * (anker_model_get_variable_label(), anker_model_get_output_label(),
 * anker_model_get_output_level_label(), anker_model_get_contribution_label())
 * give the English text.
 */

/**
 * @brief How item @p variable of a questionnaire is answered (enum
 * anker_response_type); ANKER_E_NOT_FOUND for another kind or an index out of
 * range, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_item_response(const struct anker_model *model, size_t variable);
/** @brief The question of item @p variable in language @p lang ("nl", "en"), or NULL. @since 1.0 */
const char *anker_model_get_item_text(const struct anker_model *model, size_t variable,
				      const char *lang);
/**
 * @brief The number of answer options of item @p variable: k for a Likert item,
 * 2 for yes/no (no, yes), the list's length for a choice item; 0 for a number
 * item, another kind or an index out of range.
 * @since 1.0
 */
size_t anker_model_get_option_count(const struct anker_model *model, size_t variable);
/**
 * @brief The score value of option @p option of item @p variable: for a Likert
 * item the answer itself, for yes/no 0 and 1, for a choice item the value the
 * file gives the option (whose code, the answer, is
 * anker_model_get_level_name()).
 * @param[out] ret_value the value; untouched on failure.
 * @return 0, ANKER_E_NOT_FOUND, or ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_option_value(const struct anker_model *model, size_t variable, size_t option,
				 double *ret_value);
/** @brief The label of option @p option of item @p variable in @p lang, or NULL. @since 1.0 */
const char *anker_model_get_option_text(const struct anker_model *model, size_t variable,
					size_t option, const char *lang);
/**
 * @brief The label of output @p index in @p lang ("nl", "en"), or NULL (also
 * for a language the model has no text in).
 * @since 1.0
 */
const char *anker_model_get_output_text(const struct anker_model *model, size_t index,
					const char *lang);
/** @brief The label of level @p level of output @p index in @p lang, or NULL. @since 1.0 */
const char *anker_model_get_output_level_text(const struct anker_model *model, size_t index,
					      size_t level, const char *lang);
/** @brief The name of a response type ("likert", "yes_no", "number", "choice"), or NULL. @since 1.0 */
const char *anker_response_type_name(int type);

/** @brief The name of a model kind ("binary", ...), or NULL. @since 1.0 */
const char *anker_model_kind_name(int kind);
/** @brief The name of a variable kind ("numeric", "categorical", "boolean"), or NULL. @since 1.0 */
const char *anker_variable_kind_name(int kind);
/** @brief The name of a term type ("intercept", "linear", ...), or NULL. @since 1.0 */
const char *anker_term_type_name(int type);
/** @brief The name of an out-of-range policy ("clamp", "reject"), or NULL. @since 1.0 */
const char *anker_out_of_range_policy_name(int policy);
/** @brief The name of a missing-value policy ("reject", "impute", "level"), or NULL. @since 1.0 */
const char *anker_missing_policy_name(int policy);
/** @brief The name of a link ("logit", "probit"), or NULL. @since 1.0 */
const char *anker_link_name(int link);
/** @brief The name of an output type ("number", "level"), or NULL. @since 1.0 */
const char *anker_output_type_name(int type);

#ifdef __cplusplus
}
#endif
#endif
