/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The constant text of an instrument's member of a record (record.c),
 * written once per profile in canonical form: everything but the numbers,
 * namely the alias, id, version and SHA-256, the quoted keys of the
 * contributions and outputs in sorted order, and each level name of each
 * level output, quoted. A record then copies these and formats only its
 * numbers. The texts are written with the record writer's own escaping
 * (canonical.c), so the bytes are those of writing them per record.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/model-private.h"
#include "assess-private.h"

static struct p_span span_from(const struct anker_text *t, size_t start)
{
	return (struct p_span){start, t->len - start};
}

static void put_lit(struct anker_text *t, const char *s)
{
	anker_text_put(t, s, strlen(s));
}

static void put_str(struct anker_text *t, const char *s)
{
	anker_text_put_string(t, s, strlen(s));
}

/* [,]"name": */
static struct p_span put_key(struct anker_text *t, const char *name, bool first)
{
	size_t start = t->len;
	if (!first)
		put_lit(t, ",");
	put_str(t, name);
	put_lit(t, ":");
	return span_from(t, start);
}

static int render(struct anker_ctx *ctx, struct p_instrument *ins, struct p_texts *x)
{
	const struct anker_model *m = ins->model;
	size_t nc = anker_model_get_contribution_count(m), no = anker_model_get_output_count(m);
	size_t nl = 0;
	for (size_t k = 0; k < no; k++)
		if (anker_model_get_output_type(m, k) == ANKER_OUTPUT_LEVEL)
			nl += anker_model_get_output_level_count(m, k);
	x->contribution_keys = anker_alloc_zeroed(ctx, nc ? nc : 1, sizeof(struct p_span));
	x->output_keys = anker_alloc_zeroed(ctx, no ? no : 1, sizeof(struct p_span));
	x->level_at = anker_alloc_zeroed(ctx, no ? no : 1, sizeof(size_t));
	x->levels = anker_alloc_zeroed(ctx, nl ? nl : 1, sizeof(struct p_span));
	if (!x->contribution_keys || !x->output_keys || !x->level_at || !x->levels)
		return ANKER_E_NO_MEMORY;
	struct anker_text t = {NULL, 0, 0, false, false};
	size_t start = t.len;
	put_lit(&t, "\"alias\":");
	put_str(&t, ins->alias);
	put_lit(&t, ",\"explanation\":{");
	x->head = span_from(&t, start);
	for (size_t j = 0; j < nc; j++)
		x->contribution_keys[j] = put_key(
		    &t, anker_model_get_contribution_name(m, ins->contribution_order[j]), j == 0);
	start = t.len;
	put_lit(&t, "},\"id\":");
	put_str(&t, m->id);
	put_lit(&t, ",\"outputs\":{");
	x->mid = span_from(&t, start);
	for (size_t j = 0; j < no; j++)
		x->output_keys[j] =
		    put_key(&t, anker_model_get_output_name(m, ins->output_order[j]), j == 0);
	start = t.len;
	put_lit(&t, "},\"sha256\":");
	put_str(&t, m->sha256);
	put_lit(&t, ",\"version\":");
	put_str(&t, m->version);
	x->tail = span_from(&t, start);
	size_t l = 0;
	for (size_t k = 0; k < no; k++) {
		x->level_at[k] = l;
		if (anker_model_get_output_type(m, k) != ANKER_OUTPUT_LEVEL)
			continue;
		for (size_t v = 0; v < anker_model_get_output_level_count(m, k); v++) {
			start = t.len;
			put_str(&t, anker_model_get_output_level_name(m, k, v));
			x->levels[l++] = span_from(&t, start);
		}
	}
	if (t.failed) {
		free(t.buf);
		return ANKER_E_NO_MEMORY;
	}
	x->pool = t.buf;
	return 0;
}

int anker_record_texts(struct anker_ctx *ctx, struct anker_profile *p)
{
	for (size_t i = 0; i < p->n_instruments; i++) {
		struct p_instrument *ins = &p->instruments[i];
		ins->texts = anker_alloc_zeroed(ctx, 1, sizeof(*ins->texts));
		if (!ins->texts || render(ctx, ins, ins->texts) < 0)
			return ANKER_E_NO_MEMORY;
	}
	return 0;
}

void anker_record_texts_free(struct anker_ctx *ctx, struct anker_profile *p)
{
	for (size_t i = 0; p->instruments && i < p->n_instruments; i++) {
		struct p_texts *x = p->instruments[i].texts;
		if (!x)
			continue;
		free(x->pool);
		anker_dealloc(ctx, x->contribution_keys);
		anker_dealloc(ctx, x->output_keys);
		anker_dealloc(ctx, x->level_at);
		anker_dealloc(ctx, x->levels);
		anker_dealloc(ctx, x);
	}
}
