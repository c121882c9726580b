/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": do the earlier rules together cover a later one, so that it
 * can never fire? Decided exactly by regions (docs/assessment.md, "Rules
 * that can never fire").
 *
 * A condition is turned into a region: a union of boxes over the inputs the
 * rules read. In a box, a level input holds a set of levels (and whether
 * "missing" is in it), a number input an interval (open or closed at each
 * end, unbounded allowed) and whether missing is in it. Atoms are boxes
 * ("!=" on a number is two), "all" intersects, "any" unites, "not"
 * complements. The later rule is unreachable exactly when each of its boxes
 * lies in the union of the earlier rules' boxes, which is decided by taking
 * the earlier boxes away one at a time (a box minus a box is a few disjoint
 * boxes). Numbers range over all reals, levels over the input's levels, and
 * both may be missing; the inputs' declared ranges are not used, so the
 * answer never depends on a policy for values outside them.
 *
 * Beyond MAX_DIMS inputs, MAX_BOXES boxes or BUDGET steps the answer is
 * "undecided" and the caller keeps the rule: never a wrong rejection.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#define MAX_DIMS  16
#define MAX_BOXES 256
#define BUDGET	  200000

struct dim {
	uint64_t levels; /* a level input: bits, R_MISSING_BIT for missing */
	double lo, hi;	 /* a number input: the interval, */
	bool lo_open, hi_open;
	bool missing; /* and whether missing is in it */
};

struct box {
	struct dim d[MAX_DIMS];
};

struct space {
	const struct anker_rules *t;
	size_t n_dims;
	size_t input[MAX_DIMS]; /* the rule-table input of each dimension */
	bool categorical[MAX_DIMS];
	uint64_t all_levels[MAX_DIMS]; /* with R_MISSING_BIT */
	long budget;
	bool undecided;
};

struct region {
	struct box *boxes;
	size_t n;
};

static struct dim whole(const struct space *s, size_t k)
{
	return (struct dim){s->all_levels[k], -INFINITY, INFINITY, false, false, true};
}

static bool interval_empty(const struct dim *d)
{
	return d->lo > d->hi || (d->lo == d->hi && (d->lo_open || d->hi_open));
}

static bool dim_empty(const struct space *s, size_t k, const struct dim *d)
{
	return s->categorical[k] ? d->levels == 0 : interval_empty(d) && !d->missing;
}

static struct dim dim_meet(const struct space *s, size_t k, const struct dim *a,
			   const struct dim *b)
{
	struct dim m = *a;
	if (s->categorical[k]) {
		m.levels = a->levels & b->levels;
		return m;
	}
	if (b->lo > a->lo || (b->lo == a->lo && b->lo_open))
		m.lo = b->lo, m.lo_open = b->lo_open;
	if (b->hi < a->hi || (b->hi == a->hi && b->hi_open))
		m.hi = b->hi, m.hi_open = b->hi_open;
	m.missing = a->missing && b->missing;
	return m;
}

/* The complement of @p d as up to three disjoint pieces; returns how many. */
static size_t dim_complement(const struct space *s, size_t k, const struct dim *d,
			     struct dim out[3])
{
	size_t n = 0;
	if (s->categorical[k]) {
		out[0] = *d;
		out[0].levels = s->all_levels[k] & ~d->levels;
		return out[0].levels ? 1 : 0;
	}
	struct dim none = {0, INFINITY, -INFINITY, false, false, false};
	if (interval_empty(d)) {
		out[n] = whole(s, k);
		out[n++].missing = !d->missing;
		return n;
	}
	if (!(isinf(d->lo) && d->lo < 0 && !d->lo_open)) {
		out[n] = none;
		out[n].lo = -INFINITY;
		out[n].hi = d->lo;
		out[n].hi_open = !d->lo_open;
		if (!interval_empty(&out[n]))
			n++;
	}
	if (!(isinf(d->hi) && d->hi > 0 && !d->hi_open)) {
		out[n] = none;
		out[n].lo = d->hi;
		out[n].lo_open = !d->hi_open;
		out[n].hi = INFINITY;
		if (!interval_empty(&out[n]))
			n++;
	}
	if (!d->missing) {
		out[n] = none;
		out[n++].missing = true;
	}
	return n;
}

static bool box_empty(const struct space *s, const struct box *b)
{
	for (size_t k = 0; k < s->n_dims; k++)
		if (dim_empty(s, k, &b->d[k]))
			return true;
	return false;
}

static bool add_box(struct space *s, struct region *r, const struct box *b)
{
	if (box_empty(s, b))
		return true;
	if (r->n == MAX_BOXES) {
		s->undecided = true;
		return false;
	}
	r->boxes[r->n++] = *b;
	return true;
}

static int dim_of(const struct space *s, size_t input)
{
	for (size_t k = 0; k < s->n_dims; k++)
		if (s->input[k] == input)
			return (int)k;
	return -1;
}

static void universe(const struct space *s, struct box *b)
{
	for (size_t k = 0; k < s->n_dims; k++)
		b->d[k] = whole(s, k);
}

/* An atom's region: one box, or two for "!=" on a number. */
static bool atom_region(struct space *s, const struct r_cond *c, struct region *r)
{
	size_t k = (size_t)dim_of(s, c->input);
	struct box b;
	universe(s, &b);
	struct dim *d = &b.d[k];
	if (s->categorical[k]) {
		uint64_t present = s->all_levels[k] & ~R_MISSING_BIT;
		d->levels = c->op == R_MISSING		     ? R_MISSING_BIT
			    : c->op == R_PRESENT	     ? present
			    : c->op == R_EQ || c->op == R_IN ? c->levels & present
							     : present & ~c->levels;
		return add_box(s, r, &b);
	}
	d->missing = c->op == R_MISSING;
	switch (c->op) {
	case R_MISSING:
		d->lo = INFINITY, d->hi = -INFINITY;
		break;
	case R_PRESENT:
		break;
	case R_LT:
	case R_LE:
		d->hi = c->value, d->hi_open = c->op == R_LT;
		break;
	case R_GT:
	case R_GE:
		d->lo = c->value, d->lo_open = c->op == R_GT;
		break;
	case R_EQ:
		d->lo = d->hi = c->value;
		break;
	case R_NE: {
		struct box above = b;
		d->hi = c->value, d->hi_open = true;
		above.d[k].lo = c->value, above.d[k].lo_open = true;
		return add_box(s, r, &b) && add_box(s, r, &above);
	}
	default:
		s->undecided = true;
		return false;
	}
	return add_box(s, r, &b);
}

static bool region_of(struct space *s, const struct r_cond *c, struct region *r);

/* @p r := @p r intersected with @p other. */
static bool meet(struct space *s, struct region *r, const struct region *other,
		 struct region *scratch)
{
	scratch->n = 0;
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < other->n; j++) {
			struct box b;
			for (size_t k = 0; k < s->n_dims; k++)
				b.d[k] = dim_meet(s, k, &r->boxes[i].d[k], &other->boxes[j].d[k]);
			if (!add_box(s, scratch, &b))
				return false;
		}
	memcpy(r->boxes, scratch->boxes, scratch->n * sizeof(*r->boxes));
	r->n = scratch->n;
	return true;
}

