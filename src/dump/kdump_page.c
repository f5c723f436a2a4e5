// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages of kdump-compressed dumps.  The first bitmap says which pfns exist,
 * the second which were dumped; dumped pfns have one page_desc each, in
 * pfn order, so a pfn's descriptor is found by its rank among the set bits
 * of the second bitmap.  The bitmaps stay in the file: see the index of
 * runs in kdump.h.  Open reads them once through a fixed buffer; a lookup
 * is a binary search over the runs, plus for a mixed chunk one 512-byte
 * read (cached) and at most 64 popcounts.
 */
#include <stdlib.h>
#include <string.h>

#include "kdump.h"
#include "vr/util.h"

#define MAX_BITMAP_BYTES	(1ull << 31)
/* Bytes of each bitmap read at a time while building the index. */
#define SCAN_BYTES		(256u * 1024)
#define WORDS_PER_CHUNK		(KDUMP_CHUNK_BYTES / 8)

/* Fill of one chunk of a bitmap, and its set bits in *@count. */
static enum kdump_fill chunk_fill(const unsigned char *p, uint32_t *count)
{
	uint64_t or = 0, and = ~0ull;
	uint32_t n = 0;

	for (int w = 0; w < WORDS_PER_CHUNK; w++) {
		uint64_t v;

		memcpy(&v, p + 8 * w, 8);
		or |= v;
		and &= v;
	}
	if (!or) {
		*count = 0;
		return KDUMP_ZERO;
	}
	if (and == ~0ull) {
		*count = KDUMP_CHUNK_BITS;
		return KDUMP_FULL;
	}
	for (int w = 0; w < WORDS_PER_CHUNK; w++)
		n += (uint32_t)__builtin_popcountll(vr_get64(p + 8 * w, 0));
	*count = n;
	return KDUMP_MIXED;
}

/*
 * Add chunk @nr (after every chunk added so far) to the index: extend the
 * last run when it ends just before and has the same uniform fills, else
 * start a run.  @rank: dumpable pfns before the chunk.
 */
static struct vr_error *add_chunk(struct vr_kdump *k, uint64_t nr,
				  enum kdump_fill present,
				  enum kdump_fill dumpable, uint32_t count,
				  uint64_t rank)
{
	struct kdump_run *last = k->nr_runs ? &k->runs[k->nr_runs - 1] : NULL;

	if (last && last->first + last->nr == nr && last->present == present &&
	    last->dumpable == dumpable && present != KDUMP_MIXED &&
	    dumpable != KDUMP_MIXED) {
		last->nr++;
		return NULL;
	}
	if (k->nr_runs == k->runs_cap) {
		size_t cap = k->runs_cap ? 2 * k->runs_cap : 64;
		struct kdump_run *v = reallocarray(k->runs, cap, sizeof(*v));

		if (!v)
			return &vr_enomem;
		k->runs = v;
		k->runs_cap = cap;
	}
	k->runs[k->nr_runs++] = (struct kdump_run){
		.first = nr, .nr = 1, .rank = rank, .count = count,
		.present = (uint8_t)present, .dumpable = (uint8_t)dumpable,
	};
	return NULL;
}

/* One slice of both bitmaps, @len bytes from chunk @nr on, into the index. */
static struct vr_error *index_slice(struct vr_kdump *k, uint64_t nr,
				    const unsigned char *present,
				    const unsigned char *dumpable, size_t len,
				    uint64_t *rank)
{
	for (size_t off = 0; off < len; off += KDUMP_CHUNK_BYTES, nr++) {
		enum kdump_fill pf, df;
		uint32_t pcount, dcount;
		struct vr_error *err;

		pf = chunk_fill(present + off, &pcount);
		df = chunk_fill(dumpable + off, &dcount);
		if (pf == KDUMP_ZERO && df == KDUMP_ZERO)
			continue;
		err = add_chunk(k, nr, pf, df, dcount, *rank);
		if (err)
			return err;
		*rank += dcount;
	}
	return NULL;
}

/*
 * The run holding chunk @nr, or NULL when no bit of it is set; either way
 * *@rank is the number of dumpable pfns before the chunk.
 */
