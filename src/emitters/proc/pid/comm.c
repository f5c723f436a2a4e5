// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/<pid>/comm: fs/proc/base.c comm_show(): proc_task_name() and "\n". */
#include "vr/emitter.h"
#include "vr/kernel.h"

static struct vr_error *emit_comm(struct emit_ctx *ctx)
{
	char comm[PROC_TASK_NAME_LEN];
	struct vr_error *err;

	err = proc_task_name(find_task(ctx->prog, ctx->id), comm);
	if (err)
		return err;
	strbuf_puts(&ctx->out, comm);
	strbuf_putc(&ctx->out, '\n');
	return NULL;
}

static const struct emitter proc_pid_comm = {
	.path = "proc/{pid}/comm",
	.enumerator = "pid",
	.emit = emit_comm,
};
EMITTER(proc_pid_comm);
