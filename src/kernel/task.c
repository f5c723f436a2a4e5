// SPDX-License-Identifier: GPL-2.0-or-later
/* The task list. */
#include <stdio.h>
#include <stdlib.h>

#include "vr/kernel.h"
#include "vr/util.h"

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

struct vr_error *for_each_process_pids(struct vr_program *prog,
				       uint64_t **pids, size_t *count)
{
	struct kobj init_task = kobj_var(prog, "init_task");
	struct kobj tasks = kobj_member(init_task, "tasks");
	struct list_iter it;
	struct kobj task;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;

	if (!kobj_ok(&tasks))
		return kobj_error(&tasks);
	list_for_each_entry(&it, task, prog, kobj_addr(&tasks),
			    "struct task_struct", "tasks") {
		uint64_t pid;
		struct vr_error *err = kobj_read_u64(kobj_member(task, "tgid"),
						     &pid);

		if (err) {
			free(v);
			return err;
		}
		if (n == cap) {
			uint64_t *nv;

			cap = cap ? cap * 2 : 256;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				return &vr_enomem;
			}
			v = nv;
		}
		v[n++] = pid;
	}
	if (it.err) {
		free(v);
		return vr_error_wrap(it.err, "walking init_task.tasks");
	}
	if (n)
		qsort(v, n, sizeof(*v), u64_cmp);
	*pids = v;
	*count = n;
	return NULL;
}

struct kobj find_task(struct vr_program *prog, uint64_t pid)
{
	return pid_task(find_vpid(prog, pid));
}
