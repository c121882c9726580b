/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The model loader against docs/model-format.md: a valid model written inline,
 * then, for every rule of the format, a mutation of it that must fail with the
 * exact code, JSON path and field, and a message that names the file.
 * Mutations are made with jansson on a parsed copy of the valid model.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "test-mutate.h"
#include "test-util.h"

/* Terms: [0] intercept, [1] linear, [2] categorical, [3] spline, [4] bins, [5] interaction. */
static const char base_model[] =
	"{\n"
	"  \"format\": \"anker-model\",\n"
	"  \"format_version\": 1,\n"
	"  \"kind\": \"binary\",\n"
	"  \"id\": \"test-model.v1\",\n"
	"  \"name\": \"Test model\",\n"
	"  \"version\": \"1.0.0\",\n"
	"  \"toets\": \"AMT\",\n"
	"  \"outcome\": {\"description\": \"Works within 6 months\", \"horizon_months\": 6},\n"
	"  \"valid_from\": \"2024-02-29\",\n"
	"  \"provenance\": {\"statement\": \"Test model, not a model of anything.\",\n"
	"                 \"data\": \"None\", \"fitted_by\": \"The tests\",\n"
	"                 \"fitted_on\": \"2026-01-31\", \"method\": \"By hand\"},\n"
	"  \"variables\": [\n"
	"    {\"name\": \"age\", \"label\": \"Age\", \"kind\": \"numeric\", \"range\": [18, 67],\n"
	"     \"out_of_range\": \"clamp\", \"missing\": {\"policy\": \"impute\", \"value\": 40}},\n"
	"    {\"name\": \"partner\", \"kind\": \"boolean\",\n"
	"     \"missing\": {\"policy\": \"impute\", \"value\": false}},\n"
	"    {\"name\": \"edu\", \"label\": \"Education\", \"kind\": \"categorical\",\n"
	"     \"levels\": [\"basic\", \"vocational\", \"higher\", \"unknown\"],\n"
	"     \"missing\": {\"policy\": \"level\", \"level\": \"unknown\"}},\n"
	"    {\"name\": \"weeks\", \"kind\": \"numeric\", \"range\": [0, 104]}\n"
	"  ],\n"
	"  \"link\": \"logit\",\n"
	"  \"terms\": [\n"
	"    {\"type\": \"intercept\", \"name\": \"intercept\", "
	"\"label\": \"Start\", \"coef\": -0.5},\n"
	"    {\"type\": \"linear\", \"name\": \"age_lin\", \"label\": \"Age\", "
	"\"variable\": \"age\",\n"
	"     \"coef\": -0.02, \"center\": 40},\n"
	"    {\"type\": \"categorical\", \"name\": \"edu\", \"label\": \"Education\",\n"
	"     \"variable\": \"edu\", \"reference\": \"vocational\",\n"
	"     \"effects\": {\"basic\": -0.4, \"higher\": 0.5, \"unknown\": -0.1}},\n"
	"    {\"type\": \"spline\", \"name\": \"age_curve\", \"label\": \"Age curve\",\n"
	"     \"variable\": \"age\", \"knots\": [25, 45, 60], \"values\": [0.1, 0, -0.6]},\n"
	"    {\"type\": \"bins\", \"name\": \"weeks_bins\", \"label\": \"Weeks\", \"variable\": "
	"\"weeks\",\n"
	"     \"edges\": [13, 26], \"effects\": [0.3, 0, -0.4]},\n"
	"    {\"type\": \"interaction\", \"name\": \"partner_higher\", "
	"\"label\": \"Partner, higher\",\n"
	"     \"coef\": 0.2, \"factors\": [{\"variable\": \"partner\"},\n"
	"                              {\"variable\": \"edu\", \"level\": \"higher\"}]}\n"
	"  ],\n"
	"  \"bands\": {\"boundary\": \"lower\", \"items\": [\n"
	"    {\"name\": \"low\", \"label\": \"Low\", \"upper\": 0.3},\n"
	"    {\"name\": \"mid\", \"upper\": 0.6},\n"
	"    {\"name\": \"high\", \"label\": \"High\"}\n"
	"  ]}\n"
	"}\n";

/*
 * sha256 of base_model's bytes, computed independently of the library when the
 * test was written: the string was printed with printf("%s") by a throw-away
 * program and piped into coreutils `sha256sum`.
 */
static const char base_model_sha256[] =
	"253237be5dcd81f4c307ab624365f03946e874642938d1e89a85ef22a4ab374d";


static json_t *parse_base(void)
{
	return test_mutate_parse(base_model);
}

#define RUN(cases) test_mutate_run(base_model, cases, sizeof(cases) / sizeof(cases[0]))
#define UNKNOWN ANKER_E_UNKNOWN_KEY
#define WRONG ANKER_E_WRONG_TYPE
#define MISSING ANKER_E_MISSING_KEY
#define BAD ANKER_E_BAD_VALUE

static const struct error_case unknown_key_cases[] = {
	{ "top", { { SET, "extra", "1" } }, UNKNOWN, "$.extra", "extra" },
	{ "top, non-identifier key", { { SET, "my key", "1" } }, UNKNOWN, "$[\"my key\"]",
	  "my key" },
	/* a binary file read as a questionnaire: the binary keys are unknown to it */
	{ "kind questionnaire", { { SET, "kind", "\"questionnaire\"" } }, UNKNOWN, "$.outcome",
	  "outcome" },
	{ "outcome", { { SET, "outcome/extra", "1" } }, UNKNOWN, "$.outcome.extra", "extra" },
	{ "provenance", { { SET, "provenance/author", "\"x\"" } }, UNKNOWN, "$.provenance.author",
	  "author" },
	{ "variable", { { SET, "variables/0/extra", "1" } }, UNKNOWN, "$.variables[0].extra",
	  "extra" },
	{ "levels on numeric", { { SET, "variables/0/levels", "[\"a\"]" } }, UNKNOWN,
	  "$.variables[0].levels", "levels" },
	{ "range on boolean", { { SET, "variables/1/range", "[0, 1]" } }, UNKNOWN,
	  "$.variables[1].range", "range" },
	{ "range on categorical", { { SET, "variables/2/range", "[0, 1]" } }, UNKNOWN,
	  "$.variables[2].range", "range" },
	{ "out_of_range on boolean", { { SET, "variables/1/out_of_range", "\"clamp\"" } }, UNKNOWN,
	  "$.variables[1].out_of_range", "out_of_range" },
	{ "missing", { { SET, "variables/0/missing/extra", "1" } }, UNKNOWN,
	  "$.variables[0].missing.extra", "extra" },
	{ "value with reject",
	  { { SET, "variables/3/missing", "{\"policy\":\"reject\",\"value\":1}" } }, UNKNOWN,
	  "$.variables[3].missing.value", "value" },
	{ "level with impute", { { SET, "variables/0/missing/level", "\"x\"" } }, UNKNOWN,
	  "$.variables[0].missing.level", "level" },
	{ "term", { { SET, "terms/1/extra", "1" } }, UNKNOWN, "$.terms[1].extra", "extra" },
	{ "key of another term type", { { SET, "terms/0/variable", "\"age\"" } }, UNKNOWN,
	  "$.terms[0].variable", "variable" },
	{ "center on spline", { { SET, "terms/3/center", "1" } }, UNKNOWN, "$.terms[3].center",
	  "center" },
	{ "factor", { { SET, "terms/5/factors/0/coef", "1" } }, UNKNOWN,
	  "$.terms[5].factors[0].coef", "coef" },
	{ "bands", { { SET, "bands/extra", "1" } }, UNKNOWN, "$.bands.extra", "extra" },
	{ "band item", { { SET, "bands/items/0/lower", "0.1" } }, UNKNOWN,
	  "$.bands.items[0].lower", "lower" },
};

