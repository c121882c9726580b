/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * $.bands: thresholds on a probability and where exact ties go (a binary
 * model's bands); and the parts of one band that a questionnaire scale's
 * levels share with it (a name, and an upper threshold inside a range).
 */
#include <string.h>

#include "load-private.h"

#define MAX_BANDS 16

int anker_load_band_upper(struct jr *jr, json_t *obj, struct anker_band *band, bool last,
			  double previous, double lo, double hi)
{
	if (last) {
		if (json_object_get(obj, "upper"))
			return jr_fail_at(jr, "upper", ANKER_E_BAD_VALUE,
					  "the last one has no upper threshold (it ends at %g)", hi);
		band->upper = hi;
		return 0;
	}
	int r = jr_number(jr, obj, "upper", true, &band->upper);
	if (r < 0)
		return r;
	if (!(band->upper > lo && band->upper < hi))
		return jr_fail_at(jr, "upper", ANKER_E_BAD_VALUE,
				  "%g is not strictly inside (%g, %g)", band->upper, lo, hi);
	if (!(band->upper > previous))
		return jr_fail_at(jr, "upper", ANKER_E_ORDER,
				  "%g does not exceed the previous one's %g", band->upper, previous);
	return 0;
}

int anker_load_band_name(struct jr *jr, json_t *obj, struct anker_band *band)
{
	static const char *const keys[] = { "name", "label", "upper", NULL };
	const char *name = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_strdup(jr, name, &band->name);
	return r;
}

static int load_band(struct jr *jr, json_t *obj, struct anker_band *band, bool last,
		     double previous)
{
	const char *label = NULL;
	int r = anker_load_band_name(jr, obj, band);
	if (r == 0)
		r = jr_string(jr, obj, "label", false, &label);
	if (r == 0)
		r = jr_strdup(jr, label ? label : band->name, &band->label);
	if (r == 0)
		r = anker_load_band_upper(jr, obj, band, last, previous, 0.0, 1.0);
	return r;
}

static int check_unique_names(struct jr *jr, struct anker_bands *bands)
{
	/* At most 16 bands: the quadratic check needs no memory. */
	for (size_t i = 1; i < bands->count; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(bands->items[i].name, bands->items[j].name) != 0)
				continue;
			struct jr_mark mark = jr_push_index(jr, i);
			int r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE,
					   "band \"%s\" is defined twice", bands->items[i].name);
			jr_pop(jr, mark);
			return r;
		}
	}
	return 0;
}

static int load_items(struct jr *jr, json_t *items, struct anker_bands *bands)
{
	size_t n = json_array_size(items);
	bands->items = anker_alloc_zeroed(jr->ctx, n, sizeof(*bands->items));
	if (!bands->items)
		return jr_fail_no_memory(jr);
	bands->count = n;
	double previous = 0.0;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		int r =
		    load_band(jr, json_array_get(items, i), &bands->items[i], i + 1 == n, previous);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
		previous = bands->items[i].upper;
	}
	return check_unique_names(jr, bands);
}

static int load_bands_object(struct jr *jr, json_t *obj, struct anker_bands *bands)
{
	static const char *const keys[] = { "boundary", "items", NULL };
	json_t *items = NULL;
	int r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_choice(jr, obj, "boundary", true, anker_band_boundary_names,
			      &bands->boundary);
	if (r == 0)
		r = jr_array(jr, obj, "items", true, 1, MAX_BANDS, &items);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "items");
	r = load_items(jr, items, bands);
	jr_pop(jr, mark);
	return r;
}

int anker_load_bands(struct jr *jr, json_t *root, struct anker_bands *bands)
{
	json_t *obj = NULL;
	int r = jr_object(jr, root, "bands", true, &obj);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "bands");
	r = load_bands_object(jr, obj, bands);
	jr_pop(jr, mark);
	return r;
}
