/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A case: a small array of named values. Cases hold a few dozen values, so a
 * linear search beats any index; it compares each value's name hash and the
 * text only when the hashes agree. Name and level buffers are kept when a
 * case is cleared, so that refilling a case in a loop stops allocating.
 */
#include <string.h>

#include "score-private.h"

ANKER_EXPORT int anker_case_new(struct anker_ctx *ctx, struct anker_case **ret)
{
	if (!ctx || !ret)
		return ANKER_E_INVALID_ARGUMENT;
	struct anker_case *c = anker_alloc_zeroed(ctx, 1, sizeof(*c));
	if (!c)
		return ANKER_E_NO_MEMORY;
	c->ctx = anker_ctx_ref(ctx);
	*ret = c;
	return 0;
}

ANKER_EXPORT void anker_case_free(struct anker_case *c)
{
	if (!c)
		return;
	struct anker_ctx *ctx = c->ctx;
	for (size_t i = 0; i < c->capacity; i++) {
		anker_dealloc(ctx, c->values[i].name);
		anker_dealloc(ctx, c->values[i].level);
	}
	anker_dealloc(ctx, c->values);
	anker_dealloc(ctx, c);
	anker_ctx_unref(ctx);
}

ANKER_EXPORT void anker_case_clear(struct anker_case *c)
{
	if (c)
		c->count = 0;
}

ANKER_EXPORT size_t anker_case_get_count(const struct anker_case *c)
{
	return c ? c->count : 0;
}

static bool valid_text(const char *s)
{
	return s && s[0] != '\0' && strnlen(s, ANKER_NAME_MAX + 1) <= ANKER_NAME_MAX;
}

static struct anker_case_value *find_hashed(const struct anker_case *c, const char *name,
					    uint32_t hash)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->values[i].hash == hash && strcmp(c->values[i].name, name) == 0)
			return &c->values[i];
	return NULL;
}

static struct anker_case_value *find_value(const struct anker_case *c, const char *name)
{
	size_t len;
	return find_hashed(c, name, anker_name_hash(name, &len));
}

ANKER_EXPORT int anker_case_get_type(const struct anker_case *c, const char *name)
{
	if (!c || !name)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_case_value *v = find_value(c, name);
	return v ? v->type : ANKER_E_NOT_FOUND;
}

/* Make *buf hold at least len + 1 bytes. Its old content is not kept. */
static int reserve_text(struct anker_ctx *ctx, char **buf, size_t *cap, size_t len)
{
	if (*buf && *cap > len)
		return 0;
	char *fresh = anker_alloc(ctx, len + 1);
	if (!fresh)
		return ANKER_E_NO_MEMORY;
	anker_dealloc(ctx, *buf);
	*buf = fresh;
	*cap = len + 1;
	return 0;
}

/*
 * The slot for @p name: the existing one, or a fresh one past the end that
 * holds the name but is not yet counted (the caller commits with count++).
 * On failure the case is unchanged.
 */
static int slot_for(struct anker_case *c, const char *name, struct anker_case_value **ret,
		    bool *is_new)
{
	size_t len;
	uint32_t hash = anker_name_hash(name, &len);
	struct anker_case_value *v = find_hashed(c, name, hash);
	if (v) {
		*ret = v;
		*is_new = false;
		return 0;
	}
	if (c->count == c->capacity) {
		size_t cap = c->capacity ? 2 * c->capacity : 8;
		struct anker_case_value *grown =
		    anker_realloc_array(c->ctx, c->values, cap, sizeof(*grown));
		if (!grown)
			return ANKER_E_NO_MEMORY;
		memset(grown + c->capacity, 0, (cap - c->capacity) * sizeof(*grown));
		c->values = grown;
		c->capacity = cap;
	}
	v = &c->values[c->count];
	/* refilled in the same order after anker_case_clear(), the slot often has the name */
	if (v->hash != hash || !v->name || strcmp(v->name, name) != 0) {
		if (reserve_text(c->ctx, &v->name, &v->name_cap, len) < 0)
			return ANKER_E_NO_MEMORY;
		memcpy(v->name, name, len + 1);
		v->hash = hash;
	}
	*ret = v;
	*is_new = true;
	return 0;
}

static int set_value(struct anker_case *c, const char *name, int type, double number,
		     const char *level)
{
	if (!c || !valid_text(name))
		return ANKER_E_INVALID_ARGUMENT;
	if (type == ANKER_VALUE_LEVEL && !valid_text(level))
		return ANKER_E_INVALID_ARGUMENT;

	struct anker_case_value *v;
	bool is_new;
	int r = slot_for(c, name, &v, &is_new);
	if (r < 0)
		return r;
	if (type == ANKER_VALUE_LEVEL) {
		size_t len = strlen(level);
		if (reserve_text(c->ctx, &v->level, &v->level_cap, len) < 0)
			return ANKER_E_NO_MEMORY; /* a new slot is simply not counted */
		memcpy(v->level, level, len + 1);
	}
	v->type = type;
	v->number = number;
	if (is_new)
		c->count++;
	return 0;
}

ANKER_EXPORT int anker_case_set_number(struct anker_case *c, const char *name, double value)
{
	if (isnan(value))
		return set_value(c, name, ANKER_VALUE_MISSING, 0.0, NULL);
	return set_value(c, name, ANKER_VALUE_NUMBER, value, NULL);
}

ANKER_EXPORT int anker_case_set_bool(struct anker_case *c, const char *name, int value)
{
	return set_value(c, name, ANKER_VALUE_BOOLEAN, value ? 1.0 : 0.0, NULL);
}

ANKER_EXPORT int anker_case_set_level(struct anker_case *c, const char *name, const char *level)
{
	return set_value(c, name, ANKER_VALUE_LEVEL, 0.0, level);
}

ANKER_EXPORT int anker_case_set_missing(struct anker_case *c, const char *name)
{
	return set_value(c, name, ANKER_VALUE_MISSING, 0.0, NULL);
}
