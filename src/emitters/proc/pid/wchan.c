// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/wchan: fs/proc/base.c proc_pid_wchan(), the name of the
 * function a blocked task waits in (get_wchan(): the first return address
 * on its kernel stack outside the scheduler), or "0".  No newline.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

/* KSYM_NAME_LEN */
#define KSYM_NAME_LEN 512

static struct vr_error *emit_wchan(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	char name[KSYM_NAME_LEN];
	struct vr_error *err;
	uint64_t pc;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	err = get_wchan(task, &pc);
	if (err && err->code == VR_ERR_UNSUPPORTED) {
		vr_error_destroy(err);
		return emit_stub(ctx, "no stack unwinder for %s",
				 ctx->prog->arch->name);
	}
	if (err)
		return err;
	if (pc && !lookup_symbol_name(ctx->prog, pc, name, sizeof(name))) {
		strbuf_puts(&ctx->out, name);
		return NULL;
	}
	strbuf_putc(&ctx->out, '0');
	return NULL;
}

static const struct emitter proc_pid_wchan = {
	.path = "proc/{pid}/wchan",
	.enumerator = "pid",
	.emit = emit_wchan,
};
EMITTER(proc_pid_wchan);
