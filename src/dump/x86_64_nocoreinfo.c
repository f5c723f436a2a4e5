// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64 without any VMCOREINFO (a QEMU dump of a guest without
 * -device vmcoreinfo whose note is not found in memory either): the page
 * tables from a CPU's CR3 in QEMU's "QEMU" note (QEMUCPUState,
 * target/i386/arch_dump.c), and the KASLR offset found by looking for the
 * vmlinux's own linux_banner at each 2 MiB-aligned offset the kernel may
 * have been moved by (CONFIG_RANDOMIZE_BASE: within 1 GiB).
 */
#include <string.h>

#include "vr/program.h"
#include "vr/util.h"

/* QEMUCPUState: version, size, 18 registers, 10 segments of 24 bytes. */
#define QEMU_CPUSTATE_CR0	(8 + 18 * 8 + 10 * 24)
#define QEMU_CPUSTATE_CR3	(QEMU_CPUSTATE_CR0 + 3 * 8)
#define QEMU_CPUSTATE_CR4	(QEMU_CPUSTATE_CR0 + 4 * 8)
#define X86_CR4_LA57		(1ULL << 12)
#define X86_CR3_ADDR_MASK	0x000ffffffffff000ULL
/* With PTI the user half of a PGD pair is the page after the kernel's. */
#define PTI_USER_PGD_BIT	0x1000ULL
#define KASLR_ALIGN		(2ULL << 20)
#define KASLR_RANGE		(1ULL << 30)
#define BANNER_CMP		64

static struct vr_error *banner_at(struct vr_program *prog, uint64_t vaddr,
				  const char *want, bool *match)
{
	char got[BANNER_CMP];
	struct vr_error *err = vr_program_read(prog, vaddr, got, sizeof(got));

	*match = !err && !memcmp(got, want, sizeof(got));
	if (err && err->code != VR_ERR_FAULT && err->code != VR_ERR_NOT_PRESENT &&
	    err->code != VR_ERR_OUT_OF_RANGE && err->code != VR_ERR_EXCLUDED)
		return err;
	vr_error_destroy(err);
	return NULL;
}

/* The offset at which the tables rooted at pt_root map linux_banner. */
static struct vr_error *find_kaslr(struct vr_program *prog,
				   uint64_t banner_link, const char *banner,
				   bool *found)
{
	*found = false;
	for (uint64_t off = 0; off < KASLR_RANGE; off += KASLR_ALIGN) {
		struct vr_error *err;

		memset(prog->tlb, 0, sizeof(prog->tlb));
		err = banner_at(prog, banner_link + off, banner, found);
		if (err)
			return err;
		if (*found) {
			prog->kaslr_offset = off;
			return NULL;
		}
	}
	return NULL;
}

struct vr_error *x86_64_init_from_cpu_state(struct vr_program *prog)
{
	char banner[BANNER_CMP];
	struct vr_symbol sym;
	struct vr_error *err;

	err = vr_debuginfo_symbol(prog->dbg, "linux_banner", &sym);
	if (!err)
		err = vr_debuginfo_read(prog->dbg, sym.addr, banner,
					sizeof(banner));
	if (err)
		return err;
	for (size_t i = 0; i < vr_dump_nr_notes(prog->dump); i++) {
		const struct vr_note *n = vr_dump_note(prog->dump, i);
		uint64_t cr3, cr4;
		bool found;

		if (strcmp(n->name, "QEMU") || n->desc_size < QEMU_CPUSTATE_CR4 + 8)
			continue;
		cr3 = vr_get64((const char *)n->desc + QEMU_CPUSTATE_CR3, 0);
		cr4 = vr_get64((const char *)n->desc + QEMU_CPUSTATE_CR4, 0);
		vr_x86_64_pt_format(&prog->pt, cr4 & X86_CR4_LA57);
		/* The CR3 itself, then the kernel half of a PTI pair. */
		for (int pti = 0; pti < 2; pti++) {
			prog->pt_root = (cr3 & X86_CR3_ADDR_MASK) &
					~(pti ? PTI_USER_PGD_BIT : 0);
			err = find_kaslr(prog, sym.addr, banner, &found);
			if (err)
				return err;
			if (found) {
				prog->xlat_source = "QEMU CPU state (CR3), KASLR offset from linux_banner";
				return NULL;
			}
		}
	}
	return vr_error_create(VR_ERR_UNSUPPORTED,
			       "x86_64 dump without VMCOREINFO, and no CPU state whose page tables map the kernel");
}
