// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel stack traces (see vr/unwind.h): the CPUs' registers from the
 * dump, the tasks' saved contexts, and the one loop every architecture's
 * step runs in, which bounds the walk.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unwind_arch.h"
#include "vr/kernel.h"
#include "vr/util.h"

/* elf_prstatus: pr_reg follows pr_info .. pr_cstime on 64-bit. */
#define PRSTATUS_REG_OFFSET 112
/* kernel/panic.c: PANIC_CPU_INVALID */
#define PANIC_CPU_INVALID -1

static const struct unwind_arch *const unwind_arches[] = {
	&unwind_arch_x86_64,
	&unwind_arch_aarch64,
	&unwind_arch_ppc64,
	&unwind_arch_s390x,
};

uint64_t unwind_symbol(struct unwinder *u, const char *name)
{
	uint64_t addr = 0;
	struct vr_error *err = vr_program_symbol(u->prog, name, &addr);

	if (err) {
		vr_error_destroy(err);
		return 0;
	}
	return addr;
}

struct vr_error *unwind_read_ulong(struct unwinder *u, uint64_t addr,
				   uint64_t *val)
{
	return vr_program_read_uint(u->prog, addr, 8, val);
}

int unwind_reg_index(const struct unwind_arch *arch, const char *name)
{
	for (unsigned int i = 0; i < arch->nr_regs; i++) {
		if (!strcmp(arch->regs[i].name, name))
			return (int)i;
	}
	return -1;
}

bool unwind_get_reg(const struct unwinder *u, const struct unwind_regs *regs,
		    const char *name, uint64_t *val)
{
	int i = unwind_reg_index(u->arch, name);

	if (i < 0 || !(regs->valid & (1ULL << i)))
		return false;
	*val = regs->r[i];
	return true;
}

uint64_t unwind_reg(const struct unwinder *u, const struct unwind_regs *regs,
		    const char *name)
{
	uint64_t v = 0;

	return unwind_get_reg(u, regs, name, &v) ? v : 0;
}

struct vr_error *unwind_read_pt_regs(struct unwinder *u, uint64_t addr,
				     struct unwind_regs *regs)
{
	const struct unwind_arch *arch = u->arch;
	uint64_t size = kobj_sizeof(u->prog, "struct pt_regs");
	uint8_t buf[1024];
	struct vr_error *err;

	if (!size || size > sizeof(buf))
		return vr_error_create(VR_ERR_NOT_FOUND, "no struct pt_regs");
	err = vr_program_read(u->prog, addr, buf, size);
	if (err)
		return err;
	memset(regs, 0, sizeof(*regs));
	regs->addr = addr;
	for (unsigned int i = 0; i < arch->nr_regs; i++) {
		uint64_t off;

		if (!arch->regs[i].member ||
		    !kobj_offsetof(u->prog, "struct pt_regs", arch->regs[i].member,
				   &off) || off + 8 > size)
			continue;
		regs->r[i] = vr_get64(buf + off, u->prog->big_endian);
		regs->valid |= 1ULL << i;
	}
	regs->user = arch->user_mode(u, regs);
	return NULL;
}

int unwind_add_regs(struct unwind_trace *t, const struct unwind_regs *regs)
{
	if (t->nr_regsets >= UNWIND_MAX_REGSETS)
		return -1;
	t->regsets[t->nr_regsets] = *regs;
	return (int)t->nr_regsets++;
}

enum unwind_step unwind_enter_regs(struct unwind_trace *t,
				   const struct unwind_regs *regs, int *idx,
				   char *why, size_t why_size)
{
	*idx = unwind_add_regs(t, regs);
	if (regs->user) {
		t->user_regs = *idx;
		return UNWIND_STEP_END;
	}
	if (*idx < 0) {
		snprintf(why, why_size, "more than %d exception frames",
			 UNWIND_MAX_REGSETS);
		return UNWIND_STEP_ERROR;
	}
	return UNWIND_STEP_OK;
}

static bool in_range(uint64_t addr, uint64_t start, uint64_t end)
{
	return start && addr >= start && addr < end;
}

