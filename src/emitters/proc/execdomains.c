// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/execdomains: kernel/exec_domain.c execdomains_proc_show(), one
 * fixed line since v4.1 dropped the execution domains.
 */
#include "vr/emitter.h"
#include "vr/object.h"

static struct vr_error *emit_execdomains(struct emit_ctx *ctx)
{
	if (!kobj_has_symbol(ctx->prog, "execdomains_proc_show"))
		return emit_stub(ctx, "the kernel has no /proc/execdomains "
				 "(execdomains_proc_show)");
	strbuf_puts(&ctx->out, "0-0\tLinux           \t[kernel]\n");
	return NULL;
}

static const struct emitter proc_execdomains = {
	.path = "proc/execdomains",
	.emit = emit_execdomains,
};
EMITTER(proc_execdomains);
