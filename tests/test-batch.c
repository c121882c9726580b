/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Batch scoring. The reference for every batch is anker_model_score() on the
 * same synthetic cases (whose own arithmetic tests/test-score.c checks by hand):
 * the batch must agree with it to the last bit, whatever the column types,
 * strides, chunk boundaries or threads.
 *
 * So that a bug shared by both scorers cannot pass, every behaviour is also
 * pinned by values found without the library: test_pinned_by_numpy scores
 * tests/golden/cases-full-model.csv through every column layout, strides,
 * unbound variables, both links, without contributions and on threads, against
 * what tests/golden/reference_scorer.py (numpy) computes for the same model
 * (tests/golden/full-model*.json; the golden suite re-checks those files); the
 * other tests pin values worked out by hand (knots, bins, clamping, imputation)
 * or with mpmath (the band thresholds).
 *
 * On x86-64 with glibc the batch scorer's chunk loops are compiled for SSE2 and
 * for AVX2, and the loader picks one for the CPU (CHUNK_CLONES in
 * lib/model/batch.c). These tests exercise the one the CPU gets: the AVX2 copy
 * wherever __builtin_cpu_supports("avx2"), under valgrind too; with
 * -Dcpu_dispatch=false (ThreadSanitizer, coverage) the one plain copy. main()
 * says which.
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-full-model.h"
#include "test-util.h"

/* The model of tests/test-score.c: every term type and every policy. */
static const char full_model[] =
	"{'format':'anker-model','format_version':1,'kind':'binary','id':'batch-test',"
	"'name':'Batch test','version':'1.0.0','toets':'AMT',"
	"'outcome':{'description':'work within 6 months','horizon_months':6},"
	"'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "
	"model.','data':'none','fitted_by':'libanker tests'},"
	TEST_FULL_MODEL_BODY;

#define N_TERMS 10

static const char *const education_levels[] = { "basic", "vocational", "higher", "unknown" };
static const char *const region_levels[] = { "north", "south", "west" };
static const char *const sector_levels[] = { "care", "retail", "other" };

/* Level code BAD is none of the levels; as a name it is "nonsense". */
#define BAD 99

/* One synthetic person. NaN or -1 is missing; BAD (or 2 for booleans) is invalid. */
struct raw {
	double age, hours, months;
	int female, care;
	int education, region, sector;
};

struct gen_options {
	bool integral;     /* whole numbers only and no missing numbers (integer columns) */
	bool bool_missing; /* booleans may be missing (not for u8 or integer columns) */
	bool errors;       /* include values that fail */
};

static uint64_t next_random(uint64_t *s)
{
	/* xorshift64*: deterministic and the same everywhere */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static double uniform(uint64_t *s)
{
	return (double)(next_random(s) >> 11) / 9007199254740992.0;
}

static bool chance(uint64_t *s, double p)
{
	return uniform(s) < p;
}

static double number(uint64_t *s, double lo, double hi, const struct gen_options *o,
		     const double *special, size_t n_special)
{
	if (chance(s, 0.2))
		return special[next_random(s) % n_special];
	double v = lo + (hi - lo) * uniform(s);
	return o->integral ? floor(v) : v;
}

static void generate(struct raw *r, size_t n, uint64_t seed, const struct gen_options *o)
{
	uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
	static const double age_special[] = { 10, 18, 40, 67, 80 };
	static const double hours_special[] = { 0, 5, 10, 30, 40 };
	static const double months_special[] = { 0, 3, 12, 24 };
	for (size_t i = 0; i < n; i++) {
		r[i].age = number(&s, 10, 80, o, age_special, 5);
		r[i].hours = number(&s, 0, 40, o, hours_special, 5);
		r[i].months = number(&s, 0, 24, o, months_special, 4);
		if (!o->integral && chance(&s, 0.1))
			r[i].age = NAN;
		if (!o->integral && chance(&s, 0.1))
			r[i].months = NAN;
		r[i].female = (int)(next_random(&s) % 2);
		r[i].care = (int)(next_random(&s) % 2);
		if (o->bool_missing && chance(&s, 0.1))
			r[i].female = -1;
		r[i].education = chance(&s, 0.1) ? -1 : (int)(next_random(&s) % 4);
		r[i].region = chance(&s, 0.1) ? -1 : (int)(next_random(&s) % 3);
		r[i].sector = (int)(next_random(&s) % 3);
		if (!o->errors)
			continue;
		if (chance(&s, 0.02))
			r[i].hours = o->integral ? 41 : NAN; /* out of range / missing: rejected */
		if (chance(&s, 0.02))
			r[i].hours = -1;
		if (chance(&s, 0.02))
			r[i].care = 2;
		if (o->bool_missing && chance(&s, 0.02))
			r[i].care = -1; /* rejected */
		if (chance(&s, 0.02))
			r[i].sector = chance(&s, 0.5) ? -1 : BAD;
		if (chance(&s, 0.02))
			r[i].education = BAD;
	}
}

/* The reference: one case at a time. */
struct outcome {
	int status;
	double p, lp;
	int band;
	double contributions[N_TERMS];
	char field[64];
};

static void set_level(struct anker_case *c, const char *name, int code,
		      const char *const *levels, size_t i)
{
	if (code == BAD)
		assert_int_equal(anker_case_set_level(c, name, "nonsense"), 0);
	else if (code >= 0)
		assert_int_equal(anker_case_set_level(c, name, levels[code]), 0);
	else if (i % 2) /* missing: say so, or leave it out */
		assert_int_equal(anker_case_set_missing(c, name), 0);
}

static void set_boolean(struct anker_case *c, const char *name, int v, size_t i)
{
	if (v == 0 || v == 1)
		assert_int_equal(anker_case_set_bool(c, name, v), 0);
	else if (v >= 0)
		assert_int_equal(anker_case_set_number(c, name, v), 0);
	else if (i % 2)
		assert_int_equal(anker_case_set_missing(c, name), 0);
}

static void set_number(struct anker_case *c, const char *name, double v, size_t i)
{
	if (!isnan(v) || i % 3 == 0)
		assert_int_equal(anker_case_set_number(c, name, v), 0);
	else if (i % 3 == 1)
		assert_int_equal(anker_case_set_missing(c, name), 0);
	/* else: not set at all */
}

static void score_reference(struct anker_model *model, const struct raw *r, size_t n,
			    struct outcome *out)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	struct anker_error *err = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t i = 0; i < n; i++) {
		anker_case_clear(c);
		set_number(c, "age", r[i].age, i);
		set_number(c, "hours", r[i].hours, i);
		set_number(c, "months", r[i].months, i);
		set_boolean(c, "female", r[i].female, i);
		set_boolean(c, "care_duties", r[i].care, i);
		set_level(c, "education", r[i].education, education_levels, i);
		set_level(c, "region", r[i].region, region_levels, i);
		set_level(c, "sector", r[i].sector, sector_levels, i);
		memset(&out[i], 0, sizeof(out[i]));
		out[i].status = anker_model_score(model, c, 0, res, err);
		if (out[i].status != 0) {
			snprintf(out[i].field, sizeof(out[i].field), "%s", anker_error_field(err));
			continue;
		}
		out[i].p = anker_result_get_probability(res);
		out[i].lp = anker_result_get_linear_predictor(res);
		out[i].band = anker_result_get_band(res);
		for (size_t t = 0; t < N_TERMS; t++)
			out[i].contributions[t] = anker_result_get_contribution(res, t);
	}
	anker_error_free(err);
	anker_result_free(res);
	anker_case_free(c);
	anker_ctx_unref(ctx);
}

/* The batch agrees with the reference bit for bit, and marks failures the same way. */
static void assert_matches(const struct test_outputs *o, const struct outcome *ref)
{
	for (size_t i = 0; i < o->n; i++) {
		if (o->status[i] != ref[i].status)
			print_error("case %zu: status %d, reference %d (%s)\n", i, o->status[i],
				    ref[i].status, ref[i].field);
		assert_int_equal(o->status[i], ref[i].status);
		if (ref[i].status != 0) {
			assert_true(isnan(o->p[i]));
			assert_true(isnan(o->lp[i]));
			assert_int_equal(o->band[i], -1);
			for (size_t t = 0; t < N_TERMS; t++)
				assert_true(isnan(o->contributions[i * N_TERMS + t]));
			continue;
		}
		assert_bits_equal(o->p[i], ref[i].p);
		assert_bits_equal(o->lp[i], ref[i].lp);
		assert_int_equal(o->band[i], ref[i].band);
		for (size_t t = 0; t < N_TERMS; t++)
			assert_bits_equal(o->contributions[i * N_TERMS + t],
					  ref[i].contributions[t]);
	}
}

static void score_into(struct anker_batch *batch, struct test_outputs *o)
{
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_batch_score(batch, o->n, o->p, o->lp, o->band, o->contributions, o->status,
				  err);
	if (r != 0)
		print_error("%s\n", anker_error_message(err));
	assert_int_equal(r, 0);
	anker_error_free(err);
}

/* Columns of every type, built from the raw cases. */
struct columns {
	double *age, *hours, *months, *female_f64, *care_f64;
	int32_t *age_i32, *hours_i32, *months_i32, *female_i32, *care_i32;
	int64_t *age_i64, *hours_i64, *months_i64, *female_i64, *care_i64;
	uint8_t *female_u8, *care_u8;
	int32_t *education_i32, *region_i32, *sector_i32;
	int64_t *education_i64, *region_i64, *sector_i64;
	const char **education_str, **region_str, **sector_str;
};

static const char *level_name(int code, const char *const *levels)
{
	if (code == BAD)
		return "nonsense";
	return code >= 0 ? levels[code] : NULL;
}