bool unwind_core_text(const struct unwinder *u, uint64_t addr)
{
	return in_range(addr, u->stext, u->etext) ||
	       in_range(addr, u->sinittext, u->einittext);
}

/* Module text from the symbolizer's table of the modules. */
bool unwind_kernel_text(const struct unwinder *u, uint64_t addr)
{
	return unwind_core_text(u, addr) ||
	       symbolizer_module_text(u->sym, addr) >= 0;
}

bool unwind_in_sched_functions(const struct unwinder *u, uint64_t addr)
{
	return in_range(addr, u->lock_start, u->lock_end) ||
	       in_range(addr, u->sched_start, u->sched_end);
}

/*
 * THREAD_SIZE: sizeof(union thread_union), else the init task's stack in
 * the linker script: init_stack .. __end_init_task (__end_init_stack
 * since v6.11).
 */
static uint64_t thread_size(struct unwinder *u)
{
	uint64_t size = kobj_sizeof(u->prog, "union thread_union");
	uint64_t start, end;

	if (size)
		return size;
	start = unwind_symbol(u, "init_stack");
	end = unwind_symbol(u, "__end_init_stack");
	if (!end)
		end = unwind_symbol(u, "__end_init_task");
	if (start && end > start && end - start <= (1U << 20))
		return end - start;
	return 0;
}

/* The registers of an elf_prstatus descriptor in byte order @be. */
static bool prstatus_regs(struct unwinder *u, const uint8_t *desc,
			  size_t size, bool be, struct unwind_regs *regs)
{
	const struct unwind_arch *arch = u->arch;

	memset(regs, 0, sizeof(*regs));
	for (unsigned int i = 0; i < arch->nr_regs; i++) {
		int off = arch->regs[i].prstatus;

		if (off < 0 || PRSTATUS_REG_OFFSET + (size_t)off + 8 > size)
			continue;
		regs->r[i] = vr_get64(desc + PRSTATUS_REG_OFFSET + off, be);
		regs->valid |= 1ULL << i;
	}
	if (!(regs->valid & (1ULL << arch->pc_reg)) ||
	    !(regs->valid & (1ULL << arch->sp_reg)))
		return false;
	regs->user = arch->user_mode(u, regs);
	return true;
}

/*
 * kernel/crash_core.c crash_save_cpu(): the note the crashing kernel
 * wrote for @cpu in its per-CPU crash_notes, {namesz, descsz, type},
 * "CORE", then struct elf_prstatus.  Zero unless kdump saved it.
 */
static bool crash_notes_regs(struct unwinder *u, unsigned int cpu,
			     struct unwind_regs *regs)
{
	struct kobj notes = per_cpu_ptr(kobj_var(u->prog, "crash_notes"), cpu);
	uint8_t buf[1024];
	uint32_t namesz, descsz, type;
	struct vr_error *err;

	if (!kobj_ok(&notes))
		return false;
	err = vr_program_read(u->prog, kobj_addr(&notes), buf, sizeof(buf));
	if (err) {
		vr_error_destroy(err);
		return false;
	}
	namesz = vr_get32(buf, u->prog->big_endian);
	descsz = vr_get32(buf + 4, u->prog->big_endian);
	type = vr_get32(buf + 8, u->prog->big_endian);
	if (namesz != 5 || memcmp(buf + 12, "CORE", 5) || type != NT_PRSTATUS ||
	    descsz > sizeof(buf) - 20)
		return false;
	return prstatus_regs(u, buf + 20, descsz, u->prog->big_endian, regs);
}

static struct vr_error *read_cpus(struct unwinder *u)
{
	struct vr_program *prog = u->prog;
	const struct vr_dump_info *info = prog->dinfo;
	struct kobj runqueues = kobj_var(prog, "runqueues");
	struct cpumask_set *possible;
	struct vr_error *err;
	unsigned int nr = 0, nr_possible, cpu, note_cpu = 0;
	bool from_crash_notes = false;

