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
};

/* The architecture of a dump, by ELF machine; NULL if unsupported. */
const struct vr_arch *vr_arch_find(unsigned int e_machine);

extern const struct vr_arch vr_arch_x86_64;

struct vr_pt_format;
/* The x86_64 kernel page-table description, 4- or 5-level. */
void vr_x86_64_pt_format(struct vr_pt_format *pt, bool la57);

#endif
