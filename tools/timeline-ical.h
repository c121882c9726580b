/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A timeline as iCalendar (RFC 5545), written by libical: one VEVENT per
 * deadline, an all-day DATE event (DTEND the next day), SUMMARY the label and
 * DESCRIPTION the label, the rule and its source, in one language.
 *
 * The output is reproducible: nothing comes from the clock. Each UID is
 * "CASE-RULE@anker-timeline", stable for a case and a rule whatever else
 * changes, so that a calendar replaces an event when the case is recomputed.
 * DTSTAMP is given, or derived from the WW start (midnight UTC on that day).
 */
#ifndef ANKER_TOOLS_TIMELINE_ICAL_H
#define ANKER_TOOLS_TIMELINE_ICAL_H

#include <stdbool.h>

#include <anker/anker.h>

/* The domain part of every UID. */
#define TIMELINE_UID_DOMAIN "anker-timeline"

/* A case id that may go into a UID: 1 to 64 of [A-Za-z0-9._-]. */
bool timeline_case_id_ok(const char *case_id);

/* A DTSTAMP "YYYYMMDDTHHMMSSZ" (UTC, RFC 5545 form) that names a real moment. */
bool timeline_dtstamp_ok(const char *dtstamp);

/*
 * The calendar of @p t as text with CRLF line ends, to be freed with free();
 * NULL when out of memory. @p dtstamp may be NULL (derived as above);
 * @p language is ANKER_WWB_DUTCH or ANKER_WWB_ENGLISH.
 */
char *timeline_ical(const struct anker_timeline *t, const char *case_id, const char *dtstamp,
		    int language);

#endif
