// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64: 4-level (PML4) or 5-level (LA57, v4.17+, NUMBER(pgtable_l5_enabled)
 * in VMCOREINFO since v4.20) page tables rooted at init_top_pgt, 1 GiB pages
 * at the PUD level and 2 MiB pages at the PMD level.
 */
#include <elf.h>

#include "vr/program.h"

struct vr_error *x86_64_init_from_cpu_state(struct vr_program *prog);

#define X86_PTE_PRESENT		(1ULL << 0)
#define X86_PTE_PSE		(1ULL << 7)
#define X86_PHYS_MASK		0x000ffffffffff000ULL
/* The kernel image mapping, __START_KERNEL_map. */
#define X86_START_KERNEL_MAP	0xffffffff80000000ULL

static void x86_64_decode(const struct vr_pt_format *fmt, unsigned int level,
			  uint64_t entry, struct vr_pte *out)
{
	unsigned int last = fmt->nr_levels - 1;
	uint64_t page_mask;

	if (!(entry & X86_PTE_PRESENT)) {
		out->kind = VR_PTE_NONE;
		return;
	}
	/* PSE at the PUD (1 GiB) and PMD (2 MiB) levels; the PTE level is a page. */
	if (level == last || (level >= last - 2 && (entry & X86_PTE_PSE))) {
		page_mask = (1ULL << fmt->levels[level].shift) - 1;
		out->kind = VR_PTE_PAGE;
		out->addr = entry & X86_PHYS_MASK & ~page_mask;
		return;
	}
	out->kind = VR_PTE_TABLE;
	out->addr = entry & X86_PHYS_MASK;
}

void vr_x86_64_pt_format(struct vr_pt_format *pt, bool la57)
{
	unsigned int n = la57 ? 5 : 4;

	*pt = (struct vr_pt_format){
		.name = la57 ? "x86_64 5-level" : "x86_64 4-level",
		.nr_levels = n,
		.entry_size = 8,
		.decode = x86_64_decode,
	};
	for (unsigned int i = 0; i < n; i++)
		pt->levels[i] = (struct vr_pt_level){
			.shift = (uint8_t)(12 + 9 * (n - 1 - i)),
			.bits = 9,
		};
}

static struct vr_error *x86_64_init(struct vr_program *prog)
{
	int64_t l5 = 0, phys_base;
	uint64_t pgd;

	if (!prog->vmcoreinfo)
		return x86_64_init_from_cpu_state(prog);
	vr_program_vmcoreinfo_number(prog, "NUMBER(pgtable_l5_enabled)", &l5);
	vr_x86_64_pt_format(&prog->pt, l5 != 0);
	if (vr_program_vmcoreinfo_number(prog, "NUMBER(phys_base)", &phys_base))
		prog->phys_base = (uint64_t)phys_base;
	else
		prog->phys_base = prog->dinfo->phys_base;
	if (!vr_vmcoreinfo_hex(prog->vmcoreinfo, "KERNELOFFSET",
			       &prog->kaslr_offset))
		prog->kaslr_offset = 0;
	/*
	 * swapper_pg_dir is a macro for init_top_pgt on x86_64; VMCOREINFO
	 * names it either way depending on the version.
	 */
	if (!vr_vmcoreinfo_symbol(prog->vmcoreinfo, "init_top_pgt", &pgd) &&
	    !vr_vmcoreinfo_symbol(prog->vmcoreinfo, "swapper_pg_dir", &pgd))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "VMCOREINFO has no SYMBOL(init_top_pgt)");
	if (pgd < X86_START_KERNEL_MAP)
		return vr_error_create(VR_ERR_CORRUPT,
				       "init_top_pgt 0x%llx is not in the kernel image",
				       (unsigned long long)pgd);
	prog->pt_root = pgd - X86_START_KERNEL_MAP + prog->phys_base;
	return NULL;
}

static bool x86_64_vaddr_valid(const struct vr_program *prog, uint64_t vaddr)
{
	unsigned int bits = prog->pt.nr_levels == 5 ? 57 : 48;
	int64_t top = (int64_t)vaddr >> (bits - 1);

	return top == 0 || top == -1;
}

const struct vr_arch vr_arch_x86_64 = {
	.name = "x86_64",
	.e_machine = EM_X86_64,
	.uname_machine = "x86_64",
	.init = x86_64_init,
	.vaddr_valid = x86_64_vaddr_valid,
};
