/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Who in the home is a cost-sharer (art. 19a(1)): a housemate of the table's
 * age (27, or 21 before 2023) or older, unless an exception applies: a
 * tenant, landlord or boarder with a written contract at a commercial price
 * who is not a relative in the first or second degree; a student entitled to
 * study finance (WSF 2000, WTOS) or in BBL; from 2026 someone who moves in to
 * give intensive care. The spouse is never a housemate here: the couple is
 * the claimant's household (household.c refuses "spouse").
 */
#include "eval-private.h"

static const struct wwb_text relation_texts[] = {
    [WWB_REL_RELATIVE_1] = {"bloedverwant in de eerste graad", "relative in the first degree"},
    [WWB_REL_RELATIVE_2] = {"bloedverwant in de tweede graad", "relative in the second degree"},
    [WWB_REL_OTHER] = {"overige huisgenoot", "other housemate"},
    [WWB_REL_TENANT] = {"huurder", "tenant"},
    [WWB_REL_LANDLORD] = {"verhuurder", "landlord"},
    [WWB_REL_BOARDER] = {"kostganger", "boarder"},
    [WWB_REL_STUDENT] = {"student", "student"},
    [WWB_REL_CARER] = {"mantelzorger", "carer"},
    [WWB_REL_SPOUSE] = {"echtgenoot", "spouse"},
};

/* Whether an exception of art. 19a(1) takes the housemate out. */
enum exception { NO_EXCEPTION, EXCEPTION, EXCEPTION_UNKNOWN };

struct judgement {
	enum exception exception;
	const char *why_nl, *why_en; /* the exception, or why there is none */
};

static enum exception both_facts(struct anker_wwb_result *r, size_t i, const char *a, int fa,
				 const char *b, int fb)
{
	if (fa == WWB_NO || fb == WWB_NO)
		return NO_EXCEPTION;
	if (fa == WWB_UNKNOWN)
		wwb_missing(r, "$.housemates[%zu].%s", i, a);
	if (fb == WWB_UNKNOWN)
		wwb_missing(r, "$.housemates[%zu].%s", i, b);
	return fa == WWB_YES && fb == WWB_YES ? EXCEPTION : EXCEPTION_UNKNOWN;
}

static struct judgement judge_contract(struct anker_wwb_result *r, size_t i,
				       const struct wwb_housemate *h)
{
	if (h->relative_degree > 0)
		return (struct judgement){NO_EXCEPTION,
					  "bloedverwant in de eerste of tweede graad, ook met "
					  "een contract",
					  "a relative in the first or second degree, contract or "
					  "not"};
	enum exception x = both_facts(r, i, "written_contract", h->written_contract,
				      "commercial_price", h->commercial_price);
	if (x == EXCEPTION)
		return (struct judgement){x,
					  "schriftelijke overeenkomst tegen een "
					  "commerciële prijs",
					  "written contract at a commercial price"};
	if (x == NO_EXCEPTION)
		return (struct judgement){x,
					  "geen schriftelijke overeenkomst tegen een "
					  "commerciële prijs",
					  "no written contract at a commercial price"};
	return (struct judgement){x,
				  "niet bekend of er een schriftelijke overeenkomst "
				  "tegen een commerciële prijs is",
				  "not known whether there is a written contract at a "
				  "commercial price"};
}

static struct judgement judge_student(struct anker_wwb_result *r, size_t i,
				      const struct wwb_housemate *h)
{
	if (h->study_finance == WWB_YES || h->bbl == WWB_YES)
		return (struct judgement){EXCEPTION,
					  "recht op studiefinanciering (WSF 2000 of WTOS) of BBL",
					  "entitled to study finance (WSF 2000 or WTOS) or in BBL"};
	if (h->study_finance == WWB_NO && h->bbl == WWB_NO)
		return (struct judgement){NO_EXCEPTION, "geen studiefinanciering en geen BBL",
					  "no study finance and not in BBL"};
	if (h->study_finance == WWB_UNKNOWN)
		wwb_missing(r, "$.housemates[%zu].study_finance", i);
	if (h->bbl == WWB_UNKNOWN)
		wwb_missing(r, "$.housemates[%zu].bbl", i);
	return (struct judgement){EXCEPTION_UNKNOWN,
				  "niet bekend of er studiefinanciering of BBL is",
				  "not known whether there is study finance or BBL"};
}

