// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/taint: the kernel's taint at the crash, decoded.
 *
 *	Tainted: P        W  O                     print_tainted()
 *	Kernel is "tainted" for the following reasons:
 *	 * proprietary module was loaded (#0)      one line per set bit
 *	 * kernel issued warning (#9)
 *	Raw taint value as int/string: 4609/'P        W  O     '
 *	Modules with taint flags: foo(PO) bar(O)
 *
 * The first line is the string of the kernel's oops and panic messages
 * ("CPU: 0 PID: 1 Comm: init Tainted: G        W  OE  6.1.0 #1"), made
 * from tainted_mask with the dump's own taint_flags[]; the rest is what
 * the kernel's tools/debugging/kernel-chktaint prints for the value of
 * /proc/sys/kernel/tainted ("Kernel not Tainted" for 0), with the
 * meanings of Documentation/admin-guide/tainted-kernels.rst.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/panic.h"

/* Why @bit is set: the documented meaning, else what the kernel says. */
static void print_reason(const struct taint_state *ts, unsigned int bit,
			 struct strbuf *out)
{
	const char *meaning = taint_flag_meaning(bit);
	const struct taint_flag *tf = NULL;

	for (unsigned int i = 0; i < ts->count; i++) {
		if (ts->flags[i].bit == bit)
			tf = &ts->flags[i];
	}
	if (meaning)
		strbuf_printf(out, " * %s (#%u)\n", meaning, bit);
	else if (tf && tf->desc[0])	/* v6.11+ */
		strbuf_printf(out, " * %s (#%u)\n", tf->desc, bit);
	else if (tf)
		strbuf_printf(out, " * taint flag '%c' (#%u)\n", tf->c_true, bit);
	else
		strbuf_printf(out, " * unknown taint flag, not in the kernel's table (#%u)\n",
			      bit);
}

/* "Modules with taint flags: a(OE) b(O)", if any module has some. */
static struct vr_error *print_module_taints(struct vr_program *prog,
					    struct strbuf *out)
{
	const char *sep = "Modules with taint flags: ";
	struct list_iter it;
	struct kobj mod;

	for_each_module(&it, mod, prog) {
		char name[MODULE_NAME_LEN + 1];
		char letters[TAINT_FLAGS_MAX + 1];
		struct vr_error *err = module_taint_letters(mod, letters,
							    sizeof(letters));

		if (!err && letters[0])
			err = kobj_read_cstr(kobj_member(mod, "name"), name,
					     sizeof(name));
		if (err)
			return err;
		if (!letters[0])
			continue;
		strbuf_printf(out, "%s%s(%s)", sep, name, letters);
		sep = " ";
	}
	if (sep[0] == ' ')
		strbuf_putc(out, '\n');
	return it.err;
}

static struct vr_error *emit_taint(struct emit_ctx *ctx)
{
	struct taint_state ts;
	struct vr_error *err = taint_state_read(ctx->prog, &ts);

	if (err)
		return err;
	print_tainted(&ts, &ctx->out);
	strbuf_putc(&ctx->out, '\n');
	if (!ts.mask) {
		strbuf_puts(&ctx->out, "Kernel not Tainted\n");
	} else {
		strbuf_puts(&ctx->out,
			    "Kernel is \"tainted\" for the following reasons:\n");
		for (unsigned int bit = 0; bit < TAINT_FLAGS_MAX; bit++) {
			if (ts.mask >> bit & 1)
				print_reason(&ts, bit, &ctx->out);
		}
	}
	strbuf_printf(&ctx->out, "Raw taint value as int/string: %llu/'",
		      (unsigned long long)ts.mask);
	taint_letters(&ts, &ctx->out);
	strbuf_puts(&ctx->out, "'\n");
	err = print_module_taints(ctx->prog, &ctx->out);
	if (err) {
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "module taints: %s\n",
			      err->message);
		vr_error_destroy(err);
	}
	return NULL;
}

static const struct emitter sos_taint = {
	.path = "sos_commands/kernel/taint",
	.emit = emit_taint,
};
EMITTER(sos_taint);