	possible = malloc(sizeof(*possible));
	if (!possible)
		return &vr_enomem;
	err = cpu_possible_mask(prog, possible);
	if (err) {
		free(possible);
		return err;
	}
	for_each_cpu(cpu, possible)
		nr = cpu + 1;
	free(possible);
	nr_possible = nr;
	/* The dump may have notes for more CPUs than the kernel knew. */
	for (size_t i = 0; i < vr_dump_nr_notes(prog->dump); i++) {
		const struct vr_note *n = vr_dump_note(prog->dump, i);

		if (n->type == NT_PRSTATUS && !strcmp(n->name, "CORE"))
			note_cpu++;
	}
	nr = max(nr, note_cpu);
	nr = min(nr, (unsigned int)VR_MAX_CPUS);
	u->cpus = xcalloc_array(nr ? nr : 1, sizeof(*u->cpus));
	if (!u->cpus)
		return &vr_enomem;
	u->nr_cpus = nr;
	for (cpu = 0; cpu < nr_possible; cpu++) {
		struct vr_error *e = kobj_read_u64(kobj_member(per_cpu(runqueues, cpu),
							       "curr"),
						   &u->cpus[cpu].task);

		if (e)
			u->cpus[cpu].task_err = strdup(e->message);
		vr_error_destroy(e);
		if (crash_notes_regs(u, cpu, &u->cpus[cpu].regs)) {
			u->cpus[cpu].source = "crash_notes, saved by crash_save_cpu()";
			from_crash_notes = true;
		}
	}
	if (from_crash_notes)
		return NULL;
	/*
	 * Without kdump's notes in memory: the dump's NT_PRSTATUS notes,
	 * one per CPU in CPU order (QEMU writes every vCPU's; a kdump
	 * /proc/vmcore has those of the CPUs that saved theirs).
	 */
	note_cpu = 0;
	for (size_t i = 0; i < vr_dump_nr_notes(prog->dump) && note_cpu < nr; i++) {
		const struct vr_note *n = vr_dump_note(prog->dump, i);

		if (n->type != NT_PRSTATUS || strcmp(n->name, "CORE"))
			continue;
		if (prstatus_regs(u, n->desc, n->desc_size, info->big_endian,
				  &u->cpus[note_cpu].regs))
			u->cpus[note_cpu].source = "NT_PRSTATUS note";
		note_cpu++;
	}
	return NULL;
}

struct vr_error *unwinder_create(struct vr_program *prog,
				 struct unwinder **ret)
{
	struct unwinder *u;
	struct vr_error *err;
	struct kobj panic_cpu;
	int64_t v;

	u = calloc(1, sizeof(*u));
	if (!u)
		return &vr_enomem;
	u->prog = prog;
	for (size_t i = 0; i < ARRAY_SIZE(unwind_arches); i++) {
		if (unwind_arches[i]->arch == prog->arch)
			u->arch = unwind_arches[i];
	}
	if (!u->arch) {
		free(u);
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "no stack unwinder for %s",
				       prog->arch->name);
	}
	u->stext = unwind_symbol(u, "_stext");
	u->etext = unwind_symbol(u, "_etext");
	u->sinittext = unwind_symbol(u, "_sinittext");
	u->einittext = unwind_symbol(u, "_einittext");
	u->sched_start = unwind_symbol(u, "__sched_text_start");
	u->sched_end = unwind_symbol(u, "__sched_text_end");
	/* No lock section with CONFIG_INLINE_*_LOCK everywhere. */
	u->lock_start = unwind_symbol(u, "__lock_text_start");
	u->lock_end = unwind_symbol(u, "__lock_text_end");
	u->thread_size = thread_size(u);
	u->method = u->arch->method;
	u->panic_cpu = PANIC_CPU_INVALID;
	/* panic_cpu: an atomic_t since v4.5. */
	panic_cpu = kobj_var(prog, "panic_cpu");
	if (kobj_ok(&panic_cpu)) {
		struct kobj c = kobj_member(panic_cpu, "counter");

		err = kobj_read_s64(kobj_ok(&c) ? c : panic_cpu, &v);
		if (!err && v >= 0 && v < VR_MAX_CPUS)
			u->panic_cpu = (int)v;
		vr_error_destroy(err);
	}
	if (!u->stext || !u->etext) {
		err = vr_error_create(VR_ERR_NOT_FOUND, "no _stext/_etext");
		goto fail;
	}
	if (u->arch->arch_size) {
		u->arch_data = calloc(1, u->arch->arch_size);
		if (!u->arch_data) {
			err = &vr_enomem;
			goto fail;
		}
	}
	/* The program's: its module table is the one of the unwinder. */
	err = vr_program_symbolizer(prog, &u->sym);
	if (!err)
		err = read_cpus(u);
	if (!err && u->arch->init)
		err = u->arch->init(u);
	if (err)
		goto fail;
	*ret = u;
	return NULL;
