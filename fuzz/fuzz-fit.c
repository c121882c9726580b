/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for fitting (include/anker/fit.h). The input is a
 * specification, then a line "---", then bytes from which 64 cases are made
 * (each byte a value: a number across the variable's range, a boolean, a
 * level code; 255 missing; the outcome from the same bytes, 254 missing; for
 * a duration model also the months).
 * Whatever the bytes, a fit returns a status without crashing or leaking; a
 * specification the loader refuses is refused by anker_fit_new() with the
 * same code; a fit that succeeds writes a model file the loader accepts.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

#define CASES 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t byte_at(const uint8_t *bytes, size_t len, size_t i)
{
	return len ? bytes[i % len] : 0;
}

static void make_cases(const struct anker_model *m, struct anker_fit *fit, const uint8_t *bytes,
		       size_t len, double *numbers, int32_t *codes, double *y, double *time)
{
	size_t nv = anker_model_get_variable_count(m);
	struct anker_batch *b = anker_fit_get_batch(fit);
	for (size_t v = 0; v < nv; v++) {
		const char *name = anker_model_get_variable_name(m, v);
		int kind = anker_model_get_variable_kind(m, v);
		double lo = 0, hi = 1;
		anker_model_get_variable_range(m, v, &lo, &hi);
		size_t levels = anker_model_get_level_count(m, v);
		for (size_t i = 0; i < CASES; i++) {
			uint8_t x = byte_at(bytes, len, i * (nv + 1) + v);
			size_t at = v * CASES + i;
			if (kind == ANKER_VARIABLE_CATEGORICAL)
				codes[at] = x == 255 ? -1 : (int32_t)(x % levels);
			else if (kind == ANKER_VARIABLE_BOOLEAN)
				numbers[at] = x == 255 ? NAN : (double)(x & 1);
			else
				numbers[at] = x == 255 ? NAN : lo + (hi - lo) * x / 254.0;
		}
		if (kind == ANKER_VARIABLE_CATEGORICAL)
			CHECK(anker_batch_bind_i32(b, name, codes + v * CASES, 0) == 0);
		else
			CHECK(anker_batch_bind_f64(b, name, numbers + v * CASES, 0) == 0);
	}
	for (size_t i = 0; i < CASES; i++) {
		uint8_t x = byte_at(bytes, len, i * (nv + 1) + nv);
		y[i] = x == 254 ? NAN : (double)((x >> 1) & 1);
	}
	CHECK(anker_fit_bind_outcome(fit, "y", y, 0) == 0);
	if (anker_model_get_kind(m) != ANKER_MODEL_DURATION)
		return;
	/* months 1..24 (a byte's low bits, so that times tie), 255 missing; ties from the first
	 * byte */
	for (size_t i = 0; i < CASES; i++) {
		uint8_t x = byte_at(bytes, len, i * 7 + 3);
		time[i] = x == 255 ? NAN : 1.0 + (double)(x % 24);
	}
	CHECK(anker_fit_bind_time(fit, "t", time, 0) == 0);
	CHECK(anker_fit_set_ties(fit, byte_at(bytes, len, 0) & 1 ? ANKER_FIT_TIES_BRESLOW
								 : ANKER_FIT_TIES_EFRON) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = NULL;
	for (size_t i = 0; i + 5 <= size && !sep; i++)
		if (memcmp(data + i, "\n---\n", 5) == 0)
			sep = data + i;
	size_t spec_size = sep ? (size_t)(sep - data) : size;
	const uint8_t *bytes = sep ? sep + 5 : data + size;
	size_t len = (size_t)(data + size - bytes);

	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *spec = NULL;
	struct anker_fit *fit = NULL;
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0)
		abort();
	int loaded =
	    anker_model_load_buffer(ctx, (const char *)data, spec_size, "spec.json", NULL, &spec);
	int r = anker_fit_new(ctx, (const char *)data, spec_size, "spec.json", 0, err, &fit);
	if (loaded < 0)
		CHECK(r == loaded && !fit);
	else if (anker_model_get_kind(spec) != ANKER_MODEL_BINARY &&
		 anker_model_get_kind(spec) != ANKER_MODEL_DURATION)
		CHECK(r == ANKER_E_UNSUPPORTED && !fit);
	if (r == 0) {
		size_t nv = anker_model_get_variable_count(spec);
		double *numbers = calloc(nv * CASES, sizeof(double));
		int32_t *codes = calloc(nv * CASES, sizeof(int32_t));
		double y[CASES], time[CASES];
		if (!numbers || !codes)
			abort();
		make_cases(spec, fit, bytes, len, numbers, codes, y, time);
		anker_fit_set_max_iterations(fit, 25);
		r = anker_fit_run(fit, CASES, err);
		CHECK(r <= 0 && anker_error_code(err) == r && anker_status_name(r));
		if (r == 0) {
			struct anker_model *fitted = NULL;
			const char *text = anker_fit_get_model_json(fit);
			CHECK(anker_model_load_buffer(ctx, text, strlen(text), "fitted", NULL,
						      &fitted) == 0);
			CHECK(anker_fit_get_stats_json(fit) != NULL);
			anker_model_unref(fitted);
		} else {
			CHECK(anker_fit_get_model_json(fit) == NULL);
		}
		free(numbers);
		free(codes);
	}
	anker_fit_free(fit);
	anker_model_unref(spec);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
