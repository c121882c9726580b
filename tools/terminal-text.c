/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "terminal-text.h"
#include "utf8.h"

/* The longest escaped form of one character: "\u009f". */
#define PIECE_MAX 6

/*
 * The character at @p s (@p len > 0 bytes): returns how many bytes it takes, and
 * puts its escaped form in @p esc with its length in @p esc_len, or 0 there when
 * the bytes are shown as they are.
 */
static size_t next_piece(const unsigned char *s, size_t len, char esc[PIECE_MAX + 1],
			 size_t *esc_len)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t cp = 0;
	size_t n = utf8_decode(s, len, &cp);
	*esc_len = 0;
	if (n == 0 || cp < 0x20 || cp == 0x7F) {
		/* a control byte, or a byte that starts no valid sequence */
		esc[0] = '\\';
		esc[1] = 'x';
		esc[2] = hex[s[0] >> 4];
		esc[3] = hex[s[0] & 0xF];
		*esc_len = 4;
		return 1;
	}
	if (cp >= 0x80 && cp <= 0x9F) {
		memcpy(esc, "\\u00", 4);
		esc[4] = hex[cp >> 4];
		esc[5] = hex[cp & 0xF];
		*esc_len = 6;
	}
	return n;
}

size_t terminal_text_escape(char *buf, size_t size, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t need = 0, used = 0;
	bool full = size == 0;
	for (size_t i = 0; i < len;) {
		char esc[PIECE_MAX + 1];
		size_t esc_len, n = next_piece(p + i, len - i, esc, &esc_len);
		const char *piece = esc_len ? esc : s + i;
		size_t piece_len = esc_len ? esc_len : n;
		if (!full && used + piece_len < size) {
			memcpy(buf + used, piece, piece_len);
			used += piece_len;
		} else {
			full = true; /* never a later, shorter piece after a dropped one */
		}
		need += piece_len;
		i += n;
	}
	if (size > 0)
		buf[used] = '\0';
	return need;
}

void terminal_text_write(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[256];
	size_t used = 0;
	for (size_t i = 0; i < len;) {
		char esc[PIECE_MAX + 1];
		size_t esc_len, n = next_piece(p + i, len - i, esc, &esc_len);
		const char *piece = esc_len ? esc : s + i;
		size_t piece_len = esc_len ? esc_len : n;
		if (used + piece_len > sizeof(buf)) {
			fwrite(buf, 1, used, out);
			used = 0;
		}
		memcpy(buf + used, piece, piece_len);
		used += piece_len;
		i += n;
	}
	fwrite(buf, 1, used, out);
}

/* The longest prefix of at most @p max bytes that does not end inside a valid sequence. */
static size_t whole_characters(const char *s, size_t len, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (i + n > max)
			break;
		i += n;
	}
	return i;
}

const char *format_cell_quoted(char *buf, size_t size, const char *s, size_t len)
{
	if (size < 8) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	size_t shown = whole_characters(s, len, 40);
	/* Room for the opening quote, then "...", the closing quote and the NUL. */
	size_t need = terminal_text_escape(buf + 1, size - 5, s, shown);
	size_t written = strlen(buf + 1), j = 1 + written;
	buf[0] = '"';
	if (shown < len || written < need) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j++] = '"';
	buf[j] = '\0';
	return buf;
}
