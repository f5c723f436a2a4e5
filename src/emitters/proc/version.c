// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/version: fs/proc/version.c prints linux_proc_banner
 * ("%s version %s (builder@host) (compiler) %s\n") with utsname's sysname,
 * release and version.  The format itself is read from the dump.
 */
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"

static struct vr_error *emit_version(struct emit_ctx *ctx)
{
	static const char *const fields[] = { "sysname", "release", "version" };
	char fmt[512], uts[3][NEW_UTS_LEN + 1];
	struct vr_error *err;
	size_t next = 0;

	err = kobj_read_cstr(kobj_var(ctx->prog, "linux_proc_banner"), fmt,
			     sizeof(fmt));
	for (size_t i = 0; !err && i < 3; i++)
		err = init_utsname_field(ctx->prog, fields[i], uts[i]);
	if (err)
		return err;
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's' && next < 3) {
			strbuf_puts(&ctx->out, uts[next++]);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			strbuf_putc(&ctx->out, '%');
			p++;
		} else {
			strbuf_putc(&ctx->out, *p);
		}
	}
	return NULL;
}

static const struct emitter proc_version = {
	.path = "proc/version",
	.emit = emit_version,
};
EMITTER(proc_version);
