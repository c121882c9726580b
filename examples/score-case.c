/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * score-case: score one synthetic client with the demonstration AMT model and
 * print the chance of work within 6 months, the band, and the explanation a
 * coach can repeat to the client, term by term.
 *
 * Build against an installed libanker:
 *     cc score-case.c $(pkg-config --cflags --libs anker) -o score-case
 *     ./score-case /usr/local/share/anker/models/demo-amt-6m.json
 */
#include <stdio.h>

#include <anker/anker.h>

/* The synthetic client: every value here is made up. */
static int describe_client(struct anker_case *c)
{
	int r = 0;
	r = r ? r : anker_case_set_number(c, "age", 52);
	r = r ? r : anker_case_set_number(c, "ww_months", 5);
	r = r ? r : anker_case_set_number(c, "work_history_years", 28);
	r = r ? r : anker_case_set_number(c, "applications_4w", 3);
	r = r ? r : anker_case_set_number(c, "health", 4);
	r = r ? r : anker_case_set_bool(c, "has_partner", 1);
	r = r ? r : anker_case_set_bool(c, "care_duties", 1);
	r = r ? r : anker_case_set_bool(c, "female", 1);
	r = r ? r : anker_case_set_level(c, "education", "vocational");
	r = r ? r : anker_case_set_missing(c, "sector"); /* not known: the model imputes */
	r = r ? r : anker_case_set_level(c, "region", "average");
	return r;
}

static void print_explanation(const struct anker_model *model, const struct anker_result *res)
{
	printf("model: %s %s (%s)\n", anker_model_get_id(model), anker_model_get_version(model),
	       anker_model_get_provenance(model, "statement"));
	printf("sha256: %s\n", anker_model_get_sha256(model));
	printf("probability: %.3f\n", anker_result_get_probability(res));
	int band = anker_result_get_band(res);
	printf("band: %s (%s)\n", anker_result_get_band_name(res),
	       anker_model_get_band_label(model, (size_t)band));
	printf("linear predictor: %+.4f = sum of:\n", anker_result_get_linear_predictor(res));
	for (size_t i = 0; i < anker_result_get_contribution_count(res); i++)
		printf("  %+.4f  %-40s %s\n", anker_result_get_contribution(res, i),
		       anker_result_get_contribution_label(res, i),
		       anker_result_get_contribution_detail(res, i));
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "data/models/demo-amt-6m.json";
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	struct anker_case *client = NULL;
	struct anker_result *res = NULL;
	int r;

	if ((r = anker_ctx_new(&ctx)) < 0 || (r = anker_error_new(&err)) < 0) {
		fprintf(stderr, "score-case: %s\n", anker_strerror(r));
		return 1;
	}
	r = anker_model_load_file(ctx, path, err, &model);
	if (r == 0)
		r = anker_case_new(ctx, &client);
	if (r == 0)
		r = describe_client(client);
	if (r == 0)
		r = anker_result_new(ctx, &res);
	if (r == 0)
		r = anker_model_score(model, client, ANKER_SCORE_DEFAULT, res, err);
	if (r == 0)
		print_explanation(model, res);
	else
		fprintf(stderr, "score-case: %s: %s\n", anker_status_name(r),
			anker_error_code(err) ? anker_error_message(err) : anker_strerror(r));

	anker_result_free(res);
	anker_case_free(client);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return r == 0 ? 0 : 1;
}
