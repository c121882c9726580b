/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Internal interfaces shared by all of lib/. Nothing here is installed.
 */
#ifndef ANKER_CORE_PRIVATE_H
#define ANKER_CORE_PRIVATE_H

#include <locale.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <anker/anker.h>

/* Exported symbols are marked here; everything else is hidden by the build. */
#define ANKER_EXPORT __attribute__((visibility("default")))

#define ANKER_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

struct anker_ctx {
	atomic_uint refcount;
	anker_malloc_fn malloc_fn;
	anker_realloc_fn realloc_fn;
	anker_free_fn free_fn;
	void *alloc_data;
	anker_log_fn log_fn;
	void *log_data;
	int log_level;
	/* The "C" locale, for parsing numbers the same way whatever the process locale is. */
	locale_t c_locale;
};

/* Allocation through the context's hooks. All return NULL on failure or overflow. */
void *anker_alloc(struct anker_ctx *ctx, size_t size);
void *anker_alloc_zeroed(struct anker_ctx *ctx, size_t count, size_t size);
void *anker_alloc_array(struct anker_ctx *ctx, size_t count, size_t size);
void *anker_realloc_array(struct anker_ctx *ctx, void *ptr, size_t count, size_t size);
void anker_dealloc(struct anker_ctx *ctx, void *ptr);
char *anker_strdup(struct anker_ctx *ctx, const char *s);
char *anker_strndup(struct anker_ctx *ctx, const char *s, size_t n);

/* Log a message. Callers must never pass case values. */
void anker_log(struct anker_ctx *ctx, int level, const char *fmt, ...) ANKER_PRINTF(3, 4);

/*
 * Where an error applies. Any member may be left 0/NULL; case_index is -1 when
 * not applicable (use ANKER_WHERE_NONE as a starting point).
 */
struct anker_where {
	const char *file;
	long line;
	long column;
	const char *path;
	const char *field;
	long long case_index;
};
#define ANKER_WHERE_NONE ((struct anker_where){ NULL, 0, 0, NULL, NULL, -1 })

/*
 * Record an error (when err is non-NULL) and return code, so that callers can
 * write `return anker_fail(err, ANKER_E_..., where, "...")`. The message is
 * prefixed with the location.
 */
int anker_fail(struct anker_error *err, int code, struct anker_where where, const char *fmt, ...)
	ANKER_PRINTF(4, 5);
int anker_failv(struct anker_error *err, int code, struct anker_where where, const char *fmt,
		va_list ap) ANKER_PRINTF(4, 0);

/*
 * Parse a whole string as a finite double in the C locale, whatever the
 * process locale. Leading/trailing blanks are not allowed.
 * Returns 0, ANKER_E_SYNTAX (not a number) or ANKER_E_OUT_OF_RANGE (overflow, inf, nan).
 */
int anker_parse_double(const struct anker_ctx *ctx, const char *s, size_t len, double *ret);

/* SHA-256 of a buffer as 64 lowercase hex digits plus NUL. */
#define ANKER_SHA256_HEX_SIZE 65
void anker_sha256_hex(const void *data, size_t size, char out[ANKER_SHA256_HEX_SIZE]);

/* Refcount helpers: ref returns the object, unref returns true when it hit zero. */
static inline void anker_refcount_inc(atomic_uint *rc)
{
	atomic_fetch_add_explicit(rc, 1, memory_order_relaxed);
}

static inline bool anker_refcount_dec(atomic_uint *rc)
{
	return atomic_fetch_sub_explicit(rc, 1, memory_order_acq_rel) == 1;
}

#endif
