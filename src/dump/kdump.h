/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Private state of kdump-compressed dumps (makedumpfile's diskdump format). */
#ifndef VR_DUMP_KDUMP_H
#define VR_DUMP_KDUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

/* disk_dump_header.status */
#define KDUMP_STATUS_INCOMPLETE	0x8

/* page_desc.flags */
#define KDUMP_PAGE_ZLIB		0x1
#define KDUMP_PAGE_LZO		0x2
#define KDUMP_PAGE_SNAPPY	0x4
#define KDUMP_PAGE_ZSTD		0x20
#define KDUMP_PAGE_COMPRESSED	(KDUMP_PAGE_ZLIB | KDUMP_PAGE_LZO | \
				 KDUMP_PAGE_SNAPPY | KDUMP_PAGE_ZSTD)

#define KDUMP_PAGE_DESC_SIZE	24

/*
 * The bitmaps are not kept in memory: a 1 TiB machine has two 32 MiB
 * bitmaps, mostly zeros (holes) or ones (RAM).  Open scans them once, in
 * slices, and keeps an index of chunks of KDUMP_CHUNK_BITS pfns (512 bytes
 * of each bitmap): a sorted array of runs of chunks whose bits are all the
 * same in each bitmap, and one run per chunk that is mixed.  Chunks with no
 * bit set in either bitmap are in no run.  Each run carries the rank (set
 * bits of the dumpable bitmap before it), so a pfn's page descriptor is
 * found by a binary search plus, in a mixed chunk, a popcount over the
 * chunk, read back from the file on demand (the last one read is kept).
 * Memory is O(runs), not O(pfns): a sparse 1 TiB dump of a 4 GiB machine
 * needs a few hundred runs.
 */
#define KDUMP_CHUNK_BITS	4096
#define KDUMP_CHUNK_BYTES	(KDUMP_CHUNK_BITS / 8)

enum kdump_fill {
	KDUMP_ZERO,
	KDUMP_FULL,
	KDUMP_MIXED,
};

struct kdump_run {
	uint64_t first;		/* first chunk (pfn / KDUMP_CHUNK_BITS) */
	uint64_t nr;		/* chunks; 1 if either bitmap is mixed */
	uint64_t rank;		/* dumpable pfns before chunk @first */
	uint32_t count;		/* dumpable pfns in each chunk of the run */
	uint8_t present;	/* enum kdump_fill, first bitmap */
	uint8_t dumpable;	/* enum kdump_fill, second bitmap */
};

/* Which bitmap: the first says a pfn exists, the second it was dumped. */
enum kdump_bitmap {
	KDUMP_PRESENT,
	KDUMP_DUMPABLE,
};

struct vr_kdump {
	bool be;
	uint32_t block_size;
	uint64_t max_mapnr;	/* pfns [0, max_mapnr) are in range */
	uint64_t start_pfn;	/* split dumps: this file's part */
	uint64_t end_pfn;
	uint64_t bitmap_off;	/* file offset of the first bitmap */
	uint64_t bitmap_bytes;	/* of each bitmap */
	struct kdump_run *runs;	/* by chunk number */
	size_t nr_runs;
	size_t runs_cap;
	/* The mixed chunk of each bitmap read last, UINT64_MAX for none. */
	uint64_t chunk_nr[2];
	unsigned char chunk[2][KDUMP_CHUNK_BYTES];
	uint64_t first_desc;	/* rank of start_pfn */
	uint64_t nr_descs;
	uint64_t desc_off;	/* file offset of page_desc[0] */
	bool incomplete;
	unsigned char *cbuf;	/* compressed page data */
	size_t cbuf_size;
};

/* Scan the two bitmaps at @off and build the index of runs. */
struct vr_error *vr_kdump_load_bitmaps(struct vr_dump *d, uint64_t off,
				       uint64_t total_bytes);
struct vr_error *vr_kdump_read(struct vr_dump *d, uint64_t paddr, void *buf,
			       size_t len);
struct vr_error *vr_kdump_locate(struct vr_dump *d, uint64_t paddr,
				 uint64_t *off, uint64_t *size);
void vr_kdump_free(struct vr_dump *d);

#endif
