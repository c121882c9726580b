/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every deadline of a timeline, with its rule id, labels and source
 * (docs/timeline.md, "The deadlines"). Report lines read "file:line" of the
 * seed reports: 000 is IWI R06/09 "Eén fase, één keten" (2006), 003 IWI
 * R07/06 "In de bijstand, en dan" (2007), 004 "Uit de WW, in de Bijstand"
 * (HRM-lectoren, 2018).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline-private.h"

/* Under 27 on the day of reporting: may report 4 weeks before the WW ends. */
#define EARLY_REPORT_AGE  27
#define EARLY_REPORT_DAYS 28

static const char *const rule_names[] = {
    "werkverkenner",	     "monitorgesprek",
    "herfasering_1",	     "herfasering_2",
    "herfasering_3",	     "herfasering_4",
    "herfasering_5",	     "herfasering_6",
    "route_a_end",	     "bossche_screening",
    "bossche_inkomenstoets", "bossche_coaching",
    "bossche_follow_up",     "bossche_results",
    "early_report",	     "ww_end",
    "sluitende_aanpak",	     NULL,
};

ANKER_EXPORT const char *anker_timeline_rule_name(size_t index)
{
	return index < sizeof(rule_names) / sizeof(rule_names[0]) ? rule_names[index] : NULL;
}

static void add(struct anker_timeline *t, const char *rule, struct anker_date date,
		const char *dutch, const char *english, const char *source)
{
	struct timeline_deadline *d = &t->deadlines[t->n_deadlines++];
	snprintf(d->rule, sizeof(d->rule), "%s", rule);
	d->date = date;
	anker_date_format(date, d->date_text);
	snprintf(d->label[ANKER_WWB_DUTCH], sizeof(d->label[0]), "%s", dutch);
	snprintf(d->label[ANKER_WWB_ENGLISH], sizeof(d->label[1]), "%s", english);
	d->source = source;
}

/* The Bossche model counts back from the end of the WW (004:597-623). */
static void add_bossche(struct anker_timeline *t)
{
	static const struct {
		const char *rule;
		int months_before_end;
		const char *dutch, *english, *source;
	} steps[] = {
	    {"bossche_screening", 7,
	     "Bossche model: screening van het UWV-bestand op recht op bijstand (7 maanden voor "
	     "einde WW)",
	     "Bossche model: screening of the UWV file for a right to bijstand (7 months before "
	     "the WW ends)",
	     "Uit de WW, in de Bijstand (2018), 004:599-603"},
	    {"bossche_inkomenstoets", 6,
	     "Bossche model: wekelijkse bijeenkomsten met de inkomenstoets voor de "
	     "Participatiewet (6 maanden voor einde WW)",
	     "Bossche model: weekly meetings with the income test for the Participatiewet "
	     "(6 months before the WW ends)",
	     "Uit de WW, in de Bijstand (2018), 004:605-609"},
	    {"bossche_coaching", 3,
	     "Bossche model: 4 tot 6 weken intensieve coaching (3 maanden voor einde WW)",
	     "Bossche model: 4 to 6 weeks of intensive coaching (3 months before the WW ends)",
	     "Uit de WW, in de Bijstand (2018), 004:611-617"},
	    {"bossche_follow_up", 2,
	     "Bossche model: opvolging per mail en telefoon (2 maanden voor einde WW)",
	     "Bossche model: follow-up by mail and phone (2 months before the WW ends)",
	     "Uit de WW, in de Bijstand (2018), 004:619-620"},
	    {"bossche_results", 1, "Bossche model: laatste maand, resultaten vastleggen in Sonar",
	     "Bossche model: last month, results documented in Sonar",
	     "Uit de WW, in de Bijstand (2018), 004:622-623"},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct anker_date date =
		    anker_date_add_months(t->ww_end, -steps[i].months_before_end);
		/* A short WW has no room for the first steps: they are left out. */
		if (anker_date_compare(date, t->ww_start) >= 0)
			add(t, steps[i].rule, date, steps[i].dutch, steps[i].english,
			    steps[i].source);
	}
}

