// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The wait channel of a blocked task: kernel/sched/core.c get_wchan() and
 * each architecture's __get_wchan(), the first return address on the
 * task's kernel stack that is not in the scheduler or lock functions
 * (in_sched_functions()), and kernel/kallsyms.c lookup_symbol_name().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kernel.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* include/linux/sched.h */
#define TASK_RUNNING	0x0000
#define TASK_WAKING	0x0200

/* Bound on the frames one walk reads. */
#define WCHAN_MAX_FRAMES 64

struct text_ranges {
	uint64_t sched_start, sched_end;	/* __sched_text_start/_end */
	uint64_t lock_start, lock_end;		/* __lock_text_start/_end */
	uint64_t text_start, text_end;		/* _stext/_etext */
	uint64_t init_start, init_end;		/* _sinittext/_einittext */
};

static void symbol_or_zero(struct vr_program *prog, const char *name,
			   uint64_t *addr)
{
	struct vr_error *err = vr_program_symbol(prog, name, addr);

	if (err) {
		vr_error_destroy(err);
		*addr = 0;
	}
}

static struct vr_error *text_ranges(struct vr_program *prog,
				    struct text_ranges *r)
{
	struct vr_error *err;

	err = vr_program_symbol(prog, "__sched_text_start", &r->sched_start);
	if (!err)
		err = vr_program_symbol(prog, "__sched_text_end", &r->sched_end);
	if (!err)
		err = vr_program_symbol(prog, "_stext", &r->text_start);
	if (!err)
		err = vr_program_symbol(prog, "_etext", &r->text_end);
	if (err)
		return err;
	/* No lock section with CONFIG_INLINE_*_LOCK everywhere. */
	symbol_or_zero(prog, "__lock_text_start", &r->lock_start);
	symbol_or_zero(prog, "__lock_text_end", &r->lock_end);
	symbol_or_zero(prog, "_sinittext", &r->init_start);
	symbol_or_zero(prog, "_einittext", &r->init_end);
	return NULL;
}

/* kernel/sched/core.c in_sched_functions() */
static bool in_sched_functions(const struct text_ranges *r, uint64_t addr)
{
	return (addr >= r->lock_start && addr < r->lock_end) ||
	       (addr >= r->sched_start && addr < r->sched_end);
}

static bool core_kernel_text(const struct text_ranges *r, uint64_t addr)
{
	return (addr >= r->text_start && addr < r->text_end) ||
	       (addr >= r->init_start && addr < r->init_end);
}

/* __kernel_text_address(): core or module text (a module symbol). */
static bool kernel_text_address(struct vr_program *prog,
				const struct text_ranges *r, uint64_t addr)
{
	char name[128];
	struct vr_error *err;

	if (core_kernel_text(r, addr))
		return true;
	err = lookup_symbol_name(prog, addr, name, sizeof(name));
	vr_error_destroy(err);
	return !err;
}

static struct vr_error *read_ulong(struct vr_program *prog, uint64_t addr,
				   uint64_t *val)
{
	return vr_program_read_uint(prog, addr, 8, val);
}

/* The task's kernel stack: [task->stack, + THREAD_SIZE). */
static struct vr_error *task_stack(struct kobj task, uint64_t *lo,
				   uint64_t *hi)
{
	struct vr_error *err = NULL;
	uint64_t size = kobj_sizeof(task.prog, "union thread_union");

	*lo = kobj_member_u64(task, "stack", &err);
	if (err)
		return err;
	if (!size) {
		/*
		 * THREAD_SIZE from the init task's stack in the linker script:
		 * init_stack .. __end_init_task (__end_init_stack since v6.11).
		 */
		uint64_t start, end;

		symbol_or_zero(task.prog, "init_stack", &start);
		symbol_or_zero(task.prog, "__end_init_stack", &end);
		if (!end)
			symbol_or_zero(task.prog, "__end_init_task", &end);
		if (start && end > start && end - start <= (1U << 20))
			size = end - start;
	}
	if (!size)
		return vr_error_create(VR_ERR_NOT_FOUND, "no THREAD_SIZE");
	*hi = *lo + size;
	return NULL;
}

/*
 * x86_64: arch/x86/kernel/unwind_orc.c, from the frame switch_to() left
 * (struct inactive_task_frame at thread.sp), through the kernel's
 * .orc_unwind tables.  Only frames of core kernel text are unwound: the
 * walk stops at the first address outside the scheduler, which is always
 * core text as long as it is still inside it.
 */

