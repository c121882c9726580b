/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "format.h"
#include "survival-info.h"

static void print_horizons(const struct anker_model *model)
{
	printf("%-13s", "horizons:");
	size_t n = anker_model_get_horizon_count(model);
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", anker_model_get_horizon(model, i));
	printf(" months (headline %d)\n", anker_model_get_horizon_months(model));
}

void survival_info_print(const struct anker_model *model)
{
	int form = anker_model_get_survival_form(model);
	if (form < 0)
		return;
	char a[FORMAT_DOUBLE_SIZE], b[FORMAT_DOUBLE_SIZE];
	size_t n = anker_model_get_baseline_count(model);
	double shape = 0.0, scale = 0.0;
	if (form == ANKER_SURVIVAL_WEIBULL) {
		anker_model_get_weibull(model, &shape, &scale);
		printf("%-13sweibull proportional hazards, shape %s, scale %s months\n",
		       "survival:", format_double_short(shape, a), format_double_short(scale, b));
	} else {
		printf("%-13scox proportional hazards, baseline survival on %zu grid months\n",
		       "survival:", n);
	}
	print_horizons(model);
	printf("%-13s%s (S(t) beyond it is undefined)\n",
	       "max_months:", format_double_short(anker_model_get_max_months(model), a));
	if (n == 0)
		return;
	printf("\nbaseline (%zu months; S0 holds until the next month):\n  %-10s  S0\n", n,
	       "month");
	for (size_t i = 0; i < n; i++) {
		double month, s0;
		anker_model_get_baseline(model, i, &month, &s0);
		printf("  %-10s  %s\n", format_double_short(month, a), format_double_short(s0, b));
	}
}

void survival_info_json(const struct anker_model *model, json_t *root)
{
	int form = anker_model_get_survival_form(model);
	if (form < 0)
		return;
	json_t *survival = json_pack("{s:s}", "form", anker_survival_form_name(form));
	double shape, scale;
	if (anker_model_get_weibull(model, &shape, &scale) == 0) {
		json_object_set_new(survival, "shape", json_real(shape));
		json_object_set_new(survival, "scale", json_real(scale));
		json_object_set_new(survival, "max_months",
				    json_real(anker_model_get_max_months(model)));
	} else {
		json_t *months = json_array(), *values = json_array();
		for (size_t i = 0; i < anker_model_get_baseline_count(model); i++) {
			double month, s0;
			anker_model_get_baseline(model, i, &month, &s0);
			json_array_append_new(months, json_real(month));
			json_array_append_new(values, json_real(s0));
		}
		json_object_set_new(survival, "baseline",
				    json_pack("{s:o, s:o}", "months", months, "survival", values));
	}
	json_object_set_new(root, "survival", survival);
	json_t *horizons = json_array();
	for (size_t i = 0; i < anker_model_get_horizon_count(model); i++)
		json_array_append_new(horizons, json_integer(anker_model_get_horizon(model, i)));
	json_object_set_new(root, "horizons", horizons);
	json_object_set_new(root, "max_months", json_real(anker_model_get_max_months(model)));
}
