/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One page-table walker for every architecture, driven by a description:
 * the levels (which virtual address bits index each table) and a decoder
 * that says what an entry at a given level is (nothing, a next-level
 * table, or a page).  An architecture adds a description and a decoder,
 * not a walker.
 */
#ifndef VR_PGTABLE_H
#define VR_PGTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"

#define VR_PT_MAX_LEVELS 6

struct vr_pt_level {
	uint8_t shift;		/* lowest virtual address bit of the index */
	uint8_t bits;		/* index width */
};

enum vr_pte_kind {
	VR_PTE_NONE,		/* not present */
	VR_PTE_TABLE,		/* addr: physical address of the next table */
	VR_PTE_PAGE,		/* addr: physical address of the page (aligned) */
};

struct vr_pte {
	enum vr_pte_kind kind;
	uint64_t addr;
};

struct vr_pt_format {
	const char *name;
	unsigned int nr_levels;
	struct vr_pt_level levels[VR_PT_MAX_LEVELS];	/* [0] is the top */
	unsigned int entry_size;	/* bytes per entry: 8 */
	bool big_endian;		/* byte order of the entries */
	/* Decode @entry found at level @level (0 = top). */
	void (*decode)(const struct vr_pt_format *fmt, unsigned int level,
		       uint64_t entry, struct vr_pte *out);
	uint64_t arch_data;	/* for the decoder, e.g. the address mask */
};

/* Bits of virtual address the tables translate (top level's shift + bits). */
static inline unsigned int vr_pt_va_bits(const struct vr_pt_format *fmt)
{
	return fmt->levels[0].shift + fmt->levels[0].bits;
}

/* Does @vaddr fit below the tables' span, with all higher bits clear? */
static inline bool vr_pt_covers(const struct vr_pt_format *fmt, uint64_t vaddr)
{
	unsigned int bits = vr_pt_va_bits(fmt);

	return bits >= 64 || vaddr >> bits == 0;
}

typedef struct vr_error *vr_phys_read_fn(void *arg, uint64_t paddr,
					 void *buf, size_t len);

/*
 * Translate @vaddr through the tables rooted at physical @root.  On success
 * *paddr is the physical address and *page_size the size of the mapping
 * that holds it.  VR_ERR_FAULT if some level is not present; errors of
 * @read (e.g. a table page excluded from the dump) are passed on.
 */
struct vr_error *vr_pt_walk(const struct vr_pt_format *fmt, uint64_t root,
			    uint64_t vaddr, vr_phys_read_fn *read, void *arg,
			    uint64_t *paddr, uint64_t *page_size);

#endif
