// SPDX-License-Identifier: GPL-3.0-or-later
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "eval-report.h"
#include "terminal-text.h"

static const char *const class_names[] = {
    "threshold",
    "count",
    "positives",
    "tp",
    "fp",
    "tn",
    "fn",
    "selection_rate",
    "tpr",
    "specificity",
    "fpr",
    "fnr",
    "ppv",
    "citl",
    "selection_rate_ratio",
    "tpr_ratio",
    "fpr_ratio",
    "fnr_ratio",
};
#define N_CLASS (sizeof(class_names) / sizeof(class_names[0]))

static const char *const figure_names[] = {
    "count",
    "positives",
    "mean_predicted",
    "observed_rate",
    "auc",
    "auc_se",
    "auc_lower",
    "auc_upper",
    "citl",
    "citl_intercept",
    "calibration_intercept",
    "calibration_slope",
    "hl_statistic",
    "hl_df",
    "hl_p",
    "brier",
    "log_loss",
    "threshold",
};
#define N_FIGURES (sizeof(figure_names) / sizeof(figure_names[0]))

const char *psi_reading(double psi)
{
	if (!isfinite(psi))
		return "undefined";
	return psi < 0.1 ? "stable" : psi < 0.25 ? "moderate shift" : "major shift";
}

static void text(FILE *out, const char *s)
{
	terminal_text_write(out, s, strlen(s));
}

/* A figure in a column of @p width, "-" when undefined. */
static void num(FILE *out, int width, int digits, double x)
{
	if (isnan(x))
		fprintf(out, "%*s", width, "-");
	else
		fprintf(out, "%*.*f", width, digits, x);
}

static double fig(const struct eval_report *r, int f)
{
	return anker_evaluation_get(r->ev, f);
}

static void model_line(FILE *out, const struct eval_report *r);

static void summary(FILE *out, const struct eval_report *r)
{
	model_line(out, r);
	fprintf(out, ": %.0f cases, %.0f with outcome 1 (%.1f%%)\n\n", fig(r, ANKER_EVAL_COUNT),
		fig(r, ANKER_EVAL_POSITIVES), 100 * fig(r, ANKER_EVAL_OBSERVED_RATE));
	fputs("DISCRIMINATION\n    AUC                        ", out);
	num(out, 0, 4, fig(r, ANKER_EVAL_AUC));
	fputs("  (95% CI ", out);
	num(out, 0, 4, fig(r, ANKER_EVAL_AUC_LOWER));
	fputs(" to ", out);
	num(out, 0, 4, fig(r, ANKER_EVAL_AUC_UPPER));
	fputs(", DeLong)\n\nCALIBRATION\n", out);
	static const struct {
		const char *label;
		int figure;
	} rows[] = {
	    {"mean predicted", ANKER_EVAL_MEAN_PREDICTED},
	    {"observed rate", ANKER_EVAL_OBSERVED_RATE},
	    {"calibration-in-the-large", ANKER_EVAL_CITL},
	    {"  as logistic intercept", ANKER_EVAL_CITL_INTERCEPT},
	    {"calibration slope", ANKER_EVAL_CALIBRATION_SLOPE},
	    {"calibration intercept", ANKER_EVAL_CALIBRATION_INTERCEPT},
	    {"Brier score", ANKER_EVAL_BRIER},
	    {"log loss", ANKER_EVAL_LOG_LOSS},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fprintf(out, "    %-26s ", rows[i].label);
		num(out, 0, 4, fig(r, rows[i].figure));
		fputc('\n', out);
	}
	fputs("    Hosmer-Lemeshow            ", out);
	num(out, 0, 2, fig(r, ANKER_EVAL_HL_STATISTIC));
	fprintf(out, " on %.0f df, p = ", fig(r, ANKER_EVAL_HL_DF));
	num(out, 0, 4, fig(r, ANKER_EVAL_HL_P));
	fputs("\n\n", out);
}

