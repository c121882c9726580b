/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The professional's decision (the afgewogen oordeel): final, but a
 * deviation from the advice must carry one of the profile's reason codes, so
 * that an auditor can see why. Agreeing is a decision too.
 */
#include <string.h>

#include "../kinds/rules.h"
#include "assess-private.h"

static bool reason_known(const struct anker_profile *p, const char *code)
{
	for (size_t i = 0; i < p->n_reasons; i++)
		if (strcmp(p->reasons[i].code, code) == 0)
			return true;
	return false;
}

/* The decided level of each field into @p levels; -1 where not given. */
static int read_fields(const struct anker_rules *t, size_t count, const char *const *fields,
		       const char *const *values, int32_t *levels, struct anker_error *err)
{
	for (size_t f = 0; f < t->n_fields; f++)
		levels[f] = -1;
	for (size_t i = 0; i < count; i++) {
		if (!fields[i] || !values[i])
			return anker_assess_fail(
			    err, ANKER_E_INVALID_ARGUMENT, NULL,
			    "anker_assessment_decide: field %zu or its value is NULL", i);
		size_t f = 0;
		while (f < t->n_fields && strcmp(t->field_names[f], fields[i]) != 0)
			f++;
		if (f == t->n_fields)
			return anker_assess_fail(err, ANKER_E_NOT_FOUND, fields[i],
						 "the advice has no field \"%s\"", fields[i]);
		const struct anker_bands *b = &t->fields[f];
		levels[f] = -1;
		for (size_t l = 0; l < b->count; l++)
			if (strcmp(b->items[l].name, values[i]) == 0)
				levels[f] = (int32_t)l;
		if (levels[f] < 0)
			return anker_assess_fail(err, ANKER_E_UNKNOWN_LEVEL, fields[i],
						 "advice field \"%s\" has no value \"%s\"",
						 fields[i], values[i]);
	}
	return 0;
}

int anker_decision_apply(struct anker_assessment *a, size_t count, const char *const *fields,
			 const char *const *values, const char *actor_id, const char *actor_role,
			 const char *time, const char *reason_code, const char *reason_text,
			 struct anker_error *err)
{
	const struct anker_rules *t = a->profile->rules->payload;
	if (!actor_id || !*actor_id || !actor_role || !*actor_role || !time || !*time ||
	    (count && (!fields || !values)))
		return anker_assess_fail(
		    err, ANKER_E_INVALID_ARGUMENT, NULL,
		    "anker_assessment_decide: the actor's id and role and the time are required");
	int32_t *levels = anker_alloc_array(a->ctx, t->n_fields, sizeof(int32_t));
	if (!levels)
		return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	int r = read_fields(t, count, fields, values, levels, err);
	const char *deviates = NULL;
	for (size_t f = 0; r == 0 && f < t->n_fields; f++) {
		int32_t advised = anker_result_get_level(a->advice, f);
		if (levels[f] < 0)
			levels[f] = advised;
		else if (levels[f] != advised && !deviates)
			deviates = t->field_names[f];
	}
	if (r == 0 && deviates && (!reason_code || !*reason_code))
		r = anker_assess_fail(
		    err, ANKER_E_REASON_REQUIRED, deviates,
		    "the decision on \"%s\" differs from the advice: give a reason code", deviates);
	if (r == 0 && reason_code && !reason_known(a->profile, reason_code))
		r = anker_assess_fail(err, ANKER_E_UNKNOWN_REASON, "reason",
				      "\"%s\" is not a reason code of profile %s", reason_code,
				      a->profile->id);
	char *copies[5] = {NULL, NULL, NULL, NULL, NULL};
	if (r == 0 && !(anker_assess_strdup(a->ctx, actor_id, &copies[0]) &&
			anker_assess_strdup(a->ctx, actor_role, &copies[1]) &&
			anker_assess_strdup(a->ctx, time, &copies[2]) &&
			anker_assess_strdup(a->ctx, reason_code, &copies[3]) &&
			anker_assess_strdup(a->ctx, reason_text, &copies[4])))
		r = anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	if (r < 0) {
		for (size_t i = 0; i < 5; i++)
			anker_dealloc(a->ctx, copies[i]);
		anker_dealloc(a->ctx, levels);
		return r;
	}
	char **slots[5] = {&a->actor_id, &a->actor_role, &a->time, &a->reason_code,
			   &a->reason_text};
	for (size_t i = 0; i < 5; i++) {
		anker_dealloc(a->ctx, *slots[i]);
		*slots[i] = copies[i];
	}
	anker_dealloc(a->ctx, a->decided_levels);
	a->decided_levels = levels;
	a->decided = true;
	return 0;
}

ANKER_EXPORT int anker_assessment_decide(struct anker_assessment *a, size_t count,
					 const char *const *fields, const char *const *values,
					 const char *actor_id, const char *actor_role,
					 const char *time, const char *reason_code,
					 const char *reason_text, struct anker_error *err)
{
	if (!a)
		return anker_assess_fail(err, ANKER_E_INVALID_ARGUMENT, NULL,
					 "anker_assessment_decide: the assessment is required");
	int r = anker_decision_apply(a, count, fields, values, actor_id, actor_role, time,
				     reason_code, reason_text, err);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

ANKER_EXPORT int anker_assessment_set_case_id(struct anker_assessment *a, const char *case_id)
{
	if (!a || (case_id && !*case_id))
		return ANKER_E_INVALID_ARGUMENT;
	char *copy = NULL;
	if (!anker_assess_strdup(a->ctx, case_id, &copy))
		return ANKER_E_NO_MEMORY;
	anker_dealloc(a->ctx, a->case_id);
	a->case_id = copy;
	return 0;
}

ANKER_EXPORT int anker_assessment_set_previous(struct anker_assessment *a, const char *previous)
{
	if (!a)
		return ANKER_E_INVALID_ARGUMENT;
	if (!previous) {
		a->previous[0] = '\0';
		return 0;
	}
	if (strlen(previous) != 64 || strspn(previous, "0123456789abcdef") != 64)
		return ANKER_E_INVALID_ARGUMENT;
	memcpy(a->previous, previous, ANKER_SHA256_HEX_SIZE);
	return 0;
}
