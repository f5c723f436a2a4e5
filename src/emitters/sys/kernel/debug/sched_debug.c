// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sys/kernel/debug/sched/debug: kernel/sched/debug.c sched_debug_show(),
 * the scheduler's dump of its run queues.
 *
 *   sched_debug_header(): the version line, the clocks, jiffies and the
 *   scheduler's tunables;
 *   print_cpu() for each online CPU: the struct rq counters, then
 *   print_cfs_stats() (print_cfs_rq() of each cfs_rq on the CPU's
 *   leaf_cfs_rq_list, with print_cfs_group_stats() of a task group's
 *   entity), print_rt_stats(), print_dl_stats(), and print_rq(): every
 *   thread (for_each_process_thread(), so not the idle tasks) whose
 *   task_cpu() is the CPU, the runqueue's curr marked ">R".
 *
 * Two formats: v6.1 (CFS) and v6.6+ (EEVDF: the tasks' deadline, slice
 * and eligibility), told apart by the types, with the lines of each
 * config option printed when the types have its members, as the
 * kernel's #ifdefs decide.
 *
 * A dump has no "now": ktime is the timekeeper's last update, cpu_clk
 * (local_clock() of the reading CPU) the latest local_clock() the kernel
 * recorded (an online CPU's rq->clock, the last printk record), and sched_clk that less __sched_clock_offset where the clock is
 * the x86 one (CONFIG_HAVE_UNSTABLE_SCHED_CLOCK, stable).  What cannot
 * be read is left out and named in a partial line at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/cgroup.h"
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/mm.h"
#include "vr/percpu.h"
#include "vr/printk.h"
#include "vr/ps.h"
#include "vr/task_info.h"	/* before vr/stat.h: nsec_to_clock_t() */
#include "vr/stat.h"
#include "vr/tree.h"
#include "vr/util.h"

#ifndef EM_X86_64
#define EM_X86_64 62
#endif

/* Bound on a walk down an rbtree (its height) and on the leaf cfs_rqs. */
#define SD_RB_DEPTH_LIMIT	128
#define SD_CFS_RQ_LIMIT		65536

/* kernel/sched/sched.h, 64-bit: SCHED_FIXEDPOINT_SHIFT */
#define SCHED_FIXEDPOINT_SHIFT	10

struct sd_task {
	uint64_t addr;
	uint64_t cpu;
};

struct sched_debug {
	struct vr_program *prog;
	struct strbuf *out;
	struct strbuf notes;	/* PARTIAL_PREFIX lines, printed last */
	bool x86;
	bool eevdf;		/* v6.6+: struct sched_entity has deadline */
	bool smp;		/* CONFIG_SMP: rq->avg_idle */
	bool has_schedstats;	/* CONFIG_SCHEDSTATS: rq->yld_count */
	bool schedstats;	/* schedstat_enabled() */
	bool numa;		/* CONFIG_NUMA_BALANCING: task->numa_group */
	bool cgroup_sched;	/* CONFIG_CGROUP_SCHED: task->sched_task_group */
	bool fair_group;	/* CONFIG_FAIR_GROUP_SCHED: cfs_rq->tg */
	bool cfs_bandwidth;	/* CONFIG_CFS_BANDWIDTH: cfs_rq->throttled */
	bool rt_group;		/* CONFIG_RT_GROUP_SCHED: rt_rq->tg */
	bool autogroup;		/* CONFIG_SCHED_AUTOGROUP: task_group->autogroup */
	/* v6.6+ the cfs_rq's zero of the entity keys: min_vruntime, zero_vruntime */
	const char *zero_name;
	uint64_t stats_off;	/* offsetof(struct sched_entity_stats, stats) */
	struct sd_task *tasks;	/* for_each_process_thread() order */
	size_t nr_tasks;
};

/* SPLIT_NS(): milliseconds and the nanoseconds below, sign on the first. */
struct split_ns {
	long long hi;
	unsigned long lo;
};

static struct split_ns split_ns(int64_t v)
{
	uint64_t a = v < 0 ? -(uint64_t)v : (uint64_t)v;
	struct split_ns s = {
		.hi = (long long)(a / 1000000),
		.lo = (unsigned long)(a % 1000000),
	};

	if (v < 0)
		s.hi = -s.hi;
	return s;
}

/* "  .%-30s: %Ld\n" and "  .%-30s: %Ld.%06ld\n" of the cpu# blocks. */
static void p_ll(struct sched_debug *sd, const char *label, long long v)
{
	strbuf_printf(sd->out, "  .%-30s: %lld\n", label, v);
}

static void p_ns(struct sched_debug *sd, const char *label, int64_t v)
{
	struct split_ns s = split_ns(v);

	strbuf_printf(sd->out, "  .%-30s: %lld.%06lu\n", label, s.hi, s.lo);
}

static void p_lu(struct sched_debug *sd, const char *label, uint64_t v)
{
	strbuf_printf(sd->out, "  .%-30s: %llu\n", label, (unsigned long long)v);
}

static void note(struct sched_debug *sd, const char *what,
		 struct vr_error *err)
{
	strbuf_printf(&sd->notes, PARTIAL_PREFIX "%s: %s\n", what,
		      err->message);
	vr_error_destroy(err);
}

static uint64_t sched_var_u64(struct vr_program *prog, const char *name,
			      struct vr_error **err)
{
	return kobj_member_u64(kobj_var(prog, name), "", err);
}

static bool key_enabled(struct vr_program *prog, const char *name,
			struct vr_error **err)
{
	struct kobj key = kobj_var(prog, name);

	if (*err)
		return false;
	if (!kobj_ok(&key)) {
		*err = kobj_error(&key);
		return false;
	}
	return static_key_enabled(key, err);
}

/* The features the output depends on, from the types and symbols. */
static struct vr_error *sd_init(struct sched_debug *sd)
{
	struct vr_program *prog = sd->prog;
	struct vr_error *err = NULL;

	sd->x86 = prog->arch->e_machine == EM_X86_64;
	sd->eevdf = kobj_has_member(prog, "struct sched_entity", "deadline");
	sd->smp = kobj_has_member(prog, "struct rq", "avg_idle");
	sd->has_schedstats = kobj_has_member(prog, "struct rq", "yld_count");
	sd->numa = kobj_has_member(prog, "struct task_struct", "numa_group");
	sd->cgroup_sched = kobj_has_member(prog, "struct task_struct",
					   "sched_task_group");
	sd->fair_group = kobj_has_member(prog, "struct cfs_rq", "tg");
	sd->cfs_bandwidth = kobj_has_member(prog, "struct cfs_rq", "throttled");
	sd->rt_group = kobj_has_member(prog, "struct rt_rq", "tg");
	sd->autogroup = kobj_has_member(prog, "struct task_group", "autogroup");
	/* Debian's v6.12 has upstream's rename (v6.19) to zero_vruntime. */
	sd->zero_name = kobj_has_member(prog, "struct cfs_rq", "zero_vruntime") ?
			"zero_vruntime" : "min_vruntime";
	/* schedstat_enabled(): the sched_schedstats static key (v4.6+). */
	if (sd->has_schedstats)
		sd->schedstats = key_enabled(prog, "sched_schedstats", &err);
	if (err)
		return vr_error_wrap(err, "sched_schedstats");
	/* v5.16+: a group entity's statistics follow it in sched_entity_stats */
	if (sd->fair_group &&
	    !kobj_offsetof(prog, "struct sched_entity_stats", "stats",
			   &sd->stats_off))
		sd->stats_off = 0;
	return NULL;
}

/* for_each_process_thread(): init_task's list, then each group's threads. */
static struct vr_error *collect_tasks(struct sched_debug *sd)
{
	struct vr_program *prog = sd->prog;
	struct kobj head = kobj_member(kobj_var(prog, "init_task"), "tasks");
	struct list_iter it, tit;
	struct kobj g, t;
	size_t cap = 0;
	struct vr_error *err = NULL;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	list_for_each_entry(&it, g, prog, kobj_addr(&head),
			    "struct task_struct", "tasks") {
		for_each_thread(&tit, t, g) {
			uint64_t cpu = task_cpu(t, &err);

			if (!err)
				err = thread_walk_bound(sd->nr_tasks);
			if (err)
				break;
			if (sd->nr_tasks == cap) {
				size_t ncap = cap ? cap * 2 : 512;
				struct sd_task *n = realloc(sd->tasks,
							    ncap * sizeof(*n));

				if (!n) {
					vr_error_destroy(tit.err);
					vr_error_destroy(it.err);
					return &vr_enomem;
				}
				sd->tasks = n;
				cap = ncap;
			}
			sd->tasks[sd->nr_tasks].addr = kobj_addr(&t);
			sd->tasks[sd->nr_tasks++].cpu = cpu;
		}
		if (!err && tit.err)
			err = vr_error_wrap(tit.err, "threads of task 0x%llx",
					    (unsigned long long)kobj_addr(&g));
		else
			vr_error_destroy(tit.err);
		if (err)
			break;
	}
	if (err) {
		vr_error_destroy(it.err);
		return err;
	}
	if (it.err)
		return vr_error_wrap(it.err, "walking init_task.tasks");
	return NULL;
}

/* sched_debug_header() */

static const char *const sched_tunable_scaling_names[] = {
	"none", "logarithmic", "linear",
};

/* "%-40s: %Ld\n" and the "  .%-40s" lines of the header. */
static void h_ll(struct sched_debug *sd, const char *indent, int width,
		 const char *label, long long v)
{
	strbuf_printf(sd->out, "%s%-*s: %lld\n", indent, width, label, v);
}

static void h_ns(struct sched_debug *sd, const char *indent, int width,
		 const char *label, int64_t v)
{
	struct split_ns s = split_ns(v);

	strbuf_printf(sd->out, "%s%-*s: %lld.%06lu\n", indent, width, label,
		      s.hi, s.lo);
}

/*
 * cpu_clk and sched_clk: local_clock() is what rq->clock is updated
 * from (sched_clock_cpu()), so the latest rq->clock of the online CPUs
 * is the dump's last reading of it.  With CONFIG_HAVE_UNSTABLE_SCHED_CLOCK
 * and a stable clock, local_clock() is sched_clock() plus
 * __sched_clock_offset; elsewhere the two are the same clock.
 */
static struct vr_error *dump_clocks(struct sched_debug *sd,
				    const struct cpumask_set *online,
				    uint64_t *cpu_clk, uint64_t *sched_clk,
				    bool *unstable_clock, bool *stable)
{
	struct vr_program *prog = sd->prog;
	struct vr_error *err = NULL;
	struct printk_record rec;
	struct printk_iter it;
	uint64_t last_ts = 0;
	unsigned int cpu;

	*cpu_clk = 0;
	for_each_cpu(cpu, online) {
		uint64_t c = kobj_member_u64(cpu_rq(prog, cpu), "clock", &err);

		if (err)
			return vr_error_wrap(err, "cpu_rq(%u)->clock", cpu);
		if (c > *cpu_clk)
			*cpu_clk = c;
	}
	/*
	 * printk stamps its records with local_clock() too: the last one
	 * (a log that cannot be read leaves the run queues' clocks).
	 */
	printk_for_each_record(&it, &rec, prog)
		last_ts = rec.ts_nsec;
	printk_iter_exit(&it);
	if (last_ts > *cpu_clk)
		*cpu_clk = last_ts;
	*sched_clk = *cpu_clk;
	*unstable_clock = kobj_has_symbol(prog, "__sched_clock_stable");
	*stable = false;
	if (!*unstable_clock)
		return NULL;
	*stable = key_enabled(prog, "__sched_clock_stable", &err);
	if (!err && *stable)
		*sched_clk -= sched_var_u64(prog, "__sched_clock_offset", &err);
	return err;
}

static struct vr_error *sched_debug_header(struct sched_debug *sd,
					   const struct cpumask_set *online)
{
	struct vr_program *prog = sd->prog;
	char release[NEW_UTS_LEN + 1], version[NEW_UTS_LEN + 1];
	uint64_t cpu_clk = 0, sched_clk = 0, jiffies = 0, scaling, features;
	uint64_t latency = 0, min_gran = 0, idle_min_gran = 0, wakeup_gran = 0;
	uint64_t child_first = 0, base_slice = 0;
	bool unstable_clock, stable, base = false;
	struct vr_error *err;
	int64_t ktime;

	err = init_utsname_field(prog, "release", release);
	if (!err)
		err = init_utsname_field(prog, "version", version);
	if (!err)
		err = ktime_get(prog, &ktime, NULL);
	if (!err)
		err = dump_clocks(sd, online, &cpu_clk, &sched_clk,
				  &unstable_clock, &stable);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "jiffies"), &jiffies);
	if (err)
		return err;
	/* v6.6: EEVDF replaced the latency and granularities by base_slice */
	if (kobj_has_symbol(prog, "sysctl_sched_base_slice")) {
		base = true;
		base_slice = sched_var_u64(prog,
					   "sysctl_sched_base_slice", &err);
	} else {
		latency = sched_var_u64(prog, "sysctl_sched_latency", &err);
		min_gran = sched_var_u64(prog,
					 "sysctl_sched_min_granularity", &err);
		/* v5.15+ */
		idle_min_gran = sched_var_u64(prog,
					      "sysctl_sched_idle_min_granularity", &err);
		wakeup_gran = sched_var_u64(prog,
					    "sysctl_sched_wakeup_granularity", &err);
		child_first = sched_var_u64(prog,
					    "sysctl_sched_child_runs_first", &err);
	}
	features = sched_var_u64(prog, "sysctl_sched_features", &err);
	scaling = sched_var_u64(prog, "sysctl_sched_tunable_scaling", &err);
	if (err)
		return err;

	strbuf_printf(sd->out, "Sched Debug Version: v0.11, %s %.*s\n",
		      release, (int)strcspn(version, " "), version);
	h_ns(sd, "", 40, "ktime", ktime);
	h_ns(sd, "", 40, "sched_clk", (int64_t)sched_clk);
	h_ns(sd, "", 40, "cpu_clk", (int64_t)cpu_clk);
	h_ll(sd, "", 40, "jiffies", (long long)jiffies);
	if (unstable_clock)
		h_ll(sd, "", 40, "sched_clock_stable()", stable);
	strbuf_puts(sd->out, "\nsysctl_sched\n");
	if (base) {
		h_ns(sd, "  .", 40, "sysctl_sched_base_slice", base_slice);
	} else {
		h_ns(sd, "  .", 40, "sysctl_sched_latency", latency);
		h_ns(sd, "  .", 40, "sysctl_sched_min_granularity", min_gran);
		h_ns(sd, "  .", 40, "sysctl_sched_idle_min_granularity",
		     idle_min_gran);
		h_ns(sd, "  .", 40, "sysctl_sched_wakeup_granularity",
		     wakeup_gran);
		h_ll(sd, "  .", 40, "sysctl_sched_child_runs_first",
		     (long long)child_first);
	}
	h_ll(sd, "  .", 40, "sysctl_sched_features", (long long)features);
	strbuf_printf(sd->out, "  .%-40s: %d (%s)\n",
		      "sysctl_sched_tunable_scaling", (int)scaling,
		      scaling < 3 ? sched_tunable_scaling_names[scaling] : "?");
	strbuf_putc(sd->out, '\n');
	return NULL;
}