/*
 * An integer column's view of a number: 0 for NaN, saturated outside int32
 * (converting 1e300 to int is undefined behaviour).
 */
static int32_t integral(double x)
{
	if (isnan(x))
		return 0;
	if (x >= 2147483647.0)
		return INT32_MAX;
	if (x <= -2147483648.0)
		return INT32_MIN;
	return (int32_t)x;
}

static struct columns *columns_new(const struct raw *r, size_t n)
{
	struct columns *c = calloc(1, sizeof(*c));
	assert_non_null(c);
#define ALLOC(field) assert_non_null(c->field = calloc(n, sizeof(*c->field)))
	ALLOC(age), ALLOC(hours), ALLOC(months), ALLOC(female_f64), ALLOC(care_f64);
	ALLOC(age_i32), ALLOC(hours_i32), ALLOC(months_i32), ALLOC(female_i32), ALLOC(care_i32);
	ALLOC(age_i64), ALLOC(hours_i64), ALLOC(months_i64), ALLOC(female_i64), ALLOC(care_i64);
	ALLOC(female_u8), ALLOC(care_u8);
	ALLOC(education_i32), ALLOC(region_i32), ALLOC(sector_i32);
	ALLOC(education_i64), ALLOC(region_i64), ALLOC(sector_i64);
	ALLOC(education_str), ALLOC(region_str), ALLOC(sector_str);
#undef ALLOC
	for (size_t i = 0; i < n; i++) {
		c->age[i] = r[i].age;
		c->hours[i] = r[i].hours;
		c->months[i] = r[i].months;
		c->female_f64[i] = r[i].female < 0 ? NAN : r[i].female;
		c->care_f64[i] = r[i].care < 0 ? NAN : r[i].care;
		/* integer numbers only make sense for integral data without NaN */
		c->age_i32[i] = integral(r[i].age);
		c->hours_i32[i] = integral(r[i].hours);
		c->months_i32[i] = integral(r[i].months);
		c->female_i32[i] = r[i].female;
		c->care_i32[i] = r[i].care;
		c->age_i64[i] = c->age_i32[i];
		c->hours_i64[i] = c->hours_i32[i];
		c->months_i64[i] = c->months_i32[i];
		c->female_i64[i] = r[i].female;
		c->care_i64[i] = r[i].care;
		c->female_u8[i] = (uint8_t)r[i].female;
		c->care_u8[i] = (uint8_t)r[i].care;
		c->education_i32[i] = c->education_i64[i] = r[i].education;
		c->region_i32[i] = c->region_i64[i] = r[i].region;
		c->sector_i32[i] = c->sector_i64[i] = r[i].sector;
		c->education_str[i] = level_name(r[i].education, education_levels);
		c->region_str[i] = level_name(r[i].region, region_levels);
		c->sector_str[i] = level_name(r[i].sector, sector_levels);
	}
	return c;
}

static void columns_free(struct columns *c)
{
	void *all[] = { c->age, c->hours, c->months, c->female_f64, c->care_f64, c->age_i32,
			c->hours_i32, c->months_i32, c->female_i32, c->care_i32, c->age_i64,
			c->hours_i64, c->months_i64, c->female_i64, c->care_i64, c->female_u8,
			c->care_u8, c->education_i32, c->region_i32, c->sector_i32,
			c->education_i64, c->region_i64, c->sector_i64, (void *)c->education_str,
			(void *)c->region_str, (void *)c->sector_str };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]);
	free(c);
}

enum layout {
	LAYOUT_F64_U8_STRINGS, /* doubles, numpy-style bools, level names */
	LAYOUT_F64_BOOLS,      /* booleans as doubles (NaN missing), level codes as i32 */
	LAYOUT_I32,            /* everything as 32-bit integers */
	LAYOUT_I64,            /* everything as 64-bit integers */
};

static void bind_layout(struct anker_batch *b, const struct columns *c, enum layout layout)
{
	switch (layout) {
	case LAYOUT_F64_U8_STRINGS:
		assert_int_equal(anker_batch_bind_f64(b, "age", c->age, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "hours", c->hours, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "months", c->months, sizeof(double)), 0);
		assert_int_equal(anker_batch_bind_u8(b, "female", c->female_u8, 0), 0);
		assert_int_equal(anker_batch_bind_u8(b, "care_duties", c->care_u8, 0), 0);
		assert_int_equal(anker_batch_bind_strings(b, "education", c->education_str, 0), 0);
		assert_int_equal(anker_batch_bind_strings(b, "region", c->region_str, 0), 0);
		assert_int_equal(anker_batch_bind_strings(b, "sector", c->sector_str, 0), 0);
		break;
	case LAYOUT_F64_BOOLS:
		assert_int_equal(anker_batch_bind_f64(b, "age", c->age, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "hours", c->hours, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "months", c->months, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "female", c->female_f64, 0), 0);
		assert_int_equal(anker_batch_bind_f64(b, "care_duties", c->care_f64, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "education", c->education_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "region", c->region_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "sector", c->sector_i32, 0), 0);
		break;
	case LAYOUT_I32:
		assert_int_equal(anker_batch_bind_i32(b, "age", c->age_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "hours", c->hours_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "months", c->months_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "female", c->female_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "care_duties", c->care_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "education", c->education_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "region", c->region_i32, 0), 0);
		assert_int_equal(anker_batch_bind_i32(b, "sector", c->sector_i32, 0), 0);
		break;
	case LAYOUT_I64:
		assert_int_equal(anker_batch_bind_i64(b, "age", c->age_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "hours", c->hours_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "months", c->months_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "female", c->female_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "care_duties", c->care_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "education", c->education_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "region", c->region_i64, 0), 0);
		assert_int_equal(anker_batch_bind_i64(b, "sector", c->sector_i64, 0), 0);
		break;
	}
}

/* 1000 cases: three full chunks of 256 and a partial one. */
#define N_CASES 1000

