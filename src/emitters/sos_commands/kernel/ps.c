// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/ps: crash's `ps` (task.c show_ps(), show_ps_data(),
 * memory.c get_task_mem_usage()): every task, threads and each CPU's idle
 * task (pid 0, "swapper/N") included, sorted by pid (the idle tasks by
 * CPU), one line each:
 *
 *   ">" for the task a CPU runs (its runqueue's curr), else " ";
 *   PID and PPID ("%7ld": task->pid, and the pid of task->parent, -1 if
 *   that task is not listed); CPU (task_cpu()); TASK (the task_struct's
 *   address, centered in 16 columns); ST (task_state_string(): RU, IN,
 *   UN, ID, ZO, ST, TR, DE, PA, WA, NE, "??" for none of them);
 *   %MEM ("%.1f", at least 4 wide): RSS * 100 / the pages below
 *   high_memory (crash's vt->total_pages); VSZ and RSS in KiB (total_vm,
 *   and the mm's file + anon + shmem counters, each clamped at 0; with
 *   SPLIT_RSS_COUNTING, before v6.2, plus the threads' unsynced
 *   task->rss_stat counts); COMM (task->comm), in brackets for kernel
 *   threads (PF_KTHREAD).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/percpu.h"
#include "vr/ps.h"
#include "vr/task_info.h"

/* include/linux/sched.h, v4.14+ (crash's initialize_task_state()). */
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define __TASK_TRACED		0x0008
#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020
#define TASK_PARKED		0x0040
#define TASK_DEAD		0x0080
#define TASK_WAKING		0x0200
#define TASK_NOLOAD		0x0400
#define TASK_NEW		0x0800

/* task.c task_state_string(), not verbose: the last test that holds. */
static const char *crash_state(uint64_t state)
{
	const char *s = "??";
	bool set = false;

	if (state == 0)
		s = "RU";
	if (state & TASK_INTERRUPTIBLE) {
		s = "IN";
		set = true;
	}
	if (state & TASK_UNINTERRUPTIBLE) {
		s = state & TASK_NOLOAD ? "ID" : "UN";
		set = true;
	}
	if (state & EXIT_ZOMBIE) {
		s = "ZO";
		set = true;
	}
	if (state & __TASK_STOPPED) {
		s = "ST";
		set = true;
	}
	if (state & __TASK_TRACED) {
		s = "TR";
		set = true;
	}
	if ((state & (EXIT_DEAD | TASK_DEAD)) && !set)
		s = "DE";
	if (state == TASK_PARKED)
		s = "PA";
	if (state == TASK_WAKING)
		s = "WA";
	if (state == TASK_NEW)
		s = "NE";
	return s;
}

/* task_state(): the state (__state since v5.14) with exit_state. */
static uint64_t task_state_value(struct kobj task, struct vr_error **err)
{
	struct kobj s = kobj_member(task, "__state");

	if (s.err == VR_ERR_NOT_FOUND)
		s = kobj_member(task, "state");
	return kobj_member_u64(s, "", err) |
	       kobj_member_u64(task, "exit_state", err);
}

struct crash_task {
	uint64_t addr, pid, parent, cpu, flags, state;
	int64_t ppid;		/* the parent's pid, -1 if not listed */
	char comm[TASK_COMM_LEN + 1];
};

static int by_addr(const void *a, const void *b)
{
	const struct crash_task *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* sort_by_pid(): by pid, the idle tasks (pid 0) by CPU. */
static int by_pid(const void *a, const void *b)
{
	const struct crash_task *x = a, *y = b;

	if (!x->pid && !y->pid)
		return (x->cpu > y->cpu) - (x->cpu < y->cpu);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Pages crash divides RSS by: BTOP(VTOP(high_memory)). */
static struct vr_error *crash_total_pages(struct vr_program *prog,
					  uint64_t *pages)
{
	struct vr_error *err = NULL;
	uint64_t high = kobj_member_u64(kobj_var(prog, "high_memory"), "",
					&err);
	uint64_t phys;

	if (err)
		return err;
	err = vr_program_virt_to_phys(prog, high - 1, &phys);
	if (err)
		return vr_error_wrap(err, "high_memory");
	*pages = (phys + 1) / prog->page_size;
	return NULL;
}

/*
 * SPLIT_RSS_COUNTING (before v6.2): what the threads of @task's group
 * counted in task->rss_stat and did not yet add to the mm's, as crash
 * adds it (each thread's file, anon and shmem counts that are > 0).
 */
static uint64_t split_rss(struct kobj task, struct vr_error **err)
{
	static const int members[] = { MM_FILEPAGES, MM_ANONPAGES,
				       MM_SHMEMPAGES };
	struct list_iter it;
	uint64_t sum = 0;
	struct kobj t;

	if (!kobj_has_member(task.prog, "struct task_struct", "rss_stat"))
		return 0;
	for_each_thread(&it, t, task) {
		for (size_t i = 0; i < 3 && !*err; i++) {
			char path[32];
			int64_t v;

			snprintf(path, sizeof(path), "rss_stat.count[%d]",
				 members[i]);
			v = kobj_member_s64(t, path, err);
			if (v > 0)
				sum += (uint64_t)v;
		}
		if (*err)
			return 0;
	}
	if (it.err && !*err)
		*err = it.err;
	return sum;
}

/* get_task_mem_usage(): total_vm and rss in pages. */
static void task_mem_usage(struct kobj task, const struct crash_task *ct,
			   uint64_t *total_vm, uint64_t *rss,
			   struct vr_error **err)
{
	uint64_t mm_addr = kobj_member_u64(task, "mm", err);
	struct kobj mm;

	*total_vm = *rss = 0;
	if (*err || (ct->state & EXIT_ZOMBIE) || !mm_addr)
		return;
	mm = kobj_at(task.prog, "struct mm_struct", mm_addr);
	if ((ct->flags & PF_EXITING) &&
	    kobj_member_s64(mm, "mm_count", err) <= 0)
		return;
	/* v6.2+: the percpu counters' sums; before, the atomic counts */
	*rss = get_mm_counter_sum(mm, MM_FILEPAGES, err) +
	       get_mm_counter_sum(mm, MM_ANONPAGES, err) +
	       get_mm_counter_sum(mm, MM_SHMEMPAGES, err) +
	       split_rss(task, err);
	*total_vm = kobj_member_u64(mm, "total_vm", err);
}

static struct vr_error *read_task(struct vr_program *prog, uint64_t addr,
				  struct crash_task *ct)
{
	struct kobj task = kobj_at(prog, "struct task_struct", addr);
	struct vr_error *err = NULL;

	ct->addr = addr;
	ct->pid = kobj_member_u64(task, "pid", &err);
	ct->parent = kobj_member_u64(task, "parent", &err);
	ct->cpu = task_cpu(task, &err);
	ct->flags = kobj_member_u64(task, "flags", &err);
	ct->state = task_state_value(task, &err);
	if (!err)
		err = kobj_read_cstr(kobj_member(task, "comm"), ct->comm,
				     sizeof(ct->comm));
	return err;
}

struct crash_ps {
	struct vr_program *prog;
	struct crash_task *tasks;
	size_t n;
	uint64_t *curr;		/* rq->curr of each online CPU */
	size_t nr_curr;
	uint64_t total_pages;
};

static bool is_active(const struct crash_ps *ps, uint64_t addr)
{
	for (size_t i = 0; i < ps->nr_curr; i++)
		if (ps->curr[i] == addr)
			return true;
	return false;
}

static struct vr_error *show_ps_data(struct strbuf *out,
				     const struct crash_ps *ps,
				     const struct crash_task *ct)
{
	struct kobj task = kobj_at(ps->prog, "struct task_struct", ct->addr);
	struct vr_error *err = NULL;
	uint64_t total_vm, rss, kb = ps->prog->page_size / 1024;
	bool kthread = ct->flags & PF_KTHREAD;
	double pct = 0;
	char addr[24], pmem[32];
	const char *st = crash_state(ct->state);

	task_mem_usage(task, ct, &total_vm, &rss, &err);
	if (err)
		return vr_error_wrap(err, "task 0x%llx",
				     (unsigned long long)ct->addr);
	if ((!kthread || rss) && ps->total_pages)
		pct = (double)(rss * 100) / (double)ps->total_pages;
	/* mkstring(VADDR_PRLEN, CENTER|RJUST|LONG_HEX) */
	snprintf(addr, sizeof(addr), "%llx", (unsigned long long)ct->addr);
	{
		int extra = 16 - (int)strlen(addr);
		int left = extra > 0 ? extra - extra / 2 : 0;
		int right = extra > 0 ? extra / 2 : 0;

		strbuf_printf(out, "%s%7lld %7lld %3llu  %*s%s%*s %3s",
			      is_active(ps, ct->addr) ? "> " : "  ",
			      (long long)ct->pid, (long long)ct->ppid,
			      (unsigned long long)ct->cpu, left, "", addr,
			      right, "", st);
	}
	strbuf_printf(out, "%*s", strlen(st) > 3 ? 1 : 2, "");
	snprintf(pmem, sizeof(pmem), "%.1f", pct);
	strbuf_printf(out, "%*s ", strlen(pmem) == 3 ? 4 : 0, pmem);
	strbuf_printf(out, "%8llu %8llu  ", (unsigned long long)(total_vm * kb),
		      (unsigned long long)(rss * kb));
	strbuf_printf(out, kthread ? "[%s]\n" : "%s\n", ct->comm);
	return NULL;
}

static struct vr_error *load_tasks(struct crash_ps *ps)
{
	struct vr_program *prog = ps->prog;
	struct cpumask_set online;
	uint64_t *addrs = NULL;
	unsigned int cpu;
	struct vr_error *err = for_each_task_addrs(prog, &addrs, &ps->n);

	if (err)
		return err;
	ps->tasks = calloc(ps->n ? ps->n : 1, sizeof(*ps->tasks));
	ps->curr = calloc(VR_MAX_CPUS, sizeof(*ps->curr));
	if (!ps->tasks || !ps->curr) {
		free(addrs);
		return &vr_enomem;
	}
	for (size_t i = 0; i < ps->n && !err; i++)
		err = read_task(prog, addrs[i], &ps->tasks[i]);
	free(addrs);
	if (!err)
		err = cpu_online_mask(prog, &online);
	if (err)
		return err;
	for_each_cpu(cpu, &online) {
		ps->curr[ps->nr_curr++] = cpu_curr(prog, cpu, &err);
		if (err)
			return err;
	}
	return crash_total_pages(prog, &ps->total_pages);
}

static struct vr_error *emit_crash_ps(struct emit_ctx *ctx)
{
	struct crash_ps ps = { .prog = ctx->prog };
	struct vr_error *err = load_tasks(&ps);

	if (!err) {
		/* task_to_pid(tc->ptask): the parent among the listed tasks */
		if (ps.n)
			qsort(ps.tasks, ps.n, sizeof(*ps.tasks), by_addr);
		for (size_t i = 0; i < ps.n; i++) {
			struct crash_task key = { .addr = ps.tasks[i].parent };
			const struct crash_task *p = bsearch(&key, ps.tasks,
							     ps.n,
							     sizeof(*ps.tasks),
							     by_addr);

			ps.tasks[i].ppid = p ? (int64_t)p->pid : -1;
		}
		if (ps.n)
			qsort(ps.tasks, ps.n, sizeof(*ps.tasks), by_pid);
		strbuf_puts(&ctx->out, "      PID    PPID  CPU       TASK        "
			    "ST  %MEM      VSZ      RSS  COMM\n");
		for (size_t i = 0; i < ps.n && !err; i++)
			err = show_ps_data(&ctx->out, &ps, &ps.tasks[i]);
	}
	free(ps.tasks);
	free(ps.curr);
	return err;
}

static const struct emitter crash_ps = {
	.path = "sos_commands/kernel/ps",
	.emit = emit_crash_ps,
};
EMITTER(crash_ps);
