// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64: arch/arm64/kernel/stacktrace.c, the chain of frame records
 * {x29, x30} from x29; a task that is not running starts from
 * thread.cpu_context.{fp, pc}.  Return addresses lose their pointer
 * authentication code (NUMBER(KERNELPACMASK) in VMCOREINFO).  Exception
 * entry (arch/arm64/kernel/entry.S kernel_entry) puts a frame record in
 * its pt_regs (regs->stackframe = {x29, elr}), so the chain goes through
 * exceptions; the handler's caller in .entry.text says where one is.  The
 * chain of a task ends at the frame record in its own pt_regs at the top
 * of its stack (task_pt_regs(tsk)->stackframe).
 */
#include <stdio.h>
#include <string.h>

#include "unwind_arch.h"
#include "vr/util.h"

#define XREG(n) { "x" #n, "regs[" #n "]", 8 * (n) }

/* struct user_pt_regs: regs[31], sp, pc, pstate. */
static const struct unwind_reg_desc aarch64_regs[] = {
	XREG(0), XREG(1), XREG(2), XREG(3), XREG(4), XREG(5), XREG(6),
	XREG(7), XREG(8), XREG(9), XREG(10), XREG(11), XREG(12), XREG(13),
	XREG(14), XREG(15), XREG(16), XREG(17), XREG(18), XREG(19),
	XREG(20), XREG(21), XREG(22), XREG(23), XREG(24), XREG(25),
	XREG(26), XREG(27), XREG(28), XREG(29), XREG(30),
	{ "sp", "sp", 248 }, { "pc", "pc", 256 }, { "pstate", "pstate", 264 },
};

enum { A_FP = 29, A_LR = 30, A_SP = 31, A_PC = 32, A_PSTATE = 33 };

/* arch/arm64/include/uapi/asm/ptrace.h */
#define PSR_MODE_MASK	0x0000000f
#define PSR_MODE_EL0t	0x00000000
#define PSR_MODE32_BIT	0x00000010

struct aarch64_data {
	uint64_t pac_mask;		/* bits of a kernel address the PAC takes */
	uint64_t entry_start, entry_end;	/* __entry_text_start/_end */
	uint64_t stackframe_off;	/* offsetof(struct pt_regs, stackframe) */
	uint64_t pt_regs_size;
};

static struct aarch64_data *data(struct unwinder *u)
{
	return u->arch_data;
}

static struct vr_error *aarch64_init(struct unwinder *u)
{
	struct aarch64_data *d = data(u);
	struct vr_program *prog = u->prog;
	unsigned int va_bits = prog->va_bits ? prog->va_bits : 48;
	int64_t mask;

