// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/softirqs: fs/proc/softirqs.c show_softirqs(): one column per
 * possible CPU, one row per softirq named by softirq_to_name[].
 */
#include "vr/emitter.h"
#include "vr/stat.h"

static struct vr_error *emit_softirqs(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct cpumask_set possible;
	unsigned int nr, cpu;
	struct vr_error *err;

	err = cpu_possible_mask(prog, &possible);
	if (!err)
		err = nr_softirqs(prog, &nr);
	if (err)
		return err;
	strbuf_puts(&ctx->out, "                    ");
	for_each_cpu(cpu, &possible)
		strbuf_printf(&ctx->out, "CPU%-8d", cpu);
	strbuf_putc(&ctx->out, '\n');
	for (unsigned int i = 0; i < nr; i++) {
		char name[32];

		err = softirq_to_name(prog, i, name, sizeof(name));
		if (err)
			return err;
		strbuf_printf(&ctx->out, "%12s:", name);
		for_each_cpu(cpu, &possible) {
			uint64_t v;

			err = kstat_softirqs_cpu(prog, i, cpu, &v);
			if (err)
				return err;
			/* seq_put_decimal_ull_width(p, " ", v, 10) */
			strbuf_printf(&ctx->out, " %10u", (unsigned int)v);
		}
		strbuf_putc(&ctx->out, '\n');
	}
	return NULL;
}

static const struct emitter proc_softirqs = {
	.path = "proc/softirqs",
	.emit = emit_softirqs,
};
EMITTER(proc_softirqs);
