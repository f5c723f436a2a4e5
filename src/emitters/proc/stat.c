// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/stat: fs/proc/stat.c show_stat(): CPU times (sum over possible
 * CPUs, then each online CPU) in USER_HZ ticks, the interrupt total and
 * per-IRQ counts, context switches, boot time, forks, running and
 * blocked tasks, and the softirq counts.
 */
#include <stdio.h>

#include "vr/emitter.h"
#include "vr/irq.h"
#include "vr/stat.h"
#include "vr/util.h"

/* The ten times of a "cpu" line, as show_stat() gathers them. */
static struct vr_error *cpu_times(const struct kstat_snapshot *snap,
				  unsigned int cpu, uint64_t t[NR_CPUTIME])
{
	uint64_t cpustat[NR_CPUTIME];
	struct vr_error *err = kcpustat_cpu_fetch(snap->prog, cpu, cpustat);

	if (err)
		return err;
	for (int i = 0; i < NR_CPUTIME; i++)
		t[i] = cpustat[i];
	err = get_idle_time(snap, cpustat, cpu, &t[CPUTIME_IDLE]);
	if (!err)
		err = get_iowait_time(snap, cpustat, cpu, &t[CPUTIME_IOWAIT]);
	return err;
}

static void put_cpu_line(struct strbuf *out, const char *label,
			 const uint64_t t[NR_CPUTIME])
{
	/* The kernel's print order differs from enum cpu_usage_stat's. */
	static const int order[] = {
		CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE,
		CPUTIME_IOWAIT, CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL,
		CPUTIME_GUEST, CPUTIME_GUEST_NICE,
	};

	strbuf_puts(out, label);
	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++)
		strbuf_printf(out, "%s%llu", i ? " " : "",
			      (unsigned long long)nsec_to_clock_t(t[order[i]]));
	strbuf_putc(out, '\n');
}

/* show_all_irqs(): kstat_irqs_usr() of every IRQ below nr_irqs. */
static struct vr_error *show_all_irqs(const struct kstat_snapshot *snap,
				      struct strbuf *out)
{
	struct vr_program *prog = snap->prog;
	uint64_t nr_irqs;
	struct vr_error *err = irq_get_nr_irqs(prog, &nr_irqs);

	if (err)
		return err;
	if (nr_irqs > (1U << 20))
		return vr_error_create(VR_ERR_CORRUPT, "nr_irqs is %llu",
				       (unsigned long long)nr_irqs);
	for (uint64_t irq = 0; irq < nr_irqs; irq++) {
		uint64_t desc, v = 0;

		err = irq_to_desc(prog, irq, &desc);
		if (!err && desc)
			err = kstat_irqs_desc(kobj_at(prog, "struct irq_desc",
						      desc),
					      &snap->possible, &v);
		if (err)
			return vr_error_wrap(err, "irq %llu",
					     (unsigned long long)irq);
		strbuf_printf(out, " %u", (unsigned int)v);
	}
	return NULL;
}

static struct vr_error *emit_stat(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct strbuf *out = &ctx->out;
	struct kstat_snapshot snap;
	uint64_t total[NR_CPUTIME] = { 0 }, t[NR_CPUTIME];
	uint64_t sum = 0, sum_softirq = 0, v;
	uint32_t per_softirq_sums[64] = { 0 };
	uint64_t ctxt, forks, running, blocked;
	unsigned int cpu, nr_soft;
	int64_t btime;
	struct vr_error *err;

	err = kstat_snapshot_init(prog, &snap);
	if (!err)
		err = nr_softirqs(prog, &nr_soft);
	if (!err)
		err = getboottime64(prog, &btime);
	if (err)
		return err;
	for_each_cpu(cpu, &snap.possible) {
		err = cpu_times(&snap, cpu, t);
		if (!err)
			err = kstat_cpu_irqs_sum(prog, cpu, &v);
		if (err)
			return err;
		for (int i = 0; i < NR_CPUTIME; i++)
			total[i] += t[i];
		sum += v;
		err = arch_irq_stat_cpu(prog, cpu, &v);
		if (err)
			return err;
		sum += v;
		for (unsigned int j = 0; j < nr_soft; j++) {
			err = kstat_softirqs_cpu(prog, j, cpu, &v);
			if (err)
				return err;
			per_softirq_sums[j] += (uint32_t)v;
			sum_softirq += (uint32_t)v;
		}
	}
	err = arch_irq_stat(prog, &v);
	if (err)
		return err;
	sum += v;

	put_cpu_line(out, "cpu  ", total);
	for_each_cpu(cpu, &snap.online) {
		char label[24];

		err = cpu_times(&snap, cpu, t);
		if (err)
			return err;
		snprintf(label, sizeof(label), "cpu%u ", cpu);
		put_cpu_line(out, label, t);
	}
	strbuf_printf(out, "intr %llu", (unsigned long long)sum);
	err = show_all_irqs(&snap, out);
	if (!err)
		err = nr_context_switches(&snap, &ctxt);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "total_forks"), &forks);
	if (!err)
		err = nr_running(&snap, &running);
	if (!err)
		err = nr_iowait(&snap, &blocked);
	if (err)
		return err;
	strbuf_printf(out, "\nctxt %llu\nbtime %llu\nprocesses %lu\n"
		      "procs_running %u\nprocs_blocked %u\n",
		      (unsigned long long)ctxt, (unsigned long long)btime,
		      (unsigned long)forks, (unsigned int)running,
		      (unsigned int)blocked);
	strbuf_printf(out, "softirq %llu", (unsigned long long)sum_softirq);
	for (unsigned int j = 0; j < nr_soft; j++)
		strbuf_printf(out, " %u", per_softirq_sums[j]);
	strbuf_putc(out, '\n');
	return NULL;
}

static const struct emitter proc_stat = {
	.path = "proc/stat",
	.emit = emit_stat,
};
EMITTER(proc_stat);
