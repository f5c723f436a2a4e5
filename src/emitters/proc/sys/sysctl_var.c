// SPDX-License-Identifier: GPL-2.0-or-later
/* The emitter body shared by the table-driven /proc/sys files. */
#include "vr/emitter.h"
#include "vr/sysctl.h"

struct vr_error *emit_sysctl_var(struct emit_ctx *ctx,
				 const struct sysctl_var *v)
{
	struct vr_error *err = sysctl_show(ctx->prog, v, &ctx->out);

	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		return emit_stub(ctx, "%s is not in this kernel (built without "
				 "it, the kernel has no such file)", v->data);
	}
	if (err && err->code == VR_ERR_NOT_PRESENT) {
		emit_stub(ctx, "%s: %s", v->data, err->message);
		vr_error_destroy(err);
		return NULL;
	}
	return err;
}
