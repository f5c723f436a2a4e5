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

#define PARTIAL_PREFIX "# vmcore-report: partial - "

static struct vr_error *emit_dmesg(struct emit_ctx *ctx)
{
	struct printk_iter it;
	struct printk_record rec;
	struct vr_error *err = NULL;

	printk_for_each_record(&it, &rec, ctx->prog) {
		char prefix[48];

		/* print_time(): seconds and microseconds. */
		snprintf(prefix, sizeof(prefix), "[%5llu.%06llu] ",
			 (unsigned long long)(rec.ts_nsec / 1000000000),
			 (unsigned long long)(rec.ts_nsec % 1000000000 / 1000));
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

static const struct emitter dmesg = {
	.path = "sos_commands/kernel/dmesg",
	.emit = emit_dmesg,
};
EMITTER(dmesg);