/* arch/x86/include/asm/orc_types.h */
#define ORC_REG_UNDEFINED	0
#define ORC_REG_PREV_SP		1
#define ORC_REG_BP		4
#define ORC_REG_SP		5
#define ORC_REG_BP_INDIRECT	8
#define ORC_REG_SP_INDIRECT	9

struct orc_state {
	struct vr_program *prog;
	uint64_t ip_table, u_table, nr;	/* __start_orc_unwind_ip, ... */
	uint64_t entry_size;
	bool old_types;		/* orc_entry.end (before v6.4) */
	uint64_t ip, sp, bp;
	bool signal;
	uint64_t regs;		/* pt_regs of a REGS frame, or 0 */
};

struct orc_entry {
	int64_t sp_offset, bp_offset;
	unsigned int sp_reg, bp_reg, type;
	bool end;
};

static struct vr_error *orc_read(struct orc_state *s, uint64_t i,
				 struct orc_entry *e)
{
	struct kobj o = kobj_at(s->prog, "struct orc_entry",
				s->u_table + i * s->entry_size);
	struct vr_error *err = NULL;

	e->sp_offset = kobj_member_s64(o, "sp_offset", &err);
	e->bp_offset = kobj_member_s64(o, "bp_offset", &err);
	e->sp_reg = (unsigned int)kobj_member_u64(o, "sp_reg", &err);
	e->bp_reg = (unsigned int)kobj_member_u64(o, "bp_reg", &err);
	e->type = (unsigned int)kobj_member_u64(o, "type", &err);
	e->end = s->old_types && kobj_member_u64(o, "end", &err);
	return err;
}

/* __orc_find(): the rightmost entry whose address is <= @ip. */
static struct vr_error *orc_find(struct orc_state *s, uint64_t ip,
				 struct orc_entry *e)
{
	uint64_t first = 0, last = s->nr - 1, found = 0;
	unsigned int steps = 0;

	if (!s->nr)
		return vr_error_create(VR_ERR_NOT_FOUND, "no ORC entries");
	while (first <= last && last < s->nr && steps++ < 64) {
		uint64_t mid = first + (last - first) / 2, raw;
		uint64_t addr = s->ip_table + mid * 4;
		struct vr_error *err = vr_program_read_uint(s->prog, addr, 4,
							    &raw);

		if (err)
			return err;
		if (addr + (uint64_t)(int64_t)(int32_t)raw <= ip) {
			found = mid;
			first = mid + 1;
		} else {
			if (!mid)
				break;
			last = mid - 1;
		}
	}
	return orc_read(s, found, e);
}

static struct vr_error *orc_reg(struct orc_state *s, const char *name,
				uint64_t *val)
{
	uint64_t off;

	if (!s->regs || !kobj_offsetof(s->prog, "struct pt_regs", name, &off))
		return vr_error_create(VR_ERR_UNSUPPORTED, "no pt_regs");
	return read_ulong(s->prog, s->regs + off, val);
}

/* unwind_next_frame(); false at the end of the stack or on an error. */
static bool orc_next(struct orc_state *s, struct vr_error **err)
{
	/* ORC_TYPE_CALL/REGS/REGS_PARTIAL: 0/1/2 before v6.4, 2/3/4 after */
	unsigned int t_call = s->old_types ? 0 : 2;
	struct orc_entry e = { 0 };
	uint64_t sp, prev_sp = s->sp, ip_off, sp_off;
	bool indirect = false;

	*err = orc_find(s, s->signal ? s->ip : s->ip - 1, &e);
	if (*err)
		return false;
	if (s->old_types && e.sp_reg == ORC_REG_UNDEFINED)
		return false;		/* end of stack, or an error */
	if (!s->old_types && e.type < 2)
		return false;		/* ORC_TYPE_UNDEFINED, _END_OF_STACK */
	switch (e.sp_reg) {
	case ORC_REG_SP:
		sp = s->sp + e.sp_offset;
		break;
	case ORC_REG_BP:
		sp = s->bp + e.sp_offset;
		break;
	case ORC_REG_SP_INDIRECT:
		sp = s->sp;
		indirect = true;
		break;
	case ORC_REG_BP_INDIRECT:
		sp = s->bp + e.sp_offset;
		indirect = true;
		break;
	default:	/* R10, R13, DI, DX: registers of an entry frame */
		return false;
	}
	if (indirect) {
		*err = read_ulong(s->prog, sp, &sp);
		if (*err)
			return false;
		if (e.sp_reg == ORC_REG_SP_INDIRECT)
			sp += e.sp_offset;
	}
	if (e.type == t_call) {
		*err = read_ulong(s->prog, sp - 8, &s->ip);
		s->sp = sp;
		s->regs = 0;
	} else if (e.type == t_call + 1 || e.type == t_call + 2) {
		/* REGS: pt_regs at sp; REGS_PARTIAL: its iret frame at sp. */
		if (!kobj_offsetof(s->prog, "struct pt_regs", "ip", &ip_off) ||
		    !kobj_offsetof(s->prog, "struct pt_regs", "sp", &sp_off))
			return false;
		s->regs = e.type == t_call + 1 ? sp : sp - ip_off;
		*err = read_ulong(s->prog, s->regs + ip_off, &s->ip);
		if (!*err)
			*err = read_ulong(s->prog, s->regs + sp_off, &s->sp);
		if (e.type == t_call + 2)
			s->regs = 0;	/* only the iret frame is valid */
	} else {
		return false;
	}
	if (*err)
		return false;
	switch (e.bp_reg) {
	case ORC_REG_UNDEFINED: {
		uint64_t bp;
		struct vr_error *e2 = orc_reg(s, "bp", &bp);

		if (!e2)
			s->bp = bp;
		vr_error_destroy(e2);
		break;
	}
	case ORC_REG_PREV_SP:
		*err = read_ulong(s->prog, sp + e.bp_offset, &s->bp);
		break;
	case ORC_REG_BP:
		*err = read_ulong(s->prog, s->bp + e.bp_offset, &s->bp);
		break;
	default:
		return false;
	}
	s->signal = e.type != t_call;
	/* A stack that does not grow toward its base is corrupt. */
	return !*err && s->sp > prev_sp;
}

