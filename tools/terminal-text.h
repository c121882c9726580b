/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text from files made safe to show on a terminal. Model names, labels, levels
 * and provenance, CSV header names and cells, file names and the library's
 * messages (which quote all of these) can hold escape sequences that would
 * retitle, clear or reprogram the user's terminal. Everything the program prints
 * for people goes through terminal_text_escape() or terminal_text_write(), which
 * apply one rule:
 *
 *   - bytes 0x00-0x1F (tab and newline included: every field shown is one line)
 *     and 0x7F (DEL) become \xHH, two lower-case hex digits: ESC is \x1b;
 *   - the C1 control characters U+0080-U+009F (UTF-8 C2 80 - C2 9F) become
 *     \u0080-\u009f: U+009B, a one-character CSI, is \u009b;
 *   - a byte that does not start a valid UTF-8 sequence (a stray or truncated
 *     sequence, an overlong form, a surrogate) becomes \xHH, and decoding goes on
 *     with the byte after it;
 *   - everything else is kept: printable ASCII, the backslash itself, and valid
 *     UTF-8 from U+00A0 on ("oriëntatie" stays as it is).
 *
 * The result is printable ASCII and valid UTF-8 from U+00A0 on, so escaping it
 * again changes nothing: a message may be escaped as a whole even when a part of
 * it (a quoted cell) was escaped before. Because the backslash is kept, the
 * escaped form is for reading, not for turning back into the original bytes.
 *
 * Data written to --out (CSV, JSON) is never escaped this way: it follows the
 * rules of its own format.
 */
#ifndef ANKER_TOOLS_TERMINAL_TEXT_H
#define ANKER_TOOLS_TERMINAL_TEXT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Escape the @p len bytes at @p s into @p buf (NUL-terminated when @p size > 0;
 * a character whose escaped form does not fit is left out, with all after it).
 * Returns the length of the whole escaped text, as snprintf does, so that
 * terminal_text_escape(NULL, 0, s, len) measures it.
 */
size_t terminal_text_escape(char *buf, size_t size, const char *s, size_t len);

/* Write the escaped @p len bytes at @p s to @p out. */
void terminal_text_write(FILE *out, const char *s, size_t len);

/* Room enough for format_cell_quoted(): 40 bytes escaped to at most 4 each, quotes, "...". */
#define CELL_QUOTED_SIZE 168

/*
 * A CSV cell to quote in a message: in double quotes, its first 40 bytes (whole
 * characters only) escaped as above, then "..." when there is more. Returns @p buf.
 */
const char *format_cell_quoted(char *buf, size_t size, const char *s, size_t len);

#endif