static void reliability(FILE *out, const struct eval_report *r, int by)
{
	size_t n = anker_evaluation_get_reliability_count(r->ev, by);
	if (n == 0)
		return;
	fprintf(out, "RELIABILITY BY %s\n    %-12s %7s %10s %10s\n",
		by == ANKER_RELIABILITY_DECILE ? "DECILE OF PREDICTED RISK" : "BAND",
		by == ANKER_RELIABILITY_DECILE ? "decile" : "band", "cases", "predicted",
		"observed");
	for (size_t k = 0; k < n; k++) {
		size_t count;
		double mean, rate;
		anker_evaluation_get_reliability(r->ev, by, k, &count, &mean, &rate);
		if (by == ANKER_RELIABILITY_DECILE) {
			fprintf(out, "    %-12zu", k + 1);
		} else {
			char name[64];
			const char *band = anker_model_get_band_name(r->model, k);
			terminal_text_escape(name, sizeof(name), band, strlen(band));
			fprintf(out, "    %-12s", name);
		}
		fprintf(out, " %7zu", count);
		num(out, 11, 4, mean);
		num(out, 11, 4, rate);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void classification(FILE *out, const struct eval_report *r)
{
	fputs("CLASSIFICATION (a case is selected above the threshold)\n"
	      "    threshold      TP      FP      TN      FN  sensitivity  specificity      PPV\n",
	      out);
	for (size_t k = 0; k < anker_evaluation_get_classification_count(r->ev); k++) {
		double c[ANKER_CLASS_CITL + 1];
		for (int f = 0; f <= ANKER_CLASS_CITL; f++)
			c[f] = anker_evaluation_get_classification(r->ev, k, f);
		fprintf(out, "    %9.4g %7.0f %7.0f %7.0f %7.0f", c[ANKER_CLASS_THRESHOLD],
			c[ANKER_CLASS_TP], c[ANKER_CLASS_FP], c[ANKER_CLASS_TN], c[ANKER_CLASS_FN]);
		num(out, 13, 4, c[ANKER_CLASS_TPR]);
		num(out, 13, 4, c[ANKER_CLASS_SPECIFICITY]);
		num(out, 9, 4, c[ANKER_CLASS_PPV]);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void flags_text(FILE *out, unsigned int flags)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {{ANKER_FLAG_SELECTION_RATE, "selection"},
		     {ANKER_FLAG_TPR, "TPR"},
		     {ANKER_FLAG_FPR, "FPR"},
		     {ANKER_FLAG_FNR, "FNR"}};
	const char *sep = "  FLAG: ";
	for (size_t i = 0; i < 4; i++)
		if (flags & names[i].bit) {
			fprintf(out, "%s%s", sep, names[i].name);
			sep = ",";
		}
}

static void fairness(FILE *out, const struct eval_report *r, double ratio_threshold)
{
	size_t ng = anker_evaluation_get_grouping_count(r->ev);
	if (ng == 0)
		return;
	fprintf(out, "FAIRNESS (threshold %.4g; a ratio outside [%.4g, %.4g] is flagged)\n",
		fig(r, ANKER_EVAL_THRESHOLD), 1 / ratio_threshold, ratio_threshold);
	for (size_t g = 0; g < ng; g++) {
		fputs("    ", out);
		text(out, anker_evaluation_get_grouping_name(r->ev, g));
		long ref = anker_evaluation_get_reference_group(r->ev, g);
		fputs(" (reference: ", out);
		text(out, anker_evaluation_get_group_name(r->ev, g, (size_t)ref));
		fprintf(out, "; %zu without a value)\n",
			anker_evaluation_get_grouping_missing(r->ev, g));
		fprintf(out, "      %-14s %6s %9s %7s %7s %7s %8s   %s\n", "group", "cases",
			"selected", "TPR", "FPR", "FNR", "CITL", "ratios: selected TPR FPR FNR");
		for (size_t k = 0; k < anker_evaluation_get_group_count(r->ev, g); k++) {
			char name[64];
			const char *s = anker_evaluation_get_group_name(r->ev, g, k);
			terminal_text_escape(name, sizeof(name), s, strlen(s));
			fprintf(out, "      %-14s %6.0f", name,
				anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_COUNT));
			num(out, 10, 4,
			    anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_SELECTION_RATE));
			num(out, 8, 4, anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_TPR));
			num(out, 8, 4, anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_FPR));
			num(out, 8, 4, anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_FNR));
			num(out, 9, 4, anker_evaluation_get_group(r->ev, g, k, ANKER_CLASS_CITL));
			fputs("  ", out);
			for (int f = ANKER_CLASS_RATIO_SELECTION_RATE; f <= ANKER_CLASS_RATIO_FNR;
			     f++)
				num(out, 6, 2, anker_evaluation_get_group(r->ev, g, k, f));
			flags_text(out, anker_evaluation_get_group_flags(r->ev, g, k));
			fputc('\n', out);
		}
	}
	fputs("    (\"-\": undefined, e.g. a rate of a group without positives)\n\n", out);
}