/* Task groups */

/*
 * task_group_path(): "/autogroup-<id>" for an autogroup
 * (autogroup_path()), else the path of tg->css.cgroup (cgroup_path()).
 */
static struct vr_error *task_group_path(struct sched_debug *sd, uint64_t tg,
					struct strbuf *path)
{
	struct kobj g = kobj_at(sd->prog, "struct task_group", tg);
	struct vr_error *err = NULL;
	uint64_t ag = 0, cgrp;

	if (sd->autogroup)
		ag = kobj_member_u64(g, "autogroup", &err);
	if (!err && ag) {
		int64_t id = kobj_member_s64(kobj_at(sd->prog, "struct autogroup",
						     ag), "id", &err);

		if (!err)
			strbuf_printf(path, "/autogroup-%lld", (long long)id);
		return err;
	}
	cgrp = kobj_member_u64(g, "css.cgroup", &err);
	if (err)
		return err;
	return cgroup_path(sd->prog, cgrp, path);
}

/* print_cfs_rq() */

/* An rbtree's rightmost node (rb_last()), 0 for an empty tree. */
static struct vr_error *rb_last_node(struct vr_program *prog, uint64_t root,
				     uint64_t *ret)
{
	struct kobj n = kobj_at(prog, "struct rb_root", root);
	struct vr_error *err = NULL;
	uint64_t node = kobj_member_u64(n, "rb_node", &err);

	*ret = 0;
	for (unsigned int depth = 0; !err && node; depth++) {
		uint64_t right;

		if (depth > SD_RB_DEPTH_LIMIT)
			return vr_error_create(VR_ERR_LIMIT,
					       "rbtree at 0x%llx deeper than %u",
					       (unsigned long long)root,
					       SD_RB_DEPTH_LIMIT);
		*ret = node;
		right = kobj_member_u64(kobj_at(prog, "struct rb_node", node),
					"rb_right", &err);
		node = right;
	}
	return err;
}

