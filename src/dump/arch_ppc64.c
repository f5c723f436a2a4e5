// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ppc64 (Book3S-64), little- or big-endian.  The kernel's linear map starts
 * at 0xc000000000000000 (PAGE_OFFSET) and holds the kernel image: no KASLR.
 * Under the hash MMU the linear map is not in the Linux page tables, so it
 * is translated directly; everything else (vmalloc, modules, vmemmap)
 * walks init_mm's tables.  Since v4.7 page-table entries are big-endian
 * whatever the kernel's byte order, and since v4.13 (radix/hash chosen at
 * boot) the index sizes are variables: __pte_index_size and friends.
 */
#include <elf.h>

#include "vr/program.h"
#include "vr/util.h"

#define PPC64_PAGE_OFFSET	0xc000000000000000ULL
#define PPC64_PRESENT		0x8000000000000000ULL	/* _PAGE_PRESENT */
#define PPC64_LEAF		0x4000000000000000ULL	/* _PAGE_PTE */
#define PPC64_PDE_ADDR		0x0fffffffffffff00ULL	/* ~(P|L|NLS) */
#define PPC64_RPN_MASK		0x001ffffffffff000ULL	/* _PAGE_PA_MAX 53 */
/* Beyond any linear map: vmalloc starts at +16 TiB or higher. */
#define PPC64_LINEAR_FALLBACK	(1ULL << 44)

static void ppc64_decode(const struct vr_pt_format *fmt, unsigned int level,
			 uint64_t entry, struct vr_pte *out)
{
	if (!(entry & PPC64_PRESENT)) {
		out->kind = VR_PTE_NONE;
		return;
	}
	if (level == fmt->nr_levels - 1 || (entry & PPC64_LEAF)) {
		out->kind = VR_PTE_PAGE;
		out->addr = entry & PPC64_RPN_MASK &
			    ~((1ULL << fmt->levels[level].shift) - 1);
		return;
	}
	out->kind = VR_PTE_TABLE;
	out->addr = entry & PPC64_PDE_ADDR;
}

void vr_ppc64_pt_format(struct vr_pt_format *pt, unsigned int page_shift,
			const unsigned int index_bits[4])
{
	unsigned int shift = page_shift;

	*pt = (struct vr_pt_format){
		.name = "ppc64",
		.nr_levels = 4,
		.entry_size = 8,
		.big_endian = true,
		.decode = ppc64_decode,
	};
	/* index_bits: pte, pmd, pud, pgd; levels[] is top first. */
	for (int i = 3; i >= 0; i--) {
		pt->levels[i] = (struct vr_pt_level){
			.shift = (uint8_t)shift,
			.bits = (uint8_t)index_bits[3 - i],
		};
		shift += index_bits[3 - i];
	}
}

static bool ppc64_direct(const struct vr_program *prog, uint64_t vaddr,
			 uint64_t *paddr)
{
	uint64_t end = prog->linear_base ? prog->linear_base :
		       PPC64_LINEAR_FALLBACK;

	if (vaddr < PPC64_PAGE_OFFSET || vaddr - PPC64_PAGE_OFFSET >= end)
		return false;
	*paddr = vaddr - PPC64_PAGE_OFFSET;
	return true;
}

/*
 * Kernel addresses are in the 0xc region (top two bits set) and below the
 * span of the tables: the walker alone would wrap anything else onto them.
 */
static bool ppc64_vaddr_valid(const struct vr_program *prog, uint64_t vaddr)
{
	return vaddr >> 62 == 3 &&
	       vr_pt_covers(&prog->pt, vaddr & ~(3ULL << 62));
}

/* vmcoreinfo_note (v4.15+: a pointer to the note, in the linear map). */
static struct vr_error *ppc64_find_vmcoreinfo(struct vr_program *prog,
					      uint64_t *paddr)
{
	uint64_t sym, note;
	struct vr_error *err;

	err = vr_program_symbol(prog, "vmcoreinfo_note", &sym);
	if (!err)
		err = vr_program_read_uint(prog, sym, 8, &note);
	if (err)
		return err;
	if (note < PPC64_PAGE_OFFSET)
		return vr_error_create(VR_ERR_CORRUPT,
				       "vmcoreinfo_note 0x%llx is not in the linear map",
				       (unsigned long long)note);
	*paddr = note - PPC64_PAGE_OFFSET;
	return NULL;
}

static struct vr_error *ppc64_init(struct vr_program *prog)
{
	static const char *const names[4] = {
		"__pte_index_size", "__pmd_index_size", "__pud_index_size",
		"__pgd_index_size",
	};
	unsigned int bits[4];
	uint64_t pgd, v;
	struct vr_error *err;

	prog->kaslr_offset = 0;
	/* The end of the linear map: __kernel_virt_start (v4.13+). */
	err = vr_program_symbol(prog, "__kernel_virt_start", &v);
	if (!err)
		err = vr_program_read_uint(prog, v, 8, &v);
	if (!err && v > PPC64_PAGE_OFFSET)
		prog->linear_base = v - PPC64_PAGE_OFFSET;
	vr_error_destroy(err);
	for (int i = 0; i < 4; i++) {
		err = vr_program_symbol(prog, names[i], &v);
		if (!err)
			err = vr_program_read_uint(prog, v, 8, &v);
		if (err)
			return vr_error_wrap(err, "ppc64 page-table geometry");
		if (v == 0 || v > 16)
			return vr_error_create(VR_ERR_CORRUPT,
					       "ppc64: %s = %llu", names[i],
					       (unsigned long long)v);
		bits[i] = (unsigned int)v;
	}
	vr_ppc64_pt_format(&prog->pt, ilog2(prog->page_size), bits);
	err = vr_program_symbol_early(prog, "swapper_pg_dir", &pgd);
	if (err)
		return err;
	prog->pt_root = pgd - PPC64_PAGE_OFFSET;
	return NULL;
}

const struct vr_arch vr_arch_ppc64 = {
	.name = "ppc64",
	.e_machine = EM_PPC64,
	.uname_machine = "ppc64le",
	.init = ppc64_init,
	.vaddr_valid = ppc64_vaddr_valid,
	.direct_translate = ppc64_direct,
	.find_vmcoreinfo = ppc64_find_vmcoreinfo,
	.vmcoreinfo_where = "memory (vmcoreinfo_note)",
};
