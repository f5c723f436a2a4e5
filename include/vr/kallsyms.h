/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's own symbol table, kallsyms (scripts/kallsyms.c,
 * kernel/kallsyms.c), decoded from the dumped memory: what /proc/kallsyms
 * lists for the kernel image.  VMCOREINFO carries the tables' addresses
 * since v6.0 (commit 5fd8fea935a1 "vmcoreinfo: include kallsyms symbols").
 */
#ifndef VR_KALLSYMS_H
#define VR_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"

/* Read @len bytes of kernel virtual memory at run-time address @addr. */
typedef struct vr_error *(*vr_kallsyms_read_fn)(void *ctx, uint64_t addr,
						void *buf, size_t len);

/* Run-time addresses of the tables; 0 for a table the kernel lacks. */
struct vr_kallsyms_tables {
	uint64_t num_syms;
	uint64_t names;
	uint64_t token_table;
	uint64_t token_index;
	uint64_t markers;	/* 0: walk the names to find a symbol */
	uint64_t offsets;	/* CONFIG_KALLSYMS_BASE_RELATIVE */
	uint64_t relative_base;	/* 0 since v7.0: offsets are place-relative */
	uint64_t addresses;	/* without BASE_RELATIVE (< v6.11 only) */
	/*
	 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU (x86_64 SMP, v4.6 .. v6.14): a
	 * non-negative offset is an absolute value (per-CPU symbols).
	 */
	bool absolute_percpu;
};

struct vr_ksym {
	const char *name;
	uint64_t addr;		/* run-time address (absolute ones as they are) */
	uint64_t size;		/* distance to the next symbol; 0 for the last */
	char type;		/* 'T', 't', 'D', 'A', ... as /proc/kallsyms */
	bool absolute;		/* an absolute (per-CPU offset) value */
};

struct vr_kallsyms {
	struct vr_ksym *syms;	/* sorted by address, then table order */
	size_t nr_syms;
	/* private */
	char *strings;
};

/*
 * Decode the tables through @read.  Every size and index is bounded; a
 * garbage table gives VR_ERR_FORMAT, never a crash.
 */
struct vr_error *vr_kallsyms_decode(vr_kallsyms_read_fn read, void *ctx,
				    const struct vr_kallsyms_tables *tables,
				    bool big_endian, unsigned int ptr_size,
				    struct vr_kallsyms **ret);
void vr_kallsyms_free(struct vr_kallsyms *ks);

#endif
