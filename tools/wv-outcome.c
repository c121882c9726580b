/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One Werkverkenner assessment as `anker werkverkenner` shows it (wv-outcome.h). */
#include <math.h>
#include <string.h>

#include "command.h"
#include "format.h"
#include "wv-outcome.h"
#include "wv-text.h"

bool wv_find_estimate(const struct anker_profile *p, size_t *ret)
{
	size_t i;
	if (anker_profile_get_followup(p, &i, NULL, NULL) == 0) {
		*ret = i;
		return true;
	}
	message("profile %s has no \"followup\": anker werkverkenner needs one to know its "
		"estimate (docs/werkverkenner.md)",
		anker_profile_get_id(p));
	return false;
}

/* A level's text in @p lang, or its label, or its name. */
static const char *level_text(const struct anker_model *m, size_t o, int level, const char *lang)
{
	if (level < 0)
		return NULL;
	const char *t = anker_model_get_output_level_text(m, o, (size_t)level, lang);
	if (!t)
		t = anker_model_get_output_level_label(m, o, (size_t)level);
	return t ? t : anker_model_get_output_level_name(m, o, (size_t)level);
}

/* A scale's label from its "_score" output's label ("Leeftijd: score"). */
static const char *scale_label(const struct anker_model *q, size_t output, const char *lang,
			       char *buf, size_t cap)
{
	const char *t = anker_model_get_output_text(q, output, lang);
	const char *colon = t ? strrchr(t, ':') : NULL;
	size_t n = colon ? (size_t)(colon - t) : (t ? strlen(t) : 0);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, t ? t : "", n);
	buf[n] = '\0';
	return buf;
}

static void get_factors(const struct anker_profile *p, const struct anker_assessment *a,
			struct wv_outcome *o)
{
	static char labels[WV_MAX_FACTORS][128]; /* one outcome at a time in this program */
	struct anker_factor_pull pulls[WV_MAX_FACTORS];
	size_t n = 0;
	if (anker_assessment_diagnose(a, o->estimate, pulls, WV_MAX_FACTORS, &n, NULL) < 0)
		n = 0;
	o->n_factors = n < WV_MAX_FACTORS ? n : WV_MAX_FACTORS;
	for (size_t k = 0; k < o->n_factors; k++) {
		const struct anker_model *q = anker_profile_get_instrument(p, pulls[k].instrument);
		struct wv_factor *f = &o->factors[k];
		f->label = scale_label(q, pulls[k].output, o->lang, labels[k], sizeof(labels[k]));
		const char *out = anker_model_get_output_name(q, pulls[k].output);
		size_t len = strlen(out) > 6 ? strlen(out) - 6 : 0; /* without "_score" */
		if (len >= sizeof(f->name))
			len = sizeof(f->name) - 1;
		memcpy(f->name, out, len);
		f->name[len] = '\0';
		f->say = anker_model_get_output_factor_text(q, pulls[k].output, o->lang);
		f->score = pulls[k].score;
		f->pull = pulls[k].pull;
		f->type = pulls[k].type;
	}
}

static void get_missing(const struct anker_profile *p, const struct anker_assessment *a,
			struct wv_outcome *o)
{
	size_t n = 0;
	anker_assessment_get_missing_items(a, o->estimate, o->missing, WV_MAX_MISSING, &n);
	o->n_missing = n < WV_MAX_MISSING ? n : WV_MAX_MISSING;
	for (size_t k = 0; k < o->n_missing; k++) {
		o->missing_text[k] = NULL;
		for (size_t i = 0; !o->missing_text[k] && i < o->estimate; i++) {
			const struct anker_model *q = anker_profile_get_instrument(p, i);
			int v = anker_model_find_variable(q, o->missing[k]);
			if (v >= 0)
				o->missing_text[k] =
				    anker_model_get_item_text(q, (size_t)v, o->lang);
		}
	}
}

