// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AArch64 (VMSAv8-64 stage 1, TTBR1): 4K, 16K or 64K granules, 36- to
 * 52-bit kernel VA.  The VA size comes from NUMBER(TCR_EL1_T1SZ) (v5.9+):
 * a kernel built for 52-bit VA runs 48-bit on hardware without LVA/LPA2,
 * and NUMBER(VA_BITS) then still says 52.  The kernel image is at
 * PA = VA - kimage_voffset (v4.6+, NUMBER(kimage_voffset) since v4.12).
 */
#include <elf.h>

#include "vr/program.h"
#include "vr/util.h"

#define GENMASK(h, l) (((~0ULL) >> (63 - (h))) & ~((1ULL << (l)) - 1))

/*
 * Output address bits of a descriptor.  With 64K pages and 52-bit PA
 * (ARMv8.2 LPA), OA[51:48] sits in bits [15:12]; with 4K/16K pages and
 * LPA2 (52-bit VA, v6.9+) OA[51:50] sits in bits [9:8], which are the
 * shareability field otherwise.  arch_data: 0 plain, 1 LPA, 2 LPA2.
 */
static uint64_t aarch64_oa(const struct vr_pt_format *fmt, uint64_t entry,
			   unsigned int shift)
{
	switch (fmt->arch_data) {
	case 1:
		return (entry & GENMASK(47, shift)) |
		       ((entry >> 12) & 0xf) << 48;
	case 2:
		return (entry & GENMASK(49, shift)) |
		       ((entry >> 8) & 0x3) << 50;
	default:
		return entry & GENMASK(47, shift);
	}
}

static void aarch64_decode(const struct vr_pt_format *fmt, unsigned int level,
			   uint64_t entry, struct vr_pte *out)
{
	unsigned int page_shift = fmt->levels[fmt->nr_levels - 1].shift;
	bool last = level == fmt->nr_levels - 1;

	out->kind = VR_PTE_NONE;
	if (!(entry & 1))
		return;
	if (last) {
		/* Level 3: 0b11 is a page, 0b01 is reserved. */
		if ((entry & 3) == 3) {
			out->kind = VR_PTE_PAGE;
			out->addr = aarch64_oa(fmt, entry, page_shift);
		}
		return;
	}
	if ((entry & 3) == 3) {
		out->kind = VR_PTE_TABLE;
		out->addr = aarch64_oa(fmt, entry, page_shift);
		return;
	}
	/* 0b01 above the last level: a block (e.g. 2 MiB or 1 GiB). */
	out->kind = VR_PTE_PAGE;
	out->addr = aarch64_oa(fmt, entry, fmt->levels[level].shift);
}

struct vr_error *vr_aarch64_pt_format(struct vr_pt_format *pt,
				      unsigned int page_shift,
				      unsigned int va_bits)
{
	unsigned int bits = page_shift - 3, n;

	if ((page_shift != 12 && page_shift != 14 && page_shift != 16) ||
	    va_bits < 36 || va_bits > 52)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "aarch64: %u-bit VA with %u KiB pages",
				       va_bits, (1u << page_shift) / 1024);
	n = (va_bits - page_shift + bits - 1) / bits;
	if (n > VR_PT_MAX_LEVELS)
		return vr_error_create(VR_ERR_UNSUPPORTED, "aarch64: too many levels");
	*pt = (struct vr_pt_format){
		.name = "aarch64",
		.nr_levels = n,
		.entry_size = 8,
		.decode = aarch64_decode,
	};
	for (unsigned int i = 0; i < n; i++) {
		unsigned int shift = page_shift + bits * (n - 1 - i);

		pt->levels[i] = (struct vr_pt_level){
			.shift = (uint8_t)shift,
			.bits = (uint8_t)(i == 0 ? va_bits - shift : bits),
		};
	}
	if (va_bits > 48)
		pt->arch_data = page_shift == 16 ? 1 : 2;
	return NULL;
}

static struct vr_error *aarch64_init(struct vr_program *prog)
{
	int64_t t1sz, va_bits, voff;
	uint64_t pgd;
	struct vr_error *err;

	if (!prog->vmcoreinfo)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "aarch64 dump without VMCOREINFO: cannot find the page tables");
	if (vr_program_vmcoreinfo_number(prog, "NUMBER(TCR_EL1_T1SZ)", &t1sz))
		va_bits = 64 - t1sz;
	else if (!vr_program_vmcoreinfo_number(prog, "NUMBER(VA_BITS)", &va_bits))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "VMCOREINFO has neither TCR_EL1_T1SZ nor VA_BITS");
	if (!vr_program_vmcoreinfo_number(prog, "NUMBER(kimage_voffset)", &voff))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "VMCOREINFO has no NUMBER(kimage_voffset)");
	prog->va_bits = (unsigned int)va_bits;
	prog->kimage_voffset = (uint64_t)voff;
	if (!vr_vmcoreinfo_hex(prog->vmcoreinfo, "KERNELOFFSET",
			       &prog->kaslr_offset))
		prog->kaslr_offset = 0;
	err = vr_aarch64_pt_format(&prog->pt, ilog2(prog->page_size),
				   prog->va_bits);
	if (!err)
		err = vr_program_symbol_early(prog, "swapper_pg_dir", &pgd);
	if (err)
		return err;
	prog->pt_root = pgd - prog->kimage_voffset;
	return NULL;
}

/* TTBR1 addresses: every bit above the VA size set. */
static bool aarch64_vaddr_valid(const struct vr_program *prog, uint64_t vaddr)
{
	return (int64_t)vaddr >> prog->va_bits == -1;
}

const struct vr_arch vr_arch_aarch64 = {
	.name = "aarch64",
	.e_machine = EM_AARCH64,
	.uname_machine = "aarch64",
	.init = aarch64_init,
	.vaddr_valid = aarch64_vaddr_valid,
};
