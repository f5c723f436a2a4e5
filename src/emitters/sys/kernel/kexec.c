// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/kernel/kexec_loaded, kexec_crash_loaded, kexec_crash_size
 * (kernel/ksysfs.c): whether a kexec or a crash kernel is loaded, and the
 * size of the crashkernel= reservation.
 */
#include "vr/emitter.h"
#include "vr/object.h"

/* "%d\n" of !!@var: kexec_image, kexec_crash_image. */
static struct vr_error *emit_loaded(struct emit_ctx *ctx, const char *var)
{
	struct kobj image = kobj_var(ctx->prog, var);
	uint64_t p;
	struct vr_error *err;

	if (!kobj_ok(&image))
		return emit_stub(ctx, "no %s: kernel without kexec", var);
	err = kobj_read_u64(image, &p);
	if (!err)
		strbuf_printf(&ctx->out, "%d\n", p != 0);
	return err;
}

static struct vr_error *emit_kexec_loaded(struct emit_ctx *ctx)
{
	return emit_loaded(ctx, "kexec_image");
}

static struct vr_error *emit_kexec_crash_loaded(struct emit_ctx *ctx)
{
	return emit_loaded(ctx, "kexec_crash_image");
}

/*
 * crash_get_memory_size(): resource_size(&crashk_res) when it is not
 * empty (start != end), else 0; printed "%zd\n".
 */
static struct vr_error *emit_kexec_crash_size(struct emit_ctx *ctx)
{
	struct kobj res = kobj_var(ctx->prog, "crashk_res");
	uint64_t start, end;
	struct vr_error *err;

	if (!kobj_ok(&res))
		return emit_stub(ctx, "no crashk_res: kernel without kexec");
	err = kobj_read_u64(kobj_member(res, "start"), &start);
	if (!err)
		err = kobj_read_u64(kobj_member(res, "end"), &end);
	if (!err)
		strbuf_printf(&ctx->out, "%lld\n",
			      end != start ? (long long)(end - start + 1) : 0LL);
	return err;
}

#define KEXEC_FILE(file)						\
	static const struct emitter sys_kernel_##file = {		\
		.path = "sys/kernel/" #file,				\
		.emit = emit_##file,					\
	};								\
	EMITTER(sys_kernel_##file)

KEXEC_FILE(kexec_loaded);
KEXEC_FILE(kexec_crash_loaded);
KEXEC_FILE(kexec_crash_size);
