// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * s390: arch/s390/kernel/unwind_bc.c.  The kernel is built with
 * -mpacked-stack: struct stack_frame ends with the back chain and holds
 * the saved %r6-%r15 in gprs[], %r14 (the return address) in gprs[8].
 * A zero back chain is followed by the pt_regs of an interrupt or a
 * program check (STACK_FRAME_OVERHEAD after the frame); the pt_regs at
 * the top of the task's stack end the chain.  A task that is not running
 * starts from thread.ksp.
 */
#include <stdio.h>
#include <string.h>

#include "unwind_arch.h"
#include "vr/util.h"

#define GPR(n) { "r" #n, "gprs[" #n "]", 16 + 8 * (n) }

/* s390_regs: psw, gprs[16], acrs[16] (32-bit), orig_gpr2. */
static const struct unwind_reg_desc s390x_regs[] = {
	{ "psw_mask", "psw.mask", 0 }, { "psw_addr", "psw.addr", 8 },
	GPR(0), GPR(1), GPR(2), GPR(3), GPR(4), GPR(5), GPR(6), GPR(7),
	GPR(8), GPR(9), GPR(10), GPR(11), GPR(12), GPR(13), GPR(14), GPR(15),
	{ "orig_r2", "orig_gpr2", 208 },
};

enum { S_MASK, S_ADDR, S_R0, S_R14 = S_R0 + 14, S_R15, S_ORIG_R2 };

/* arch/s390/include/asm/ptrace.h */
#define PSW_MASK_PSTATE	0x0001000000000000ULL

struct s390x_data {
	uint64_t frame_size;		/* sizeof(struct stack_frame) */
	uint64_t r14_off, back_chain_off;
	uint64_t pt_regs_size;
};

static struct s390x_data *data(struct unwinder *u)
{
	return u->arch_data;
}

static struct vr_error *s390x_init(struct unwinder *u)
{
	struct s390x_data *d = data(u);
	struct vr_program *prog = u->prog;

