/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the WWB rule files (norms, asset limits, pension age).
 * Whatever the bytes, loading returns a status without crashing or leaking;
 * a file that loads answers every lookup with a status, and what it answers
 * holds: amounts are positive cents, a kostendelersnorm lies between the
 * shares of A and A+1, and the pension date follows the birth date.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dates[] = {"1899-12-31", "1900-01-01", "2021-07-01",
				    "2024-02-29", "2026-01-01", "2026-06-30",
				    "2030-01-01", "2200-12-31", "9999-12-31"};
static const char *const names[] = {"single",
				    "couple",
				    "single_18_20",
				    "couple_18_20",
				    "couple_18_20_children",
				    "couple_mixed",
				    "couple_mixed_children",
				    "single_pension",
				    "couple_pension",
				    "youth_supplement",
				    "earnings_disregard_max"};

static void check_lookups(const struct anker_wwb_norms *norms)
{
	for (size_t d = 0; d < sizeof(dates) / sizeof(dates[0]); d++) {
		/* dates outside 1900..2200 are refused before any table is asked */
		int absent = strcmp(dates[d], "1900") > 0 && strcmp(dates[d], "2201") < 0
				 ? ANKER_E_NOT_FOUND
				 : ANKER_E_BAD_VALUE;
		for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
			long long cents = -1;
			int r = anker_wwb_norms_get_norm(norms, dates[d], names[n], &cents, NULL);
			CHECK(r == 0 ? cents > 0 : r == absent);
		}
		long long previous = -1;
		for (int a = 1; a <= 8; a++) {
			long long cents = -1;
			int r = anker_wwb_norms_get_cost_sharing_norm(norms, dates[d], a, 0, &cents,
								      NULL);
			CHECK(r == 0 || r == absent);
			/* (40 + 30A)/A falls with A: never above the previous share */
			if (r == 0)
				CHECK(cents >= 0 && (previous < 0 || cents <= previous));
			previous = r == 0 ? cents : -1;
		}
		int age = 0;
		int r = anker_wwb_norms_get_cost_sharer_age(norms, dates[d], &age, NULL);
		CHECK(r == 0 ? age >= 18 && age <= 99 : r == absent);
		long long limit = -1;
		r = anker_wwb_norms_get_asset_limit(norms, dates[d], "home_equity", &limit, NULL);
		CHECK(r == 0 ? limit > 0 : r == absent);
		int years = 0, months = 0;
		char day[ANKER_WWB_DATE_SIZE];
		r = anker_wwb_norms_get_pension_age(norms, dates[d], &years, &months, day, NULL);
		CHECK(r == 0 ? strcmp(day, dates[d]) > 0 && months < 12 : r == absent);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_wwb_norms *norms = NULL;
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0 ||
	    anker_wwb_norms_new(ctx, &norms) < 0)
		abort();
	int r = anker_wwb_norms_add_buffer(norms, (const char *)data, size, "fuzz.json", err);
	if (r == 0) {
		check_lookups(norms);
		/* the same file again always overlaps itself */
		CHECK(anker_wwb_norms_add_buffer(norms, (const char *)data, size, "again.json",
						 NULL) == ANKER_E_DUPLICATE);
	} else {
		CHECK(r < 0 && anker_error_code(err) == r && anker_status_name(r));
		CHECK(anker_error_file(err) && strcmp(anker_error_file(err), "fuzz.json") == 0);
	}
	anker_wwb_norms_unref(norms);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
