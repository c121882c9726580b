/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixed texts of `anker werkverkenner` (wv-text.h). */
#include <stdio.h>
#include <string.h>

#include "wv-text.h"

static const struct {
	const char *key, *nl, *en;
} texts[WV_N_TEXTS] = {
    [WV_TITLE] = {"title", "Werkverkenner", "Werkverkenner"},
    [WV_CHANCE] = {"chance", "Kans op werk binnen 12 maanden", "Chance of work within 12 months"},
    [WV_BAND] = {"band", "band", "band"},
    [WV_NOT_COMPLETED] = {"not_completed",
			  "Niet voltooid: er is geen kans berekend en er is niets geschat.",
			  "Not completed: no chance was computed and nothing was estimated."},
    [WV_MISSING_ITEMS] = {"missing_items", "Ontbrekende antwoorden", "Missing answers"},
    [WV_BECAUSE] = {"because", "want", "because"},
    [WV_FACTORS] = {"factors", "Wat de kans het meest drukt", "What lowers the chance most"},
    [WV_NO_FACTORS] = {"no_factors", "Geen factor drukt de kans.", "No factor lowers the chance."},
    [WV_SOFT] = {"soft", "veranderbaar: een startpunt voor het werkplan",
		 "changeable: a starting point for the werkplan"},
    [WV_HARD] = {"hard", "niet veranderbaar", "not changeable"},
    [WV_FOLLOWUP] = {"followup", "Monitorgesprek: nieuwe schatting",
		     "Monitoring interview: new estimate"},
    [WV_FIRST_ESTIMATE] = {"first_estimate", "eerste schatting", "first estimate"},
    [WV_NOW] = {"now", "nu", "now"},
    [WV_DROP] = {"drop", "daling", "drop"},
    [WV_FLAGGED] = {"flagged", "GEMARKEERD: de kans is lager dan eerst geschat",
		    "FLAGGED: the chance is lower than first estimated"},
    [WV_NOT_FLAGGED] = {"not_flagged", "niet gemarkeerd", "not flagged"},
    [WV_SCALE] = {"scale", "Kans op werk op een schaal van 0 tot 100%",
		  "Chance of work on a scale from 0 to 100%"},
    [WV_FACTOR_CHART] = {"factor_chart", "Factoren, van 1 (drukt de kans) tot 5 (helpt)",
			 "Factors, from 1 (lowers the chance) to 5 (helps)"},
    [WV_FACTOR_CHART_DESC] =
	{"factor_chart_desc",
	 "Staafdiagram van de factorscores; de tabel eronder geeft dezelfde getallen.",
	 "Bar chart of the factor scores; the table below gives the same numbers."},
    [WV_SCALE_DESC] = {"scale_desc",
		       "De schaal is verdeeld in vier banden; de pijl wijst de kans aan.",
		       "The scale is divided into four bands; the arrow marks the chance."},
    [WV_NEXT_STEP] = {"next_step", "Volgende stap", "Next step"},
    [WV_SYNTHETIC_NOTE] = {"synthetic_note", "Demonstratie: geen instrument van UWV.",
			   "Demonstration: not UWV's instrument."},
    [WV_SCORE_OF] = {"score_of", "score", "score"},
    [WV_SOFT_SHORT] = {"soft_short", "veranderbaar", "changeable"},
    [WV_FACTOR_KIND] = {"factor_kind", "Soort factor", "Kind of factor"},
    [WV_DECISION] = {"decision", "Besluit van de adviseur", "The adviser's decision"},
};

const char *wv_text(enum wv_text_id id, const char *lang)
{
	return lang && strcmp(lang, "nl") == 0 ? texts[id].nl : texts[id].en;
}

void wv_text_entry(enum wv_text_id id, const char **key, const char **nl, const char **en)
{
	*key = texts[id].key;
	*nl = texts[id].nl;
	*en = texts[id].en;
}

const char *wv_decimal(char buf[WV_NUMBER_SIZE], double x, const char *lang)
{
	snprintf(buf, WV_NUMBER_SIZE, "%.1f", x);
	if (lang && strcmp(lang, "nl") == 0) {
		char *point = strchr(buf, '.');
		if (point)
			*point = ',';
	}
	return buf;
}

const char *wv_percent(char buf[WV_NUMBER_SIZE], double p, const char *lang)
{
	wv_decimal(buf, 100.0 * p, lang);
	size_t n = strlen(buf);
	if (n + 1 < WV_NUMBER_SIZE) {
		buf[n] = '%';
		buf[n + 1] = '\0';
	}
	return buf;
}