fail:
	unwinder_destroy(u);
	return err;
}

void unwinder_destroy(struct unwinder *u)
{
	if (!u)
		return;
	if (u->arch && u->arch->fini)
		u->arch->fini(u);
	free(u->arch_data);
	for (unsigned int cpu = 0; u->cpus && cpu < u->nr_cpus; cpu++)
		free(u->cpus[cpu].task_err);
	free(u->cpus);
	free(u);
}

/* The program's (vr_program_symbolizer()). */
struct symbolizer *unwinder_symbolizer(struct unwinder *u)
{
	return u->sym;
}

const char *unwinder_method(const struct unwinder *u)
{
	return u->method;
}

struct unwind_trace *unwind_trace_alloc(void)
{
	return calloc(1, sizeof(struct unwind_trace));
}

unsigned int unwind_nr_cpus(const struct unwinder *u)
{
	return u->nr_cpus;
}

uint64_t unwind_cpu_task(const struct unwinder *u, unsigned int cpu)
{
	return cpu < u->nr_cpus ? u->cpus[cpu].task : 0;
}

bool unwind_cpu_has_regs(const struct unwinder *u, unsigned int cpu,
			 const char **source)
{
	if (cpu >= u->nr_cpus || !u->cpus[cpu].source)
		return false;
	if (source)
		*source = u->cpus[cpu].source;
	return true;
}

int unwind_panic_cpu(const struct unwinder *u)
{
	return u->panic_cpu;
}

int unwind_task_running_cpu(const struct unwinder *u, uint64_t task)
{
	for (unsigned int cpu = 0; cpu < u->nr_cpus; cpu++) {
		if (task && u->cpus[cpu].task == task)
			return (int)cpu;
	}
	return -1;
}

static void trace_reset(struct unwind_trace *t)
{
	t->nr = 0;
	t->nr_regsets = 0;
	t->user_regs = -1;
	t->start[0] = '\0';
	t->end[0] = '\0';
	t->end_not_text = false;
	t->no_stack = false;
}

static void add_frame(struct unwind_trace *t, const struct unwind_state *s)
{
	struct unwind_frame *f = &t->frames[t->nr++];

	f->pc = s->pc;
	f->sp = s->sp;
	f->regs = s->new_regs;
	f->flags = (s->exact ? UNWIND_FRAME_EXACT : 0) |
		   (s->guess ? UNWIND_FRAME_GUESS : 0) |
		   (s->new_regs >= 0 ? UNWIND_FRAME_REGS : 0);
}

/* The generic loop: one frame per step, within the bounds. */
static void unwind_run(struct unwinder *u, struct unwind_state *s,
		       struct unwind_trace *t)
{
	unsigned int switches = 0, steps = 0;
	/*
	 * ppc64: a CPU stopped in firmware (RTAS, after rtas_os_term() in
	 * panic()) has its nip outside the kernel: no frame for it, but its
	 * registers go with the first frame the walk finds, so that they
	 * are printed.
	 */
	int carry = -1;

