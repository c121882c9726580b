/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Columnar batch scoring: the batch object, its input bindings and counts, and
 * the exact (case by case) paths. Output bindings and the call loop are in
 * batch-run.c.
 *
 * Cases are scored in chunks of CHUNK by the kind's batch_chunk() (kind.h).
 * For each chunk every variable is first resolved into a contiguous array (or,
 * when a caller's contiguous column is already valid, used in place), then
 * each term is evaluated over the whole chunk, so that the common loops are
 * simple enough to vectorize. Everything the chunks need is allocated in
 * anker_batch_new(); scoring allocates nothing.
 *
 * Values are resolved and terms evaluated with the same inline functions as
 * anker_model_score(), and contributions are added in the same order, so the
 * two scorers agree to the last bit.
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include "../core/suggest.h"
#include "batch-private.h"
#include "logistic-private.h"

/* Level names to codes */

static uint32_t hash_text(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static void table_build(int32_t *table, size_t mask, const struct anker_variable *var)
{
	for (size_t i = 0; i <= mask; i++)
		table[i] = -1;
	for (size_t l = 0; l < var->n_levels; l++) {
		size_t h = hash_text(var->levels[l]) & mask;
		while (table[h] >= 0)
			h = (h + 1) & mask;
		table[h] = (int32_t)l;
	}
}

int32_t anker_batch_find_level(const struct anker_batch *b, size_t k, const char *name)
{
	const struct anker_variable *var = &b->vars[k];
	const int32_t *table = b->tables + b->table_at[k];
	size_t mask = b->table_mask[k];
	for (size_t h = hash_text(name) & mask; table[h] >= 0; h = (h + 1) & mask)
		if (strcmp(var->levels[table[h]], name) == 0)
			return table[h];
	return -1;
}

/* Lifetime */

ANKER_EXPORT void anker_batch_free(struct anker_batch *b)
{
	if (!b)
		return;
	struct anker_ctx *ctx = b->model->ctx;
	anker_dealloc(ctx, b->columns);
	anker_dealloc(ctx, b->strict_vars);
	anker_dealloc(ctx, b->absent);
	for (size_t i = 0; i < b->n_ignored; i++)
		anker_dealloc(ctx, b->ignored[i]);
	anker_dealloc(ctx, b->ignored);
	anker_dealloc(ctx, b->counts);
	anker_dealloc(ctx, b->case_flags);
	anker_dealloc(ctx, b->slot);
	anker_dealloc(ctx, b->tables);
	anker_dealloc(ctx, b->table_at);
	anker_dealloc(ctx, b->table_mask);
	anker_dealloc(ctx, b->values);
	anker_dealloc(ctx, b->codes);
	anker_dealloc(ctx, b->x);
	anker_dealloc(ctx, b->deferrable);
	anker_dealloc(ctx, b->check_lo);
	anker_dealloc(ctx, b->check_hi);
	anker_dealloc(ctx, b->counts_saved);
	anker_dealloc(ctx, b->level);
	anker_dealloc(ctx, b->eta);
	anker_dealloc(ctx, b->term);
	anker_dealloc(ctx, b->product);
	anker_dealloc(ctx, b->band_upper);
	anker_dealloc(ctx, b->numbers);
	anker_dealloc(ctx, b->levels);
	anker_dealloc(ctx, b->bound);
	anker_dealloc(ctx, b->shortcut);
	anker_dealloc(ctx, b->index);
	anker_dealloc(ctx, b->status);
	anker_dealloc(ctx, b->why);
	anker_dealloc(ctx, b->culprit);
	anker_model_unref(b->model);
	anker_dealloc(ctx, b);
}

/*
 * The numeric variables whose range check predict_chunk() may leave to the
 * linear terms: those that only linear terms use (at least one), and whose
 * every value outside the range, missing included, fails the case, so that a
 * chunk that fails the check is rare and the batch's behaviour is unchanged.
 */
static void find_deferrable(struct anker_batch *b)
{
	const struct anker_linear *lin = b->lin;
	for (size_t k = 0; k < lin->n_variables; k++) {
		const struct anker_variable *var = &b->vars[k];
		b->deferrable[k] = var->kind == ANKER_VARIABLE_NUMERIC &&
				   var->missing == ANKER_MISSING_REJECT &&
				   var->out_of_range == ANKER_RANGE_REJECT;
	}
	/* cleared for any use but a linear term */
	for (size_t t = 0; t < lin->n_terms; t++) {
		const struct anker_term *term = &lin->terms[t];
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
		case ANKER_TERM_LINEAR:
			break;
		case ANKER_TERM_INTERACTION:
			for (size_t f = 0; f < term->n_factors; f++)
				b->deferrable[term->factors[f].variable] = false;
			break;
		default:
			b->deferrable[term->variable] = false;
			break;
		}
	}
	b->n_deferrable = 0;
	for (size_t k = 0; k < lin->n_variables; k++) {
		b->check_lo[k] = -INFINITY; /* resolve_numeric() sets a numeric variable's */
		b->check_hi[k] = INFINITY;
		bool linear = false;
		for (size_t t = 0; t < lin->n_terms && !linear; t++) {
			const struct anker_term *term = &lin->terms[t];
			linear = term->type == ANKER_TERM_LINEAR && term->variable == k;
		}
		b->deferrable[k] = b->deferrable[k] && linear;
		b->n_deferrable += b->deferrable[k];
	}
}

static size_t table_size(size_t n_levels)
{
	size_t size = 4;
	while (size < 2 * n_levels)
		size *= 2;
	return size;
}

ANKER_EXPORT int anker_batch_new(struct anker_model *model, unsigned int flags,
				 struct anker_batch **ret)
{
	if (!model || !ret ||
	    (flags & ~(unsigned int)(ANKER_SCORE_IGNORE_EXTRA | ANKER_SCORE_STRICT)))
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_ctx *ctx = model->ctx;
	const struct anker_linear *lin = model->linear;
	const struct anker_bands *bands = model->bands;
	size_t nv = lin->n_variables, no;
	anker_model_outputs(model, &no);

	struct anker_batch *b = anker_alloc_zeroed(ctx, 1, sizeof(*b));
	if (!b)
		return ANKER_E_NO_MEMORY;
	b->model = anker_model_ref(model);
	b->lin = lin;
	b->n_outputs = no;
	b->flags = flags;
	b->exp_floor = ANKER_EXP_FLOOR;
	b->one = 1.0;

	size_t n_values = 0, n_codes = 0, n_table = 0;
	for (size_t k = 0; k < nv; k++) {
		const struct anker_variable *var = &lin->variables[k];
		if (var->kind == ANKER_VARIABLE_CATEGORICAL)
			n_table += table_size(var->n_levels), n_codes++;
		else
			n_values++;
	}

	b->columns = anker_alloc_zeroed(ctx, nv, sizeof(*b->columns));
	b->absent = anker_alloc_zeroed(ctx, nv, sizeof(*b->absent));
	b->ignored = anker_alloc_array(ctx, IGNORED_MAX, sizeof(*b->ignored));
	b->counts = anker_alloc_zeroed(ctx, nv, 3 * sizeof(*b->counts));
	b->case_flags = anker_alloc_array(ctx, CHUNK, sizeof(*b->case_flags));
	b->vars = lin->variables;
	if (flags & ANKER_SCORE_STRICT) {
		b->strict_vars = anker_alloc_array(ctx, nv, sizeof(*b->strict_vars));
		if (b->strict_vars)
			for (size_t k = 0; k < nv; k++)
				b->strict_vars[k] = anker_variable_strict(&lin->variables[k]);
		b->vars = b->strict_vars;
	}
	b->slot = anker_alloc_array(ctx, nv, sizeof(*b->slot));
	b->tables = anker_alloc_array(ctx, n_table, sizeof(*b->tables));
	b->table_at = anker_alloc_zeroed(ctx, nv, sizeof(*b->table_at));
	b->table_mask = anker_alloc_zeroed(ctx, nv, sizeof(*b->table_mask));
	b->values = anker_alloc_array(ctx, n_values, CHUNK * sizeof(*b->values));
	b->codes = anker_alloc_array(ctx, n_codes, CHUNK * sizeof(*b->codes));
	b->x = anker_alloc_zeroed(ctx, nv, sizeof(*b->x));
	b->deferrable = anker_alloc_zeroed(ctx, nv, sizeof(*b->deferrable));
	b->check_lo = anker_alloc_zeroed(ctx, nv, sizeof(*b->check_lo));
	b->check_hi = anker_alloc_zeroed(ctx, nv, sizeof(*b->check_hi));
	b->counts_saved = anker_alloc_zeroed(ctx, nv, COUNT_KINDS * sizeof(*b->counts_saved));
	b->level = anker_alloc_zeroed(ctx, nv, sizeof(*b->level));
	b->eta = anker_alloc_array(ctx, CHUNK, sizeof(*b->eta));
	b->term = anker_alloc_array(ctx, CHUNK, sizeof(*b->term));
	b->product = anker_alloc_array(ctx, CHUNK, sizeof(*b->product));
	b->band_upper = anker_alloc_array(ctx, bands->count, sizeof(*b->band_upper));
	b->numbers = anker_alloc_array(ctx, no, CHUNK * sizeof(*b->numbers));
	b->levels = anker_alloc_array(ctx, no, CHUNK * sizeof(*b->levels));
	b->bound = anker_alloc_zeroed(ctx, no, sizeof(*b->bound));
	b->shortcut = anker_alloc_zeroed(ctx, no, sizeof(*b->shortcut));
	b->index = anker_alloc_array(ctx, CHUNK, sizeof(*b->index));
	b->status = anker_alloc_array(ctx, CHUNK, sizeof(*b->status));
	b->why = anker_alloc_array(ctx, CHUNK, sizeof(*b->why));
	b->culprit = anker_alloc_array(ctx, CHUNK, sizeof(*b->culprit));
	if (!b->columns || !b->absent || !b->ignored || !b->counts || !b->case_flags ||
	    ((flags & ANKER_SCORE_STRICT) && !b->strict_vars) || !b->slot || !b->tables ||
	    !b->table_at || !b->table_mask || !b->values || !b->codes || !b->x || !b->level ||
	    !b->deferrable || !b->check_lo || !b->check_hi || !b->counts_saved ||
	    !b->eta || !b->term || !b->product || !b->band_upper || !b->numbers || !b->levels ||
	    !b->bound || !b->shortcut || !b->index || !b->status || !b->why || !b->culprit) {
		anker_batch_free(b);
		return ANKER_E_NO_MEMORY;
	}

	for (size_t j = 0; j < bands->count; j++)
		b->band_upper[j] = bands->items[j].upper;
	find_deferrable(b);
	n_values = n_codes = n_table = 0;
	for (size_t k = 0; k < nv; k++) {
		const struct anker_variable *var = &lin->variables[k];
		if (var->kind != ANKER_VARIABLE_CATEGORICAL) {
			b->slot[k] = n_values++;
			continue;
		}
		b->slot[k] = n_codes++;
		b->table_at[k] = n_table;
		b->table_mask[k] = table_size(var->n_levels) - 1;
		table_build(b->tables + n_table, b->table_mask[k], var);
		n_table += table_size(var->n_levels);
	}
	*ret = b;
	return 0;
}

/* Bindings */

/*
 * Which columns suit which variables. Integer columns carry numbers for
 * numeric variables, 0/1 for booleans (anything else, -1 included, is out of
 * range: only level codes have a missing marker) and level codes for
 * categorical variables.
 */
static bool column_fits(enum column_type type, int kind)
{
	switch (type) {
	case COLUMN_F64:
		return kind != ANKER_VARIABLE_CATEGORICAL;
	case COLUMN_I32:
	case COLUMN_I64:
		return true;
	case COLUMN_U8:
		return kind == ANKER_VARIABLE_BOOLEAN;
	case COLUMN_STRINGS:
		return kind == ANKER_VARIABLE_CATEGORICAL;
	case COLUMN_NONE:
	default:
		return false;
	}
}

/* Remember an ignored name, once, for the "no column" message's suggestion. */
static int keep_ignored(struct anker_batch *b, const char *name)
{
	if (b->n_ignored == IGNORED_MAX || strlen(name) > ANKER_SUGGEST_MAX)
		return 0;
	for (size_t i = 0; i < b->n_ignored; i++)
		if (strcmp(b->ignored[i], name) == 0)
			return 0;
	char *copy = anker_strdup(b->model->ctx, name);
	if (!copy)
		return ANKER_E_NO_MEMORY;
	b->ignored[b->n_ignored++] = copy;
	return 0;
}

static int bind(struct anker_batch *b, const char *name, enum column_type type, const void *values,
		size_t stride, size_t natural)
{
	if (!b || !name || !values || (stride != 0 && stride < natural))
		return ANKER_E_INVALID_ARGUMENT;
	int k = anker_model_find_variable(b->model, name);
	if (k < 0)
		return (b->flags & ANKER_SCORE_IGNORE_EXTRA) ? keep_ignored(b, name)
							     : ANKER_E_UNKNOWN_VARIABLE;
	if (!column_fits(type, b->lin->variables[k].kind))
		return ANKER_E_TYPE_MISMATCH;
	b->columns[k] = (struct column){type, values, stride ? stride : natural};
	b->absent[k] = false;
	return 0;
}

ANKER_EXPORT int anker_batch_bind_f64(struct anker_batch *batch, const char *name,
				      const double *values, size_t stride)
{
	return bind(batch, name, COLUMN_F64, values, stride, sizeof(double));
}

ANKER_EXPORT int anker_batch_bind_i64(struct anker_batch *batch, const char *name,
				      const int64_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_I64, values, stride, sizeof(int64_t));
}

