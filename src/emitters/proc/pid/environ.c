// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/environ: fs/proc/base.c environ_read(), the bytes of
 * mm->env_start .. env_end in the process's memory.  Empty for kernel
 * threads and zombies.
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

/* A bound on what one file reads. */
#define ENVIRON_MAX (16UL << 20)

static struct vr_error *emit_environ(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err = NULL;
	uint64_t env_start, env_end;
	const char *reason;
	struct kobj mm;
	char *buf;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!get_task_mm(task, &mm, &err))
		return err;
	env_start = kobj_member_u64(mm, "env_start", &err);
	env_end = kobj_member_u64(mm, "env_end", &err);
	if (err || !env_end || env_end <= env_start)
		return err;
	if (env_end - env_start > ENVIRON_MAX)
		return vr_error_create(VR_ERR_LIMIT, "environment of %llu bytes",
				       (unsigned long long)(env_end - env_start));
	buf = malloc(env_end - env_start);
	if (!buf)
		return &vr_enomem;
	err = access_remote_vm(mm, env_start, buf, env_end - env_start);
	if (!err)
		strbuf_append(&ctx->out, buf, env_end - env_start);
	free(buf);
	reason = user_read_stub_reason(err);
	if (reason) {
		vr_program_log(ctx->prog, "%s: %s", ctx->path, err->message);
		vr_error_destroy(err);
		return emit_stub(ctx, "%s", reason);
	}
	return err;
}

static const struct emitter proc_pid_environ = {
	.path = "proc/{pid}/environ",
	.enumerator = "pid",
	.emit = emit_environ,
};
EMITTER(proc_pid_environ);