static void test_unknown_keys(void **state)
{
	(void)state;
	RUN(unknown_key_cases);
}

static const struct error_case wrong_type_cases[] = {
	{ "top level array", { { SET, "format", "[]" } }, WRONG, "$.format", "format" },
	{ "format_version string", { { SET, "format_version", "\"1\"" } }, WRONG,
	  "$.format_version", "format_version" },
	{ "format_version real", { { SET, "format_version", "1.0" } }, WRONG, "$.format_version",
	  "format_version" },
	{ "kind", { { SET, "kind", "1" } }, WRONG, "$.kind", "kind" },
	{ "id", { { SET, "id", "1" } }, WRONG, "$.id", "id" },
	{ "name", { { SET, "name", "null" } }, WRONG, "$.name", "name" },
	{ "version", { { SET, "version", "1" } }, WRONG, "$.version", "version" },
	{ "toets", { { SET, "toets", "[]" } }, WRONG, "$.toets", "toets" },
	{ "outcome", { { SET, "outcome", "\"x\"" } }, WRONG, "$.outcome", "outcome" },
	{ "outcome.description", { { SET, "outcome/description", "1" } }, WRONG,
	  "$.outcome.description", "description" },
	{ "horizon string", { { SET, "outcome/horizon_months", "\"6\"" } }, WRONG,
	  "$.outcome.horizon_months", "horizon_months" },
	{ "horizon real", { { SET, "outcome/horizon_months", "6.5" } }, WRONG,
	  "$.outcome.horizon_months", "horizon_months" },
	{ "valid_from", { { SET, "valid_from", "20240101" } }, WRONG, "$.valid_from",
	  "valid_from" },
	{ "provenance", { { SET, "provenance", "[]" } }, WRONG, "$.provenance", "provenance" },
	{ "provenance.statement", { { SET, "provenance/statement", "true" } }, WRONG,
	  "$.provenance.statement", "statement" },
	{ "provenance.fitted_on", { { SET, "provenance/fitted_on", "1" } }, WRONG,
	  "$.provenance.fitted_on", "fitted_on" },
	{ "variables", { { SET, "variables", "{}" } }, WRONG, "$.variables", "variables" },
	{ "variable", { { SET, "variables/1", "\"partner\"" } }, WRONG, "$.variables[1]",
	  "variables" },
	{ "variable name", { { SET, "variables/0/name", "1" } }, WRONG, "$.variables[0].name",
	  "name" },
	{ "variable label", { { SET, "variables/0/label", "1" } }, WRONG, "$.variables[0].label",
	  "label" },
	{ "variable kind", { { SET, "variables/0/kind", "1" } }, WRONG, "$.variables[0].kind",
	  "kind" },
	{ "range", { { SET, "variables/0/range", "\"18-67\"" } }, WRONG, "$.variables[0].range",
	  "range" },
	{ "range element", { { SET, "variables/0/range/1", "\"67\"" } }, WRONG,
	  "$.variables[0].range[1]", "range" },
	{ "out_of_range", { { SET, "variables/0/out_of_range", "true" } }, WRONG,
	  "$.variables[0].out_of_range", "out_of_range" },
	{ "levels", { { SET, "variables/2/levels", "\"basic\"" } }, WRONG, "$.variables[2].levels",
	  "levels" },
	{ "level", { { SET, "variables/2/levels/1", "1" } }, WRONG, "$.variables[2].levels[1]",
	  "levels" },
	{ "missing", { { SET, "variables/0/missing", "\"impute\"" } }, WRONG,
	  "$.variables[0].missing", "missing" },
	{ "missing.policy", { { SET, "variables/0/missing/policy", "1" } }, WRONG,
	  "$.variables[0].missing.policy", "policy" },
	{ "numeric impute value", { { SET, "variables/0/missing/value", "\"40\"" } }, WRONG,
	  "$.variables[0].missing.value", "value" },
	{ "boolean impute value", { { SET, "variables/1/missing/value", "0" } }, WRONG,
	  "$.variables[1].missing.value", "value" },
	{ "categorical impute value",
	  { { SET, "variables/2/missing", "{\"policy\": \"impute\", \"value\": 1}" } }, WRONG,
	  "$.variables[2].missing.value", "value" },
	{ "missing level", { { SET, "variables/2/missing/level", "1" } }, WRONG,
	  "$.variables[2].missing.level", "level" },
	{ "link", { { SET, "link", "1" } }, WRONG, "$.link", "link" },
	{ "terms", { { SET, "terms", "{}" } }, WRONG, "$.terms", "terms" },
	{ "term", { { SET, "terms/0", "1" } }, WRONG, "$.terms[0]", "terms" },
	{ "term type", { { SET, "terms/0/type", "1" } }, WRONG, "$.terms[0].type", "type" },
	{ "term name", { { SET, "terms/0/name", "1" } }, WRONG, "$.terms[0].name", "name" },
	{ "term label", { { SET, "terms/0/label", "[]" } }, WRONG, "$.terms[0].label", "label" },
	{ "coef", { { SET, "terms/0/coef", "\"-0.5\"" } }, WRONG, "$.terms[0].coef", "coef" },
	{ "center", { { SET, "terms/1/center", "null" } }, WRONG, "$.terms[1].center", "center" },
	{ "term variable", { { SET, "terms/1/variable", "1" } }, WRONG, "$.terms[1].variable",
	  "variable" },
	{ "reference", { { SET, "terms/2/reference", "1" } }, WRONG, "$.terms[2].reference",
	  "reference" },
	{ "categorical effects", { { SET, "terms/2/effects", "[]" } }, WRONG, "$.terms[2].effects",
	  "effects" },
	{ "categorical effect", { { SET, "terms/2/effects/higher", "\"0.5\"" } }, WRONG,
	  "$.terms[2].effects.higher", "higher" },
	{ "knots", { { SET, "terms/3/knots", "\"x\"" } }, WRONG, "$.terms[3].knots", "knots" },
	{ "knot", { { SET, "terms/3/knots/1", "null" } }, WRONG, "$.terms[3].knots[1]", "knots" },
	{ "spline value", { { SET, "terms/3/values/0", "\"x\"" } }, WRONG, "$.terms[3].values[0]",
	  "values" },
	{ "edges", { { SET, "terms/4/edges", "13" } }, WRONG, "$.terms[4].edges", "edges" },
	{ "bins effects", { { SET, "terms/4/effects", "{}" } }, WRONG, "$.terms[4].effects",
	  "effects" },
	{ "bins effect", { { SET, "terms/4/effects/1", "false" } }, WRONG, "$.terms[4].effects[1]",
	  "effects" },
	{ "factors", { { SET, "terms/5/factors", "{}" } }, WRONG, "$.terms[5].factors",
	  "factors" },
	{ "factor", { { SET, "terms/5/factors/0", "\"partner\"" } }, WRONG,
	  "$.terms[5].factors[0]", "factors" },
	{ "factor variable", { { SET, "terms/5/factors/0/variable", "2" } }, WRONG,
	  "$.terms[5].factors[0].variable", "variable" },
	{ "factor level", { { SET, "terms/5/factors/1/level", "2" } }, WRONG,
	  "$.terms[5].factors[1].level", "level" },
	{ "bands", { { SET, "bands", "[]" } }, WRONG, "$.bands", "bands" },
	{ "boundary", { { SET, "bands/boundary", "1" } }, WRONG, "$.bands.boundary", "boundary" },
	{ "items", { { SET, "bands/items", "{}" } }, WRONG, "$.bands.items", "items" },
	{ "item", { { SET, "bands/items/0", "[]" } }, WRONG, "$.bands.items[0]", "items" },
	{ "band name", { { SET, "bands/items/0/name", "1" } }, WRONG, "$.bands.items[0].name",
	  "name" },
	{ "band label", { { SET, "bands/items/0/label", "1" } }, WRONG, "$.bands.items[0].label",
	  "label" },
	{ "band upper", { { SET, "bands/items/0/upper", "\"0.3\"" } }, WRONG,
	  "$.bands.items[0].upper", "upper" },
};

