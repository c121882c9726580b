/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kind "binary": a linear predictor of terms, a link to a probability, and bands. */
#include <string.h>

#include "load-private.h"

const char *const anker_binary_keys[] = { "link", "terms", "bands", NULL };

static int load_link(struct jr *jr, json_t *root, struct anker_model *model)
{
	const char *link = NULL;
	int r = jr_string(jr, root, "link", true, &link);
	if (r < 0)
		return r;
	for (const struct anker_name_value *c = anker_link_names; c->name; c++) {
		if (strcmp(link, c->name) == 0) {
			model->link = c->value;
			return 0;
		}
	}
	/* A link this library does not know is a newer model, not a typo we can name. */
	return jr_fail_at(jr, "link", ANKER_E_UNSUPPORTED,
			  "link \"%s\" is not supported (\"logit\" or \"probit\")", link);
}

int anker_load_binary(struct jr *jr, json_t *root, struct anker_model *model)
{
	int r = load_link(jr, root, model);
	if (r == 0)
		r = anker_load_terms(jr, root, model);
	if (r == 0)
		r = anker_load_bands(jr, root, model);
	return r;
}
