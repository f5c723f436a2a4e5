// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/io: fs/proc/base.c proc_tgid_io_accounting(), which is
 * do_io_accounting(task, m, 1): the I/O counters of the whole thread
 * group, signal->ioac (what exited threads left) plus task->ioac of every
 * live thread (task_io_accounting_add()).
 *
 * v6.8+ sums them under sig->stats_lock in every case; before (v6.1:
 * lock_task_sighand()) only while the task still has its sighand, and
 * the leader's own counters alone otherwise.  rchar..syscw need
 * CONFIG_TASK_XACCT, the bytes CONFIG_TASK_IO_ACCOUNTING (a missing one
 * stays 0, as the kernel prints it).
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

/* struct task_io_accounting (include/linux/task_io_accounting.h) */
static const char *const ioac_fields[] = {
	"rchar", "wchar", "syscr", "syscw",
	"read_bytes", "write_bytes", "cancelled_write_bytes",
};
#define NR_IOAC (sizeof(ioac_fields) / sizeof(ioac_fields[0]))

/* task_io_accounting_add(dst, &o->ioac) */
static void ioac_add(uint64_t acct[NR_IOAC], struct kobj o,
		     struct vr_error **err)
{
	struct kobj ioac = kobj_member(o, "ioac");

	for (size_t i = 0; i < NR_IOAC && !*err; i++) {
		if (kobj_has_member(o.prog, "struct task_io_accounting",
				    ioac_fields[i]))
			acct[i] += kobj_member_u64(ioac, ioac_fields[i], err);
	}
}

static struct vr_error *emit_io(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj task = find_task(prog, ctx->id), t;
	uint64_t acct[NR_IOAC] = { 0 };
	struct vr_error *err = NULL;
	struct list_iter it;
	bool whole = true;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!kobj_has_member(prog, "struct task_struct", "ioac"))
		return emit_stub(ctx, "the kernel has no I/O accounting "
				 "(CONFIG_TASK_XACCT and "
				 "CONFIG_TASK_IO_ACCOUNTING are off)");
	/* Before v6.8: lock_task_sighand() fails once sighand is gone. */
	if (linux_version_code(prog) < KERNEL_VERSION(6, 8, 0))
		whole = kobj_member_u64(task, "sighand", &err) != 0;
	if (err)
		return err;
	if (!whole) {
		ioac_add(acct, task, &err);
		goto out;
	}
	ioac_add(acct, kobj_deref(kobj_member(task, "signal")), &err);
	for_each_thread(&it, t, task) {
		ioac_add(acct, t, &err);
		if (err)
			break;
	}
	/* The walk may have stopped too (a bad signal first). */
	if (err)
		vr_error_destroy(it.err);
	else
		err = it.err;
out:
	if (err)
		return err;
	for (size_t i = 0; i < NR_IOAC; i++)
		strbuf_printf(&ctx->out, "%s: %llu\n", ioac_fields[i],
			      (unsigned long long)acct[i]);
	return NULL;
}

static const struct emitter proc_pid_io = {
	.path = "proc/{pid}/io",
	.enumerator = "pid",
	.emit = emit_io,
};
EMITTER(proc_pid_io);
