// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/bt: crash's `bt -a`, for every CPU the task that was
 * running on it and its stack, from the CPU's registers in the dump.
 * sos_commands/kernel/bt_all: crash's `foreach bt`, every task (the idle
 * tasks first, then every thread by pid) from its CPU's registers when it
 * was running, else from the context it saved when it was switched out.
 * The format is crash's (see vr/unwind.h unwind_print_bt()).
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/percpu.h"
#include "vr/task_info.h"
#include "vr/unwind.h"

static struct vr_error *start(struct emit_ctx *ctx, struct unwinder **u,
			      struct unwind_trace **t)
{
	struct vr_error *err = vr_program_unwinder(ctx->prog, u);

	if (err)
		return err;
	*t = unwind_trace_alloc();
	return *t ? NULL : &vr_enomem;
}

static struct vr_error *stub_or_error(struct emit_ctx *ctx,
				      struct vr_error *err)
{
	if (err->code != VR_ERR_UNSUPPORTED)
		return err;
	emit_stub(ctx, "%s", err->message);
	vr_error_destroy(err);
	return NULL;
}

/* One task's trace, after its header. */
static void print_task(struct unwinder *u, struct unwind_trace *t,
		       struct kobj task, int cpu, bool running,
		       struct strbuf *out)
{
	struct vr_error *err;

	unwind_print_bt_header(u, task, cpu, out);
	if (running)
		err = unwind_cpu(u, (unsigned int)cpu, t);
	else
		err = unwind_task_saved(u, task, t);
	if (err) {
		strbuf_printf(out, "    # vmcore-report: no trace: %s\n",
			      err->message);
		vr_error_destroy(err);
		return;
	}
	unwind_print_bt(u, t, out);
}

static struct vr_error *emit_bt(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct cpumask_set *online = malloc(sizeof(*online));
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;
	bool first = true;

	if (!online)
		return &vr_enomem;
	err = cpu_online_mask(prog, online);
	if (!err)
		err = start(ctx, &u, &t);
	if (err) {
		free(online);
		return stub_or_error(ctx, err);
	}
	for (unsigned int cpu = 0; cpu < unwind_nr_cpus(u); cpu++) {
		uint64_t task = unwind_cpu_task(u, cpu);
		bool regs = unwind_cpu_has_regs(u, cpu, NULL);

		if (!regs && !cpumask_test_cpu(cpu, online))
			continue;
		if (!first)
			strbuf_putc(&ctx->out, '\n');
		first = false;
		if (!regs) {
			unwind_print_bt_header(u, kobj_at(prog, "struct task_struct",
							  task),
					       (int)cpu, &ctx->out);
			strbuf_printf(&ctx->out, "    # vmcore-report: %s %u\n",
				      "the dump has no registers of CPU", cpu);
			continue;
		}
		print_task(u, t, kobj_at(prog, "struct task_struct", task),
			   (int)cpu, true, &ctx->out);
	}
	free(online);
	free(t);
	return NULL;
}

static struct vr_error *emit_bt_all(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;
	uint64_t *ids = NULL;
	size_t n = 0;

	err = start(ctx, &u, &t);
	if (err)
		return stub_or_error(ctx, err);
	err = for_each_thread_ids(prog, &ids, &n);
	if (err)
		goto out;
	/* The idle tasks, which are on no task list: rq->idle of each CPU. */
	for (unsigned int cpu = 0; cpu < unwind_nr_cpus(u); cpu++) {
		struct kobj rq = per_cpu(kobj_var(prog, "runqueues"), cpu);
		struct kobj idle = kobj_member(rq, "idle");
		uint64_t addr = 0;
		struct vr_error *e = kobj_read_u64(idle, &addr);

		if (e) {
			strbuf_printf(&ctx->out, "PID: 0        TASK: %016llx  CPU: %-3u  COMMAND: \"\"\n"
				      "    # vmcore-report: the idle task of CPU %u is unknown: %s\n\n",
				      0ULL, cpu, cpu, e->message);
			vr_error_destroy(e);
			continue;
		}
		if (!addr)
			continue;
		print_task(u, t, kobj_at(prog, "struct task_struct", addr),
			   (int)cpu, unwind_task_running_cpu(u, addr) == (int)cpu &&
				     unwind_cpu_has_regs(u, cpu, NULL),
			   &ctx->out);
		strbuf_putc(&ctx->out, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		struct kobj task = find_thread(prog, ids[i]);
		struct vr_error *e = NULL;
		int cpu;

		if (!kobj_ok(&task)) {
			strbuf_printf(&ctx->out, "PID: %llu\n%s\n\n",
				      (unsigned long long)tid_id_tid(ids[i]),
				      "    # vmcore-report: task not found");
			continue;
		}
		cpu = unwind_task_running_cpu(u, kobj_addr(&task));
		if (cpu < 0 || !unwind_cpu_has_regs(u, (unsigned int)cpu, NULL)) {
			uint64_t c = task_cpu(task, &e);

			vr_error_destroy(e);
			print_task(u, t, task, e ? -1 : (int)c, false, &ctx->out);
		} else {
			print_task(u, t, task, cpu, true, &ctx->out);
		}
		strbuf_putc(&ctx->out, '\n');
	}
out:
	free(ids);
	free(t);
	return err;
}

static const struct emitter sos_bt = {
	.path = "sos_commands/kernel/bt",
	.emit = emit_bt,
};
EMITTER(sos_bt);

static const struct emitter sos_bt_all = {
	.path = "sos_commands/kernel/bt_all",
	.emit = emit_bt_all,
};
EMITTER(sos_bt_all);
