// SPDX-License-Identifier: GPL-2.0-or-later
/* HZ and jiffies conversions: see vr/jiffies.h. */
#include "vr/jiffies.h"
#include "vr/task_info.h"

struct vr_error *kernel_hz(struct vr_program *prog, unsigned int *hz)
{
	static const unsigned int choices[] = { 100, 250, 300, 1000 };
	struct vr_error *err = NULL;
	uint64_t usec = kobj_member_u64(kobj_var(prog, "tick_usec"), "", &err);
	uint64_t nsec = kobj_member_u64(kobj_var(prog, "tick_nsec"), "", &err);
	double est, best = 0;

	if (err)
		return err;
	if (!nsec || !usec)
		return vr_error_create(VR_ERR_CORRUPT, "tick_nsec is 0");
	/* USER_HZ is 100 on every architecture we read. */
	est = (double)usec * 1000.0 * USER_HZ / (double)nsec;
	for (size_t i = 0; i < sizeof(choices) / sizeof(choices[0]); i++) {
		double d = est > choices[i] ? est - choices[i] : choices[i] - est;

		if (i == 0 || d < best) {
			best = d;
			*hz = choices[i];
		}
	}
	if (best > *hz * 0.01)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "HZ of %.1f is none of 100, 250, 300, 1000",
				       est);
	return NULL;
}

unsigned int jiffies_to_msecs(uint64_t j, unsigned int hz)
{
	return (unsigned int)((j * 1000 + hz - 1) / hz);
}
