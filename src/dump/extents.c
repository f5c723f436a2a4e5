// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Extent maps: ranges of one address space (physical memory, or the
 * logical stream of a flattened file) mapped to file offsets.  Input
 * extents may overlap; resolving keeps, at every address, the extent with
 * the highest priority, using a sweep over the range boundaries with a
 * max-heap of the extents open at that point: O(n log n).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

static int cmp_start(const void *a, const void *b)
{
	const struct vr_extent *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t ext_end(const struct vr_extent *e)
{
	return e->start + e->len;
}

static bool overlapping(const struct vr_extent *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (ext_end(&v[i - 1]) > v[i].start)
			return true;
	return false;
}

/* Max-heap of extent pointers by priority. */
struct heap {
	const struct vr_extent **v;
	size_t n;
};

static void heap_push(struct heap *h, const struct vr_extent *e)
{
	size_t i = h->n++;

	while (i && h->v[(i - 1) / 2]->prio < e->prio) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = e;
}

static void heap_pop(struct heap *h)
{
	const struct vr_extent *last = h->v[--h->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1]->prio > h->v[c]->prio)
			c++;
		if (h->v[c]->prio <= last->prio)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
}

static void emit(struct vr_extent_map *map, const struct vr_extent *src,
		 uint64_t from, uint64_t to)
{
	struct vr_extent *prev = map->n ? &map->v[map->n - 1] : NULL;
	uint64_t off = src->off + (from - src->start);

	if (src->kind == VR_EXTENT_EXCLUDED)
		off = 0;
	if (prev && ext_end(prev) == from && prev->kind == src->kind &&
	    (src->kind == VR_EXTENT_EXCLUDED || prev->off + prev->len == off)) {
		prev->len += to - from;
		return;
	}
	map->v[map->n++] = (struct vr_extent){
		.start = from, .len = to - from, .off = off,
		.prio = src->prio, .kind = src->kind,
	};
}

/* Output size is at most 2n - 1 pieces (one per elementary interval). */
static struct vr_error *sweep(struct vr_extent *v, size_t n,
			      struct vr_extent_map *map)
{
	uint64_t *bounds = xcalloc_array(2 * n, sizeof(*bounds));
	struct heap h = { .v = xcalloc_array(n, sizeof(*h.v)) };
	size_t nb = 0, next = 0;

	map->v = xcalloc_array(2 * n, sizeof(*map->v));
	if (!bounds || !h.v || !map->v) {
		free(bounds);
		free(h.v);
		vr_extents_free(map);
		return &vr_enomem;
	}
	for (size_t i = 0; i < n; i++) {
		bounds[nb++] = v[i].start;
		bounds[nb++] = ext_end(&v[i]);
	}
	if (nb)
		qsort(bounds, nb, sizeof(*bounds), cmp_u64);
	for (size_t b = 0; b + 1 < nb; b++) {
		uint64_t at = bounds[b];

		if (at == bounds[b + 1])
			continue;
		while (next < n && v[next].start <= at)
			heap_push(&h, &v[next++]);
		while (h.n && ext_end(h.v[0]) <= at)
			heap_pop(&h);
		if (h.n)
			emit(map, h.v[0], at, bounds[b + 1]);
	}
	free(bounds);
	free(h.v);
	return NULL;
}

struct vr_error *vr_extents_resolve(struct vr_extent *in, size_t n,
				    struct vr_extent_map *map)
{
	struct vr_error *err = NULL;
	size_t k = 0;

	*map = (struct vr_extent_map){ 0 };
	for (size_t i = 0; i < n; i++)
		if (in[i].len)
			in[k++] = in[i];
	n = k;
	if (n)
		qsort(in, n, sizeof(*in), cmp_start);
	if (!overlapping(in, n)) {
		map->v = in;
		map->n = n;
		return NULL;
	}
	err = sweep(in, n, map);
	free(in);
	return err;
}

const struct vr_extent *vr_extents_find(const struct vr_extent_map *map,
					uint64_t addr)
{
	size_t lo = 0, hi = map->n;

	/* Find the last extent with start <= addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	if (addr - map->v[lo - 1].start >= map->v[lo - 1].len)
		return NULL;
	return &map->v[lo - 1];
}

const struct vr_extent *vr_extents_next(const struct vr_extent_map *map,
					uint64_t addr)
{
	size_t lo = 0, hi = map->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < map->n ? &map->v[lo] : NULL;
}

void vr_extents_free(struct vr_extent_map *map)
{
	free(map->v);
	*map = (struct vr_extent_map){ 0 };
}