ANKER_EXPORT int anker_batch_bind_i32(struct anker_batch *batch, const char *name,
				      const int32_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_I32, values, stride, sizeof(int32_t));
}

ANKER_EXPORT int anker_batch_bind_u8(struct anker_batch *batch, const char *name,
				     const uint8_t *values, size_t stride)
{
	return bind(batch, name, COLUMN_U8, values, stride, sizeof(uint8_t));
}

ANKER_EXPORT int anker_batch_bind_strings(struct anker_batch *batch, const char *name,
					  const char *const *values, size_t stride)
{
	return bind(batch, name, COLUMN_STRINGS, values, stride, sizeof(char *));
}

ANKER_EXPORT int anker_batch_bind_absent(struct anker_batch *batch, const char *name)
{
	if (!batch || !name)
		return ANKER_E_INVALID_ARGUMENT;
	int k = anker_model_find_variable(batch->model, name);
	if (k < 0)
		return ANKER_E_UNKNOWN_VARIABLE;
	batch->columns[k] = (struct column){COLUMN_NONE, NULL, 0};
	batch->absent[k] = true;
	return 0;
}

ANKER_EXPORT void anker_batch_unbind_all(struct anker_batch *batch)
{
	if (!batch)
		return;
	size_t nv = batch->lin->n_variables;
	memset(batch->columns, 0, nv * sizeof(*batch->columns));
	memset(batch->absent, 0, nv * sizeof(*batch->absent));
	memset(batch->bound, 0, batch->n_outputs * sizeof(*batch->bound));
	batch->contributions = NULL;
	batch->n_survival = 0;
}

