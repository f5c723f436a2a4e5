/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding the kallsyms tables in the kernel image by their layout, for
 * kernels whose VMCOREINFO does not carry their addresses (before v6.0,
 * commit 5fd8fea935a1) and with no vmlinux at hand.
 */
#ifndef VR_KALLSYMS_LOCATE_H
#define VR_KALLSYMS_LOCATE_H

#include "vr/kallsyms.h"

/* At most this much of the image is scanned. */
#define VR_KALLSYMS_SCAN_MAX (128ULL << 20)

/*
 * Where to look, run-time addresses.  [start, end) is scanned from @end
 * down (the tables are in .rodata, nearer the data than the text), at
 * most VR_KALLSYMS_SCAN_MAX of it.  @stext and @init_uts_ns (VMCOREINFO's
 * SYMBOL()s, 0 when unknown) check the decoded symbols.
 */
struct vr_kallsyms_area {
	uint64_t start;
	uint64_t end;
	uint64_t stext;
	uint64_t init_uts_ns;
};

/*
 * Find the tables in @area through @read, and check them by decoding:
 * the symbols are handed back in @ks when it is not NULL.  Returns
 * VR_ERR_NOT_FOUND when nothing there has the tables' layout.
 *
 * For a 64-bit big-endian kernel whose kallsyms_num_syms is a long
 * (before the switch to .long), @tables->num_syms is the address of its
 * low 32 bits, which is what vr_kallsyms_decode() reads.
 */
struct vr_error *vr_kallsyms_locate(vr_kallsyms_read_fn read, void *ctx,
				    const struct vr_kallsyms_area *area,
				    bool big_endian, unsigned int ptr_size,
				    struct vr_kallsyms_tables *tables,
				    struct vr_kallsyms **ks);

#endif
