/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "timeline-ical.h"

bool timeline_case_id_ok(const char *case_id)
{
	size_t n = strlen(case_id);
	return n >= 1 && n <= 64 &&
	       strspn(case_id,
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool timeline_dtstamp_ok(const char *s)
{
	if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z' || strspn(s, "0123456789") != 8 ||
	    strspn(s + 9, "0123456789") != 6)
		return false;
	int year = digits(s, 4), month = digits(s + 4, 2), day = digits(s + 6, 2);
	if (year < 1 || month < 1 || month > 12 || day < 1 ||
	    day > icaltime_days_in_month(month, year))
		return false;
	/* 60 seconds: RFC 5545 allows a leap second. */
	return digits(s + 9, 2) < 24 && digits(s + 11, 2) < 60 && digits(s + 13, 2) <= 60;
}

static struct icaltimetype date_value(const char *ymd)
{
	struct icaltimetype d = icaltime_null_date();
	d.year = digits(ymd, 4);
	d.month = digits(ymd + 5, 2);
	d.day = digits(ymd + 8, 2);
	return d;
}

static struct icaltimetype stamp(const struct anker_timeline *t, const char *dtstamp)
{
	if (dtstamp)
		return icaltime_from_string(dtstamp);
	struct icaltimetype s = date_value(anker_timeline_get_ww_start(t));
	/* midnight: a null date's time fields are not zero */
	s.is_date = 0;
	s.hour = s.minute = s.second = 0;
	return icaltime_set_timezone(&s, icaltimezone_get_utc_timezone());
}

static icalcomponent *event(const struct anker_timeline *t, size_t i, const char *case_id,
			    struct icaltimetype dtstamp, int language)
{
	const char *rule = anker_timeline_get_rule(t, i);
	const char *label = anker_timeline_get_label(t, i, language);
	char uid[256], description[1024];
	snprintf(uid, sizeof(uid), "%s-%s@%s", case_id, rule, TIMELINE_UID_DOMAIN);
	snprintf(description, sizeof(description), "%s\n%s: %s\n%s: %s", label,
		 language == ANKER_WWB_ENGLISH ? "Rule" : "Regel", rule,
		 language == ANKER_WWB_ENGLISH ? "Source" : "Bron",
		 anker_timeline_get_source(t, i));
	struct icaltimetype start = date_value(anker_timeline_get_date(t, i));
	struct icaltimetype end = start;
	icaltime_adjust(&end, 1, 0, 0, 0);
	return icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(dtstamp),
	    icalproperty_new_dtstart(start), icalproperty_new_dtend(end),
	    icalproperty_new_summary(label), icalproperty_new_description(description),
	    icalproperty_new_categories("anker-timeline"),
	    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), (void *)0);
}

char *timeline_ical(const struct anker_timeline *t, const char *case_id, const char *dtstamp,
		    int language)
{
	icalcomponent *cal =
	    icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
				icalproperty_new_prodid("-//libanker//anker timeline//EN"),
				icalproperty_new_calscale("GREGORIAN"), (void *)0);
	if (!cal)
		return NULL;
	struct icaltimetype when = stamp(t, dtstamp);
	for (size_t i = 0; i < anker_timeline_get_count(t); i++) {
		icalcomponent *ev = event(t, i, case_id, when, language);
		if (!ev) {
			icalcomponent_free(cal);
			return NULL;
		}
		icalcomponent_add_component(cal, ev);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return text;
}
