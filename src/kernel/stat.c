// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel statistics: IRQ and softirq counts, CPU times, run-queue
 * counters and the clock at the dump (see vr/stat.h).
 */
#include <elf.h>
#include <string.h>

#include "vr/stat.h"
#include "vr/util.h"

/* Add o.member to *sum; a member missing from this build adds nothing. */
static struct vr_error *add_member(struct kobj o, const char *member,
				   uint64_t *sum)
{
	struct kobj m;
	uint64_t v;
	struct vr_error *err;

	if (!kobj_ok(&o))
		return kobj_error(&o);
	m = kobj_member(o, member);
	if (m.err == VR_ERR_NOT_FOUND)
		return NULL;
	err = kobj_read_u64(m, &v);
	if (!err)
		*sum += v;
	return err;
}

/* ---- the clock at the dump ---- */

/*
 * The timekeeper: tk_core.timekeeper since v3.17, a static `timekeeper`
 * before.  tk_core is an anonymous struct { seq; timekeeper; } up to
 * v6.12 and a struct tk_data since v6.13: a type source without variable
 * types (BTF) can name the latter; for the former the timekeeper follows
 * the seqcount_raw_spinlock_t, aligned as the struct timekeeper's u64s.
 */
struct kobj tk_core_timekeeper(struct vr_program *prog)
{
	struct kobj tk;
	uint64_t addr, seq;
	struct vr_error *err;

	if (!kobj_has_symbol(prog, "tk_core"))
		return kobj_var(prog, "timekeeper");
	/* DWARF knows tk_core's anonymous type. */
	if (!vr_debuginfo_btf(prog->dbg))
		return kobj_member(kobj_var(prog, "tk_core"), "timekeeper");
	err = vr_program_symbol(prog, "tk_core", &addr);
	if (err) {
		vr_error_destroy(err);
		return kobj_var(prog, "tk_core");
	}
	tk = kobj_member(kobj_at(prog, "struct tk_data", addr), "timekeeper");
	if (kobj_ok(&tk))
		return tk;
	seq = kobj_sizeof(prog, "seqcount_raw_spinlock_t");
	if (!seq)
		return tk;
	return kobj_at(prog, "struct timekeeper", (addr + seq + 7) & ~7ULL);
}

struct tk_read {
	uint64_t mask, cycle_last, xtime_nsec;
	int64_t base;
	uint32_t mult, shift;
};

static struct vr_error *read_tkr_mono(struct vr_program *prog,
				      struct tk_read *r)
{
	/* struct tk_read_base tkr_mono, v4.2+. */
	struct kobj tkr = kobj_member(tk_core_timekeeper(prog), "tkr_mono");
	uint64_t mult, shift;
	struct vr_error *err;

	err = kobj_read_u64(kobj_member(tkr, "mask"), &r->mask);
	if (!err)
		err = kobj_read_u64(kobj_member(tkr, "cycle_last"),
				    &r->cycle_last);
	if (!err)
		err = kobj_read_u64(kobj_member(tkr, "xtime_nsec"),
				    &r->xtime_nsec);
	if (!err)
		err = kobj_read_s64(kobj_member(tkr, "base"), &r->base);
	if (!err)
		err = kobj_read_u64(kobj_member(tkr, "mult"), &mult);
	if (!err)
		err = kobj_read_u64(kobj_member(tkr, "shift"), &shift);
	if (err)
		return err;
	r->mult = (uint32_t)mult;
	r->shift = (uint32_t)shift & 63;
	return NULL;
}

/* timekeeping_get_ns() + base: CLOCK_MONOTONIC at clocksource @cycles. */
static int64_t tk_mono_at(const struct tk_read *r, uint64_t cycles)
{
	unsigned __int128 ns = (unsigned __int128)((cycles - r->cycle_last) &
						   r->mask) * r->mult;

	ns += r->xtime_nsec;
	/* ktime_add(): wraps (the kernel builds with -fno-strict-overflow). */
	return (int64_t)((uint64_t)r->base + (uint64_t)(ns >> r->shift));
}

