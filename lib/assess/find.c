/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Finding the profile a record names (docs/assessment.md, "Verification"):
 * a record carries its profile's file name, id and SHA-256, so that it can
 * be verified with nothing but the records file. The places tried, in order:
 * the records file's directory, the current directory, each directory of
 * ANKER_PROFILE_PATH (colon-separated), and the installed profiles
 * (share/anker/profiles). A file there is accepted only when its id and
 * SHA-256 are the record's: a file of the same name that was changed since
 * is no match.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/load-private.h"
#include "assess-private.h"

#ifndef ANKER_PROFILE_DIR
#define ANKER_PROFILE_DIR "/usr/local/share/anker/profiles"
#endif

#define TRIED_MAX 2048

struct wanted {
	const char *file, *id, *sha256;
	char tried[TRIED_MAX];
};

static void note(struct wanted *w, const char *candidate, const char *what)
{
	size_t used = strlen(w->tried);
	snprintf(w->tried + used, sizeof(w->tried) - used, "%s%s (%s)", used ? ", " : "", candidate,
		 what);
}

/* Try @p dir/@p w->file; 1 with *ret when it is the record's profile. */
static int try_dir(struct anker_ctx *ctx, const char *dir, struct wanted *w,
		   struct anker_profile **ret)
{
	char candidate[4096];
	int n = snprintf(candidate, sizeof(candidate), "%s/%s", *dir ? dir : ".", w->file);
	if (n < 0 || (size_t)n >= sizeof(candidate))
		return 0;
	FILE *f = fopen(candidate, "re");
	if (!f) {
		note(w, candidate, "not found");
		return 0;
	}
	fclose(f);
	struct anker_profile *p = NULL;
	if (anker_profile_load_file(ctx, candidate, NULL, &p) < 0) {
		note(w, candidate, "does not load");
		return 0;
	}
	if (strcmp(p->id, w->id) != 0 || strcmp(p->sha256, w->sha256) != 0) {
		note(w, candidate, "another profile or version");
		anker_profile_unref(p);
		return 0;
	}
	*ret = p;
	return 1;
}

static int find_profile(struct anker_ctx *ctx, const char *records_path, struct wanted *w,
			struct anker_profile **ret)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", records_path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (try_dir(ctx, dir, w, ret) || (strcmp(dir, ".") != 0 && try_dir(ctx, ".", w, ret)))
		return 1;
	const char *env = getenv("ANKER_PROFILE_PATH");
	while (env && *env) {
		size_t len = strcspn(env, ":");
		if (len > 0 && len < sizeof(dir)) {
			memcpy(dir, env, len);
			dir[len] = '\0';
			if (try_dir(ctx, dir, w, ret))
				return 1;
		}
		env += len + (env[len] == ':');
	}
	return try_dir(ctx, ANKER_PROFILE_DIR, w, ret);
}

int anker_profile_find(struct anker_ctx *ctx, const char *records_path, const char *file,
		       const char *id, const char *sha256, struct anker_profile **ret)
{
	struct wanted w = {file, id, sha256, ""};
	if (!file || !id || !sha256 || !*file || strchr(file, '/') || strcmp(file, "..") == 0)
		return 0;
	return find_profile(ctx, records_path ? records_path : "./records", &w, ret);
}

/* The profile named by the first record of @p path. */
static int profile_of_file(struct anker_ctx *ctx, const char *path, struct anker_profile **ret,
			   struct anker_error *err)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = path;
	FILE *f = fopen(path, "re");
	if (!f)
		return anker_fail(err, ANKER_E_IO, where, "cannot open: %s", strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = getline(&line, &cap, f);
	fclose(f);
	if (len <= 0) {
		free(line);
		return anker_fail(err, ANKER_E_SYNTAX, where, "no record to verify");
	}
	json_t *record = NULL;
	int r = anker_parse_json(line, (size_t)len, path, err, &record);
	free(line);
	if (r < 0)
		return r;
	json_t *profile = json_object_get(record, "profile");
	struct wanted w = {json_string_value(json_object_get(profile, "file")),
			   json_string_value(json_object_get(profile, "id")),
			   json_string_value(json_object_get(profile, "sha256")), ""};
	where.line = 1;
	where.path = "$.profile";
	where.field = "profile";
	if (!w.file || !w.id || !w.sha256 || !*w.file || strchr(w.file, '/') ||
	    strcmp(w.file, "..") == 0)
		r = anker_fail(err, ANKER_E_VERIFY, where,
			       "the record names no profile (file, id and sha256)");
	else if (!find_profile(ctx, path, &w, ret))
		r = anker_fail(err, ANKER_E_NOT_FOUND, where,
			       "no profile %s with id %s and sha256 %s; tried %s", w.file, w.id,
			       w.sha256, w.tried);
	json_decref(record);
	return r;
}

ANKER_EXPORT int anker_verify_file(struct anker_ctx *ctx, const char *path, size_t *ret_count,
				   struct anker_error *err)
{
	if (ret_count)
		*ret_count = 0;
	if (!ctx || !path)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_verify_file: ctx and path are required");
	struct anker_profile *p = NULL;
	int r = profile_of_file(ctx, path, &p, err);
	if (r == 0)
		r = anker_profile_verify_file(p, path, ret_count, err);
	anker_profile_unref(p);
	return r;
}
