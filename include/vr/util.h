/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VR_UTIL_H
#define VR_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

/* CLOCK_MONOTONIC in nanoseconds, and in (fractional) milliseconds. */
static inline uint64_t vr_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static inline double vr_monotonic_ms(void)
{
	return vr_monotonic_ns() / 1e6;
}

/* Byte order of the dumped machine, independent of the host's. */
static inline uint16_t vr_get16(const void *p, int big_endian)
{
	const uint8_t *b = p;

	return big_endian ? (uint16_t)(b[0] << 8 | b[1]) :
			    (uint16_t)(b[1] << 8 | b[0]);
}

static inline uint32_t vr_get32(const void *p, int big_endian)
{
	const uint8_t *b = p;

	if (big_endian)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[1] << 8 | b[0];
}

static inline uint64_t vr_get64(const void *p, int big_endian)
{
	const uint8_t *b = p;
	uint64_t hi = vr_get32(b + (big_endian ? 0 : 4), big_endian);
	uint64_t lo = vr_get32(b + (big_endian ? 4 : 0), big_endian);

	return hi << 32 | lo;
}

/* Read an unsigned integer of 1, 2, 4 or 8 bytes. */
static inline uint64_t vr_get_uint(const void *p, size_t size, int big_endian)
{
	switch (size) {
	case 1: return *(const uint8_t *)p;
	case 2: return vr_get16(p, big_endian);
	case 4: return vr_get32(p, big_endian);
	default: return vr_get64(p, big_endian);
	}
}

/* floor(log2(v)), 0 for 0 and 1. */
static inline unsigned int ilog2(uint64_t v)
{
	unsigned int r = 0;

	while (v >>= 1)
		r++;
	return r;
}

void *xcalloc_array(size_t n, size_t size);	/* calloc with overflow check */
uint64_t hash_bytes(const void *data, size_t len);
static inline uint64_t hash_str(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return hash_bytes(s, n);
}
uint64_t hash_u64(uint64_t x);

#endif
