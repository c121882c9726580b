/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Profiles, assessments and records (docs/assessment.md): what profile.c
 * (loading and checking), assess.c (scoring and advice), decision.c,
 * record.c (the canonical JSON) and verify.c share.
 */
#ifndef ANKER_ASSESS_PRIVATE_H
#define ANKER_ASSESS_PRIVATE_H

#include <stdbool.h>

#include <jansson.h>

#include "../core/private.h"

#define ANKER_PROFILE_FORMAT "anker-profile"
#define ANKER_RECORD_FORMAT  "anker-record"

struct p_wwb;
struct a_wwb;

/*
 * Where a rule-table input comes from: an instrument and one of its outputs
 * (instrument P_SOURCE_WWB: the WWB-toets, instrument-wwb.h).
 */
struct p_source {
	size_t instrument;
	size_t output;
};

struct p_instrument {
	char *alias;
	char *file; /* as the profile names it */
	struct anker_model *model;
};

struct p_reason {
	char *code;
	char *label_en, *label_nl;
};

struct anker_profile {
	atomic_uint refcount;
	struct anker_ctx *ctx;
	char *id, *name, *version;
	char sha256[ANKER_SHA256_HEX_SIZE];
	struct p_instrument *instruments;
	size_t n_instruments;
	char *rules_file;
	struct anker_model *rules;
	struct p_source *sources; /* per rule-table input */
	struct p_reason *reasons;
	size_t n_reasons;
	struct p_wwb *wwb; /* the WWB-toets instrument (instrument-wwb.h), or NULL */
};

/* One value of the case as given, for the record. */
struct a_input {
	char *name;
	int type; /* enum anker_value_type */
	double number;
	char *level;
};

struct anker_assessment {
	const struct anker_profile *profile; /* a reference */
	struct anker_ctx *ctx;
	struct a_input *inputs; /* sorted by name */
	size_t n_inputs;
	struct anker_result **results; /* per instrument */
	struct anker_result *advice;
	/* the decision, once given */
	bool decided;
	int32_t *decided_levels; /* per advice field */
	char *actor_id, *actor_role, *time, *reason_code, *reason_text;
	char previous[ANKER_SHA256_HEX_SIZE]; /* "" when not chained */
	char *case_id;			      /* NULL when not given */
	struct a_wwb *wwb;		      /* the WWB-toets's result, when the profile has it */
};

/*
 * @p file relative to the directory of the profile at @p base (absolute paths
 * stay as they are), into @p out of ANKER_PROFILE_MAX_PATH bytes; profile.c.
 */
#define ANKER_PROFILE_MAX_PATH 4096
struct jr;
int anker_profile_resolve_path(struct jr *jr, const char *base, const char *file, char *out);

/* Record a failure naming @p field (or none) in @p err; returns @p code. */
int anker_assess_fail(struct anker_error *err, int code, const char *field, const char *fmt, ...)
    ANKER_PRINTF(4, 5);

/* Copy @p s into context memory (NULL stays NULL); false when out of memory. */
bool anker_assess_strdup(struct anker_ctx *ctx, const char *s, char **ret);

/* The record as a JSON object (without "sha256" when @p with_hash is false). */
int anker_record_build(const struct anker_assessment *a, const char *library, bool with_hash,
		       json_t **ret, struct anker_error *err);

/* The canonical text of a JSON value (canonical.c), malloc'ed; NULL for memory. */
char *anker_canonical_json(const json_t *value, locale_t c_locale);

/* The SHA-256 of @p record's canonical form without its "sha256" member. */
int anker_record_hash(const struct anker_ctx *ctx, json_t *record, char out[ANKER_SHA256_HEX_SIZE]);

/* A decision's field levels from names; shared by decide() and verify. */
int anker_decision_apply(struct anker_assessment *a, size_t count, const char *const *fields,
			 const char *const *values, const char *actor_id, const char *actor_role,
			 const char *time, const char *reason_code, const char *reason_text,
			 struct anker_error *err);

#endif
