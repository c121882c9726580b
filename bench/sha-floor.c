/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SHA-256 floor of `anker assess` (bench_assess.py): the CPU time to hash
 * each line of a records file once with nettle's SHA-256, the implementation
 * libanker hashes records with (lib/core/sha256.c). A record hashes each of
 * its sections and then their digests, slightly fewer bytes than the line,
 * so this is a lower bound on what hashing costs it.
 *
 *     bench/sha-floor RECORDS.jsonl [MAX_RECORDS]
 *
 * prints "records bytes cpu_seconds". Not a test.
 */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define PIECE (64u << 20) /* read in pieces: a million records are 6 GB */

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: sha-floor RECORDS.jsonl [MAX_RECORDS]\n");
		return 2;
	}
	long max = argc == 3 ? atol(argv[2]) : -1;
	FILE *f = fopen(argv[1], "rb");
	char *buf = malloc(PIECE);
	if (!f || !buf) {
		perror(argv[1]);
		return 1;
	}
	long records = 0;
	size_t bytes = 0, have = 0, n;
	uint8_t digest[SHA256_DIGEST_SIZE];
	volatile unsigned sink = 0; /* keeps the work */
	double cpu = 0;
	while (records != max && (n = fread(buf + have, 1, PIECE - have, f)) > 0) {
		have += n;
		char *at = buf, *end = buf + have, *nl;
		/* only the hashing is timed, not the reading */
		double t0 = cpu_seconds();
		while (records != max && (nl = memchr(at, '\n', (size_t)(end - at)))) {
			struct sha256_ctx sha;
			sha256_init(&sha);
			sha256_update(&sha, (size_t)(nl - at), (const uint8_t *)at);
			sha256_digest(&sha, sizeof(digest), digest);
			sink += digest[0];
			bytes += (size_t)(nl - at);
			records++;
			at = nl + 1;
		}
		cpu += cpu_seconds() - t0;
		have = (size_t)(end - at);
		memmove(buf, at, have);
	}
	fclose(f);
	free(buf);
	printf("%ld %zu %.6f\n", records, bytes, cpu);
	return 0;
}
