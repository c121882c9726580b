/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The result object: how the toets fills it in, and the public getters. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "result-private.h"

static const char *const amount_names[WWB_N_AMOUNTS] = {
    "norm",
    "norm_without_holiday",
    "holiday_allowance",
    "income",
    "disregarded",
    "bijstand",
    "assets",
    "asset_limit",
    "home_equity",
    "home_equity_limit",
};

struct anker_wwb_result *wwb_result_new(struct anker_ctx *ctx)
{
	struct anker_wwb_result *r = anker_alloc_zeroed(ctx, 1, sizeof(*r));
	if (r)
		r->ctx = anker_ctx_ref(ctx);
	return r;
}

static char *format_text(struct anker_ctx *ctx, const char *format, va_list ap) ANKER_PRINTF(2, 0);
static char *format_text(struct anker_ctx *ctx, const char *format, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *text = anker_alloc(ctx, (size_t)n + 1);
	if (text)
		vsnprintf(text, (size_t)n + 1, format, ap);
	return text;
}

/* Room for one more element of @p size bytes in *list. */
static bool grow(struct anker_wwb_result *r, void **list, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return true;
	size_t wanted = *cap ? *cap * 2 : 16;
	void *grown = anker_realloc_array(r->ctx, *list, wanted, size);
	if (!grown) {
		r->out_of_memory = true;
		return false;
	}
	*list = grown;
	*cap = wanted;
	return true;
}

char *wwb_format(struct anker_wwb_result *r, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	char *text = format_text(r->ctx, format, ap);
	va_end(ap);
	if (!text)
		r->out_of_memory = true;
	return text;
}

void wwb_add_line(struct anker_wwb_result *r, const char *code, const char *article, char *text_nl,
		  char *text_en)
{
	if (!text_nl || !text_en ||
	    !grow(r, (void **)&r->lines, r->n_lines, &r->cap_lines, sizeof(*r->lines))) {
		anker_dealloc(r->ctx, text_nl);
		anker_dealloc(r->ctx, text_en);
		r->out_of_memory = true;
		return;
	}
	r->lines[r->n_lines++] = (struct wwb_line){
	    .code = code,
	    .article = article ? article : "",
	    .text = {text_nl, text_en},
	};
}

void wwb_missing(struct anker_wwb_result *r, const char *format, ...)
{
	if (!grow(r, (void **)&r->missing, r->n_missing, &r->cap_missing, sizeof(*r->missing)))
		return;
	va_list ap;
	va_start(ap, format);
	char *text = format_text(r->ctx, format, ap);
	va_end(ap);
	if (!text) {
		r->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < r->n_missing; i++) {
		if (strcmp(r->missing[i], text) == 0) {
			anker_dealloc(r->ctx, text); /* one fact, listed once */
			return;
		}
	}
	r->missing[r->n_missing++] = text;
}

void wwb_set_amount(struct anker_wwb_result *r, int which, long long cents)
{
	r->amounts[which] = cents;
	r->has_amount[which] = true;
}

bool wwb_result_failed(const struct anker_wwb_result *r)
{
	return r->out_of_memory;
}

ANKER_EXPORT void anker_wwb_result_free(struct anker_wwb_result *r)
{
	if (!r)
		return;
	struct anker_ctx *ctx = r->ctx;
	for (size_t i = 0; i < r->n_lines; i++) {
		anker_dealloc(ctx, r->lines[i].text[0]);
		anker_dealloc(ctx, r->lines[i].text[1]);
	}
	for (size_t i = 0; i < r->n_missing; i++)
		anker_dealloc(ctx, r->missing[i]);
	anker_dealloc(ctx, r->lines);
	anker_dealloc(ctx, r->missing);
	anker_dealloc(ctx, r);
	anker_ctx_unref(ctx);
}

ANKER_EXPORT int anker_wwb_result_get_verdict(const struct anker_wwb_result *r)
{
	return r ? r->verdict : ANKER_E_INVALID_ARGUMENT;
}

