/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Levels over a chunk: the one static inline kernel that turns values into
 * the index of the band or level they fall in, for every kind whose level
 * output is banded (binary and duration: model->bands, copied into
 * b->band_upper; a questionnaire: each scale's cut-offs).
 */
#ifndef ANKER_BATCH_BANDS_H
#define ANKER_BATCH_BANDS_H

#include "batch-terms.h"

/*
 * level[i] = the number of the @p n thresholds @p t below @p x[i] (at or
 * below it for boundary "upper"), as anker_bands_find_any() counts them; -1
 * for a NaN x[i] (a questionnaire scale that is not scorable). Counted in
 * b->index. The two calls of count_thresholds() differ only in a constant,
 * so that each is compiled for it.
 */
CHUNK_INLINE void levels_chunk(struct anker_batch *b, const double *restrict t, size_t n,
			       int boundary, const double *restrict x, int32_t *restrict level,
			       size_t m)
{
	double *restrict count = b->index;
	if (boundary == ANKER_BAND_BOUNDARY_UPPER)
		count_thresholds(t, n, false, x, count, m, b->one);
	else
		count_thresholds(t, n, true, x, count, m, b->one);
	for (size_t i = 0; i < m; i++)
		level[i] = x[i] == x[i] ? (int32_t)count[i] : -1;
}

/* band[i] = the band of the model's bands that @p p[i] (in [0, 1]) falls in. */
CHUNK_INLINE void bands_chunk(struct anker_batch *b, const double *restrict p,
			      int32_t *restrict band, size_t m)
{
	const struct anker_bands *bands = b->model->bands;
	levels_chunk(b, b->band_upper, bands->count - 1, bands->boundary, p, band, m);
}

#endif