ANKER_EXPORT void anker_batch_set_case_outputs(struct anker_batch *batch, uint32_t *flags,
					       int32_t *variable)
{
	if (!batch)
		return;
	batch->flags_out = flags;
	batch->variable_out = variable;
}

ANKER_EXPORT int anker_batch_get_counts(const struct anker_batch *batch, size_t variable,
					uint64_t *ret_missing, uint64_t *ret_imputed,
					uint64_t *ret_clamped)
{
	if (!batch)
		return ANKER_E_INVALID_ARGUMENT;
	if (variable >= batch->lin->n_variables)
		return ANKER_E_NOT_FOUND;
	const uint64_t *c = batch->counts + COUNT_KINDS * variable;
	if (ret_missing)
		*ret_missing = c[COUNT_MISSING];
	if (ret_imputed)
		*ret_imputed = c[COUNT_IMPUTED];
	if (ret_clamped)
		*ret_clamped = c[COUNT_CLAMPED];
	return 0;
}

ANKER_EXPORT void anker_batch_reset_counts(struct anker_batch *batch)
{
	if (batch)
		memset(batch->counts, 0,
		       batch->lin->n_variables * COUNT_KINDS * sizeof(*batch->counts));
}

/* One case's missing value, on the exact paths. */
void anker_batch_note_missing(struct anker_batch *b, size_t k, size_t i)
{
	b->case_flags[i] |= missing_flags(&b->vars[k]);
	count_missing(b, k, 1);
}

