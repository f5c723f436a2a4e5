// SPDX-License-Identifier: GPL-2.0-or-later
/* When did it crash? */
#include "vr/kernel.h"
#include "vr/stat.h"

struct vr_error *crash_time(struct vr_program *prog, int64_t *ret,
			    const char **source)
{
	int64_t t;
	uint64_t sec;
	struct vr_error *err;

	/* Written by crash_save_vmcoreinfo() on a kexec crash (v3.x+). */
	if (prog->vmcoreinfo &&
	    vr_vmcoreinfo_dec(prog->vmcoreinfo, "CRASHTIME", &t)) {
		*ret = t;
		*source = "VMCOREINFO CRASHTIME";
		return NULL;
	}
	/*
	 * No crash kexec (a hypervisor dump of a live guest): the
	 * timekeeper's wall-clock seconds at the time of the dump.
	 * tk_core is a static in kernel/time/timekeeping.c (v3.17+).
	 */
	err = kobj_read_u64(kobj_member(tk_core_timekeeper(prog), "xtime_sec"),
			    &sec);
	if (!err) {
		*ret = (int64_t)sec;
		*source = "timekeeper";
		return NULL;
	}
	if (prog->dinfo->timestamp) {
		vr_error_destroy(err);
		*ret = prog->dinfo->timestamp;
		*source = "dump header";
		return NULL;
	}
	return err;
}