	if (unwind_kernel_text(u, s->pc) || !u->arch->skip_non_text)
		add_frame(t, s);
	else
		carry = s->new_regs;
	for (;;) {
		uint64_t prev_sp = s->sp, prev_pc = s->pc;
		char why[160] = "";
		enum unwind_step r;

		if (t->nr >= UNWIND_MAX_FRAMES ||
		    ++steps > 2 * UNWIND_MAX_FRAMES) {
			snprintf(t->end, sizeof(t->end),
				 "more than %d frames", UNWIND_MAX_FRAMES);
			return;
		}
		s->switched = false;
		s->guess = false;
		s->new_regs = -1;
		s->depth = t->nr;
		r = u->arch->step(u, s, t, why, sizeof(why));
		if (r == UNWIND_STEP_END)
			return;
		if (r == UNWIND_STEP_ERROR) {
			snprintf(t->end, sizeof(t->end), "%s", why);
			return;
		}
		if (s->sp < prev_sp || (s->sp == prev_sp && s->pc == prev_pc)) {
			if (!s->switched) {
				snprintf(t->end, sizeof(t->end),
					 "stack pointer 0x%llx below 0x%llx",
					 (unsigned long long)s->sp,
					 (unsigned long long)prev_sp);
				return;
			}
			if (++switches > UNWIND_MAX_SWITCHES) {
				snprintf(t->end, sizeof(t->end),
					 "more than %d stack switches",
					 UNWIND_MAX_SWITCHES);
				return;
			}
		}
		if (!unwind_kernel_text(u, s->pc) && u->arch->skip_non_text)
			continue;
		if (!unwind_kernel_text(u, s->pc)) {
			snprintf(t->end, sizeof(t->end),
				 "return address 0x%llx is not kernel text",
				 (unsigned long long)s->pc);
			t->end_not_text = true;
			return;
		}
		if (carry >= 0 && s->new_regs < 0)
			s->new_regs = carry;
		carry = -1;
		add_frame(t, s);
	}
}

bool unwind_task_stack(const struct unwinder *u, struct kobj task,
		       uint64_t *lo, uint64_t *hi)
{
	uint64_t stack = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(task, "stack"), &stack);

	if (err) {
		vr_error_destroy(err);
		return false;
	}
	if (!stack || !u->thread_size)
		return false;
	*lo = stack;
	*hi = stack + u->thread_size;
	return true;
}

static void state_init(struct unwinder *u, struct unwind_state *s,
		       struct kobj task)
{
	memset(s, 0, sizeof(*s));
	s->task = task;
	s->new_regs = -1;
	/* Without a known stack, no bounds: 0, 0. */
	unwind_task_stack(u, task, &s->stack_lo, &s->stack_hi);
}

static struct vr_error *unwind_from_regs(struct unwinder *u, struct kobj task,
					 const struct unwind_regs *regs,
					 struct unwind_trace *t)
{
	struct unwind_state s;
	int idx;

	state_init(u, &s, task);
	idx = unwind_add_regs(t, regs);
	if (regs->user) {
		t->user_regs = idx;
		return NULL;
	}
	u->arch->regs_start(u, &s, &t->regsets[idx]);
	s.new_regs = idx;
	unwind_run(u, &s, t);
	return NULL;
}

struct vr_error *unwind_cpu(struct unwinder *u, unsigned int cpu,
			    struct unwind_trace *t)
{
	trace_reset(t);
	if (cpu >= u->nr_cpus || !u->cpus[cpu].source)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "the dump has no registers of CPU %u", cpu);
	snprintf(t->start, sizeof(t->start), "registers of CPU %u (%s)", cpu,
		 u->cpus[cpu].source);
	return unwind_from_regs(u, kobj_at(u->prog, "struct task_struct",
					   u->cpus[cpu].task),
				&u->cpus[cpu].regs, t);
}

struct vr_error *unwind_task_saved(struct unwinder *u, struct kobj task,
				   struct unwind_trace *t)
{
	struct unwind_state s;
	struct vr_error *err;
	uint64_t stack;

