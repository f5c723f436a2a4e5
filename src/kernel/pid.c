// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PIDs: struct pid by number in the initial namespace (an IDR since
 * v4.15), and the task using it.
 */
#include <stdio.h>

#include "vr/kernel.h"
#include "vr/tree.h"


struct kobj find_vpid(struct vr_program *prog, uint64_t nr)
{
	struct kobj idr = kobj_member(kobj_var(prog, "init_pid_ns"), "idr");
	uint64_t entry;
	struct vr_error *err;

	if (!kobj_ok(&idr))
		return idr;
	err = idr_find(prog, kobj_addr(&idr), nr, &entry);
	if (err)
		return kobj_from_error(prog, err);
	if (!entry)
		return kobj_from_error(prog, vr_error_create(VR_ERR_NOT_FOUND,
						    "no pid %llu",
						    (unsigned long long)nr));
	return kobj_at(prog, "struct pid", entry);
}

/* enum pid_type: PIDTYPE_PID is 0 since v2.6. */
#define PIDTYPE_PID 0

struct kobj pid_task(struct kobj pid)
{
	uint64_t first;
	struct vr_error *err;

	if (!kobj_ok(&pid))
		return pid;
	err = kobj_read_u64(kobj_member(pid, "tasks[0].first"), &first);
	if (err)
		return kobj_from_error(pid.prog, err);
	if (!first)
		return kobj_from_error(pid.prog, vr_error_create(VR_ERR_NOT_FOUND,
							"pid has no task"));
	/* task->pid_links[] since v4.19 (pids[].node before). */
	return kobj_container_of_addr(pid.prog, first, "struct task_struct",
				      "pid_links[0]");
}
