// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/modules: kernel/module/procfs.c m_show() (kernel/module.c before
 * v5.19): "name size refcount users, state address [taints]" for each
 * module in list order.
 */
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"

/* print_unload_info(): refcount, then each user with a trailing comma. */
static struct vr_error *print_unload_info(struct strbuf *out, struct kobj mod)
{
	struct kobj source_list = kobj_member(mod, "source_list");
	bool printed = false;
	struct list_iter it;
	struct kobj use;
	int64_t refs;
	uint64_t init = 0, exit_fn = 0;
	struct vr_error *err = module_refcount(mod, &refs);

	if (err)
		return err;
	strbuf_printf(out, " %lld ", (long long)refs);
	list_for_each_entry(&it, use, mod.prog, kobj_addr(&source_list),
			    "struct module_use", "source_list") {
		char name[MODULE_NAME_LEN + 1];

		err = kobj_read_cstr(kobj_member(use, "source->name"), name,
				     sizeof(name));
		if (err)
			return err;
		strbuf_printf(out, "%s,", name);
		printed = true;
	}
	if (it.err)
		return it.err;
	err = kobj_read_u64(kobj_member(mod, "init"), &init);
	if (!err)
		err = kobj_read_u64(kobj_member(mod, "exit"), &exit_fn);
	if (err)
		return err;
	if (init && !exit_fn) {
		strbuf_puts(out, "[permanent],");
		printed = true;
	}
	if (!printed)
		strbuf_putc(out, '-');
	return NULL;
}

static const char *state_word(const char *state)
{
	if (state && !strcmp(state, "MODULE_STATE_GOING"))
		return "Unloading";
	if (state && !strcmp(state, "MODULE_STATE_COMING"))
		return "Loading";
	return "Live";
}

/* module_flags(): "(taints)" plus '-' going, '+' coming. */
static struct vr_error *print_flags(struct strbuf *out, struct kobj mod,
				    const char *state)
{
	char taints[65];
	bool going = state && !strcmp(state, "MODULE_STATE_GOING");
	bool coming = state && !strcmp(state, "MODULE_STATE_COMING");
	struct vr_error *err = module_taint_letters(mod, taints, sizeof(taints));

	if (err)
		return err;
	if (!taints[0] && !going && !coming)
		return NULL;
	strbuf_printf(out, " (%s%s%s)", taints, going ? "-" : "",
		      coming ? "+" : "");
	return NULL;
}

static struct vr_error *show_module(struct strbuf *out, struct kobj mod)
{
	char name[MODULE_NAME_LEN + 1];
	const char *state = module_state_name(mod);
	uint64_t size, base;
	struct vr_error *err;

	if (state && !strcmp(state, "MODULE_STATE_UNFORMED"))
		return NULL;
	err = kobj_read_cstr(kobj_member(mod, "name"), name, sizeof(name));
	if (!err)
		err = module_total_size(mod, &size);
	if (!err)
		err = module_text_base(mod, &base);
	if (err)
		return err;
	strbuf_printf(out, "%s %llu", name, (unsigned long long)size);
	err = print_unload_info(out, mod);
	if (err)
		return err;
	strbuf_printf(out, " %s 0x%0*llx", state_word(state),
		      (int)mod.prog->ptr_size * 2, (unsigned long long)base);
	err = print_flags(out, mod, state);
	strbuf_putc(out, '\n');
	return err;
}

static struct vr_error *emit_modules(struct emit_ctx *ctx)
{
	struct list_iter it;
	struct kobj mod;

	for_each_module(&it, mod, ctx->prog) {
		struct vr_error *err = show_module(&ctx->out, mod);

		if (err)
			return err;
	}
	return it.err;
}

static const struct emitter proc_modules = {
	.path = "proc/modules",
	.emit = emit_modules,
};
EMITTER(proc_modules);
