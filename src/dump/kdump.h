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
/* Bits of the dumpable bitmap per entry of the rank index. */
#define KDUMP_RANK_BITS		512

struct vr_kdump {
	bool be;
	uint32_t block_size;
	uint64_t max_mapnr;	/* pfns [0, max_mapnr) are in range */
	uint64_t start_pfn;	/* split dumps: this file's part */
	uint64_t end_pfn;
	uint64_t bitmap_bytes;	/* of each bitmap */
	unsigned char *present;	/* first bitmap: pfn exists */
	unsigned char *dumpable; /* second bitmap: pfn has a page_desc */
	uint64_t *rank;		/* set bits of @dumpable before each chunk */
	uint64_t first_desc;	/* rank of start_pfn */
	uint64_t nr_descs;
	uint64_t desc_off;	/* file offset of page_desc[0] */
	bool incomplete;
	unsigned char *cbuf;	/* compressed page data */
	size_t cbuf_size;
};

/* Load the two bitmaps at @off and build the rank index. */
struct vr_error *vr_kdump_load_bitmaps(struct vr_dump *d, uint64_t off,
				       uint64_t total_bytes);
struct vr_error *vr_kdump_read(struct vr_dump *d, uint64_t paddr, void *buf,
			       size_t len);
void vr_kdump_free(struct vr_dump *d);

#endif
