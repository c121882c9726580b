/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A single self-updating status line on stderr: rows done, rows per second and
 * the share of the input read. Redrawn at most ten times a second.
 */
#ifndef ANKER_TOOLS_PROGRESS_H
#define ANKER_TOOLS_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct progress {
	bool enabled;
	bool shown;	      /* a line is on the screen */
	uint64_t total_bytes; /* 0 when unknown (a pipe) */
	struct timespec start, last;
};

/* @p total_bytes is the input size, or 0 when unknown. */
void progress_init(struct progress *p, bool enabled, uint64_t total_bytes);

/* Redraw if enough time has passed since the last redraw. */
void progress_update(struct progress *p, uint64_t rows, uint64_t bytes_read);

/* Seconds since progress_init(). */
double progress_elapsed(const struct progress *p);
/* Erase the line, so that the next message starts on a clean line. */
void progress_clear(struct progress *p);

#endif
