// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Task states as /proc reports them: include/linux/sched.h
 * __task_state_index() and fs/proc/array.c task_state_array[].
 */
#include "vr/kernel.h"

/* include/linux/sched.h, stable since v4.14 (TASK_RTLOCK_WAIT v5.15,
 * TASK_FROZEN v6.1: unused bits before). */
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_REPORT		0x007f
#define TASK_NOLOAD		0x0400
#define TASK_IDLE		(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_RTLOCK_WAIT	0x1000
#define TASK_FROZEN		0x8000
#define TASK_REPORT_IDLE	0x0080

static const char *const task_state_array[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
	"t (tracing stop)", "X (dead)", "Z (zombie)", "P (parked)",
	"I (idle)",
};

static unsigned int fls(uint64_t x)
{
	unsigned int r = 0;

	while (x) {
		r++;
		x >>= 1;
	}
	return r;
}

struct vr_error *task_state_index(struct kobj task, unsigned int *index)
{
	uint64_t state, exit_state, report;
	/* task_struct.state became __state in v5.14. */
	struct kobj s = kobj_member(task, "__state");
	struct vr_error *err;

	if (s.err == VR_ERR_NOT_FOUND)
		s = kobj_member(task, "state");
	err = kobj_read_u64(s, &state);
	if (!err)
		err = kobj_read_u64(kobj_member(task, "exit_state"), &exit_state);
	if (err)
		return err;
	report = (state | exit_state) & TASK_REPORT;
	if ((state & TASK_IDLE) == TASK_IDLE)
		report = TASK_REPORT_IDLE;
	if ((state & TASK_RTLOCK_WAIT) || (state & TASK_FROZEN))
		report = TASK_UNINTERRUPTIBLE;
	*index = fls(report);
	return NULL;
}

const char *task_state_name(unsigned int index)
{
	if (index >= sizeof(task_state_array) / sizeof(task_state_array[0]))
		return "? (unknown)";
	return task_state_array[index];
}

char task_state_to_char(struct kobj task)
{
	unsigned int index;
	struct vr_error *err = task_state_index(task, &index);

	if (err) {
		vr_error_destroy(err);
		return '?';
	}
	return task_state_name(index)[0];
}
