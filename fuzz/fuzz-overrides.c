/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the assessment records reader of the override figures
 * (include/anker/overrides.h). The bytes are a records file. Whatever they
 * hold, anker_overrides_read_text() returns a status without crashing or
 * leaking, and what it counts holds together: decided and undecided records
 * add up, overrides are decisions, every grouping's rows add up to the
 * totals, and the matrix counts every advice field of every decision.
 */
#include <stdint.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct anker_overrides *ov)
{
	size_t records = anker_overrides_get_count(ov, ANKER_OVERRIDES_RECORDS);
	size_t decided = anker_overrides_get_count(ov, ANKER_OVERRIDES_DECIDED);
	size_t overridden = anker_overrides_get_count(ov, ANKER_OVERRIDES_OVERRIDDEN);
	CHECK(records > 0);
	CHECK(decided + anker_overrides_get_count(ov, ANKER_OVERRIDES_UNDECIDED) == records);
	CHECK(overridden <= decided);
	for (int by = ANKER_OVERRIDES_BY_VALUES; by <= ANKER_OVERRIDES_BY_RULE; by++) {
		size_t sum[3] = {0, 0, 0};
		for (size_t i = 0; i < anker_overrides_get_advice_count(ov, by); i++) {
			const char *key = NULL;
			size_t r = 0, d = 0, o = 0;
			CHECK(anker_overrides_get_advice(ov, by, i, &key, &r, &d, &o) == 0);
			CHECK(key != NULL && o <= d && d <= r && r > 0);
			sum[0] += r;
			sum[1] += d;
			sum[2] += o;
		}
		CHECK(sum[0] == records && sum[1] == decided && sum[2] == overridden);
	}
	size_t cells = 0;
	for (size_t i = 0; i < anker_overrides_get_cell_count(ov); i++) {
		size_t n = 0;
		CHECK(anker_overrides_get_cell(ov, i, NULL, NULL, NULL, &n) == 0 && n > 0);
		cells += n;
	}
	CHECK(decided == 0 ? cells == 0 : cells >= decided);
	for (size_t i = 0; i < anker_overrides_get_reason_count(ov); i++) {
		size_t n = 0, o = 0;
		CHECK(anker_overrides_get_reason(ov, i, NULL, &n, &o) == 0 && o <= n &&
		      n <= decided);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	if (anker_ctx_new(&ctx) < 0)
		return 0;
	struct anker_overrides *ov = NULL;
	int rc = anker_overrides_read_text(ctx, (const char *)data, size, "fuzz.jsonl", &ov, NULL);
	CHECK(rc <= 0);
	CHECK((rc == 0) == (ov != NULL));
	if (ov)
		check(ov);
	anker_overrides_free(ov);
	anker_ctx_unref(ctx);
	return 0;
}
