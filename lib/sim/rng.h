/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The simulator's random numbers: one small counter-based stream per case.
 *
 * Every case gets its own xoshiro256** state, seeded by splitmix64 from a key
 * mixed out of (seed, case index), so that case i's values depend on nothing
 * but the seed and i: output is the same whatever the chunking or the number
 * of threads. Not gsl_rng: its allocator can reach GSL's abort handler, and
 * reseeding a Mersenne Twister for every case costs 2.5 KB of state and a
 * 624-word initialisation each time.
 */
#ifndef ANKER_SIM_RNG_H
#define ANKER_SIM_RNG_H

#include <stdint.h>

struct sim_rng {
	uint64_t s[4];
};

/* The stream of case @p index under @p seed. */
void sim_rng_init(struct sim_rng *rng, uint64_t seed, uint64_t index);

/* A uniform in [0, 1) from the top 53 bits of one xoshiro256** output. */
double sim_uniform(struct sim_rng *rng);

/*
 * A standard normal: Box-Muller's cosine branch on two uniforms,
 * sqrt(-2 log(1 - u)) cos(2 pi v), with libm's log, sqrt and cos (so values
 * are reproducible to the bit on one platform's libm).
 */
double sim_normal(struct sim_rng *rng);

#endif
