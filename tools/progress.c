/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "progress.h"

#define REDRAW_INTERVAL 0.1 /* seconds */

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(struct progress *p, bool enabled, uint64_t total_bytes)
{
	p->enabled = enabled;
	p->shown = false;
	p->total_bytes = total_bytes;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

void progress_update(struct progress *p, uint64_t rows, uint64_t bytes_read)
{
	if (!p->enabled)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds_between(&p->last, &now) < REDRAW_INTERVAL)
		return;
	p->last = now;
	double elapsed = seconds_between(&p->start, &now);
	double rate = elapsed > 0 ? (double)rows / elapsed : 0;
	/* Numbers here are for people and never parsed, so the locale does not matter. */
	if (p->total_bytes > 0) {
		double percent = 100.0 * (double)bytes_read / (double)p->total_bytes;
		if (percent > 100)
			percent = 100;
		fprintf(stderr, "\r\033[K%llu rows, %.0f rows/s, %.0f%% read",
			(unsigned long long)rows, rate, percent);
	} else {
		fprintf(stderr, "\r\033[K%llu rows, %.0f rows/s", (unsigned long long)rows, rate);
	}
	fflush(stderr);
	p->shown = true;
}

void progress_clear(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}

double progress_elapsed(const struct progress *p)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return seconds_between(&p->start, &now);
}