/* scale_load_down() on 64-bit kernels. */
static uint64_t scale_load_down(uint64_t w)
{
	if (!w)
		return 0;
	w >>= SCHED_FIXEDPOINT_SHIFT;
	return w > 2 ? w : 2;
}

/*
 * What avg_vruntime() and entity_eligible() (v6.6+) add for the
 * cfs_rq's running entity: cfs_rq->avg_vruntime and avg_load with
 * curr's key and weight when curr is on the queue.
 */
struct cfs_avg {
	int64_t avg;		/* \Sum (v_i - zero) * w_i */
	int64_t load;		/* \Sum w_i */
	uint64_t zero;		/* min_vruntime, or zero_vruntime */
	bool curr;		/* curr is queued */
	uint64_t curr_vruntime;
};

static struct vr_error *cfs_avg_read(struct sched_debug *sd, uint64_t cfs_rq,
				     struct cfs_avg *a)
{
	struct kobj c = kobj_at(sd->prog, "struct cfs_rq", cfs_rq);
	struct vr_error *err = NULL;
	uint64_t curr;

	memset(a, 0, sizeof(*a));
	a->avg = kobj_member_s64(c, "avg_vruntime", &err);
	a->load = kobj_member_s64(c, "avg_load", &err);
	a->zero = kobj_member_u64(c, sd->zero_name, &err);
	curr = kobj_member_u64(c, "curr", &err);
	if (!err && curr) {
		struct kobj se = kobj_at(sd->prog, "struct sched_entity", curr);

		if (kobj_member_u64(se, "on_rq", &err)) {
			uint64_t w = scale_load_down(kobj_member_u64(se,
							"load.weight", &err));

			a->curr = true;
			a->curr_vruntime = kobj_member_u64(se, "vruntime", &err);
			a->avg += (int64_t)(a->curr_vruntime - a->zero) *
				  (int64_t)w;
			a->load += (int64_t)w;
		}
	}
	return err;
}

