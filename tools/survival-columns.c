/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "survival-columns.h"
#include "value-parse.h"

/* A month count as a column name writes it: 9, 7.5. */
static void months_text(double months, char *buf, size_t size)
{
	snprintf(buf, size, "%.15g", months);
}

const char *survival_columns_parse_horizons(struct survival_columns *sc, const char *list,
					    char *why, size_t why_size)
{
	sc->have_horizons = true;
	sc->n = 0;
	const char *p = list;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char item[64];
		double v;
		if (len == 0 || len >= sizeof(item)) {
			snprintf(why, why_size,
				 "--horizons takes months separated by commas, "
				 "e.g. 3,9,18, not '%s'",
				 list);
			return why;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		if (value_parse_number(item, len, &v) != VALUE_OK || !(v >= 0.0)) {
			snprintf(why, why_size, "--horizons: '%s' is not a number of months", item);
			return why;
		}
		if (sc->n == ANKER_BATCH_SURVIVAL_MAX) {
			snprintf(why, why_size, "--horizons: at most %d horizons",
				 ANKER_BATCH_SURVIVAL_MAX);
			return why;
		}
		sc->months[sc->n++] = v;
		if (!comma)
			return NULL;
		p = comma + 1;
	}
}

const char *survival_columns_parse_given(struct survival_columns *sc, const char *text)
{
	double v;
	if (value_parse_number(text, strlen(text), &v) != VALUE_OK || !(v >= 0.0))
		return "--given-months takes a number of months, e.g. 7";
	sc->given = v;
	sc->have_given = true;
	return NULL;
}

int survival_columns_prepare(struct survival_columns *sc, const struct anker_model *model,
			     char *why, size_t why_size)
{
	if (!sc->have_horizons && !sc->have_given)
		return 0;
	if (anker_model_get_kind(model) != ANKER_MODEL_DURATION) {
		snprintf(why, why_size,
			 "--horizons and --given-months need a duration model, "
			 "not a %s model",
			 anker_model_kind_name(anker_model_get_kind(model)));
		return -1;
	}
	if (!sc->have_horizons) {
		for (size_t i = 0; i < anker_model_get_horizon_count(model); i++) {
			double h = anker_model_get_horizon(model, i);
			if (h >= sc->given)
				sc->months[sc->n++] = h;
		}
	}
	double max = anker_model_get_max_months(model);
	size_t kept = 0;
	for (size_t i = 0; i < sc->n; i++) {
		char t[32], s[32];
		months_text(sc->months[i], t, sizeof(t));
		months_text(sc->given, s, sizeof(s));
		if (sc->months[i] < sc->given || sc->months[i] > max || sc->given > max) {
			snprintf(why, why_size,
				 "horizon %s months is %s (the model describes months 0 to %g)", t,
				 sc->months[i] < sc->given ? "before --given-months"
							   : "beyond the model",
				 max);
			return -1;
		}
		char *name = sc->names[kept];
		if (sc->given == 0.0)
			snprintf(name, SURVIVAL_COLUMN_MAX, "survival_%s", t);
		else
			snprintf(name, SURVIVAL_COLUMN_MAX, "survival_%s_given_%s", t, s);
		bool twice = anker_model_find_output(model, name) >= 0;
		for (size_t j = 0; j < kept && !twice; j++)
			twice = strcmp(sc->names[j], name) == 0;
		if (!twice)
			sc->months[kept++] = sc->months[i];
	}
	sc->n = kept;
	return 0;
}

int survival_columns_bind(const struct survival_columns *sc, struct anker_batch *batch,
			  double *const *values, struct output_values *out)
{
	for (size_t i = 0; i < sc->n; i++) {
		int rc = anker_batch_bind_survival(batch, sc->given, sc->months[i], values[i]);
		if (rc < 0)
			return rc;
		out[i] = (struct output_values){
		    .type = ANKER_OUTPUT_NUMBER, .numbers = values[i], .name = sc->names[i]};
	}
	return 0;
}