/*
 * s390 struct s390_idle_data: the TOD clock at idle entry, and (v6.1, gone
 * by v6.12) at the exit of an idle period not yet accounted.
 */
static struct vr_error *read_idle_stamps(struct kobj idle, uint64_t *enter,
					 uint64_t *exit_)
{
	struct kobj e = kobj_member(idle, "clock_idle_exit");
	struct vr_error *err;

	*exit_ = 0;
	err = kobj_read_u64(kobj_member(idle, "clock_idle_enter"), enter);
	if (!err && e.err != VR_ERR_NOT_FOUND)
		err = kobj_read_u64(e, exit_);
	return err;
}

/* An hour in s390 TOD clock units (2^12 per microsecond). */
#define TOD_HOUR (3600ULL * 1000000 << 12)

struct vr_error *ktime_get(struct vr_program *prog, int64_t *ret,
			   uint64_t *now_tod)
{
	struct kobj ts = kobj_var(prog, "tick_cpu_sched");
	struct kobj s390_idle = kobj_var(prog, "s390_idle");
	struct cpumask_set possible;
	struct tk_read r;
	uint64_t cycles;
	unsigned int cpu;
	int64_t now;
	struct vr_error *err = read_tkr_mono(prog, &r);

	if (!err)
		err = cpu_possible_mask(prog, &possible);
	if (err)
		return err;
	cycles = r.cycle_last;
	/*
	 * s390 (arch/s390/kernel/idle.c): the TOD clock is the clocksource,
	 * and each CPU stamps it on entering (and v6.1 on leaving) idle.
	 */
	if (kobj_ok(&s390_idle)) {
		for_each_cpu(cpu, &possible) {
			struct kobj idle = per_cpu(s390_idle, cpu);
			uint64_t enter = 0, exit_ = 0;

			err = read_idle_stamps(idle, &enter, &exit_);
			if (err)
				return err;
			/* 0: not idle; a stamp far ahead would be garbage. */
			if (enter > cycles && enter - r.cycle_last < TOD_HOUR)
				cycles = enter;
			if (exit_ > cycles && exit_ - r.cycle_last < TOD_HOUR)
				cycles = exit_;
		}
	}
	now = tk_mono_at(&r, cycles);
	/*
	 * NO_HZ (kernel/time/tick-sched.c): a CPU entering idle records
	 * ktime_get() in idle_entrytime, which can be later than the
	 * timekeeper's last update.
	 */
	if (kobj_ok(&ts)) {
		for_each_cpu(cpu, &possible) {
			int64_t entry;

			err = kobj_read_s64(kobj_member(per_cpu(ts, cpu),
							"idle_entrytime"),
					    &entry);
			if (err)
				return err;
			if (entry > now)
				now = entry;
		}
	}
	*ret = now;
	if (now_tod)
		*now_tod = cycles;
	return NULL;
}

struct vr_error *ktime_get_boottime(struct vr_program *prog, int64_t now,
				    int64_t *ret)
{
	int64_t offs_boot;
	/* offs_boot since v3.8 (total_sleep_time before). */
	struct vr_error *err = kobj_read_s64(kobj_member(tk_core_timekeeper(prog),
							 "offs_boot"),
					     &offs_boot);

	if (!err && __builtin_add_overflow(now, offs_boot, ret))
		err = vr_error_create(VR_ERR_CORRUPT,
				      "timekeeper offs_boot %lld out of range",
				      (long long)offs_boot);
	return err;
}

struct vr_error *getboottime64(struct vr_program *prog, int64_t *sec)
{
	struct kobj tk = tk_core_timekeeper(prog);
	int64_t offs_real, offs_boot, t;
	struct vr_error *err;

	err = kobj_read_s64(kobj_member(tk, "offs_real"), &offs_real);
	if (!err)
		err = kobj_read_s64(kobj_member(tk, "offs_boot"), &offs_boot);
	if (err)
		return err;
	/* ktime_to_timespec64(offs_real - offs_boot).tv_sec: rounded down */
	if (__builtin_sub_overflow(offs_real, offs_boot, &t))
		return vr_error_create(VR_ERR_CORRUPT,
				       "timekeeper offsets %lld and %lld out of range",
				       (long long)offs_real, (long long)offs_boot);
	*sec = t / (int64_t)NSEC_PER_SEC - (t % (int64_t)NSEC_PER_SEC < 0);
	return NULL;
}