/*
 * avg_vruntime(), without the update of zero_vruntime it makes: the
 * load-weighted average, rounded down; with no load, curr's vruntime
 * (Debian's v6.12, upstream v6.19) or the zero.
 */
static int64_t avg_vruntime(const struct sched_debug *sd,
			    const struct cfs_avg *a)
{
	int64_t avg = a->avg;

	if (a->load) {
		if (avg < 0)
			avg -= a->load - 1;
		return (int64_t)a->zero + avg / a->load;
	}
	if (!strcmp(sd->zero_name, "zero_vruntime"))
		return (int64_t)(a->curr ? a->curr_vruntime : a->zero);
	return (int64_t)a->zero + avg;
}

/* vruntime_eligible() */
static bool vruntime_eligible(const struct cfs_avg *a, uint64_t vruntime)
{
	return a->avg >= (int64_t)(vruntime - a->zero) * a->load;
}

/* print_cfs_group_stats(): the entity of a task group on @cpu. */
static struct vr_error *print_cfs_group_stats(struct sched_debug *sd,
					      unsigned int cpu, uint64_t tg)
{
	static const char *const ns_stats[] = {
		"wait_start", "sleep_start", "block_start", "sleep_max",
		"block_max", "exec_max", "slice_max", "wait_max", "wait_sum",
	};
	struct vr_program *prog = sd->prog;
	struct kobj g = kobj_at(prog, "struct task_group", tg);
	struct vr_error *err = NULL;
	uint64_t se_addr = kobj_member_u64(kobj_index(kobj_member(g, "se"), cpu),
					   "", &err);
	int64_t v[5], st[ARRAY_SIZE(ns_stats) + 1];
	struct kobj se, stats;

	if (err || !se_addr)
		return err;
	se = kobj_at(prog, "struct sched_entity", se_addr);
	/* __schedstats_from_se() of a group entity */
	stats = kobj_at(prog, "struct sched_statistics",
			se_addr + sd->stats_off);
	v[0] = kobj_member_s64(se, "exec_start", &err);
	v[1] = kobj_member_s64(se, "vruntime", &err);
	v[2] = kobj_member_s64(se, "sum_exec_runtime", &err);
	v[3] = kobj_member_s64(se, "load.weight", &err);
	for (size_t i = 0; sd->schedstats && i < ARRAY_SIZE(ns_stats); i++)
		st[i] = kobj_member_s64(stats, ns_stats[i], &err);
	if (sd->schedstats)
		st[ARRAY_SIZE(ns_stats)] = kobj_member_s64(stats, "wait_count",
							   &err);
	if (sd->schedstats && !sd->stats_off && !err)
		err = vr_error_create(VR_ERR_NOT_FOUND,
				      "no struct sched_entity_stats");
	if (err)
		return err;

	p_ns(sd, "se->exec_start", v[0]);
	p_ns(sd, "se->vruntime", v[1]);
	p_ns(sd, "se->sum_exec_runtime", v[2]);
	for (size_t i = 0; sd->schedstats && i < ARRAY_SIZE(ns_stats); i++)
		p_ns(sd, ns_stats[i], st[i]);
	if (sd->schedstats)
		p_ll(sd, "wait_count", st[ARRAY_SIZE(ns_stats)]);
	p_ll(sd, "se->load.weight", v[3]);
	if (sd->smp) {
		v[0] = kobj_member_s64(se, "avg.load_avg", &err);
		v[1] = kobj_member_s64(se, "avg.util_avg", &err);
		v[2] = kobj_member_s64(se, "avg.runnable_avg", &err);
		if (err)
			return err;
		p_ll(sd, "se->avg.load_avg", v[0]);
		p_ll(sd, "se->avg.util_avg", v[1]);
		p_ll(sd, "se->avg.runnable_avg", v[2]);
	}
	return NULL;
}

/* The entity of an rb_node of a cfs_rq's tasks_timeline. */
static uint64_t node_se(struct sched_debug *sd, uint64_t node)
{
	uint64_t off = 0;

	if (!node || !kobj_offsetof(sd->prog, "struct sched_entity",
				    "run_node", &off))
		return 0;
	return node - off;
}

/* The lines print_cfs_rq() prints about the timeline, v6.1. */
static void cfs_timeline_v61(struct sched_debug *sd, struct kobj c,
			     uint64_t first, uint64_t last,
			     struct vr_error **err)
{
	struct vr_program *prog = sd->prog;
	int64_t min_vr = -1, max_vr = -1, minv, rq0, exec_clock;

	exec_clock = kobj_member_s64(c, "exec_clock", err);
	if (first)
		min_vr = kobj_member_s64(kobj_at(prog, "struct sched_entity",
						 first), "vruntime", err);
	if (last)
		max_vr = kobj_member_s64(kobj_at(prog, "struct sched_entity",
						 last), "vruntime", err);
	minv = kobj_member_s64(c, "min_vruntime", err);
	rq0 = kobj_member_s64(cpu_rq(prog, 0), "cfs.min_vruntime", err);
	if (*err)
		return;
	p_ns(sd, "exec_clock", exec_clock);
	p_ns(sd, "MIN_vruntime", min_vr);
	p_ns(sd, "min_vruntime", minv);
	p_ns(sd, "max_vruntime", max_vr);
	p_ns(sd, "spread", max_vr - min_vr);
	p_ns(sd, "spread0", minv - rq0);
	p_ll(sd, "nr_spread_over", (int)kobj_member_s64(c, "nr_spread_over",
							err));
}

