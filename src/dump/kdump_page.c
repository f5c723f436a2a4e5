// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages of kdump-compressed dumps.  The first bitmap says which pfns exist,
 * the second which were dumped; dumped pfns have one page_desc each, in
 * pfn order, so a pfn's descriptor is found by its rank among the set bits
 * of the second bitmap.  A cumulative count per KDUMP_RANK_BITS bits makes
 * that O(1).
 */
#include <stdlib.h>
#include <string.h>

#include "kdump.h"
#include "vr/util.h"

#define MAX_BITMAP_BYTES	(1ull << 31)

static bool test_bit(const unsigned char *map, uint64_t bit)
{
	return map[bit >> 3] & (1u << (bit & 7));
}

/* Set bits of @map before @bit. */
static uint64_t rank_of(const struct vr_kdump *k, uint64_t bit)
{
	uint64_t chunk = bit / KDUMP_RANK_BITS;
	const unsigned char *p = k->dumpable + chunk * (KDUMP_RANK_BITS / 8);
	unsigned int rest = (unsigned int)(bit % KDUMP_RANK_BITS);
	uint64_t n = k->rank[chunk];

	for (; rest >= 64; rest -= 64, p += 8)
		n += (uint64_t)__builtin_popcountll(vr_get64(p, 0));
	if (rest)
		n += (uint64_t)__builtin_popcountll(vr_get64(p, 0) &
						    ((1ull << rest) - 1));
	return n;
}

static struct vr_error *build_rank(struct vr_kdump *k, uint64_t padded)
{
	uint64_t chunks = padded / (KDUMP_RANK_BITS / 8);
	uint64_t sum = 0;

	k->rank = xcalloc_array(chunks + 1, sizeof(*k->rank));
	if (!k->rank)
		return &vr_enomem;
	for (uint64_t c = 0; c <= chunks; c++) {
		const unsigned char *p = k->dumpable + c * (KDUMP_RANK_BITS / 8);

		k->rank[c] = sum;
		if (c == chunks)
			break;
		for (int w = 0; w < KDUMP_RANK_BITS / 64; w++)
			sum += (uint64_t)__builtin_popcountll(vr_get64(p + 8 * w, 0));
	}
	return NULL;
}

struct vr_error *vr_kdump_load_bitmaps(struct vr_dump *d, uint64_t off,
				       uint64_t total_bytes)
{
	struct vr_kdump *k = d->kdump;
	uint64_t half = total_bytes / 2, padded;
	struct vr_error *err;

	if (half > MAX_BITMAP_BYTES)
		return vr_error_create(VR_ERR_LIMIT,
				       "bitmaps of 0x%llx bytes are too large",
				       (unsigned long long)total_bytes);
	if (off + total_bytes > d->in->size)
		return vr_error_create(VR_ERR_TRUNCATED,
			"bitmaps at 0x%llx..0x%llx beyond the end of the dump (0x%llx)",
			(unsigned long long)off,
			(unsigned long long)(off + total_bytes),
			(unsigned long long)d->in->size);
	/* Round up to whole rank chunks, plus one so the index can read past. */
	padded = (half + KDUMP_RANK_BITS / 8 - 1) / (KDUMP_RANK_BITS / 8) *
		 (KDUMP_RANK_BITS / 8);
	k->present = calloc(1, padded + KDUMP_RANK_BITS / 8);
	k->dumpable = calloc(1, padded + KDUMP_RANK_BITS / 8);
	if (!k->present || !k->dumpable)
		return &vr_enomem;
	k->bitmap_bytes = half;
	err = vr_input_pread(d->in, k->present, half, off);
	if (!err)
		err = vr_input_pread(d->in, k->dumpable, half, off + half);
	if (err)
		return vr_error_wrap(err, "bitmaps");
	err = build_rank(k, padded);
	if (err)
		return err;
	k->first_desc = rank_of(k, k->start_pfn);
	k->nr_descs = rank_of(k, k->end_pfn) - k->first_desc;
	return NULL;
}

struct page_desc {
	uint64_t offset;
	uint32_t size;
	uint32_t flags;
};

static struct vr_error *read_desc(struct vr_dump *d, uint64_t pfn,
				  struct page_desc *pd)
{
	struct vr_kdump *k = d->kdump;
	unsigned char b[KDUMP_PAGE_DESC_SIZE];
	uint64_t idx = rank_of(k, pfn) - k->first_desc;
	uint64_t off = k->desc_off + idx * KDUMP_PAGE_DESC_SIZE;
	struct vr_error *err;

	if (off + sizeof(b) > d->in->size)
		return vr_page_error(VR_ERR_TRUNCATED, pfn * k->block_size,
				     "page descriptor #%llu beyond the end of the dump",
				     (unsigned long long)idx);
	err = vr_input_pread(d->in, b, sizeof(b), off);
	if (err)
		return vr_error_wrap(err, "physical address 0x%llx: page descriptor",
				     (unsigned long long)(pfn * k->block_size));
	pd->offset = vr_get64(b, k->be);
	pd->size = vr_get32(b + 8, k->be);
	pd->flags = vr_get32(b + 12, k->be);
	return NULL;
}