	trace_reset(t);
	if (!kobj_ok(&task))
		return kobj_error(&task);
	snprintf(t->start, sizeof(t->start), "saved context");
	/* try_get_task_stack(): the stack of a dead task is gone. */
	if (kobj_has_member(u->prog, "struct task_struct", "stack_refcount")) {
		uint64_t refs;

		err = kobj_read_u64(kobj_member(task, "stack_refcount.refs.counter"),
				    &refs);
		if (err)
			return err;
		if (!refs) {
			snprintf(t->end, sizeof(t->end), "the task has no stack");
			t->no_stack = true;
			return NULL;
		}
	}
	err = kobj_read_u64(kobj_member(task, "stack"), &stack);
	if (err)
		return err;
	if (!stack) {
		snprintf(t->end, sizeof(t->end), "the task has no stack");
		t->no_stack = true;
		return NULL;
	}
	state_init(u, &s, task);
	err = u->arch->task_start(u, &s);
	if (err) {
		snprintf(t->end, sizeof(t->end), "no saved context: %s",
			 err->message);
		vr_error_destroy(err);
		return NULL;
	}
	unwind_run(u, &s, t);
	return NULL;
}

struct vr_error *unwind_task(struct unwinder *u, struct kobj task,
			     struct unwind_trace *t)
{
	int cpu;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	cpu = unwind_task_running_cpu(u, kobj_addr(&task));
	if (cpu >= 0 && u->cpus[cpu].source)
		return unwind_cpu(u, (unsigned int)cpu, t);
	return unwind_task_saved(u, task, t);
}

/* Generic register dump: three "NAME: value" per line. */
static void print_regs_generic(struct unwinder *u,
			       const struct unwind_regs *regs,
			       struct strbuf *out)
{
	const struct unwind_arch *arch = u->arch;
	unsigned int n = 0;

	for (unsigned int i = 0; i < arch->nr_regs; i++) {
		char name[16];
		size_t j;

		if (!(regs->valid & (1ULL << i)))
			continue;
		for (j = 0; arch->regs[i].name[j] && j + 1 < sizeof(name); j++)
			name[j] = (char)(arch->regs[i].name[j] >= 'a' &&
					 arch->regs[i].name[j] <= 'z' ?
					 arch->regs[i].name[j] - 'a' + 'A' :
					 arch->regs[i].name[j]);
		name[j] = '\0';
		strbuf_printf(out, "%s%6s: %016llx", n % 3 ? "  " : "    ", name,
			      (unsigned long long)regs->r[i]);
		if (++n % 3 == 0)
			strbuf_putc(out, '\n');
	}
	if (n % 3)
		strbuf_putc(out, '\n');
}

void unwind_print_regs(struct unwinder *u, const struct unwind_regs *regs,
		       struct strbuf *out)
{
	if (u->arch->print_regs)
		u->arch->print_regs(u, regs, out);
	else
		print_regs_generic(u, regs, out);
}

/* A frame's function: %pS for an exact pc, %pB for a return address. */
static void print_frame_symbol(struct unwinder *u, const struct unwind_frame *f,
			       struct strbuf *out)
{
	if (f->flags & UNWIND_FRAME_EXACT)
		sprint_symbol(u->sym, f->pc, out);
	else
		sprint_backtrace(u->sym, f->pc, out);
}

void unwind_print_bt(struct unwinder *u, const struct unwind_trace *t,
		     struct strbuf *out)
{
	for (unsigned int i = 0; i < t->nr; i++) {
		const struct unwind_frame *f = &t->frames[i];

		if ((f->flags & UNWIND_FRAME_REGS) && f->regs >= 0 &&
		    (unsigned int)f->regs < t->nr_regsets) {
			const struct unwind_regs *r = &t->regsets[f->regs];

			if (r->addr) {
				strbuf_printf(out, "    [exception %s: ",
					      u->arch->pc_label);
				sprint_symbol(u->sym, f->pc, out);
				strbuf_puts(out, "]\n");
			} else {
				strbuf_printf(out, "    [%s]\n", t->start);
			}
			unwind_print_regs(u, r, out);
		}
		strbuf_printf(out, "%s#%u [%016llx] %s", i < 10 ? " " : "", i,
			      (unsigned long long)f->sp,
			      f->flags & UNWIND_FRAME_GUESS ? "? " : "");
		print_frame_symbol(u, f, out);
		strbuf_printf(out, " at %016llx\n", (unsigned long long)f->pc);
	}
	if (t->user_regs >= 0 && (unsigned int)t->user_regs < t->nr_regsets) {
		if (!t->nr)
			strbuf_printf(out, "    [%s: user mode]\n", t->start);
		unwind_print_regs(u, &t->regsets[t->user_regs], out);
	}
	if (t->end[0])
		strbuf_printf(out, "    # vmcore-report: trace stopped: %s\n",
			      t->end);
}