static struct judgement judge_carer(const struct wwb_eval *e, size_t i,
				    const struct wwb_housemate *h)
{
	if (!e->table->carer_exempt)
		return (struct judgement){NO_EXCEPTION,
					  "de uitzondering voor intensieve zorg staat niet in "
					  "deze normentabel (geldt vanaf 2026)",
					  "the exception for intensive care is not in this norms "
					  "table (it applies from 2026)"};
	if (h->intensive_care == WWB_YES)
		return (struct judgement){EXCEPTION, "ingetrokken om intensieve zorg te geven",
					  "moved in to give intensive care"};
	if (h->intensive_care == WWB_NO)
		return (struct judgement){NO_EXCEPTION, "geen intensieve zorg",
					  "no intensive care"};
	wwb_missing(e->r, "$.housemates[%zu].intensive_care", i);
	return (struct judgement){EXCEPTION_UNKNOWN, "niet bekend of er intensieve zorg is",
				  "not known whether there is intensive care"};
}

static struct judgement judge(const struct wwb_eval *e, size_t i, const struct wwb_housemate *h)
{
	switch (h->relation) {
	case WWB_REL_TENANT:
	case WWB_REL_LANDLORD:
	case WWB_REL_BOARDER:
		return judge_contract(e->r, i, h);
	case WWB_REL_STUDENT:
		return judge_student(e->r, i, h);
	case WWB_REL_CARER:
		return judge_carer(e, i, h);
	default:
		return (struct judgement){NO_EXCEPTION, "geen uitzondering van toepassing",
					  "no exception applies"};
	}
}

/* The housemate's age on the reference date, or -1 when not given. */
static int housemate_age(const struct wwb_eval *e, const struct wwb_housemate *h)
{
	return h->has_birth ? anker_date_age_years(h->birth, e->date) : h->age;
}

bool wwb_eval_cost_sharers(struct wwb_eval *e, int *ret_counted)
{
	int min_age = e->table->cost_sharer_min_age;
	int counted = 0;
	bool known = true;
	for (size_t i = 0; i < e->hh->n_housemates; i++) {
		const struct wwb_housemate *h = &e->hh->housemates[i];
		const char *rel_nl = relation_texts[h->relation].nl;
		const char *rel_en = relation_texts[h->relation].en;
		int age = housemate_age(e, h);
		if (age >= 0 && age < min_age) {
			wwb_say(e->r, "not_cost_sharer", ART("19a(1)"),
				"Huisgenoot %zu (" T_NL ", %d jaar) is geen kostendeler: jonger "
				"dan %d.",
				"Housemate %zu (" T_EN
				", %d) is not a cost-sharer: younger than %d.",
				i + 1, PAIR(rel_nl, rel_en), age, min_age);
			continue;
		}
		struct judgement j = judge(e, i, h);
		if (j.exception == EXCEPTION) {
			wwb_say(e->r, "not_cost_sharer", ART("19a(1)"),
				"Huisgenoot %zu (" T_NL ") is geen kostendeler: " T_NL ".",
				"Housemate %zu (" T_EN ") is not a cost-sharer: " T_EN ".", i + 1,
				PAIR(rel_nl, rel_en), PAIR(j.why_nl, j.why_en));
			continue;
		}
		if (age < 0)
			wwb_missing(e->r, "$.housemates[%zu].birth_date", i);
		if (age < 0 || j.exception == EXCEPTION_UNKNOWN) {
			known = false;
			wwb_say(e->r, "cost_sharer_unknown", ART("19a(1)"),
				"Huisgenoot %zu (" T_NL "): niet te bepalen of dit een kostendeler "
				"is (" T_NL T_NL ").",
				"Housemate %zu (" T_EN
				"): cannot tell whether a cost-sharer (" T_EN T_EN ").",
				i + 1, PAIR(rel_nl, rel_en),
				PAIR(age < 0 ? "leeftijd onbekend; " : "",
				     age < 0 ? "age unknown; " : ""),
				PAIR(j.why_nl, j.why_en));
			continue;
		}
		counted++;
		wwb_say(e->r, "cost_sharer", ART("19a(1)"),
			"Huisgenoot %zu (" T_NL ", %d jaar) is een kostendeler: %d of ouder, " T_NL
			".",
			"Housemate %zu (" T_EN ", %d) is a cost-sharer: %d or older, " T_EN ".",
			i + 1, PAIR(rel_nl, rel_en), age, min_age, PAIR(j.why_nl, j.why_en));
	}
	*ret_counted = counted;
	return known;
}