/* The same, v6.6+ (EEVDF). */
static void cfs_timeline_eevdf(struct sched_debug *sd, struct kobj c,
			       uint64_t first, uint64_t last,
			       struct vr_error **err)
{
	struct vr_program *prog = sd->prog;
	int64_t left_vr = -1, right_vr = -1, left_dl = -1;
	uint64_t root_se;
	struct cfs_avg a;

	/* __pick_root_entity(): the tree's root holds the subtree minimum */
	root_se = node_se(sd, kobj_member_u64(c, "tasks_timeline.rb_root.rb_node",
					      err));
	if (root_se)
		left_vr = kobj_member_s64(kobj_at(prog, "struct sched_entity",
						  root_se), "min_vruntime", err);
	if (first)
		left_dl = kobj_member_s64(kobj_at(prog, "struct sched_entity",
						  first), "deadline", err);
	if (last)
		right_vr = kobj_member_s64(kobj_at(prog, "struct sched_entity",
						   last), "vruntime", err);
	if (!*err)
		*err = cfs_avg_read(sd, kobj_addr(&c), &a);
	if (*err)
		return;
	p_ns(sd, "left_deadline", left_dl);
	p_ns(sd, "left_vruntime", left_vr);
	p_ns(sd, sd->zero_name, (int64_t)a.zero);
	p_ns(sd, "avg_vruntime", avg_vruntime(sd, &a));
	p_ns(sd, "right_vruntime", right_vr);
	p_ns(sd, "spread", right_vr - left_vr);
}

static struct vr_error *print_cfs_rq(struct sched_debug *sd, unsigned int cpu,
				     uint64_t cfs_rq)
{
	/*
	 * The counts after nr_running, as the cfs_rq has them: v6.1
	 * h_nr_running; Debian's v6.12 (upstream v6.14) h_nr_runnable,
	 * h_nr_queued and h_nr_delayed.
	 */
	static const char *const counts[] = {
		"h_nr_running", "h_nr_runnable", "h_nr_queued", "h_nr_delayed",
		"idle_nr_running", "idle_h_nr_running",
	};
	struct vr_program *prog = sd->prog;
	struct kobj c = kobj_at(prog, "struct cfs_rq", cfs_rq);
	struct strbuf path = STRBUF_INIT;
	struct vr_error *err = NULL;
	uint64_t first, last = 0, tg = 0;
	size_t mark;

	strbuf_putc(sd->out, '\n');
	if (sd->fair_group) {
		tg = kobj_member_u64(c, "tg", &err);
		if (!err)
			err = task_group_path(sd, tg, &path);
		if (err)
			return err;
		strbuf_printf(sd->out, "cfs_rq[%u]:%s\n", cpu,
			      path.buf ? path.buf : "");
		strbuf_free(&path);
	} else {
		strbuf_printf(sd->out, "cfs_rq[%u]:\n", cpu);
	}
	mark = sd->out->len;
	first = node_se(sd, kobj_member_u64(c, "tasks_timeline.rb_leftmost",
					    &err));
	if (!err) {
		struct kobj t = kobj_member(c, "tasks_timeline.rb_root");

		err = kobj_ok(&t) ? rb_last_node(prog, kobj_addr(&t), &last) :
				    kobj_error(&t);
		last = node_se(sd, last);
	}
	if (!err) {
		if (sd->eevdf)
			cfs_timeline_eevdf(sd, c, first, last, &err);
		else
			cfs_timeline_v61(sd, c, first, last, &err);
	}
	p_ll(sd, "nr_running", (int)kobj_member_s64(c, "nr_running", &err));
	for (size_t i = 0; i < ARRAY_SIZE(counts); i++)
		if (kobj_has_member(prog, "struct cfs_rq", counts[i]))
			p_ll(sd, counts[i],
			     (int)kobj_member_s64(c, counts[i], &err));
	p_ll(sd, "load", kobj_member_s64(c, "load.weight", &err));
	if (sd->smp) {
		struct kobj ue = kobj_member(c, "avg.util_est");

		p_lu(sd, "load_avg", kobj_member_u64(c, "avg.load_avg", &err));
		p_lu(sd, "runnable_avg", kobj_member_u64(c, "avg.runnable_avg",
							 &err));
		p_lu(sd, "util_avg", kobj_member_u64(c, "avg.util_avg", &err));
		/* v6.7: util_est became one unsigned int, was a struct */
		if (kobj_ok(&ue) && vr_type_is_compound(ue.type))
			p_lu(sd, "util_est_enqueued",
			     (uint32_t)kobj_member_u64(ue, "enqueued", &err));
		else
			p_lu(sd, "util_est",
			     (uint32_t)kobj_member_u64(ue, "", &err));
		p_ll(sd, "removed.load_avg",
		     kobj_member_s64(c, "removed.load_avg", &err));
		p_ll(sd, "removed.util_avg",
		     kobj_member_s64(c, "removed.util_avg", &err));
		p_ll(sd, "removed.runnable_avg",
		     kobj_member_s64(c, "removed.runnable_avg", &err));
		if (sd->fair_group) {
			p_lu(sd, "tg_load_avg_contrib",
			     kobj_member_u64(c, "tg_load_avg_contrib", &err));
			p_ll(sd, "tg_load_avg",
			     kobj_member_s64(kobj_at(prog, "struct task_group",
						     tg), "load_avg", &err));
		}
	}
	if (sd->cfs_bandwidth) {
		p_ll(sd, "throttled", (int)kobj_member_s64(c, "throttled", &err));
		p_ll(sd, "throttle_count",
		     (int)kobj_member_s64(c, "throttle_count", &err));
	}
	if (!err && sd->fair_group)
		err = print_cfs_group_stats(sd, cpu, tg);
	if (err) {
		/* what was printed after a failed read holds zeros: drop it */
		sd->out->len = mark;
		sd->out->buf[mark] = '\0';
	}
	return err;
}