static bool new_region(struct region *r)
{
	r->n = 0;
	r->boxes = malloc(MAX_BOXES * sizeof(*r->boxes));
	return r->boxes != NULL;
}

/* The complement of a region: the intersection of its boxes' complements. */
static bool complement(struct space *s, struct region *r)
{
	struct region result = {NULL, 0}, piece = {NULL, 0}, scratch = {NULL, 0};
	bool ok = new_region(&result) && new_region(&piece) && new_region(&scratch);
	if (ok) {
		universe(s, &result.boxes[0]);
		result.n = 1;
	}
	for (size_t i = 0; ok && i < r->n; i++) {
		/* the complement of one box: per dimension, that dimension's complement */
		piece.n = 0;
		for (size_t k = 0; ok && k < s->n_dims; k++) {
			struct dim parts[3];
			size_t np = dim_complement(s, k, &r->boxes[i].d[k], parts);
			for (size_t p = 0; ok && p < np; p++) {
				struct box b;
				universe(s, &b);
				b.d[k] = parts[p];
				ok = add_box(s, &piece, &b);
			}
		}
		ok = ok && meet(s, &result, &piece, &scratch);
	}
	if (ok) {
		memcpy(r->boxes, result.boxes, result.n * sizeof(*r->boxes));
		r->n = result.n;
	}
	free(result.boxes);
	free(piece.boxes);
	free(scratch.boxes);
	if (!ok)
		s->undecided = true;
	return ok;
}

