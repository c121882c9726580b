/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sections of a model file, each read by its own loader. load.c reads the
 * common metadata and dispatches on "kind"; a kind's loader reads its own
 * top-level keys. Each loader fills the model in place; on failure the caller
 * destroys the half-built model.
 */
#ifndef ANKER_MODEL_LOAD_PRIVATE_H
#define ANKER_MODEL_LOAD_PRIVATE_H

#include "load-json.h"

/* Calendar dates "YYYY-MM-DD" (a real date: no 2026-02-30). */
bool anker_is_valid_date(const char *s);

/* $.variables (common to every kind). */
int anker_load_variables(struct jr *jr, json_t *root, struct anker_model *model);

/* A variable by name, or NULL. */
const struct anker_variable *anker_loader_find_variable(const struct anker_model *model,
							const char *name, size_t *ret_index);
/* A level code by name, or -1. */
int32_t anker_loader_find_level(const struct anker_variable *var, const char *name);

/* Kind "binary": its top-level keys, and its loader (link, terms, bands). */
extern const char *const anker_binary_keys[];
int anker_load_binary(struct jr *jr, json_t *root, struct anker_model *model);

/* Sections of a binary model. */
int anker_load_terms(struct jr *jr, json_t *root, struct anker_model *model);
int anker_load_bands(struct jr *jr, json_t *root, struct anker_model *model);

#endif