static void drift(FILE *out, const struct eval_report *r)
{
	if (!r->reference_name)
		return;
	fputs("DRIFT (population stability index against ", out);
	text(out, r->reference_name);
	fprintf(out, ", %zu cases; below 0.1 stable, 0.1-0.25 moderate, above 0.25 major)\n",
		r->reference_count);
	for (size_t i = 0; i < r->n_psi; i++) {
		char name[64];
		terminal_text_escape(name, sizeof(name), r->psi[i].name, strlen(r->psi[i].name));
		fprintf(out, "    %-24s %-12s", name, r->psi[i].kind);
		num(out, 8, 4, r->psi[i].psi);
		fprintf(out, "  %s%s\n", psi_reading(r->psi[i].psi),
			strcmp(r->psi[i].bins, "model") == 0 ? " (the model's bins)" : "");
	}
	fputc('\n', out);
}

static void model_line(FILE *out, const struct eval_report *r)
{
	fputs("MODEL\n    ", out);
	text(out, anker_model_get_id(r->model));
	fputs(" ", out);
	text(out, anker_model_get_version(r->model));
	const char *outcome = anker_model_get_outcome(r->model);
	if (outcome) {
		fputs(": ", out);
		text(out, outcome);
	}
	fputs("\n\nCASELOAD\n    ", out);
	text(out, r->caseload_name);
}

static void duration_summary(FILE *out, const struct eval_report *r)
{
	const struct duration_figures *d = r->duration;
	model_line(out, r);
	fprintf(out, ": %zu cases, %zu with an event\n\n", d->count, d->events);
	fputs("DISCRIMINATION (Harrell's C; risk: the log relative hazard)\n"
	      "    overall                    ",
	      out);
	num(out, 0, 4, d->c);
	fprintf(out, "\n    shorter time <= %-10g ", d->horizon);
	num(out, 0, 4, d->c_horizon);
	fputs("\n\n", out);
}

void eval_report_text(FILE *out, const struct eval_report *r, double ratio_threshold)
{
	if (r->duration) {
		duration_summary(out, r);
		drift(out, r);
		return;
	}
	summary(out, r);
	reliability(out, r, ANKER_RELIABILITY_DECILE);
	reliability(out, r, ANKER_RELIABILITY_BAND);
	classification(out, r);
	fairness(out, r, ratio_threshold);
	drift(out, r);
}

/* A JSON string of text from the data; bytes that are not UTF-8 (which JSON
 * cannot hold) are escaped as on the terminal, "\xff", rather than dropped. */
static json_t *text_json(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t len = strlen(s), size = terminal_text_escape(NULL, 0, s, len) + 1;
	char *escaped = malloc(size);
	if (!escaped)
		return NULL;
	terminal_text_escape(escaped, size, s, len);
	j = json_string(escaped);
	free(escaped);
	return j;
}

