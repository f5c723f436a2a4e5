/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Between the generic unwinder loop (unwind.c) and the per-architecture
 * steps (unwind_<arch>.c).  The loop owns the bounds (frame count, stack
 * direction, stack switches) and the checks that every pc is kernel text;
 * an architecture says where a trace starts and how to go from one frame
 * to its caller.
 */
#ifndef VR_UNWIND_ARCH_H
#define VR_UNWIND_ARCH_H

#include "vr/percpu.h"
#include "vr/unwind.h"

/* One register of an architecture. */
struct unwind_reg_desc {
	const char *name;	/* lower case as crash prints it: "rip" */
	const char *member;	/* its path in struct pt_regs: "regs[29]" */
	int prstatus;		/* offset in elf_prstatus.pr_reg, -1 if none */
};

/* The state between two steps. */
struct unwind_state {
	uint64_t pc, sp;
	uint64_t fp;		/* x86 bp, arm64 x29; unused on ppc64, s390 */
	/*
	 * The registers the current frame was entered with, when they are
	 * all known: the CPU's registers at the start, a pt_regs after an
	 * exception.  NULL otherwise.
	 */
	const struct unwind_regs *regs;
	bool full_regs;		/* x86: a whole pt_regs, not an iret frame */
	bool exact;		/* pc is exact (a signal frame), not a return */
	bool guess;		/* the frame came from a guess */
	bool switched;		/* the last step moved to another stack */
	/*
	 * After registers: the link register (or a slot of the frame at
	 * sp) may still name a caller the frame chain skips.
	 */
	bool pending;
	uint64_t lr;		/* the link register of those registers */
	int new_regs;		/* regsets index the last step entered, or -1 */
	struct kobj task;
	uint64_t stack_lo, stack_hi;	/* the task's stack */
	unsigned int depth;	/* frames so far */
};

enum unwind_step {
	UNWIND_STEP_OK,		/* state moved to the caller */
	UNWIND_STEP_END,	/* the end of the stack */
	UNWIND_STEP_ERROR,	/* cannot go on: why[] says why */
};

struct unwind_arch {
	const struct vr_arch *arch;
	const char *method;
	const char *pc_label;	/* "RIP": "[exception RIP: ...]" */
	const struct unwind_reg_desc *regs;
	unsigned int nr_regs;
	unsigned int pc_reg, sp_reg;
	int fp_reg;		/* -1 if none */
	/*
	 * ppc64: a return address slot may hold a stale value that is not
	 * text (show_stack() prints it anyway): skip such frames and go on.
	 */
	bool skip_non_text;
	size_t arch_size;	/* bytes of per-arch data in the unwinder */
	/* Read the architecture's unwind data (tables, offsets). */
	struct vr_error *(*init)(struct unwinder *u);
	void (*fini)(struct unwinder *u);
	/* The state of a task that is not running (its saved context). */
	struct vr_error *(*task_start)(struct unwinder *u, struct unwind_state *s);
	/* The state from a set of registers (a CPU's). */
	void (*regs_start)(struct unwinder *u, struct unwind_state *s,
			   const struct unwind_regs *regs);
	/* Are these the registers of user mode? */
	bool (*user_mode)(struct unwinder *u, const struct unwind_regs *regs);
	/* One step to the caller. */
	enum unwind_step (*step)(struct unwinder *u, struct unwind_state *s,
				 struct unwind_trace *t, char *why,
				 size_t why_size);
	/* Print the registers as crash does (optional: generic otherwise). */
	void (*print_regs)(struct unwinder *u, const struct unwind_regs *regs,
			   struct strbuf *out);
};

extern const struct unwind_arch unwind_arch_x86_64;
extern const struct unwind_arch unwind_arch_aarch64;
extern const struct unwind_arch unwind_arch_ppc64;
extern const struct unwind_arch unwind_arch_s390x;

struct unwind_cpu {
	uint64_t task;		/* rq->curr */
	char *task_err;		/* why rq->curr could not be read, or NULL */
	struct unwind_regs regs;
	const char *source;	/* where the registers came from, NULL if none */
};

struct unwinder {
	struct vr_program *prog;
	const struct unwind_arch *arch;
	struct symbolizer *sym;		/* the program's, with the modules */
	uint64_t stext, etext, sinittext, einittext;
	uint64_t sched_start, sched_end, lock_start, lock_end;
	uint64_t thread_size;
	struct unwind_cpu *cpus;
	unsigned int nr_cpus;
	int panic_cpu;
	const char *method;	/* arch->method, or what init() chose */
	void *arch_data;	/* arch->arch_size bytes */
};

/* Read an unsigned long of the dump at @addr. */
struct vr_error *unwind_read_ulong(struct unwinder *u, uint64_t addr,
				   uint64_t *val);
/* The pt_regs at @addr as a register set. */
struct vr_error *unwind_read_pt_regs(struct unwinder *u, uint64_t addr,
				     struct unwind_regs *regs);
/* Keep a register set in the trace; its index, or -1 when full. */
int unwind_add_regs(struct unwind_trace *t, const struct unwind_regs *regs);
/*
 * The registers of an exception frame met on the way, kept in the trace
 * (*idx): UNWIND_STEP_OK to go on from them; UNWIND_STEP_END at user
 * registers (the stack's entry from user space); UNWIND_STEP_ERROR, why[]
 * saying so, when the trace has no room left.
 */
enum unwind_step unwind_enter_regs(struct unwind_trace *t,
				   const struct unwind_regs *regs, int *idx,
				   char *why, size_t why_size);
/* The index of register @name of the architecture, -1 if none. */
int unwind_reg_index(const struct unwind_arch *arch, const char *name);
/* Its value from @regs, or false when unknown. */
bool unwind_get_reg(const struct unwinder *u, const struct unwind_regs *regs,
		    const char *name, uint64_t *val);
/* core_kernel_text(): vmlinux text, init text included. */
bool unwind_core_text(const struct unwinder *u, uint64_t addr);
/*
 * After registers (a CPU's, an exception's), the link register 
 * names the caller of the function at  that the frame chain skips
 * when that function is a leaf that saved nothing: true when  is text
 * in another function than  and than , the return address the
 * chain gives next (0 if none).
 */
bool unwind_lr_is_caller(struct unwinder *u, uint64_t pc, uint64_t lr,
			 uint64_t next);
/* A vmlinux symbol's run-time address, 0 if absent. */
uint64_t unwind_symbol(struct unwinder *u, const char *name);

#endif