static const struct kdump_run *find_run(const struct vr_kdump *k, uint64_t nr,
					uint64_t *rank)
{
	size_t lo = 0, hi = k->nr_runs;
	const struct kdump_run *r;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->runs[mid].first <= nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo) {
		*rank = 0;
		return NULL;
	}
	r = &k->runs[lo - 1];
	if (nr - r->first >= r->nr) {
		*rank = r->rank + r->nr * r->count;
		return NULL;
	}
	*rank = r->rank + (nr - r->first) * r->count;
	return r;
}

/* The bits of mixed chunk @nr of bitmap @which, read back from the file. */
static struct vr_error *load_chunk(struct vr_dump *d, enum kdump_bitmap which,
				   uint64_t nr, const unsigned char **ret)
{
	struct vr_kdump *k = d->kdump;
	uint64_t off = k->bitmap_off + which * k->bitmap_bytes +
		       nr * KDUMP_CHUNK_BYTES;
	struct vr_error *err;

	if (k->chunk_nr[which] != nr) {
		/* The last chunk may be cut short by the end of the bitmap. */
		size_t len = (size_t)min(k->bitmap_bytes - nr * KDUMP_CHUNK_BYTES,
					 (uint64_t)KDUMP_CHUNK_BYTES);

		k->chunk_nr[which] = UINT64_MAX;
		memset(k->chunk[which], 0, KDUMP_CHUNK_BYTES);
		err = vr_input_pread(d->in, k->chunk[which], len, off);
		if (err)
			return vr_error_wrap(err, "kdump bitmap");
		k->chunk_nr[which] = nr;
	}
	*ret = k->chunk[which];
	return NULL;
}

/* Is @pfn set in bitmap @which? */
static struct vr_error *test_pfn(struct vr_dump *d, enum kdump_bitmap which,
				 uint64_t pfn, bool *ret)
{
	uint64_t nr = pfn / KDUMP_CHUNK_BITS, rank;
	unsigned int bit = (unsigned int)(pfn % KDUMP_CHUNK_BITS);
	const struct kdump_run *r = find_run(d->kdump, nr, &rank);
	const unsigned char *p;
	struct vr_error *err;
	uint8_t fill;

	*ret = false;
	if (!r)
		return NULL;
	fill = which == KDUMP_PRESENT ? r->present : r->dumpable;
	if (fill != KDUMP_MIXED) {
		*ret = fill == KDUMP_FULL;
		return NULL;
	}
	err = load_chunk(d, which, nr, &p);
	if (err)
		return err;
	*ret = p[bit >> 3] & (1u << (bit & 7));
	return NULL;
}

/* Set bits of the dumpable bitmap before @pfn. */
static struct vr_error *rank_of(struct vr_dump *d, uint64_t pfn,
				uint64_t *ret)
{
	uint64_t nr = pfn / KDUMP_CHUNK_BITS;
	unsigned int rest = (unsigned int)(pfn % KDUMP_CHUNK_BITS);
	const struct kdump_run *r = find_run(d->kdump, nr, ret);
	const unsigned char *p;
	struct vr_error *err;

	if (!r || r->dumpable == KDUMP_ZERO || !rest)
		return NULL;
	if (r->dumpable == KDUMP_FULL) {
		*ret += rest;
		return NULL;
	}
	err = load_chunk(d, KDUMP_DUMPABLE, nr, &p);
	if (err)
		return err;
	for (; rest >= 64; rest -= 64, p += 8)
		*ret += (uint64_t)__builtin_popcountll(vr_get64(p, 0));
	if (rest)
		*ret += (uint64_t)__builtin_popcountll(vr_get64(p, 0) &
						       ((1ull << rest) - 1));
	return NULL;
}

/* Both bitmaps, a slice at a time, into the index of runs. */
static struct vr_error *build_index(struct vr_dump *d)
{
	struct vr_kdump *k = d->kdump;
	unsigned char *buf = malloc(2 * SCAN_BYTES);
	struct vr_error *err = NULL;
	uint64_t rank = 0;

