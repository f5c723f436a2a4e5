// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/panic: what crash's `sys` and `bt` say first about a
 * crash.  The panic message (the last "Kernel panic - not syncing" line of
 * the kernel log, else the last oops line), the panicking CPU (panic_cpu,
 * kernel/panic.c) and the task it ran, the taint (tainted_mask as
 * print_tainted() writes it), the uptime at the crash, then that task's
 * backtrace from the CPU's registers in the dump.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/printk.h"
#include "vr/stat.h"
#include "vr/unwind.h"

#define PANIC_LINE_MAX 512

/* Where the message of @rec starts, if it says the kernel crashed. */
static const char *crash_message(const char *text, size_t len, bool *is_panic)
{
	static const char *const oopses[] = {
		"BUG: ", "Oops", "kernel BUG at ", "general protection fault",
		"Unable to handle kernel ", "Internal error: ",
	};
	/* panic(): pr_emerg("Kernel panic - not syncing: %s\n", buf) */
	*is_panic = len >= 26 && !memcmp(text, "Kernel panic - not syncing", 26);
	if (*is_panic)
		return text;
	for (size_t i = 0; i < sizeof(oopses) / sizeof(oopses[0]); i++) {
		size_t n = strlen(oopses[i]);

		if (len >= n && !memcmp(text, oopses[i], n))
			return text;
	}
	return NULL;
}

/* The panic message, else the last oops line; "" if the log has none. */
static void panic_message(struct vr_program *prog, char *buf, size_t size,
			  struct strbuf *notes)
{
	struct printk_iter it;
	struct printk_record rec;
	bool have_panic = false;

	buf[0] = '\0';
	printk_for_each_record(&it, &rec, prog) {
		bool is_panic;
		const char *m = crash_message(rec.text, rec.text_len, &is_panic);
		size_t n;

		if (!m || (have_panic && !is_panic))
			continue;
		n = rec.text_len - (size_t)(m - rec.text);
		for (size_t i = 0; i < n; i++) {
			if (m[i] == '\n') {
				n = i;
				break;
			}
		}
		n = n < size - 1 ? n : size - 1;
		memcpy(buf, m, n);
		buf[n] = '\0';
		have_panic |= is_panic;
	}
	if (it.err)
		strbuf_printf(notes, "# vmcore-report: partial - kernel log: %s\n",
			      it.err->message);
	printk_iter_exit(&it);
}

/* print_tainted(): "Not tainted" or "Tainted: " and a letter per flag. */
static struct vr_error *print_tainted(struct vr_program *prog, uint64_t mask,
				      struct strbuf *out)
{
	struct kobj flags = kobj_var(prog, "taint_flags");
	uint64_t n;

	if (!mask) {
		strbuf_puts(out, "Not tainted");
		return NULL;
	}
	if (!kobj_ok(&flags))
		return kobj_error(&flags);
	n = vr_type_unqualified(flags.type)->length;
	strbuf_puts(out, "Tainted: ");
	for (uint64_t i = 0; i < n && i < 64; i++) {
		struct kobj f = kobj_index(flags, i);
		uint64_t c;
		struct vr_error *err = kobj_read_u64(kobj_member(f, mask & (1ULL << i) ?
								 "c_true" : "c_false"),
						     &c);

		if (err)
			return err;
		strbuf_putc(out, (char)c);
	}
	return NULL;
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
	if (s >= 86400)
		strbuf_printf(out, "%llu days, ", (unsigned long long)(s / 86400));
	strbuf_printf(out, "%02llu:%02llu:%02llu (%llu.%02llu s)\n",
		      (unsigned long long)(s / 3600 % 24),
		      (unsigned long long)(s / 60 % 60),
		      (unsigned long long)(s % 60), (unsigned long long)s,
		      (unsigned long long)((uint64_t)boot % 1000000000 / 10000000));
}

static struct vr_error *emit_panic(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct strbuf notes = { 0 };
	struct unwind_trace *t;
	struct unwinder *u;
	struct vr_error *err;
	char msg[PANIC_LINE_MAX];
	uint64_t mask;
	int cpu;

	err = unwinder_create(prog, &u);
	if (err && err->code == VR_ERR_UNSUPPORTED) {
		emit_stub(ctx, "%s", err->message);
		vr_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	t = unwind_trace_alloc();
	if (!t) {
		unwinder_destroy(u);
		return &vr_enomem;
	}
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
	err = kobj_read_u64(kobj_var(prog, "tainted_mask"), &mask);
	if (!err) {
		strbuf_puts(&ctx->out, "    TAINTED: ");
		err = print_tainted(prog, mask, &ctx->out);
		strbuf_printf(&ctx->out, " (tainted_mask 0x%llx)\n",
			      (unsigned long long)mask);
	}
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
	unwinder_destroy(u);
	return NULL;
}

static const struct emitter sos_panic = {
	.path = "sos_commands/kernel/panic",
	.emit = emit_panic,
};
EMITTER(sos_panic);
