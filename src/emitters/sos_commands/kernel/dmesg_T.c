// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/dmesg_-T: the kernel log as `dmesg -T` prints it,
 * "[Sat Nov 28 06:51:25 2026] text" per line, in UTC.
 *
 * util-linux's dmesg -T adds a record's timestamp to the boot time
 * (CLOCK_REALTIME - CLOCK_BOOTTIME, plus the time spent suspended since
 * v2.39), i.e. CLOCK_REALTIME - CLOCK_MONOTONIC: the timekeeper's
 * offs_real in the dump.  It works in microseconds and truncates to the
 * second; strftime("%a %b %e %H:%M:%S %Y") in the C locale.  As dmesg
 * -T, it is off when printk's clock drifted from the monotonic clock.
 * Records of several lines get the prefix on each line, as in
 * sos_commands/kernel/dmesg.
 */
#include <stdio.h>
#include <time.h>

#include "vr/emitter.h"
#include "vr/printk.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

static void ctime_prefix(char *buf, size_t size, int64_t sec)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	time_t t = (time_t)sec;
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, size, "[] ");
		return;
	}
	snprintf(buf, size, "[%s %s %2d %02d:%02d:%02d %lld] ",
		 days[tm.tm_wday % 7], months[tm.tm_mon % 12], tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (long long)tm.tm_year + 1900);
}

/* Wall-clock time of a record: offs_real (ns) plus its monotonic time. */
static void wall_prefix(void *arg, const struct printk_record *rec, char *buf,
			size_t size)
{
	int64_t offs_real = *(const int64_t *)arg;
	int64_t usec = floor_div(offs_real, 1000) + (int64_t)(rec->ts_nsec / 1000);

	ctime_prefix(buf, size, floor_div(usec, 1000000));
}

static struct vr_error *emit_dmesg_ctime(struct emit_ctx *ctx)
{
	int64_t offs_real;
	struct vr_error *err = ktime_mono_to_real_offset(ctx->prog, &offs_real);

	if (err)
		return vr_error_wrap(err, "wall clock of the dump");
	return printk_print_log(ctx->prog, &ctx->out, wall_prefix, &offs_real);
}

static const struct emitter dmesg_ctime = {
	.path = "sos_commands/kernel/dmesg_-T",
	.emit = emit_dmesg_ctime,
};
EMITTER(dmesg_ctime);
