// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/stack: fs/proc/base.c proc_pid_stack(), "[<0>] %pB" for
 * each return address of stack_trace_save_tsk() (at most 64, the
 * scheduler's functions left out).  A task that was running is walked
 * from its CPU's registers in the dump, where the live kernel would not
 * walk it at all.
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/unwind.h"

static struct vr_error *emit_stack(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	err = unwinder_create(ctx->prog, &u);
	if (err && err->code == VR_ERR_UNSUPPORTED) {
		emit_stub(ctx, "%s", err->message);
		vr_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	t = unwind_trace_alloc();
	if (!t) {
		unwinder_destroy(u);
		return &vr_enomem;
	}
	err = unwind_task(u, task, t);
	if (!err) {
		unwind_print_proc_stack(u, t, &ctx->out);
		if (t->end[0] && !t->no_stack)
			strbuf_printf(&ctx->out, "# vmcore-report: partial - %s\n",
				      t->end);
	}
	free(t);
	unwinder_destroy(u);
	return err;
}

static const struct emitter proc_pid_stack = {
	.path = "proc/{pid}/stack",
	.enumerator = "pid",
	.emit = emit_stack,
};
EMITTER(proc_pid_stack);
