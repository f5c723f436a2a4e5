// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * s390x DAT: region-first, -second and -third tables (2048 entries, 11
 * index bits each), segment tables (2048 entries) and page tables (256
 * entries), big-endian.  The kernel uses as many levels as its address
 * space needs; the table type (TT) bits of the top table's valid entries
 * say which.  Until v6.10 the kernel image and all memory are mapped 1:1;
 * since v6.10 the image is mapped at KERNELOFFSET, with its physical
 * address in KERNELOFFPHYS.
 */
#include <elf.h>

#include "vr/program.h"
#include "vr/util.h"

#define S390_ENTRY_INVALID	0x20ULL		/* region and segment entries */
#define S390_PTE_INVALID	0x400ULL	/* page-table entries */
#define S390_FC			0x400ULL	/* large page (EDAT-1/-2) */
#define S390_TT(e)		(((e) >> 2) & 3)
#define S390_TABLE_ENTRIES	2048
/* Lowcore: the physical address of the VMCOREINFO note (v4.x+). */
#define S390_LC_VMCORE_INFO	0xe0c

/* What the walker calls level 0 is the top; dist is levels to the bottom. */
static void s390x_decode(const struct vr_pt_format *fmt, unsigned int level,
			 uint64_t entry, struct vr_pte *out)
{
	unsigned int dist = fmt->nr_levels - 1 - level;

	out->kind = VR_PTE_NONE;
	if (dist == 0) {
		if (entry & S390_PTE_INVALID)
			return;
		out->kind = VR_PTE_PAGE;
		out->addr = entry & ~0xfffULL;
		return;
	}
	if (entry & S390_ENTRY_INVALID)
		return;
	if ((dist == 1 || dist == 2) && (entry & S390_FC)) {
		/* 1 MiB segment or 2 GiB region-third frame. */
		out->kind = VR_PTE_PAGE;
		out->addr = entry & ~((1ULL << fmt->levels[level].shift) - 1);
		return;
	}
	out->kind = VR_PTE_TABLE;
	/* Page tables are 2 KiB aligned, the others 4 KiB. */
	out->addr = entry & (dist == 1 ? ~0x7ffULL : ~0xfffULL);
}

void vr_s390x_pt_format(struct vr_pt_format *pt, unsigned int nr_levels)
{
	static const struct vr_pt_level all[5] = {
		{ 53, 11 }, { 42, 11 }, { 31, 11 }, { 20, 11 }, { 12, 8 },
	};
	static const char *const names[6] = {
		NULL, NULL, "s390x segment", "s390x region-third",
		"s390x region-second", "s390x region-first",
	};

	*pt = (struct vr_pt_format){
		.name = names[nr_levels],
		.nr_levels = nr_levels,
		.entry_size = 8,
		.big_endian = true,
		.decode = s390x_decode,
	};
	for (unsigned int i = 0; i < nr_levels; i++)
		pt->levels[i] = all[5 - nr_levels + i];
}

static struct vr_error *s390x_find_vmcoreinfo(struct vr_program *prog,
					      uint64_t *paddr)
{
	uint8_t raw[8];
	struct vr_error *err = vr_dump_read_phys(prog->dump,
						 S390_LC_VMCORE_INFO, raw, 8);

	if (err)
		return err;
	*paddr = vr_get64(raw, 1);
	if (!*paddr)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "lowcore holds no VMCOREINFO address");
	return NULL;
}

/* The number of levels, from the TT bits of the top table's entries. */
static struct vr_error *s390x_levels(struct vr_program *prog, uint64_t root,
				     unsigned int *levels)
{
	uint8_t raw[8];

	for (unsigned int i = 0; i < S390_TABLE_ENTRIES; i++) {
		struct vr_error *err;
		uint64_t e;

		err = vr_dump_read_phys(prog->dump, root + 8 * i, raw, 8);
		if (err)
			return vr_error_wrap(err, "s390x top page table");
		e = vr_get64(raw, 1);
		if (e & S390_ENTRY_INVALID)
			continue;
		*levels = 2 + (unsigned int)S390_TT(e);
		return NULL;
	}
	return vr_error_create(VR_ERR_CORRUPT,
			       "s390x: top page table has no valid entry");
}

static struct vr_error *s390x_init(struct vr_program *prog)
{
	uint64_t pgd, phys_offset = 0;
	unsigned int levels = 0;
	struct vr_error *err;

	if (!prog->vmcoreinfo ||
	    !vr_vmcoreinfo_hex(prog->vmcoreinfo, "KERNELOFFSET",
			       &prog->kaslr_offset))
		prog->kaslr_offset = 0;
	err = vr_program_symbol_early(prog, "swapper_pg_dir", &pgd);
	if (err)
		return err;
	/* v6.10+: image VA = link VA + KERNELOFFSET, PA = KERNELOFFPHYS + ... */
	if (prog->vmcoreinfo &&
	    vr_vmcoreinfo_hex(prog->vmcoreinfo, "KERNELOFFPHYS", &phys_offset))
		pgd = pgd - prog->kaslr_offset + phys_offset;
	prog->pt_root = pgd;
	err = s390x_levels(prog, prog->pt_root, &levels);
	if (err)
		return err;
	vr_s390x_pt_format(&prog->pt, levels);
	return NULL;
}

/* Beyond the top table's span the walker would wrap (0xdead... poison). */
static bool s390x_vaddr_valid(const struct vr_program *prog, uint64_t vaddr)
{
	return vr_pt_covers(&prog->pt, vaddr);
}

/* A process's tables may have fewer levels than the kernel's. */
static struct vr_error *s390x_user_pt(struct vr_program *prog, uint64_t root,
				      struct vr_pt_format *pt)
{
	unsigned int levels = 0;
	struct vr_error *err = s390x_levels(prog, root, &levels);

	if (!err)
		vr_s390x_pt_format(pt, levels);
	return err;
}

const struct vr_arch vr_arch_s390x = {
	.name = "s390x",
	.e_machine = EM_S390,
	.uname_machine = "s390x",
	.init = s390x_init,
	.vaddr_valid = s390x_vaddr_valid,
	.find_vmcoreinfo = s390x_find_vmcoreinfo,
	.vmcoreinfo_where = "memory (lowcore 0xe0c)",
	.user_pt = s390x_user_pt,
};