struct vr_error *kstat_snapshot_init(struct vr_program *prog,
				     struct kstat_snapshot *snap)
{
	struct vr_error *err;

	memset(snap, 0, sizeof(*snap));
	snap->prog = prog;
	err = cpu_online_mask(prog, &snap->online);
	if (!err)
		err = cpu_possible_mask(prog, &snap->possible);
	if (!err)
		err = ktime_get(prog, &snap->now, &snap->now_tod);
	return err;
}

/* ---- CPU times ---- */

static const char *const cputime_names[NR_CPUTIME] = {
	[CPUTIME_USER] = "CPUTIME_USER",
	[CPUTIME_NICE] = "CPUTIME_NICE",
	[CPUTIME_SYSTEM] = "CPUTIME_SYSTEM",
	[CPUTIME_SOFTIRQ] = "CPUTIME_SOFTIRQ",
	[CPUTIME_IRQ] = "CPUTIME_IRQ",
	[CPUTIME_IDLE] = "CPUTIME_IDLE",
	[CPUTIME_IOWAIT] = "CPUTIME_IOWAIT",
	[CPUTIME_STEAL] = "CPUTIME_STEAL",
	[CPUTIME_GUEST] = "CPUTIME_GUEST",
	[CPUTIME_GUEST_NICE] = "CPUTIME_GUEST_NICE",
};

/*
 * With CONFIG_VIRT_CPU_ACCOUNTING_GEN, kcpustat_cpu_fetch() adds the
 * running task's pending time on nohz_full CPUs (vtime); on the others,
 * and on every CPU without nohz_full=, it is a plain copy, as here.
 */
struct vr_error *kcpustat_cpu_fetch(struct vr_program *prog, unsigned int cpu,
				    uint64_t cpustat[NR_CPUTIME])
{
	struct kobj arr = kobj_member(per_cpu(kobj_var(prog, "kernel_cpustat"),
					      cpu), "cpustat");
	const struct vr_type *e = NULL;
	struct vr_error *err;

	if (!kobj_ok(&arr))
		return kobj_error(&arr);
	err = vr_debuginfo_find_type(prog->dbg, "enum cpu_usage_stat", &e);
	vr_error_destroy(err);
	for (int i = 0; i < NR_CPUTIME; i++) {
		int64_t idx = i;

		if (e && !vr_type_enum_value(e, cputime_names[i], &idx))
			return vr_error_create(VR_ERR_NOT_FOUND, "no %s",
					       cputime_names[i]);
		err = kobj_read_u64(kobj_index(arr, (uint64_t)idx), &cpustat[i]);
		if (err)
			return err;
	}
	return NULL;
}

static struct vr_error *tick_nohz_active(struct vr_program *prog, bool *ret)
{
	uint64_t v;
	struct kobj o = kobj_var(prog, "tick_nohz_active");
	struct vr_error *err;

	/* !CONFIG_NO_HZ_COMMON: no idle accounting in tick_sched. */
	if (o.err == VR_ERR_NOT_FOUND) {
		*ret = false;
		return NULL;
	}
	err = kobj_read_u64(o, &v);
	if (!err)
		*ret = v != 0;
	return err;
}

/* ts->idle_active: a bitfield before v6.9, TS_FLAG_IDLE_ACTIVE after. */
static struct vr_error *ts_idle_active(struct kobj ts, bool *ret)
{
	uint64_t v;
	struct kobj o = kobj_member(ts, "idle_active");
	struct vr_error *err;

	if (o.err == VR_ERR_NOT_FOUND) {
		err = kobj_read_u64(kobj_member(ts, "flags"), &v);
		if (!err)
			*ret = v & (1U << 2);	/* TS_FLAG_IDLE_ACTIVE */
		return err;
	}
	err = kobj_read_u64(o, &v);
	if (!err)
		*ret = v != 0;
	return err;
}

