// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/sys/kernel/{ostype,osrelease,version,hostname,domainname}: the
 * utsname fields (kernel/utsname_sysctl.c), one line each.  One family,
 * one table.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"

static struct vr_error *emit_uts_field(struct emit_ctx *ctx, const char *field)
{
	char buf[NEW_UTS_LEN + 1];
	struct vr_error *err = init_utsname_field(ctx->prog, field, buf);

	if (err)
		return err;
	strbuf_puts(&ctx->out, buf);
	strbuf_putc(&ctx->out, '\n');
	return NULL;
}

#define UTS_SYSCTL(file, field)						\
	static struct vr_error *emit_##file(struct emit_ctx *ctx)	\
	{								\
		return emit_uts_field(ctx, field);			\
	}								\
	static const struct emitter sysctl_##file = {			\
		.path = "proc/sys/kernel/" #file,			\
		.emit = emit_##file,					\
	};								\
	EMITTER(sysctl_##file)

UTS_SYSCTL(ostype, "sysname");
UTS_SYSCTL(osrelease, "release");
UTS_SYSCTL(version, "version");
UTS_SYSCTL(hostname, "nodename");
UTS_SYSCTL(domainname, "domainname");
