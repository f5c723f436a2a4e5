/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel stack traces from a dump, as the kernel's own unwinders walk them:
 * x86_64 ORC (arch/x86/kernel/unwind_orc.c) with a frame-pointer fallback,
 * arm64 frame records (arch/arm64/kernel/stacktrace.c), the ppc64 back
 * chain (arch/powerpc/kernel/stacktrace.c, process.c show_stack()) and the
 * s390 back chain (arch/s390/kernel/unwind_bc.c).
 *
 * A trace starts either from a CPU's registers as the dump saved them
 * (NT_PRSTATUS notes; after a panic with kdump, the crash_save_cpu()
 * registers in the kernel's crash_notes) or from the context a task that
 * is not running saved when it was switched out.  It goes through
 * exception and interrupt frames (pt_regs on the stack), which it keeps
 * with their registers.
 *
 * Every walk is bounded: at most UNWIND_MAX_FRAMES frames, every read
 * checked, the stack pointer must grow but for a bounded number of stack
 * switches (IRQ, exception stacks).  A walk that cannot go on stops and
 * says why in trace->end; it never loops.
 *
 *	struct unwinder *u;
 *	struct unwind_trace *t;
 *
 *	err = vr_program_unwinder(prog, &u);
 *	t = unwind_trace_alloc();
 *	err = unwind_task(u, task, t);
 *	for (i = 0; i < t->nr; i++) ... t->frames[i].pc ...;
 */
#ifndef VR_UNWIND_H
#define VR_UNWIND_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"
#include "vr/symbolize.h"

/* Bounds on one trace. */
#define UNWIND_MAX_FRAMES	128
#define UNWIND_MAX_REGSETS	16
#define UNWIND_MAX_SWITCHES	8
/* Registers of one set: ppc64 has the most (44 in its pt_regs). */
#define UNWIND_MAX_REGS		48

/* One register set: a CPU's, or a pt_regs found on the stack. */
struct unwind_regs {
	uint64_t r[UNWIND_MAX_REGS];	/* in the order of the arch's names */
	uint64_t valid;			/* bit i: r[i] is known (i < 64) */
	uint64_t addr;			/* the pt_regs' address, 0 for a CPU */
	bool user;			/* the registers are of user mode */
};

enum {
	/* pc is where the code was stopped, not a return address. */
	UNWIND_FRAME_EXACT = 1,
	/* Entered through an exception: regsets[frame.regs] came first. */
	UNWIND_FRAME_REGS = 2,
	/*
	 * Found by a guess (code without unwind data, the link register of
	 * a leaf function): printed with "? ", may be wrong.
	 */
	UNWIND_FRAME_GUESS = 4,
};

struct unwind_frame {
	uint64_t pc;
	uint64_t sp;		/* the stack pointer in this frame */
	unsigned int flags;
	int regs;		/* index in regsets, -1 if none */
};

struct unwind_trace {
	struct unwind_frame frames[UNWIND_MAX_FRAMES];
	unsigned int nr;
	struct unwind_regs regsets[UNWIND_MAX_REGSETS];
	unsigned int nr_regsets;
	/* The user-mode registers the trace ended at, -1 if none. */
	int user_regs;
	/* Where the trace started: "CPU registers (...)", "saved context". */
	char start[96];
	/* Why the trace stopped before the end of the stack, "" if it did not. */
	char end[192];
	/* It stopped at a return address that is not kernel text. */
	bool end_not_text;
	/* The task had no stack left (it exited): nothing to walk, no error. */
	bool no_stack;
};

struct unwinder;

/*
 * An unwinder for @prog: the per-architecture unwind data (ORC tables),
 * the CPUs' registers and running tasks, and the program's symbolizer
 * (vr_program_symbolizer()), whose module table says what module text
 * is.  It keeps nothing of one walk: the program keeps one
 * (vr_program_unwinder()) that every report file shares.
 * VR_ERR_UNSUPPORTED for an architecture without an unwinder.
 */
struct vr_error *unwinder_create(struct vr_program *prog,
				 struct unwinder **ret);
void unwinder_destroy(struct unwinder *u);

/* The symbolizer the unwinder uses (the program's). */
struct symbolizer *unwinder_symbolizer(struct unwinder *u);
/* "ORC", "frame pointer", "frame records", "back chain". */
const char *unwinder_method(const struct unwinder *u);

/* A zeroed trace (about 11 KiB: keep it off the stack); free() it. */
struct unwind_trace *unwind_trace_alloc(void);

/* The CPUs the dump has registers for, or that are online: 0 .. nr - 1. */
unsigned int unwind_nr_cpus(const struct unwinder *u);
/*
 * The task running on @cpu (rq->curr), 0 if unknown; whether the dump
 * has its registers, and from where ("NT_PRSTATUS", "crash_notes").
 */
uint64_t unwind_cpu_task(const struct unwinder *u, unsigned int cpu);
bool unwind_cpu_has_regs(const struct unwinder *u, unsigned int cpu,
			 const char **source);
/* panic_cpu, or -1 when the kernel was not panicking. */
int unwind_panic_cpu(const struct unwinder *u);
/* The CPU @task is running on (per the run queues), or -1. */
int unwind_task_running_cpu(const struct unwinder *u, uint64_t task);

/* The trace of the task running on @cpu, from the CPU's registers. */
struct vr_error *unwind_cpu(struct unwinder *u, unsigned int cpu,
			    struct unwind_trace *trace);
/*
 * The trace of @task: from its CPU's registers if it is running and the
 * dump has them, else from the context it saved when switched out.
 */
struct vr_error *unwind_task(struct unwinder *u, struct kobj task,
			     struct unwind_trace *trace);
/* From the saved context only (a stale one for a running task). */
struct vr_error *unwind_task_saved(struct unwinder *u, struct kobj task,
				   struct unwind_trace *trace);
/*
 * From registers of the caller's choosing ( gives the stack bounds):
 * what-if traces, tests.
 */
struct vr_error *unwind_task_regs(struct unwinder *u, struct kobj task,
				  const struct unwind_regs *regs,
				  struct unwind_trace *trace);
/* A copy of the registers the dump has for ; false if none. */
bool unwind_cpu_regs(const struct unwinder *u, unsigned int cpu,
		     struct unwind_regs *regs);
/* Set register  ("rsp", "x29"...) in ; false if no such register. */
bool unwind_set_reg(const struct unwinder *u, struct unwind_regs *regs,
		    const char *name, uint64_t value);

/*
 * The registers of @regs as crash prints them ("    RIP: ...  RSP: ..."),
 * every line indented by four spaces and ending with a newline.
 */
void unwind_print_regs(struct unwinder *u, const struct unwind_regs *regs,
		       struct strbuf *out);
/* The register named @name ("ip", "pc", "nip", "psw.addr"...), or 0. */
uint64_t unwind_reg(const struct unwinder *u, const struct unwind_regs *regs,
		    const char *name);

/* __kernel_text_address(): vmlinux text, init text, module text. */
bool unwind_kernel_text(const struct unwinder *u, uint64_t addr);
/*
 * The kernel stack of @task, [*lo, *hi): task->stack and THREAD_SIZE;
 * false when it has none or THREAD_SIZE is unknown.
 */
bool unwind_task_stack(const struct unwinder *u, struct kobj task,
		       uint64_t *lo, uint64_t *hi);

/*
 * Functions the scheduler runs a task through when it sleeps
 * (in_sched_functions(): __sched_text and __lock_text): stack_trace_save_tsk()
 * leaves them out of /proc/<pid>/stack.
 */
bool unwind_in_sched_functions(const struct unwinder *u, uint64_t addr);

/*
 * A trace as crash's bt prints it, one line per frame:
 *	 #0 [ffffc90000437d28] sysrq_handle_crash+0x16/0x20 at ffffffff8160a9d6
 * (the stack pointer in the frame, the function, the pc); before a frame
 * entered through an exception, "[exception RIP: func+off/size]" and the
 * registers; the user registers the trace ended at; a "# vmcore-report:
 * trace stopped: ..." line when it stopped early.  Frames found by a
 * guess have "? " before the function.
 */
void unwind_print_bt(struct unwinder *u, const struct unwind_trace *t,
		     struct strbuf *out);

/* crash's "PID: 846      TASK: ffff...  CPU: 0    COMMAND: \"bash\"". */
void unwind_print_bt_header(struct unwinder *u, struct kobj task, int cpu,
			    struct strbuf *out);

/* fs/proc/base.c proc_pid_stack(): at most 64 entries */
#define MAX_STACK_TRACE_DEPTH 64
/*
 * /proc/<pid>/stack: "[<0>] func+0x1c/0x60" per frame (%pB), the
 * scheduler's functions left out as stack_trace_save_tsk() does.
 */
void unwind_print_proc_stack(struct unwinder *u, const struct unwind_trace *t,
			     struct strbuf *out);

#endif
