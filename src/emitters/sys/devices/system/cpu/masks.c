// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/devices/system/cpu/{online,possible,present}: the CPU masks as
 * lists (drivers/base/cpu.c show_cpus_attr() -> cpumap_print_to_pagebuf()),
 * and offline and kernel_max from the same file.
 */
#include "vr/emitter.h"
#include "vr/object.h"
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

/*
 * offline: print_cpus_offline(): the CPUs possible but not online (below
 * nr_cpu_ids), then ",N" or ",N-M" for the CPUs from nr_cpu_ids up to
 * total_cpus (set by the firmware on some architectures, 0 elsewhere).
 */
static struct vr_error *emit_offline(struct emit_ctx *ctx)
{
	struct kobj total = kobj_var(ctx->prog, "total_cpus");
	struct cpumask_set possible, online;
	uint64_t total_cpus = 0;
	struct vr_error *err = cpu_possible_mask(ctx->prog, &possible);

	if (!err)
		err = cpu_online_mask(ctx->prog, &online);
	/* total_cpus is in drivers/base/cpu.c (CONFIG_SMP) since v2.6.26. */
	if (!err && kobj_ok(&total))
		err = kobj_read_u64(total, &total_cpus);
	if (err)
		return err;
	for (size_t i = 0; i < VR_MAX_CPUS / 64; i++)
		possible.bits[i] &= ~online.bits[i];
	cpumask_print_list(&possible, &ctx->out);
	if (total_cpus && possible.nr_cpu_ids < total_cpus) {
		/* Before cpumask_print_list()'s newline. */
		if (ctx->out.len)
			ctx->out.buf[--ctx->out.len] = '\0';
		if (possible.nr_cpu_ids == total_cpus - 1)
			strbuf_printf(&ctx->out, ",%u\n", possible.nr_cpu_ids);
		else
			strbuf_printf(&ctx->out, ",%u-%d\n",
				      possible.nr_cpu_ids,
				      (int)(total_cpus - 1));
	}
	return NULL;
}

static const struct emitter cpu_offline = {
	.path = "sys/devices/system/cpu/offline",
	.emit = emit_offline,
};
EMITTER(cpu_offline);

/*
 * kernel_max: print_cpus_kernel_max(), NR_CPUS - 1.  NR_CPUS is a
 * #define, not in DWARF: it is the length of __per_cpu_offset[NR_CPUS]
 * (mm/percpu.c, or the architecture's setup_percpu.c), which every
 * SMP kernel we read has (ppc64 too, beside its paca).  Without SMP
 * NR_CPUS is 1.
 */
static struct vr_error *emit_kernel_max(struct emit_ctx *ctx)
{
	struct kobj offsets = kobj_var(ctx->prog, "__per_cpu_offset");
	const struct vr_type *t;

	if (!kobj_ok(&offsets)) {
		if (kobj_has_symbol(ctx->prog, "nr_cpu_ids"))
			return emit_stub(ctx, "no __per_cpu_offset to size NR_CPUS");
		strbuf_puts(&ctx->out, "0\n");
		return NULL;
	}
	t = vr_type_unqualified(offsets.type);
	if (t->kind != VR_TYPE_ARRAY || !t->length)
		return emit_stub(ctx, "__per_cpu_offset is not an array");
	strbuf_printf(&ctx->out, "%d\n", (int)(t->length - 1));
	return NULL;
}

static const struct emitter cpu_kernel_max = {
	.path = "sys/devices/system/cpu/kernel_max",
	.emit = emit_kernel_max,
};
EMITTER(cpu_kernel_max);