static struct vr_error *wchan_x86_64(struct kobj task,
				     const struct text_ranges *r, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct orc_state s = { .prog = prog };
	struct vr_error *err = NULL;
	uint64_t stop, frame, frame_size, fork;
	struct kobj f;

	err = vr_program_symbol(prog, "__start_orc_unwind_ip", &s.ip_table);
	if (!err)
		err = vr_program_symbol(prog, "__stop_orc_unwind_ip", &stop);
	if (!err)
		err = vr_program_symbol(prog, "__start_orc_unwind", &s.u_table);
	if (err)
		return vr_error_wrap(err, "ORC tables (CONFIG_UNWINDER_ORC)");
	s.nr = (stop - s.ip_table) / 4;
	s.entry_size = kobj_sizeof(prog, "struct orc_entry");
	s.old_types = kobj_has_member(prog, "struct orc_entry", "end");
	frame_size = kobj_sizeof(prog, "struct inactive_task_frame");
	if (!s.entry_size || !frame_size)
		return vr_error_create(VR_ERR_NOT_FOUND, "no ORC entry type");
	frame = kobj_member_u64(task, "thread.sp", &err);
	f = kobj_at(prog, "struct inactive_task_frame", frame);
	s.bp = kobj_member_u64(f, "bp", &err);
	s.ip = kobj_member_u64(f, "ret_addr", &err);
	if (err)
		return err;
	s.sp = frame + frame_size;
	/* ret_from_fork_asm since v6.6, ret_from_fork before. */
	symbol_or_zero(prog, "ret_from_fork_asm", &fork);
	if (!fork)
		symbol_or_zero(prog, "ret_from_fork", &fork);
	s.signal = fork && s.ip == fork;

	*pc = 0;
	for (unsigned int i = 0; i < WCHAN_MAX_FRAMES; i++) {
		/* unwind_get_return_address() */
		uint64_t addr = kernel_text_address(prog, r, s.ip) ? s.ip : 0;

		*pc = addr;
		if (!addr || !in_sched_functions(r, addr))
			break;
		if (!core_kernel_text(r, s.ip) || !orc_next(&s, &err))
			break;
	}
	vr_error_destroy(err);	/* an unwind error ends the walk, as in the kernel */
	return NULL;
}

/*
 * arm64: arch/arm64/kernel/stacktrace.c, frame records from
 * thread.cpu_context.{fp,pc}; get_wchan_cb() gives up after 16 frames in
 * the scheduler.
 */
static uint64_t ptrauth_strip_kernel(struct vr_program *prog, uint64_t pc)
{
	unsigned int va_bits = prog->va_bits ? prog->va_bits : 48;

	/* A kernel address has every bit from VA_BITS up set. */
	if (va_bits < 64 && ((pc >> 55) & 1))
		pc |= ~0ULL << va_bits;
	return pc;
}

