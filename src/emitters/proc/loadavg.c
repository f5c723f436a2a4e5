// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/loadavg: fs/proc/loadavg.c loadavg_proc_show(): the load
 * averages (avenrun[], fixed point), running/total threads and the last
 * pid allocated in the initial pid namespace.
 */
#include <string.h>

#include "vr/emitter.h"
#include "vr/stat.h"

/* include/linux/sched/loadavg.h */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

static struct vr_error *emit_loadavg(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj avenrun = kobj_var(prog, "avenrun");
	struct kstat_snapshot snap;
	unsigned long avnrun[3];
	uint64_t running, v;
	int64_t threads, cursor;
	struct vr_error *err;

	/* Only the online CPUs are needed, not the clock. */
	memset(&snap, 0, sizeof(snap));
	snap.prog = prog;
	err = cpu_online_mask(prog, &snap.online);
	for (int i = 0; !err && i < 3; i++) {
		err = kobj_read_u64(kobj_index(avenrun, i), &v);
		/* get_avenrun(avnrun, FIXED_1/200, 0): rounds to 0.01 */
		avnrun[i] = (unsigned long)v + FIXED_1 / 200;
	}
	if (!err)
		err = nr_running(&snap, &running);
	if (!err)
		err = kobj_read_s64(kobj_var(prog, "nr_threads"), &threads);
	/*
	 * idr_get_cursor(&task_active_pid_ns(current)->idr) - 1: the reader
	 * is taken to be in the initial namespace.  idr_next since v4.15.
	 */
	if (!err)
		err = kobj_read_s64(kobj_member(kobj_var(prog, "init_pid_ns"),
						"idr.idr_next"), &cursor);
	if (err)
		return err;
	strbuf_printf(&ctx->out, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n",
		      LOAD_INT(avnrun[0]), LOAD_FRAC(avnrun[0]),
		      LOAD_INT(avnrun[1]), LOAD_FRAC(avnrun[1]),
		      LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]),
		      (unsigned int)running, (int)threads,
		      (int)((uint32_t)cursor - 1));
	return NULL;
}

static const struct emitter proc_loadavg = {
	.path = "proc/loadavg",
	.emit = emit_loadavg,
};
EMITTER(proc_loadavg);
