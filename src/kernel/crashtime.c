// SPDX-License-Identifier: GPL-2.0-or-later
/* When did it crash? */
#include "vr/kernel.h"
#include "vr/stat.h"

/*
 * 9999-12-31T23:59:59Z, the last second of a four-digit year: what the
 * report's name and its dates can show (gmtime_r() fails far past it).
 * A time from the dump outside 0..this is garbage, not a time.
 */
#define CRASH_TIME_MAX 253402300799LL

static bool crash_time_ok(int64_t t)
{
	return t >= 0 && t <= CRASH_TIME_MAX;
}

struct vr_error *crash_time(struct vr_program *prog, int64_t *ret,
			    const char **source)
{
	int64_t t;
	uint64_t sec;
	struct vr_error *err;

	/* Written by crash_save_vmcoreinfo() on a kexec crash (v3.x+). */
	if (prog->vmcoreinfo &&
	    vr_vmcoreinfo_dec(prog->vmcoreinfo, "CRASHTIME", &t) &&
	    crash_time_ok(t)) {
		*ret = t;
		*source = "VMCOREINFO CRASHTIME";
		return NULL;
	}
	/*
	 * No crash kexec (a hypervisor dump of a live guest), or a garbage
	 * CRASHTIME: the timekeeper's wall-clock seconds at the time of the
	 * dump.  tk_core is a static in kernel/time/timekeeping.c (v3.17+).
	 */
	err = kobj_read_u64(kobj_member(tk_core_timekeeper(prog), "xtime_sec"),
			    &sec);
	if (!err && sec <= (uint64_t)CRASH_TIME_MAX) {
		*ret = (int64_t)sec;
		*source = "timekeeper";
		return NULL;
	}
	if (!err)
		err = vr_error_create(VR_ERR_CORRUPT,
				      "timekeeper seconds %llu: past year 9999",
				      (unsigned long long)sec);
	if (prog->dinfo->timestamp && crash_time_ok(prog->dinfo->timestamp)) {
		vr_error_destroy(err);
		*ret = prog->dinfo->timestamp;
		*source = "dump header";
		return NULL;
	}
	return err;
}
