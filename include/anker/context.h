/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file context.h
 * @brief The library context: allocator hooks and the log callback.
 *
 * Every object is created from a context and keeps a reference to it. The
 * library has no mutable global state; two contexts never interact.
 * Configure a context (log function, level) before sharing it between threads.
 */
#ifndef ANKER_CONTEXT_H
#define ANKER_CONTEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The library context. Opaque and refcounted. @since 1.0 */
struct anker_ctx;

/** @brief Allocate @p size bytes; return NULL on failure. @since 1.0 */
typedef void *(*anker_malloc_fn)(void *alloc_data, size_t size);
/** @brief Resize @p ptr to @p size bytes as realloc() does; return NULL on failure. @since 1.0 */
typedef void *(*anker_realloc_fn)(void *alloc_data, void *ptr, size_t size);
/** @brief Release @p ptr (which may be NULL). @since 1.0 */
typedef void (*anker_free_fn)(void *alloc_data, void *ptr);

/**
 * @brief Log levels, with syslog's values.
 * @since 1.0
 */
enum anker_log_level {
	ANKER_LOG_ERROR = 3,   /**< a failure the caller is also told about by a status code */
	ANKER_LOG_WARNING = 4, /**< something suspicious that did not fail */
	ANKER_LOG_INFO = 6,    /**< notable events such as a model being loaded */
	ANKER_LOG_DEBUG = 7,   /**< detail for developers */
};

/**
 * @brief A log callback. Messages never contain case values.
 *
 * May be called from any thread that uses objects of the context.
 * @since 1.0
 */
typedef void (*anker_log_fn)(void *log_data, int level, const char *message);

/**
 * @brief Create a context that uses the C library's allocator and logs nothing.
 * @param[out] ret the new context, with one reference; untouched on failure.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_ctx_new(struct anker_ctx **ret);

/**
 * @brief Create a context whose objects are allocated through the given hooks.
 *
 * All three hooks are required. The JSON parser's short-lived memory during
 * anker_model_load_file() still comes from the C library's malloc, because
 * jansson's allocator hooks are process-wide and this library never changes
 * process-wide state.
 * @param[out] ret the new context; untouched on failure.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_ctx_new_with_allocator(anker_malloc_fn malloc_fn, anker_realloc_fn realloc_fn,
				 anker_free_fn free_fn, void *alloc_data, struct anker_ctx **ret);

/** @brief Take a reference. Thread-safe. @return @p ctx. @since 1.0 */
struct anker_ctx *anker_ctx_ref(struct anker_ctx *ctx);

/** @brief Drop a reference; NULL is a no-op. Thread-safe. @return NULL. @since 1.0 */
struct anker_ctx *anker_ctx_unref(struct anker_ctx *ctx);

/**
 * @brief Set the log callback (NULL to log nothing). Not thread-safe: call before sharing.
 * @since 1.0
 */
void anker_ctx_set_log_fn(struct anker_ctx *ctx, anker_log_fn log_fn, void *log_data);

/**
 * @brief Only messages with level <= @p level are passed on. The default is ANKER_LOG_ERROR.
 * @since 1.0
 */
void anker_ctx_set_log_level(struct anker_ctx *ctx, int level);

/** @brief The current log level, or ANKER_E_INVALID_ARGUMENT for NULL. @since 1.0 */
int anker_ctx_get_log_level(const struct anker_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