	/* v5.4+ (pointer authentication in the kernel since v5.7). */
	if (vr_program_vmcoreinfo_number(prog, "NUMBER(KERNELPACMASK)", &mask))
		d->pac_mask = (uint64_t)mask;
	else
		d->pac_mask = va_bits < 64 ? ~0ULL << va_bits : 0;
	d->entry_start = unwind_symbol(u, "__entry_text_start");
	d->entry_end = unwind_symbol(u, "__entry_text_end");
	d->pt_regs_size = kobj_sizeof(prog, "struct pt_regs");
	/* v6.13: the record inside a struct frame_record_meta. */
	if (!kobj_offsetof(prog, "struct pt_regs", "stackframe.record",
			   &d->stackframe_off) &&
	    !kobj_offsetof(prog, "struct pt_regs", "stackframe",
			   &d->stackframe_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no pt_regs.stackframe");
	return NULL;
}

/* ptrauth_strip_kernel_insn_pac() */
static uint64_t strip_pac(struct unwinder *u, uint64_t pc)
{
	uint64_t mask = data(u)->pac_mask;

	return (pc >> 55) & 1 ? pc | mask : pc & ~mask;
}

static bool aarch64_user_mode(struct unwinder *u, const struct unwind_regs *regs)
{
	(void)u;
	return (regs->valid & (1ULL << A_PSTATE)) &&
	       ((regs->r[A_PSTATE] & PSR_MODE_MASK) == PSR_MODE_EL0t ||
		(regs->r[A_PSTATE] & PSR_MODE32_BIT));
}

static void aarch64_regs_start(struct unwinder *u, struct unwind_state *s,
			       const struct unwind_regs *regs)
{
	s->pc = strip_pac(u, regs->r[A_PC]);
	s->sp = regs->r[A_SP];
	s->fp = regs->r[A_FP];
	s->regs = regs;
	s->exact = true;
	s->lr = strip_pac(u, regs->r[A_LR]);
	s->pending = true;
}

static struct vr_error *aarch64_task_start(struct unwinder *u,
					   struct unwind_state *s)
{
	struct kobj ctx = kobj_member(s->task, "thread.cpu_context");
	struct vr_error *err;

	err = kobj_read_u64(kobj_member(ctx, "fp"), &s->fp);
	if (!err)
		err = kobj_read_u64(kobj_member(ctx, "pc"), &s->pc);
	if (!err)
		err = kobj_read_u64(kobj_member(ctx, "sp"), &s->sp);
	s->pc = strip_pac(u, s->pc);
	return err;
}

static bool on_task_stack(const struct unwind_state *s, uint64_t addr)
{
	return s->stack_hi && addr >= s->stack_lo && addr < s->stack_hi;
}

/*
 * The frame record at @fp is regs->stackframe of the pt_regs an
 * exception saved: enter those registers.
 */
static bool exception_regs(struct unwinder *u, struct unwind_state *s,
			   struct unwind_trace *t, uint64_t fp,
			   uint64_t rec_fp, uint64_t rec_lr,
			   enum unwind_step *ret)
{
	struct aarch64_data *d = data(u);
	struct unwind_regs regs;
	struct vr_error *err;
	int idx;

	if (!d->entry_start || s->pc < d->entry_start || s->pc >= d->entry_end)
		return false;
	err = unwind_read_pt_regs(u, fp - d->stackframe_off, &regs);
	if (err) {
		vr_error_destroy(err);
		return false;
	}
	/* kernel_entry: stackframe = {x29, elr} of the interrupted code. */
	if (regs.r[A_FP] != rec_fp || regs.r[A_PC] != rec_lr)
		return false;
	idx = unwind_add_regs(t, &regs);
	if (regs.user) {
		t->user_regs = idx;
		*ret = UNWIND_STEP_END;
		return true;
	}
	if (idx < 0)
		return false;
	s->pc = strip_pac(u, regs.r[A_PC]);
	s->sp = regs.r[A_SP];
	s->fp = regs.r[A_FP];
	s->lr = strip_pac(u, regs.r[A_LR]);
	s->pending = true;
	s->regs = &t->regsets[idx];
	s->exact = true;
	s->new_regs = idx;
	s->switched = true;
	*ret = UNWIND_STEP_OK;
	return true;
}

/* The user registers at the top of the task's stack, if it has some. */
static void task_user_regs(struct unwinder *u, struct unwind_state *s,
			   struct unwind_trace *t, uint64_t regs_addr)
{
	struct unwind_regs regs;
	struct vr_error *err = unwind_read_pt_regs(u, regs_addr, &regs);

	if (err) {
		vr_error_destroy(err);
		return;
	}
	(void)s;
	if (regs.user && regs.r[A_PC])
		t->user_regs = unwind_add_regs(t, &regs);
}

/* unwind_next() */
static enum unwind_step aarch64_step(struct unwinder *u, struct unwind_state *s,
				     struct unwind_trace *t, char *why,
				     size_t why_size)
{
	struct aarch64_data *d = data(u);
	uint64_t fp = s->fp, rec_fp, rec_lr;
	struct vr_error *err;
	enum unwind_step ret;

	if (!fp)
		return UNWIND_STEP_END;
	/* The final frame record, in task_pt_regs(tsk). */
	if (s->stack_hi && d->pt_regs_size &&
	    fp == s->stack_hi - d->pt_regs_size + d->stackframe_off) {
		task_user_regs(u, s, t, fp - d->stackframe_off);
		return UNWIND_STEP_END;
	}
	if (fp & 7) {
		snprintf(why, why_size, "misaligned frame record 0x%llx",
			 (unsigned long long)fp);
		return UNWIND_STEP_ERROR;
	}
	err = unwind_read_ulong(u, fp, &rec_fp);
	if (!err)
		err = unwind_read_ulong(u, fp + 8, &rec_lr);
	if (err) {
		snprintf(why, why_size, "frame record at 0x%llx: %s",
			 (unsigned long long)fp, err->message);
		vr_error_destroy(err);
		return UNWIND_STEP_ERROR;
	}
	/*
	 * After registers: a leaf function that made no frame record leaves
	 * its caller in x30 only.
	 */
	if (s->pending) {
		s->pending = false;
		if (unwind_lr_is_caller(u, s->pc, s->lr, strip_pac(u, rec_lr))) {
			s->pc = s->lr;
			s->exact = false;
			s->guess = true;
			s->regs = NULL;
			return UNWIND_STEP_OK;
		}
	}
	if (exception_regs(u, s, t, fp, rec_fp, rec_lr, &ret))
		return ret;
	/* A record of kernel_entry with nothing before: a kernel thread's first. */
	if (!rec_fp && !rec_lr)
		return UNWIND_STEP_END;
	s->switched = !on_task_stack(s, s->sp) || !on_task_stack(s, fp);
	s->pc = strip_pac(u, rec_lr);
	s->sp = fp;
	s->fp = rec_fp;
	s->regs = NULL;
	s->exact = false;
	return UNWIND_STEP_OK;
}

const struct unwind_arch unwind_arch_aarch64 = {
	.arch = &vr_arch_aarch64,
	.method = "frame records",
	.pc_label = "PC",
	.regs = aarch64_regs,
	.nr_regs = ARRAY_SIZE(aarch64_regs),
	.pc_reg = A_PC,
	.sp_reg = A_SP,
	.fp_reg = A_FP,
	.arch_size = sizeof(struct aarch64_data),
	.init = aarch64_init,
	.task_start = aarch64_task_start,
	.regs_start = aarch64_regs_start,
	.user_mode = aarch64_user_mode,
	.step = aarch64_step,
};