/*
 * get_cpu_idle_time_us() / get_cpu_iowait_time_us() in ns: the sleep
 * time accounted so far, plus the time since the CPU went idle if it
 * still is and @compute_delta.  Sets *valid to false if !NO_HZ.
 */
static struct vr_error *get_cpu_sleep_time(const struct kstat_snapshot *snap,
					   unsigned int cpu,
					   const char *sleeptime,
					   bool compute_delta, bool *valid,
					   uint64_t *ret)
{
	struct vr_program *prog = snap->prog;
	struct kobj ts;
	int64_t sleep, entry;
	bool active = false, nohz;
	struct vr_error *err = tick_nohz_active(prog, &nohz);

	*valid = false;
	if (err || !nohz)
		return err;
	ts = per_cpu(kobj_var(prog, "tick_cpu_sched"), cpu);
	err = kobj_read_s64(kobj_member(ts, sleeptime), &sleep);
	if (!err)
		err = ts_idle_active(ts, &active);
	if (!err && active && compute_delta)
		err = kobj_read_s64(kobj_member(ts, "idle_entrytime"), &entry);
	if (err)
		return err;
	/* ktime_add(ktime_sub()): wrapping, as in the kernel. */
	if (active && compute_delta && snap->now > entry)
		sleep = (int64_t)((uint64_t)sleep +
				  ((uint64_t)snap->now - (uint64_t)entry));
	/* ktime_to_us(), then * NSEC_PER_USEC in fs/proc/stat.c */
	*ret = (uint64_t)(sleep / 1000) * 1000;
	*valid = true;
	return NULL;
}

/*
 * s390 kernels with arch_idle_time() (v6.1; gone by v6.12):
 * arch/s390/kernel/idle.c arch_cpu_idle_time(), the TOD time of the idle
 * period in progress.
 */
static struct vr_error *arch_cpu_idle_time(const struct kstat_snapshot *snap,
					   unsigned int cpu, uint64_t *ret)
{
	struct kobj idle = per_cpu(kobj_var(snap->prog, "s390_idle"), cpu);
	uint64_t enter, exit_, in_idle = 0;
	struct vr_error *err;

	err = read_idle_stamps(idle, &enter, &exit_);
	if (err)
		return err;
	if (enter) {
		if (exit_)
			in_idle = exit_ - enter;
		else if (snap->now_tod > enter)
			in_idle = snap->now_tod - enter;
	}
	/* cputime_to_nsecs(): TOD units are 2^-12 microseconds. */
	*ret = (uint64_t)(((unsigned __int128)in_idle * 1000) >> 12);
	return NULL;
}

static bool has_arch_idle_time(struct vr_program *prog)
{
	return kobj_has_symbol(prog, "arch_cpu_idle_time");
}

static struct vr_error *sleep_time(const struct kstat_snapshot *snap,
				   const uint64_t cpustat[NR_CPUTIME],
				   unsigned int cpu, bool iowait, uint64_t *ret)
{
	struct vr_program *prog = snap->prog;
	bool online = cpumask_test_cpu(cpu, &snap->online);
	uint64_t base = cpustat[iowait ? CPUTIME_IOWAIT : CPUTIME_IDLE];
	uint64_t nr_io = 0, t;
	bool valid = false;
	struct vr_error *err;

	if (online)
		err = nr_iowait_cpu(prog, cpu, &nr_io);
	else
		err = NULL;
	if (err)
		return err;
	if (has_arch_idle_time(prog)) {
		*ret = base;
		if (online && (iowait ? nr_io != 0 : nr_io == 0)) {
			err = arch_cpu_idle_time(snap, cpu, &t);
			if (err)
				return err;
			*ret += t;
		}
		return NULL;
	}
	if (online) {
		err = get_cpu_sleep_time(snap, cpu,
					 iowait ? "iowait_sleeptime" :
						  "idle_sleeptime",
					 iowait ? nr_io != 0 : nr_io == 0,
					 &valid, &t);
		if (err)
			return err;
	}
	/* !NO_HZ or CPU offline: cpustat has it. */
	*ret = valid ? t : base;
	return NULL;
}

