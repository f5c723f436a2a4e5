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

#define PARTIAL_PREFIX "# vmcore-report: partial - "

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

static struct vr_error *emit_dmesg_ctime(struct emit_ctx *ctx)
{
	struct printk_iter it;
	struct printk_record rec;
	int64_t offs_real;
	struct vr_error *err = ktime_mono_to_real_offset(ctx->prog, &offs_real);

	if (err)
		return vr_error_wrap(err, "wall clock of the dump");
	printk_for_each_record(&it, &rec, ctx->prog) {
		int64_t usec = floor_div(offs_real, 1000) +
			       (int64_t)(rec.ts_nsec / 1000);
		char prefix[64];

		ctime_prefix(prefix, sizeof(prefix), floor_div(usec, 1000000));
		printk_format_text(&ctx->out, prefix, rec.text, rec.text_len);
	}
	if (it.err && !it.count) {
		err = it.err;
		it.err = NULL;
	} else if (it.err) {
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "%s\n",
			      it.err->message);
	}
	if (it.nbad)
		strbuf_printf(&ctx->out,
			      PARTIAL_PREFIX "%lu corrupt record(s) skipped, the first: %s\n",
			      it.nbad, it.bad);
	printk_iter_exit(&it);
	return err;
}

static const struct emitter dmesg_ctime = {
	.path = "sos_commands/kernel/dmesg_-T",
	.emit = emit_dmesg_ctime,
};
EMITTER(dmesg_ctime);
