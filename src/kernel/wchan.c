// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The wait channel of a blocked task: kernel/sched/core.c get_wchan() and
 * each architecture's __get_wchan() (v5.16+), the first return address
 * of the task's saved context that is not in the scheduler or lock
 * functions (in_sched_functions()).  The frames are those of the
 * unwinder's walk of a task that is not running (unwind_task_saved(), as
 * in sos_commands/kernel/bt_all and proc/<pid>/stack); the symbolizer
 * names the address (kernel/kallsyms.c lookup_symbol_name()).
 */
#include <stdio.h>
#include <stdlib.h>

#include "vr/kernel.h"
#include "vr/symbolize.h"
#include "vr/task_info.h"
#include "vr/unwind.h"

/* include/linux/sched.h */
#define TASK_RUNNING	0x0000
#define TASK_WAKING	0x0200

/* arch/powerpc/kernel/process.c ___get_wchan(): count up to 16 */
#define PPC64_WCHAN_FRAMES		16
/* the room validate_sp() asks for: STACK_FRAME_OVERHEAD of v6.1 */
#define PPC64_STACK_FRAME_OVERHEAD	112

/*
 * x86_64 (arch/x86/kernel/process.c) and s390 (arch/s390/kernel/
 * process.c) __get_wchan(): unwind_get_return_address() of each frame,
 * 0 when it is not kernel text, until one is outside the scheduler; a
 * walk that ends in the scheduler leaves the last one.  s390 gives 0 for
 * a frame that is not on the task's stack (STACK_TYPE_TASK).
 */
static uint64_t wchan_unwind(struct unwinder *u, struct kobj task,
			     const struct unwind_trace *t, bool task_stack)
{
	uint64_t addr = 0, lo = 0, hi = 0;

	if (task_stack && !unwind_task_stack(u, task, &lo, &hi))
		return 0;
	for (unsigned int i = 0; i < t->nr; i++) {
		const struct unwind_frame *f = &t->frames[i];

		if (task_stack && (f->sp < lo || f->sp >= hi))
			return 0;
		addr = unwind_kernel_text(u, f->pc) ? f->pc : 0;
		if (!addr || !unwind_in_sched_functions(u, addr))
			return addr;
	}
	/* The kernel's walk would go on to that address, and give 0. */
	return t->end_not_text ? 0 : addr;
}

/*
 * arm64: arch/arm64/kernel/process.c __get_wchan(), get_wchan_cb(): the
 * first pc outside the scheduler, 0 if none (before v5.16 it gave up
 * after 16 frames).
 */
static uint64_t wchan_aarch64(struct unwinder *u, const struct unwind_trace *t)
{
	for (unsigned int i = 0; i < t->nr; i++) {
		if (!unwind_in_sched_functions(u, t->frames[i].pc))
			return t->frames[i].pc;
	}
	return 0;
}

/*
 * ppc64: arch/powerpc/kernel/process.c ___get_wchan(), the back chain
 * from thread.ksp.  Its first frame is the one our walk starts at, which
 * it does not look at (count 0: __switch_to's, see unwind_ppc64.c); then
 * the LR save slots of 16 frames at most, each on the task's stack
 * (validate_sp() with room for STACK_FRAME_OVERHEAD), 0 if all are in the
 * scheduler.  The walk leaves out a slot that is not text, which the
 * kernel would return; the slots of a sleeping task's callers are not.
 */
static uint64_t wchan_ppc64(struct unwinder *u, struct kobj task,
			    const struct unwind_trace *t)
{
	uint64_t lo, hi;

	if (!unwind_task_stack(u, task, &lo, &hi))
		return 0;
	for (unsigned int i = 0; i < t->nr && i <= PPC64_WCHAN_FRAMES; i++) {
		const struct unwind_frame *f = &t->frames[i];

		if (f->sp < lo || f->sp > hi - PPC64_STACK_FRAME_OVERHEAD ||
		    (f->sp & 7))
			return 0;
		if (i > 0 && !unwind_in_sched_functions(u, f->pc))
			return f->pc;
	}
	return 0;
}

struct vr_error *get_wchan(struct kobj task, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct kobj s = kobj_member(task, "__state");
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err = NULL;
	uint64_t state, on_rq;

	*pc = 0;
	/* task_struct.state became __state in v5.14. */
	if (s.err == VR_ERR_NOT_FOUND)
		s = kobj_member(task, "state");
	err = kobj_read_u64(s, &state);
	if (err)
		return err;
	on_rq = kobj_member_u64(task, "on_rq", &err);
	if (err)
		return err;
	if (state == TASK_RUNNING || state == TASK_WAKING || on_rq)
		return NULL;
	err = vr_program_unwinder(prog, &u);
	if (err)
		return err;
	t = unwind_trace_alloc();
	if (!t)
		return &vr_enomem;
	/* try_get_task_stack(): the stack of a dead task is gone. */
	err = unwind_task_saved(u, task, t);
	if (!err && !t->no_stack) {
		if (prog->arch == &vr_arch_aarch64)
			*pc = wchan_aarch64(u, t);
		else if (prog->arch == &vr_arch_ppc64)
			*pc = wchan_ppc64(u, task, t);
		else
			*pc = wchan_unwind(u, task, t,
					   prog->arch == &vr_arch_s390x);
	}
	free(t);
	return err;
}

struct vr_error *lookup_symbol_name(struct vr_program *prog, uint64_t addr,
				    char *buf, size_t size)
{
	struct symbolizer *sym;
	struct vr_error *err;
	struct ksym *k;

	err = vr_program_symbolizer(prog, &sym);
	if (err)
		return err;
	/* Half a KiB of name: off the stack. */
	k = malloc(sizeof(*k));
	if (!k)
		return &vr_enomem;
	err = kallsyms_lookup(sym, addr, k);
	if (!err)
		snprintf(buf, size, "%s", k->name);
	free(k);
	return err;
}