/* A whole chunk missing: an absent column. */
void anker_batch_note_all_missing(struct anker_batch *b, size_t k, size_t m)
{
	uint8_t f = missing_flags(&b->vars[k]);
	for (size_t i = 0; i < m; i++)
		b->case_flags[i] |= f;
	count_missing(b, k, m);
}

/* Resolving one variable over a chunk */

void anker_batch_fail_case(struct anker_batch *b, size_t i, enum anker_value_error why, size_t k)
{
	if (b->status[i] != 0)
		return; /* report the first failure, as anker_model_score() would */
	if (k < b->lin->n_variables)
		why = anker_variable_error(&b->vars[k], why);
	b->status[i] = anker_value_error_code(why);
	b->why[i] = (uint8_t)why;
	b->culprit[i] = k;
	b->n_failed++;
}

/*
 * The exact path for a numeric or boolean column: every case of the chunk
 * through anker_resolve_*(), failures recorded.
 */
void anker_batch_resolve_values_exact(struct anker_batch *b, size_t k, const double *src,
				      double *dst, size_t m)
{
	const struct anker_variable *var = &b->vars[k];
	bool boolean = var->kind == ANKER_VARIABLE_BOOLEAN;
	for (size_t i = 0; i < m; i++) {
		double v = src[i];
		enum anker_value_error e;
		bool clamped;
		if (isnan(v)) {
			int32_t level;
			enum anker_value_origin origin;
			e = anker_resolve_missing(var, &dst[i], &level, &origin);
		} else if (boolean) {
			e = anker_resolve_boolean(v, &dst[i]);
		} else {
			e = anker_resolve_numeric(var, v, &dst[i], &clamped);
		}
		if (e != ANKER_VERR_OK) {
			dst[i] = 0.0;
			anker_batch_fail_case(b, i, e, k);
		}
	}
}

