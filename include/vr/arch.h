/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An architecture: how to find its page tables and KASLR offset in a dump,
 * and the page-table description that the generic walker follows.
 */
#ifndef VR_ARCH_H
#define VR_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/error.h"

struct vr_program;
struct vr_pt_format;

struct vr_arch {
	const char *name;		/* "x86_64" */
	unsigned int e_machine;		/* EM_X86_64 */
	const char *uname_machine;	/* utsname.machine as the kernel says it */
	/*
	 * Fill prog->pt, prog->pt_root and prog->kaslr_offset from the dump
	 * (VMCOREINFO, notes).
	 */
	struct vr_error *(*init)(struct vr_program *prog);
	/* Is @vaddr a valid (canonical) kernel or user address? */
	bool (*vaddr_valid)(const struct vr_program *prog, uint64_t vaddr);
	/*
	 * Optional: translate without the page tables (a linear map that
	 * the tables do not describe, e.g. ppc64 hash MMU).  True if done.
	 */
	bool (*direct_translate)(const struct vr_program *prog, uint64_t vaddr,
				 uint64_t *paddr);
	/*
	 * Optional: where the kernel keeps its VMCOREINFO note in physical
	 * memory, for dumps that do not carry it (QEMU dumps of ppc64 and
	 * s390x guests).  Called before init(), with the vmlinux open.
	 */
	struct vr_error *(*find_vmcoreinfo)(struct vr_program *prog,
					    uint64_t *paddr);
	const char *vmcoreinfo_where;	/* for the manifest: how it was found */
	/*
	 * Optional: the page-table description of a user address space
	 * rooted at physical @root (default: the kernel's).
	 */
	struct vr_error *(*user_pt)(struct vr_program *prog, uint64_t root,
				    struct vr_pt_format *pt);
};

/* The architecture of a dump, by ELF machine; NULL if unsupported. */
const struct vr_arch *vr_arch_find(unsigned int e_machine);

extern const struct vr_arch vr_arch_x86_64;
extern const struct vr_arch vr_arch_aarch64;
extern const struct vr_arch vr_arch_ppc64;
extern const struct vr_arch vr_arch_s390x;

/* The x86_64 kernel page-table description, 4- or 5-level. */
void vr_x86_64_pt_format(struct vr_pt_format *pt, bool la57);
/* AArch64 TTBR1 tables: granule 4K/16K/64K, VA bits 36..52. */
struct vr_error *vr_aarch64_pt_format(struct vr_pt_format *pt,
				      unsigned int page_shift,
				      unsigned int va_bits);
/* s390x DAT tables with @nr_levels (2: segment table .. 5: region-first). */
void vr_s390x_pt_format(struct vr_pt_format *pt, unsigned int nr_levels);
/* ppc64 Linux page tables with the kernel's index sizes. */
void vr_ppc64_pt_format(struct vr_pt_format *pt, unsigned int page_shift,
			const unsigned int index_bits[4]);

#endif