static struct vr_error *wchan_aarch64(struct kobj task,
				      const struct text_ranges *r, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	uint64_t fp = kobj_member_u64(task, "thread.cpu_context.fp", &err);
	uint64_t lr = kobj_member_u64(task, "thread.cpu_context.pc", &err);
	uint64_t lo, hi;
	unsigned int count = 0;

	if (!err)
		err = task_stack(task, &lo, &hi);
	if (err)
		return err;
	*pc = 0;
	for (unsigned int i = 0; i < WCHAN_MAX_FRAMES; i++) {
		lr = ptrauth_strip_kernel(prog, lr);
		if (!in_sched_functions(r, lr)) {
			*pc = lr;
			break;
		}
		if (count++ >= 16)
			break;
		/* unwind_next(): the frame record must be on the stack. */
		if (!fp || (fp & 7) || fp < lo || fp + 16 > hi)
			break;
		err = read_ulong(prog, fp + 8, &lr);
		if (!err)
			err = read_ulong(prog, fp, &fp);
		if (err)
			break;
	}
	vr_error_destroy(err);
	return NULL;
}

/*
 * ppc64: arch/powerpc/kernel/process.c ___get_wchan(): the back chain
 * from thread.ksp, the LR save slot of each caller's frame.
 */
#define PPC64_STACK_FRAME_OVERHEAD	112
#define PPC64_STACK_FRAME_LR_SAVE	2

static struct vr_error *wchan_ppc64(struct kobj task,
				    const struct text_ranges *r, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	uint64_t sp = kobj_member_u64(task, "thread.ksp", &err);
	uint64_t lo, hi, ip;

	if (!err)
		err = task_stack(task, &lo, &hi);
	if (err)
		return err;
	*pc = 0;
	/* validate_sp(): inside the stack with room for a frame. */
#define VALID_SP(x) ((x) >= lo && (x) <= hi - PPC64_STACK_FRAME_OVERHEAD && !((x) & 7))
	if (!VALID_SP(sp))
		return NULL;
	for (unsigned int count = 0; count <= 16; count++) {
		err = read_ulong(prog, sp, &sp);
		if (err || !VALID_SP(sp))
			break;
		if (count > 0) {
			err = read_ulong(prog, sp + 8 * PPC64_STACK_FRAME_LR_SAVE,
					 &ip);
			if (err)
				break;
			if (!in_sched_functions(r, ip)) {
				*pc = ip;
				break;
			}
		}
	}
#undef VALID_SP
	vr_error_destroy(err);
	return NULL;
}

/*
 * s390: arch/s390/kernel/unwind_bc.c, the back chain of struct
 * stack_frame from thread.ksp, the return address in gprs[8] (%r14);
 * a zero back chain is followed by the pt_regs of an interrupt.
 */
