/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Verifying records (docs/assessment.md, "Verification"): rebuild the case
 * from the record's inputs, assess it again with the profile, re-apply the
 * recorded decision and chain, and compare the rebuilt record with the
 * stored one member by member. Everything but "library" (the version that
 * wrote it; any build verifies any other's records) must be identical, so a
 * changed output, advice, decision or hash is found and named by its JSON
 * path.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/load-private.h"
#include "assess-private.h"

#define MAX_DIFFS 8

struct diffs {
	char paths[MAX_DIFFS][JR_PATH_MAX];
	size_t count;
};

static void add_diff(struct diffs *d, const char *path)
{
	if (d->count < MAX_DIFFS)
		snprintf(d->paths[d->count], JR_PATH_MAX, "%s", path);
	d->count++;
}

/* Every path below @p path where @p want and @p got differ. */
static void compare(const json_t *want, const json_t *got, char *path, size_t len, struct diffs *d)
{
	if (json_is_object(want) && json_is_object(got)) {
		const char *key;
		json_t *value;
		json_object_foreach((json_t *)want, key, value)
		{
			int n = snprintf(path + len, JR_PATH_MAX - len, ".%s", key);
			size_t next = n < 0			      ? len
				      : len + (size_t)n < JR_PATH_MAX ? len + (size_t)n
								      : JR_PATH_MAX - 1;
			compare(value, json_object_get(got, key), path, next, d);
			path[len] = '\0';
		}
		json_object_foreach((json_t *)got, key, value)
		{
			if (!json_object_get(want, key)) {
				snprintf(path + len, JR_PATH_MAX - len, ".%s", key);
				add_diff(d, path);
				path[len] = '\0';
			}
		}
		return;
	}
	if (json_is_array(want) && json_is_array(got) &&
	    json_array_size(want) == json_array_size(got)) {
		for (size_t i = 0; i < json_array_size(want); i++) {
			int n = snprintf(path + len, JR_PATH_MAX - len, "[%zu]", i);
			size_t next = n < 0			      ? len
				      : len + (size_t)n < JR_PATH_MAX ? len + (size_t)n
								      : JR_PATH_MAX - 1;
			compare(json_array_get(want, i), json_array_get(got, i), path, next, d);
			path[len] = '\0';
		}
		return;
	}
	/* json_equal compares reals by value: the bits, but for 0.0 == -0.0 */
	if (!got || !json_equal(want, got) ||
	    (json_is_real(want) && signbit(json_real_value(want)) != signbit(json_real_value(got))))
		add_diff(d, path);
}

static int fail_at(struct anker_error *err, int code, const char *path, const char *fmt, ...)
    ANKER_PRINTF(4, 5);
static int fail_at(struct anker_error *err, int code, const char *path, const char *fmt, ...)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.path = path;
	const char *dot = path ? strrchr(path, '.') : NULL;
	where.field = dot ? dot + 1 : NULL;
	va_list ap;
	va_start(ap, fmt);
	anker_failv(err, code, where, fmt, ap);
	va_end(ap);
	return code;
}

/* The case a record's "inputs" describe. */
static int rebuild_case(struct anker_ctx *ctx, json_t *inputs, struct anker_case **ret,
			struct anker_error *err)
{
	struct anker_case *c = NULL;
	int r = anker_case_new(ctx, &c);
	if (r < 0)
		return fail_at(err, r, "$.inputs", "out of memory");
	r = anker_case_fill_json(c, inputs, NULL, "$.inputs", err);
	if (r < 0) {
		anker_case_free(c);
		/* copies: fail_at() rewrites err */
		char path[JR_PATH_MAX], message[256];
		snprintf(path, sizeof(path), "%s",
			 anker_error_path(err) ? anker_error_path(err) : "$.inputs");
		snprintf(message, sizeof(message), "%s", anker_error_text(err));
		return fail_at(err, ANKER_E_VERIFY, path, "%s", message);
	}
	*ret = c;
	return 0;
}

