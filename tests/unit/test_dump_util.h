/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers for the dump tests: a growable byte image written at offsets in
 * either byte order, temporary files, and a makedumpfile flattened writer.
 */
#ifndef VR_TEST_DUMP_UTIL_H
#define VR_TEST_DUMP_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct image {
	unsigned char *p;
	size_t len, cap;
};

static inline void img_reserve(struct image *m, size_t end)
{
	if (end > m->cap) {
		size_t cap = m->cap ? m->cap : 4096;

		while (cap < end)
			cap *= 2;
		m->p = realloc(m->p, cap);
		if (!m->p)
			abort();
		memset(m->p + m->cap, 0, cap - m->cap);
		m->cap = cap;
	}
	if (end > m->len)
		m->len = end;
}

static inline void img_put(struct image *m, size_t off, const void *d,
			   size_t n)
{
	img_reserve(m, off + n);
	memcpy(m->p + off, d, n);
}

static inline void img_putn(struct image *m, size_t off, uint64_t v,
			    size_t size, int be)
{
	unsigned char b[8];

	for (size_t i = 0; i < size; i++) {
		size_t shift = 8 * (be ? size - 1 - i : i);

		b[i] = (unsigned char)(v >> shift);
	}
	img_put(m, off, b, size);
}

static inline void img_free(struct image *m)
{
	free(m->p);
	*m = (struct image){ 0 };
}

/* A temporary file name; the file exists (empty). */
static inline char *tmp_path(const char *tag)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (asprintf(&path, "%s/vr-%s-XXXXXX", dir ? dir : "/tmp", tag) < 0)
		abort();
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	return path;
}

static inline void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		abort();
}

static inline char *write_tmp(const char *tag, const void *p, size_t n)
{
	char *path = tmp_path(tag);

	write_file(path, p, n);
	return path;
}

/* A flattened record: @len bytes of @data destined for offset @off. */
struct flat_rec {
	uint64_t off;
	size_t len;
	const unsigned char *data;
};

/* Write a flattened file from records in the given order. */
static inline void write_flat(struct image *out, const struct flat_rec *r,
			      size_t n, int end_marker)
{
	size_t pos = 4096;

	*out = (struct image){ 0 };
	img_put(out, 0, "makedumpfile", 12);
	img_putn(out, 16, 1, 8, 1);
	img_putn(out, 24, 1, 8, 1);
	img_reserve(out, 4096);
	for (size_t i = 0; i < n; i++) {
		img_putn(out, pos, r[i].off, 8, 1);
		img_putn(out, pos + 8, r[i].len, 8, 1);
		img_put(out, pos + 16, r[i].data, r[i].len);
		pos += 16 + r[i].len;
	}
	if (end_marker) {
		img_putn(out, pos, UINT64_MAX, 8, 1);
		img_putn(out, pos + 8, UINT64_MAX, 8, 1);
	}
}

/* Deterministic pseudo-random numbers for the tests. */
static inline uint32_t test_rand(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*state >> 33);
}

#endif