	d->frame_size = kobj_sizeof(prog, "struct stack_frame");
	d->pt_regs_size = kobj_sizeof(prog, "struct pt_regs");
	if (!d->frame_size || !d->pt_regs_size ||
	    !kobj_offsetof(prog, "struct stack_frame", "gprs[8]", &d->r14_off) ||
	    !kobj_offsetof(prog, "struct stack_frame", "back_chain",
			   &d->back_chain_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no struct stack_frame");
	return NULL;
}

static bool s390x_user_mode(struct unwinder *u, const struct unwind_regs *regs)
{
	(void)u;
	return (regs->valid & (1ULL << S_MASK)) &&
	       (regs->r[S_MASK] & PSW_MASK_PSTATE);
}

static void s390x_regs_start(struct unwinder *u, struct unwind_state *s,
			     const struct unwind_regs *regs)
{
	(void)u;
	s->pc = regs->r[S_ADDR];
	s->sp = regs->r[S_R15];
	s->regs = regs;
	s->lr = regs->r[S_R14];
	s->exact = true;
	s->pending = true;
}

static struct vr_error *s390x_task_start(struct unwinder *u,
					 struct unwind_state *s)
{
	struct vr_error *err;
	uint64_t ksp;

	err = kobj_read_u64(kobj_member(s->task, "thread.ksp"), &ksp);
	if (!err)
		err = unwind_read_ulong(u, ksp + data(u)->r14_off, &s->pc);
	if (err)
		return err;
	s->sp = ksp;
	return NULL;
}

static bool on_task_stack(const struct unwind_state *s, uint64_t addr)
{
	return s->stack_hi && addr >= s->stack_lo && addr < s->stack_hi;
}

/* unwind_next_frame() */
static enum unwind_step s390x_step(struct unwinder *u, struct unwind_state *s,
				   struct unwind_trace *t, char *why,
				   size_t why_size)
{
	struct s390x_data *d = data(u);
	struct unwind_regs regs;
	struct vr_error *err;
	uint64_t sp, ip, regs_addr;
	enum unwind_step step;
	int idx;

	err = unwind_read_ulong(u, s->sp + d->back_chain_off, &sp);
	if (err)
		goto read_error;
	/*
	 * After registers: %r14, or as the kernel takes it the %r14 saved
	 * in the frame at %r15 (unreliable), names the caller of a leaf
	 * function that saved nothing; skipped when bogus, in the same
	 * function as the pc or as the next return address.
	 */
	if (s->pending) {
		uint64_t slot = 0, next = 0;

		s->pending = false;
		err = unwind_read_ulong(u, s->sp + d->r14_off, &slot);
		if (!err && sp)
			err = unwind_read_ulong(u, sp + d->r14_off, &next);
		if (err)
			goto read_error;
		if (unwind_lr_is_caller(u, s->pc, s->lr, next) ||
		    unwind_lr_is_caller(u, s->pc, slot, next)) {
			s->pc = unwind_lr_is_caller(u, s->pc, s->lr, next) ?
				s->lr : slot;
			s->exact = false;
			s->guess = true;
			s->regs = NULL;
			return UNWIND_STEP_OK;
		}
	}
	if (sp) {
		err = unwind_read_ulong(u, sp + d->r14_off, &ip);
		if (err)
			goto read_error;
		s->switched = !on_task_stack(s, s->sp) || !on_task_stack(s, sp);
		s->regs = NULL;
	} else {
		/* No back chain: the pt_regs of an interrupt follow the frame. */
		regs_addr = s->sp + d->frame_size;
		/* is_final_pt_regs(): task_pt_regs(), at the top of the stack. */
		if (s->stack_hi && regs_addr + d->pt_regs_size >= s->stack_hi) {
			err = unwind_read_pt_regs(u, regs_addr, &regs);
			if (!err && regs.user)
				t->user_regs = unwind_add_regs(t, &regs);
			vr_error_destroy(err);
			return UNWIND_STEP_END;
		}
		err = unwind_read_pt_regs(u, regs_addr, &regs);
		if (err)
			goto read_error;
		step = unwind_enter_regs(t, &regs, &idx, why, why_size);
		if (step != UNWIND_STEP_OK)
			return step;
		ip = regs.r[S_ADDR];
		sp = regs.r[S_R15];
		s->regs = &t->regsets[idx];
		s->new_regs = idx;
		s->pending = true;
		s->lr = regs.r[S_R14];
		s->switched = true;
	}
	/* The ABI aligns the stack pointer to 8 bytes. */
	if (sp & 7) {
		snprintf(why, why_size, "misaligned stack pointer 0x%llx",
			 (unsigned long long)sp);
		return UNWIND_STEP_ERROR;
	}
	s->sp = sp;
	s->pc = ip;
	s->exact = s->new_regs >= 0;
	return UNWIND_STEP_OK;
read_error:
	snprintf(why, why_size, "stack read failed: %s", err->message);
	vr_error_destroy(err);
	return UNWIND_STEP_ERROR;
}

/* As crash prints them: the PSW, then the GPRs four to a line. */
static void s390x_print_regs(struct unwinder *u, const struct unwind_regs *regs,
			     struct strbuf *out)
{
	(void)u;
	strbuf_printf(out, "    PSW:  %016llx %016llx\n",
		      (unsigned long long)regs->r[S_MASK],
		      (unsigned long long)regs->r[S_ADDR]);
	for (unsigned int i = 0; i < 16; i++) {
		const char *sep = i % 4 ? " " : i ? "          " : "    GPRS: ";

		strbuf_printf(out, "%s%016llx", sep,
			      (unsigned long long)regs->r[S_R0 + i]);
		if (i % 4 == 3)
			strbuf_putc(out, '\n');
	}
}

const struct unwind_arch unwind_arch_s390x = {
	.arch = &vr_arch_s390x,
	.method = "back chain",
	.pc_label = "PSW",
	.regs = s390x_regs,
	.nr_regs = ARRAY_SIZE(s390x_regs),
	.pc_reg = S_ADDR,
	.sp_reg = S_R15,
	.fp_reg = -1,
	.arch_size = sizeof(struct s390x_data),
	.init = s390x_init,
	.task_start = s390x_task_start,
	.regs_start = s390x_regs_start,
	.user_mode = s390x_user_mode,
	.step = s390x_step,
	.print_regs = s390x_print_regs,
};