static void test_wrong_types(void **state)
{
	(void)state;
	RUN(wrong_type_cases);
}

static const struct error_case missing_key_cases[] = {
	{ "format", { { DEL, "format", NULL } }, MISSING, "$.format", "format" },
	{ "format_version", { { DEL, "format_version", NULL } }, MISSING, "$.format_version",
	  "format_version" },
	{ "kind", { { DEL, "kind", NULL } }, MISSING, "$.kind", "kind" },
	{ "id", { { DEL, "id", NULL } }, MISSING, "$.id", "id" },
	{ "name", { { DEL, "name", NULL } }, MISSING, "$.name", "name" },
	{ "version", { { DEL, "version", NULL } }, MISSING, "$.version", "version" },
	{ "toets", { { DEL, "toets", NULL } }, MISSING, "$.toets", "toets" },
	{ "outcome", { { DEL, "outcome", NULL } }, MISSING, "$.outcome", "outcome" },
	{ "description", { { DEL, "outcome/description", NULL } }, MISSING, "$.outcome.description",
	  "description" },
	{ "horizon", { { DEL, "outcome/horizon_months", NULL } }, MISSING,
	  "$.outcome.horizon_months",
	  "horizon_months" },
	{ "valid_from", { { DEL, "valid_from", NULL } }, MISSING, "$.valid_from", "valid_from" },
	{ "provenance", { { DEL, "provenance", NULL } }, MISSING, "$.provenance", "provenance" },
	{ "statement", { { DEL, "provenance/statement", NULL } }, MISSING, "$.provenance.statement",
	  "statement" },
	{ "data", { { DEL, "provenance/data", NULL } }, MISSING, "$.provenance.data", "data" },
	{ "fitted_by", { { DEL, "provenance/fitted_by", NULL } }, MISSING, "$.provenance.fitted_by",
	  "fitted_by" },
	{ "variables", { { DEL, "variables", NULL } }, MISSING, "$.variables", "variables" },
	{ "variable name", { { DEL, "variables/1/name", NULL } }, MISSING, "$.variables[1].name",
	  "name" },
	{ "variable kind", { { DEL, "variables/1/kind", NULL } }, MISSING, "$.variables[1].kind",
	  "kind" },
	{ "range", { { DEL, "variables/3/range", NULL } }, MISSING, "$.variables[3].range",
	  "range" },
	{ "levels", { { DEL, "variables/2/levels", NULL } }, MISSING, "$.variables[2].levels",
	  "levels" },
	{ "policy", { { DEL, "variables/0/missing/policy", NULL } }, MISSING,
	  "$.variables[0].missing.policy", "policy" },
	{ "impute value", { { DEL, "variables/0/missing/value", NULL } }, MISSING,
	  "$.variables[0].missing.value", "value" },
	{ "missing level", { { DEL, "variables/2/missing/level", NULL } }, MISSING,
	  "$.variables[2].missing.level", "level" },
	{ "link", { { DEL, "link", NULL } }, MISSING, "$.link", "link" },
	{ "terms", { { DEL, "terms", NULL } }, MISSING, "$.terms", "terms" },
	{ "term type", { { DEL, "terms/1/type", NULL } }, MISSING, "$.terms[1].type", "type" },
	{ "term name", { { DEL, "terms/1/name", NULL } }, MISSING, "$.terms[1].name", "name" },
	{ "term label", { { DEL, "terms/1/label", NULL } }, MISSING, "$.terms[1].label", "label" },
	{ "intercept coef", { { DEL, "terms/0/coef", NULL } }, MISSING, "$.terms[0].coef", "coef" },
	{ "linear variable", { { DEL, "terms/1/variable", NULL } }, MISSING, "$.terms[1].variable",
	  "variable" },
	{ "linear coef", { { DEL, "terms/1/coef", NULL } }, MISSING, "$.terms[1].coef", "coef" },
	{ "categorical variable", { { DEL, "terms/2/variable", NULL } }, MISSING,
	  "$.terms[2].variable",
	  "variable" },
	{ "reference", { { DEL, "terms/2/reference", NULL } }, MISSING, "$.terms[2].reference",
	  "reference" },
	{ "categorical effects", { { DEL, "terms/2/effects", NULL } }, MISSING,
	  "$.terms[2].effects",
	  "effects" },
	{ "knots", { { DEL, "terms/3/knots", NULL } }, MISSING, "$.terms[3].knots", "knots" },
	{ "values", { { DEL, "terms/3/values", NULL } }, MISSING, "$.terms[3].values", "values" },
	{ "edges", { { DEL, "terms/4/edges", NULL } }, MISSING, "$.terms[4].edges", "edges" },
	{ "bins effects", { { DEL, "terms/4/effects", NULL } }, MISSING, "$.terms[4].effects",
	  "effects" },
	{ "interaction coef", { { DEL, "terms/5/coef", NULL } }, MISSING, "$.terms[5].coef",
	  "coef" },
	{ "factors", { { DEL, "terms/5/factors", NULL } }, MISSING, "$.terms[5].factors",
	  "factors" },
	{ "factor variable", { { DEL, "terms/5/factors/0/variable", NULL } }, MISSING,
	  "$.terms[5].factors[0].variable", "variable" },
	{ "categorical factor without level", { { DEL, "terms/5/factors/1/level", NULL } }, MISSING,
	  "$.terms[5].factors[1].level", "level" },
	{ "bands", { { DEL, "bands", NULL } }, MISSING, "$.bands", "bands" },
	{ "boundary", { { DEL, "bands/boundary", NULL } }, MISSING, "$.bands.boundary",
	  "boundary" },
	{ "items", { { DEL, "bands/items", NULL } }, MISSING, "$.bands.items", "items" },
	{ "band name", { { DEL, "bands/items/1/name", NULL } }, MISSING, "$.bands.items[1].name",
	  "name" },
	{ "upper on a band but the last", { { DEL, "bands/items/1/upper", NULL } }, MISSING,
	  "$.bands.items[1].upper", "upper" },
};

static void test_missing_keys(void **state)
{
	(void)state;
	RUN(missing_key_cases);
}

