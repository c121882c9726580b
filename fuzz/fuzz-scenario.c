/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the scenario loader and the generator. Whatever the
 * bytes, loading must return a status without crashing or leaking; a scenario
 * that loads must answer every accessor, and a simulation of a few cases must
 * write a header and one line per case, the same in one call as in one call
 * per case. The scenario is named as if it were in data/simulation/, so that
 * its relative paths reach the shipped truth models and questionnaire.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

#ifndef ANKER_FUZZ_DATA_DIR
#error "ANKER_FUZZ_DATA_DIR: the source tree's data/ directory"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CASES 3

struct text {
	char buf[1 << 16];
	size_t size;
	size_t lines;
};

static int collect(void *data, const char *s, size_t n)
{
	struct text *t = data;
	if (n > sizeof(t->buf) - t->size)
		return -1;
	memcpy(t->buf + t->size, s, n);
	t->size += n;
	for (size_t i = 0; i < n; i++)
		t->lines += s[i] == '\n';
	return 0;
}

static void check_scenario(const struct anker_scenario *sc)
{
	size_t n = anker_scenario_get_column_count(sc);
	CHECK(n >= 2 && strcmp(anker_scenario_get_column_name(sc, 0), "case_id") == 0);
	for (size_t i = 0; i < n; i++) {
		CHECK(anker_scenario_get_column_name(sc, i) != NULL);
		int type = anker_scenario_get_column_type(sc, i);
		CHECK(type >= ANKER_SIM_COLUMN_TEXT && type <= ANKER_SIM_COLUMN_LEVEL);
	}
	CHECK(anker_scenario_get_column_name(sc, n) == NULL);
	CHECK(anker_scenario_get_column_type(sc, n) == ANKER_E_NOT_FOUND);
	size_t outcomes = anker_scenario_get_outcome_count(sc);
	CHECK(outcomes >= 1 && anker_scenario_get_outcome_name(sc, outcomes) == NULL);
	CHECK(anker_scenario_get_id(sc) && anker_scenario_get_version(sc));
}

static void check_simulation(const struct anker_scenario *sc)
{
	struct anker_simulation *sim = NULL;
	int r = anker_simulation_new(sc, 1, CASES, NULL, NULL, NULL, &sim);
	if (r != 0) {
		CHECK(r == ANKER_E_BAD_VALUE); /* a target no case can be scored for */
		return;
	}
	static struct text whole, single;
	whole.size = whole.lines = single.size = single.lines = 0;
	CHECK(anker_simulation_write_header(sim, collect, &whole, NULL) == 0);
	r = anker_simulation_write_rows(sim, 0, CASES, collect, &whole, NULL);
	CHECK(r == 0 || r == ANKER_E_IO || r == ANKER_E_TOO_LARGE);
	if (r == 0) {
		CHECK(whole.lines == CASES + 1);
		CHECK(anker_simulation_write_header(sim, collect, &single, NULL) == 0);
		for (uint64_t k = 0; k < CASES; k++)
			CHECK(anker_simulation_write_rows(sim, k, 1, collect, &single, NULL) == 0);
		CHECK(single.size == whole.size && memcmp(single.buf, whole.buf, whole.size) == 0);
	}
	for (size_t i = 0; i < anker_scenario_get_outcome_count(sc); i++) {
		double rate = anker_simulation_get_expected_rate(sim, i);
		CHECK(isnan(rate) || (rate >= 0 && rate <= 1));
		CHECK(isfinite(anker_simulation_get_shift(sim, i)));
	}
	anker_simulation_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	CHECK(anker_ctx_new(&ctx) == 0 && anker_error_new(&err) == 0);
	struct anker_scenario *sc = NULL;
	int r = anker_scenario_load_buffer(ctx, (const char *)data, size,
					   ANKER_FUZZ_DATA_DIR "/simulation/fuzz.json", err, &sc);
	if (r == 0) {
		CHECK(anker_error_code(err) == 0);
		check_scenario(sc);
		check_simulation(sc);
		anker_scenario_free(sc);
	} else {
		CHECK(r < 0 && anker_error_code(err) == r && anker_status_name(r));
		CHECK(strstr(anker_error_message(err), "fuzz.json") != NULL);
	}
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
