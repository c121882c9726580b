/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Decoding one UTF-8 sequence, strictly: what the terminal escaper and the JSON
 * writer both need to tell valid text from stray bytes.
 */
#ifndef ANKER_TOOLS_UTF8_H
#define ANKER_TOOLS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The length (1 to 4) of the valid UTF-8 sequence at the start of @p s (@p len > 0
 * bytes), with its code point in @p cp; 0 when the bytes there are not a valid
 * sequence: a stray continuation byte, an overlong form, a surrogate, a code point
 * beyond U+10FFFF, or a sequence cut short by the end of @p s.
 */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

#endif