static struct vr_error *method_of(const struct page_desc *pd,
				  enum vr_compression *ret)
{
	switch (pd->flags & KDUMP_PAGE_COMPRESSED) {
	case 0: *ret = VR_COMPRESS_NONE; return NULL;
	case KDUMP_PAGE_ZLIB: *ret = VR_COMPRESS_ZLIB; return NULL;
	case KDUMP_PAGE_LZO: *ret = VR_COMPRESS_LZO; return NULL;
	case KDUMP_PAGE_SNAPPY: *ret = VR_COMPRESS_SNAPPY; return NULL;
	case KDUMP_PAGE_ZSTD: *ret = VR_COMPRESS_ZSTD; return NULL;
	}
	return vr_error_create(VR_ERR_CORRUPT,
			       "page descriptor with flags 0x%x", pd->flags);
}

static struct vr_error *check_desc(struct vr_dump *d, uint64_t paddr,
				   const struct page_desc *pd)
{
	struct vr_kdump *k = d->kdump;

	if (!pd->offset || !pd->size) {
		if (k->incomplete)
			return vr_page_error(VR_ERR_TRUNCATED, paddr,
					     "page not written (incomplete dump)");
		return vr_page_error(VR_ERR_CORRUPT, paddr,
				     "empty page descriptor");
	}
	if (pd->size > k->cbuf_size)
		return vr_page_error(VR_ERR_CORRUPT, paddr,
				     "page data of %u bytes for a %u-byte page",
				     pd->size, k->block_size);
	if (pd->offset > d->in->size || pd->size > d->in->size - pd->offset)
		return vr_page_error(VR_ERR_TRUNCATED, paddr,
				     "page data at 0x%llx beyond the end of the dump%s",
				     (unsigned long long)pd->offset,
				     k->incomplete ? " (incomplete dump)" : "");
	return NULL;
}

/* Fetch and decompress one whole page into @buf. */
static struct vr_error *read_page(struct vr_dump *d, uint64_t pfn, void *buf)
{
	struct vr_kdump *k = d->kdump;
	uint64_t paddr = pfn * k->block_size;
	enum vr_compression method = VR_COMPRESS_NONE;
	struct vr_error *err;
	struct page_desc pd = { 0 };

	err = read_desc(d, pfn, &pd);
	if (!err)
		err = check_desc(d, paddr, &pd);
	if (!err)
		err = method_of(&pd, &method);
	if (err)
		return err;
	if (method == VR_COMPRESS_NONE && pd.size != k->block_size)
		return vr_page_error(VR_ERR_CORRUPT, paddr,
				     "raw page of %u bytes, want %u",
				     pd.size, k->block_size);
	err = vr_input_pread(d->in, method ? k->cbuf : buf, pd.size,
			     pd.offset);
	if (err)
		return vr_error_wrap(err, "physical address 0x%llx",
				     (unsigned long long)paddr);
	d->stats.pages_read++;
	d->info.compressions |= 1u << method;
	if (method == VR_COMPRESS_NONE)
		return NULL;
	d->stats.pages_decompressed++;
	err = vr_decompress(method, k->cbuf, pd.size, buf, k->block_size);
	if (err)
		return vr_error_wrap(err, "physical address 0x%llx",
				     (unsigned long long)paddr);
	return NULL;
}

static struct vr_error *classify(const struct vr_kdump *k, uint64_t paddr,
				 uint64_t pfn)
{
	if (pfn >= k->max_mapnr)
		return vr_page_error(VR_ERR_OUT_OF_RANGE, paddr,
				     "beyond the dump's last page frame (max_mapnr 0x%llx)",
				     (unsigned long long)k->max_mapnr);
	if (!test_bit(k->present, pfn))
		return vr_page_error(VR_ERR_NOT_PRESENT, paddr,
				     "not in the dump's memory map (hole)");
	if (!test_bit(k->dumpable, pfn))
		return vr_page_error(VR_ERR_EXCLUDED, paddr,
				     "page filtered out of the dump");
	if (pfn < k->start_pfn || pfn >= k->end_pfn)
		return vr_page_error(VR_ERR_NOT_PRESENT, paddr,
				     "in another file of a split dump");
	return NULL;
}

struct vr_error *vr_kdump_read(struct vr_dump *d, uint64_t paddr, void *buf,
			       size_t len)
{
	struct vr_kdump *k = d->kdump;
	uint64_t pfn = paddr / k->block_size;
	size_t in_page = (size_t)(paddr % k->block_size);
	const void *cached;
	struct vr_error *err;
	void *slot;

	cached = vr_cache_get(&d->cache, pfn);
	if (cached) {
		d->stats.cache_hits++;
		memcpy(buf, (const char *)cached + in_page, len);
		return NULL;
	}
	err = classify(k, paddr, pfn);
	if (err)
		return err;
	d->stats.cache_misses++;
	slot = vr_cache_claim(&d->cache, pfn);
	err = read_page(d, pfn, slot);
	if (err)
		return err;
	vr_cache_commit(&d->cache, pfn, slot);
	memcpy(buf, (const char *)slot + in_page, len);
	return NULL;
}

void vr_kdump_free(struct vr_dump *d)
{
	struct vr_kdump *k = d->kdump;

	if (!k)
		return;
	free(k->present);
	free(k->dumpable);
	free(k->rank);
	free(k->cbuf);
	free(k);
	d->kdump = NULL;
}