/*
 * Every variable needs a column or an absence declaration: the first that has
 * neither fails the call, with the nearest ignored column name as a suggestion.
 */
int anker_batch_check_columns(const struct anker_batch *b, struct anker_error *err)
{
	const struct anker_linear *lin = b->lin;
	size_t first = SIZE_MAX, n_unbound = 0;
	for (size_t k = 0; k < lin->n_variables; k++)
		if (b->columns[k].type == COLUMN_NONE && !b->absent[k] && n_unbound++ == 0)
			first = k;
	if (n_unbound == 0)
		return 0;

	const char *name = lin->variables[first].name;
	const char *nearest = NULL;
	size_t best = SIZE_MAX, d;
	for (size_t i = 0; i < b->n_ignored; i++)
		if (anker_name_is_near(name, b->ignored[i], &d) && d < best)
			nearest = b->ignored[i], best = d;
	char others[64] = "";
	if (n_unbound > 1)
		snprintf(others, sizeof(others), " (%zu more variables have none)", n_unbound - 1);
	struct anker_where where = ANKER_WHERE_NONE;
	where.field = name;
	if (nearest)
		return anker_fail(err, ANKER_E_NO_COLUMN, where,
				  "no column for this variable%s; did you mean '%s'?", others,
				  nearest);
	return anker_fail(err, ANKER_E_NO_COLUMN, where,
			  "no column for this variable%s; bind one, or declare it absent if it "
			  "is missing for every case",
			  others);
}