/* print_cfs_stats(): each cfs_rq on the CPU's leaf list (for_each_leaf_cfs_rq_safe()). */
static void print_cfs_stats(struct sched_debug *sd, unsigned int cpu)
{
	struct vr_program *prog = sd->prog;
	struct kobj rq = cpu_rq(prog, cpu);
	struct kobj head, c;
	struct list_iter it;
	unsigned long n = 0;
	char what[64];

	snprintf(what, sizeof(what), "cfs_rq[%u]", cpu);
	if (!sd->fair_group) {
		struct kobj cfs = kobj_member(rq, "cfs");
		struct vr_error *err = kobj_ok(&cfs) ?
			print_cfs_rq(sd, cpu, kobj_addr(&cfs)) : kobj_error(&cfs);

		if (err)
			note(sd, what, err);
		return;
	}
	head = kobj_member(rq, "leaf_cfs_rq_list");
	if (!kobj_ok(&head)) {
		note(sd, what, kobj_error(&head));
		return;
	}
	list_for_each_entry(&it, c, prog, kobj_addr(&head), "struct cfs_rq",
			    "leaf_cfs_rq_list") {
		struct vr_error *err;

		if (++n > SD_CFS_RQ_LIMIT) {
			note(sd, what, vr_error_create(VR_ERR_LIMIT,
				"more than %u leaf cfs_rqs", SD_CFS_RQ_LIMIT));
			break;
		}
		err = print_cfs_rq(sd, cpu, kobj_addr(&c));
		if (err)
			note(sd, what, err);
	}
	if (it.err)
		note(sd, what, vr_error_wrap(it.err, "leaf_cfs_rq_list"));
}

/* print_rt_rq() of rq->rt (for_each_rt_rq() without RT_GROUP_SCHED) */
static struct vr_error *print_rt_stats(struct sched_debug *sd, unsigned int cpu)
{
	struct kobj rt = kobj_member(cpu_rq(sd->prog, cpu), "rt");
	struct vr_error *err = NULL;
	uint64_t nr, migratory = 0, time = 0, runtime = 0;
	int64_t throttled = 0;
	/* v6.7 removed rt_nr_migratory; the rest is RT_GROUP_SCHED's (v6.12) */
	bool has_migr = kobj_has_member(sd->prog, "struct rt_rq",
					"rt_nr_migratory");
	bool has_thr = kobj_has_member(sd->prog, "struct rt_rq",
				       "rt_throttled");

	nr = kobj_member_u64(rt, "rt_nr_running", &err);
	if (has_migr)
		migratory = kobj_member_u64(rt, "rt_nr_migratory", &err);
	if (has_thr) {
		throttled = kobj_member_s64(rt, "rt_throttled", &err);
		time = kobj_member_u64(rt, "rt_time", &err);
		runtime = kobj_member_u64(rt, "rt_runtime", &err);
	}
	if (err)
		return err;
	/* RT_GROUP_SCHED prints the root group's path: not in Debian's configs */
	strbuf_printf(sd->out, sd->rt_group ? "\nrt_rq[%u]:/\n" : "\nrt_rq[%u]:\n",
		      cpu);
	p_lu(sd, "rt_nr_running", nr);
	if (has_migr && sd->smp)
		p_lu(sd, "rt_nr_migratory", migratory);
	if (has_thr) {
		p_ll(sd, "rt_throttled", throttled);
		p_ns(sd, "rt_time", (int64_t)time);
		p_ns(sd, "rt_runtime", (int64_t)runtime);
	}
	return NULL;
}

/* print_dl_rq() of rq->dl */
static struct vr_error *print_dl_stats(struct sched_debug *sd, unsigned int cpu)
{
	struct kobj rq = cpu_rq(sd->prog, cpu);
	struct vr_error *err = NULL;
	/* v6.7 removed dl_nr_migratory */
	bool has_migr = kobj_has_member(sd->prog, "struct dl_rq",
					"dl_nr_migratory");
	struct kobj bw = sd->smp ? kobj_member(rq, "rd->dl_bw") :
				   kobj_member(rq, "dl.dl_bw");
	uint64_t nr, migratory = 0;
	int64_t b, total;

	nr = kobj_member_u64(rq, "dl.dl_nr_running", &err);
	if (has_migr)
		migratory = kobj_member_u64(rq, "dl.dl_nr_migratory", &err);
	b = kobj_member_s64(bw, "bw", &err);
	total = kobj_member_s64(bw, "total_bw", &err);
	if (err)
		return err;
	strbuf_printf(sd->out, "\ndl_rq[%u]:\n", cpu);
	p_lu(sd, "dl_nr_running", nr);
	if (has_migr && sd->smp)
		p_lu(sd, "dl_nr_migratory", migratory);
	p_ll(sd, "dl_bw->bw", b);
	p_ll(sd, "dl_bw->total_bw", total);
	return NULL;
}

/* print_task() */

struct task_line {
	char state[3];
	char comm[TASK_COMM_LEN + 1];
	int64_t pid, prio, switches;
	int64_t vruntime, deadline, slice, sum_exec;
	int64_t wait_sum, sum_sleep, sum_block;
	bool eligible, custom_slice;
	int64_t node, numa_group;
	struct strbuf group;
};

static struct vr_error *read_task_line(struct sched_debug *sd, uint64_t addr,
				       uint64_t curr, unsigned int cpu,
				       struct task_line *l)
{
	struct vr_program *prog = sd->prog;
	struct kobj p = kobj_at(prog, "struct task_struct", addr);
	struct kobj se = kobj_member(p, "se");
	struct vr_error *err = NULL;

