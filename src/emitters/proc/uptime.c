// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/uptime: fs/proc/uptime.c uptime_proc_show(): CLOCK_BOOTTIME and
 * the idle time of all possible CPUs, in seconds with two decimals.  The
 * dump's "now" is the latest time the kernel recorded (see vr/stat.h).
 */
#include "vr/emitter.h"
#include "vr/stat.h"

static struct vr_error *emit_uptime(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kstat_snapshot snap;
	uint64_t idle_nsec = 0;
	int64_t uptime;
	unsigned int cpu;
	struct vr_error *err = kstat_snapshot_init(prog, &snap);

	if (err)
		return err;
	for_each_cpu(cpu, &snap.possible) {
		uint64_t cpustat[NR_CPUTIME], idle;

		err = kcpustat_cpu_fetch(prog, cpu, cpustat);
		if (!err)
			err = get_idle_time(&snap, cpustat, cpu, &idle);
		if (err)
			return err;
		idle_nsec += idle;
	}
	err = ktime_get_boottime(prog, snap.now, &uptime);
	if (err)
		return err;
	if (uptime < 0)
		uptime = 0;
	strbuf_printf(&ctx->out, "%lu.%02lu %lu.%02lu\n",
		      (unsigned long)((uint64_t)uptime / NSEC_PER_SEC),
		      (unsigned long)((uint64_t)uptime % NSEC_PER_SEC /
				      (NSEC_PER_SEC / 100)),
		      (unsigned long)(idle_nsec / NSEC_PER_SEC),
		      (unsigned long)(idle_nsec % NSEC_PER_SEC /
				      (NSEC_PER_SEC / 100)));
	return NULL;
}

static const struct emitter proc_uptime = {
	.path = "proc/uptime",
	.emit = emit_uptime,
};
EMITTER(proc_uptime);
