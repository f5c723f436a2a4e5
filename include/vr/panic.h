/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What kernel/panic.c keeps about the kernel's state: the taint mask and
 * its table of flags (tainted_mask, taint_flags[]), and the crash message
 * crash's `sys` names as PANIC, found in the kernel log.
 */
#ifndef VR_PANIC_H
#define VR_PANIC_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* tainted_mask is an unsigned long: at most 64 flags. */
#define TAINT_FLAGS_MAX 64
/* v6.11+ taint_flag.desc: the flag's name ("PROPRIETARY_MODULE"). */
#define TAINT_DESC_LEN 32

struct taint_flag {
	unsigned int bit;	/* TAINT_* number: the bit of tainted_mask */
	char c_true;		/* letter when the flag is set */
	char c_false;		/* letter (or space) when it is not */
	bool module;		/* also a per-module flag */
	char desc[TAINT_DESC_LEN];	/* "" before v6.11 */
};

/* The kernel's taint state, as read from the dump. */
struct taint_state {
	uint64_t mask;		/* tainted_mask */
	unsigned int count;	/* entries of the kernel's table (TAINT_FLAGS_COUNT) */
	struct taint_flag flags[TAINT_FLAGS_MAX];	/* in print order */
};

/* tainted_mask and the kernel's own table of taint flags. */
struct vr_error *taint_state_read(struct vr_program *prog,
				  struct taint_state *ts);

/*
 * print_tainted(): "Not tainted", or "Tainted: " and one letter per flag
 * of the kernel's table (c_true when set, else c_false), the string the
 * kernel prints in its oops and panic messages.
 */
void print_tainted(const struct taint_state *ts, struct strbuf *out);
/* The letters alone, one per flag ("G        W  O      "). */
void taint_letters(const struct taint_state *ts, struct strbuf *out);

/*
 * What a set @bit means, in the words of the kernel's
 * Documentation/admin-guide/tainted-kernels.rst (as
 * tools/debugging/kernel-chktaint prints them); NULL for a bit the
 * documentation does not know.
 */
const char *taint_flag_meaning(unsigned int bit);

#define PANIC_MSG_MAX 1500

/*
 * The message crash's `sys` shows as PANIC: the first line of the kernel
 * log holding the most telling of the known crash messages ("Kernel panic
 * - ", "kernel BUG at", "Oops: ", ...), else the first line holding a
 * looser keyword ("Oops", "Kernel panic"); "" when the log has none (a
 * dump of a running kernel).  @partial (may be NULL) gets why the log
 * could be read only in part.
 */
struct vr_error *crash_panic_message(struct vr_program *prog, char *buf,
				     size_t size, struct strbuf *partial);

#endif
