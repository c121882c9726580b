/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the fuzz targets share. */
#ifndef ANKER_FUZZ_CHECK_H
#define ANKER_FUZZ_CHECK_H

#include <stdlib.h>

/* A broken invariant is a bug the fuzzer must report: crash loudly. */
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

#endif