/* Herfasering at the latest every 6 months (000:81), while the WW lasts. */
static void add_rephasings(struct anker_timeline *t)
{
	for (int n = 1; n <= TIMELINE_MAX_REPHASINGS; n++) {
		struct anker_date date = anker_date_add_months(t->ww_start, 6 * n);
		if (anker_date_compare(date, t->ww_end) >= 0)
			break;
		char rule[TIMELINE_RULE_SIZE], dutch[TIMELINE_LABEL_SIZE],
		    english[TIMELINE_LABEL_SIZE];
		snprintf(rule, sizeof(rule), "herfasering_%d", n);
		snprintf(dutch, sizeof(dutch),
			 "Herfasering uiterlijk na %d maanden (fase-indeling opnieuw)", 6 * n);
		snprintf(english, sizeof(english),
			 "Re-phasing at the latest after %d months (phase assigned again)", 6 * n);
		add(t, rule, date, dutch, english, "IWI R06/09 (2006), 000:81");
	}
}

static void add_ww_period(struct anker_timeline *t)
{
	add(t, "werkverkenner", t->ww_start, "Werkverkenner invullen bij de start van de WW",
	    "Fill in the Werkverkenner at the start of the WW",
	    "Uit de WW, in de Bijstand (2018), 004:514-517");
	/* "uiterlijk in de zevende maand": month 7 ends the day before 7 months are complete. */
	struct anker_date monitor = anker_date_add_days(anker_date_add_months(t->ww_start, 7), -1);
	if (anker_date_compare(monitor, t->ww_end) < 0)
		add(t, "monitorgesprek", monitor,
		    "Monitorgesprek uiterlijk (einde van maand 7), als er nog geen gesprek was",
		    "Monitorgesprek at the latest (end of month 7), if there has been no "
		    "conversation yet",
		    "Uit de WW, in de Bijstand (2018), 004:531-536");
	add_rephasings(t);
	add(t, "route_a_end", anker_date_add_months(t->ww_start, 9),
	    "Einde route A: CWI-ondersteuning duurt maximaal 9 maanden",
	    "Route A ends: CWI support lasts at most 9 months", "IWI R06/09 (2006), 000:145");
}

static void add_end(struct anker_timeline *t)
{
	struct anker_date report = anker_date_add_days(t->ww_end, -EARLY_REPORT_DAYS);
	if (anker_date_age_years(t->birth, report) < EARLY_REPORT_AGE &&
	    anker_date_compare(report, t->ww_start) >= 0)
		add(t, "early_report", report,
		    "Jonger dan 27: mag zich vanaf vandaag melden voor bijstand (4 weken voor "
		    "einde WW)",
		    "Under 27: may report for bijstand from today (4 weeks before the WW ends)",
		    "Participatiewet art. 41(6)");
	add(t, "ww_end", t->ww_end,
	    t->capped ? "Eerste dag zonder WW: de AOW-leeftijd is bereikt"
		      : "Eerste dag zonder WW: de maximale duur is bereikt",
	    t->capped ? "First day without WW: pension age is reached"
		      : "First day without WW: the maximum duration is reached",
	    t->capped ? "WW art. 19(1)(f)" : "WW art. 42");
	/* At pension age the client is not obliged to work: no sluitende aanpak. */
	if (!t->capped)
		add(t, "sluitende_aanpak",
		    anker_date_add_days(anker_date_add_months(t->ww_end, 12), -1),
		    "Sluitende aanpak: binnen een jaar na instroom in de bijstand uitgestroomd "
		    "of een traject aangeboden",
		    "Sluitende aanpak: within one year of entering bijstand, off benefit or "
		    "offered a trajectory",
		    "IWI R07/06 (2007), 003:36, 003:311");
}

static int by_date(const void *a, const void *b)
{
	const struct timeline_deadline *x = a, *y = b;
	int c = anker_date_compare(x->date, y->date);
	if (c)
		return c;
	/* Same day: the fixed rule order, so that the order never depends on qsort. */
	size_t i = 0, j = 0;
	while (rule_names[i] && strcmp(rule_names[i], x->rule) != 0)
		i++;
	while (rule_names[j] && strcmp(rule_names[j], y->rule) != 0)
		j++;
	return (i > j) - (i < j);
}

void timeline_add_deadlines(struct anker_timeline *t)
{
	t->n_deadlines = 0;
	add_ww_period(t);
	add_bossche(t);
	add_end(t);
	qsort(t->deadlines, t->n_deadlines, sizeof(t->deadlines[0]), by_date);
}