struct vr_error *get_idle_time(const struct kstat_snapshot *snap,
			       const uint64_t cpustat[NR_CPUTIME],
			       unsigned int cpu, uint64_t *ret)
{
	return sleep_time(snap, cpustat, cpu, false, ret);
}

struct vr_error *get_iowait_time(const struct kstat_snapshot *snap,
				 const uint64_t cpustat[NR_CPUTIME],
				 unsigned int cpu, uint64_t *ret)
{
	return sleep_time(snap, cpustat, cpu, true, ret);
}

/* ---- run queues ---- */

struct kobj cpu_rq(struct vr_program *prog, unsigned int cpu)
{
	return per_cpu(kobj_var(prog, "runqueues"), cpu);
}

struct vr_error *nr_running(const struct kstat_snapshot *snap, uint64_t *ret)
{
	unsigned int cpu;
	uint32_t sum = 0;	/* unsigned int in the kernel */

	for_each_cpu(cpu, &snap->online) {
		uint64_t v;
		struct vr_error *err = kobj_read_u64(kobj_member(cpu_rq(snap->prog, cpu),
								 "nr_running"), &v);

		if (err)
			return err;
		sum += (uint32_t)v;
	}
	*ret = sum;
	return NULL;
}

struct vr_error *nr_context_switches(const struct kstat_snapshot *snap,
				     uint64_t *ret)
{
	unsigned int cpu;
	uint64_t sum = 0;

	for_each_cpu(cpu, &snap->possible) {
		uint64_t v;
		struct vr_error *err = kobj_read_u64(kobj_member(cpu_rq(snap->prog, cpu),
								 "nr_switches"), &v);

		if (err)
			return err;
		sum += v;
	}
	*ret = sum;
	return NULL;
}

struct vr_error *nr_iowait_cpu(struct vr_program *prog, unsigned int cpu,
			       uint64_t *ret)
{
	int64_t v;
	/* atomic_t nr_iowait */
	struct vr_error *err = kobj_read_s64(kobj_member(cpu_rq(prog, cpu),
							 "nr_iowait.counter"),
					     &v);

	if (!err)
		*ret = (uint32_t)v;
	return err;
}

struct vr_error *nr_iowait(const struct kstat_snapshot *snap, uint64_t *ret)
{
	unsigned int cpu;
	uint32_t sum = 0;

	for_each_cpu(cpu, &snap->possible) {
		uint64_t v;
		struct vr_error *err = nr_iowait_cpu(snap->prog, cpu, &v);

		if (err)
			return err;
		sum += (uint32_t)v;
	}
	*ret = sum;
	return NULL;
}

/* ---- softirqs ---- */

struct vr_error *nr_softirqs(struct vr_program *prog, unsigned int *ret)
{
	/* const char * const softirq_to_name[NR_SOFTIRQS] */
	struct kobj names = kobj_var(prog, "softirq_to_name");
	const struct vr_type *t;

	if (!kobj_ok(&names))
		return kobj_error(&names);
	t = vr_type_unqualified(names.type);
	if (t->kind != VR_TYPE_ARRAY || t->incomplete || !t->length ||
	    t->length > 64)
		return vr_error_create(VR_ERR_TYPE,
				       "softirq_to_name is not an array");
	*ret = (unsigned int)t->length;
	return NULL;
}

struct vr_error *softirq_to_name(struct vr_program *prog, unsigned int nr,
				 char *buf, size_t size)
{
	return kobj_read_cstr(kobj_index(kobj_var(prog, "softirq_to_name"), nr),
			      buf, size);
}

struct vr_error *kstat_softirqs_cpu(struct vr_program *prog, unsigned int irq,
				    unsigned int cpu, uint64_t *ret)
{
	return kobj_read_u64(kobj_index(kobj_member(per_cpu(kobj_var(prog, "kstat"),
							    cpu), "softirqs"),
					irq), ret);
}

struct vr_error *kstat_cpu_irqs_sum(struct vr_program *prog, unsigned int cpu,
				    uint64_t *ret)
{
	return kobj_read_u64(kobj_member(per_cpu(kobj_var(prog, "kstat"), cpu),
					 "irqs_sum"), ret);
}

