// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/limits: fs/proc/base.c proc_pid_limits(), the resource
 * limits of task->signal->rlim[] with their names and units.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* lnames[] in RLIMIT_* order (include/uapi/asm-generic/resource.h). */
static const struct {
	const char *name, *unit;
} lnames[] = {
	{ "Max cpu time", "seconds" },
	{ "Max file size", "bytes" },
	{ "Max data size", "bytes" },
	{ "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },
	{ "Max resident set", "bytes" },
	{ "Max processes", "processes" },
	{ "Max open files", "files" },
	{ "Max locked memory", "bytes" },
	{ "Max address space", "bytes" },
	{ "Max file locks", "locks" },
	{ "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },
	{ "Max nice priority", NULL },
	{ "Max realtime priority", NULL },
	{ "Max realtime timeout", "us" },
};

/* RLIM_INFINITY: ~0UL on the 64-bit architectures we read. */
#define RLIM_INFINITY (~0ULL)

static struct vr_error *emit_limits(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err = NULL;
	struct strbuf *out = &ctx->out;
	struct kobj rlim;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	/* lock_task_sighand() fails for a released task: an empty file. */
	if (!kobj_member_u64(task, "sighand", &err))
		return err;
	rlim = kobj_member(task, "signal->rlim");
	strbuf_puts(out, "Limit                     Soft Limit           "
		    "Hard Limit           Units     \n");
	for (unsigned int i = 0; i < ARRAY_SIZE(lnames) && !err; i++) {
		struct kobj r = kobj_index(rlim, i);
		uint64_t cur = kobj_member_u64(r, "rlim_cur", &err);
		uint64_t max = kobj_member_u64(r, "rlim_max", &err);

		if (cur == RLIM_INFINITY)
			strbuf_printf(out, "%-25s %-20s ", lnames[i].name,
				      "unlimited");
		else
			strbuf_printf(out, "%-25s %-20llu ", lnames[i].name,
				      (unsigned long long)cur);
		if (max == RLIM_INFINITY)
			strbuf_printf(out, "%-20s ", "unlimited");
		else
			strbuf_printf(out, "%-20llu ", (unsigned long long)max);
		if (lnames[i].unit)
			strbuf_printf(out, "%-10s\n", lnames[i].unit);
		else
			strbuf_putc(out, '\n');
	}
	return err;
}

static const struct emitter proc_pid_limits = {
	.path = "proc/{pid}/limits",
	.enumerator = "pid",
	.emit = emit_limits,
};
EMITTER(proc_pid_limits);
