/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The file-format names of the public enums, in one place: the loader reads
 * them from model files, the anker_*_name() functions give them back. The
 * names of model kinds are in the kind table (kind.c), with the kinds.
 */
#ifndef ANKER_MODEL_NAMES_H
#define ANKER_MODEL_NAMES_H

struct anker_name_value {
	const char *name;
	int value;
};

/* Each table ends with a NULL name. */
extern const struct anker_name_value anker_variable_kind_names[];
extern const struct anker_name_value anker_range_policy_names[];
extern const struct anker_name_value anker_missing_policy_names[];
extern const struct anker_name_value anker_link_names[];
extern const struct anker_name_value anker_band_boundary_names[];
extern const struct anker_name_value anker_survival_form_names[];
extern const struct anker_name_value anker_output_type_names[];
extern const struct anker_name_value anker_term_type_names[];

/* The name of @p value in @p table, or NULL. */
const char *anker_name_of(const struct anker_name_value *table, int value);

#endif
