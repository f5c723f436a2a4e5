/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the process listings (sos_commands/process/ps_auxwww in procps'
 * format, sos_commands/kernel/ps in crash's) need beyond vr/task_info.h:
 * every task including the idle ones, what each CPU runs, the name of a
 * controlling tty, the clock and the sizes the tools divide by.
 */
#ifndef VR_PS_H
#define VR_PS_H

#include <stdint.h>

#include "vr/object.h"

/* cpu_curr(cpu): rq->curr of @cpu's runqueue. */
uint64_t cpu_curr(struct vr_program *prog, unsigned int cpu,
		  struct vr_error **err);
/* idle_task(cpu): rq->idle of @cpu's runqueue (0 if never set up). */
uint64_t idle_task(struct vr_program *prog, unsigned int cpu,
		   struct vr_error **err);

/*
 * The addresses of every task: each thread of every process
 * (init_task.tasks, then each group's threads) and the idle task of each
 * possible CPU that has one, sorted by address, each once.
 */
struct vr_error *for_each_task_addrs(struct vr_program *prog,
				     uint64_t **addrs, size_t *count);

/*
 * The name of @task's controlling tty as /dev names it, what procps
 * prints in TTY ("ttyS0", "pts/0"): tty->name, with the devpts slaves
 * ("pts0" in the kernel) under pts/.  "" when the task has none.
 */
struct vr_error *task_tty_name(struct kobj task, char *buf, size_t size);

/*
 * What /proc/sys/kernel/pid_max prints, without the newline ("32768",
 * "4194304"): procps sizes its PID columns by its length.
 */
struct vr_error *pid_max_text(struct vr_program *prog, char *buf,
			      size_t size);

/*
 * The dump's clock as /proc shows it: the boot time in seconds since the
 * epoch (/proc/stat btime) and the uptime in hundredths of a second
 * (/proc/uptime's first field).
 */
struct vr_error *boot_clock(struct vr_program *prog, int64_t *btime,
			    uint64_t *uptime_cs);

#endif
