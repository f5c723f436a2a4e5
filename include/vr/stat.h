/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel statistics, named as in the kernel: IRQ and softirq counts
 * (include/linux/kernel_stat.h, kernel/irq/irqdesc.c), CPU times
 * (kernel_cpustat, fs/proc/stat.c), the run queues' counters
 * (kernel/sched/core.c) and the clock at the time of the dump
 * (kernel/time/timekeeping.c, tick-sched.c).
 *
 * A dump has no "now": the clock read here is the latest time the dumped
 * kernel itself recorded (the timekeeper's last update, a later idle
 * entry of some CPU), so times that grow while a CPU idles (idle time,
 * uptime) can be a little short of what the live kernel would have said
 * at the instant of the dump, never ahead of it.
 */
#ifndef VR_STAT_H
#define VR_STAT_H

#include "vr/object.h"
#include "vr/percpu.h"

/*
 * enum cpu_usage_stat, in its order since v2.6.37 (the dump's own
 * enumerator values are looked up by name).
 */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_CPUTIME,		/* the ones /proc/stat prints */
};

#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC 1000000000ULL
#endif

/*
 * USER_HZ: 100 on every architecture we read (alpha has 1024), and
 * nsec_to_clock_t(): nanoseconds to USER_HZ ticks.  vr/task_info.h has
 * its own copy: include it before this header (or let it use this one).
 */
#ifndef USER_HZ
#define USER_HZ 100
static inline uint64_t nsec_to_clock_t(uint64_t ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}
#endif

/*
 * What the CPU-time readers share: the CPU masks and the clock at the
 * dump, read once.
 */
struct kstat_snapshot {
	struct vr_program *prog;
	struct cpumask_set online;
	struct cpumask_set possible;
	int64_t now;		/* ktime_get() at the dump, ns */
	uint64_t now_tod;	/* s390 v6.1: the TOD clock at the dump */
};

struct vr_error *kstat_snapshot_init(struct vr_program *prog,
				     struct kstat_snapshot *snap);

/*
 * ktime_get() at the dump (CLOCK_MONOTONIC, ns): the timekeeper's
 * monotonic time at its last update, or a later idle entry of a CPU.
 * @now_tod (may be NULL) gets the clocksource's cycles at that time.
 */
struct vr_error *ktime_get(struct vr_program *prog, int64_t *ret,
			   uint64_t *now_tod);
/* ktime_get_boottime(): @now plus the timekeeper's offs_boot. */
struct vr_error *ktime_get_boottime(struct vr_program *prog, int64_t now,
				    int64_t *ret);
/* getboottime64(): the wall-clock time of the boot, in seconds. */
struct vr_error *getboottime64(struct vr_program *prog, int64_t *sec);

/* kcpustat_cpu_fetch(): kernel_cpustat.cpustat[] of @cpu, in ns. */
struct vr_error *kcpustat_cpu_fetch(struct vr_program *prog, unsigned int cpu,
				    uint64_t cpustat[NR_CPUTIME]);
/*
 * get_idle_time() and get_iowait_time() of fs/proc/stat.c: the NO_HZ
 * idle accounting of an online CPU (tick_sched), else cpustat[].
 */
struct vr_error *get_idle_time(const struct kstat_snapshot *snap,
			       const uint64_t cpustat[NR_CPUTIME],
			       unsigned int cpu, uint64_t *ret);
struct vr_error *get_iowait_time(const struct kstat_snapshot *snap,
				 const uint64_t cpustat[NR_CPUTIME],
				 unsigned int cpu, uint64_t *ret);

/* The run queues (kernel/sched/core.c). */
/* crash's convert_time(): "[N days, ]HH:MM:SS" of @s seconds. */
void print_days_hms(struct strbuf *out, uint64_t s);
/* tk_core.timekeeper (the static `timekeeper` before v3.17). */
struct kobj tk_core_timekeeper(struct vr_program *prog);
struct kobj cpu_rq(struct vr_program *prog, unsigned int cpu);
struct vr_error *nr_running(const struct kstat_snapshot *snap, uint64_t *ret);
struct vr_error *nr_context_switches(const struct kstat_snapshot *snap,
				     uint64_t *ret);
