// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/cpuset: kernel/cgroup/cpuset.c proc_cpuset_show(): the path
 * of the cgroup of the task's cpuset css (task_css(tsk, cpuset_cgrp_id),
 * task->cgroups->subsys[cpuset_cgrp_id]->cgroup), as a reader in the
 * initial cgroup namespace sees it ("/" on a v2-only system where cpuset
 * is not enabled below the root).  CONFIG_PROC_PID_CPUSET.
 */
#include "vr/cgroup.h"
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

static struct vr_error *emit_cpuset(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj task = find_task(prog, ctx->id);
	struct vr_error *err = NULL;
	int64_t id;
	uint64_t cgrp;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!kobj_has_symbol(prog, "proc_cpuset_show"))
		return emit_stub(ctx, "the kernel has no /proc/<pid>/cpuset "
				 "(CONFIG_PROC_PID_CPUSET is off)");
	err = kobj_constant(prog, "cpuset_cgrp_id", &id);
	if (err)
		return err;
	cgrp = kobj_member_u64(kobj_index(kobj_member(task, "cgroups->subsys"),
					  (uint64_t)id), "cgroup", &err);
	if (!err)
		err = cgroup_path(prog, cgrp, &ctx->out);
	if (!err)
		strbuf_putc(&ctx->out, '\n');
	return err;
}

static const struct emitter proc_pid_cpuset = {
	.path = "proc/{pid}/cpuset",
	.enumerator = "pid",
	.emit = emit_cpuset,
};
EMITTER(proc_pid_cpuset);
