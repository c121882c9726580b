/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Profiles, assessments and records (docs/assessment.md): what profile.c
 * (loading and checking), assess.c (scoring and advice), decision.c,
 * record.c (the canonical JSON) and verify.c share.
 */
#ifndef ANKER_ASSESS_PRIVATE_H
#define ANKER_ASSESS_PRIVATE_H

#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "../core/private.h"

#define ANKER_PROFILE_FORMAT	    "anker-profile"
#define ANKER_RECORD_FORMAT	    "anker-record"
#define ANKER_RECORD_FORMAT_VERSION "2"

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

/* A run of bytes in a text pool: pool + at, len bytes. */
struct p_span {
	size_t at, len;
};

/* record-texts.c: the constant text of an instrument's member of a record. */
struct p_texts {
	char *pool;			  /* malloc'ed */
	struct p_span head;		  /* "alias":"<alias>","explanation":{ */
	struct p_span mid;		  /* },"id":"<id>","outputs":{ */
	struct p_span tail;		  /* },"sha256":"<sha256>","version":"<version>" */
	struct p_span *contribution_keys; /* [,]"<name>": in sorted order */
	struct p_span *output_keys;	  /* [,]"<name>": in sorted order */
	size_t *level_at;		  /* per output: its first entry in levels */
	struct p_span *levels;		  /* "<level name>" per level of each level output */
};

/* record-texts.c: the constant text of the rest of a record, per profile. */
struct p_profile_texts {
	char *pool;		      /* malloc'ed */
	struct p_span *variable_keys; /* per profile variable: "<name>": */
	struct p_span *input_keys;    /* per rule-table input: "<name>": */
	struct p_span *rule_ids;      /* per rule: "<id>" */
	size_t *field_level_at;	      /* per advice field: its first entry in field_values */
	struct p_span *field_values;  /* "<field>":"<level>" per level of each field */
	struct p_span table;	      /* the rule table's "id":..,"sha256":..,"version":.. */
};

struct p_instrument {
	char *alias;
	char *file; /* as the profile names it */
	struct anker_model *model;
	/* record-plan.c: outputs and contributions in sorted order of their names */
	size_t *output_order, *contribution_order;
	/* record-plan.c: per profile variable (profile->variables), the index of
	   the model's variable of that name or -1; NULL for a chained instrument,
	   which is matched by name (chain.c) */
	int32_t *variable_of;
	size_t source_at;      /* where its variables start in an assessment's sources */
	struct p_texts *texts; /* record-texts.c */
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
	char *file_name; /* the profile file's name without its directory */
	/* record-plan.c: advice fields and rule-table inputs in sorted order of
	   their names; rule_reads[r * n_inputs + k]: rule r reads input k */
	size_t *field_order, *input_order;
	bool *rule_reads;
	/* record-plan.c: every variable any instrument reads, sorted, once each
	   (the models' own strings) */
	const char **variables;
	size_t n_variables;
	/* record-plan.c: variables by name hash (anker_name_hash()), open
	   addressing, each slot the index in variables + 1 or 0 when empty */
	uint32_t *variable_slots;
	size_t slot_mask;	       /* slots - 1, slots a power of two */
	size_t n_sources;	       /* the instruments' variables, all counted */
	struct p_profile_texts *texts; /* record-texts.c */
	struct anker_chain *chain;     /* chained inputs and the follow-up (chain.c) */
	struct p_wwb *wwb;	       /* the WWB-toets instrument (instrument-wwb.h), or NULL */
	/* record-plan.c: the WWB-toets' case fields, "<ALIAS>.<field>\0" one after
	   the other, which variables points into */
	char *wwb_fields;
};

/* One value of the case as given, for the record. */
struct a_input {
	const char *name; /* the profile's copy (profile->variables) */
	long index;	  /* in profile->variables, whose order is the names' */
	int type;	  /* enum anker_value_type */
	double number;
	char *level;
};

