/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The explanation of a linear predictor: for each term, a text saying what it
 * saw in the case ("age = 52 (clamped from 70)"), written from the resolved
 * values into a buffer of a size known in advance, so that writing cannot fail.
 */
#include <string.h>

#include "score-private.h"

static const char missing_imputed[] = " (missing, imputed)";
static const char missing_level[] = " (missing)";
static const char clamped_from[] = " (clamped from ";
static const char reference_is[] = " (reference: ";
static const char at_reference[] = " (reference)";

/* The longest text mention() can write for @p var, without the NUL. */
static size_t mention_bound(const struct anker_variable *var)
{
	/* Generous: every annotation counted, whichever applies. */
	size_t fixed = strlen(var->name) + strlen(" = ") + sizeof(missing_imputed) +
		       sizeof(missing_level) + sizeof(at_reference);
	if (var->kind == ANKER_VARIABLE_CATEGORICAL)
		return fixed + ANKER_NAME_MAX + sizeof(reference_is) + ANKER_NAME_MAX + 1;
	return fixed + ANKER_NUMBER_MAX + sizeof(clamped_from) + ANKER_NUMBER_MAX + 1;
}

size_t anker_explain_bound(const struct anker_linear *linear)
{
	size_t total = 0;
	for (size_t t = 0; t < linear->n_terms; t++) {
		const struct anker_term *term = &linear->terms[t];
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
			total += sizeof("baseline");
			break;
		case ANKER_TERM_INTERACTION:
			for (size_t f = 0; f < term->n_factors; f++)
				total +=
				    mention_bound(&linear->variables[term->factors[f].variable]) +
				    2;
			total += 1;
			break;
		default:
			total += mention_bound(&linear->variables[term->variable]) + 1;
			break;
		}
	}
	return total;
}

void anker_writer_put(struct anker_writer *w, const char *s)
{
	size_t n = strlen(s);
	if (w->len + n + 1 > w->cap)
		n = w->len + 1 < w->cap ? w->cap - w->len - 1 : 0; /* never: the bound holds */
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

void anker_writer_put_number(struct anker_writer *w, double v)
{
	char num[ANKER_NUMBER_MAX];
	anker_format_number(v, num);
	anker_writer_put(w, num);
}

void anker_writer_end(struct anker_writer *w)
{
	/* step past the NUL so the next text starts fresh */
	if (w->len < w->cap)
		w->len++;
}


/*
 * "name = value" plus how the value came about; @p term is the categorical
 * term whose reference to name, or NULL (interaction factors).
 */
static void mention(struct anker_writer *w, const struct anker_variable *var,
		    const struct anker_resolved_value *rv, const struct anker_term *term)
{
	anker_writer_put(w, var->name);
	anker_writer_put(w, " = ");
	switch (var->kind) {
	case ANKER_VARIABLE_CATEGORICAL:
		anker_writer_put(w, var->levels[rv->level]);
		break;
	case ANKER_VARIABLE_BOOLEAN:
		anker_writer_put(w, rv->x != 0.0 ? "yes" : "no");
		break;
	default:
		anker_writer_put_number(w, rv->x);
		break;
	}
	switch (rv->origin) {
	case ANKER_ORIGIN_CLAMPED:
		anker_writer_put(w, clamped_from);
		anker_writer_put_number(w, rv->given);
		anker_writer_put(w, ")");
		break;
	case ANKER_ORIGIN_IMPUTED:
		anker_writer_put(w, missing_imputed);
		break;
	case ANKER_ORIGIN_MISSING_LEVEL:
	case ANKER_ORIGIN_MISSING:
		anker_writer_put(w, missing_level);
		break;
	case ANKER_ORIGIN_GIVEN:
	default:
		if (term && rv->level == term->reference) {
			anker_writer_put(w, at_reference);
		} else if (term) {
			anker_writer_put(w, reference_is);
			anker_writer_put(w, var->levels[term->reference]);
			anker_writer_put(w, ")");
		}
		break;
	}
}

void anker_explain_write(const struct anker_linear *linear,
			 const struct anker_resolved_value *resolved, char *buf, size_t cap,
			 size_t *detail_at)
{
	struct anker_writer w = {buf, cap, 0};
	for (size_t t = 0; t < linear->n_terms; t++) {
		const struct anker_term *term = &linear->terms[t];
		detail_at[t] = w.len;
		switch (term->type) {
		case ANKER_TERM_INTERCEPT:
			anker_writer_put(&w, "baseline");
			break;
		case ANKER_TERM_INTERACTION:
			for (size_t f = 0; f < term->n_factors; f++) {
				size_t v = term->factors[f].variable;
				if (f > 0)
					anker_writer_put(&w, ", ");
				mention(&w, &linear->variables[v], &resolved[v], NULL);
			}
			break;
		default:
			mention(&w, &linear->variables[term->variable], &resolved[term->variable],
				term->type == ANKER_TERM_CATEGORICAL ? term : NULL);
			break;
		}
		anker_writer_end(&w);
	}
}