static void check_layout_link(enum layout layout, const struct gen_options *opts, uint64_t seed,
			      bool probit)
{
	struct anker_ctx *ctx = test_ctx_new();
	char json[sizeof(full_model) + 8];
	snprintf(json, sizeof(json), "%s", full_model);
	if (probit) {
		char *link = strstr(json, "'link':'logit'");
		assert_non_null(link);
		memmove(link + 15, link + 14, strlen(link + 14) + 1);
		memcpy(link, "'link':'probit'", 15);
	}
	struct anker_model *model = test_model_from_quoted(ctx, json);
	assert_int_equal(anker_model_get_link(model),
			 probit ? ANKER_LINK_PROBIT : ANKER_LINK_LOGIT);
	struct raw *raw = calloc(N_CASES, sizeof(*raw));
	struct outcome *ref = calloc(N_CASES, sizeof(*ref));
	assert_true(raw && ref);
	generate(raw, N_CASES, seed, opts);
	score_reference(model, raw, N_CASES, ref);
	size_t failing = 0;
	for (size_t i = 0; i < N_CASES; i++)
		failing += ref[i].status != 0;
	if (opts->errors)
		assert_true(failing > 20 && failing < N_CASES / 2);
	else
		assert_int_equal(failing, 0);

	struct columns *cols = columns_new(raw, N_CASES);
	struct anker_batch *batch = NULL;
	assert_int_equal(anker_batch_new(model, 0, &batch), 0);
	bind_layout(batch, cols, layout);
	struct test_outputs *out = test_outputs_new(N_CASES, N_TERMS);
	score_into(batch, out);
	assert_matches(out, ref);

	/* The same without contributions (another code path for the sum). */
	memset(out->p, 0, N_CASES * sizeof(double));
	assert_int_equal(anker_batch_score(batch, N_CASES, out->p, out->lp, NULL, NULL, out->status,
					   NULL),
			 0);
	for (size_t i = 0; i < N_CASES; i++)
		if (ref[i].status == 0)
			assert_bits_equal(out->p[i], ref[i].p);

	test_outputs_free(out);
	anker_batch_free(batch);
	columns_free(cols);
	free(ref);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void check_layout(enum layout layout, const struct gen_options *opts, uint64_t seed)
{
	check_layout_link(layout, opts, seed, false);
}

static void test_f64_u8_strings(void **state)
{
	(void)state;
	struct gen_options clean = { .integral = false, .bool_missing = false, .errors = false };
	struct gen_options errors = { .integral = false, .bool_missing = false, .errors = true };
	check_layout(LAYOUT_F64_U8_STRINGS, &clean, 1);
	check_layout(LAYOUT_F64_U8_STRINGS, &errors, 2);
	check_layout_link(LAYOUT_F64_U8_STRINGS, &errors, 14, true); /* the probit link too */
}

static void test_f64_booleans_i32_codes(void **state)
{
	(void)state;
	struct gen_options clean = { .integral = false, .bool_missing = true, .errors = false };
	struct gen_options errors = { .integral = false, .bool_missing = true, .errors = true };
	check_layout(LAYOUT_F64_BOOLS, &clean, 3);
	check_layout(LAYOUT_F64_BOOLS, &errors, 4);
}

static void test_i32(void **state)
{
	(void)state;
	struct gen_options clean = { .integral = true, .bool_missing = false, .errors = false };
	struct gen_options errors = { .integral = true, .bool_missing = false, .errors = true };
	check_layout(LAYOUT_I32, &clean, 5);
	check_layout(LAYOUT_I32, &errors, 6);
}

static void test_i64(void **state)
{
	(void)state;
	struct gen_options clean = { .integral = true, .bool_missing = false, .errors = false };
	struct gen_options errors = { .integral = true, .bool_missing = false, .errors = true };
	check_layout(LAYOUT_I64, &clean, 7);
	check_layout(LAYOUT_I64, &errors, 8);
}

/* An array of structs, bound field by field with the struct's size as stride. */
struct person {
	double age;
	int32_t education;
	uint8_t female;
	const char *sector;
	double hours;
	int64_t region;
	uint8_t care;
	double months;
};

static void test_strided_structs(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct gen_options opts = { .integral = false, .bool_missing = false, .errors = true };
	struct raw *raw = calloc(N_CASES, sizeof(*raw));
	struct outcome *ref = calloc(N_CASES, sizeof(*ref));
	struct person *people = calloc(N_CASES, sizeof(*people));
	assert_true(raw && ref && people);
	generate(raw, N_CASES, 9, &opts);
	score_reference(model, raw, N_CASES, ref);
	for (size_t i = 0; i < N_CASES; i++) {
		people[i].age = raw[i].age;
		people[i].hours = raw[i].hours;
		people[i].months = raw[i].months;
		people[i].female = (uint8_t)raw[i].female;
		people[i].care = (uint8_t)raw[i].care;
		people[i].education = raw[i].education;
		people[i].region = raw[i].region;
		people[i].sector = level_name(raw[i].sector, sector_levels);
	}

	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	size_t stride = sizeof(struct person);
	assert_int_equal(anker_batch_bind_f64(b, "age", &people[0].age, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", &people[0].hours, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", &people[0].months, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "female", &people[0].female, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "care_duties", &people[0].care, stride), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", &people[0].education, stride), 0);
	assert_int_equal(anker_batch_bind_i64(b, "region", &people[0].region, stride), 0);
	assert_int_equal(anker_batch_bind_strings(b, "sector", &people[0].sector, stride), 0);
	struct test_outputs *out = test_outputs_new(N_CASES, N_TERMS);
	score_into(b, out);
	assert_matches(out, ref);

	test_outputs_free(out);
	anker_batch_free(b);
	free(people);
	free(ref);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Unbound variables are missing in every case: imputed where the model allows it. */
static void test_unbound_variables(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct gen_options opts = { .integral = false, .bool_missing = true, .errors = false };
	struct raw *raw = calloc(N_CASES, sizeof(*raw));
	struct outcome *ref = calloc(N_CASES, sizeof(*ref));
	assert_true(raw && ref);
	generate(raw, N_CASES, 10, &opts);
	for (size_t i = 0; i < N_CASES; i++) {
		raw[i].age = NAN; /* imputed 40 */
		raw[i].female = -1; /* imputed false */
		raw[i].education = -1; /* the "unknown" level */
		raw[i].region = -1; /* imputed west */
	}
	score_reference(model, raw, N_CASES, ref);
	struct columns *cols = columns_new(raw, N_CASES);
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", cols->hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", cols->months, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", cols->care_f64, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "sector", cols->sector_str, 0), 0);
	struct test_outputs *out = test_outputs_new(N_CASES, N_TERMS);
	/* a variable with no column is an error until the caller declares it absent */
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_batch_score(b, N_CASES, out->p, NULL, NULL, NULL, out->status, err),
			 ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(err), "age");
	assert_string_equal(anker_error_text(err),
			    "no column for this variable (3 more variables have none); bind one, "
			    "or declare it absent if it is missing for every case");
	for (const char *const *name =
		 (const char *const[]){ "age", "female", "education", "region", NULL };
	     *name; name++)
		assert_int_equal(anker_batch_bind_absent(b, *name), 0);
	score_into(b, out);
	assert_matches(out, ref);
	for (size_t i = 0; i < N_CASES; i++) {
		/* age 40: -0.02 * (40 - 40) = 0; unknown education: -0.1 */
		assert_true(out->contributions[i * N_TERMS + 1] == 0.0);
		assert_true(out->contributions[i * N_TERMS + 5] == -0.1);
	}

	/* Without hours (rejects missing values) every case fails. */
	anker_batch_unbind_all(b);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", cols->care_f64, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "sector", cols->sector_str, 0), 0);
	for (const char *const *name = (const char *const[]){ "age", "hours", "months", "female",
							       "education", "region", NULL };
	     *name; name++)
		assert_int_equal(anker_batch_bind_absent(b, *name), 0);
	assert_int_equal(
		anker_batch_score(b, N_CASES, out->p, out->lp, out->band, NULL, out->status, NULL),
		0);
	for (size_t i = 0; i < N_CASES; i++) {
		assert_int_equal(out->status[i], ANKER_E_MISSING_VALUE);
		assert_int_equal(out->band[i], -1);
		assert_true(isnan(out->p[i]) && isnan(out->lp[i]));
	}
	assert_int_equal(anker_batch_score(b, N_CASES, out->p, NULL, NULL, NULL, NULL, err),
			 ANKER_E_MISSING_VALUE);
	assert_int_equal(anker_error_code(err), ANKER_E_MISSING_VALUE);
	assert_int_equal(anker_error_case_index(err), 0);
	assert_string_equal(anker_error_field(err), "hours");

	/* Without sector, a categorical variable that rejects missing values: the same. */
	anker_batch_unbind_all(b);
	assert_int_equal(anker_batch_bind_f64(b, "hours", cols->hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", cols->care_f64, 0), 0);
	for (const char *const *name = (const char *const[]){ "age", "months", "female",
							       "education", "region", "sector",
							       NULL };
	     *name; name++)
		assert_int_equal(anker_batch_bind_absent(b, *name), 0);
	assert_int_equal(
		anker_batch_score(b, N_CASES, out->p, out->lp, out->band, NULL, out->status, NULL),
		0);
	for (size_t i = 0; i < N_CASES; i++) {
		assert_int_equal(out->status[i], ANKER_E_MISSING_VALUE);
		assert_true(isnan(out->p[i]));
	}
	anker_error_clear(err);
	assert_int_equal(anker_batch_score(b, N_CASES, out->p, NULL, NULL, NULL, NULL, err),
			 ANKER_E_MISSING_VALUE);
	assert_int_equal(anker_error_case_index(err), 0);
	assert_string_equal(anker_error_field(err), "sector");
	anker_error_free(err);

	test_outputs_free(out);
	anker_batch_free(b);
	columns_free(cols);
	free(ref);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Without a status array the first bad case fails the call, naming it and its field. */
static void test_first_error(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct gen_options opts = { .integral = false, .bool_missing = true, .errors = false };
	struct raw *raw = calloc(N_CASES, sizeof(*raw));
	assert_non_null(raw);
	generate(raw, N_CASES, 11, &opts);
	struct columns *cols = columns_new(raw, N_CASES);
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	bind_layout(b, cols, LAYOUT_F64_BOOLS);
	struct test_outputs *out = test_outputs_new(N_CASES, N_TERMS);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);

	/* clean data: fine either way */
	assert_int_equal(anker_batch_score(b, N_CASES, out->p, NULL, NULL, NULL, NULL, err), 0);

	static const struct {
		size_t index;
		int code;
		const char *field;
	} bad[] = {
		{ 700, ANKER_E_OUT_OF_RANGE, "hours" },     /* in the third chunk */
		{ 300, ANKER_E_UNKNOWN_LEVEL, "sector" },   /* code 7 of 3 levels */
		{ 256, ANKER_E_MISSING_VALUE, "care_duties" }, /* the first case of a chunk */
		{ 255, ANKER_E_OUT_OF_RANGE, "female" },    /* the last case of a chunk */
		{ 0, ANKER_E_UNKNOWN_LEVEL, "education" },  /* code -2 */
	};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		size_t i = bad[k].index;
		if (k == 0)
			cols->hours[i] = 40.5;
		else if (k == 1)
			cols->sector_i32[i] = 7;
		else if (k == 2)
			cols->care_f64[i] = NAN;
		else if (k == 3)
			cols->female_f64[i] = 0.5;
		else
			cols->education_i32[i] = -2;
		anker_error_clear(err);
		assert_int_equal(anker_batch_score(b, N_CASES, out->p, out->lp, out->band,
						   out->contributions, NULL, err),
				 bad[k].code);
		assert_int_equal(anker_error_code(err), bad[k].code);
		assert_int_equal(anker_error_case_index(err), (long long)i);
		assert_string_equal(anker_error_field(err), bad[k].field);
		char where[32];
		snprintf(where, sizeof(where), "case %zu", i);
		assert_non_null(strstr(anker_error_message(err), where));

		/* with a status array: every case but the bad ones scores */
		assert_int_equal(anker_batch_score(b, N_CASES, out->p, out->lp, out->band,
						   out->contributions, out->status, err),
				 0);
		size_t n_bad = 0;
		for (size_t j = 0; j < N_CASES; j++) {
			if (out->status[j] == 0) {
				assert_false(isnan(out->p[j]));
				continue;
			}
			n_bad++;
			assert_int_equal(out->band[j], -1);
		}
		assert_int_equal(n_bad, k + 1);
		assert_int_equal(out->status[i], bad[k].code);
	}

	anker_error_free(err);
	test_outputs_free(out);
	anker_batch_free(b);
	columns_free(cols);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/*
 * Chunks whose values all resolve, though many are missing or outside their range,
 * stay on the vectorized path; a chunk with one failing value among them takes
 * the exact path. Either way every case agrees with anker_model_score().
 */
#define N_MIXED (3 * 256 + 100)

static void mixed_raw(struct raw *r, size_t n, bool bool_missing)
{
	/* age: range [18, 67], clamped; missing imputed as 40 */
	static const double ages[] = { NAN, 10, 80, 18, 67, 40.5, -0.0, 1e300, -1e300, 52.25, 17.999 };
	for (size_t i = 0; i < n; i++) {
		r[i].age = ages[i % (sizeof(ages) / sizeof(ages[0]))];
		r[i].hours = (double)(i % 41); /* [0, 40]; missing is rejected */
		r[i].months = i % 7 == 3 ? NAN : (double)(i % 25); /* imputed; [0, 24] rejected */
		r[i].female = bool_missing && i % 5 == 2 ? -1 : (int)(i % 2); /* imputed */
		r[i].care = (int)(i / 2 % 2);
		r[i].education = i % 6 == 1 ? -1 : (int)(i % 4); /* the level "unknown" */
		r[i].region = i % 4 == 0 ? -1 : (int)(i % 3);	 /* imputed west */
		r[i].sector = (int)(i % 3);
	}
	/* one rejected value in chunks 1, 2 and the partial chunk 3; chunk 0 has none */
	r[300].hours = NAN;	/* missing, rejected */
	r[600].months = 25;	/* above the range, rejected */
	r[700].age = INFINITY;	/* not finite: clamping does not apply */
	r[800].education = BAD; /* no such level */
	r[850].region = BAD;
	if (bool_missing)
		r[840].care = -1; /* missing, rejected */
}

static void check_mixed(enum layout layout, bool bool_missing, bool female_imputed_true)
{
	struct anker_ctx *ctx = test_ctx_new();
	char json[sizeof(full_model) + 8];
	snprintf(json, sizeof(json), "%s", full_model);
	if (female_imputed_true) {
		char *value = strstr(json, "'value':false}");
		assert_non_null(value);
		memmove(value + 13, value + 14, strlen(value + 14) + 1);
		memcpy(value, "'value':true}", 13);
	}
	struct anker_model *model = test_model_from_quoted(ctx, json);
	struct raw *raw = calloc(N_MIXED, sizeof(*raw));
	struct outcome *ref = calloc(N_MIXED, sizeof(*ref));
	assert_true(raw && ref);
	mixed_raw(raw, N_MIXED, bool_missing);
	score_reference(model, raw, N_MIXED, ref);
	struct columns *cols = columns_new(raw, N_MIXED);
	for (size_t i = 0; i < N_MIXED; i++)
		if (cols->female_f64[i] == 0.0 && i % 3 == 0)
			cols->female_f64[i] = -0.0; /* a boolean false as well */

	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	bind_layout(b, cols, layout);
	struct test_outputs *out = test_outputs_new(N_MIXED, N_TERMS);
	score_into(b, out);
	assert_matches(out, ref);

	/* Only the cases with a rejected value fail, each for its own reason. */
	static const struct {
		size_t index;
		int code;
		const char *field;
	} bad[] = {
		{ 300, ANKER_E_MISSING_VALUE, "hours" },
		{ 600, ANKER_E_OUT_OF_RANGE, "months" },
		{ 700, ANKER_E_OUT_OF_RANGE, "age" },
		{ 800, ANKER_E_UNKNOWN_LEVEL, "education" },
		{ 840, ANKER_E_MISSING_VALUE, "care_duties" },
		{ 850, ANKER_E_UNKNOWN_LEVEL, "region" },
	};
	size_t n_bad = 0;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (bad[k].index == 840 && !bool_missing)
			continue;
		assert_int_equal(out->status[bad[k].index], bad[k].code);
		assert_string_equal(ref[bad[k].index].field, bad[k].field);
		n_bad++;
	}
	for (size_t i = 0; i < N_MIXED; i++)
		n_bad -= out->status[i] != 0;
	assert_int_equal(n_bad, 0);

	/* Imputed and clamped values as the model says (case 0: age missing, 1: age 10,
	 * 2: age 80; case 3: months missing, imputed 6, in the middle bin). */
	assert_true(out->contributions[0 * N_TERMS + 1] == 0.0);
	assert_true(out->contributions[1 * N_TERMS + 1] == -0.02 * (18.0 - 40.0));
	assert_true(out->contributions[2 * N_TERMS + 1] == -0.02 * (67.0 - 40.0));
	assert_true(out->contributions[3 * N_TERMS + 3] == 0.0);
	assert_true(out->contributions[3 * N_TERMS + 2] == -0.5); /* hours 3, below the knots */

	/* Without a status array the first rejected case fails the call. */
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_batch_score(b, N_MIXED, out->p, NULL, NULL, NULL, NULL, err),
			 ANKER_E_MISSING_VALUE);
	assert_int_equal(anker_error_case_index(err), 300);
	assert_string_equal(anker_error_field(err), "hours");
	/* the first chunk alone has no failure */
	assert_int_equal(anker_batch_score(b, 256, out->p, NULL, NULL, NULL, NULL, err), 0);
	for (size_t i = 0; i < 256; i++)
		assert_bits_equal(out->p[i], ref[i].p);
	anker_error_free(err);

	test_outputs_free(out);
	anker_batch_free(b);
	columns_free(cols);
	free(ref);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_mixed_chunks(void **state)
{
	(void)state;
	check_mixed(LAYOUT_F64_BOOLS, true, false);	  /* NaN booleans, -1 codes */
	check_mixed(LAYOUT_F64_BOOLS, true, true);	  /* missing booleans imputed as true */
	check_mixed(LAYOUT_F64_U8_STRINGS, false, false); /* NULL level names */
}

static void test_bindings(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct anker_batch *b = NULL, *lenient = NULL;
	double d[2] = { 52, 30 };
	int32_t i32[2] = { 0, 1 };
	int64_t i64[2] = { 0, 1 };
	uint8_t u8[2] = { 0, 1 };
	const char *s[2] = { "care", "retail" };

	assert_int_equal(anker_batch_new(NULL, 0, &b), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_new(model, 0, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_new(model, 4, &b), ANKER_E_INVALID_ARGUMENT);
	assert_null(b);
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	assert_int_equal(anker_batch_new(model, ANKER_SCORE_IGNORE_EXTRA, &lenient), 0);
	anker_batch_free(NULL);
	anker_batch_unbind_all(NULL);

	/* unknown names */
	assert_int_equal(anker_batch_bind_f64(b, "shoe_size", d, 0), ANKER_E_UNKNOWN_VARIABLE);
	assert_int_equal(anker_batch_bind_strings(b, "Sector", s, 0), ANKER_E_UNKNOWN_VARIABLE);
	assert_int_equal(anker_batch_bind_f64(lenient, "shoe_size", d, 0), 0);
	assert_int_equal(anker_batch_bind_u8(lenient, "shoe_size", u8, 0), 0);

	/* types: f64 numeric/boolean; integers anything; u8 boolean; strings categorical */
	assert_int_equal(anker_batch_bind_f64(b, "education", d, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_f64(lenient, "education", d, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_strings(b, "age", s, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_strings(b, "female", s, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_u8(b, "age", u8, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_u8(b, "education", u8, 0), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_f64(b, "age", d, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "female", d, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "age", i32, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "female", i32, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", i32, 0), 0);
	assert_int_equal(anker_batch_bind_i64(b, "age", i64, 0), 0);
	assert_int_equal(anker_batch_bind_i64(b, "female", i64, 0), 0);
	assert_int_equal(anker_batch_bind_i64(b, "education", i64, 0), 0);
	assert_int_equal(anker_batch_bind_u8(b, "female", u8, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "education", s, 0), 0);

	/* arguments */
	assert_int_equal(anker_batch_bind_f64(NULL, "age", d, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_f64(b, NULL, d, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_f64(b, "age", NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_f64(b, "age", d, 4), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_i64(b, "age", i64, 7), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_i32(b, "age", i32, 2), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_strings(b, "sector", s, 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_u8(b, "female", NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_score(NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	/* more cases than a contributions array can index: refused before any is read */
	double contribution_cells[N_TERMS];
	assert_int_equal(anker_batch_score(b, SIZE_MAX / 2, d, NULL, NULL, contribution_cells, NULL,
					   NULL),
			 ANKER_E_INVALID_ARGUMENT);
	/* no cases: nothing to do, once every variable has a column or is declared absent */
	assert_int_equal(anker_batch_score(b, 0, NULL, NULL, NULL, NULL, NULL, NULL),
			 ANKER_E_NO_COLUMN);
	for (const char *const *name = (const char *const[]){ "hours", "months", "care_duties",
							       "region", "sector", NULL };
	     *name; name++)
		assert_int_equal(anker_batch_bind_absent(b, *name), 0);
	assert_int_equal(anker_batch_score(b, 0, NULL, NULL, NULL, NULL, NULL, NULL), 0);

	anker_batch_free(lenient);
	anker_batch_free(b);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/*
 * Level names are matched by content: separate copies, and different strings
 * at addresses that the lookup's pointer cache maps to the same slot, give the
 * same scores as level codes.
 */
static void test_string_columns(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct gen_options opts = { .integral = false, .bool_missing = true, .errors = true };
	struct raw *raw = calloc(N_CASES, sizeof(*raw));
	assert_non_null(raw);
	generate(raw, N_CASES, 13, &opts);
	struct columns *cols = columns_new(raw, N_CASES);

	/* every sector name its own heap copy */
	char **copies = calloc(N_CASES, sizeof(*copies));
	assert_non_null(copies);
	for (size_t i = 0; i < N_CASES; i++)
		if (cols->sector_str[i])
			assert_non_null(copies[i] = strdup(cols->sector_str[i]));
	/* education names 128 bytes apart in one buffer: one cache slot for all */
	static char shared[5 * 128];
	const char *names[5] = { "basic", "vocational", "higher", "unknown", "nonsense" };
	for (size_t l = 0; l < 5; l++)
		snprintf(shared + l * 128, 128, "%s", names[l]);
	const char **education = calloc(N_CASES, sizeof(*education));
	assert_non_null(education);
	for (size_t i = 0; i < N_CASES; i++) {
		int code = raw[i].education;
		education[i] = code < 0 ? NULL : shared + 128 * (code == BAD ? 4 : (size_t)code);
	}

	struct anker_batch *by_name = NULL, *by_code = NULL;
	assert_int_equal(anker_batch_new(model, 0, &by_name), 0);
	assert_int_equal(anker_batch_new(model, 0, &by_code), 0);
	bind_layout(by_name, cols, LAYOUT_F64_BOOLS);
	bind_layout(by_code, cols, LAYOUT_F64_BOOLS);
	assert_int_equal(
		anker_batch_bind_strings(by_name, "sector", (const char *const *)copies, 0), 0);
	assert_int_equal(anker_batch_bind_strings(by_name, "education", education, 0), 0);
	struct test_outputs *a = test_outputs_new(N_CASES, N_TERMS), *b = test_outputs_new(N_CASES, N_TERMS);
	score_into(by_name, a);
	score_into(by_code, b);
	assert_memory_equal(a->status, b->status, N_CASES * sizeof(int32_t));
	assert_memory_equal(a->p, b->p, N_CASES * sizeof(double));
	assert_memory_equal(a->contributions, b->contributions, N_CASES * N_TERMS * sizeof(double));

	test_outputs_free(a);
	test_outputs_free(b);
	anker_batch_free(by_name);
	anker_batch_free(by_code);
	for (size_t i = 0; i < N_CASES; i++)
		free(copies[i]);
	free(copies);
	free(education);
	columns_free(cols);
	free(raw);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Binding a name again replaces the column; the batch keeps the model alive. */
static void test_rebind(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	anker_model_unref(model);

	double age_a[1] = { 52 }, age_b[1] = { 30 }, hours[1] = { 20 }, months[1] = { 3 };
	double female[1] = { 1 }, care[1] = { 1 };
	int64_t education[1] = { 2 };
	const char *region[1] = { "north" }, *sector[1] = { "care" };
	assert_int_equal(anker_batch_bind_f64(b, "age", age_a, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", months, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "female", female, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", care, 0), 0);
	assert_int_equal(anker_batch_bind_i64(b, "education", education, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "region", region, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "sector", sector, 0), 0);

	/* case A of tests/test-score.c: eta = 1.63, p = 0.8361696387766411, band top */
	double p, lp, contributions[N_TERMS];
	int32_t band;
	assert_int_equal(anker_batch_score(b, 1, &p, &lp, &band, contributions, NULL, NULL), 0);
	assert_close(lp, 1.63, 1e-14);
	assert_close(p, 0.8361696387766411, 1e-14);
	assert_int_equal(band, 3);
	assert_close(contributions[9], 0.52, 1e-15); /* 0.01 * 52 */

	/* age 30 instead: -0.02 * (30 - 40) = 0.2 and 0.01 * 30 = 0.3,
	 * so eta = 1.63 + (0.2 - -0.24) + (0.3 - 0.52) = 1.85 */
	assert_int_equal(anker_batch_bind_f64(b, "age", age_b, 0), 0);
	assert_int_equal(anker_batch_score(b, 1, &p, &lp, &band, contributions, NULL, NULL), 0);
	assert_close(contributions[1], 0.2, 1e-15);
	assert_close(contributions[9], 0.3, 1e-15);
	assert_close(lp, 1.85, 1e-14);
	anker_batch_free(b);
	anker_ctx_unref(ctx);
}

/* Every allocation is in anker_batch_new(): scoring allocates nothing. */
static void test_memory(void **state)
{
	(void)state;
	char *json = strdup(full_model);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct raw raw[300];
	struct gen_options opts = { .integral = false, .bool_missing = true, .errors = true };
	generate(raw, 300, 12, &opts);
	struct columns *cols = columns_new(raw, 300);
	struct test_outputs *out = test_outputs_new(300, N_TERMS);

	bool loaded_once = false;
	for (size_t budget = 0;; budget++) {
		assert_true(budget < 10000);
		struct anker_ctx *ctx = test_ctx_new_failing(budget);
		struct anker_model *model = NULL;
		if (anker_model_load_buffer(ctx, json, strlen(json), NULL, NULL, &model) != 0) {
			assert_false(loaded_once); /* loading needs no more once it has worked */
			anker_ctx_unref(ctx);
			continue;
		}
		loaded_once = true;
		struct anker_batch *b = NULL;
		int r = anker_batch_new(model, 0, &b);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			assert_null(b);
			anker_model_unref(model);
			anker_ctx_unref(ctx);
			continue;
		}
		/* the least budget that works: the allocator is exhausted now */
		bind_layout(b, cols, LAYOUT_F64_U8_STRINGS);
		assert_int_equal(anker_batch_score(b, 300, out->p, out->lp, out->band,
						   out->contributions, out->status, NULL),
				 0);
		anker_batch_free(b);
		anker_model_unref(model);
		anker_ctx_unref(ctx);
		break;
	}
	test_outputs_free(out);
	columns_free(cols);
	free(json);
}

/* Four threads share one model, each with its own batch; results equal a serial run. */
#define THREAD_CASES 100000
#define N_THREADS 4

struct worker {
	struct anker_model *model;
	struct columns *cols;
	struct test_outputs *out;
	int status;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct anker_batch *b = NULL;
	w->status = anker_batch_new(w->model, 0, &b);
	if (w->status != 0)
		return NULL;
	w->status |= anker_batch_bind_f64(b, "age", w->cols->age, 0);
	w->status |= anker_batch_bind_f64(b, "hours", w->cols->hours, 0);
	w->status |= anker_batch_bind_f64(b, "months", w->cols->months, 0);
	w->status |= anker_batch_bind_f64(b, "female", w->cols->female_f64, 0);
	w->status |= anker_batch_bind_u8(b, "care_duties", w->cols->care_u8, 0);
	w->status |= anker_batch_bind_strings(b, "education", w->cols->education_str, 0);
	w->status |= anker_batch_bind_i32(b, "region", w->cols->region_i32, 0);
	w->status |= anker_batch_bind_strings(b, "sector", w->cols->sector_str, 0);
	if (w->status == 0)
		w->status = anker_batch_score(b, w->out->n, w->out->p, w->out->lp, w->out->band,
					      w->out->contributions, w->out->status, NULL);
	anker_batch_free(b);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	/* Plain malloc: cmocka's allocator bookkeeping is not thread-safe. */
	struct anker_ctx *ctx = NULL;
	assert_int_equal(anker_ctx_new(&ctx), 0);
	char *json = strdup(full_model);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_buffer(ctx, json, strlen(json), NULL, NULL, &model), 0);
	free(json);

	struct gen_options opts = { .integral = false, .bool_missing = true, .errors = true };
	struct worker serial[N_THREADS], parallel[N_THREADS];
	struct raw *raw = calloc(THREAD_CASES, sizeof(*raw));
	assert_non_null(raw);
	for (int t = 0; t < N_THREADS; t++) {
		generate(raw, THREAD_CASES, 100 + (uint64_t)t, &opts);
		for (size_t i = 0; i < THREAD_CASES; i++)
			if (raw[i].care < 0)
				raw[i].care = 1; /* u8 has no missing marker */
		struct columns *cols = columns_new(raw, THREAD_CASES);
		serial[t] = (struct worker){ model, cols, test_outputs_new(THREAD_CASES, N_TERMS), -1 };
		parallel[t] = (struct worker){ model, cols, test_outputs_new(THREAD_CASES, N_TERMS), -1 };
		work(&serial[t]);
		assert_int_equal(serial[t].status, 0);
	}
	free(raw);

	pthread_t threads[N_THREADS];
	for (int t = 0; t < N_THREADS; t++)
		assert_int_equal(pthread_create(&threads[t], NULL, work, &parallel[t]), 0);
	for (int t = 0; t < N_THREADS; t++)
		assert_int_equal(pthread_join(threads[t], NULL), 0);

	for (int t = 0; t < N_THREADS; t++) {
		assert_int_equal(parallel[t].status, 0);
		const struct test_outputs *a = serial[t].out, *b = parallel[t].out;
		/* NaN outputs of failed cases compare equal bit for bit too */
		assert_memory_equal(a->p, b->p, THREAD_CASES * sizeof(double));
		assert_memory_equal(a->lp, b->lp, THREAD_CASES * sizeof(double));
		assert_memory_equal(a->band, b->band, THREAD_CASES * sizeof(int32_t));
		assert_memory_equal(a->status, b->status, THREAD_CASES * sizeof(int32_t));
		assert_memory_equal(a->contributions, b->contributions,
				    THREAD_CASES * N_TERMS * sizeof(double));
		size_t failed = 0;
		for (size_t i = 0; i < THREAD_CASES; i++)
			failed += a->status[i] != 0;
		/* both good and bad cases were exercised */
		assert_true(failed > 0 && failed < THREAD_CASES / 4);
		columns_free(serial[t].cols);
		test_outputs_free(serial[t].out);
		test_outputs_free(parallel[t].out);
	}
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/*
 * Splines and bins with more knots or edges than the batch scorer compares
 * every case with (16): they find the segment by binary search. Exactly 16 is
 * the largest that the counting path takes. Every value also lands exactly on
 * knots and edges and on and outside the range bounds.
 */
#define KNOTS_HEAD                                                                               \
	"{'format':'anker-model','format_version':1,'kind':'binary','id':'knots-test',"         \
	"'name':'Knots test','version':'1.0.0','toets':'AMT',"                                  \
	"'outcome':{'description':'work within 6 months','horizon_months':6},"                  \
	"'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "  \
	"model.','data':'none','fitted_by':'libanker tests'},"                                   \
	"'variables':["                                                                          \
	"{'name':'a','kind':'numeric','range':[-5,45],'out_of_range':'clamp'},"                  \
	"{'name':'b','kind':'numeric','range':[-5,45],'out_of_range':'clamp',"                   \
	" 'missing':{'policy':'impute','value':7.3}},"                                           \
	"{'name':'c','kind':'numeric','range':[-5,45],'out_of_range':'clamp'},"                  \
	"{'name':'d','kind':'numeric','range':[-5,45],'out_of_range':'clamp'}],"

#define KNOT_TERMS 7

/* Knots and edges: the regular ones 0, 2, ..., 38; irregular ones from 0.3 in uneven steps. */
static double regular_knot(size_t i)
{
	return 2.0 * (double)i;
}

static double irregular_knot(size_t i)
{
	return 0.3 + 2.7 * (double)i + 0.1 * (double)((i * 7) % 5);
}

/* Appends "[x0,x1,...]" to @p json with every value written to round-trip. */
static void append_list(char *json, size_t cap, size_t n, double (*value)(size_t))
{
	size_t len = strlen(json);
	for (size_t i = 0; i < n; i++) {
		int w = test_snprintf_c(json + len, cap - len, "%s%.17g", i == 0 ? "[" : ",",
					value(i));
		assert_true(w > 0 && (size_t)w < cap - len);
		len += (size_t)w;
	}
	assert_true(len + 2 < cap);
	strcat(json, "]");
}

static double square_eighths(size_t i)
{
	return (double)(i * i) / 8.0; /* exact in binary */
}

static double wiggle(size_t i)
{
	return 0.1 * (double)((i * 5) % 7) - 0.35;
}

static double quarter_steps(size_t i)
{
	return (double)i / 4.0 - 1.0;
}

static void append(char *json, size_t cap, const char *text)
{
	assert_true(strlen(json) + strlen(text) < cap);
	strcat(json, text);
}

static void append_spline(char *json, size_t cap, const char *name, const char *variable,
			  size_t n, double (*knot)(size_t), double (*value)(size_t))
{
	char head[160];
	snprintf(head, sizeof(head),
		 ",{'type':'spline','name':'%s','label':'%s','variable':'%s','knots':", name, name,
		 variable);
	append(json, cap, head);
	append_list(json, cap, n, knot);
	append(json, cap, ",'values':");
	append_list(json, cap, n, value);
	append(json, cap, "}");
}

static void append_bins(char *json, size_t cap, const char *name, const char *variable, size_t n,
			double (*edge)(size_t), double (*effect)(size_t))
{
	char head[160];
	snprintf(head, sizeof(head),
		 ",{'type':'bins','name':'%s','label':'%s','variable':'%s','edges':", name, name,
		 variable);
	append(json, cap, head);
	append_list(json, cap, n, edge);
	append(json, cap, ",'effects':");
	append_list(json, cap, n + 1, effect);
	append(json, cap, "}");
}

static struct anker_model *knots_model(struct anker_ctx *ctx)
{
	static char json[16384];
	snprintf(json, sizeof(json), "%s", KNOTS_HEAD "'link':'logit','terms':["
						      "{'type':'intercept','name':'base','label':"
						      "'Baseline','coef':0.125}");
	append_spline(json, sizeof(json), "spline20", "a", 20, regular_knot, square_eighths);
	append_spline(json, sizeof(json), "spline17", "b", 17, irregular_knot, wiggle);
	append_spline(json, sizeof(json), "spline16", "b", 16, irregular_knot, wiggle);
	append_bins(json, sizeof(json), "bins20", "c", 20, regular_knot, quarter_steps);
	append_bins(json, sizeof(json), "bins17", "d", 17, irregular_knot, wiggle);
	append_bins(json, sizeof(json), "bins16", "d", 16, irregular_knot, wiggle);
	append(json, sizeof(json),
	       "],'bands':{'boundary':'lower','items':[{'name':'low','upper':0.25},"
	       "{'name':'mid','upper':0.5},{'name':'high','upper':0.75},{'name':'top'}]}}");
	struct anker_model *model = test_model_from_quoted(ctx, json);
	assert_int_equal(anker_model_get_term_count(model), KNOT_TERMS);
	return model;
}

/* A value in or just outside the range, often exactly on a knot, edge or bound. */
static double knot_value(uint64_t *s, double (*knot)(size_t), size_t n_knots)
{
	static const double bounds[] = { -5, 45, -7.5, 50, 0, 38 };
	double u = uniform(s);
	if (u < 0.35)
		return knot(next_random(s) % n_knots);
	if (u < 0.45)
		return bounds[next_random(s) % 6];
	return -6.0 + 52.0 * uniform(s);
}

static void test_many_knots(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = knots_model(ctx);
	double *a = calloc(N_CASES, sizeof(double)), *bb = calloc(N_CASES, sizeof(double));
	double *c = calloc(N_CASES, sizeof(double)), *d = calloc(N_CASES, sizeof(double));
	double *p = calloc(N_CASES, sizeof(double)), *lp = calloc(N_CASES, sizeof(double));
	double *contributions = calloc(N_CASES * KNOT_TERMS, sizeof(double));
	int32_t *band = calloc(N_CASES, sizeof(int32_t)), *status = calloc(N_CASES, sizeof(int32_t));
	assert_true(a && bb && c && d && p && lp && contributions && band && status);
	uint64_t s = 77;
	for (size_t i = 0; i < N_CASES; i++) {
		a[i] = knot_value(&s, regular_knot, 20);
		bb[i] = i % 50 == 7 ? NAN : knot_value(&s, irregular_knot, 17);
		c[i] = knot_value(&s, regular_knot, 20);
		d[i] = knot_value(&s, irregular_knot, 17);
	}

	struct anker_batch *batch = NULL;
	assert_int_equal(anker_batch_new(model, 0, &batch), 0);
	assert_int_equal(anker_batch_bind_f64(batch, "a", a, 0), 0);
	assert_int_equal(anker_batch_bind_f64(batch, "b", bb, 0), 0);
	assert_int_equal(anker_batch_bind_f64(batch, "c", c, 0), 0);
	assert_int_equal(anker_batch_bind_f64(batch, "d", d, 0), 0);
	assert_int_equal(
		anker_batch_score(batch, N_CASES, p, lp, band, contributions, status, NULL), 0);

	struct anker_case *one = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_case_new(ctx, &one), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);
	for (size_t i = 0; i < N_CASES; i++) {
		anker_case_clear(one);
		assert_int_equal(anker_case_set_number(one, "a", a[i]), 0);
		assert_int_equal(anker_case_set_number(one, "b", bb[i]), 0);
		assert_int_equal(anker_case_set_number(one, "c", c[i]), 0);
		assert_int_equal(anker_case_set_number(one, "d", d[i]), 0);
		assert_int_equal(anker_model_score(model, one, 0, res, NULL), 0);
		assert_int_equal(status[i], 0);
		assert_bits_equal(p[i], anker_result_get_probability(res));
		assert_bits_equal(lp[i], anker_result_get_linear_predictor(res));
		assert_int_equal(band[i], anker_result_get_band(res));
		for (size_t t = 0; t < KNOT_TERMS; t++)
			assert_bits_equal(contributions[i * KNOT_TERMS + t],
					  anker_result_get_contribution(res, t));
	}

	/* Without contributions the terms add straight into the linear predictor. */
	double *p2 = calloc(N_CASES, sizeof(double)), *lp2 = calloc(N_CASES, sizeof(double));
	assert_true(p2 && lp2);
	assert_int_equal(anker_batch_score(batch, N_CASES, p2, lp2, NULL, NULL, NULL, NULL), 0);
	assert_memory_equal(p2, p, N_CASES * sizeof(double));
	assert_memory_equal(lp2, lp, N_CASES * sizeof(double));

	/*
	 * By hand, on the 20-knot spline (knots 2i, values i^2/8) and the 20-edge bins
	 * (edges 2i, effects i/4 - 1), every number exact in binary:
	 * a = 25 is halfway from knot 12 (value 18) to knot 13 (21.125): 19.5625;
	 * a = 25.5 is three quarters of the way: 18 + 3.125 * 0.75 = 20.34375;
	 * a = 50 is clamped to 45, past the last knot 38: 361/8 = 45.125;
	 * a = -5 is below the first knot 0: 0.
	 * c = 14 is on edge 7, so 8 edges are <= c: effect 8/4 - 1 = 1;
	 * c = 13.9 counts 7: 0.75; c = 40 counts all 20: 4; c = -1 counts none: -1.
	 */
	static const double hand_a[] = { 25, 25.5, 50, -5 };
	static const double hand_spline[] = { 19.5625, 20.34375, 45.125, 0 };
	static const double hand_c[] = { 14, 13.9, 40, -1 };
	static const double hand_bins[] = { 1, 0.75, 4, -1 };
	for (size_t i = 0; i < 4; i++) {
		a[i] = hand_a[i];
		c[i] = hand_c[i];
	}
	/*
	 * And the irregular ones, on both paths (17 knots or edges: binary search;
	 * 16: counting): b and d exactly on knot 3 (0.3 + 8.1 + 0.1 = 8.5), below the
	 * first (0.3), at 42 (past the last of 16 knots, 40.8, and before the 17th,
	 * 43.7), at 45 (past both), and halfway from knot 3 to knot 4 (11.4). Spline
	 * values and bin effects are wiggle(i): wiggle(3) = -0.25, wiggle(4) = 0.25,
	 * so halfway is 0; wiggle(15) = 0.15 and wiggle(16) = -0.05, so at 42 the
	 * 17-knot spline is 0.15 - 0.2 * 1.2 / 2.9. On knot 3, 4 edges are <= d.
	 */
	const double hand_bd[] = { irregular_knot(3), -5, 42, 45,
				   (irregular_knot(3) + irregular_knot(4)) / 2 };
	const double w3 = wiggle(3), w4 = wiggle(4);
	const double hand_spline17[] = { w3, wiggle(0), 0.15 - 0.2 * 1.2 / 2.9, wiggle(16), 0 };
	const double hand_spline16[] = { w3, wiggle(0), wiggle(15), wiggle(15), 0 };
	const double hand_bins17[] = { w4, wiggle(0), wiggle(16), wiggle(17), w4 };
	const double hand_bins16[] = { w4, wiggle(0), wiggle(16), wiggle(16), w4 };
	assert_close(w3, -0.25, 1e-15);
	assert_close(w4, 0.25, 1e-15);
	assert_close(wiggle(15), 0.15, 1e-15);
	assert_close(wiggle(16), -0.05, 1e-15);
	assert_close(irregular_knot(3), 8.5, 1e-15);
	assert_close(irregular_knot(15), 40.8, 1e-15);
	assert_close(irregular_knot(16), 43.7, 1e-15);
	for (size_t i = 0; i < 5; i++) {
		if (i < 4) {
			a[i] = hand_a[i];
			c[i] = hand_c[i];
		}
		bb[i] = d[i] = hand_bd[i];
	}
	assert_int_equal(anker_batch_score(batch, 5, p, lp, band, contributions, status, NULL), 0);
	for (size_t i = 0; i < 5; i++) {
		const double *contribution = &contributions[i * KNOT_TERMS];
		assert_int_equal(status[i], 0);
		if (i < 4) {
			assert_true(contribution[1] == hand_spline[i]);
			assert_true(contribution[4] == hand_bins[i]);
		}
		assert_close(contribution[2], hand_spline17[i], 1e-15);
		assert_close(contribution[3], hand_spline16[i], 1e-15);
		assert_true(contribution[5] == hand_bins17[i]);
		assert_true(contribution[6] == hand_bins16[i]);
	}

	free(p2);
	free(lp2);
	anker_result_free(res);
	anker_case_free(one);
	anker_batch_free(batch);
	free(a), free(bb), free(c), free(d), free(p), free(lp), free(contributions);
	free(band), free(status);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/*
 * Probabilities exactly on band thresholds, both boundaries and both links.
 * eta = x exactly, and the thresholds are the probabilities the single-case
 * scorer gives at three values of x, so those cases land on them exactly.
 * "lower" puts p == threshold j in band j, "upper" in band j + 1.
 */
#define BAND_CASES 600

static struct anker_model *threshold_model(struct anker_ctx *ctx, const char *link,
					   const char *boundary, const double t[3])
{
	char json[2048];
	test_snprintf_c(json, sizeof(json),
		 "{'format':'anker-model','format_version':1,'kind':'binary','id':'bands-test',"
		 "'name':'Bands test','version':'1.0.0','toets':'AMT',"
		 "'outcome':{'description':'work within 6 months','horizon_months':6},"
		 "'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official "
		 "UWV model.','data':'none','fitted_by':'libanker tests'},"
		 "'variables':[{'name':'x','kind':'numeric','range':[-10,10]}],"
		 "'link':'%s','terms':["
		 "{'type':'intercept','name':'base','label':'Baseline','coef':0},"
		 "{'type':'linear','name':'x','label':'X','variable':'x','coef':1}],"
		 "'bands':{'boundary':'%s','items':[{'name':'b0','upper':%.17g},"
		 "{'name':'b1','upper':%.17g},{'name':'b2','upper':%.17g},{'name':'b3'}]}}",
		 link, boundary, t[0], t[1], t[2]);
	return test_model_from_quoted(ctx, json);
}

static void check_band_thresholds(const char *link, const char *boundary)
{
	struct anker_ctx *ctx = test_ctx_new();
	static const double eta[3] = { -1.25, 0.0, 0.7 };
	static const double placeholder[3] = { 0.25, 0.5, 0.75 };
	struct anker_case *one = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_case_new(ctx, &one), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);

	/* The probabilities at the three values of x. */
	struct anker_model *model = threshold_model(ctx, link, "lower", placeholder);
	double t[3];
	for (size_t j = 0; j < 3; j++) {
		assert_int_equal(anker_case_set_number(one, "x", eta[j]), 0);
		assert_int_equal(anker_model_score(model, one, 0, res, NULL), 0);
		t[j] = anker_result_get_probability(res);
	}
	anker_model_unref(model);
	/* 1 / (1 + e^1.25), 1/2, 1 / (1 + e^-0.7) and Phi(-1.25), 1/2, Phi(0.7) (mpmath) */
	static const double logit_t[3] = { 0.22270013882530884, 0.5, 0.668187772168166 };
	static const double probit_t[3] = { 0.10564977366685525, 0.5, 0.758036347776927 };
	for (size_t j = 0; j < 3; j++)
		assert_close(t[j], strcmp(link, "probit") == 0 ? probit_t[j] : logit_t[j], 1e-15);
	model = threshold_model(ctx, link, boundary, t);
	for (size_t j = 0; j < 3; j++)
		assert_bits_equal(anker_model_get_band_upper(model, j), t[j]); /* round-tripped */
	bool upper = strcmp(boundary, "upper") == 0;

	/* Mostly exactly on a threshold, else one ulp either side or anywhere. */
	double *x = calloc(BAND_CASES, sizeof(double)), *p = calloc(BAND_CASES, sizeof(double));
	int32_t *band = calloc(BAND_CASES, sizeof(int32_t));
	assert_true(x && p && band);
	uint64_t s = 5;
	for (size_t i = 0; i < BAND_CASES; i++) {
		double e = eta[next_random(&s) % 3];
		double u = uniform(&s);
		x[i] = u < 0.6 ? e : u < 0.7 ? nextafter(e, -10) : u < 0.8 ? nextafter(e, 10)
									  : -10 + 20 * uniform(&s);
	}
	struct anker_batch *batch = NULL;
	assert_int_equal(anker_batch_new(model, 0, &batch), 0);
	assert_int_equal(anker_batch_bind_f64(batch, "x", x, 0), 0);
	assert_int_equal(anker_batch_score(batch, BAND_CASES, p, NULL, band, NULL, NULL, NULL), 0);

	size_t on_threshold = 0;
	for (size_t i = 0; i < BAND_CASES; i++) {
		anker_case_clear(one);
		assert_int_equal(anker_case_set_number(one, "x", x[i]), 0);
		assert_int_equal(anker_model_score(model, one, 0, res, NULL), 0);
		assert_bits_equal(p[i], anker_result_get_probability(res));
		assert_int_equal(band[i], anker_result_get_band(res));
		for (int j = 0; j < 3; j++) {
			if (x[i] != eta[j])
				continue;
			assert_true(p[i] == t[j]);
			assert_int_equal(band[i], upper ? j + 1 : j);
			on_threshold++;
		}
	}
	assert_true(on_threshold > BAND_CASES / 2);

	free(x), free(p), free(band);
	anker_batch_free(batch);
	anker_result_free(res);
	anker_case_free(one);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_band_thresholds(void **state)
{
	(void)state;
	check_band_thresholds("logit", "lower");
	check_band_thresholds("logit", "upper");
	check_band_thresholds("probit", "lower");
	check_band_thresholds("probit", "upper");
}

/*
 * Pinned by numpy. tests/golden/cases-full-model.csv holds 17 cases of the
 * full model chosen by hand (every term, clamping at both ends, every
 * missing-value policy, values on knots and edges, every band), and
 * expected-full-model{,-probit}.csv what tests/golden/reference_scorer.py
 * computes for them. Each layout must reproduce the linear predictor, every
 * contribution and the probability to 1e-12 and the band exactly, for every
 * case the layout can hold (integer and u8 columns have no missing marker and
 * integer ones no fractions).
 */
static int csv_level(const char *cell, const char *const *levels, size_t n)
{
	if (test_csv_missing(cell))
		return -1;
	for (size_t l = 0; l < n; l++)
		if (strcmp(cell, levels[l]) == 0)
			return (int)l;
	fail_msg("no level %s", cell);
	return BAD;
}

static void raw_from_csv(const struct test_csv *t, struct raw *r)
{
	for (size_t i = 0; i + 1 < t->rows; i++) {
		const char *v;
		v = test_csv_cell(t, i + 1, "age");
		r[i].age = test_csv_missing(v) ? NAN : test_csv_number(v);
		v = test_csv_cell(t, i + 1, "hours");
		r[i].hours = test_csv_missing(v) ? NAN : test_csv_number(v);
		v = test_csv_cell(t, i + 1, "months");
		r[i].months = test_csv_missing(v) ? NAN : test_csv_number(v);
		v = test_csv_cell(t, i + 1, "female");
		r[i].female = test_csv_missing(v) ? -1 : (int)test_csv_number(v);
		v = test_csv_cell(t, i + 1, "care_duties");
		r[i].care = test_csv_missing(v) ? -1 : (int)test_csv_number(v);
		r[i].education =
		    csv_level(test_csv_cell(t, i + 1, "education"), education_levels, 4);
		r[i].region = csv_level(test_csv_cell(t, i + 1, "region"), region_levels, 3);
		r[i].sector = csv_level(test_csv_cell(t, i + 1, "sector"), sector_levels, 3);
	}
}

/* Whether a layout's columns can hold case @p r as it is. */
static bool layout_holds(enum layout layout, const struct raw *r)
{
	bool booleans = r->female >= 0 && r->care >= 0;
	bool integral = r->age == floor(r->age) && r->hours == floor(r->hours) &&
			r->months == floor(r->months); /* false for NaN */
	switch (layout) {
	case LAYOUT_F64_U8_STRINGS:
		return booleans;
	case LAYOUT_F64_BOOLS:
		return true;
	case LAYOUT_I32:
	case LAYOUT_I64:
		return booleans && integral;
	}
	return false;
}

/* Case @p i of the batch outputs against row i + 1 of the expected file. */
static void assert_pinned(const struct anker_model *model, const struct test_csv *want, size_t i,
			  int32_t status, double p, double lp, int32_t band,
			  const double *contributions)
{
	const char *id = test_csv_cell(want, i + 1, "id");
	if (status != 0)
		print_error("%s: status %d\n", id, status);
	assert_int_equal(status, 0);
	assert_close(p, test_csv_number(test_csv_cell(want, i + 1, "probability")), 1e-12);
	if (!isnan(lp))
		assert_close(lp, test_csv_number(test_csv_cell(want, i + 1, "linear_predictor")),
			     1e-12);
	if (band >= 0)
		assert_string_equal(anker_model_get_band_name(model, (size_t)band),
				    test_csv_cell(want, i + 1, "band"));
	for (size_t t = 0; contributions && t < N_TERMS; t++) {
		char column[80];
		snprintf(column, sizeof(column), "contrib_%s", anker_model_get_term_name(model, t));
		assert_close(contributions[t], test_csv_number(test_csv_cell(want, i + 1, column)),
			     1e-12);
	}
}

static void check_pinned(const char *model_file, const char *expected_file)
{
	/* Plain malloc: the threads below allocate their batches, and cmocka's
	 * allocator bookkeeping is not thread-safe. */
	struct anker_ctx *ctx = NULL;
	assert_int_equal(anker_ctx_new(&ctx), 0);
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_file(ctx, test_source_path(model_file), NULL, &model), 0);
	assert_int_equal(anker_model_get_term_count(model), N_TERMS);
	struct test_csv *cases = test_csv_read("tests/golden/cases-full-model.csv");
	struct test_csv *want = test_csv_read(expected_file);
	size_t n = cases->rows - 1;
	assert_int_equal(want->rows - 1, n);
	struct raw *raw = calloc(n, sizeof(*raw));
	assert_non_null(raw);
	raw_from_csv(cases, raw);
	struct columns *cols = columns_new(raw, n);
	struct test_outputs *out = test_outputs_new(n, N_TERMS);

	static const enum layout layouts[] = { LAYOUT_F64_U8_STRINGS, LAYOUT_F64_BOOLS, LAYOUT_I32,
					       LAYOUT_I64 };
	for (size_t l = 0; l < 4; l++) {
		struct anker_batch *b = NULL;
		assert_int_equal(anker_batch_new(model, 0, &b), 0);
		bind_layout(b, cols, layouts[l]);
		score_into(b, out);
		size_t held = 0;
		for (size_t i = 0; i < n; i++) {
			if (!layout_holds(layouts[l], &raw[i]))
				continue;
			held++;
			assert_pinned(model, want, i, out->status[i], out->p[i], out->lp[i],
				      out->band[i], &out->contributions[i * N_TERMS]);
		}
		assert_true(held >= 5);
		/* without contributions: the other code path for the sum */
		assert_int_equal(anker_batch_score(b, n, out->p, out->lp, NULL, NULL, out->status,
						   NULL),
				 0);
		for (size_t i = 0; i < n; i++)
			if (layout_holds(layouts[l], &raw[i]))
				assert_pinned(model, want, i, out->status[i], out->p[i], out->lp[i],
					      -1, NULL);
		anker_batch_free(b);
	}

	/* an array of structs, bound with its stride */
	struct person *people = calloc(n, sizeof(*people));
	assert_non_null(people);
	for (size_t i = 0; i < n; i++) {
		people[i] = (struct person){ .age = raw[i].age, .hours = raw[i].hours,
					     .months = raw[i].months,
					     .female = (uint8_t)raw[i].female,
					     .care = (uint8_t)raw[i].care,
					     .education = raw[i].education,
					     .region = raw[i].region,
					     .sector = level_name(raw[i].sector, sector_levels) };
	}
	struct anker_batch *b = NULL;
	size_t stride = sizeof(struct person);
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "age", &people[0].age, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", &people[0].hours, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", &people[0].months, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "female", &people[0].female, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "care_duties", &people[0].care, stride), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", &people[0].education, stride), 0);
	assert_int_equal(anker_batch_bind_i64(b, "region", &people[0].region, stride), 0);
	assert_int_equal(anker_batch_bind_strings(b, "sector", &people[0].sector, stride), 0);
	score_into(b, out);
	for (size_t i = 0; i < n; i++)
		if (layout_holds(LAYOUT_F64_U8_STRINGS, &raw[i]))
			assert_pinned(model, want, i, out->status[i], out->p[i], out->lp[i],
				      out->band[i], &out->contributions[i * N_TERMS]);

	/* variables declared absent are missing: the case whose imputable values all are */
	anker_batch_unbind_all(b);
	for (const char *const *name = (const char *const[]){ "age", "months", "female",
							       "education", "region", NULL };
	     *name; name++)
		assert_int_equal(anker_batch_bind_absent(b, *name), 0);
	size_t all_missing = 0;
	while (all_missing < n && !(isnan(raw[all_missing].age) && raw[all_missing].female < 0 &&
				    raw[all_missing].education < 0 && raw[all_missing].region < 0 &&
				    isnan(raw[all_missing].months)))
		all_missing++;
	assert_true(all_missing < n);
	assert_int_equal(anker_batch_bind_f64(b, "hours", cols->hours + all_missing, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", cols->care_f64 + all_missing, 0),
			 0);
	assert_int_equal(
		anker_batch_bind_strings(b, "sector", cols->sector_str + all_missing, 0), 0);
	score_into(b, &(struct test_outputs){ 1, out->p, out->lp, out->contributions, out->band,
					 out->status });
	assert_pinned(model, want, all_missing, out->status[0], out->p[0], out->lp[0], out->band[0],
		      out->contributions);
	anker_batch_free(b);
	free(people);

	/* four threads at once, each with its own batch on the shared model */
	if (strstr(model_file, "probit") == NULL) {
		/* The file is this file's full_model: the same scores, bit for bit. */
		struct anker_model *embedded = test_model_from_quoted(ctx, full_model);
		struct test_outputs *same = test_outputs_new(n, N_TERMS);
		assert_int_equal(anker_batch_new(embedded, 0, &b), 0);
		bind_layout(b, cols, LAYOUT_F64_BOOLS);
		score_into(b, same);
		anker_batch_free(b);
		assert_int_equal(anker_batch_new(model, 0, &b), 0);
		bind_layout(b, cols, LAYOUT_F64_BOOLS);
		score_into(b, out);
		anker_batch_free(b);
		assert_memory_equal(same->p, out->p, n * sizeof(double));
		assert_memory_equal(same->contributions, out->contributions,
				    n * N_TERMS * sizeof(double));
		test_outputs_free(same);
		anker_model_unref(embedded);

		struct worker workers[N_THREADS];
		pthread_t threads[N_THREADS];
		for (int t = 0; t < N_THREADS; t++)
			workers[t] = (struct worker){ model, cols, test_outputs_new(n, N_TERMS), -1 };
		for (int t = 0; t < N_THREADS; t++)
			assert_int_equal(pthread_create(&threads[t], NULL, work, &workers[t]), 0);
		for (int t = 0; t < N_THREADS; t++)
			assert_int_equal(pthread_join(threads[t], NULL), 0);
		for (int t = 0; t < N_THREADS; t++) {
			const struct test_outputs *o = workers[t].out;
			assert_int_equal(workers[t].status, 0);
			for (size_t i = 0; i < n; i++)
				if (raw[i].care >= 0)
					assert_pinned(model, want, i, o->status[i], o->p[i], o->lp[i],
						      o->band[i], &o->contributions[i * N_TERMS]);
			test_outputs_free(workers[t].out);
		}
	}

	test_outputs_free(out);
	columns_free(cols);
	free(raw);
	test_csv_free(want);
	test_csv_free(cases);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_pinned_by_numpy(void **state)
{
	(void)state;
	check_pinned("tests/golden/full-model.json", "tests/golden/expected-full-model.csv");
	check_pinned("tests/golden/full-model-probit.json",
		     "tests/golden/expected-full-model-probit.csv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f64_u8_strings),
		cmocka_unit_test(test_f64_booleans_i32_codes),
		cmocka_unit_test(test_i32),
		cmocka_unit_test(test_i64),
		cmocka_unit_test(test_strided_structs),
		cmocka_unit_test(test_unbound_variables),
		cmocka_unit_test(test_first_error),
		cmocka_unit_test(test_mixed_chunks),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_string_columns),
		cmocka_unit_test(test_rebind),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_many_knots),
		cmocka_unit_test(test_band_thresholds),
		cmocka_unit_test(test_pinned_by_numpy),
	};
#if defined(__x86_64__) && defined(__GLIBC__) && !defined(ANKER_NO_CPU_DISPATCH)
	print_message("batch: the chunk loops run as %s\n",
		      __builtin_cpu_supports("avx2") ? "AVX2" : "SSE2");
#elif defined(ANKER_NO_CPU_DISPATCH)
	print_message("batch: one copy of the chunk loops (-Dcpu_dispatch=false)\n");
#endif
	return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}