static const struct error_case header_cases[] = {
	{ "format name", { { SET, "format", "\"anker-modell\"" } }, BAD, "$.format", "format" },
	{ "format_version 2", { { SET, "format_version", "2" } }, ANKER_E_UNSUPPORTED,
	  "$.format_version", "format_version" },
	{ "format_version 0", { { SET, "format_version", "0" } }, BAD, "$.format_version",
	  "format_version" },
	/* a newer file may hold keys we do not know: the version is reported, not the key */
	{ "format_version 2 with new keys", { { SET, "format_version", "2" }, { SET, "new", "1" } },
	  ANKER_E_UNSUPPORTED, "$.format_version", "format_version" },
	/* a binary file read as a duration model: the binary keys are not the duration's */
	{ "kind duration with binary keys", { { SET, "kind", "\"duration\"" } },
	  ANKER_E_UNKNOWN_KEY, "$.link", "link" },
	/* a supported kind with other keys: the first key it does not read */
	{ "kind rules", { { SET, "kind", "\"rules\"" } }, ANKER_E_UNKNOWN_KEY, "$.outcome",
	  "outcome" },
	{ "kind unknown", { { SET, "kind", "\"survival\"" } }, ANKER_E_UNSUPPORTED, "$.kind",
	  "kind" },
	{ "link cloglog", { { SET, "link", "\"cloglog\"" } }, ANKER_E_UNSUPPORTED, "$.link",
	  "link" },
	{ "link empty", { { SET, "link", "\"\"" } }, BAD, "$.link", "link" },
	{ "id uppercase", { { SET, "id", "\"Test-model\"" } }, BAD, "$.id", "id" },
	{ "id leading dash", { { SET, "id", "\"-test\"" } }, BAD, "$.id", "id" },
	{ "id leading dot", { { SET, "id", "\".test\"" } }, BAD, "$.id", "id" },
	{ "id with space", { { SET, "id", "\"test model\"" } }, BAD, "$.id", "id" },
	{ "id empty", { { SET, "id", "\"\"" } }, BAD, "$.id", "id" },
	{ "id 65 bytes",
	  { { SET, "id",
	      "\"a1234567890123456789012345678901234567890123456789012345678901234\"" } },
	  BAD, "$.id", "id" },
	{ "name empty", { { SET, "name", "\"\"" } }, BAD, "$.name", "name" },
	{ "version empty", { { SET, "version", "\"\"" } }, BAD, "$.version", "version" },
	{ "toets empty", { { SET, "toets", "\"\"" } }, BAD, "$.toets", "toets" },
	{ "toets with a space", { { SET, "toets", "\"A MT\"" } }, BAD, "$.toets", "toets" },
	{ "toets from a digit", { { SET, "toets", "\"1AMT\"" } }, BAD, "$.toets", "toets" },
	{ "toets with an escape", { { SET, "toets", "\"AMT\\u001b\"" } }, BAD, "$.toets", "toets" },
	{ "toets 33 bytes", { { SET, "toets", "\"A2345678901234567890123456789012X\"" } }, BAD,
	  "$.toets", "toets" },
	{ "horizon 0", { { SET, "outcome/horizon_months", "0" } }, BAD, "$.outcome.horizon_months",
	  "horizon_months" },
	{ "horizon 121", { { SET, "outcome/horizon_months", "121" } }, BAD,
	  "$.outcome.horizon_months", "horizon_months" },
	{ "horizon negative", { { SET, "outcome/horizon_months", "-6" } }, BAD,
	  "$.outcome.horizon_months", "horizon_months" },
	{ "description empty", { { SET, "outcome/description", "\"\"" } }, BAD,
	  "$.outcome.description", "description" },
	{ "date 2026-02-30", { { SET, "valid_from", "\"2026-02-30\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date 2025-02-29 (no leap year)", { { SET, "valid_from", "\"2025-02-29\"" } }, BAD,
	  "$.valid_from", "valid_from" },
	{ "date 1900-02-29 (no leap year)", { { SET, "valid_from", "\"1900-02-29\"" } }, BAD,
	  "$.valid_from", "valid_from" },
	{ "date 2026-04-31", { { SET, "valid_from", "\"2026-04-31\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date month 13", { { SET, "valid_from", "\"2026-13-01\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date day 0", { { SET, "valid_from", "\"2026-01-00\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date one-digit month", { { SET, "valid_from", "\"2026-1-01\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date with time", { { SET, "valid_from", "\"2026-01-01T00:00\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date dd-mm-yyyy", { { SET, "valid_from", "\"01-02-2026\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "date year 0", { { SET, "valid_from", "\"0000-01-01\"" } }, BAD, "$.valid_from",
	  "valid_from" },
	{ "fitted_on 2026-02-30", { { SET, "provenance/fitted_on", "\"2026-02-30\"" } }, BAD,
	  "$.provenance.fitted_on", "fitted_on" },
	{ "statement empty", { { SET, "provenance/statement", "\"\"" } }, BAD,
	  "$.provenance.statement", "statement" },
	{ "notes empty", { { SET, "provenance/notes", "\"\"" } }, BAD, "$.provenance.notes",
	  "notes" },
};

static void test_header_and_metadata(void **state)
{
	(void)state;
	RUN(header_cases);
}

static const struct error_case variable_cases[] = {
	{ "no variables", { { SET, "variables", "[]" } }, BAD, "$.variables", "variables" },
	{ "name starts with digit", { { SET, "variables/0/name", "\"1age\"" } }, BAD,
	  "$.variables[0].name", "name" },
	{ "name with dash", { { SET, "variables/0/name", "\"age-x\"" } }, BAD,
	  "$.variables[0].name", "name" },
	{ "name 65 bytes",
	  { { SET, "variables/3/name",
	      "\"a1234567890123456789012345678901234567890123456789012345678901234\"" } },
	  BAD, "$.variables[3].name", "name" },
	{ "label empty", { { SET, "variables/0/label", "\"\"" } }, BAD, "$.variables[0].label",
	  "label" },
	{ "kind unknown", { { SET, "variables/0/kind", "\"text\"" } }, BAD, "$.variables[0].kind",
	  "kind" },
	{ "duplicate name", { { SET, "variables/3/name", "\"partner\"" } }, ANKER_E_DUPLICATE,
	  "$.variables[3].name", "name" },
	{ "min > max", { { SET, "variables/0/range", "[67, 18]" } }, ANKER_E_ORDER,
	  "$.variables[0].range", "range" },
	{ "min == max", { { SET, "variables/0/range", "[18, 18]" } }, ANKER_E_ORDER,
	  "$.variables[0].range", "range" },
	{ "range of 3", { { SET, "variables/0/range", "[18, 40, 67]" } }, ANKER_E_TOO_LARGE,
	  "$.variables[0].range", "range" },
	{ "range of 1", { { SET, "variables/0/range", "[18]" } }, BAD, "$.variables[0].range",
	  "range" },
	{ "range beyond 1e15", { { SET, "variables/3/range", "[0, 1e16]" } }, BAD,
	  "$.variables[3].range[1]", "range" },
	{ "out_of_range unknown", { { SET, "variables/0/out_of_range", "\"ignore\"" } }, BAD,
	  "$.variables[0].out_of_range", "out_of_range" },
	{ "no levels", { { SET, "variables/2/levels", "[]" } }, BAD, "$.variables[2].levels",
	  "levels" },
	{ "duplicate level", { { SET, "variables/2/levels/3", "\"basic\"" } }, ANKER_E_DUPLICATE,
	  "$.variables[2].levels[3]", "levels" },
	{ "empty level", { { SET, "variables/2/levels/1", "\"\"" } }, BAD,
	  "$.variables[2].levels[1]", "levels" },
	{ "policy unknown", { { SET, "variables/0/missing/policy", "\"drop\"" } }, BAD,
	  "$.variables[0].missing.policy", "policy" },
	{ "impute above range", { { SET, "variables/0/missing/value", "67.5" } }, BAD,
	  "$.variables[0].missing.value", "value" },
	{ "impute below range", { { SET, "variables/0/missing/value", "17" } }, BAD,
	  "$.variables[0].missing.value", "value" },
	{ "impute level unknown",
	  { { SET, "variables/2/missing", "{\"policy\": \"impute\", \"value\": \"none\"}" } },
	  ANKER_E_REFERENCE, "$.variables[2].missing.value", "value" },
	{ "missing level unknown", { { SET, "variables/2/missing/level", "\"none\"" } },
	  ANKER_E_REFERENCE, "$.variables[2].missing.level", "level" },
	{ "level policy on numeric",
	  { { SET, "variables/0/missing", "{\"policy\": \"level\", \"level\": \"x\"}" } }, BAD,
	  "$.variables[0].missing.policy", "policy" },
	{ "level policy on boolean",
	  { { SET, "variables/1/missing", "{\"policy\": \"level\", \"level\": \"x\"}" } }, BAD,
	  "$.variables[1].missing.policy", "policy" },
};

static void test_variables(void **state)
{
	(void)state;
	RUN(variable_cases);
}

static const struct error_case term_cases[] = {
	{ "no terms", { { SET, "terms", "[]" } }, BAD, "$.terms", "terms" },
	{ "type unknown", { { SET, "terms/1/type", "\"quadratic\"" } }, BAD, "$.terms[1].type",
	  "type" },
	{ "name invalid", { { SET, "terms/1/name", "\"age lin\"" } }, BAD, "$.terms[1].name",
	  "name" },
	{ "label empty", { { SET, "terms/1/label", "\"\"" } }, BAD, "$.terms[1].label", "label" },
	{ "duplicate name", { { SET, "terms/3/name", "\"age_lin\"" } }, ANKER_E_DUPLICATE,
	  "$.terms[3].name", "name" },
	{ "two intercepts",
	  { { SET, "terms/6",
	      "{\"type\": \"intercept\", \"name\": \"again\", \"label\": \"x\", \"coef\": 1}" } },
	  ANKER_E_DUPLICATE, "$.terms[6].type", "type" },
	{ "coef beyond 1e15", { { SET, "terms/0/coef", "-2e15" } }, BAD, "$.terms[0].coef",
	  "coef" },
	{ "term on unknown variable", { { SET, "terms/1/variable", "\"height\"" } },
	  ANKER_E_REFERENCE, "$.terms[1].variable", "variable" },
	{ "linear on categorical", { { SET, "terms/1/variable", "\"edu\"" } }, ANKER_E_REFERENCE,
	  "$.terms[1].variable", "variable" },
	{ "categorical on numeric", { { SET, "terms/2/variable", "\"age\"" } }, ANKER_E_REFERENCE,
	  "$.terms[2].variable", "variable" },
	{ "spline on boolean", { { SET, "terms/3/variable", "\"partner\"" } }, ANKER_E_REFERENCE,
	  "$.terms[3].variable", "variable" },
	{ "bins on categorical", { { SET, "terms/4/variable", "\"edu\"" } }, ANKER_E_REFERENCE,
	  "$.terms[4].variable", "variable" },
	{ "reference unknown", { { SET, "terms/2/reference", "\"master\"" } }, ANKER_E_REFERENCE,
	  "$.terms[2].reference", "reference" },
	{ "effects missing a level", { { DEL, "terms/2/effects/higher", NULL } }, MISSING,
	  "$.terms[2].effects.higher", "higher" },
	{ "effects naming an unknown level", { { SET, "terms/2/effects/master", "0.7" } },
	  ANKER_E_REFERENCE, "$.terms[2].effects.master", "master" },
	{ "effects naming an unknown, odd level", { { SET, "terms/2/effects/hbo wo", "0.7" } },
	  ANKER_E_REFERENCE, "$.terms[2].effects[\"hbo wo\"]", "hbo wo" },
	{ "effects listing the reference", { { SET, "terms/2/effects/vocational", "0" } }, BAD,
	  "$.terms[2].effects.vocational", "vocational" },
	{ "knots not increasing (equal)", { { SET, "terms/3/knots/2", "45" } }, ANKER_E_ORDER,
	  "$.terms[3].knots[2]", "knots" },
	{ "knots not increasing (down)", { { SET, "terms/3/knots/1", "20" } }, ANKER_E_ORDER,
	  "$.terms[3].knots[1]", "knots" },
	{ "one knot", { { SET, "terms/3/knots", "[25]" }, { SET, "terms/3/values", "[0]" } }, BAD,
	  "$.terms[3].knots", "knots" },
	{ "values length mismatch", { { SET, "terms/3/values", "[0.1, 0]" } }, BAD,
	  "$.terms[3].values", "values" },
	{ "values too many", { { SET, "terms/3/values", "[0.1, 0, 0, 0]" } }, BAD,
	  "$.terms[3].values", "values" },
	{ "edges not increasing", { { SET, "terms/4/edges", "[26, 13]" } }, ANKER_E_ORDER,
	  "$.terms[4].edges[1]", "edges" },
	{ "no edges", { { SET, "terms/4/edges", "[]" }, { SET, "terms/4/effects", "[0]" } }, BAD,
	  "$.terms[4].edges", "edges" },
	{ "bins effects too few", { { SET, "terms/4/effects", "[0.3, 0]" } }, BAD,
	  "$.terms[4].effects", "effects" },
	{ "bins effects too many", { { SET, "terms/4/effects", "[0.3, 0, 0, 0]" } }, BAD,
	  "$.terms[4].effects", "effects" },
	{ "interaction with 1 factor", { { SET, "terms/5/factors", "[{\"variable\": \"age\"}]" } },
	  BAD, "$.terms[5].factors", "factors" },
	{ "interaction level on boolean", { { SET, "terms/5/factors/0/level", "\"basic\"" } },
	  ANKER_E_REFERENCE, "$.terms[5].factors[0].level", "level" },
	{ "interaction level on numeric",
	  { { SET, "terms/5/factors/0", "{\"variable\": \"age\", \"level\": \"basic\"}" } },
	  ANKER_E_REFERENCE, "$.terms[5].factors[0].level", "level" },
	{ "interaction unknown variable", { { SET, "terms/5/factors/0/variable", "\"height\"" } },
	  ANKER_E_REFERENCE, "$.terms[5].factors[0].variable", "variable" },
	{ "interaction unknown level", { { SET, "terms/5/factors/1/level", "\"master\"" } },
	  ANKER_E_REFERENCE, "$.terms[5].factors[1].level", "level" },
};

static void test_terms(void **state)
{
	(void)state;
	RUN(term_cases);
}

static const struct error_case band_cases[] = {
	{ "boundary unknown", { { SET, "bands/boundary", "\"middle\"" } }, BAD, "$.bands.boundary",
	  "boundary" },
	{ "no items", { { SET, "bands/items", "[]" } }, BAD, "$.bands.items", "items" },
	{ "uppers equal", { { SET, "bands/items/1/upper", "0.3" } }, ANKER_E_ORDER,
	  "$.bands.items[1].upper", "upper" },
	{ "uppers decreasing", { { SET, "bands/items/1/upper", "0.2" } }, ANKER_E_ORDER,
	  "$.bands.items[1].upper", "upper" },
	{ "upper 0", { { SET, "bands/items/0/upper", "0" } }, BAD, "$.bands.items[0].upper",
	  "upper" },
	{ "upper 1", { { SET, "bands/items/1/upper", "1" } }, BAD, "$.bands.items[1].upper",
	  "upper" },
	{ "upper negative", { { SET, "bands/items/0/upper", "-0.1" } }, BAD,
	  "$.bands.items[0].upper", "upper" },
	{ "upper above 1", { { SET, "bands/items/1/upper", "1.5" } }, BAD,
	  "$.bands.items[1].upper", "upper" },
	{ "upper on the last band", { { SET, "bands/items/2/upper", "0.9" } }, BAD,
	  "$.bands.items[2].upper", "upper" },
	{ "upper on the only band",
	  { { SET, "bands/items", "[{\"name\": \"all\", \"upper\": 1}]" } },
	  BAD, "$.bands.items[0].upper", "upper" },
	{ "duplicate band name", { { SET, "bands/items/2/name", "\"low\"" } }, ANKER_E_DUPLICATE,
	  "$.bands.items[2].name", "name" },
	{ "band name invalid", { { SET, "bands/items/0/name", "\"0-30%\"" } }, BAD,
	  "$.bands.items[0].name", "name" },
	{ "band label empty", { { SET, "bands/items/0/label", "\"\"" } }, BAD,
	  "$.bands.items[0].label", "label" },
};

static void test_bands(void **state)
{
	(void)state;
	RUN(band_cases);
}

/* ---------------------------------------------------------------- limits */

/* Fill array at pointer with n copies of what make(i) returns. */
static void fill_array(json_t *root, const char *pointer, size_t n, json_t *(*make)(size_t))
{
	json_t *array = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(array, make(i));
	edit_set(root, pointer, array);
}

static json_t *make_variable(size_t i)
{
	char name[32];
	snprintf(name, sizeof(name), "v%zu", i);
	return json_pack("{s:s, s:s}", "name", name, "kind", "boolean");
}

static json_t *make_level(size_t i)
{
	char name[32];
	snprintf(name, sizeof(name), "l%zu", i);
	return json_string(name);
}

static json_t *make_number(size_t i)
{
	return json_real((double)i);
}

static json_t *make_term(size_t i)
{
	char name[32];
	snprintf(name, sizeof(name), "t%zu", i);
	return json_pack("{s:s, s:s, s:s, s:s, s:f}", "type", "linear", "name", name, "label", "x",
			 "variable", "weeks", "coef", 0.001);
}

static json_t *make_factor(size_t i)
{
	(void)i;
	return json_pack("{s:s}", "variable", "age");
}

static json_t *make_band(size_t i)
{
	char name[32];
	snprintf(name, sizeof(name), "b%zu", i);
	return json_pack("{s:s, s:f}", "name", name, "upper", (double)(i + 1) / 32.0);
}

static void test_count_limits(void **state)
{
	(void)state;
	json_t *root;

	/* variables: 1024 is allowed (the boolean fillers leave the terms without theirs) */
	root = parse_base();
	fill_array(root, "variables", 1025, make_variable);
	expect_error(root, "1025 variables", ANKER_E_TOO_LARGE, "$.variables", "variables");

	/* levels: at most 1024, each at most 255 bytes */
	root = parse_base();
	fill_array(root, "variables/2/levels", 1024, make_level);
	edit_set_text(root, "variables/2/levels/1", "\"basic\"");
	edit_set_text(root, "variables/2/levels/2", "\"vocational\"");
	edit_set_text(root, "variables/2/levels/3", "\"higher\"");
	edit_set_text(root, "variables/2/levels/4", "\"unknown\"");
	edit_set_text(root, "variables/2/missing/level", "\"l0\"");
	edit_set_text(root, "terms/2/effects", "{}");
	{
		json_t *effects = json_object();
		for (size_t i = 0; i < 1024; i++) {
			char name[32];
			snprintf(name, sizeof(name), "l%zu", i);
			if (i >= 1 && i <= 4)
				continue;
			json_object_set_new(effects, name, json_real(0.001));
		}
		json_object_set_new(effects, "basic", json_real(0.1));
		json_object_set_new(effects, "higher", json_real(0.2));
		json_object_set_new(effects, "unknown", json_real(0.3));
		edit_set(root, "terms/2/effects", effects);
	}
	json_t *copy = json_deep_copy(root);
	expect_ok(root, "1024 levels");
	json_array_append_new(json_object_get(json_array_get(json_object_get(copy, "variables"), 2),
					      "levels"),
			      json_string("l1024"));
	expect_error(copy, "1025 levels", ANKER_E_TOO_LARGE, "$.variables[2].levels", "levels");

	char level[300];
	memset(level, 'x', sizeof(level));
	level[255] = '\0';
	root = parse_base();
	edit_set(root, "variables/2/levels/0", json_string(level));
	edit_set(root, "terms/2/effects/basic", json_null());
	edit_delete(root, "terms/2/effects/basic");
	edit_set(root, "terms/2/effects", json_pack("{s:f, s:f, s:f}", level, -0.4, "higher", 0.5,
						    "unknown", -0.1));
	expect_ok(root, "a level of 255 bytes");
	level[255] = 'x';
	level[256] = '\0';
	root = parse_base();
	edit_set(root, "variables/2/levels/0", json_string(level));
	expect_error(root, "a level of 256 bytes", BAD, "$.variables[2].levels[0]", "levels");

	/* terms: at most 4096 */
	root = parse_base();
	fill_array(root, "terms", 4096, make_term);
	copy = json_deep_copy(root);
	expect_ok(root, "4096 terms");
	json_array_append_new(json_object_get(copy, "terms"), make_term(4096));
	expect_error(copy, "4097 terms", ANKER_E_TOO_LARGE, "$.terms", "terms");

	/* knots 2..256, edges 1..256 */
	root = parse_base();
	fill_array(root, "terms/3/knots", 256, make_number);
	fill_array(root, "terms/3/values", 256, make_number);
	expect_ok(root, "256 knots");
	root = parse_base();
	fill_array(root, "terms/3/knots", 257, make_number);
	fill_array(root, "terms/3/values", 257, make_number);
	expect_error(root, "257 knots", ANKER_E_TOO_LARGE, "$.terms[3].knots", "knots");
	root = parse_base();
	fill_array(root, "terms/4/edges", 256, make_number);
	fill_array(root, "terms/4/effects", 257, make_number);
	expect_ok(root, "256 edges");
	root = parse_base();
	fill_array(root, "terms/4/edges", 257, make_number);
	fill_array(root, "terms/4/effects", 258, make_number);
	expect_error(root, "257 edges", ANKER_E_TOO_LARGE, "$.terms[4].edges", "edges");

	/* factors 2..8 */
	root = parse_base();
	fill_array(root, "terms/5/factors", 8, make_factor);
	expect_ok(root, "8 factors");
	root = parse_base();
	fill_array(root, "terms/5/factors", 9, make_factor);
	expect_error(root, "9 factors", ANKER_E_TOO_LARGE, "$.terms[5].factors", "factors");

	/* bands 1..16 */
	root = parse_base();
	fill_array(root, "bands/items", 16, make_band);
	edit_delete(root, "bands/items/15/upper");
	expect_ok(root, "16 bands");
	root = parse_base();
	fill_array(root, "bands/items", 17, make_band);
	edit_delete(root, "bands/items/16/upper");
	expect_error(root, "17 bands", ANKER_E_TOO_LARGE, "$.bands.items", "items");
}

/* Values exactly on the limits the page allows load fine. */
static void test_boundary_values_accepted(void **state)
{
	(void)state;
	static const struct edit ok_edits[][2] = {
		{ { SET, "id",
		    "\"a123456789012345678901234567890123456789012345678901234567890123\"" } },
		{ { SET, "id", "\"0.model_x-1\"" } },
		{ { SET, "outcome/horizon_months", "1" } },
		{ { SET, "outcome/horizon_months", "120" } },
		{ { SET, "valid_from", "\"2000-02-29\"" } },
		{ { SET, "valid_from", "\"9999-12-31\"" } },
		{ { SET, "variables/0/missing/value", "67" } },
		{ { SET, "variables/0/missing/value", "18" } },
		{ { SET, "variables/3/name",
		    "\"a123456789012345678901234567890123456789012345678901234567890123\"" },
		  { SET, "terms/4/variable",
		    "\"a123456789012345678901234567890123456789012345678901234567890123\"" } },
		{ { SET, "variables/3/range", "[-1e15, 1e15]" } },
		{ { SET, "link", "\"probit\"" } },
		{ { SET, "bands/boundary", "\"upper\"" } },
		{ { SET, "bands/items", "[{\"name\": \"all\"}]" } },
		{ { SET, "terms/5/factors",
		    "[{\"variable\": \"age\"}, {\"variable\": \"age\"}]" } },
		{ { SET, "variables/2/missing",
		    "{\"policy\": \"impute\", \"value\": \"basic\"}" } },
		{ { SET, "variables/2/missing", "{\"policy\": \"reject\"}" } },
		{ { DEL, "variables/0/missing", NULL } },
		{ { DEL, "provenance/fitted_on", NULL }, { SET, "provenance/notes", "\"n\"" } },
		{ { SET, "terms/2/effects/higher", "1e15" } },
		{ { SET, "toets", "\"WERKVERKENNER\"" } },
		/* an agency's own question, and the longest name */
		{ { SET, "toets", "\"wmo-intake_2\"" } },
		{ { SET, "toets", "\"A234567890123456789012345678901X\"" } },
	};
	for (size_t i = 0; i < sizeof(ok_edits) / sizeof(ok_edits[0]); i++) {
		json_t *root = parse_base();
		for (size_t e = 0; e < 2 && ok_edits[i][e].op; e++) {
			if (ok_edits[i][e].op == SET)
				edit_set_text(root, ok_edits[i][e].pointer, ok_edits[i][e].json);
			else
				edit_delete(root, ok_edits[i][e].pointer);
		}
		char name[64];
		snprintf(name, sizeof(name), "accepted edit %zu", i);
		expect_ok(root, name);
	}
}

/* ---------------------------------------------------------------- raw text */

static void expect_raw(const char *text, size_t size, int code, long line, long column)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, text, size, "raw.json", err, &model);
	if (r != code)
		fail_msg("expected %s, got %s: %s", anker_status_name(code), anker_status_name(r),
			 anker_error_message(err));
	assert_null(model);
	assert_string_equal(anker_error_file(err), "raw.json");
	assert_int_equal(anker_error_line(err), line);
	if (column >= 0)
		assert_int_equal(anker_error_column(err), column);
	assert_true(strncmp(anker_error_message(err), "raw.json:", 9) == 0);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	/* jansson reports the line and the column of the last character of the bad token. */
	const char *nan = "{\n  \"format\": NaN\n}"; /* NaN spans columns 13..15 */
	expect_raw(nan, strlen(nan), ANKER_E_SYNTAX, 2, 15);
	const char *inf = "{\"format\": Infinity}";
	expect_raw(inf, strlen(inf), ANKER_E_SYNTAX, 1, -1);
	const char *huge = "{\"coef\": 1e999}"; /* the token spans columns 10..14 */
	expect_raw(huge, strlen(huge), ANKER_E_SYNTAX, 1, 14);
	/* integers beyond 64 bits are a syntax error too (jansson reads them as integers) */
	const char *big_int = "{\"coef\": 100000000000000000000}";
	expect_raw(big_int, strlen(big_int), ANKER_E_SYNTAX, 1, -1);
	expect_raw("", 0, ANKER_E_SYNTAX, 1, -1);
	expect_raw("  \n ", 4, ANKER_E_SYNTAX, 2, -1);
	expect_raw("{\"format\": \"anker-model\",", 25, ANKER_E_SYNTAX, 1, -1);
	/* truncated in the middle of the valid model */
	expect_raw(base_model, 300, ANKER_E_SYNTAX, 11, -1);
	/* trailing garbage after the object */
	const char *trailing = "{}\nx";
	expect_raw(trailing, strlen(trailing), ANKER_E_SYNTAX, 2, 1);
	/* NUL inside the buffer, escaped NUL, invalid UTF-8 */
	expect_raw("{\"a\": 1}\0", 9, ANKER_E_SYNTAX, 1, -1);
	const char *nul = "{\"a\": \"\\u0000\"}";
	expect_raw(nul, strlen(nul), ANKER_E_SYNTAX, 1, -1);
	const char *utf8 = "{\"a\": \"\xff\"}";
	expect_raw(utf8, strlen(utf8), ANKER_E_SYNTAX, 1, -1);
	/* a comma instead of a decimal point is no number (never the locale's "0,5") */
	const char *comma = "{\"coef\": 0,5}";
	expect_raw(comma, strlen(comma), ANKER_E_SYNTAX, 1, -1);
}

static void test_duplicate_json_key(void **state)
{
	(void)state;
	/* "a" on line 3: the key token's closing quote is in column 5 */
	const char *dup = "{\n  \"a\": 1,\n  \"a\": 2\n}";
	expect_raw(dup, strlen(dup), ANKER_E_DUPLICATE, 3, 5);

	/* the same inside the full model: "id" twice, the second on line 6 */
	char text[sizeof(base_model) + 32];
	const char *at = strstr(base_model, "  \"name\": \"Test model\"");
	assert_non_null(at);
	snprintf(text, sizeof(text), "%.*s  \"id\": \"x\",\n%s", (int)(at - base_model), base_model,
		 at);
	expect_raw(text, strlen(text), ANKER_E_DUPLICATE, 6, 6);
}

static void test_top_level_not_an_object(void **state)
{
	(void)state;
	static const char *const texts[] = { "[]", "42", "\"anker-model\"", "null", "true",
					     "[{\"format\": \"anker-model\"}]" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct anker_ctx *ctx = test_ctx_new();
		struct anker_error *err =
			test_model_expect_error(ctx, texts[i], ANKER_E_WRONG_TYPE);
		assert_string_equal(anker_error_path(err), "$");
		assert_null(anker_error_field(err));
		assert_string_equal(anker_error_file(err), "test.json");
		anker_error_free(err);
		anker_ctx_unref(ctx);
	}
}

/* ---------------------------------------------------------------- success, files, memory */

static void test_valid_model_and_hash(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_json(ctx, base_model);
	assert_string_equal(anker_model_get_sha256(model), base_model_sha256);
	assert_string_equal(anker_model_get_id(model), "test-model.v1");
	assert_int_equal(anker_model_get_term_count(model), 6);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Hash of bytes that differ only in white space differ: the hash is of bytes, not of JSON. */
static void test_hash_is_of_bytes(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	size_t n = strlen(base_model);
	char *text = malloc(n + 2);
	assert_non_null(text);
	memcpy(text, base_model, n);
	text[n] = '\n';
	text[n + 1] = '\0';
	struct anker_model *a = test_model_from_json(ctx, base_model);
	struct anker_model *b = test_model_from_json(ctx, text);
	assert_string_not_equal(anker_model_get_sha256(a), anker_model_get_sha256(b));
	assert_int_equal(strlen(anker_model_get_sha256(b)), 64);
	anker_model_unref(a);
	anker_model_unref(b);
	anker_ctx_unref(ctx);
	free(text);
}

static char *write_temp(const char *data, size_t size)
{
	char *path = strdup("/tmp/anker-test-model-XXXXXX");
	assert_non_null(path);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, size), (ssize_t)size);
	close(fd);
	return path;
}

static void test_load_file(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	char *path = write_temp(base_model, strlen(base_model));
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_model_load_file(ctx, path, err, &model), 0);
	assert_string_equal(anker_model_get_sha256(model), base_model_sha256);
	anker_model_unref(model);

	/* errors in a file name the path given */
	char *bad = write_temp("{\"format\": 1}", 13);
	model = NULL;
	assert_int_equal(anker_model_load_file(ctx, bad, err, &model), ANKER_E_WRONG_TYPE);
	assert_null(model);
	assert_string_equal(anker_error_file(err), bad);
	assert_string_equal(anker_error_path(err), "$.format");
	assert_true(strncmp(anker_error_message(err), bad, strlen(bad)) == 0);
	unlink(bad);
	free(bad);

	unlink(path);
	free(path);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_file_not_found(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = (struct anker_model *)&model; /* untouched on failure */
	assert_int_equal(anker_error_new(&err), 0);
	const char *path = "/nonexistent-anker-dir/model.json";
	assert_int_equal(anker_model_load_file(ctx, path, err, &model), ANKER_E_IO);
	assert_ptr_equal(model, (struct anker_model *)&model);
	assert_int_equal(anker_error_code(err), ANKER_E_IO);
	assert_string_equal(anker_error_file(err), path);
	assert_non_null(strstr(anker_error_message(err), path));
	assert_non_null(strstr(anker_error_message(err), strerror(ENOENT)));

	/* a directory cannot be read as a model either */
	assert_int_equal(anker_model_load_file(ctx, "/tmp", err, &model), ANKER_E_IO);
	assert_non_null(strstr(anker_error_message(err), strerror(EISDIR)));
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_file_too_large(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);

	/* sparse files: no disk space is used */
	char *path = write_temp("", 0);
	assert_int_equal(truncate(path, (off_t)ANKER_MODEL_MAX_BYTES + 1), 0);
	assert_int_equal(anker_model_load_file(ctx, path, err, &model), ANKER_E_TOO_LARGE);
	assert_string_equal(anker_error_file(err), path);
	assert_null(model);
	/* exactly the limit passes the size check and fails on its content (NUL bytes) */
	assert_int_equal(truncate(path, (off_t)ANKER_MODEL_MAX_BYTES), 0);
	assert_int_equal(anker_model_load_file(ctx, path, err, &model), ANKER_E_SYNTAX);
	assert_null(model);
	unlink(path);
	free(path);

	/* a buffer beyond the limit is refused before it is read */
	char *big = calloc(1, (size_t)ANKER_MODEL_MAX_BYTES + 1);
	assert_non_null(big);
	assert_int_equal(anker_model_load_buffer(ctx, big, (size_t)ANKER_MODEL_MAX_BYTES + 1, NULL,
						 err, &model),
			 ANKER_E_TOO_LARGE);
	assert_string_equal(anker_error_file(err), "<buffer>");
	free(big);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	size_t n = strlen(base_model);
	assert_int_equal(anker_model_load_buffer(NULL, base_model, n, NULL, NULL, &model),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_load_buffer(ctx, NULL, n, NULL, NULL, &model),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_load_buffer(ctx, base_model, n, NULL, NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_load_file(NULL, "x.json", NULL, &model),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_load_file(ctx, NULL, NULL, &model), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_load_file(ctx, "x.json", NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	assert_null(model);

	/* no error object: still the right code, and no crash */
	assert_int_equal(anker_model_load_buffer(ctx, "[]", 2, NULL, NULL, &model),
			 ANKER_E_WRONG_TYPE);
	/* without a source name errors cite "<buffer>" */
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_model_load_buffer(ctx, "[]", 2, NULL, err, &model),
			 ANKER_E_WRONG_TYPE);
	assert_string_equal(anker_error_file(err), "<buffer>");
	assert_true(strncmp(anker_error_message(err), "<buffer>: $: ", 13) == 0);
	/* the buffer need not be NUL-terminated: only size bytes are read */
	char *copy = malloc(n);
	assert_non_null(copy);
	memcpy(copy, base_model, n);
	assert_int_equal(anker_model_load_buffer(ctx, copy, n, NULL, err, &model), 0);
	anker_model_unref(model);
	free(copy);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_out_of_memory_everywhere(void **state)
{
	(void)state;
	char *path = write_temp(base_model, strlen(base_model));
	/* the model is not a handful of allocations: the loops really walked the paths */
	assert_true(expect_out_of_memory_everywhere(base_model, NULL) > 50);
	assert_true(expect_out_of_memory_everywhere(base_model, path) > 50);
	unlink(path);
	free(path);
}

struct log_capture {
	int calls;
	int level;
	char message[512];
};

static void capture_log(void *data, int level, const char *message)
{
	struct log_capture *cap = data;
	cap->calls++;
	cap->level = level;
	snprintf(cap->message, sizeof(cap->message), "%s", message);
}

static void test_logs_identity_only(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct log_capture cap = { 0 };
	anker_ctx_set_log_fn(ctx, capture_log, &cap);

	/* at the default level (errors) a load says nothing */
	struct anker_model *model = test_model_from_json(ctx, base_model);
	anker_model_unref(model);
	assert_int_equal(cap.calls, 0);

	anker_ctx_set_log_level(ctx, ANKER_LOG_INFO);
	model = test_model_from_json(ctx, base_model);
	assert_int_equal(cap.calls, 1);
	assert_int_equal(cap.level, ANKER_LOG_INFO);
	char expected[256];
	snprintf(expected, sizeof(expected), "loaded model test-model.v1 version 1.0.0 (sha256 %s)",
		 base_model_sha256);
	assert_string_equal(cap.message, expected);
	anker_model_unref(model);

	/* a failed load logs nothing either */
	struct anker_error *err = test_model_expect_error(ctx, "[]", ANKER_E_WRONG_TYPE);
	anker_error_free(err);
	assert_int_equal(cap.calls, 1);
	anker_ctx_unref(ctx);
}

static void test_numbers_ignore_locale(void **state)
{
	(void)state;
	static const char *const locales[] = { "nl_NL.UTF-8", "nl_NL.utf8", "de_DE.UTF-8",
					       "fr_FR.UTF-8" };
	const char *set = NULL;
	for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]) && !set; i++)
		set = setlocale(LC_NUMERIC, locales[i]);
	if (!set)
		skip(); /* no comma-decimal locale installed */
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_json(ctx, base_model);
	setlocale(LC_NUMERIC, "C");
	assert_true(anker_model_get_band_upper(model, 0) == 0.3);
	assert_true(anker_model_get_band_upper(model, 1) == 0.6);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* The complete example in docs/model-format.md is a valid model using every term type. */
static void test_documented_example(void **state)
{
	(void)state;
	size_t len;
	const char *text = test_doc_example("complete-model", &len);

	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, text, len, "model-format.md", err, &model);
	if (r != 0)
		fail_msg("documented example: %s", anker_error_message(err));
	static const int types[] = {
		ANKER_TERM_INTERCEPT, ANKER_TERM_LINEAR,      ANKER_TERM_LINEAR,
		ANKER_TERM_SPLINE,    ANKER_TERM_BINS,	      ANKER_TERM_CATEGORICAL,
		ANKER_TERM_INTERACTION,
	};
	assert_int_equal(anker_model_get_term_count(model), 7);
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(anker_model_get_term_type(model, i), types[i]);
	assert_int_equal(anker_model_get_band_count(model), 4);
	/* exactly 0.5 is in "moderate" under "lower", as the prose says */
	assert_int_equal(anker_model_band_for_probability(model, 0.5), 1);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_model_and_hash),
		cmocka_unit_test(test_hash_is_of_bytes),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_missing_keys),
		cmocka_unit_test(test_header_and_metadata),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_count_limits),
		cmocka_unit_test(test_boundary_values_accepted),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_duplicate_json_key),
		cmocka_unit_test(test_top_level_not_an_object),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_file_not_found),
		cmocka_unit_test(test_file_too_large),
		cmocka_unit_test(test_invalid_arguments),
		cmocka_unit_test(test_out_of_memory_everywhere),
		cmocka_unit_test(test_logs_identity_only),
		cmocka_unit_test(test_numbers_ignore_locale),
		cmocka_unit_test(test_documented_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