static void get_advice(const struct anker_profile *p, const struct anker_assessment *a,
		       struct wv_outcome *o)
{
	const struct anker_model *rules = anker_profile_get_rules(p);
	const struct anker_result *advice = anker_assessment_get_advice(a);
	size_t n = anker_model_get_output_count(rules);
	o->n_fields = 0;
	for (size_t k = 0; k < n; k++) {
		const char *name = anker_model_get_output_name(rules, k);
		int level = anker_result_get_level(advice, k);
		if (strcmp(name, "rule") == 0) {
			o->rule = anker_model_get_output_level_name(rules, k, (size_t)level);
			o->reason = level_text(rules, k, level, o->lang);
			continue;
		}
		if (o->n_fields == WV_MAX_FIELDS)
			continue;
		struct wv_field *f = &o->fields[o->n_fields++];
		f->name = name;
		f->label = anker_model_get_output_text(rules, k, o->lang);
		f->value = anker_model_get_output_level_name(rules, k, (size_t)level);
		f->value_label = level_text(rules, k, level, o->lang);
	}
}

void wv_outcome_get(const struct anker_profile *p, size_t estimate,
		    const struct anker_assessment *a, const char *lang, struct wv_outcome *o)
{
	memset(o, 0, sizeof(*o));
	o->lang = lang;
	o->profile = p;
	o->assessment = a;
	o->estimate = estimate;
	const struct anker_result *res = anker_assessment_get_result(a, estimate);
	const struct anker_model *m = anker_profile_get_instrument(p, estimate);
	int band_out = anker_model_find_output(m, "band");
	o->completed = anker_result_get_model(res) != NULL;
	o->chance = o->completed ? anker_result_get_probability(res) : NAN;
	if (o->completed && band_out >= 0) {
		int band = anker_result_get_band(res);
		o->band = anker_result_get_band_name(res);
		o->band_label = level_text(m, (size_t)band_out, band, lang);
		get_factors(p, a, o);
	} else {
		get_missing(p, a, o);
	}
	get_advice(p, a, o);
	o->has_followup = anker_assessment_get_followup(a, &o->followup) == 0;
	if (o->has_followup && band_out >= 0) {
		o->first_band_label = level_text(m, (size_t)band_out, o->followup.first_band, lang);
		o->followup_band_label = level_text(m, (size_t)band_out, o->followup.band, lang);
	}
}

static void percent(FILE *out, double p, const char *lang)
{
	char buf[WV_NUMBER_SIZE];
	fputs(wv_percent(buf, p, lang), out);
}

void wv_print_text(FILE *out, const struct wv_outcome *o, size_t top)
{
	const char *lang = o->lang;
	fprintf(out, "%s (%s %s)\n", wv_text(WV_TITLE, lang), anker_profile_get_id(o->profile),
		anker_profile_get_version(o->profile));
	if (o->completed) {
		fprintf(out, "%s: ", wv_text(WV_CHANCE, lang));
		percent(out, o->chance, lang);
		fprintf(out, " (%s %s)\n", wv_text(WV_BAND, lang), o->band_label);
	} else {
		fprintf(out, "%s\n%s:\n", wv_text(WV_NOT_COMPLETED, lang),
			wv_text(WV_MISSING_ITEMS, lang));
		for (size_t k = 0; k < o->n_missing; k++)
			fprintf(out, "  %s: %s\n", o->missing[k],
				o->missing_text[k] ? o->missing_text[k] : "");
	}
	for (size_t k = 0; k < o->n_fields; k++)
		fprintf(out, "%s: %s\n", o->fields[k].label, o->fields[k].value_label);
	fprintf(out, "  %s: %s\n", wv_text(WV_BECAUSE, lang), o->reason);
	if (o->has_followup) {
		const struct anker_followup *f = &o->followup;
		fprintf(out, "%s: %s ", wv_text(WV_FOLLOWUP, lang),
			wv_text(WV_FIRST_ESTIMATE, lang));
		percent(out, f->first_chance, lang);
		fprintf(out, " (%s)", o->first_band_label);
		if (!isnan(f->chance)) {
			fprintf(out, ", %s ", wv_text(WV_NOW, lang));
			percent(out, f->chance, lang);
			char drop[WV_NUMBER_SIZE];
			fprintf(out, " (%s), %s %s %s", o->followup_band_label,
				wv_text(WV_DROP, lang), wv_decimal(drop, 100.0 * f->drop, lang),
				strcmp(lang, "nl") == 0 ? "procentpunt" : "percentage points");
		}
		fprintf(out, ": %s\n", wv_text(f->flag ? WV_FLAGGED : WV_NOT_FLAGGED, lang));
	}
	if (!o->completed)
		return;
	fprintf(out, "%s:\n", wv_text(WV_FACTORS, lang));
	size_t shown = 0;
	for (size_t k = 0; k < o->n_factors && shown < top; k++) {
		const struct wv_factor *f = &o->factors[k];
		if (!(f->pull < 0.0))
			break;
		fprintf(out, "  %zu. %s (%s %.2f; %s)\n     %s\n", ++shown, f->label,
			wv_text(WV_SCORE_OF, lang), f->score,
			wv_text(f->type == ANKER_FACTOR_SOFT ? WV_SOFT : WV_HARD, lang),
			f->say ? f->say : "");
	}
	if (shown == 0)
		fprintf(out, "  %s\n", wv_text(WV_NO_FACTORS, lang));
}

