/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tables of struct anker_overrides, shared by its reader and its accessors. */
#ifndef ANKER_ASSESS_OVERRIDES_PRIVATE_H
#define ANKER_ASSESS_OVERRIDES_PRIVATE_H

#include <stddef.h>

#include <anker/assess.h>

struct ov_row {
	char *key;
	size_t records, decided, overridden;
};

struct ov_cell {
	char *field, *advised, *decided;
	size_t count;
};

struct ov_reason {
	char *code; /* NULL: a reason with text only */
	size_t count, overridden;
};

struct ov_table {
	void *rows;
	size_t n, cap, size;
};

struct anker_overrides {
	struct anker_ctx *ctx;
	char *profile_id;
	size_t counts[4];
	struct ov_table by[2];	       /* struct ov_row, per enum anker_overrides_by */
	struct ov_table cells;	       /* struct ov_cell */
	struct ov_table reasons;       /* struct ov_reason */
	struct anker_profile *profile; /* for labels, or NULL */
};

#endif
