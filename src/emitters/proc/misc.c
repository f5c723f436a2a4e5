// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/misc: drivers/char/misc.c misc_seq_show(), "minor name" for each
 * device of misc_list, newest first (misc_register() adds at the head).
 */
#include "vr/emitter.h"
#include "vr/list.h"
#include "vr/task_info.h"

static struct vr_error *emit_misc(struct emit_ctx *ctx)
{
	struct kobj head = kobj_var(ctx->prog, "misc_list");
	struct list_iter it;
	struct kobj misc;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	list_for_each_entry(&it, misc, ctx->prog, kobj_addr(&head),
			    "struct miscdevice", "list") {
		struct vr_error *err = NULL;
		int64_t minor = kobj_member_s64(misc, "minor", &err);
		uint64_t name = kobj_member_u64(misc, "name", &err);
		char buf[256] = "";

		if (!err && name)
			err = vr_program_read_cstr(ctx->prog, name, buf,
						   sizeof(buf));
		if (err)
			return err;
		strbuf_printf(&ctx->out, "%3d %s\n", (int)minor, buf);
	}
	return it.err;
}

static const struct emitter proc_misc = {
	.path = "proc/misc",
	.emit = emit_misc,
};
EMITTER(proc_misc);
