/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <stdbool.h>

#include "summary.h"

/* "; missing: a 3 (imputed), b 2" or "; clamped: c 1"; nothing when every count is 0. */
static void write_counts(FILE *out, const struct anker_model *model,
			 const struct anker_batch *batch, bool clamped)
{
	size_t n = anker_model_get_variable_count(model);
	bool first = true;
	for (size_t v = 0; v < n; v++) {
		uint64_t missing = 0, imputed = 0, clamp = 0;
		if (anker_batch_get_counts(batch, v, &missing, &imputed, &clamp) < 0)
			continue;
		uint64_t count = clamped ? clamp : missing;
		if (count == 0)
			continue;
		fprintf(out, "%s%s %" PRIu64,
			first ? (clamped ? "; clamped: " : "; missing: ") : ", ",
			anker_model_get_variable_name(model, v), count);
		first = false;
		if (clamped || imputed == 0)
			continue;
		if (imputed == missing)
			fputs(" (imputed)", out);
		else
			fprintf(out, " (%" PRIu64 " imputed)", imputed);
	}
}

void summary_write(FILE *out, const struct anker_model *model, const struct anker_batch *batch,
		   uint64_t rows, double seconds)
{
	/* For people, never parsed: the locale does not matter (and is "C" anyway). */
	fprintf(out, "scored %" PRIu64 " rows in %.2f s", rows, seconds);
	if (seconds > 0)
		fprintf(out, " (%.0f rows/s)", (double)rows / seconds);
	write_counts(out, model, batch, false);
	write_counts(out, model, batch, true);
}
