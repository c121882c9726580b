/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one escaping rule for text shown on a terminal (tools/terminal-text.h).
 * Every expected string below is written out by hand from the rule: control
 * bytes and DEL as \xHH, C1 code points (C2 80 - C2 9F) as \u00HH, bytes that
 * start no valid UTF-8 sequence as \xHH, everything else unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "terminal-text.h"

static void expect_escaped(const char *in, size_t len, const char *expected)
{
	char buf[256];
	size_t need = terminal_text_escape(buf, sizeof(buf), in, len);
	assert_string_equal(buf, expected);
	assert_int_equal(need, strlen(expected));
	/* measuring alone gives the same length */
	assert_int_equal(terminal_text_escape(NULL, 0, in, len), strlen(expected));

	/* the stream writer applies the same rule */
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	assert_non_null(mem);
	terminal_text_write(mem, in, len);
	assert_int_equal(fclose(mem), 0);
	assert_string_equal(text, expected);
	free(text);

	/* escaping the escaped text again changes nothing */
	char again[256];
	terminal_text_escape(again, sizeof(again), expected, strlen(expected));
	assert_string_equal(again, expected);
}

#define EXPECT(literal, expected) expect_escaped(literal, sizeof(literal) - 1, expected)

static void test_c0_and_del(void **state)
{
	(void)state;
	EXPECT("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"); /* ESC ... BEL: a title change */
	EXPECT("a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd");	  /* one line, whatever the field holds */
	EXPECT("x\x7fy", "x\\x7fy");			  /* DEL */
	EXPECT("nul\0byte", "nul\\x00byte");
	EXPECT("\x01\x1f", "\\x01\\x1f");
}

static void test_c1(void **state)
{
	(void)state;
	EXPECT("\xc2\x9b"
	       "2J",
	       "\\u009b2J");	       /* U+009B CSI, then "2J": clear the screen */
	EXPECT("\xc2\x85", "\\u0085"); /* U+0085 NEL */
	EXPECT("\xc2\x80\xc2\x9f", "\\u0080\\u009f");
	/* the first code points after C1 are printable and stay: U+00A0, U+00A9 */
	EXPECT("\xc2\xa0\xc2\xa9", "\xc2\xa0\xc2\xa9");
}

static void test_valid_utf8_stays(void **state)
{
	(void)state;
	EXPECT("ori\xc3\xabntatie", "ori\xc3\xabntatie");   /* "oriëntatie" */
	EXPECT("\xe2\x82\xac 5", "\xe2\x82\xac 5");	    /* U+20AC, three bytes */
	EXPECT("\xf0\x9f\x99\x82", "\xf0\x9f\x99\x82");	    /* U+1F642, four bytes */
	EXPECT("C:\\dir \"q\" 100%", "C:\\dir \"q\" 100%"); /* printable ASCII, backslash too */
	EXPECT("", "");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	EXPECT("a\xff"
	       "b",
	       "a\\xffb");			   /* a byte that is never UTF-8 */
	EXPECT("\xe2\x82", "\\xe2\\x82");	   /* U+20AC cut short at the end */
	EXPECT("\xe2\x82x", "\\xe2\\x82x");	   /* ... and before an ASCII byte */
	EXPECT("\x80", "\\x80");		   /* a stray continuation byte */
	EXPECT("\xc1\xbf", "\\xc1\\xbf");	   /* overlong form of U+007F */
	EXPECT("\xc0\x9b", "\\xc0\\x9b");	   /* overlong form of ESC */
	EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* a surrogate, U+D800 */
	EXPECT("\xc2", "\\xc2");		   /* a C1 sequence cut short */
}

static void test_truncation_keeps_whole_pieces(void **state)
{
	(void)state;
	char buf[8];
	/* "ab\x1b" needs 6 bytes; with room for 7 characters all of it fits */
	assert_int_equal(terminal_text_escape(buf, sizeof(buf), "ab\x1b", 3), 6);
	assert_string_equal(buf, "ab\\x1b");
	/* "abcd\x1b" needs 8: the escape does not fit whole, so it is left out */
	assert_int_equal(terminal_text_escape(buf, sizeof(buf), "abcd\x1bz", 6), 9);
	assert_string_equal(buf, "abcd");
}

static void test_cell_quoted(void **state)
{
	(void)state;
	char buf[CELL_QUOTED_SIZE];
	assert_string_equal(format_cell_quoted(buf, sizeof(buf), "4O", 2), "\"4O\"");
	assert_string_equal(format_cell_quoted(buf, sizeof(buf),
					       "\xc2\x9b"
					       "2J",
					       4),
			    "\"\\u009b2J\"");
	assert_string_equal(format_cell_quoted(buf, sizeof(buf), "\x1b[2J", 4), "\"\\x1b[2J\"");
	/* 41 bytes: the first 40, then "..." */
	const char *long_cell = "0123456789012345678901234567890123456789X";
	assert_string_equal(format_cell_quoted(buf, sizeof(buf), long_cell, 41),
			    "\"0123456789012345678901234567890123456789...\"");
	/* 39 ASCII bytes and an "e" with diaeresis: the cut falls inside it, so it goes whole */
	const char *split = "012345678901234567890123456789012345678\xc3\xab";
	assert_string_equal(format_cell_quoted(buf, sizeof(buf), split, 41),
			    "\"012345678901234567890123456789012345678...\"");
	/* 40 control bytes: 160 escaped bytes still fit */
	char controls[40];
	memset(controls, 0x07, sizeof(controls));
	format_cell_quoted(buf, sizeof(buf), controls, sizeof(controls));
	assert_int_equal(strlen(buf), 2 + 40 * 4);
	assert_memory_equal(buf, "\"\\x07\\x07", 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_c0_and_del),
	    cmocka_unit_test(test_c1),
	    cmocka_unit_test(test_valid_utf8_stays),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_truncation_keeps_whole_pieces),
	    cmocka_unit_test(test_cell_quoted),
	};
	return cmocka_run_group_tests_name("terminal-text", tests, NULL, NULL);
}