	if (!buf)
		return &vr_enomem;
	for (uint64_t pos = 0; pos < k->bitmap_bytes && !err; pos += SCAN_BYTES) {
		size_t len = (size_t)min(k->bitmap_bytes - pos,
					 (uint64_t)SCAN_BYTES);

		/* Zeros after a last chunk cut short by the end. */
		size_t whole = (len + KDUMP_CHUNK_BYTES - 1) /
			       KDUMP_CHUNK_BYTES * KDUMP_CHUNK_BYTES;

		if (whole != len) {
			memset(buf, 0, SCAN_BYTES);
			memset(buf + SCAN_BYTES, 0, SCAN_BYTES);
		}
		err = vr_input_pread(d->in, buf, len, k->bitmap_off + pos);
		if (!err)
			err = vr_input_pread(d->in, buf + SCAN_BYTES, len,
					     k->bitmap_off + k->bitmap_bytes + pos);
		if (err)
			err = vr_error_wrap(err, "bitmaps");
		else
			err = index_slice(k, pos / KDUMP_CHUNK_BYTES, buf,
					  buf + SCAN_BYTES, whole, &rank);
	}
	free(buf);
	return err;
}

struct vr_error *vr_kdump_load_bitmaps(struct vr_dump *d, uint64_t off,
				       uint64_t total_bytes)
{
	struct vr_kdump *k = d->kdump;
	uint64_t half = total_bytes / 2, end;
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
	k->bitmap_off = off;
	k->bitmap_bytes = half;
	k->chunk_nr[KDUMP_PRESENT] = k->chunk_nr[KDUMP_DUMPABLE] = UINT64_MAX;
	err = build_index(d);
	if (err)
		return err;
	/* Pfns past the bitmaps (a max_mapnr it cannot hold) rank last. */
	end = min(k->end_pfn, half * 8);
	err = rank_of(d, min(k->start_pfn, end), &k->first_desc);
	if (!err)
		err = rank_of(d, end, &k->nr_descs);
	if (err)
		return err;
	k->nr_descs -= k->first_desc;
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
	uint64_t idx, off;
	struct vr_error *err;

	err = rank_of(d, pfn, &idx);
	if (err)
		return err;
	idx -= k->first_desc;
	off = k->desc_off + idx * KDUMP_PAGE_DESC_SIZE;
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

/* The descriptor of @pfn, checked against the file. */
static struct vr_error *page_desc_of(struct vr_dump *d, uint64_t pfn,
				     struct page_desc *pd)
{
	struct vr_error *err = read_desc(d, pfn, pd);

	if (!err)
		err = check_desc(d, pfn * d->kdump->block_size, pd);
	return err;
}

/* Fetch and decompress one whole page into @buf. */
static struct vr_error *read_page(struct vr_dump *d, uint64_t pfn, void *buf)
{
	struct vr_kdump *k = d->kdump;
	uint64_t paddr = pfn * k->block_size;
	enum vr_compression method = VR_COMPRESS_NONE;
	struct vr_error *err;
	struct page_desc pd = { 0 };

	err = page_desc_of(d, pfn, &pd);
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

static struct vr_error *classify(struct vr_dump *d, uint64_t paddr,
				 uint64_t pfn)
{
	const struct vr_kdump *k = d->kdump;
	struct vr_error *err;
	bool set;

	if (pfn >= k->max_mapnr)
		return vr_page_error(VR_ERR_OUT_OF_RANGE, paddr,
				     "beyond the dump's last page frame (max_mapnr 0x%llx)",
				     (unsigned long long)k->max_mapnr);
	err = test_pfn(d, KDUMP_PRESENT, pfn, &set);
	if (err)
		return err;
	if (!set)
		return vr_page_error(VR_ERR_NOT_PRESENT, paddr,
				     "not in the dump's memory map (hole)");
	err = test_pfn(d, KDUMP_DUMPABLE, pfn, &set);
	if (err)
		return err;
	if (!set)
		return vr_page_error(VR_ERR_EXCLUDED, paddr,
				     "page filtered out of the dump");
	if (pfn < k->start_pfn || pfn >= k->end_pfn)
		return vr_page_error(VR_ERR_NOT_PRESENT, paddr,
				     "in another file of a split dump");
	return NULL;
}

struct vr_error *vr_kdump_locate(struct vr_dump *d, uint64_t paddr,
				 uint64_t *off, uint64_t *size)
{
	uint64_t pfn = paddr / d->kdump->block_size;
	struct page_desc pd = { 0 };
	struct vr_error *err;

	err = classify(d, paddr, pfn);
	if (!err)
		err = page_desc_of(d, pfn, &pd);
	if (err)
		return err;
	*off = pd.offset;
	*size = pd.size;
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
	err = classify(d, paddr, pfn);
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
	free(k->runs);
	free(k->cbuf);
	free(k);
	d->kdump = NULL;
}
