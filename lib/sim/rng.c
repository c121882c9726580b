/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rng.h"

#include <math.h>

/* Steele, Lea and Flood's splitmix64 (as in Vigna's reference code). */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void sim_rng_init(struct sim_rng *rng, uint64_t seed, uint64_t index)
{
	/* Two rounds, so that (seed, index) and (seed + 1, index - 1) share nothing. */
	uint64_t key = seed;
	key = splitmix64(&key) ^ index;
	uint64_t state = splitmix64(&key);
	for (int i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&state);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Blackman and Vigna's xoshiro256** 1.0. */
static uint64_t xoshiro256ss(struct sim_rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double sim_uniform(struct sim_rng *rng)
{
	return (double)(xoshiro256ss(rng) >> 11) * 0x1.0p-53;
}

double sim_normal(struct sim_rng *rng)
{
	double u = sim_uniform(rng), v = sim_uniform(rng);
	return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}
