/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

static void *libc_malloc(void *data, size_t size)
{
	(void)data;
	return malloc(size);
}

static void *libc_realloc(void *data, void *ptr, size_t size)
{
	(void)data;
	return realloc(ptr, size);
}

static void libc_free(void *data, void *ptr)
{
	(void)data;
	free(ptr);
}

ANKER_EXPORT int anker_ctx_new_with_allocator(anker_malloc_fn malloc_fn, anker_realloc_fn realloc_fn,
					      anker_free_fn free_fn, void *alloc_data,
					      struct anker_ctx **ret)
{
	if (!malloc_fn || !realloc_fn || !free_fn || !ret)
		return ANKER_E_INVALID_ARGUMENT;

	struct anker_ctx *ctx = malloc_fn(alloc_data, sizeof(*ctx));
	if (!ctx)
		return ANKER_E_NO_MEMORY;
	memset(ctx, 0, sizeof(*ctx));
	atomic_init(&ctx->refcount, 1);
	ctx->malloc_fn = malloc_fn;
	ctx->realloc_fn = realloc_fn;
	ctx->free_fn = free_fn;
	ctx->alloc_data = alloc_data;
	ctx->log_level = ANKER_LOG_ERROR;
	ctx->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (ctx->c_locale == (locale_t)0) {
		free_fn(alloc_data, ctx);
		return ANKER_E_NO_MEMORY;
	}
	*ret = ctx;
	return 0;
}

ANKER_EXPORT int anker_ctx_new(struct anker_ctx **ret)
{
	return anker_ctx_new_with_allocator(libc_malloc, libc_realloc, libc_free, NULL, ret);
}

ANKER_EXPORT struct anker_ctx *anker_ctx_ref(struct anker_ctx *ctx)
{
	if (ctx)
		anker_refcount_inc(&ctx->refcount);
	return ctx;
}

ANKER_EXPORT struct anker_ctx *anker_ctx_unref(struct anker_ctx *ctx)
{
	if (!ctx || !anker_refcount_dec(&ctx->refcount))
		return NULL;
	if (ctx->c_locale != (locale_t)0)
		freelocale(ctx->c_locale);
	anker_free_fn free_fn = ctx->free_fn;
	void *alloc_data = ctx->alloc_data;
	free_fn(alloc_data, ctx);
	return NULL;
}

ANKER_EXPORT void anker_ctx_set_log_fn(struct anker_ctx *ctx, anker_log_fn log_fn, void *log_data)
{
	if (!ctx)
		return;
	ctx->log_fn = log_fn;
	ctx->log_data = log_data;
}

ANKER_EXPORT void anker_ctx_set_log_level(struct anker_ctx *ctx, int level)
{
	if (ctx)
		ctx->log_level = level;
}

ANKER_EXPORT int anker_ctx_get_log_level(const struct anker_ctx *ctx)
{
	return ctx ? ctx->log_level : ANKER_E_INVALID_ARGUMENT;
}

void anker_log(struct anker_ctx *ctx, int level, const char *fmt, ...)
{
	if (!ctx || !ctx->log_fn || level > ctx->log_level)
		return;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ctx->log_fn(ctx->log_data, level, buf);
}

void *anker_alloc(struct anker_ctx *ctx, size_t size)
{
	return ctx->malloc_fn(ctx->alloc_data, size ? size : 1);
}

void *anker_alloc_array(struct anker_ctx *ctx, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return anker_alloc(ctx, count * size);
}

void *anker_alloc_zeroed(struct anker_ctx *ctx, size_t count, size_t size)
{
	void *p = anker_alloc_array(ctx, count, size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *anker_realloc_array(struct anker_ctx *ctx, void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	size_t bytes = count * size;
	return ctx->realloc_fn(ctx->alloc_data, ptr, bytes ? bytes : 1);
}

void anker_dealloc(struct anker_ctx *ctx, void *ptr)
{
	if (ptr)
		ctx->free_fn(ctx->alloc_data, ptr);
}

char *anker_strndup(struct anker_ctx *ctx, const char *s, size_t n)
{
	char *copy = anker_alloc(ctx, n + 1);
	if (copy) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

char *anker_strdup(struct anker_ctx *ctx, const char *s)
{
	return anker_strndup(ctx, s, strlen(s));
}

int anker_parse_double(const struct anker_ctx *ctx, const char *s, size_t len, double *ret)
{
	char buf[128];
	if (len == 0 || len >= sizeof(buf))
		return ANKER_E_SYNTAX;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* strtod accepts "inf", "nan", hex floats and leading blanks; our files do not. */
	for (size_t i = 0; i < len; i++) {
		char ch = buf[i];
		if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' ||
		      ch == 'E'))
			return ANKER_E_SYNTAX;
	}
	char *end = NULL;
	errno = 0;
	double v = strtod_l(buf, &end, ctx->c_locale);
	if (end != buf + len)
		return ANKER_E_SYNTAX;
	if (errno == ERANGE && (v > 1.0 || v < -1.0))
		return ANKER_E_OUT_OF_RANGE;
	*ret = v;
	return 0;
}