/* ---- IRQ descriptors ---- */

struct vr_error *irq_desc_kstat_cpu(struct kobj desc, unsigned int cpu,
				    uint64_t *ret)
{
	struct kobj kstat = kobj_member(desc, "kstat_irqs");
	const struct vr_type *t;
	uint64_t ptr;
	struct kobj cnt;
	struct vr_error *err = kobj_read_u64(kstat, &ptr);

	if (err)
		return err;
	if (!ptr) {
		*ret = 0;
		return NULL;
	}
	cnt = per_cpu_ptr(kstat, cpu);
	t = vr_type_unqualified(cnt.type);
	/* struct irqstat { cnt, ref } since v6.10. */
	if (kobj_ok(&cnt) && vr_type_is_compound(t))
		cnt = kobj_member(cnt, "cnt");
	return kobj_read_u64(cnt, ret);
}

struct vr_error *kstat_irqs_desc(struct kobj desc,
				 const struct cpumask_set *possible,
				 uint64_t *ret)
{
	uint64_t ptr, settings, istate, v;
	uint32_t sum = 0;	/* unsigned int in the kernel */
	unsigned int cpu;
	struct kobj tot;
	struct vr_error *err;

	err = kobj_read_u64(kobj_member(desc, "kstat_irqs"), &ptr);
	if (err)
		return err;
	*ret = 0;
	if (!ptr)
		return NULL;
	err = kobj_read_u64(kobj_member(desc, "status_use_accessors"),
			    &settings);
	/* desc->istate is a #define of this member. */
	if (!err)
		err = kobj_read_u64(kobj_member(desc,
						 "core_internal_state__do_not_mess_with_it"),
				    &istate);
	if (err)
		return err;
	/* desc->tot_count since v5.2 for lines counted in one place. */
	tot = kobj_member(desc, "tot_count");
	if (!(settings & (_IRQ_PER_CPU(desc.prog) |
			  _IRQ_PER_CPU_DEVID(desc.prog))) &&
	    !(istate & IRQS_NMI(desc.prog)) && tot.err != VR_ERR_NOT_FOUND)
		return kobj_read_u64(tot, ret);
	for_each_cpu(cpu, possible) {
		err = irq_desc_kstat_cpu(desc, cpu, &v);
		if (err)
			return err;
		sum += (uint32_t)v;
	}
	*ret = sum;
	return NULL;
}

/* ---- architecture counts ---- */

/* arch/x86/kernel/irq.c arch_irq_stat_cpu() (v6.12; v5.x-v6.1 alike). */
static struct vr_error *x86_irq_stat_cpu(struct vr_program *prog,
					 unsigned int cpu, uint64_t *ret)
{
	static const char *const counted[] = {
		"__nmi_count",
		/* CONFIG_X86_LOCAL_APIC */
		"apic_timer_irqs", "irq_spurious_count", "apic_perf_irqs",
		"apic_irq_work_irqs", "icr_read_retry_count",
		/* CONFIG_SMP */
		"irq_resched_count", "irq_call_count",
		"irq_thermal_count",	/* CONFIG_X86_THERMAL_VECTOR */
		"irq_threshold_count",	/* CONFIG_X86_MCE_THRESHOLD */
		"irq_hv_callback_count",	/* CONFIG_X86_HV_CALLBACK_VECTOR */
		"irq_hv_reenlightenment_count",	/* CONFIG_HYPERV */
		"hyperv_stimer0_count",
	};
	struct kobj stats = per_cpu(kobj_var(prog, "irq_stat"), cpu);
	struct kobj mce_exc = kobj_var(prog, "mce_exception_count");
	struct kobj mce_poll = kobj_var(prog, "mce_poll_count");
	uint64_t sum = 0, plt = 0;
	struct vr_error *err = NULL;

	for (size_t i = 0; !err && i < ARRAY_SIZE(counted); i++)
		err = add_member(stats, counted[i], &sum);
	/* Platform IPIs count only with a callback (UV, Hyper-V). */
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "x86_platform_ipi_callback"),
				    &plt);
	if (!err && plt)
		err = add_member(stats, "x86_platform_ipis", &sum);
	/* CONFIG_X86_MCE */
	if (!err && kobj_ok(&mce_exc)) {
		uint64_t a = 0, b = 0;

		err = kobj_read_u64(per_cpu(mce_exc, cpu), &a);
		if (!err && kobj_ok(&mce_poll))
			err = kobj_read_u64(per_cpu(mce_poll, cpu), &b);
		sum += a + b;
	}
	if (!err)
		*ret = sum;
	return err;
}

