// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stack unwinders on every fixture: bounded on garbage registers (a
 * corrupt stack ends the trace, it never hangs or reads out of bounds),
 * and through module code: a module function "called" from a sleeping
 * task's context gives that function with its [module], then the task's
 * own trace.
 */
#include <stdlib.h>

#include "test.h"
#include "fixture_util.h"
#include "vr/kernel.h"
#include "vr/unwind.h"

/* Register names per architecture: pc, sp, frame pointer, link register. */
struct arch_regs {
	const char *arch, *pc, *sp, *fp, *lr;
};

static const struct arch_regs arch_regs[] = {
	{ "x86_64", "rip", "rsp", "rbp", NULL },
	{ "aarch64", "pc", "sp", "x29", "x30" },
	{ "ppc64", "nip", "r1", NULL, "lr" },
	{ "s390x", "psw_addr", "r15", NULL, "r14" },
};

static const struct arch_regs *regs_of(struct vr_program *prog)
{
	for (size_t i = 0; i < sizeof(arch_regs) / sizeof(arch_regs[0]); i++) {
		if (!strcmp(arch_regs[i].arch, prog->arch->name))
			return &arch_regs[i];
	}
	return NULL;
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint64_t symbol(struct vr_program *prog, const char *name)
{
	uint64_t a = 0;

	vr_error_destroy(vr_program_symbol(prog, name, &a));
	return a;
}

static void set(struct unwinder *u, struct unwind_regs *r, const char *name,
		uint64_t v)
{
	if (name)
		unwind_set_reg(u, r, name, v);
}

static void check_garbage(struct vr_program *prog, const char *fx,
			  int *test_failed_)
{
	const struct arch_regs *names = regs_of(prog);
	struct kobj task = find_task(prog, 1);
	uint64_t stext = symbol(prog, "_stext"), etext = symbol(prog, "_etext");
	uint64_t stack = 0, seed = 0x9e3779b97f4a7c15ULL;
	struct unwind_trace *t = unwind_trace_alloc();
	struct unwind_regs base;
	struct unwinder *u;
	unsigned int frames = 0;

	CHECK(names && t && etext > stext);
	if (!names || !t || etext <= stext) {
		free(t);
		return;
	}
	CHECK_OK(unwinder_create(prog, &u));
	CHECK_OK(kobj_read_u64(kobj_member(task, "stack"), &stack));
	CHECK(unwind_cpu_regs(u, 0, &base));
	for (int i = 0; i < 400; i++) {
		struct unwind_regs r = base;
		uint64_t x = xorshift(&seed);

		/* A pc in the kernel text, a stack pointer and frame pointer
		 * in init's stack, or anywhere at all. */
		set(u, &r, names->pc, stext + x % (etext - stext));
		if (i % 4 == 3) {
			set(u, &r, names->sp, xorshift(&seed));
			set(u, &r, names->fp, xorshift(&seed));
			set(u, &r, names->lr, xorshift(&seed));
		} else {
			set(u, &r, names->sp, (stack + xorshift(&seed) % 16384) & ~7ULL);
			set(u, &r, names->fp, (stack + xorshift(&seed) % 16384) & ~7ULL);
			set(u, &r, names->lr, stext + xorshift(&seed) % (etext - stext));
		}
		CHECK_OK(unwind_task_regs(u, task, &r, t));
		CHECK(t->nr <= UNWIND_MAX_FRAMES);
		CHECK(t->nr_regsets <= UNWIND_MAX_REGSETS);
		frames += t->nr;
	}
	printf("  %s: 400 garbage traces, %u frames\n", fx, frames);
	free(t);
	unwinder_destroy(u);
}

TEST(unwind_garbage)
{
	if (!for_each_fixture("vmcore.kdump-zlib", check_garbage, test_failed_))
		printf("######## no fixture: unwind test SKIPPED ########\n");
}

/*
 * A module's first function entered from kthreadd's saved context, as if
 * it had just been called there.
 */
static void check_module(struct vr_program *prog, const char *fx,
			 int *test_failed_)
{
	const struct arch_regs *names = regs_of(prog);
	struct kobj task = find_task(prog, 2);
	struct unwind_trace *saved = unwind_trace_alloc();
	struct unwind_trace *t = unwind_trace_alloc();
	struct unwind_regs r = { 0 };
	char modname[MODULE_NAME_LEN] = "", want[MODULE_NAME_LEN + 3];
	struct strbuf sb = { 0 };
	struct list_iter it;
	struct unwinder *u;
	struct kobj mod;
	uint64_t text = 0;
	struct ksym k;

	CHECK(names && saved && t);
	if (!names || !saved || !t)
		goto out;
	for_each_module(&it, mod, prog) {
		if (!module_text_base(mod, &text) &&
		    !kobj_read_cstr(kobj_member(mod, "name"), modname,
				    sizeof(modname)))
			break;
	}
	vr_error_destroy(it.err);
	if (!text) {
		printf("  %s: no module\n", fx);
		goto out;
	}
	CHECK_OK(unwinder_create(prog, &u));
	CHECK_OK(unwind_task_saved(u, task, saved));
	/*
	 * The first function of the module's text: its start, past the
	 * padding before a function (__pfx_, v6.2+ x86_64).
	 */
	for (uint64_t a = text; a < text + 4096; a += 4) {
		struct vr_error *e = kallsyms_lookup(unwinder_symbolizer(u), a, &k);

		if (!e && k.module[0] && strncmp(k.name, "__pfx_", 6)) {
			text = k.start;
			break;
		}
		vr_error_destroy(e);
	}
	CHECK(saved->nr >= 2);
	if (!strcmp(names->arch, "x86_64")) {
		uint64_t sp = 0, bp = 0, off = 0, bp_off = 0;

		CHECK_OK(kobj_read_u64(kobj_member(task, "thread.sp"), &sp));
		CHECK(kobj_offsetof(prog, "struct inactive_task_frame", "ret_addr",
				    &off));
		CHECK(kobj_offsetof(prog, "struct inactive_task_frame", "bp",
				    &bp_off));
		CHECK_OK(vr_program_read_uint(prog, sp + bp_off, 8, &bp));
		set(u, &r, "rbp", bp);
		/* At a function's first instruction, [rsp] is the return. */
		set(u, &r, "rsp", sp + off);
		set(u, &r, "cs", 0x10);
	} else if (!strcmp(names->arch, "aarch64")) {
		uint64_t fp = 0, sp = 0, pc = 0;

		CHECK_OK(kobj_read_u64(kobj_member(task, "thread.cpu_context.fp"), &fp));
		CHECK_OK(kobj_read_u64(kobj_member(task, "thread.cpu_context.sp"), &sp));
		CHECK_OK(kobj_read_u64(kobj_member(task, "thread.cpu_context.pc"), &pc));
		set(u, &r, "x29", fp);
		set(u, &r, "sp", sp);
		set(u, &r, "x30", pc);
		set(u, &r, "pstate", 0x5);	/* EL1h */
	} else {
		uint64_t ksp = 0;

		CHECK_OK(kobj_read_u64(kobj_member(task, "thread.ksp"), &ksp));
		set(u, &r, names->sp, ksp);
		if (!strcmp(names->arch, "ppc64"))
			set(u, &r, "msr", 0x8000000000000000ULL);
		else
			set(u, &r, "psw_mask", 0x0400000180000000ULL);
	}
	set(u, &r, names->pc, text);
	CHECK_OK(unwind_task_regs(u, task, &r, t));
	CHECK(t->nr >= 2);
	if (t->nr >= 1) {
		sprint_symbol(unwinder_symbolizer(u), t->frames[0].pc, &sb);
		snprintf(want, sizeof(want), " [%s]", modname);
		CHECK(sb.buf && strstr(sb.buf, want));
		printf("  %s: %s, then %u frames\n", fx, sb.buf ? sb.buf : "",
		       t->nr - 1);
	}
	/* x86_64 and arm64: then exactly kthreadd's trace. */
	if (!strcmp(names->arch, "x86_64") || !strcmp(names->arch, "aarch64")) {
		CHECK_EQ_U64(t->nr, saved->nr + 1);
		for (unsigned int i = 0; i < saved->nr && i + 1 < t->nr; i++)
			CHECK_EQ_U64(t->frames[i + 1].pc, saved->frames[i].pc);
	}
	strbuf_free(&sb);
	unwinder_destroy(u);
out:
	free(saved);
	free(t);
}

TEST(unwind_module)
{
	if (!for_each_fixture("vmcore.kdump-zlib", check_module, test_failed_))
		printf("######## no fixture: unwind module test SKIPPED ########\n");
}

TEST_MAIN(T(unwind_garbage), T(unwind_module))