	if (addr == curr)
		strcpy(l->state, ">R");
	else
		snprintf(l->state, sizeof(l->state), " %c",
			 task_state_to_char(p));
	l->pid = kobj_member_s64(p, "pid", &err);
	l->prio = kobj_member_s64(p, "prio", &err);
	l->switches = (int64_t)(kobj_member_u64(p, "nvcsw", &err) +
				kobj_member_u64(p, "nivcsw", &err));
	l->vruntime = kobj_member_s64(se, "vruntime", &err);
	l->sum_exec = kobj_member_s64(se, "sum_exec_runtime", &err);
	/* schedstat_val_or_zero(): p->stats since v5.16 */
	if (sd->schedstats) {
		l->wait_sum = kobj_member_s64(p, "stats.wait_sum", &err);
		l->sum_sleep = kobj_member_s64(p, "stats.sum_sleep_runtime",
					       &err);
		l->sum_block = kobj_member_s64(p, "stats.sum_block_runtime",
					       &err);
	}
	if (sd->eevdf) {
		struct cfs_avg a;
		uint64_t cfs_rq;

		l->deadline = kobj_member_s64(se, "deadline", &err);
		l->slice = kobj_member_s64(se, "slice", &err);
		/* v6.12 */
		if (kobj_has_member(prog, "struct sched_entity", "custom_slice"))
			l->custom_slice = kobj_member_u64(se, "custom_slice",
							  &err);
		/* cfs_rq_of(): se->cfs_rq, else the CPU's root cfs_rq */
		if (sd->fair_group) {
			cfs_rq = kobj_member_u64(se, "cfs_rq", &err);
		} else {
			struct kobj c = kobj_member(cpu_rq(prog, cpu), "cfs");

			cfs_rq = kobj_addr(&c);
		}
		if (!err)
			err = cfs_avg_read(sd, cfs_rq, &a);
		if (!err)
			l->eligible = vruntime_eligible(&a, (uint64_t)l->vruntime);
	}
	if (sd->numa) {
		uint64_t ng = kobj_member_u64(p, "numa_group", &err);
		struct kobj node = kobj_var(prog, "numa_node");

		/* task_node(): cpu_to_node(task_cpu()), 0 without the per-CPU id */
		l->node = 0;
		if (kobj_ok(&node))
			l->node = kobj_member_s64(per_cpu(node, cpu), "", &err);
		l->numa_group = ng ? kobj_member_s64(kobj_at(prog,
							    "struct numa_group",
							    ng), "gid", &err) : 0;
	}
	if (!err)
		err = kobj_read_cstr(kobj_member(p, "comm"), l->comm,
				     sizeof(l->comm));
	if (!err && sd->cgroup_sched) {
		uint64_t tg = kobj_member_u64(p, "sched_task_group", &err);

		if (!err)
			err = task_group_path(sd, tg, &l->group);
	}
	return err;
}

static void print_task_line(struct sched_debug *sd, const struct task_line *l)
{
	struct split_ns vr = split_ns(l->vruntime), dl = split_ns(l->deadline);
	struct split_ns sl = split_ns(l->slice), ex = split_ns(l->sum_exec);
	struct split_ns ws = split_ns(l->wait_sum), ss = split_ns(l->sum_sleep);
	struct split_ns sb = split_ns(l->sum_block);
	struct strbuf *out = sd->out;

	strbuf_puts(out, l->state);
	if (sd->eevdf) {
		strbuf_printf(out, " %15s %5d %9lld.%06lu   %c   %9lld.%06lu %c "
			      "%9lld.%06lu %9lld.%06lu %9lld   %5d ",
			      l->comm, (int)l->pid, vr.hi, vr.lo,
			      l->eligible ? 'E' : 'N', dl.hi, dl.lo,
			      l->custom_slice ? 'S' : ' ', sl.hi, sl.lo,
			      ex.hi, ex.lo, (long long)l->switches,
			      (int)l->prio);
		strbuf_printf(out, "%9lld.%06lu %9lld.%06lu %9lld.%06lu",
			      ws.hi, ws.lo, ss.hi, ss.lo, sb.hi, sb.lo);
		if (sd->numa)
			strbuf_printf(out, "   %d      %d", (int)l->node,
				      (int)l->numa_group);
		if (sd->cgroup_sched)
			strbuf_printf(out, "        %s",
				      l->group.buf ? l->group.buf : "");
	} else {
		strbuf_printf(out, " %15s %5d %9lld.%06lu %9lld %5d ",
			      l->comm, (int)l->pid, vr.hi, vr.lo,
			      (long long)l->switches, (int)l->prio);
		strbuf_printf(out, "%9lld.%06lu %9lld.%06lu %9lld.%06lu "
			      "%9lld.%06lu", ws.hi, ws.lo, ex.hi, ex.lo,
			      ss.hi, ss.lo, sb.hi, sb.lo);
		if (sd->numa)
			strbuf_printf(out, " %d %d", (int)l->node,
				      (int)l->numa_group);
		if (sd->cgroup_sched)
			strbuf_printf(out, " %s",
				      l->group.buf ? l->group.buf : "");
	}
	strbuf_putc(out, '\n');
}

/* print_rq(): the threads whose task_cpu() is @cpu. */
static void print_rq(struct sched_debug *sd, unsigned int cpu, uint64_t curr)
{
	struct strbuf *out = sd->out;
	unsigned int failed = 0;
	struct vr_error *first = NULL;

	strbuf_puts(out, "\nrunnable tasks:\n");
	if (sd->eevdf) {
		strbuf_printf(out, " S            task   PID       vruntime   "
			      "eligible    deadline             slice          "
			      "sum-exec      switches  prio         wait-time    "
			      "    sum-sleep       sum-block%s%s\n",
			      sd->numa ? "  node   group-id" : "",
			      sd->cgroup_sched ? "  group-path" : "");
		for (int i = 0; i < 3 * 54 + 1; i++)
			strbuf_putc(out, '-');
		if (sd->numa)
			strbuf_puts(out, "--------------");
		if (sd->cgroup_sched)
			strbuf_puts(out, "--------------");
		strbuf_putc(out, '\n');
	} else {
		strbuf_puts(out, " S            task   PID         tree-key  "
			    "switches  prio     wait-time             sum-exec  "
			    "      sum-sleep\n");
		for (int i = 0; i < 2 * 54 + 1; i++)
			strbuf_putc(out, '-');
		strbuf_putc(out, '\n');
	}
	for (size_t i = 0; i < sd->nr_tasks; i++) {
		struct task_line l;
		struct vr_error *err;

		if (sd->tasks[i].cpu != cpu)
			continue;
		memset(&l, 0, sizeof(l));
		err = read_task_line(sd, sd->tasks[i].addr, curr, cpu, &l);
		if (err) {
			if (!failed++)
				first = vr_error_wrap(err, "task 0x%llx",
						      (unsigned long long)sd->tasks[i].addr);
			else
				vr_error_destroy(err);
		} else {
			print_task_line(sd, &l);
		}
		strbuf_free(&l.group);
	}
	if (failed) {
		char what[128];

		snprintf(what, sizeof(what),
			 "runnable tasks of cpu#%u: %u left out, the first", cpu,
			 failed);
		note(sd, what, first);
	}
}

