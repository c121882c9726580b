/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the profile and record parsers. The bytes are tried
 * twice: as a profile file (whose relative paths reach the shipped models
 * and norms through a scratch directory: profiles/fuzz.json next to links
 * models/ -> data/models and norms/ -> data/norms), and as an assessment record verified against the shipped
 * demonstration profile. Whatever the bytes, both must return a status
 * without crashing or leaking (and a third time as a case from JSON, assessed
 * with the demonstration profile); a profile that loads must assess an empty
 * case or refuse it with a status, and a record that verifies must be one
 * the library writes back byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <anker/anker.h>

#ifndef ANKER_FUZZ_DATA_DIR
#error "ANKER_FUZZ_DATA_DIR: the source tree's data/ directory"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static char scratch[64];
static char profile_path[128];
static struct anker_ctx *ctx;
static struct anker_profile *demo;

static void cleanup(void)
{
	char path[160];
	unlink(profile_path);
	snprintf(path, sizeof(path), "%s/models", scratch);
	unlink(path);
	snprintf(path, sizeof(path), "%s/norms", scratch);
	unlink(path);
	snprintf(path, sizeof(path), "%s/profiles", scratch);
	rmdir(path);
	rmdir(scratch);
	anker_profile_unref(demo);
	anker_ctx_unref(ctx);
}

static void setup(void)
{
	snprintf(scratch, sizeof(scratch), "/tmp/anker-fuzz-assess-XXXXXX");
	CHECK(mkdtemp(scratch));
	char path[160];
	snprintf(path, sizeof(path), "%s/models", scratch);
	CHECK(symlink(ANKER_FUZZ_DATA_DIR "/models", path) == 0);
	snprintf(path, sizeof(path), "%s/norms", scratch);
	CHECK(symlink(ANKER_FUZZ_DATA_DIR "/norms", path) == 0);
	snprintf(path, sizeof(path), "%s/profiles", scratch);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(profile_path, sizeof(profile_path), "%s/profiles/fuzz.json", scratch);
	CHECK(anker_ctx_new(&ctx) == 0);
	CHECK(anker_profile_load_file(ctx, ANKER_FUZZ_DATA_DIR "/profiles/demo-anker.json", NULL,
				      &demo) == 0);
	atexit(cleanup);
}

static void try_profile(const uint8_t *data, size_t size, struct anker_error *err)
{
	FILE *f = fopen(profile_path, "wb");
	CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0);
	struct anker_profile *p = NULL;
	int r = anker_profile_load_file(ctx, profile_path, err, &p);
	if (r < 0) {
		CHECK(!p && anker_error_code(err) == r && anker_status_name(r));
		return;
	}
	CHECK(strlen(anker_profile_get_sha256(p)) == 64);
	CHECK(anker_model_get_kind(anker_profile_get_rules(p)) == ANKER_MODEL_RULES);
	struct anker_case *c = NULL;
	struct anker_assessment *a = NULL;
	CHECK(anker_case_new(ctx, &c) == 0);
	r = anker_profile_assess(p, c, 0, &a, err);
	CHECK(r == 0 ? a != NULL : (a == NULL && anker_status_name(r)));
	anker_assessment_free(a);
	anker_case_free(c);
	anker_profile_unref(p);
}

static void try_record(const uint8_t *data, size_t size, struct anker_error *err)
{
	int r = anker_profile_verify_record(demo, (const char *)data, size, NULL, err);
	CHECK(r <= 0 && anker_status_name(r));
	if (r < 0)
		CHECK(anker_error_code(err) == r);
}

/* The bytes as a case (anker_case_set_json()), assessed with the demonstration profile. */
static void try_case(const uint8_t *data, size_t size, struct anker_error *err)
{
	struct anker_case *c = NULL;
	CHECK(anker_case_new(ctx, &c) == 0);
	int r = anker_case_set_json(c, (const char *)data, size, "fuzz", err);
	CHECK(r <= 0 && anker_status_name(r));
	if (r == 0) {
		struct anker_assessment *a = NULL;
		r = anker_profile_assess(demo, c, ANKER_ASSESS_IGNORE_EXTRA, &a, err);
		CHECK(r == 0 ? a != NULL : (a == NULL && anker_status_name(r)));
		anker_assessment_free(a);
	}
	anker_case_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx)
		setup();
	struct anker_error *err = NULL;
	CHECK(anker_error_new(&err) == 0);
	try_profile(data, size, err);
	try_record(data, size, err);
	try_case(data, size, err);
	anker_error_free(err);
	return 0;
}
