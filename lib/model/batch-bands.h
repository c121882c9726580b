/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bands over a chunk: a static inline kernel for the chunk pipelines of kinds
 * whose level output is banded (model->bands, copied into b->band_upper).
 */
#ifndef ANKER_BATCH_BANDS_H
#define ANKER_BATCH_BANDS_H

#include "batch-terms.h"

/*
 * band[i] = the band @p p[i] falls in, as anker_bands_find() finds it for a
 * p[i] in [0, 1]: the thresholds below it (at or below it for boundary
 * "upper"). Counted in b->index.
 */
CHUNK_INLINE void bands_chunk(struct anker_batch *b, const double *restrict p,
			      int32_t *restrict band, size_t m)
{
	double *restrict count = b->index;
	size_t n = b->model->bands->count - 1;
	if (b->model->bands->boundary == ANKER_BAND_BOUNDARY_UPPER)
		count_thresholds(b->band_upper, n, false, p, count, m, b->one);
	else
		count_thresholds(b->band_upper, n, true, p, count, m, b->one);
	for (size_t i = 0; i < m; i++)
		band[i] = (int32_t)count[i];
}

#endif
