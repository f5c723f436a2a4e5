// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/devices/system/cpu/{online,possible,present}: the CPU masks as
 * lists (drivers/base/cpu.c show_cpus_attr() -> cpumap_print_to_pagebuf()).
 */
#include "vr/emitter.h"
#include "vr/percpu.h"

static struct vr_error *emit_mask(struct emit_ctx *ctx, const char *var)
{
	struct cpumask_set mask;
	struct vr_error *err = read_cpumask(ctx->prog, var, &mask);

	if (err)
		return err;
	cpumask_print_list(&mask, &ctx->out);
	return NULL;
}

#define CPU_MASK_FILE(file, var)					\
	static struct vr_error *emit_##file(struct emit_ctx *ctx)	\
	{								\
		return emit_mask(ctx, var);				\
	}								\
	static const struct emitter cpu_##file = {			\
		.path = "sys/devices/system/cpu/" #file,		\
		.emit = emit_##file,					\
	};								\
	EMITTER(cpu_##file)

CPU_MASK_FILE(online, "__cpu_online_mask");
CPU_MASK_FILE(possible, "__cpu_possible_mask");
CPU_MASK_FILE(present, "__cpu_present_mask");
