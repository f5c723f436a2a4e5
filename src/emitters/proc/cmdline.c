// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/cmdline: fs/proc/cmdline.c prints saved_command_line and "\n". */
#include "vr/emitter.h"
#include "vr/kernel.h"

/* COMMAND_LINE_SIZE is 2048 on x86; a few arches allow 4096. */
#define CMDLINE_MAX 4096

static struct vr_error *emit_cmdline(struct emit_ctx *ctx)
{
	char buf[CMDLINE_MAX + 1];
	struct vr_error *err;

	err = kobj_read_cstr(kobj_var(ctx->prog, "saved_command_line"), buf,
			     sizeof(buf));
	if (err)
		return err;
	strbuf_puts(&ctx->out, buf);
	strbuf_putc(&ctx->out, '\n');
	return NULL;
}

static const struct emitter proc_cmdline = {
	.path = "proc/cmdline",
	.emit = emit_cmdline,
};
EMITTER(proc_cmdline);