/* print_cpu(): the rq's counters, its class run queues and its tasks. */
static struct vr_error *print_cpu(struct sched_debug *sd, unsigned int cpu)
{
	static const char *const stats[] = {
		"yld_count", "sched_count", "sched_goidle", "ttwu_count",
		"ttwu_local",
	};
	struct vr_program *prog = sd->prog;
	struct kobj rq = cpu_rq(prog, cpu);
	struct kobj nu = kobj_member(rq, "nr_uninterruptible");
	struct vr_error *err = NULL;
	uint64_t nr_running, nr_switches, nr_unint, next_balance, curr;
	uint64_t clock, clock_task, avg_idle = 0, max_cost = 0, khz = 0;
	int64_t st[ARRAY_SIZE(stats)], curr_pid;
	char what[32];

	if (sd->x86)
		khz = sched_var_u64(prog, "cpu_khz", &err);
	nr_running = kobj_member_u64(rq, "nr_running", &err);
	nr_switches = kobj_member_u64(rq, "nr_switches", &err);
	nr_unint = kobj_member_u64(nu, "", &err);
	next_balance = kobj_member_u64(rq, "next_balance", &err);
	curr = kobj_member_u64(rq, "curr", &err);
	curr_pid = kobj_member_s64(kobj_at(prog, "struct task_struct", curr),
				   "pid", &err);
	clock = kobj_member_u64(rq, "clock", &err);
	clock_task = kobj_member_u64(rq, "clock_task", &err);
	if (sd->smp) {
		avg_idle = kobj_member_u64(rq, "avg_idle", &err);
		max_cost = kobj_member_u64(rq, "max_idle_balance_cost", &err);
	}
	for (size_t i = 0; sd->schedstats && i < ARRAY_SIZE(stats); i++)
		st[i] = kobj_member_s64(rq, stats[i], &err);
	if (err)
		return err;

	if (sd->x86) {
		unsigned int freq = khz ? (unsigned int)khz : 1;

		strbuf_printf(sd->out, "cpu#%u, %u.%03u MHz\n", cpu,
			      freq / 1000, freq % 1000);
	} else {
		strbuf_printf(sd->out, "cpu#%u\n", cpu);
	}
	/* P(): 4-byte members as (long) (v6.1) or (int) (v6.12), others %Ld */
	p_ll(sd, "nr_running", (int)nr_running);
	p_ll(sd, "nr_switches", (long long)nr_switches);
	if (kobj_ok(&nu) && vr_type_sizeof(nu.type) == 4 &&
	    !vr_type_unqualified(nu.type)->is_signed && !sd->eevdf)
		p_ll(sd, "nr_uninterruptible", (uint32_t)nr_unint);
	else if (kobj_ok(&nu) && vr_type_sizeof(nu.type) == 4)
		p_ll(sd, "nr_uninterruptible", (int32_t)nr_unint);
	else
		p_ll(sd, "nr_uninterruptible", (long long)nr_unint);
	p_ns(sd, "next_balance", (int64_t)next_balance);
	p_ll(sd, "curr->pid", curr_pid);
	p_ns(sd, "clock", (int64_t)clock);
	p_ns(sd, "clock_task", (int64_t)clock_task);
	if (sd->smp) {
		p_ll(sd, "avg_idle", (long long)avg_idle);
		p_ll(sd, "max_idle_balance_cost", (long long)max_cost);
	}
	for (size_t i = 0; sd->schedstats && i < ARRAY_SIZE(stats); i++)
		p_ll(sd, stats[i], (int)st[i]);

	print_cfs_stats(sd, cpu);
	err = print_rt_stats(sd, cpu);
	if (err) {
		snprintf(what, sizeof(what), "rt_rq[%u]", cpu);
		note(sd, what, err);
	}
	err = print_dl_stats(sd, cpu);
	if (err) {
		snprintf(what, sizeof(what), "dl_rq[%u]", cpu);
		note(sd, what, err);
	}
	print_rq(sd, cpu, curr);
	strbuf_putc(sd->out, '\n');
	return NULL;
}

static struct vr_error *emit_sched_debug(struct emit_ctx *ctx)
{
	struct sched_debug sd = { .prog = ctx->prog, .out = &ctx->out };
	struct cpumask_set online;
	struct vr_error *err;
	unsigned int cpu;

	err = cpu_online_mask(ctx->prog, &online);
	if (!err)
		err = sd_init(&sd);
	if (!err)
		err = collect_tasks(&sd);
	if (!err)
		err = sched_debug_header(&sd, &online);
	for_each_cpu(cpu, &online) {
		struct vr_error *e;
		char what[32];

		if (err)
			break;
		e = print_cpu(&sd, cpu);
		if (e) {
			snprintf(what, sizeof(what), "cpu#%u", cpu);
			note(&sd, what, e);
		}
	}
	if (!err && sd.notes.len)
		strbuf_puts(&ctx->out, sd.notes.buf);
	strbuf_free(&sd.notes);
	free(sd.tasks);
	return err;
}

static const struct emitter sched_debug = {
	.path = "sys/kernel/debug/sched/debug",
	.emit = emit_sched_debug,
};
EMITTER(sched_debug);
