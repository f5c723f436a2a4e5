// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/panic: what crash's `sys` and `bt` say first about a
 * crash.  The panic message (as crash's `sys` finds it in the kernel log),
 * the panicking CPU (panic_cpu, kernel/panic.c) and the task it ran, the
 * taint (tainted_mask as print_tainted() writes it), the uptime at the
 * crash, then that task's backtrace from the CPU's registers in the dump.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/panic.h"
#include "vr/stat.h"
#include "vr/unwind.h"

/* The panic message; "" if the log has none. */
static void panic_message(struct vr_program *prog, char *buf, size_t size,
			  struct strbuf *notes)
{
	struct strbuf partial = { 0 };
	struct vr_error *err = crash_panic_message(prog, buf, size, &partial);

	if (err) {
		strbuf_printf(notes, PARTIAL_PREFIX "%s\n", err->message);
		vr_error_destroy(err);
	} else if (partial.len) {
		strbuf_printf(notes, PARTIAL_PREFIX "%.*s\n", (int)partial.len,
			      partial.buf);
	}
	strbuf_free(&partial);
}

/* "TAINTED: Not tainted (tainted_mask 0x0)" */
static struct vr_error *print_taint(struct vr_program *prog,
				    struct strbuf *out)
{
	struct taint_state *ts = malloc(sizeof(*ts));
	struct vr_error *err;

	if (!ts)
		return &vr_enomem;
	err = taint_state_read(prog, ts);
	if (!err) {
		strbuf_puts(out, "    TAINTED: ");
		print_tainted(ts, out);
		strbuf_printf(out, " (tainted_mask 0x%llx)\n",
			      (unsigned long long)ts->mask);
	}
	free(ts);
	return err;
}

static void print_uptime(struct vr_program *prog, struct strbuf *out)
{
	int64_t now, boot;
	struct vr_error *err = ktime_get(prog, &now, NULL);
	uint64_t s;

	if (!err)
		err = ktime_get_boottime(prog, now, &boot);
	if (err) {
		strbuf_printf(out, "     UPTIME: (unknown: %s)\n", err->message);
		vr_error_destroy(err);
		return;
	}
	s = boot > 0 ? (uint64_t)boot / 1000000000 : 0;
	strbuf_puts(out, "     UPTIME: ");
	print_days_hms(out, s);
	strbuf_printf(out, " (%llu.%02llu s)\n", (unsigned long long)s,
		      (unsigned long long)((uint64_t)boot % 1000000000 / 10000000));
}

static struct vr_error *emit_panic(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct strbuf notes = { 0 };
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;
	char msg[PANIC_MSG_MAX];
	int cpu;

	err = vr_program_unwinder(prog, &u);
	if (err && err->code == VR_ERR_UNSUPPORTED) {
		emit_stub(ctx, "%s", err->message);
		vr_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	t = unwind_trace_alloc();
	if (!t)
		return &vr_enomem;
	panic_message(prog, msg, sizeof(msg), &notes);
	strbuf_printf(&ctx->out, "      PANIC: \"%s\"\n", msg);
	cpu = unwind_panic_cpu(u);
	if (cpu >= 0)
		strbuf_printf(&ctx->out, "  PANIC_CPU: %d\n", cpu);
	else
		strbuf_puts(&ctx->out, "  PANIC_CPU: none (panic_cpu is -1: "
			    "the kernel was not in panic())\n");
	if (cpu >= 0) {
		struct kobj task = kobj_at(prog, "struct task_struct",
					   unwind_cpu_task(u, (unsigned int)cpu));
		char comm[17] = "";
		uint64_t pid = 0;
		struct vr_error *e = kobj_read_u64(kobj_member(task, "pid"), &pid);

		if (!e)
			e = kobj_read_cstr(kobj_member(task, "comm"), comm,
					   sizeof(comm));
		if (e)
			strbuf_printf(&notes,
				      "# vmcore-report: partial - panic task: %s\n",
				      e->message);
		vr_error_destroy(e);
		strbuf_printf(&ctx->out,
			      "       TASK: %016llx  [PID: %llu  COMMAND: \"%s\"]\n",
			      (unsigned long long)kobj_addr(&task),
			      (unsigned long long)pid, comm);
	}
	err = print_taint(prog, &ctx->out);
	if (err) {
		strbuf_printf(&notes, "# vmcore-report: partial - taint: %s\n",
			      err->message);
		vr_error_destroy(err);
		err = NULL;
	}
	print_uptime(prog, &ctx->out);
	if (cpu >= 0) {
		uint64_t task = unwind_cpu_task(u, (unsigned int)cpu);

		strbuf_putc(&ctx->out, '\n');
		unwind_print_bt_header(u, kobj_at(prog, "struct task_struct", task),
				       cpu, &ctx->out);
		err = unwind_cpu(u, (unsigned int)cpu, t);
		if (err) {
			strbuf_printf(&ctx->out, "    # vmcore-report: no trace: %s\n",
				      err->message);
			vr_error_destroy(err);
			err = NULL;
		} else {
			unwind_print_bt(u, t, &ctx->out);
		}
	}
	if (notes.len)
		strbuf_append(&ctx->out, notes.buf, notes.len);
	strbuf_free(&notes);
	free(t);
	return NULL;
}

static const struct emitter sos_panic = {
	.path = "sos_commands/kernel/panic",
	.emit = emit_panic,
};
EMITTER(sos_panic);
