// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small two-way set-associative cache of whole pages (decompressed kdump
 * pages, or 4 KiB pages of an ELF dump), about VR_CACHE_BYTES in all.
 */
#include <stdlib.h>

#include "internal.h"
#include "vr/util.h"

#define WAYS 2

struct vr_error *vr_cache_init(struct vr_page_cache *c, size_t page_size)
{
	size_t nsets = 8;

	while (nsets * 2 * WAYS * page_size <= VR_CACHE_BYTES)
		nsets *= 2;
	c->page_size = page_size;
	c->nsets = nsets;
	c->tags = xcalloc_array(nsets * WAYS, sizeof(*c->tags));
	c->victim = xcalloc_array(nsets, sizeof(*c->victim));
	c->data = xcalloc_array(nsets * WAYS, page_size);
	if (!c->tags || !c->victim || !c->data) {
		vr_cache_free(c);
		return &vr_enomem;
	}
	return NULL;
}

void vr_cache_free(struct vr_page_cache *c)
{
	free(c->tags);
	free(c->victim);
	free(c->data);
	*c = (struct vr_page_cache){ 0 };
}

static size_t set_of(const struct vr_page_cache *c, uint64_t pfn)
{
	return (size_t)(hash_u64(pfn) & (c->nsets - 1));
}

const void *vr_cache_get(struct vr_page_cache *c, uint64_t pfn)
{
	size_t set = set_of(c, pfn);

	for (size_t w = 0; w < WAYS; w++) {
		size_t i = set * WAYS + w;

		if (c->tags[i] == pfn + 1) {
			c->victim[set] = (uint8_t)(w ^ 1);
			return c->data + i * c->page_size;
		}
	}
	return NULL;
}

void *vr_cache_claim(struct vr_page_cache *c, uint64_t pfn)
{
	size_t set = set_of(c, pfn);
	size_t i = set * WAYS + c->victim[set];

	c->tags[i] = 0;
	return c->data + i * c->page_size;
}

void vr_cache_commit(struct vr_page_cache *c, uint64_t pfn, void *buf)
{
	size_t i = (size_t)((unsigned char *)buf - c->data) / c->page_size;

	c->tags[i] = pfn + 1;
	c->victim[i / WAYS] = (uint8_t)((i % WAYS) ^ 1);
}
