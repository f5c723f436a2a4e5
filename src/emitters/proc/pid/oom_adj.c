// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/oom_score_adj and /proc/<pid>/oom_adj: fs/proc/base.c
 * oom_score_adj_read() (task->signal->oom_score_adj) and oom_adj_read()
 * (the same scaled to the legacy -17..15 range).
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

/* include/uapi/linux/oom.h */
#define OOM_SCORE_ADJ_MAX	1000
#define OOM_DISABLE		(-17)
#define OOM_ADJUST_MAX		15

static struct vr_error *oom_score_adj(struct emit_ctx *ctx, int64_t *adj)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err = NULL;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	*adj = kobj_member_s64(task, "signal->oom_score_adj", &err);
	return err;
}

static struct vr_error *emit_oom_score_adj(struct emit_ctx *ctx)
{
	int64_t adj;
	struct vr_error *err = oom_score_adj(ctx, &adj);

	if (!err)
		strbuf_printf(&ctx->out, "%hd\n", (short)adj);
	return err;
}

static struct vr_error *emit_oom_adj(struct emit_ctx *ctx)
{
	int64_t adj, oom_adj;
	struct vr_error *err = oom_score_adj(ctx, &adj);

	if (err)
		return err;
	if (adj == OOM_SCORE_ADJ_MAX)
		oom_adj = OOM_ADJUST_MAX;
	else
		oom_adj = (adj * -OOM_DISABLE) / OOM_SCORE_ADJ_MAX;
	if (oom_adj > OOM_ADJUST_MAX)
		oom_adj = OOM_ADJUST_MAX;
	strbuf_printf(&ctx->out, "%d\n", (int)oom_adj);
	return NULL;
}

static const struct emitter proc_pid_oom_score_adj = {
	.path = "proc/{pid}/oom_score_adj",
	.enumerator = "pid",
	.emit = emit_oom_score_adj,
};
EMITTER(proc_pid_oom_score_adj);

static const struct emitter proc_pid_oom_adj = {
	.path = "proc/{pid}/oom_adj",
	.enumerator = "pid",
	.emit = emit_oom_adj,
};
EMITTER(proc_pid_oom_adj);
