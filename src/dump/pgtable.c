// SPDX-License-Identifier: GPL-2.0-or-later
#include "vr/pgtable.h"
#include "vr/util.h"

struct vr_error *vr_pt_walk(const struct vr_pt_format *fmt, uint64_t root,
			    uint64_t vaddr, vr_phys_read_fn *read, void *arg,
			    uint64_t *paddr, uint64_t *page_size)
{
	uint64_t table = root;

	for (unsigned int level = 0; level < fmt->nr_levels; level++) {
		const struct vr_pt_level *l = &fmt->levels[level];
		uint64_t index = (vaddr >> l->shift) & ((1ULL << l->bits) - 1);
		uint8_t raw[8];
		struct vr_pte pte;
		struct vr_error *err;

		err = read(arg, table + index * fmt->entry_size, raw,
			   fmt->entry_size);
		if (err)
			return vr_error_wrap(err,
					     "%s: level %u table at 0x%llx",
					     fmt->name, level,
					     (unsigned long long)table);
		fmt->decode(fmt, level,
			    vr_get_uint(raw, fmt->entry_size, fmt->big_endian),
			    &pte);
		switch (pte.kind) {
		case VR_PTE_NONE:
			return vr_error_create(VR_ERR_FAULT,
					       "0x%llx not mapped (%s level %u)",
					       (unsigned long long)vaddr,
					       fmt->name, level);
		case VR_PTE_PAGE:
			*page_size = 1ULL << l->shift;
			*paddr = pte.addr + (vaddr & (*page_size - 1));
			return NULL;
		case VR_PTE_TABLE:
			table = pte.addr;
			break;
		}
	}
	return vr_error_create(VR_ERR_CORRUPT,
			       "0x%llx: %s: no page after the last level",
			       (unsigned long long)vaddr, fmt->name);
}