static struct vr_error *wchan_s390x(struct kobj task,
				    const struct text_ranges *r, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	uint64_t sp = kobj_member_u64(task, "thread.ksp", &err);
	uint64_t lo, hi, r14, bc, frame_size, psw_off, r15_off, regs_size;
	uint64_t ip;

	if (!err)
		err = task_stack(task, &lo, &hi);
	if (err)
		return err;
	frame_size = kobj_sizeof(prog, "struct stack_frame");
	regs_size = kobj_sizeof(prog, "struct pt_regs");
	if (!frame_size || !regs_size ||
	    !kobj_offsetof(prog, "struct stack_frame", "gprs[8]", &r14) ||
	    !kobj_offsetof(prog, "struct stack_frame", "back_chain", &bc) ||
	    !kobj_offsetof(prog, "struct pt_regs", "psw.addr", &psw_off) ||
	    !kobj_offsetof(prog, "struct pt_regs", "gprs[15]", &r15_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no struct stack_frame");
	*pc = 0;
	if (sp < lo || sp + frame_size > hi)
		return NULL;
	err = read_ulong(prog, sp + r14, &ip);
	for (unsigned int i = 0; !err && i < WCHAN_MAX_FRAMES; i++) {
		uint64_t next;

		*pc = kernel_text_address(prog, r, ip) ? ip : 0;
		if (!*pc || !in_sched_functions(r, ip))
			break;
		err = read_ulong(prog, sp + bc, &next);
		if (err)
			break;
		if (next) {
			/* Another stack (irq, ...): __get_wchan() gives 0. */
			if (next <= sp || next + frame_size > hi) {
				*pc = 0;
				break;
			}
			sp = next;
			err = read_ulong(prog, sp + r14, &ip);
		} else {
			/* pt_regs after the frame; the last one ends it. */
			uint64_t regs = sp + frame_size;

			if (regs + regs_size >= hi)
				break;
			err = read_ulong(prog, regs + psw_off, &ip);
			if (!err)
				err = read_ulong(prog, regs + r15_off, &next);
			if (err || next <= sp || next + frame_size > hi)
				break;
			sp = next;
		}
		if (sp & 7)
			break;
	}
	vr_error_destroy(err);
	return NULL;
}

struct vr_error *get_wchan(struct kobj task, uint64_t *pc)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	struct text_ranges r;
	struct kobj s = kobj_member(task, "__state");
	uint64_t state, on_rq;

	*pc = 0;
	/* task_struct.state became __state in v5.14. */
	if (s.err == VR_ERR_NOT_FOUND)
		s = kobj_member(task, "state");
	err = kobj_read_u64(s, &state);
	if (err)
		return err;
	on_rq = kobj_member_u64(task, "on_rq", &err);
	if (err)
		return err;
	if (state == TASK_RUNNING || state == TASK_WAKING || on_rq)
		return NULL;
	/* try_get_task_stack(): the stack of a dead task is gone. */
	if (kobj_has_member(prog, "struct task_struct", "stack_refcount") &&
	    !kobj_member_u64(task, "stack_refcount", &err))
		return err;
	if (!kobj_member_u64(task, "stack", &err))
		return err;
	err = text_ranges(prog, &r);
	if (err)
		return err;
	if (prog->arch == &vr_arch_x86_64)
		return wchan_x86_64(task, &r, pc);
	if (prog->arch == &vr_arch_aarch64)
		return wchan_aarch64(task, &r, pc);
	if (prog->arch == &vr_arch_ppc64)
		return wchan_ppc64(task, &r, pc);
	if (prog->arch == &vr_arch_s390x)
		return wchan_s390x(task, &r, pc);
	return vr_error_create(VR_ERR_UNSUPPORTED, "no stack unwinder for %s",
			       prog->arch->name);
}

/*
 * A module's kallsyms (struct mod_kallsyms: Elf_Sym symtab[num_symtab],
 * strtab): the nearest symbol at or below @addr that covers it.
 */
static bool module_symbol(struct kobj mod, uint64_t addr, char *buf,
			  size_t size)
{
	struct vr_program *prog = mod.prog;
	struct vr_error *err = NULL;
	struct kobj ks = kobj_member(mod, "kallsyms");
	uint64_t symtab = kobj_member_u64(ks, "symtab", &err);
	uint64_t num = kobj_member_u64(ks, "num_symtab", &err);
	uint64_t strtab = kobj_member_u64(ks, "strtab", &err);
	uint64_t best = 0, best_name = 0;
	bool found = false;
	uint8_t *syms;

	/* Elf64_Sym: 24 bytes; a module has a few thousand symbols at most. */
	if (err || !symtab || !num || num > (1U << 18)) {
		vr_error_destroy(err);
		return false;
	}
	syms = malloc(num * 24);
	if (!syms)
		return false;
	err = vr_program_read(prog, symtab, syms, num * 24);
	if (err) {
		vr_error_destroy(err);
		free(syms);
		return false;
	}
	for (uint64_t i = 0; i < num; i++) {
		const uint8_t *sym = syms + i * 24;
		uint64_t value, sz;
		uint32_t name;
		uint16_t shndx;

		name = vr_get32(sym, prog->big_endian);
		shndx = vr_get16(sym + 6, prog->big_endian);
		value = vr_get64(sym + 8, prog->big_endian);
		sz = vr_get64(sym + 16, prog->big_endian);
		if (!shndx || value > addr || (found && value <= best))
			continue;
		if (sz && addr >= value + sz)
			continue;
		/* Symbols without a size (labels) only when nothing better. */
		if (!sz && addr - value > 0x100000)
			continue;
		best = value;
		best_name = name;
		found = true;
	}
	free(syms);
	if (!found)
		return false;
	err = vr_program_read_cstr(prog, strtab + best_name, buf, size);
	if (err) {
		vr_error_destroy(err);
		return false;
	}
	return buf[0] != '\0';
}

struct vr_error *lookup_symbol_name(struct vr_program *prog, uint64_t addr,
				    char *buf, size_t size)
{
	struct vr_symbol sym;
	struct vr_error *err;
	struct list_iter it;
	struct kobj mod;

	err = vr_debuginfo_symbol_at(prog->dbg, addr - prog->kaslr_offset,
				     &sym);
	if (!err && sym.is_function) {
		snprintf(buf, size, "%s", sym.name);
		return NULL;
	}
	vr_error_destroy(err);
	for_each_module(&it, mod, prog) {
		if (module_symbol(mod, addr, buf, size))
			return NULL;
	}
	vr_error_destroy(it.err);
	return vr_error_create(VR_ERR_NOT_FOUND, "no symbol at 0x%llx",
			       (unsigned long long)addr);
}