/*
 * ppc cpu_has_feature(): the static key cpu_feature_keys[] it tests
 * (CONFIG_JUMP_LABEL_FEATURE_CHECKS), else cur_cpu_spec->cpu_features.
 */
bool cpu_has_feature(struct vr_program *prog, uint64_t feature)
{
	struct kobj keys = kobj_var(prog, "cpu_feature_keys");
	uint64_t v = 0;
	struct vr_error *err;

	if (kobj_ok(&keys)) {
		int bit = __builtin_ctzll(feature);

		err = kobj_read_u64(kobj_member(kobj_index(keys, (uint64_t)bit),
						"key.enabled.counter"), &v);
		vr_error_destroy(err);
		return !err && (int64_t)(int32_t)v > 0;
	}
	err = kobj_read_u64(kobj_member(kobj_var(prog, "cur_cpu_spec"),
					"cpu_features"), &v);
	vr_error_destroy(err);
	return !err && (v & feature);
}

/* arch/powerpc/kernel/irq.c arch_irq_stat_cpu(). */
static struct vr_error *ppc_irq_stat_cpu(struct vr_program *prog,
					 unsigned int cpu, uint64_t *ret)
{
	static const char *const counted[] = {
		"timer_irqs_event", "broadcast_irqs_event", "pmu_irqs",
		"mce_exceptions", "spurious_irqs", "timer_irqs_others",
		"sreset_irqs",
		"soft_nmi_irqs",	/* CONFIG_PPC_WATCHDOG */
		"doorbell_irqs",	/* CONFIG_PPC_DOORBELL */
	};
	struct kobj stats = per_cpu(kobj_var(prog, "irq_stat"), cpu);
	struct kobj paca = kobj_var(prog, "paca_ptrs");
	uint64_t sum = 0;
	struct vr_error *err = NULL;

	for (size_t i = 0; !err && i < ARRAY_SIZE(counted); i++)
		err = add_member(stats, counted[i], &sum);
	/* CONFIG_PPC_BOOK3S_64: paca_ptrs[cpu]->hmi_irqs */
	if (!err && kobj_ok(&paca))
		err = add_member(kobj_deref(kobj_index(paca, cpu)), "hmi_irqs",
				 &sum);
	if (!err)
		*ret = sum;
	return err;
}

struct vr_error *arch_irq_stat_cpu(struct vr_program *prog, unsigned int cpu,
				   uint64_t *ret)
{
	switch (prog->arch->e_machine) {
	case EM_X86_64:
		return x86_irq_stat_cpu(prog, cpu, ret);
	case EM_PPC64:
		return ppc_irq_stat_cpu(prog, cpu, ret);
	default:
		*ret = 0;
		return NULL;
	}
}

struct vr_error *arch_irq_stat(struct vr_program *prog, uint64_t *ret)
{
	int64_t v;
	struct vr_error *err;

	*ret = 0;
	if (prog->arch->e_machine != EM_X86_64)
		return NULL;
	/* atomic_t irq_err_count */
	err = kobj_read_s64(kobj_member(kobj_var(prog, "irq_err_count"),
					"counter"), &v);
	if (!err)
		*ret = (uint32_t)v;
	return err;
}

void print_days_hms(struct strbuf *out, uint64_t s)
{
	if (s >= 86400)
		strbuf_printf(out, "%llu days, ", (unsigned long long)(s / 86400));
	strbuf_printf(out, "%02llu:%02llu:%02llu",
		      (unsigned long long)(s / 3600 % 24),
		      (unsigned long long)(s / 60 % 60),
		      (unsigned long long)(s % 60));
}
