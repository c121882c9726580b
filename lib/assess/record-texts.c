/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The constant text of a record (record.c), written once per profile in
 * canonical form. Per instrument everything but the numbers: the alias, id,
 * version and SHA-256, the quoted keys of the contributions and outputs in
 * sorted order, and each level name of each level output, quoted. For the
 * rest: the keys of the case's variables and the rule table's inputs, the
 * rule ids, each advice field with each of its levels, and the rule table's
 * pin. A record then copies these and formats only its numbers and the
 * case's own strings. The texts are written with the record writer's own escaping
 * (canonical.c), so the bytes are those of writing them per record.
 */
#include <stdlib.h>
#include <string.h>

#include "../kinds/rules.h"
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

static struct p_span *spans(struct anker_ctx *ctx, size_t n)
{
	return anker_alloc_zeroed(ctx, n ? n : 1, sizeof(struct p_span));
}

static int render_profile(struct anker_ctx *ctx, const struct anker_profile *p,
			  struct p_profile_texts *x)
{
	const struct anker_rules *t = p->rules->payload;
	size_t nv = t->linear.n_variables, nl = 0;
	for (size_t f = 0; f < t->n_fields; f++)
		nl += t->fields[f].count;
	x->variable_keys = spans(ctx, p->n_variables);
	x->input_keys = spans(ctx, nv);
	x->rule_ids = spans(ctx, t->n_rules);
	x->field_values = spans(ctx, nl);
	x->field_level_at = anker_alloc_zeroed(ctx, t->n_fields ? t->n_fields : 1, sizeof(size_t));
	if (!x->variable_keys || !x->input_keys || !x->rule_ids || !x->field_values ||
	    !x->field_level_at)
		return ANKER_E_NO_MEMORY;
	struct anker_text w = {NULL, 0, 0, false, false};
	for (size_t v = 0; v < p->n_variables; v++)
		x->variable_keys[v] = put_key(&w, p->variables[v], true);
	for (size_t k = 0; k < nv; k++)
		x->input_keys[k] = put_key(&w, t->linear.variables[k].name, true);
	for (size_t r = 0; r < t->n_rules; r++) {
		size_t start = w.len;
		put_str(&w, t->rules[r].id);
		x->rule_ids[r] = span_from(&w, start);
	}
	size_t l = 0;
	for (size_t f = 0; f < t->n_fields; f++) {
		x->field_level_at[f] = l;
		for (size_t v = 0; v < t->fields[f].count; v++) {
			size_t start = w.len;
			put_key(&w, t->field_names[f], true);
			put_str(&w, t->fields[f].items[v].name);
			x->field_values[l++] = span_from(&w, start);
		}
	}
	size_t start = w.len;
	put_lit(&w, "\"id\":");
	put_str(&w, p->rules->id);
	put_lit(&w, ",\"sha256\":");
	put_str(&w, p->rules->sha256);
	put_lit(&w, ",\"version\":");
	put_str(&w, p->rules->version);
	x->table = span_from(&w, start);
	if (w.failed) {
		free(w.buf);
		return ANKER_E_NO_MEMORY;
	}
	x->pool = w.buf;
	return 0;
}

int anker_record_texts(struct anker_ctx *ctx, struct anker_profile *p)
{
	p->texts = anker_alloc_zeroed(ctx, 1, sizeof(*p->texts));
	if (!p->texts || render_profile(ctx, p, p->texts) < 0)
		return ANKER_E_NO_MEMORY;
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
	struct p_profile_texts *t = p->texts;
	if (t) {
		free(t->pool);
		anker_dealloc(ctx, t->variable_keys);
		anker_dealloc(ctx, t->input_keys);
		anker_dealloc(ctx, t->rule_ids);
		anker_dealloc(ctx, t->field_level_at);
		anker_dealloc(ctx, t->field_values);
		anker_dealloc(ctx, t);
	}
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
