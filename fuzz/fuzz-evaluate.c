/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the evaluation input paths (include/anker/evaluate.h).
 * The bytes are read as cases of 10 bytes: a probability (8 bytes, any double:
 * NaN, infinities and values outside [0, 1] included), an outcome byte (0, 1,
 * 2 or NaN) and a group byte (one of three names, or none). Whatever they hold,
 * every call returns a status without crashing or leaking, and what it computes
 * holds together: an AUC, Brier score, PSI and Harrell's C in range, no
 * infinite ratio, no flag on an undefined ratio, counts that add up.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CASE_BYTES 10
#define MAX_CASES  4096

static const char *const names[] = {"a", "b", "c", NULL};
static const double outcomes[] = {0, 1, 2, NAN};

static void check_evaluation(const struct anker_evaluation *ev, size_t n)
{
	double auc = anker_evaluation_get(ev, ANKER_EVAL_AUC);
	CHECK(isnan(auc) || (auc >= 0 && auc <= 1));
	double brier = anker_evaluation_get(ev, ANKER_EVAL_BRIER);
	CHECK(brier >= 0 && brier <= 1);
	CHECK(anker_evaluation_get(ev, ANKER_EVAL_COUNT) == (double)n);
	double hl = anker_evaluation_get(ev, ANKER_EVAL_HL_STATISTIC);
	CHECK(isnan(hl) || hl >= 0);
	for (size_t k = 0; k < anker_evaluation_get_classification_count(ev); k++) {
		double sum = 0;
		for (int f = ANKER_CLASS_TP; f <= ANKER_CLASS_FN; f++)
			sum += anker_evaluation_get_classification(ev, k, f);
		CHECK(sum == (double)n);
	}
	size_t in_groups = anker_evaluation_get_grouping_missing(ev, 0);
	for (size_t g = 0; g < anker_evaluation_get_group_count(ev, 0); g++) {
		in_groups += (size_t)anker_evaluation_get_group(ev, 0, g, ANKER_CLASS_COUNT);
		unsigned int flags = anker_evaluation_get_group_flags(ev, 0, g);
		for (int f = ANKER_CLASS_RATIO_SELECTION_RATE; f <= ANKER_CLASS_RATIO_FNR; f++) {
			double ratio = anker_evaluation_get_group(ev, 0, g, f);
			CHECK(!isinf(ratio));
			if (isnan(ratio))
				CHECK(!(flags & (1u << (f - ANKER_CLASS_RATIO_SELECTION_RATE))));
		}
	}
	CHECK(in_groups == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = size / CASE_BYTES;
	if (n > MAX_CASES)
		n = MAX_CASES;
	static double p[MAX_CASES], y[MAX_CASES], time[MAX_CASES];
	static const char *group[MAX_CASES];
	static int32_t codes[MAX_CASES];
	for (size_t i = 0; i < n; i++) {
		const uint8_t *c = data + i * CASE_BYTES;
		memcpy(&p[i], c, sizeof(double));
		y[i] = outcomes[c[8] % 4];
		group[i] = names[c[9] % 4];
		time[i] = (double)(c[9] % 7);
		codes[i] = (int32_t)(c[8] % 5) - 1; /* -1 .. 3: 3 is out of range for 3 levels */
	}
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	CHECK(anker_ctx_new(&ctx) == 0 && anker_error_new(&err) == 0);
	struct anker_evaluation *ev = NULL;
	int rc = anker_evaluation_new(ctx, p, y, n, &ev, err);
	if (rc == 0) {
		if (size % 3 == 1) /* p[0] is in [0, 1] once the evaluation accepted it */
			CHECK(anker_evaluation_set_threshold(ev, p[0]) == 0);
		rc = anker_evaluation_add_grouping(ev, "g", group, size % 2 ? "b" : NULL, err);
		CHECK(rc == 0);
		rc = anker_evaluation_compute(ev, err);
		CHECK(rc == 0 || rc == ANKER_E_NOT_FOUND || rc == ANKER_E_BAD_VALUE);
		if (rc == 0)
			check_evaluation(ev, n);
	} else {
		CHECK(rc == ANKER_E_MISSING_VALUE || rc == ANKER_E_OUT_OF_RANGE ||
		      rc == ANKER_E_BAD_VALUE || rc == ANKER_E_INVALID_ARGUMENT);
		CHECK(ev == NULL);
	}
	anker_evaluation_free(ev);

	double psi = NAN;
	if (anker_psi_numbers(ctx, p, n / 2, p + n / 2, n - n / 2, &psi, NULL, err) == 0)
		CHECK(psi >= 0 && !isnan(psi));
	rc = anker_psi_levels(codes, n / 2, codes + n / 2, n - n / 2, 3, &psi, err);
	CHECK(rc == 0 || rc == ANKER_E_OUT_OF_RANGE || rc == ANKER_E_INVALID_ARGUMENT);
	if (rc == 0)
		CHECK(psi >= 0 && isfinite(psi));
	double c = NAN;
	rc = anker_harrell_c(ctx, p, time, y, n, size % 2 ? INFINITY : 3.0, &c, err);
	if (rc == 0)
		CHECK(isnan(c) || (c >= 0 && c <= 1));
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
