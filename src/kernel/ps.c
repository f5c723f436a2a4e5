// SPDX-License-Identifier: GPL-2.0-or-later
/* Tasks, CPUs, ttys and clocks for the process listings (see vr/ps.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kernel.h"
#include "vr/percpu.h"
#include "vr/ps.h"
#include "vr/task_info.h"	/* before vr/stat.h: nsec_to_clock_t() */
#include "vr/stat.h"
#include "vr/sysctl.h"

uint64_t cpu_curr(struct vr_program *prog, unsigned int cpu,
		  struct vr_error **err)
{
	return kobj_member_u64(cpu_rq(prog, cpu), "curr", err);
}

uint64_t idle_task(struct vr_program *prog, unsigned int cpu,
		   struct vr_error **err)
{
	return kobj_member_u64(cpu_rq(prog, cpu), "idle", err);
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

struct addr_vec {
	uint64_t *v;
	size_t n, cap;
};

static bool push(struct addr_vec *a, uint64_t addr)
{
	if (a->n == a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 256;
		uint64_t *nv = realloc(a->v, ncap * sizeof(*nv));

		if (!nv)
			return false;
		a->v = nv;
		a->cap = ncap;
	}
	a->v[a->n++] = addr;
	return true;
}

static struct vr_error *collect_threads(struct vr_program *prog,
					struct addr_vec *a)
{
	struct kobj tasks = kobj_member(kobj_var(prog, "init_task"), "tasks");
	struct list_iter it, tit;
	struct kobj task, t;
	struct vr_error *err;

	if (!kobj_ok(&tasks))
		return kobj_error(&tasks);
	list_for_each_entry(&it, task, prog, kobj_addr(&tasks),
			    "struct task_struct", "tasks") {
		for_each_thread(&tit, t, task) {
			err = thread_walk_bound(a->n);
			if (err)
				return err;
			if (!push(a, kobj_addr(&t)))
				return &vr_enomem;
		}
		if (tit.err)
			return vr_error_wrap(tit.err, "threads of task 0x%llx",
					     (unsigned long long)kobj_addr(&task));
	}
	if (it.err)
		return vr_error_wrap(it.err, "walking init_task.tasks");
	return NULL;
}

static struct vr_error *collect_idle(struct vr_program *prog,
				     struct addr_vec *a)
{
	struct cpumask_set possible;
	struct vr_error *err = cpu_possible_mask(prog, &possible);
	unsigned int cpu;

	if (err)
		return err;
	for_each_cpu(cpu, &possible) {
		uint64_t idle = idle_task(prog, cpu, &err);

		if (err)
			return err;
		if (idle && !push(a, idle))
			return &vr_enomem;
	}
	return NULL;
}

struct vr_error *for_each_task_addrs(struct vr_program *prog,
				     uint64_t **addrs, size_t *count)
{
	struct addr_vec a = { 0 };
	struct vr_error *err = collect_threads(prog, &a);
	size_t n = 0;

	if (!err)
		err = collect_idle(prog, &a);
	if (err) {
		free(a.v);
		return err;
	}
	if (a.n)
		qsort(a.v, a.n, sizeof(*a.v), u64_cmp);
	for (size_t i = 0; i < a.n; i++)
		if (!n || a.v[n - 1] != a.v[i])
			a.v[n++] = a.v[i];
	*addrs = a.v;
	*count = n;
	return NULL;
}

struct vr_error *task_tty_name(struct kobj task, char *buf, size_t size)
{
	struct kobj tty = kobj_deref(kobj_member(task, "signal->tty"));
	char name[64], driver[64];
	struct vr_error *err = NULL;

	buf[0] = '\0';
	if (!kobj_member_u64(task, "signal->tty", &err))
		return err;
	/* tty_line_name(): driver->name and index + name_base. */
	err = kobj_read_cstr(kobj_member(tty, "name"), name, sizeof(name));
	if (!err)
		err = kobj_read_cstr(kobj_member(tty, "driver->name"), driver,
				     sizeof(driver));
	if (err)
		return err;
	/* The devpts slaves (drivers/tty/pty.c "pts") are /dev/pts/<n>. */
	if (!strcmp(driver, "pts") && !strncmp(name, "pts", 3))
		snprintf(buf, size, "pts/%s", name + 3);
	else
		snprintf(buf, size, "%s", name);
	return NULL;
}

struct vr_error *pid_max_text(struct vr_program *prog, char *buf, size_t size)
{
	/* kernel/pid.c pid_max; init_pid_ns.pid_max since v6.14. */
	static const struct sysctl_var vars[] = {
		{ .file = "pid_max", .data = "pid_max", .fmt = SYSCTL_INT },
		{ .file = "pid_max", .data = "init_pid_ns.pid_max",
		  .fmt = SYSCTL_INT },
	};
	struct vr_error *err = NULL;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		struct strbuf out = STRBUF_INIT;

		if (err)
			vr_error_destroy(err);
		err = sysctl_show(prog, &vars[i], &out);
		if (!err) {
			const char *text = out.buf ? out.buf : "";

			snprintf(buf, size, "%.*s", (int)strcspn(text, "\n"),
				 text);
			strbuf_free(&out);
			return NULL;
		}
		strbuf_free(&out);
		if (err->code != VR_ERR_NOT_FOUND)
			break;
	}
	return err;
}

struct vr_error *boot_clock(struct vr_program *prog, int64_t *btime,
			    uint64_t *uptime_cs)
{
	int64_t now, boottime;
	struct vr_error *err = ktime_get(prog, &now, NULL);

	if (!err)
		err = ktime_get_boottime(prog, now, &boottime);
	if (!err)
		err = getboottime64(prog, btime);
	if (err)
		return err;
	/* fs/proc/uptime.c: seconds and hundredths, truncated. */
	*uptime_cs = boottime < 0 ? 0 :
		     (uint64_t)boottime / (NSEC_PER_SEC / 100);
	return NULL;
}