struct anker_assessment {
	const struct anker_profile *profile; /* a reference */
	struct anker_ctx *ctx;
	struct a_input *inputs; /* sorted by name */
	size_t n_inputs, inputs_cap;
	struct anker_result **results; /* per instrument */
	struct anker_result *advice;
	/* the decision, once given */
	bool decided;
	int32_t *decided_levels; /* per advice field */
	char *actor_id, *actor_role, *time, *reason_code, *reason_text;
	char previous[ANKER_SHA256_HEX_SIZE]; /* "" when not chained */
	char *case_id;			      /* NULL when not given */
	struct a_wwb *wwb;		      /* the WWB-toets's result, when the profile has it */
	bool failed; /* anker_profile_reassess() failed: no record until it succeeds */
	/* record.c: the sections' text, kept for the next record (malloc'ed) */
	char *scratch;
	size_t scratch_cap;
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

struct jr;

/* Work out the record's sorted name orders for @p p (record-plan.c). */
int anker_record_plan(struct jr *jr, struct anker_profile *p);
void anker_record_plan_free(struct anker_profile *p);

/* The constant texts of each instrument's member of a record (record-texts.c). */
int anker_record_texts(struct anker_ctx *ctx, struct anker_profile *p);
void anker_record_texts_free(struct anker_ctx *ctx, struct anker_profile *p);

/* The index of @p name in p->variables, or -1 when no instrument reads it. */
long anker_profile_find_variable(const struct anker_profile *p, const char *name);

/* The same for a name whose anker_name_hash() is @p hash. */
long anker_profile_find_hashed(const struct anker_profile *p, const char *name, uint32_t hash);

struct anker_text;

/* The record's canonical text, malloc'ed, written as by library version @p library. */
int anker_record_text(const struct anker_assessment *a, const char *library, char **ret,
		      size_t *ret_len, struct anker_error *err);

/*
 * The same, appended to @p out; with out->fixed, out->failed when it does
 * not fit. ANKER_E_NO_MEMORY when out of memory or out of room.
 */
int anker_record_append(const struct anker_assessment *a, const char *library,
			struct anker_text *out, struct anker_error *err);

/* A growing text buffer for canonical JSON (canonical.c); failed once out of memory. */
struct anker_text {
	char *buf;
	size_t len, cap;
	bool failed;
	bool fixed; /* buf is the caller's: too small fails rather than grows */
};

/* Make room for @p n more bytes and a NUL. */
void anker_text_grow(struct anker_text *t, size_t n);

static inline void anker_text_put(struct anker_text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap)
		anker_text_grow(t, n);
	if (t->failed)
		return;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

/* A JSON string, escaped as Python's json.dumps(ensure_ascii=False) does. */
void anker_text_put_string(struct anker_text *t, const char *s, size_t n);

/* A double as Python's repr() writes it. */
void anker_text_put_double(struct anker_text *t, double v, locale_t c_locale);

/* The canonical text of a JSON value (canonical.c), malloc'ed; NULL for memory. */
char *anker_canonical_json(const json_t *value, locale_t c_locale);

/* Longest text of anker_format_double() with its NUL ("-1.2345678901234567e-308"). */
#define ANKER_DOUBLE_TEXT_SIZE 32

/* @p v (finite) as Python's repr() writes it (shortest.c); returns the length. */
size_t anker_format_double(double v, locale_t c_locale, char text[ANKER_DOUBLE_TEXT_SIZE]);

/* A decision's field levels from names; shared by decide() and verify. */
int anker_decision_apply(struct anker_assessment *a, size_t count, const char *const *fields,
			 const char *const *values, const char *actor_id, const char *actor_role,
			 const char *time, const char *reason_code, const char *reason_text,
			 struct anker_error *err);

/*
 * The profile a record names (file, id, sha256), found the way
 * anker_verify_file() finds it (find.c) from the records file @p records_path
 * (NULL: the current directory first). 1 with *ret when found, else 0.
 */
int anker_profile_find(struct anker_ctx *ctx, const char *records_path, const char *file,
		       const char *id, const char *sha256, struct anker_profile **ret);

#endif