/* CSV */

void wv_print_csv_header(FILE *out, const struct wv_outcome *o, bool with_id, size_t top,
			 bool followup)
{
	if (with_id)
		fputs("id,", out);
	fputs("completed,chance,band", out);
	for (size_t k = 0; k < o->n_fields; k++)
		fprintf(out, ",%s", o->fields[k].name);
	fputs(",rule,missing_items", out);
	for (size_t k = 1; k <= top; k++)
		fprintf(out, ",factor_%zu,factor_%zu_type", k, k);
	if (followup)
		fputs(",first_chance,first_band,drop,flag", out);
	fputc('\n', out);
}

static void csv_text(FILE *out, const char *s)
{
	fputc(',', out);
	if (s)
		csv_write_field(out, s, strlen(s));
}

void wv_print_csv_row(FILE *out, const struct wv_outcome *o, const char *id, size_t top,
		      bool followup)
{
	char buf[FORMAT_DOUBLE_SIZE];
	if (id) {
		csv_write_field(out, id, strlen(id));
		fputc(',', out);
	}
	fputs(o->completed ? "true," : "false,", out);
	if (o->completed)
		fputs(format_double_shortest(o->chance, buf), out);
	csv_text(out, o->band);
	for (size_t k = 0; k < o->n_fields; k++)
		csv_text(out, o->fields[k].value);
	csv_text(out, o->rule);
	fputc(',', out);
	for (size_t k = 0; k < o->n_missing; k++)
		fprintf(out, "%s%s", k ? " " : "", o->missing[k]); /* identifiers: no quoting */
	/* scale names, not labels: the CSV is the same in every language */
	for (size_t k = 0; k < top; k++) {
		bool down = o->completed && k < o->n_factors && o->factors[k].pull < 0.0;
		csv_text(out, down ? o->factors[k].name : NULL);
		csv_text(out,
			 down ? (o->factors[k].type == ANKER_FACTOR_SOFT ? "soft" : "hard") : NULL);
	}
	if (followup && !o->has_followup)
		fputs(",,,,", out);
	if (followup && o->has_followup) {
		const struct anker_followup *f = &o->followup;
		const struct anker_model *m = anker_profile_get_instrument(o->profile, o->estimate);
		int b = anker_model_find_output(m, "band");
		fprintf(out, ",%s", format_double_shortest(f->first_chance, buf));
		csv_text(out, b < 0 ? NULL
				    : anker_model_get_output_level_name(m, (size_t)b,
									(size_t)f->first_band));
		fputc(',', out);
		if (!isnan(f->drop))
			fputs(format_double_shortest(f->drop, buf), out);
		fputs(f->flag ? ",true" : ",false", out);
	}
	fputc('\n', out);
}
