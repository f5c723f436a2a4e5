// SPDX-License-Identifier: GPL-2.0-or-later
/* The task name /proc prints: fs/proc/array.c proc_task_name(). */
#include <stdio.h>
#include <string.h>

#include "vr/kernel.h"

/* include/linux/sched.h; unchanged since v2.6.36 (PF_WQ_WORKER). */
#define PF_WQ_WORKER	0x00000020
#define PF_KTHREAD	0x00200000

/*
 * to_kthread(): task->worker_private since v5.17, before that
 * task->set_child_tid (kernel/kthread.c).
 */
static struct kobj to_kthread(struct kobj task)
{
	struct kobj p = kobj_member(task, "worker_private");

	if (p.err == VR_ERR_NOT_FOUND)
		p = kobj_member(task, "set_child_tid");
	return kobj_cast(p, "struct kthread *");
}

/*
 * kernel/workqueue.c format_worker_id() (v6.10+): the worker's name from
 * its pool, not its comm, so a rescuer shows its workqueue's full name
 * ("kworker/R-slub_flushwq") where comm is cut at 15 characters.
 */
static void format_worker_id(struct kobj worker, uint64_t pool, char *buf,
			     size_t size)
{
	struct kobj p = kobj_cast(kobj_member(worker, "pool"),
				  "struct worker_pool *");
	int64_t cpu = -1, id = 0, pool_id = 0, nice = 0;
	uint64_t rescue_wq = 0;
	char name[64];
	struct vr_error *err;

	err = kobj_read_u64(kobj_member(worker, "rescue_wq"), &rescue_wq);
	if (!err && rescue_wq) {
		err = kobj_read_cstr(kobj_member(worker, "rescue_wq->name"),
				     name, sizeof(name));
		if (!err)
			snprintf(buf, size, "kworker/R-%.50s", name);
		vr_error_destroy(err);
		return;
	}
	vr_error_destroy(err);
	if (!pool) {
		snprintf(buf, size, "kworker/dying");
		return;
	}
	err = kobj_read_s64(kobj_member(worker, "id"), &id);
	if (!err)
		err = kobj_read_s64(kobj_member(p, "cpu"), &cpu);
	if (!err)
		err = kobj_read_s64(kobj_member(p, "id"), &pool_id);
	if (!err)
		err = kobj_read_s64(kobj_member(p, "attrs->nice"), &nice);
	if (err) {
		vr_error_destroy(err);
		return;		/* keep comm */
	}
	if (cpu >= 0)
		snprintf(buf, size, "kworker/%lld:%lld%s", (long long)cpu,
			 (long long)id, nice < 0 ? "H" : "");
	else
		snprintf(buf, size, "kworker/u%lld:%lld", (long long)pool_id,
			 (long long)id);
}

/* kernel/workqueue.c wq_worker_comm(): the name, then "+desc" or "-desc". */
static void wq_worker_comm(struct kobj task, char *buf, size_t size)
{
	struct kobj worker = kobj_cast(kobj_member(to_kthread(task), "data"),
				       "struct worker *");
	char desc[64];
	uint64_t pool, current_work;
	size_t off;
	struct vr_error *err;

	err = kobj_read_u64(kobj_member(worker, "pool"), &pool);
	if (!err)
		err = kobj_read_u64(kobj_member(worker, "current_work"),
				    &current_work);
	if (!err)
		err = kobj_read_cstr(kobj_member(worker, "desc"), desc,
				     sizeof(desc));
	if (err) {
		vr_error_destroy(err);
		return;
	}
	if (kobj_has_symbol(task.prog, "format_worker_id"))
		format_worker_id(worker, pool, buf, size);
	off = strlen(buf);
	if (pool && desc[0])
		snprintf(buf + off, size - off, "%c%s",
			 current_work ? '+' : '-', desc);
}

/* kernel/kthread.c get_kthread_comm(): the full name if it was cut (v5.17+). */
static void get_kthread_comm(struct kobj task, char *buf, size_t size)
{
	struct kobj full = kobj_member(to_kthread(task), "full_name");
	uint64_t ptr = 0;
	struct vr_error *err = kobj_read_u64(full, &ptr);

	if (!err && ptr)
		err = kobj_read_cstr(full, buf, size);
	vr_error_destroy(err);
}

struct vr_error *proc_task_name(struct kobj task, char buf[PROC_TASK_NAME_LEN])
{
	uint64_t flags;
	struct vr_error *err;

	err = kobj_read_cstr(kobj_member(task, "comm"), buf, TASK_COMM_LEN);
	if (!err)
		err = kobj_read_u64(kobj_member(task, "flags"), &flags);
	if (err)
		return err;
	if (flags & PF_WQ_WORKER)
		wq_worker_comm(task, buf, PROC_TASK_NAME_LEN);
	else if (flags & PF_KTHREAD)
		get_kthread_comm(task, buf, PROC_TASK_NAME_LEN);
	return NULL;
}
