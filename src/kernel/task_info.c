// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What /proc/<pid>/ reports about a task (see vr/task_info.h): pid numbers
 * (kernel/pid.c), credentials, the mm and its counters
 * (include/linux/mm.h), times (kernel/sched/cputime.c), threads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kernel.h"
#include "vr/task_info.h"

/* Keep the first error; free the later ones. */
static void set_err(struct vr_error **err, struct vr_error *e)
{
	if (!e)
		return;
	if (*err)
		vr_error_destroy(e);
	else
		*err = e;
}

uint32_t linux_version_code(struct vr_program *prog)
{
	char release[NEW_UTS_LEN + 1];
	unsigned int a = 0, b = 0, c = 0;
	const char *osrelease = vr_program_vmcoreinfo(prog, "OSRELEASE");
	struct vr_error *err;

	/* VMCOREINFO first: no memory to read, none that can be damaged. */
	if (osrelease) {
		snprintf(release, sizeof(release), "%s", osrelease);
	} else {
		err = init_utsname_field(prog, "release", release);
		if (err) {
			vr_error_destroy(err);
			return 0;
		}
	}
	if (sscanf(release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return KERNEL_VERSION(a, b, c);
}

/* An atomic_t, atomic_long_t, atomic64_t or refcount_t: its counter. */
static struct kobj counter_of(struct kobj o)
{
	if (kobj_ok(&o) && vr_type_is_compound(o.type)) {
		struct kobj c = kobj_member(o, "counter");

		if (c.err == VR_ERR_NOT_FOUND)
			c = kobj_member(o, "refs.counter");
		return c;
	}
	return o;
}

uint64_t kobj_member_u64(struct kobj o, const char *path,
			 struct vr_error **err)
{
	uint64_t v = 0;

	if (*err)
		return 0;
	set_err(err, kobj_read_u64(counter_of(kobj_member(o, path)), &v));
	return *err ? 0 : v;
}

int64_t kobj_member_s64(struct kobj o, const char *path,
			struct vr_error **err)
{
	int64_t v = 0;

	if (*err)
		return 0;
	set_err(err, kobj_read_s64(counter_of(kobj_member(o, path)), &v));
	return *err ? 0 : v;
}

/* pids */

bool pid_alive(struct kobj task, struct vr_error **err)
{
	return kobj_member_u64(task, "thread_pid", err) != 0;
}

uint64_t task_pid_ptr(struct kobj task, int type, struct vr_error **err)
{
	char path[32];

	/* task->thread_pid and signal->pids[] since v4.19. */
	if (type == PIDTYPE_PID)
		return kobj_member_u64(task, "thread_pid", err);
	snprintf(path, sizeof(path), "signal->pids[%d]", type);
	return kobj_member_u64(task, path, err);
}

uint64_t pid_nr_ns(struct vr_program *prog, uint64_t pid, uint64_t ns,
		   struct vr_error **err)
{
	struct kobj p, upid;
	uint64_t ns_level, pid_level;

	if (*err || !pid || !ns)
		return 0;
	p = kobj_at(prog, "struct pid", pid);
	ns_level = kobj_member_u64(kobj_at(prog, "struct pid_namespace", ns),
				   "level", err);
	pid_level = kobj_member_u64(p, "level", err);
	if (*err || ns_level > pid_level)
		return 0;
	upid = kobj_index(kobj_member(p, "numbers"), ns_level);
	if (kobj_member_u64(upid, "ns", err) != ns)
		return 0;
	return kobj_member_u64(upid, "nr", err);
}

uint64_t task_pid_nr_ns(struct kobj task, int type, uint64_t ns,
			struct vr_error **err)
{
	if (!pid_alive(task, err))
		return 0;
	return pid_nr_ns(task.prog, task_pid_ptr(task, type, err), ns, err);
}

static uint64_t init_pid_ns(struct vr_program *prog, struct vr_error **err)
{
	struct kobj ns = kobj_var(prog, "init_pid_ns");

	if (!kobj_ok(&ns))
		set_err(err, kobj_error(&ns));
	return kobj_addr(&ns);
}

uint64_t task_pid_nr_init(struct kobj task, int type, struct vr_error **err)
{
	return task_pid_nr_ns(task, type, init_pid_ns(task.prog, err), err);
}

uint64_t task_ppid_nr(struct kobj task, struct vr_error **err)
{
	struct kobj parent;

	if (!pid_alive(task, err))
		return 0;
	parent = kobj_deref(kobj_member(task, "real_parent"));
	if (!kobj_ok(&parent)) {
		set_err(err, kobj_error(&parent));
		return 0;
	}
	return task_pid_nr_init(parent, PIDTYPE_TGID, err);
}

unsigned int pid_namespaces(struct vr_program *prog, uint64_t pid,
			    uint64_t ns[VR_MAX_PID_NS_LEVEL + 1],
			    struct vr_error **err)
{
	struct kobj p = kobj_at(prog, "struct pid", pid);
	uint64_t level = kobj_member_u64(p, "level", err);
	struct kobj numbers = kobj_member(p, "numbers");

	if (*err || !pid)
		return 0;
	if (level > VR_MAX_PID_NS_LEVEL) {
		set_err(err, vr_error_create(VR_ERR_CORRUPT,
					     "pid level %llu",
					     (unsigned long long)level));
		return 0;
	}
	for (uint64_t g = 0; g <= level; g++)
		ns[g] = kobj_member_u64(kobj_index(numbers, g), "ns", err);
	return *err ? 0 : (unsigned int)level + 1;
}

struct vr_error *task_cred_ids(struct kobj task, struct task_cred_ids *ids)
{
	struct kobj cred = kobj_deref(kobj_member(task, "real_cred"));
	struct vr_error *err = NULL;

	/* kuid_t / kgid_t: { uid_t val; } since v3.5. */
	ids->uid = (uint32_t)kobj_member_u64(cred, "uid.val", &err);
	ids->euid = (uint32_t)kobj_member_u64(cred, "euid.val", &err);
	ids->suid = (uint32_t)kobj_member_u64(cred, "suid.val", &err);
	ids->fsuid = (uint32_t)kobj_member_u64(cred, "fsuid.val", &err);
	ids->gid = (uint32_t)kobj_member_u64(cred, "gid.val", &err);
	ids->egid = (uint32_t)kobj_member_u64(cred, "egid.val", &err);
	ids->sgid = (uint32_t)kobj_member_u64(cred, "sgid.val", &err);
	ids->fsgid = (uint32_t)kobj_member_u64(cred, "fsgid.val", &err);
	return err;
}

/* The mm */

bool get_task_mm(struct kobj task, struct kobj *mm, struct vr_error **err)
{
	uint64_t addr = kobj_member_u64(task, "mm", err);
	uint64_t flags = kobj_member_u64(task, "flags", err);

	if (*err || !addr || (flags & PF_KTHREAD))
		return false;
	*mm = kobj_at(task.prog, "struct mm_struct", addr);
	if (!kobj_ok(mm)) {
		set_err(err, kobj_error(mm));
		return false;
	}
	return true;
}

/* percpu_counter_sum(): the count plus every online or dying CPU's delta. */
static int64_t pcp_counter_sum(struct kobj fbc, struct vr_error **err)
{
	struct vr_program *prog = fbc.prog;
	struct cpumask_set online, dying;
	struct kobj counters = kobj_member(fbc, "counters");
	int64_t sum = kobj_member_s64(fbc, "count", err);
	unsigned int cpu;

	if (*err)
		return 0;
	set_err(err, cpu_online_mask(prog, &online));
	if (*err)
		return 0;
	/* cpu_dying_mask (v5.14+) */
	if (kobj_has_symbol(prog, "__cpu_dying_mask")) {
		set_err(err, read_cpumask(prog, "__cpu_dying_mask", &dying));
		if (*err)
			return 0;
		for (size_t i = 0; i < VR_MAX_CPUS / 64; i++)
			online.bits[i] |= dying.bits[i];
	}
	for_each_cpu(cpu, &online) {
		int64_t v = 0;

		set_err(err, kobj_read_s64(per_cpu_ptr(counters, cpu), &v));
		if (*err)
			return 0;
		sum += v;
	}
	return sum;
}

static uint64_t mm_counter(struct kobj mm, int member, bool sum,
			   struct vr_error **err)
{
	char path[48];
	struct kobj stat;
	int64_t v;

	if (*err)
		return 0;
	/* v6.2: mm->rss_stat[] became percpu counters. */
	snprintf(path, sizeof(path), "rss_stat[%d]", member);
	stat = kobj_member(mm, path);
	if (kobj_ok(&stat) && vr_type_is_compound(stat.type)) {
		if (sum)
			v = pcp_counter_sum(stat, err);
		else
			v = kobj_member_s64(stat, "count", err);
	} else {
		snprintf(path, sizeof(path), "rss_stat.count[%d]", member);
		v = kobj_member_s64(mm, path, err);
	}
	return v < 0 ? 0 : (uint64_t)v;
}

uint64_t get_mm_counter(struct kobj mm, int member, struct vr_error **err)
{
	return mm_counter(mm, member, false, err);
}

uint64_t get_mm_counter_sum(struct kobj mm, int member, struct vr_error **err)
{
	return mm_counter(mm, member, true, err);
}

uint64_t get_mm_rss(struct kobj mm, struct vr_error **err)
{
	return get_mm_counter(mm, MM_FILEPAGES, err) +
	       get_mm_counter(mm, MM_ANONPAGES, err) +
	       get_mm_counter(mm, MM_SHMEMPAGES, err);
}

uint64_t task_vsize(struct kobj mm, struct vr_error **err)
{
	return mm.prog->page_size * kobj_member_u64(mm, "total_vm", err);
}

/* Times */

/*
 * kernel/sched/cputime.c cputime_adjust() on a copy of prev_cputime: the
 * kernel stores the result back, a dump is read-only.
 */
static void cputime_adjust(uint64_t utime, uint64_t stime, uint64_t rtime,
			   uint64_t prev_ut, uint64_t prev_st, uint64_t *ut,
			   uint64_t *st)
{
	if (prev_st + prev_ut >= rtime)
		goto out;
	if (stime == 0) {
		utime = rtime;
		goto update;
	}
	if (utime == 0) {
		stime = rtime;
		goto update;
	}
	stime = (uint64_t)((unsigned __int128)stime * rtime / (stime + utime));
	if (stime > rtime)
		stime = rtime;
update:
	if (stime < prev_st)
		stime = prev_st;
	utime = rtime - stime;
	if (utime < prev_ut) {
		utime = prev_ut;
		stime = rtime - utime;
	}
	prev_st = stime;
	prev_ut = utime;
out:
	*ut = prev_ut;
	*st = prev_st;
}

/*
 * CONFIG_VIRT_CPU_ACCOUNTING_NATIVE (s390, some ppc64) keeps exact
 * utime/stime and struct prev_cputime is empty: nothing to adjust.
 */
static bool native_cputime(struct vr_program *prog)
{
	return !kobj_has_member(prog, "struct prev_cputime", "utime");
}

void task_cputime_adjusted(struct kobj task, uint64_t *ut, uint64_t *st,
			   struct vr_error **err)
{
	uint64_t utime = kobj_member_u64(task, "utime", err);
	uint64_t stime = kobj_member_u64(task, "stime", err);
	uint64_t rtime, prev_ut, prev_st;

	*ut = *st = 0;
	if (*err)
		return;
	if (native_cputime(task.prog)) {
		*ut = utime;
		*st = stime;
		return;
	}
	rtime = kobj_member_u64(task, "se.sum_exec_runtime", err);
	prev_ut = kobj_member_u64(task, "prev_cputime.utime", err);
	prev_st = kobj_member_u64(task, "prev_cputime.stime", err);
	if (!*err)
		cputime_adjust(utime, stime, rtime, prev_ut, prev_st, ut, st);
}

void thread_group_cputime_adjusted(struct kobj task, uint64_t *ut,
				   uint64_t *st, struct vr_error **err)
{
	struct kobj sig = kobj_member(task, "signal");
	uint64_t utime = kobj_member_u64(sig, "utime", err);
	uint64_t stime = kobj_member_u64(sig, "stime", err);
	uint64_t rtime = kobj_member_u64(sig, "sum_sched_runtime", err);
	uint64_t prev_ut, prev_st;
	struct list_iter it;
	struct kobj t;

	*ut = *st = 0;
	if (*err)
		return;
	for_each_thread(&it, t, task) {
		utime += kobj_member_u64(t, "utime", err);
		stime += kobj_member_u64(t, "stime", err);
		rtime += kobj_member_u64(t, "se.sum_exec_runtime", err);
		if (*err)
			return;
	}
	if (it.err) {
		set_err(err, it.err);
		return;
	}
	if (native_cputime(task.prog)) {
		*ut = utime;
		*st = stime;
		return;
	}
	prev_ut = kobj_member_u64(sig, "prev_cputime.utime", err);
	prev_st = kobj_member_u64(sig, "prev_cputime.stime", err);
	if (!*err)
		cputime_adjust(utime, stime, rtime, prev_ut, prev_st, ut, st);
}

uint64_t task_gtime(struct kobj task, struct vr_error **err)
{
	return kobj_member_u64(task, "gtime", err);
}

uint64_t task_start_boottime(struct kobj task, struct vr_error **err)
{
	/* start_boottime since v5.5, real_start_time (ns) before. */
	if (kobj_has_member(task.prog, "struct task_struct", "start_boottime"))
		return kobj_member_u64(task, "start_boottime", err);
	return kobj_member_u64(task, "real_start_time", err);
}

/* include/linux/sched/prio.h: MAX_RT_PRIO 100, DEFAULT_PRIO 120. */
int64_t task_nice(struct kobj task, struct vr_error **err)
{
	return kobj_member_s64(task, "static_prio", err) - 120;
}

int64_t task_prio(struct kobj task, struct vr_error **err)
{
	return kobj_member_s64(task, "prio", err) - 100;
}

uint64_t task_cpu(struct kobj task, struct vr_error **err)
{
	/*
	 * thread_info.cpu with CONFIG_THREAD_INFO_IN_TASK (back there since
	 * v5.16), task->cpu in v5.4-v5.15.
	 */
	if (kobj_has_member(task.prog, "struct task_struct", "thread_info.cpu"))
		return kobj_member_u64(task, "thread_info.cpu", err);
	return kobj_member_u64(task, "cpu", err);
}

uint64_t get_nr_threads(struct kobj task, struct vr_error **err)
{
	return kobj_member_u64(task, "signal->nr_threads", err);
}

/* Threads */

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static bool push_id(uint64_t **v, size_t *n, size_t *cap, uint64_t id)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		uint64_t *nv = realloc(*v, ncap * sizeof(**v));

		if (!nv)
			return false;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = id;
	return true;
}

struct vr_error *thread_walk_bound(size_t walked)
{
	if (walked < PID_MAX_LIMIT)
		return NULL;
	return vr_error_create(VR_ERR_LIMIT,
			       "more than %lu threads (PID_MAX_LIMIT) in the task lists",
			       PID_MAX_LIMIT);
}

struct vr_error *for_each_thread_ids(struct vr_program *prog, uint64_t **ids,
				     size_t *count)
{
	struct kobj tasks = kobj_member(kobj_var(prog, "init_task"), "tasks");
	struct vr_error *err = NULL;
	struct list_iter it, tit;
	struct kobj task, t;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;

	if (!kobj_ok(&tasks))
		return kobj_error(&tasks);
	list_for_each_entry(&it, task, prog, kobj_addr(&tasks),
			    "struct task_struct", "tasks") {
		uint64_t tgid = kobj_member_u64(task, "tgid", &err);

		if (err)
			break;
		for_each_thread(&tit, t, task) {
			uint64_t tid = kobj_member_u64(t, "pid", &err);

			if (!err)
				err = thread_walk_bound(n);
			if (err)
				break;
			if (!push_id(&v, &n, &cap, tgid << 32 | tid)) {
				err = &vr_enomem;
				break;
			}
		}
		if (!err && tit.err)
			err = vr_error_wrap(tit.err, "threads of %llu",
					    (unsigned long long)tgid);
		if (err)
			break;
	}
	if (!err && it.err)
		err = vr_error_wrap(it.err, "walking init_task.tasks");
	if (err) {
		free(v);
		return err;
	}
	if (n)
		qsort(v, n, sizeof(*v), u64_cmp);
	*ids = v;
	*count = n;
	return NULL;
}

struct kobj find_thread(struct vr_program *prog, uint64_t id)
{
	struct kobj task = find_task(prog, tid_id_tid(id));
	struct vr_error *err = NULL;
	uint64_t tgid = kobj_member_u64(task, "tgid", &err);

	if (err) {
		kobj_set_error(&task, err);
	} else if (tgid != tid_id_tgid(id)) {
		kobj_set_error(&task, vr_error_create(VR_ERR_NOT_FOUND,
				"thread %llu is not in thread group %llu",
				(unsigned long long)tid_id_tid(id),
				(unsigned long long)tid_id_tgid(id)));
	}
	return task;
}

struct vr_error *access_remote_vm(struct kobj mm, uint64_t addr, void *buf,
				  size_t len)
{
	struct vr_error *err = NULL;
	uint64_t pgd = kobj_member_u64(mm, "pgd", &err);

	if (err)
		return err;
	return vr_program_read_user(mm.prog, pgd, addr, buf, len);
}

const char *user_read_stub_reason(const struct vr_error *err)
{
	if (!err)
		return NULL;
	switch (err->code) {
	case VR_ERR_EXCLUDED:
		return "user pages excluded from dump";
	case VR_ERR_FAULT:
	case VR_ERR_NOT_PRESENT:
	case VR_ERR_OUT_OF_RANGE:
		return "user pages not in the dump's memory (swapped out or never touched)";
	default:
		return NULL;
	}
}

/* A bound on one command line (ARG_MAX is 1/4 of an 8 MiB stack). */
#define CMDLINE_MAX (16UL << 20)

struct vr_error *get_mm_cmdline(struct kobj mm, struct strbuf *out)
{
	uint64_t arg_start, arg_end, env_start, env_end, len;
	struct vr_error *err = NULL;
	char last, *buf;

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
		return err;
	if (last) {
		/* get_mm_proctitle(): one page from arg_start, to its NUL */
		size_t n = len < mm.prog->page_size ? len : mm.prog->page_size;

		buf = malloc(n);
		if (!buf)
			return &vr_enomem;
		err = access_remote_vm(mm, arg_start, buf, n);
		if (!err) {
			size_t s = strnlen(buf, n);

			strbuf_append(out, buf, s < n ? s + 1 : s);
		}
	} else {
		len = arg_end - arg_start;
		buf = malloc(len);
		if (!buf)
			return &vr_enomem;
		err = access_remote_vm(mm, arg_start, buf, len);
		if (!err)
			strbuf_append(out, buf, len);
	}
	free(buf);
	return err;
}

void task_tty(struct kobj task, int64_t *tty_nr, int64_t *tty_pgrp,
	      struct vr_error **err)
{
	struct kobj tty = kobj_deref(kobj_member(task, "signal->tty"));
	uint64_t major, minor, pgrp;
	struct kobj pgrp_obj;

	*tty_nr = 0;
	*tty_pgrp = -1;
	if (!kobj_member_u64(task, "signal->tty", err))
		return;
	major = kobj_member_u64(tty, "driver->major", err);
	minor = kobj_member_u64(tty, "driver->minor_start", err) +
		kobj_member_u64(tty, "index", err);
	*tty_nr = (int64_t)((minor & 0xff) | (major << 8) |
			    ((minor & ~0xffULL) << 12));
	/* tty->ctrl.pgrp since v5.16, tty->pgrp before. */
	pgrp_obj = kobj_member(tty, "ctrl.pgrp");
	if (pgrp_obj.err == VR_ERR_NOT_FOUND)
		pgrp_obj = kobj_member(tty, "pgrp");
	pgrp = kobj_member_u64(pgrp_obj, "", err);
	*tty_pgrp = (int64_t)pid_nr_ns(task.prog, pgrp,
				       init_pid_ns(task.prog, err), err);
}

/* fs/proc/array.c collect_sigign_sigcatch() */
void collect_sigign_sigcatch(struct kobj task, uint64_t *ign, uint64_t *catch,
			    struct vr_error **err)
{
	struct kobj action = kobj_member(task, "sighand->action");

	*ign = *catch = 0;
	for (unsigned int i = 1; i <= 64 && !*err; i++) {
		uint64_t h = kobj_member_u64(kobj_index(action, i - 1),
					     "sa.sa_handler", err);

		if (h == 1)		/* SIG_IGN */
			*ign |= 1ULL << (i - 1);
		else if (h != 0)	/* not SIG_DFL */
			*catch |= 1ULL << (i - 1);
	}
}