static const char *string_at(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Re-apply the record's decision as it was given. */
static int redecide(struct anker_assessment *a, json_t *decision, struct anker_error *err)
{
	if (!decision || json_is_null(decision))
		return 0;
	json_t *values = json_object_get(decision, "values");
	json_t *actor = json_object_get(decision, "actor");
	json_t *reason = json_object_get(decision, "reason");
	if (!json_is_object(values) || !json_is_object(actor))
		return fail_at(err, ANKER_E_VERIFY, "$.decision", "the decision is incomplete");
	size_t n = json_object_size(values), i = 0;
	const char *fields[64], *levels[64];
	const char *key;
	json_t *v;
	json_object_foreach(values, key, v)
	{
		if (i == 64 || !json_is_string(v))
			return fail_at(err, ANKER_E_VERIFY, "$.decision.values",
				       "a decided value is not a level name");
		fields[i] = key;
		levels[i++] = json_string_value(v);
	}
	int r = anker_decision_apply(a, n, fields, levels, string_at(actor, "id"),
				     string_at(actor, "role"), string_at(decision, "time"),
				     string_at(reason, "code"), string_at(reason, "text"), err);
	if (r < 0) {
		/* name the decision as the place, keeping the reason the library gave */
		char message[256];
		snprintf(message, sizeof(message), "%s", anker_error_text(err));
		return fail_at(err, ANKER_E_VERIFY, "$.decision",
			       "the recorded decision is not valid: %s", message);
	}
	return 0;
}

static int check_pins(const struct anker_profile *p, json_t *stored, struct anker_error *err)
{
	json_t *profile = json_object_get(stored, "profile");
	const char *sha = string_at(profile, "sha256"), *id = string_at(profile, "id");
	if (!id || strcmp(id, p->id) != 0 || !sha || strcmp(sha, p->sha256) != 0)
		return fail_at(
		    err, ANKER_E_HASH_MISMATCH, "$.profile",
		    "the record was written with profile %s (sha256 %s), not with %s (sha256 %s)",
		    id ? id : "?", sha ? sha : "?", p->id, p->sha256);
	return 0;
}

/* The SHA-256 of @p value's canonical text; false when out of memory. */
static bool digest_of(const struct anker_profile *p, const json_t *value,
		      char hex[ANKER_SHA256_HEX_SIZE])
{
	char *text = anker_canonical_json(value, p->ctx->c_locale);
	if (!text)
		return false;
	anker_sha256_hex(text, strlen(text), hex);
	free(text);
	return true;
}

/*
 * The record's own hashes: each section against its digest, the digests
 * against "sha256". A section that does not match its digest while the
 * digests match "sha256" was changed (its path goes to @p d); a digest that
 * matches neither was changed ("$.digests.<section>"); "sha256" that does not
 * match intact digests was changed itself.
 */
static int check_digests(const struct anker_profile *p, json_t *stored, struct diffs *d,
			 char bad_sections[][32], size_t *n_bad)
{
	json_t *digests = json_object_get(stored, "digests");
	const char *sha = string_at(stored, "sha256");
	char hex[ANKER_SHA256_HEX_SIZE];
	*n_bad = 0;
	if (!json_is_object(digests)) {
		add_diff(d, "$.digests");
		return 0;
	}
	if (!digest_of(p, digests, hex))
		return ANKER_E_NO_MEMORY;
	bool top_ok = sha && strcmp(sha, hex) == 0;
	const char *key;
	json_t *value;
	char path[JR_PATH_MAX];
	json_object_foreach(stored, key, value)
	{
		if (strcmp(key, "digests") == 0 || strcmp(key, "sha256") == 0)
			continue;
		const char *want = json_string_value(json_object_get(digests, key));
		if (!digest_of(p, value, hex))
			return ANKER_E_NO_MEMORY;
		if (want && strcmp(want, hex) == 0)
			continue;
		/* a member without a digest was added; with one, either was changed */
		bool section = !want || top_ok;
		snprintf(path, sizeof(path), section ? "$.%s" : "$.digests.%s", key);
		if (*n_bad < MAX_DIFFS)
			snprintf(bad_sections[(*n_bad)++], 32, "%s", section ? key : "");
		add_diff(d, path);
	}
	json_object_foreach(digests, key, value)
	{
		if (!json_object_get(stored, key)) {
			snprintf(path, sizeof(path), "$.digests.%s", key);
			add_diff(d, path);
		}
	}
	if (!top_ok && d->count == 0)
		add_diff(d, "$.sha256");
	return 0;
}

static bool under(const char *path, const char *section)
{
	size_t n = strlen(section);
	return strncmp(path, "$.", 2) == 0 && strncmp(path + 2, section, n) == 0 &&
	       (path[2 + n] == '.' || path[2 + n] == '[' || path[2 + n] == '\0');
}

/* Sections the re-assessment computes, where it can name a changed leaf. */
static bool derived(const char *section)
{
	return strcmp(section, "advice") == 0 || strcmp(section, "followup") == 0 ||
	       strcmp(section, "instruments") == 0 || strcmp(section, "wwb") == 0;
}

static int report(struct anker_error *err, const struct diffs *d)
{
	char list[4 * JR_PATH_MAX / 2] = "";
	for (size_t i = 0; i < d->count && i < MAX_DIFFS; i++) {
		size_t used = strlen(list);
		snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", d->paths[i]);
	}
	return fail_at(err, ANKER_E_VERIFY, d->paths[0],
		       "%zu field%s differ%s from the re-assessment or the record's digests: %s%s",
		       d->count, d->count == 1 ? "" : "s", d->count == 1 ? "s" : "", list,
		       d->count > MAX_DIFFS ? ", ..." : "");
}

/* Assess the record's inputs again, with its decision, case id and chain. */
static int reassess(const struct anker_profile *p, json_t *stored, json_t **ret,
		    struct anker_error *err)
{
	struct anker_case *c = NULL;
	int r = rebuild_case(p->ctx, json_object_get(stored, "inputs"), &c, err);
	if (r < 0)
		return r;
	struct anker_assessment *a = NULL;
	r = anker_profile_assess(p, c, ANKER_ASSESS_DEFAULT, &a, err);
	anker_case_free(c);
	if (r < 0)
		return r;
	const char *case_id = string_at(stored, "case_id");
	if (case_id && anker_assessment_set_case_id(a, case_id) < 0)
		r = fail_at(err, ANKER_E_VERIFY, "$.case_id", "not a case id");
	const char *prev = string_at(stored, "previous");
	if (r == 0 && prev && anker_assessment_set_previous(a, prev) < 0)
		r = fail_at(err, ANKER_E_VERIFY, "$.previous", "not a SHA-256");
	if (r == 0)
		r = redecide(a, json_object_get(stored, "decision"), err);
	char *text = NULL;
	size_t len = 0;
	const char *library = string_at(stored, "library");
	if (r == 0)
		r = anker_record_text(a, library ? library : "", &text, &len, err);
	anker_assessment_free(a);
	if (r == 0)
		r = anker_parse_json(text, len, "<record>", err, ret);
	free(text);
	return r;
}

static int verify_json(const struct anker_profile *p, json_t *stored, const char *previous,
		       struct anker_error *err)
{
	if (!json_is_object(stored) || !string_at(stored, "format") ||
	    strcmp(string_at(stored, "format"), ANKER_RECORD_FORMAT) != 0)
		return fail_at(err, ANKER_E_VERIFY, "$.format", "not an %s", ANKER_RECORD_FORMAT);
	int r = check_pins(p, stored, err);
	if (r < 0)
		return r;
	/* the record's own hashes first: they name a changed section */
	struct diffs own = {.count = 0}, d = {.count = 0};
	char bad[MAX_DIFFS][32];
	size_t n_bad = 0;
	if (check_digests(p, stored, &own, bad, &n_bad) < 0)
		return fail_at(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	json_t *rebuilt = NULL;
	r = reassess(p, stored, &rebuilt, err);
	if (r < 0)
		/* a changed input or decision may not even assess: the digests name it */
		return own.count ? report(err, &own) : r;
	/* then the re-assessment, leaf by leaf, but for the hashes that follow from it */
	struct diffs leaves = {.count = 0};
	char path[JR_PATH_MAX] = "$";
	json_object_del(rebuilt, "digests");
	json_object_del(rebuilt, "sha256");
	json_t *bare = json_copy(stored);
	if (bare) {
		json_object_del(bare, "digests");
		json_object_del(bare, "sha256");
		compare(rebuilt, bare, path, 1, &leaves);
	}
	json_decref(bare);
	json_decref(rebuilt);
	if (!bare)
		return fail_at(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	/*
	 * A changed section the re-assessment computes is named by its changed
	 * leaves; one it takes from the record (inputs, decision, case_id, ...)
	 * by its digest, as re-applying it reproduces it.
	 */
	for (size_t i = 0; i < own.count && i < MAX_DIFFS; i++) {
		bool named = false;
		for (size_t j = 0;
		     i < n_bad && derived(bad[i]) && j < leaves.count && j < MAX_DIFFS; j++)
			if (under(leaves.paths[j], bad[i])) {
				add_diff(&d, leaves.paths[j]);
				named = true;
			}
		if (!named)
			add_diff(&d, own.paths[i]);
	}
	for (size_t j = 0; j < leaves.count && j < MAX_DIFFS; j++) {
		bool seen = false;
		for (size_t i = 0; i < d.count && i < MAX_DIFFS; i++)
			seen = seen || strcmp(d.paths[i], leaves.paths[j]) == 0 ||
			       under(leaves.paths[j], d.paths[i] + 2);
		if (!seen)
			add_diff(&d, leaves.paths[j]);
	}
	const char *prev = string_at(stored, "previous");
	if (d.count == 0 && previous && (!prev || strcmp(prev, previous) != 0))
		return fail_at(
		    err, ANKER_E_VERIFY, "$.previous",
		    "the chain is broken: the record does not follow the one before it (sha256 %s)",
		    previous);
	return d.count ? report(err, &d) : 0;
}

ANKER_EXPORT int anker_profile_verify_record(const struct anker_profile *profile, const char *data,
					     size_t size, const char *previous,
					     struct anker_error *err)
{
	if (!profile || !data)
		return fail_at(err, ANKER_E_INVALID_ARGUMENT, NULL,
			       "anker_profile_verify_record: profile and data are required");
	json_t *stored = NULL;
	int r = anker_parse_json(data, size, "<record>", err, &stored);
	if (r < 0)
		return r;
	r = verify_json(profile, stored, previous, err);
	json_decref(stored);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

ANKER_EXPORT int anker_profile_verify_file(const struct anker_profile *profile, const char *path,
					   size_t *ret_count, struct anker_error *err)
{
	if (!profile || !path)
		return fail_at(err, ANKER_E_INVALID_ARGUMENT, NULL,
			       "anker_profile_verify_file: profile and path are required");
	FILE *f = fopen(path, "re");
	if (!f) {
		struct anker_where where = ANKER_WHERE_NONE;
		where.file = path;
		return anker_fail(err, ANKER_E_IO, where, "cannot open: %s", strerror(errno));
	}
	char *line = NULL;
	size_t cap = 0, count = 0;
	ssize_t len;
	char prev[ANKER_SHA256_HEX_SIZE] = "";
	int r = 0;
	while (r == 0 && (len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		json_t *stored = NULL;
		r = anker_parse_json(line, (size_t)len, path, err, &stored);
		/* a record that names a previous one must follow it in the file */
		bool chained = r == 0 && json_object_get(stored, "previous") && count > 0;
		if (r == 0)
			r = verify_json(profile, stored, chained ? prev : NULL, err);
		const char *sha = r == 0 ? string_at(stored, "sha256") : NULL;
		if (sha)
			snprintf(prev, sizeof(prev), "%s", sha);
		json_decref(stored);
		if (r < 0) {
			struct anker_where where = ANKER_WHERE_NONE;
			where.file = path;
			where.line = (long)count + 1;
			where.path = anker_error_path(err);
			where.case_index = (long long)count;
			char message[512];
			snprintf(message, sizeof(message), "%s", anker_error_text(err));
			char at[JR_PATH_MAX] = "";
			if (where.path)
				snprintf(at, sizeof(at), "%s", where.path);
			where.path = at[0] ? at : NULL;
			const char *dot = at[0] ? strrchr(at, '.') : NULL;
			where.field = dot ? dot + 1 : NULL;
			anker_fail(err, r, where, "record %zu: %s", count + 1, message);
			break;
		}
		count++;
	}
	free(line);
	fclose(f);
	if (ret_count)
		*ret_count = count;
	if (r == 0)
		anker_error_clear(err);
	return r;
}
