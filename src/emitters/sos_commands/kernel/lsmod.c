// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/lsmod: what sos runs, kmod's lsmod (tools/lsmod.c):
 * the header "Module                  Size  Used by", then per module of
 * /proc/modules, in its order, "%-19s %8ld  %d" with the name, the size
 * from /sys/module/<name>/coresize and the refcount from .../refcnt,
 * then the entries of .../holders/ (in readdir order) after a space,
 * joined by ",".
 *
 * busybox's lsmod (which a minimal system has instead) prints the same
 * columns from /proc/modules with "Used by    Not tainted" as header and
 * a space after the count; we print kmod's, as the file sos would hold.
 */
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"

struct holders_out {
	struct strbuf *out;
	char sep;
};

static bool print_holder(void *arg, const char *name)
{
	struct holders_out *h = arg;

	strbuf_putc(h->out, h->sep);
	strbuf_puts(h->out, name);
	h->sep = ',';
	return true;
}

static struct vr_error *emit_lsmod(struct emit_ctx *ctx)
{
	struct list_iter it;
	struct kobj mod;

	strbuf_puts(&ctx->out, "Module                  Size  Used by\n");
	for_each_module(&it, mod, ctx->prog) {
		struct holders_out h = { .out = &ctx->out, .sep = ' ' };
		const char *state = module_state_name(mod);
		char name[MODULE_NAME_LEN + 1];
		uint64_t size;
		int64_t refs;
		struct vr_error *err;

		/* m_show() skips modules not yet formed. */
		if (state && !strcmp(state, "MODULE_STATE_UNFORMED"))
			continue;
		err = kobj_read_cstr(kobj_member(mod, "name"), name,
				     sizeof(name));
		if (!err)
			err = module_coresize(mod, &size);
		if (!err)
			err = module_refcount(mod, &refs);
		if (err)
			return err;
		strbuf_printf(&ctx->out, "%-19s %8ld  %d", name, (long)size,
			      (int)refs);
		err = module_for_each_holder(mod, print_holder, &h);
		if (err)
			return err;
		strbuf_putc(&ctx->out, '\n');
	}
	return it.err;
}

static const struct emitter lsmod = {
	.path = "sos_commands/kernel/lsmod",
	.emit = emit_lsmod,
};
EMITTER(lsmod);
