// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/uname_-a: the line `uname -a` prints.  The kernel
 * fields come from utsname; uname(1) leaves out processor and hardware
 * platform when they are "unknown" (as on Linux) and ends with the
 * operating system, which it hard-codes as "GNU/Linux".
 */
#include "vr/emitter.h"
#include "vr/kernel.h"

static struct vr_error *emit_uname(struct emit_ctx *ctx)
{
	static const char *const fields[] = {
		"sysname", "nodename", "release", "version", "machine",
	};
	char buf[NEW_UTS_LEN + 1];

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct vr_error *err = init_utsname_field(ctx->prog, fields[i],
							  buf);

		if (err)
			return err;
		strbuf_printf(&ctx->out, "%s ", buf);
	}
	strbuf_puts(&ctx->out, "GNU/Linux\n");
	return NULL;
}

static const struct emitter uname_a = {
	.path = "sos_commands/kernel/uname_-a",
	.emit = emit_uname,
};
EMITTER(uname_a);
