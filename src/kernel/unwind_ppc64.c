// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ppc64: arch/powerpc/kernel/process.c show_stack() and stacktrace.c.
 * Every frame starts with its back chain (the caller's r1); the LR save
 * slot of a frame (STACK_FRAME_LR_SAVE, the third doubleword) holds the
 * return address into the function owning the frame, saved there by the
 * function it called.  An interrupt frame carries STACK_FRAME_REGS_MARKER
 * and the pt_regs of the interrupted code.  A task that is not running
 * starts from thread.ksp.
 */
#include <stdio.h>
#include <string.h>

#include "unwind_arch.h"
#include "vr/util.h"

#define GPR(n) { "r" #n, "gpr[" #n "]", 8 * (n) }

/* struct user_pt_regs (ELF_NGREG 48: the last four are unused). */
static const struct unwind_reg_desc ppc64_regs[] = {
	GPR(0), GPR(1), GPR(2), GPR(3), GPR(4), GPR(5), GPR(6), GPR(7),
	GPR(8), GPR(9), GPR(10), GPR(11), GPR(12), GPR(13), GPR(14), GPR(15),
	GPR(16), GPR(17), GPR(18), GPR(19), GPR(20), GPR(21), GPR(22),
	GPR(23), GPR(24), GPR(25), GPR(26), GPR(27), GPR(28), GPR(29),
	GPR(30), GPR(31),
	{ "nip", "nip", 256 }, { "msr", "msr", 264 },
	{ "orig_r3", "orig_gpr3", 272 }, { "ctr", "ctr", 280 },
	{ "lr", "link", 288 }, { "xer", "xer", 296 }, { "ccr", "ccr", 304 },
	{ "softe", "softe", 312 }, { "trap", "trap", 320 },
	{ "dar", "dar", 328 }, { "dsisr", "dsisr", 336 },
	{ "result", "result", 344 },
};

enum { P_R1 = 1, P_NIP = 32, P_MSR = 33, P_LR = 36, P_TRAP = 40 };

/* arch/powerpc/include/asm/reg.h */
#define MSR_PR		(1ULL << 14)
#define STACK_FRAME_LR_SAVE	2
/*
 * STACK_FRAME_REGS_MARKER: "regshere" before v6.2, then "REGS" as a
 * 32-bit value in either byte order.
 */
#define REGS_MARKER_OLD	0x7265677368657265ULL
#define REGS_MARKER_BE	0x52454753ULL
#define REGS_MARKER_LE	0x53474552ULL

/*
 * Where the marker and the pt_regs are in an interrupt frame: before
 * v6.2 STACK_FRAME_MARKER (12 doublewords) and STACK_FRAME_OVERHEAD
 * (112); since, with the ELFv2 ABI, STACK_INT_FRAME_MARKER (32) and
 * STACK_INT_FRAME_REGS (48).  The marker and the back chain tell.
 */
static const unsigned int frame_layouts[][2] = { { 96, 112 }, { 32, 48 } };

static bool ppc64_user_mode(struct unwinder *u, const struct unwind_regs *regs)
{
	(void)u;
	return (regs->valid & (1ULL << P_MSR)) && (regs->r[P_MSR] & MSR_PR);
}

static void ppc64_regs_start(struct unwinder *u, struct unwind_state *s,
			     const struct unwind_regs *regs)
{
	(void)u;
	s->pc = regs->r[P_NIP];
	s->sp = regs->r[P_R1];
	s->lr = regs->r[P_LR];
	s->regs = regs;
	s->exact = true;
	s->pending = true;
}

static bool valid_sp(uint64_t sp)
{
	/* validate_sp(): aligned, in the kernel (on any of its stacks). */
	return sp && !(sp & 7) && (sp >> 63);
}

static bool on_task_stack(const struct unwind_state *s, uint64_t addr)
{
	return s->stack_hi && addr >= s->stack_lo && addr < s->stack_hi;
}

/*
 * thread.ksp is the frame _switch made; the kernel's stack walk reads
 * return addresses from the frames above it (___get_wchan() skips the
 * first two: _switch's own and __switch_to's).
 */
static struct vr_error *ppc64_task_start(struct unwinder *u,
					 struct unwind_state *s)
{
	struct vr_error *err;
	uint64_t ksp, sp;

	err = kobj_read_u64(kobj_member(s->task, "thread.ksp"), &ksp);
	if (err)
		return err;
	if (!valid_sp(ksp))
		return vr_error_create(VR_ERR_CORRUPT, "thread.ksp 0x%llx",
				       (unsigned long long)ksp);
	err = unwind_read_ulong(u, ksp, &sp);
	if (!err && !valid_sp(sp))
		err = vr_error_create(VR_ERR_CORRUPT, "back chain 0x%llx",
				      (unsigned long long)sp);
	if (!err)
		err = unwind_read_ulong(u, sp + 8 * STACK_FRAME_LR_SAVE, &s->pc);
	if (err)
		return err;
	s->sp = sp;
	return NULL;
}

/* The pt_regs of the interrupt frame at @sp, if it is one. */
static bool interrupt_regs(struct unwinder *u, uint64_t sp, uint64_t back_chain,
			   struct unwind_regs *regs)
{
	for (size_t i = 0; i < ARRAY_SIZE(frame_layouts); i++) {
		uint64_t marker;
		struct vr_error *err = unwind_read_ulong(u, sp + frame_layouts[i][0],
							 &marker);

		if (err) {
			vr_error_destroy(err);
			continue;
		}
		if (marker != REGS_MARKER_OLD && marker != REGS_MARKER_BE &&
		    marker != REGS_MARKER_LE)
			continue;
		err = unwind_read_pt_regs(u, sp + frame_layouts[i][1], regs);
		if (err) {
			vr_error_destroy(err);
			continue;
		}
		/* The frame's back chain is the interrupted r1. */
		if (regs->r[P_R1] == back_chain)
			return true;
	}
	return false;
}

static enum unwind_step ppc64_step(struct unwinder *u, struct unwind_state *s,
				   struct unwind_trace *t, char *why,
				   size_t why_size)
{
	struct unwind_regs regs;
	struct vr_error *err;
	uint64_t newsp, ip;
	enum unwind_step step;
	int idx;

	err = unwind_read_ulong(u, s->sp, &newsp);
	if (err)
		goto read_error;
	/*
	 * After registers: the function at nip may be a leaf that made no
	 * frame, r1 then being its caller's frame, whose LR slot is stale:
	 * the caller is the link register (show_stack() prints the LR slot
	 * unless it equals the link register).
	 */
	if (s->pending) {
		uint64_t slot = 0, next = 0;

		s->pending = false;
		err = unwind_read_ulong(u, s->sp + 8 * STACK_FRAME_LR_SAVE, &slot);
		if (!err && valid_sp(newsp))
			err = unwind_read_ulong(u, newsp + 8 * STACK_FRAME_LR_SAVE,
						&next);
		if (err)
			goto read_error;
		if (unwind_lr_is_caller(u, s->pc, s->lr, next)) {
			s->pc = s->lr;
			s->exact = false;
			s->guess = true;
			s->regs = NULL;
			return UNWIND_STEP_OK;
		}
		if (unwind_lr_is_caller(u, s->pc, slot, next)) {
			s->pc = slot;
			s->exact = false;
			s->guess = true;
			s->regs = NULL;
			return UNWIND_STEP_OK;
		}
	}
	if (!newsp)
		return UNWIND_STEP_END;
	if (interrupt_regs(u, s->sp, newsp, &regs)) {
		step = unwind_enter_regs(t, &regs, &idx, why, why_size);
		if (step != UNWIND_STEP_OK)
			return step;
		s->pc = regs.r[P_NIP];
		s->sp = regs.r[P_R1];
		s->lr = regs.r[P_LR];
		s->regs = &t->regsets[idx];
		s->new_regs = idx;
		s->exact = true;
		s->pending = true;
		s->switched = true;
		return UNWIND_STEP_OK;
	}
	if (!valid_sp(newsp)) {
		snprintf(why, why_size, "bad back chain 0x%llx at 0x%llx",
			 (unsigned long long)newsp, (unsigned long long)s->sp);
		return UNWIND_STEP_ERROR;
	}
	err = unwind_read_ulong(u, newsp + 8 * STACK_FRAME_LR_SAVE, &ip);
	if (err)
		goto read_error;
	s->switched = !on_task_stack(s, s->sp) || !on_task_stack(s, newsp);
	s->sp = newsp;
	s->pc = ip;
	s->exact = false;
	s->regs = NULL;
	return UNWIND_STEP_OK;
read_error:
	snprintf(why, why_size, "stack read failed: %s", err->message);
	vr_error_destroy(err);
	return UNWIND_STEP_ERROR;
}

const struct unwind_arch unwind_arch_ppc64 = {
	.arch = &vr_arch_ppc64,
	.method = "back chain",
	.pc_label = "NIP",
	.regs = ppc64_regs,
	.nr_regs = ARRAY_SIZE(ppc64_regs),
	.pc_reg = P_NIP,
	.sp_reg = P_R1,
	.fp_reg = -1,
	.skip_non_text = true,
	.task_start = ppc64_task_start,
	.regs_start = ppc64_regs_start,
	.user_mode = ppc64_user_mode,
	.step = ppc64_step,
};