void unwind_print_proc_stack(struct unwinder *u, const struct unwind_trace *t,
			     struct strbuf *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < t->nr && n < MAX_STACK_TRACE_DEPTH; i++) {
		if (unwind_in_sched_functions(u, t->frames[i].pc))
			continue;
		strbuf_puts(out, "[<0>] ");
		sprint_backtrace(u->sym, t->frames[i].pc, out);
		strbuf_putc(out, '\n');
		n++;
	}
}

void unwind_print_bt_header(struct unwinder *u, struct kobj task, int cpu,
			    struct strbuf *out)
{
	char comm[TASK_COMM_LEN + 1] = "";
	struct vr_error *err;
	uint64_t pid = 0;

	err = kobj_read_u64(kobj_member(task, "pid"), &pid);
	if (!err)
		err = kobj_read_cstr(kobj_member(task, "comm"), comm,
				     sizeof(comm));
	strbuf_printf(out, "PID: %-7llu  TASK: %016llx  CPU: %-3d  COMMAND: \"%s\"\n",
		      (unsigned long long)pid, (unsigned long long)kobj_addr(&task),
		      cpu, comm);
	/* Say why the header is empty: the CPU's rq->curr, or the task. */
	if (!kobj_addr(&task) && cpu >= 0 && (unsigned int)cpu < u->nr_cpus &&
	    u->cpus[cpu].task_err)
		strbuf_printf(out, "    # vmcore-report: the task on CPU %d is unknown: %s\n",
			      cpu, u->cpus[cpu].task_err);
	else if (err)
		strbuf_printf(out, "    # vmcore-report: task 0x%llx: %s\n",
			      (unsigned long long)kobj_addr(&task), err->message);
	vr_error_destroy(err);
}

/* The start of the function holding @addr, 0 if none. */
static uint64_t function_start(struct unwinder *u, uint64_t addr)
{
	struct ksym sym;
	struct vr_error *err = kallsyms_lookup(u->sym, addr, &sym);

	if (err) {
		vr_error_destroy(err);
		return 0;
	}
	return sym.start;
}

bool unwind_lr_is_caller(struct unwinder *u, uint64_t pc, uint64_t lr,
			 uint64_t next)
{
	uint64_t f;

	if (!lr || !unwind_kernel_text(u, lr))
		return false;
	f = function_start(u, lr - 1);
	return f && f != function_start(u, pc) &&
	       (!next || f != function_start(u, next - 1));
}

struct vr_error *unwind_task_regs(struct unwinder *u, struct kobj task,
				  const struct unwind_regs *regs,
				  struct unwind_trace *t)
{
	struct unwind_regs r = *regs;

	trace_reset(t);
	if (!kobj_ok(&task))
		return kobj_error(&task);
	snprintf(t->start, sizeof(t->start), "given registers");
	r.addr = 0;
	r.user = u->arch->user_mode(u, &r);
	return unwind_from_regs(u, task, &r, t);
}

bool unwind_cpu_regs(const struct unwinder *u, unsigned int cpu,
		     struct unwind_regs *regs)
{
	if (cpu >= u->nr_cpus || !u->cpus[cpu].source)
		return false;
	*regs = u->cpus[cpu].regs;
	return true;
}

bool unwind_set_reg(const struct unwinder *u, struct unwind_regs *regs,
		    const char *name, uint64_t value)
{
	int i = unwind_reg_index(u->arch, name);

	if (i < 0)
		return false;
	regs->r[i] = value;
	regs->valid |= 1ULL << i;
	return true;
}