static json_t *real(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *reliability_json(const struct eval_report *r, int by)
{
	json_t *rows = json_array();
	for (size_t k = 0; rows && k < anker_evaluation_get_reliability_count(r->ev, by); k++) {
		size_t count;
		double mean, rate;
		anker_evaluation_get_reliability(r->ev, by, k, &count, &mean, &rate);
		json_t *row = json_pack("{s:I,s:o,s:o}", "count", (json_int_t)count,
					"mean_predicted", real(mean), "observed_rate", real(rate));
		if (by == ANKER_RELIABILITY_BAND)
			json_object_set_new(row, "band",
					    json_string(anker_model_get_band_name(r->model, k)));
		json_array_append_new(rows, row);
	}
	return rows;
}

static json_t *groups_json(const struct eval_report *r, size_t g)
{
	json_t *groups = json_array();
	for (size_t k = 0; k < anker_evaluation_get_group_count(r->ev, g); k++) {
		json_t *row = json_object();
		json_object_set_new(row, "group",
				    text_json(anker_evaluation_get_group_name(r->ev, g, k)));
		for (size_t f = 1; f < N_CLASS; f++)
			json_object_set_new(row, class_names[f],
					    real(anker_evaluation_get_group(r->ev, g, k, (int)f)));
		unsigned int flags = anker_evaluation_get_group_flags(r->ev, g, k);
		json_t *flagged = json_array();
		static const char *const flag_names[] = {"selection_rate", "tpr", "fpr", "fnr"};
		for (int b = 0; b < 4; b++)
			if (flags & (1u << b))
				json_array_append_new(flagged, json_string(flag_names[b]));
		json_object_set_new(row, "flags", flagged);
		json_array_append_new(groups, row);
	}
	return groups;
}

static void psi_json(json_t *root, const struct eval_report *r);

json_t *eval_report_json(const struct eval_report *r)
{
	json_t *root = json_object();
	json_object_set_new(root, "model", json_string(anker_model_get_id(r->model)));
	json_object_set_new(root, "model_version", json_string(anker_model_get_version(r->model)));
	if (r->duration) {
		const struct duration_figures *d = r->duration;
		json_object_set_new(root, "count", json_integer((json_int_t)d->count));
		json_object_set_new(root, "events", json_integer((json_int_t)d->events));
		json_object_set_new(root, "harrell_c", real(d->c));
		json_object_set_new(root, "horizon", real(d->horizon));
		json_object_set_new(root, "harrell_c_horizon", real(d->c_horizon));
		psi_json(root, r);
		return root;
	}
	for (size_t f = 0; f < N_FIGURES; f++) {
		double x = anker_evaluation_get(r->ev, (int)f);
		bool whole =
		    f == ANKER_EVAL_COUNT || f == ANKER_EVAL_POSITIVES || f == ANKER_EVAL_HL_DF;
		json_object_set_new(root, figure_names[f],
				    whole && isfinite(x) ? json_integer((json_int_t)x) : real(x));
	}
	json_object_set_new(root, "reliability_deciles",
			    reliability_json(r, ANKER_RELIABILITY_DECILE));
	json_object_set_new(root, "reliability_bands", reliability_json(r, ANKER_RELIABILITY_BAND));
	json_t *classes = json_array();
	for (size_t k = 0; k < anker_evaluation_get_classification_count(r->ev); k++) {
		json_t *row = json_object();
		for (int f = 0; f <= ANKER_CLASS_CITL; f++)
			json_object_set_new(row, class_names[f],
					    real(anker_evaluation_get_classification(r->ev, k, f)));
		json_array_append_new(classes, row);
	}
	json_object_set_new(root, "classification", classes);
	json_t *fair = json_array();
	for (size_t g = 0; g < anker_evaluation_get_grouping_count(r->ev); g++) {
		long ref = anker_evaluation_get_reference_group(r->ev, g);
		json_array_append_new(
		    fair,
		    json_pack("{s:o,s:o,s:I,s:o}", "grouping",
			      text_json(anker_evaluation_get_grouping_name(r->ev, g)), "reference",
			      text_json(anker_evaluation_get_group_name(r->ev, g, (size_t)ref)),
			      "missing",
			      (json_int_t)anker_evaluation_get_grouping_missing(r->ev, g), "groups",
			      groups_json(r, g)));
	}
	json_object_set_new(root, "fairness", fair);
	psi_json(root, r);
	return root;
}

static void psi_json(json_t *root, const struct eval_report *r)
{
	if (r->reference_name) {
		json_t *drift = json_array();
		for (size_t i = 0; i < r->n_psi; i++)
			json_array_append_new(
			    drift,
			    json_pack("{s:s,s:s,s:s,s:o,s:s}", "variable", r->psi[i].name, "kind",
				      r->psi[i].kind, "bins", r->psi[i].bins, "psi",
				      real(r->psi[i].psi), "reading", psi_reading(r->psi[i].psi)));
		json_object_set_new(root, "psi", drift);
		json_object_set_new(root, "reference_count",
				    json_integer((json_int_t)r->reference_count));
	}
}
