// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/dmesg: the kernel log as `dmesg` prints it,
 * "[%5lu.%06lu] text" per line.  A record of several lines gets the
 * prefix on each line, as the kernel's syslog interface writes it
 * (record_print_text()) and busybox's dmesg shows it; util-linux's dmesg
 * does the same with --force-prefix, and by default (as makedumpfile
 * --dump-dmesg) indents the continuation lines with spaces instead.  The
 * dev_info dictionary is not printed.
 */
#include <stdio.h>

#include "vr/emitter.h"
#include "vr/printk.h"

/* print_time(): seconds and microseconds. */
static void time_prefix(void *arg, const struct printk_record *rec, char *buf,
			size_t size)
{
	(void)arg;
	snprintf(buf, size, "[%5llu.%06llu] ",
		 (unsigned long long)(rec->ts_nsec / 1000000000),
		 (unsigned long long)(rec->ts_nsec % 1000000000 / 1000));
}

static struct vr_error *emit_dmesg(struct emit_ctx *ctx)
{
	return printk_print_log(ctx->prog, &ctx->out, time_prefix, NULL);
}

static const struct emitter dmesg = {
	.path = "sos_commands/kernel/dmesg",
	.emit = emit_dmesg,
};
EMITTER(dmesg);
