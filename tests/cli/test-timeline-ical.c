/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The iCalendar of a timeline parses back with libical: one VEVENT per
 * deadline with the same UID, all-day DATE and label, valid by libical's RFC
 * 5545 restrictions, and byte for byte the same on a second run (no clock).
 * tests/cli/test_timeline_cli.py checks the same files with Python's
 * icalendar, a second and independent parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "timeline-ical.h"

struct fixture {
	struct anker_ctx *ctx;
	struct anker_wwb_norms *norms;
	struct anker_error *err;
	struct anker_timeline *t;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *src = getenv("ANKER_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data/norms/pension-age.json", src ? src : ".");
	assert_int_equal(anker_ctx_new(&f->ctx), 0);
	assert_int_equal(anker_error_new(&f->err), 0);
	assert_int_equal(anker_wwb_norms_new(f->ctx, &f->norms), 0);
	assert_int_equal(anker_wwb_norms_add_file(f->norms, path, f->err), 0);
	/* the worked case of tests/test-timeline.c: 11 deadlines */
	assert_int_equal(
	    anker_timeline_new(f->ctx, f->norms, "2024-01-31", "1990-05-15", 8, 6, f->err, &f->t),
	    0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	anker_timeline_free(f->t);
	anker_wwb_norms_unref(f->norms);
	anker_error_free(f->err);
	anker_ctx_unref(f->ctx);
	free(f);
	return 0;
}

static void test_parses_back(void **state)
{
	struct fixture *f = *state;
	char *text = timeline_ical(f->t, "C-17", "20240101T120000Z", ANKER_WWB_DUTCH);
	assert_non_null(text);
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalrestriction_check(cal), 1);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	size_t i = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), i++) {
		char uid[128], date[16];
		snprintf(uid, sizeof(uid), "C-17-%s@anker-timeline",
			 anker_timeline_get_rule(f->t, i));
		assert_string_equal(icalcomponent_get_uid(ev), uid);
		struct icaltimetype start = icalcomponent_get_dtstart(ev);
		assert_int_equal(start.is_date, 1);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", start.year, start.month, start.day);
		assert_string_equal(date, anker_timeline_get_date(f->t, i));
		struct icaltimetype end = icalcomponent_get_dtend(ev);
		assert_int_equal(
		    icaltime_compare(end,
				     icaltime_add(start, icaldurationtype_from_int(24 * 3600))),
		    0);
		assert_string_equal(icalcomponent_get_summary(ev),
				    anker_timeline_get_label(f->t, i, ANKER_WWB_DUTCH));
		assert_non_null(
		    strstr(icalcomponent_get_description(ev), anker_timeline_get_source(f->t, i)));
		struct icaltimetype stamp = icalcomponent_get_dtstamp(ev);
		assert_true(icaltime_is_utc(stamp));
		assert_int_equal(stamp.year * 10000 + stamp.month * 100 + stamp.day, 20240101);
		assert_int_equal(stamp.hour, 12);
	}
	assert_int_equal(i, anker_timeline_get_count(f->t));
	assert_int_equal(i, 11);
	icalcomponent_free(cal);
	/* Reproducible: the same text again, and the derived DTSTAMP is the WW start. */
	char *again = timeline_ical(f->t, "C-17", "20240101T120000Z", ANKER_WWB_DUTCH);
	assert_string_equal(again, text);
	free(again);
	free(text);
	text = timeline_ical(f->t, "C-17", NULL, ANKER_WWB_ENGLISH);
	assert_non_null(strstr(text, "\r\nDTSTAMP:20240131T000000Z\r\n"));
	assert_non_null(strstr(text, "\r\nSUMMARY:Fill in the Werkverkenner"));
	free(text);
}

static void test_checks(void **state)
{
	(void)state;
	assert_true(timeline_case_id_ok("C-17.a_b"));
	assert_false(timeline_case_id_ok(""));
	assert_false(timeline_case_id_ok("a b"));
	assert_false(timeline_case_id_ok("a@b"));
	assert_true(timeline_dtstamp_ok("20240229T235960Z"));
	assert_false(timeline_dtstamp_ok("20230229T000000Z"));
	assert_false(timeline_dtstamp_ok("20240101T240000Z"));
	assert_false(timeline_dtstamp_ok("20240101T000000"));
	assert_false(timeline_dtstamp_ok("2024-01-01T00:00:00Z"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_parses_back, setup, teardown),
	    cmocka_unit_test(test_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
