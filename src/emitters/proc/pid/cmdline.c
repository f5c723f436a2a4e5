// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/cmdline: fs/proc/base.c get_mm_cmdline(), the argument
 * strings from the process's memory (mm->arg_start .. arg_end), or the
 * first string from arg_start when the process overwrote the end of its
 * arguments (setproctitle(), get_mm_proctitle()).  Empty for kernel
 * threads and zombies.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

static struct vr_error *user_failure(struct emit_ctx *ctx,
				     struct vr_error *err)
{
	const char *reason = user_read_stub_reason(err);

	if (!reason)
		return err;
	vr_program_log(ctx->prog, "%s: %s", ctx->path, err->message);
	vr_error_destroy(err);
	strbuf_reset(&ctx->out);
	return emit_stub(ctx, "%s", reason);
}

static struct vr_error *emit_cmdline(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err = NULL;
	struct kobj mm;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!get_task_mm(task, &mm, &err))
		return err;
	err = get_mm_cmdline(mm, &ctx->out);
	return err ? user_failure(ctx, err) : NULL;
}

static const struct emitter proc_pid_cmdline = {
	.path = "proc/{pid}/cmdline",
	.enumerator = "pid",
	.emit = emit_cmdline,
};
EMITTER(proc_pid_cmdline);