ANKER_EXPORT const char *anker_wwb_verdict_name(int verdict)
{
	switch (verdict) {
	case ANKER_WWB_UNKNOWN:
		return "unknown";
	case ANKER_WWB_PROBABLY_ENTITLED:
		return "probably_entitled";
	case ANKER_WWB_PROBABLY_NOT_ENTITLED:
		return "probably_not_entitled";
	default:
		return NULL;
	}
}

ANKER_EXPORT int anker_wwb_result_get_amount(const struct anker_wwb_result *r, int which,
					     long long *ret_cents)
{
	if (!r || !ret_cents || which < 0 || which >= WWB_N_AMOUNTS)
		return ANKER_E_INVALID_ARGUMENT;
	if (!r->has_amount[which])
		return ANKER_E_NOT_FOUND;
	*ret_cents = r->amounts[which];
	return 0;
}

ANKER_EXPORT const char *anker_wwb_amount_name(int which)
{
	return which >= 0 && which < WWB_N_AMOUNTS ? amount_names[which] : NULL;
}

ANKER_EXPORT int anker_wwb_result_get_cost_sharers(const struct anker_wwb_result *r)
{
	return r ? r->cost_sharers : ANKER_E_INVALID_ARGUMENT;
}

ANKER_EXPORT unsigned int anker_wwb_result_get_routes(const struct anker_wwb_result *r)
{
	return r ? r->routes : 0;
}

ANKER_EXPORT const char *anker_wwb_route_name(unsigned int route)
{
	switch (route) {
	case ANKER_WWB_ROUTE_AIO:
		return "aio";
	case ANKER_WWB_ROUTE_IOAW:
		return "ioaw";
	case ANKER_WWB_ROUTE_EARLY_REPORT:
		return "early_report";
	default:
		return NULL;
	}
}

ANKER_EXPORT int anker_wwb_result_get_loan(const struct anker_wwb_result *r)
{
	return r && r->loan ? 1 : 0;
}

ANKER_EXPORT const char *anker_wwb_result_get_reference_date(const struct anker_wwb_result *r)
{
	return r ? r->reference_date : NULL;
}

ANKER_EXPORT const char *anker_wwb_result_get_norms_valid_from(const struct anker_wwb_result *r)
{
	return r ? r->norms_valid_from : NULL;
}

ANKER_EXPORT const char *anker_wwb_result_get_household_type(const struct anker_wwb_result *r)
{
	return r ? r->household_type : NULL;
}

ANKER_EXPORT const char *anker_wwb_result_get_norm_name(const struct anker_wwb_result *r)
{
	return r ? r->norm_name : NULL;
}

ANKER_EXPORT size_t anker_wwb_result_get_line_count(const struct anker_wwb_result *r)
{
	return r ? r->n_lines : 0;
}

ANKER_EXPORT const char *anker_wwb_result_get_line_code(const struct anker_wwb_result *r,
							size_t index)
{
	return r && index < r->n_lines ? r->lines[index].code : NULL;
}

ANKER_EXPORT const char *anker_wwb_result_get_line_article(const struct anker_wwb_result *r,
							   size_t index)
{
	return r && index < r->n_lines ? r->lines[index].article : NULL;
}

ANKER_EXPORT const char *anker_wwb_result_get_line_text(const struct anker_wwb_result *r,
							size_t index, int language)
{
	if (!r || index >= r->n_lines ||
	    (language != ANKER_WWB_DUTCH && language != ANKER_WWB_ENGLISH))
		return NULL;
	return r->lines[index].text[language];
}

ANKER_EXPORT size_t anker_wwb_result_get_missing_count(const struct anker_wwb_result *r)
{
	return r ? r->n_missing : 0;
}

ANKER_EXPORT const char *anker_wwb_result_get_missing(const struct anker_wwb_result *r,
						      size_t index)
{
	return r && index < r->n_missing ? r->missing[index] : NULL;
}
