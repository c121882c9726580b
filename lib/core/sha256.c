/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <nettle/sha2.h>

#include "private.h"

void anker_sha256_hex(const void *data, size_t size, char out[ANKER_SHA256_HEX_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_init(&sha);
	sha256_update(&sha, size, data);
	sha256_digest(&sha, sizeof(digest), digest);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 0xf];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}
