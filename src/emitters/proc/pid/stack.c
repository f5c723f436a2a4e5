// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/stack: fs/proc/base.c proc_pid_stack(), "[<0>] %pB" for
 * each return address of stack_trace_save_tsk() (at most 64, the
 * scheduler's functions left out).  A task that was running is walked
 * from its CPU's registers in the dump, where the live kernel would not
 * walk it at all.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/unwind.h"

/*
 * ppc64: arch_stack_walk() (arch/powerpc/kernel/stacktrace.c, the same in
 * v6.1 and v6.12) starts a task that is not running at thread.ksp, the
 * frame _switch made, and consumes that frame's LR save slot
 * (stack[STACK_FRAME_LR_SAVE]) like every other.  _switch calls nothing,
 * so the slot still holds what an earlier callee stored there: the live
 * file starts with that stale word ("[<0>] 0x0", a heap address, some
 * old return address).  Print it as the kernel does, from the same
 * memory; our walk (unwind_ppc64.c) starts one frame up, at __switch_to.
 * Returns whether a line was printed.
 */
static bool ppc64_switch_slot(struct emit_ctx *ctx, struct unwinder *u,
			      struct kobj task, struct strbuf *out)
{
	struct vr_error *err;
	uint64_t ksp, slot;
	int cpu;

	if (ctx->prog->arch != &vr_arch_ppc64)
		return false;
	cpu = unwind_task_running_cpu(u, kobj_addr(&task));
	if (cpu >= 0 && unwind_cpu_has_regs(u, (unsigned int)cpu, NULL))
		return false;	/* walked from its CPU's registers */
	err = kobj_read_u64(kobj_member(task, "thread.ksp"), &ksp);
	if (!err)
		err = vr_program_read_uint(ctx->prog, ksp + 2 * 8, 8, &slot);
	if (err) {
		vr_error_destroy(err);
		return false;
	}
	/* stack_trace_consume_entry_nosched() */
	if (unwind_in_sched_functions(u, slot))
		return false;
	strbuf_puts(out, "[<0>] ");
	sprint_backtrace(unwinder_symbolizer(u), slot, out);
	strbuf_putc(out, '\n');
	return true;
}

/* At most @max lines of @in to @out. */
static void put_lines(struct strbuf *out, const struct strbuf *in,
		      unsigned int max)
{
	const char *p = in->buf ? in->buf : "", *nl;

	for (unsigned int n = 0; n < max && *p; n++) {
		nl = strchr(p, '\n');
		if (!nl) {
			strbuf_puts(out, p);
			return;
		}
		strbuf_append(out, p, (size_t)(nl + 1 - p));
		p = nl + 1;
	}
}

static struct vr_error *emit_stack(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	err = vr_program_unwinder(ctx->prog, &u);
	if (err && err->code == VR_ERR_UNSUPPORTED) {
		emit_stub(ctx, "%s", err->message);
		vr_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	t = unwind_trace_alloc();
	if (!t)
		return &vr_enomem;
	err = unwind_task(u, task, t);
	if (!err) {
		struct strbuf frames = STRBUF_INIT;
		unsigned int max = MAX_STACK_TRACE_DEPTH;

		/* try_get_task_stack(): no stack, no trace at all */
		if (!t->no_stack && ppc64_switch_slot(ctx, u, task, &ctx->out))
			max--;
		unwind_print_proc_stack(u, t, &frames);
		put_lines(&ctx->out, &frames, max);
		if (frames.failed)
			ctx->out.failed = true;
		strbuf_free(&frames);
		if (t->end[0] && !t->no_stack)
			strbuf_printf(&ctx->out, "# vmcore-report: partial - %s\n",
				      t->end);
	}
	free(t);
	return err;
}

static const struct emitter proc_pid_stack = {
	.path = "proc/{pid}/stack",
	.enumerator = "pid",
	.emit = emit_stack,
};
EMITTER(proc_pid_stack);
