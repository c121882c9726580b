/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": does an earlier rule's condition cover a later one's, so that
 * the later rule can never fire? Decided soundly but not completely: each
 * atom (and a "not" of one) is a set of values of one input (levels as bits,
 * numbers as an interval, plus whether "missing" is in it), and all/any are
 * taken apart by the rules below. When nothing can be decided, the answer
 * is "no", and the rule is kept.
 */
#include "rules.h"

/* The values of one input that satisfy an atom. */
struct r_set {
	size_t input;
	uint64_t levels; /* a level input: bits, R_MISSING_BIT for missing */
	double lo, hi;	 /* a number input: the interval... */
	bool lo_open, hi_open;
	bool missing; /* ...and whether missing satisfies it */
};

static bool atom_set(const struct anker_rules *t, const struct r_cond *c, bool negate,
		     struct r_set *s)
{
	if (c->op == R_NOT)
		return c->kids->op != R_ALL && c->kids->op != R_ANY && c->kids->op != R_NOT &&
		       atom_set(t, c->kids, !negate, s);
	if (c->op == R_ALL || c->op == R_ANY)
		return false;
	const struct anker_variable *var = &t->linear.variables[c->input];
	*s = (struct r_set){c->input, 0, -INFINITY, INFINITY, false, false, false};
	if (var->kind == ANKER_VARIABLE_CATEGORICAL) {
		uint64_t all =
		    (var->n_levels >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << var->n_levels) - 1);
		uint64_t bits = c->op == R_MISSING		 ? R_MISSING_BIT
				: c->op == R_PRESENT		 ? all
				: c->op == R_EQ || c->op == R_IN ? c->levels
								 : all & ~c->levels;
		s->levels = negate ? (all | R_MISSING_BIT) & ~bits : bits;
		return true;
	}
	/* numbers: the atom as an interval, then its complement when negated */
	switch (c->op) {
	case R_MISSING:
		s->missing = true;
		s->lo = INFINITY; /* empty */
		s->hi = -INFINITY;
		break;
	case R_PRESENT:
		break;
	case R_LT:
	case R_LE:
		s->hi = c->value;
		s->hi_open = c->op == R_LT;
		break;
	case R_GT:
	case R_GE:
		s->lo = c->value;
		s->lo_open = c->op == R_GT;
		break;
	case R_EQ:
		s->lo = s->hi = c->value;
		break;
	default:
		return false; /* != is two intervals */
	}
	if (!negate)
		return true;
	/* the complement of a half-line is the other half-line, and missing */
	bool lower = isinf(s->lo) && s->lo < 0, upper = isinf(s->hi) && s->hi > 0;
	if (c->op == R_MISSING || c->op == R_PRESENT) {
		bool was_missing = s->missing;
		*s = (struct r_set){c->input, 0, -INFINITY, INFINITY, false, false, !was_missing};
		if (!was_missing)
			s->lo = INFINITY, s->hi = -INFINITY;
		return true;
	}
	if (lower == upper)
		return false; /* == */
	double cut = lower ? s->hi : s->lo;
	bool open = lower ? s->hi_open : s->lo_open;
	*s = (struct r_set){c->input, 0, -INFINITY, INFINITY, false, false, true};
	if (lower)
		s->lo = cut, s->lo_open = !open;
	else
		s->hi = cut, s->hi_open = !open;
	return true;
}

static bool interval_empty(const struct r_set *s)
{
	return s->lo > s->hi || (s->lo == s->hi && (s->lo_open || s->hi_open));
}

static bool subset(const struct anker_rules *t, const struct r_set *a, const struct r_set *b)
{
	if (a->input != b->input)
		return false;
	if (t->linear.variables[a->input].kind == ANKER_VARIABLE_CATEGORICAL)
		return (a->levels & ~b->levels) == 0;
	if (a->missing && !b->missing)
		return false;
	if (interval_empty(a))
		return true;
	bool lo_ok = a->lo > b->lo || (a->lo == b->lo && (a->lo_open || !b->lo_open));
	bool hi_ok = a->hi < b->hi || (a->hi == b->hi && (a->hi_open || !b->hi_open));
	return lo_ok && hi_ok;
}

bool anker_rules_covers(const struct anker_rules *t, const struct r_cond *earlier,
			const struct r_cond *later)
{
	/* later = any(l...): each l must be covered */
	if (later->op == R_ANY) {
		for (size_t i = 0; i < later->n_kids; i++)
			if (!anker_rules_covers(t, earlier, &later->kids[i]))
				return false;
		return true;
	}
	/* earlier = all(e...): every e must cover later */
	if (earlier->op == R_ALL) {
		for (size_t i = 0; i < earlier->n_kids; i++)
			if (!anker_rules_covers(t, &earlier->kids[i], later))
				return false;
		return true;
	}
	/* earlier = any(e...): one e that covers later is enough */
	if (earlier->op == R_ANY) {
		for (size_t i = 0; i < earlier->n_kids; i++)
			if (anker_rules_covers(t, &earlier->kids[i], later))
				return true;
	}
	/* later = all(l...): one l inside earlier is enough */
	if (later->op == R_ALL) {
		for (size_t i = 0; i < later->n_kids; i++)
			if (anker_rules_covers(t, earlier, &later->kids[i]))
				return true;
		return false;
	}
	struct r_set e, l;
	return atom_set(t, earlier, false, &e) && atom_set(t, later, false, &l) &&
	       subset(t, &l, &e);
}