struct vr_error *nr_iowait_cpu(struct vr_program *prog, unsigned int cpu,
			       uint64_t *ret);
struct vr_error *nr_iowait(const struct kstat_snapshot *snap, uint64_t *ret);

/* Softirqs: NR_SOFTIRQS (from softirq_to_name[]) and their names. */
struct vr_error *nr_softirqs(struct vr_program *prog, unsigned int *ret);
struct vr_error *softirq_to_name(struct vr_program *prog, unsigned int nr,
				 char *buf, size_t size);
/* kstat_softirqs_cpu(), kstat_cpu_irqs_sum(): per_cpu(kstat, cpu). */
struct vr_error *kstat_softirqs_cpu(struct vr_program *prog, unsigned int irq,
				    unsigned int cpu, uint64_t *ret);
struct vr_error *kstat_cpu_irqs_sum(struct vr_program *prog, unsigned int cpu,
				    uint64_t *ret);

/*
 * irq_desc_kstat_cpu(): the count of the struct irq_desc @desc on @cpu
 * (desc->kstat_irqs: unsigned int per CPU, a struct irqstat since v6.10);
 * 0 for a descriptor without counts.
 */
struct vr_error *irq_desc_kstat_cpu(struct kobj desc, unsigned int cpu,
				    uint64_t *ret);
/*
 * kstat_irqs() as /proc/stat uses it: desc->tot_count, or for per-CPU
 * and NMI lines the sum over the possible CPUs.
 */
struct vr_error *kstat_irqs_desc(struct kobj desc,
				 const struct cpumask_set *possible,
				 uint64_t *ret);

/*
 * arch_irq_stat_cpu() and arch_irq_stat(): the architecture's own
 * interrupt counts that /proc/stat adds to its "intr" total (x86_64 and
 * ppc64; 0 elsewhere).
 */
struct vr_error *arch_irq_stat_cpu(struct vr_program *prog, unsigned int cpu,
				   uint64_t *ret);
struct vr_error *arch_irq_stat(struct vr_program *prog, uint64_t *ret);

/*
 * ppc64 cpu_has_feature(CPU_FTR_*): the static key cpu_feature_keys[]
 * that the kernel tests, else cur_cpu_spec->cpu_features.
 */
bool cpu_has_feature(struct vr_program *prog, uint64_t feature);
#define CPU_FTR_DBELL		0x00000004ULL
#define CPU_FTR_HVMODE		0x00002000ULL

/*
 * IRQ flag bits are enumerators of anonymous enums, read from the vmlinux
 * (kobj_constant); the values in brackets are the ones of v5.11 to 6.12,
 * used only if a vmlinux lacks the enumerator.
 * irq_desc->status_use_accessors (include/linux/irq.h, irq/settings.h):
 */
#define _IRQ_PER_CPU(prog)	kobj_constant_or(prog, "_IRQ_PER_CPU", 1U << 9)
#define _IRQ_PER_CPU_DEVID(prog) kobj_constant_or(prog, "_IRQ_PER_CPU_DEVID", 1U << 17)
#define _IRQ_HIDDEN(prog)	kobj_constant_or(prog, "_IRQ_HIDDEN", 1U << 20)
/* irq_desc->istate (kernel/irq/internals.h), v5.1+. */
#define IRQS_NMI(prog)		kobj_constant_or(prog, "IRQS_NMI", 0x2000)
/* irq_common_data.state_use_accessors (include/linux/irq.h). */
#define IRQD_LEVEL(prog)	kobj_constant_or(prog, "IRQD_LEVEL", 1U << 13)

#endif