static bool region_of(struct space *s, const struct r_cond *c, struct region *r)
{
	r->n = 0;
	if (--s->budget < 0) {
		s->undecided = true;
		return false;
	}
	if (c->op != R_ALL && c->op != R_ANY && c->op != R_NOT)
		return atom_region(s, c, r);
	if (c->op == R_NOT)
		return region_of(s, c->kids, r) && complement(s, r);
	struct region kid = {NULL, 0}, scratch = {NULL, 0};
	bool ok = new_region(&kid) && new_region(&scratch);
	if (ok && c->op == R_ALL) {
		universe(s, &r->boxes[0]);
		r->n = 1;
	}
	for (size_t i = 0; ok && i < c->n_kids; i++) {
		ok = region_of(s, &c->kids[i], &kid);
		if (ok && c->op == R_ALL)
			ok = meet(s, r, &kid, &scratch);
		for (size_t j = 0; ok && c->op == R_ANY && j < kid.n; j++)
			ok = add_box(s, r, &kid.boxes[j]);
	}
	free(kid.boxes);
	free(scratch.boxes);
	if (!ok)
		s->undecided = true;
	return ok;
}

/* Is box @p b inside the union of @p boxes? */
static bool box_covered(struct space *s, const struct box *b, const struct box *boxes, size_t n)
{
	if (box_empty(s, b))
		return true;
	if (n == 0 || s->undecided)
		return false;
	if (--s->budget < 0) {
		s->undecided = true;
		return false;
	}
	const struct box *e = &boxes[0];
	struct box inside;
	for (size_t k = 0; k < s->n_dims; k++)
		inside.d[k] = dim_meet(s, k, &b->d[k], &e->d[k]);
	if (box_empty(s, &inside))
		return box_covered(s, b, boxes + 1, n - 1);
	/* b minus e: per dimension k, inside e before k, outside e at k, as b after */
	struct box piece = *b;
	for (size_t k = 0; k < s->n_dims; k++) {
		struct dim parts[3];
		size_t np = dim_complement(s, k, &e->d[k], parts);
		for (size_t p = 0; p < np; p++) {
			piece.d[k] = dim_meet(s, k, &b->d[k], &parts[p]);
			if (!box_covered(s, &piece, boxes + 1, n - 1))
				return false;
		}
		piece.d[k] = inside.d[k];
	}
	return true;
}

static bool collect_inputs(struct space *s, const struct r_cond *c)
{
	if (!c)
		return true;
	if (c->op == R_ALL || c->op == R_ANY || c->op == R_NOT) {
		for (size_t i = 0; i < c->n_kids; i++)
			if (!collect_inputs(s, &c->kids[i]))
				return false;
		return true;
	}
	if (dim_of(s, c->input) >= 0)
		return true;
	if (s->n_dims == MAX_DIMS)
		return false;
	const struct anker_variable *var = &s->t->linear.variables[c->input];
	size_t k = s->n_dims++;
	s->input[k] = c->input;
	s->categorical[k] = var->kind == ANKER_VARIABLE_CATEGORICAL;
	s->all_levels[k] =
	    (var->n_levels >= 62 ? (R_MISSING_BIT - 1) : (UINT64_C(1) << var->n_levels) - 1) |
	    R_MISSING_BIT;
	return true;
}

int anker_rules_region_covers(const struct anker_rules *t, size_t later, bool *used)
{
	struct space s = {.t = t, .budget = BUDGET};
	for (size_t j = 0; j <= later; j++)
		if (!collect_inputs(&s, t->rules[j].when))
			return -1;
	struct region mine = {NULL, 0}, theirs = {NULL, 0}, one = {NULL, 0};
	int result = -1;
	if (!new_region(&mine) || !new_region(&theirs) || !new_region(&one))
		goto out;
	if (!region_of(&s, t->rules[later].when, &mine))
		goto out;
	for (size_t j = 0; j < later; j++) {
		if (!region_of(&s, t->rules[j].when, &one))
			goto out;
		/* which earlier rules share cases with the later one, for the message */
		used[j] = false;
		for (size_t a = 0; a < one.n && !used[j]; a++)
			for (size_t b = 0; b < mine.n && !used[j]; b++) {
				struct box m;
				for (size_t k = 0; k < s.n_dims; k++)
					m.d[k] = dim_meet(&s, k, &one.boxes[a].d[k],
							  &mine.boxes[b].d[k]);
				used[j] = !box_empty(&s, &m);
			}
		for (size_t a = 0; a < one.n; a++)
			if (!add_box(&s, &theirs, &one.boxes[a]))
				goto out;
	}
	result = 1;
	for (size_t b = 0; result == 1 && b < mine.n; b++)
		if (!box_covered(&s, &mine.boxes[b], theirs.boxes, theirs.n))
			result = s.undecided ? -1 : 0;
out:
	free(mine.boxes);
	free(theirs.boxes);
	free(one.boxes);
	return s.undecided ? -1 : result;
}
