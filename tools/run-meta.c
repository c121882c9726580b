/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <string.h>

#include "format.h"
#include "run-meta.h"

static void write_string(FILE *out, const char *s)
{
	s = s ? s : "";
	json_write_string(out, s, strlen(s));
}

void run_meta_write_model(FILE *out, const struct anker_model *model, const char *const *absent,
			  size_t n_absent)
{
	fputs("\"model\": {\"id\": ", out);
	write_string(out, anker_model_get_id(model));
	fputs(", \"name\": ", out);
	write_string(out, anker_model_get_name(model));
	fputs(", \"version\": ", out);
	write_string(out, anker_model_get_version(model));
	fputs(", \"sha256\": ", out);
	write_string(out, anker_model_get_sha256(model));
	fputs("},\n\"absent\": [", out);
	for (size_t i = 0; i < n_absent; i++) {
		if (i > 0)
			fputs(", ", out);
		write_string(out, absent[i]);
	}
	putc(']', out);
}

void run_meta_write_counts(FILE *out, const struct anker_model *model,
			   const struct anker_batch *batch, uint64_t rows)
{
	fprintf(out, "\"rows\": %" PRIu64 ",\n\"counts\": {", rows);
	size_t n = anker_model_get_variable_count(model);
	for (size_t v = 0; v < n; v++) {
		uint64_t missing = 0, imputed = 0, clamped = 0;
		anker_batch_get_counts(batch, v, &missing, &imputed, &clamped);
		fputs(v > 0 ? ",\n  " : "\n  ", out);
		write_string(out, anker_model_get_variable_name(model, v));
		fprintf(out,
			": {\"missing\": %" PRIu64 ", \"imputed\": %" PRIu64
			", \"clamped\": %" PRIu64 "}",
			missing, imputed, clamped);
	}
	fputs(n > 0 ? "\n}" : "}", out);
}
