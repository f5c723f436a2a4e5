// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/cmdline: fs/proc/base.c get_mm_cmdline(), the argument
 * strings from the process's memory (mm->arg_start .. arg_end), or the
 * first string from arg_start when the process overwrote the end of its
 * arguments (setproctitle(), get_mm_proctitle()).  Empty for kernel
 * threads and zombies.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* A bound on what one file reads (ARG_MAX is 1/4 of an 8 MiB stack). */
#define CMDLINE_MAX (16UL << 20)

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
	uint64_t arg_start, arg_end, env_start, env_end, len;
	struct vr_error *err = NULL;
	struct kobj mm;
	char last, *buf;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!get_task_mm(task, &mm, &err))
		return err;
	arg_start = kobj_member_u64(mm, "arg_start", &err);
	arg_end = kobj_member_u64(mm, "arg_end", &err);
	env_start = kobj_member_u64(mm, "env_start", &err);
	env_end = kobj_member_u64(mm, "env_end", &err);
	if (err)
		return err;
	/* Not far enough into exec to have a command line. */
	if (!env_end || arg_start >= arg_end)
		return NULL;
	if (env_start != arg_end || env_end < env_start)
		env_start = env_end = arg_end;
	len = env_end - arg_start;
	if (len > CMDLINE_MAX)
		return vr_error_create(VR_ERR_LIMIT, "command line of %llu bytes",
				       (unsigned long long)len);
	err = access_remote_vm(mm, arg_end - 1, &last, 1);
	if (err)
		return user_failure(ctx, err);
	if (last) {
		/* get_mm_proctitle(): one page from arg_start, to its NUL */
		size_t n = min(len, ctx->prog->page_size);

		buf = malloc(n);
		if (!buf)
			return &vr_enomem;
		err = access_remote_vm(mm, arg_start, buf, n);
		if (!err) {
			size_t s = strnlen(buf, n);

			strbuf_append(&ctx->out, buf, s < n ? s + 1 : s);
		}
	} else {
		len = arg_end - arg_start;
		buf = malloc(len);
		if (!buf)
			return &vr_enomem;
		err = access_remote_vm(mm, arg_start, buf, len);
		if (!err)
			strbuf_append(&ctx->out, buf, len);
	}
	free(buf);
	return err ? user_failure(ctx, err) : NULL;
}

static const struct emitter proc_pid_cmdline = {
	.path = "proc/{pid}/cmdline",
	.enumerator = "pid",
	.emit = emit_cmdline,
};
EMITTER(proc_pid_cmdline);
