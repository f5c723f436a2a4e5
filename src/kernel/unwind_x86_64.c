// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64: arch/x86/kernel/unwind_orc.c.  The ORC tables of the vmlinux
 * (__start_orc_unwind_ip .. __stop_orc_unwind_ip, __start_orc_unwind) and
 * of each module (mod->arch.orc_unwind_ip, orc_unwind, num_orcs), read
 * from the dump's memory; a kernel built without ORC
 * (CONFIG_UNWINDER_FRAME_POINTER) is walked through its frame pointers,
 * and so is code the tables do not cover (BPF, trampolines), as the
 * kernel's orc_fp_entry does.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unwind_arch.h"
#include "vr/util.h"

/* arch/x86/include/asm/orc_types.h */
#define ORC_REG_UNDEFINED	0
#define ORC_REG_PREV_SP		1
#define ORC_REG_DX		2
#define ORC_REG_DI		3
#define ORC_REG_BP		4
#define ORC_REG_SP		5
#define ORC_REG_R10		6
#define ORC_REG_R13		7
#define ORC_REG_BP_INDIRECT	8
#define ORC_REG_SP_INDIRECT	9

/* ORC types since v6.4 (fb799447ae29 "x86,objtool: Split UNWIND_HINT_EMPTY"). */
#define ORC_TYPE_UNDEFINED	0
#define ORC_TYPE_END_OF_STACK	1
#define ORC_TYPE_CALL		2
#define ORC_TYPE_REGS		3
#define ORC_TYPE_REGS_PARTIAL	4

/* Registers in struct pt_regs (and user_regs_struct) order. */
static const struct unwind_reg_desc x86_64_regs[] = {
	{ "r15", "r15", 0 }, { "r14", "r14", 8 }, { "r13", "r13", 16 },
	{ "r12", "r12", 24 }, { "rbp", "bp", 32 }, { "rbx", "bx", 40 },
	{ "r11", "r11", 48 }, { "r10", "r10", 56 }, { "r9", "r9", 64 },
	{ "r8", "r8", 72 }, { "rax", "ax", 80 }, { "rcx", "cx", 88 },
	{ "rdx", "dx", 96 }, { "rsi", "si", 104 }, { "rdi", "di", 112 },
	{ "orig_rax", "orig_ax", 120 }, { "rip", "ip", 128 },
	{ "cs", "cs", 136 }, { "rflags", "flags", 144 }, { "rsp", "sp", 152 },
	{ "ss", "ss", 160 },
};

enum {
	X_R15, X_R14, X_R13, X_R12, X_BP, X_BX, X_R11, X_R10, X_R9, X_R8,
	X_AX, X_CX, X_DX, X_SI, X_DI, X_ORIG_AX, X_IP, X_CS, X_FLAGS, X_SP,
	X_SS,
};

/* One field of struct orc_entry: bits [shift, shift + width) of the entry. */
struct orc_field {
	unsigned int shift, width;
	bool present;
};

struct orc_entry {
	int sp_offset, bp_offset;
	unsigned int sp_reg, bp_reg, type;
	bool signal;
};

/* An ORC table: vmlinux's or a module's. */
struct orc_table {
	uint64_t ip_table, u_table, nr;
};

struct x86_64_data {
	bool orc;			/* the kernel has ORC tables */
	uint64_t ip_table, u_table, nr;	/* vmlinux tables */
	uint64_t u_end;			/* __stop_orc_unwind */
	uint64_t entry_size;
	/*
	 * Before v6.4 orc_entry has an `end` bit and types CALL 0, REGS 1,
	 * REGS_PARTIAL 2; v6.3 added `signal` (ffb1b4a41016).
	 */
	bool old_types;
	struct orc_field sp_offset, bp_offset, sp_reg, bp_reg, type, signal,
			 end;
	uint64_t frame_size, frame_bp, frame_ret;	/* inactive_task_frame */
	uint64_t ret_from_fork;
	uint64_t iret_offset;		/* offsetof(struct pt_regs, ip) */
	/*
	 * Each module's tables (mod->arch.orc_unwind_ip, orc_unwind,
	 * num_orcs), by its index in the symbolizer's module table.
	 */
	struct orc_table *mod_orc;
	size_t nr_mod_orc;
};

static struct x86_64_data *data(struct unwinder *u)
{
	return u->arch_data;
}

static void field(struct unwinder *u, const char *name, struct orc_field *f)
{
	struct kobj o = kobj_member(kobj_at(u->prog, "struct orc_entry", 0),
				    name);

	memset(f, 0, sizeof(*f));
	if (!kobj_ok(&o))
		return;
	f->present = true;
	if (o.bit_size) {
		f->shift = (unsigned int)(o.addr * 8 + o.bit_offset);
		f->width = o.bit_size;
	} else {
		f->shift = (unsigned int)(o.addr * 8);
		f->width = (unsigned int)(vr_type_sizeof(o.type) * 8);
	}
}

/* The modules' ORC tables; a module whose tables cannot be read has none. */
static struct vr_error *read_module_orc(struct unwinder *u)
{
	struct x86_64_data *d = data(u);
	size_t n = symbolizer_nr_modules(u->sym);

	if (!n || !kobj_has_member(u->prog, "struct module", "arch.orc_unwind"))
		return NULL;
	d->mod_orc = xcalloc_array(n, sizeof(*d->mod_orc));
	if (!d->mod_orc)
		return &vr_enomem;
	d->nr_mod_orc = n;
	for (size_t i = 0; i < n; i++) {
		uint64_t addr = symbolizer_module_addr(u->sym, i);
		struct kobj mod = kobj_at(u->prog, "struct module", addr);
		struct orc_table *t = &d->mod_orc[i];
		struct vr_error *err;

		err = kobj_read_u64(kobj_member(mod, "arch.orc_unwind_ip"),
				    &t->ip_table);
		if (!err)
			err = kobj_read_u64(kobj_member(mod, "arch.orc_unwind"),
					    &t->u_table);
		if (!err)
			err = kobj_read_u64(kobj_member(mod, "arch.num_orcs"),
					    &t->nr);
		if (err) {
			vr_program_log(u->prog, "unwind: module at 0x%llx: %s",
				       (unsigned long long)addr, err->message);
			vr_error_destroy(err);
			*t = (struct orc_table){ 0 };
		}
	}
	return NULL;
}

static struct vr_error *x86_64_init(struct unwinder *u)
{
	struct x86_64_data *d = data(u);
	struct vr_program *prog = u->prog;
	uint64_t stop;

	d->ip_table = unwind_symbol(u, "__start_orc_unwind_ip");
	stop = unwind_symbol(u, "__stop_orc_unwind_ip");
	d->u_table = unwind_symbol(u, "__start_orc_unwind");
	d->u_end = unwind_symbol(u, "__stop_orc_unwind");
	d->entry_size = kobj_sizeof(prog, "struct orc_entry");
	if (d->ip_table && stop > d->ip_table && d->u_table && d->entry_size &&
	    d->entry_size <= 8) {
		d->orc = true;
		d->nr = (stop - d->ip_table) / 4;
		field(u, "sp_offset", &d->sp_offset);
		field(u, "bp_offset", &d->bp_offset);
		field(u, "sp_reg", &d->sp_reg);
		field(u, "bp_reg", &d->bp_reg);
		field(u, "type", &d->type);
		field(u, "signal", &d->signal);
		field(u, "end", &d->end);
		d->old_types = d->end.present;
		if (!d->sp_offset.present || !d->sp_reg.present ||
		    !d->bp_reg.present || !d->type.present)
			d->orc = false;
	}
	if (!d->orc)
		u->method = "frame pointer";
	else if (read_module_orc(u))
		return &vr_enomem;
	d->frame_size = kobj_sizeof(prog, "struct inactive_task_frame");
	if (!d->frame_size ||
	    !kobj_offsetof(prog, "struct inactive_task_frame", "bp", &d->frame_bp) ||
	    !kobj_offsetof(prog, "struct inactive_task_frame", "ret_addr",
			   &d->frame_ret))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no struct inactive_task_frame");
	if (!kobj_offsetof(prog, "struct pt_regs", "ip", &d->iret_offset))
		return vr_error_create(VR_ERR_NOT_FOUND, "no struct pt_regs");
	/* ret_from_fork_asm since v6.6, ret_from_fork before. */
	d->ret_from_fork = unwind_symbol(u, "ret_from_fork_asm");
	if (!d->ret_from_fork)
		d->ret_from_fork = unwind_symbol(u, "ret_from_fork");
	return NULL;
}

static void x86_64_fini(struct unwinder *u)
{
	if (data(u))
		free(data(u)->mod_orc);
}

static int64_t get_field(const struct orc_field *f, uint64_t raw, bool is_signed)
{
	uint64_t v;

	if (!f->present || !f->width)
		return 0;
	v = (raw >> f->shift) & (f->width >= 64 ? ~0ULL : (1ULL << f->width) - 1);
	if (is_signed && f->width < 64 && (v >> (f->width - 1)) & 1)
		v |= ~0ULL << f->width;
	return (int64_t)v;
}

/*
 * Bytes of an ORC table, from the dump's memory; the vmlinux's own tables
 * also from the vmlinux file, should their pages be missing from the dump
 * (they are not sorted at boot since v5.6, so the file has them as the
 * kernel does).
 */
static struct vr_error *orc_mem(struct unwinder *u, uint64_t addr, void *buf,
				size_t len)
{
	struct x86_64_data *d = data(u);
	struct vr_error *err = vr_program_read(u->prog, addr, buf, len);

	if (err && addr >= d->ip_table && addr < d->u_end) {
		vr_error_destroy(err);
		err = vr_debuginfo_read(u->prog->dbg, addr - u->prog->kaslr_offset,
					buf, len);
	}
	return err;
}

/* Entry @i of the table at @u_table, as the v6.4+ types. */
static struct vr_error *orc_read(struct unwinder *u, uint64_t u_table,
				 uint64_t i, struct orc_entry *e)
{
	struct x86_64_data *d = data(u);
	uint8_t buf[8] = { 0 };
	uint64_t raw;
	struct vr_error *err = orc_mem(u, u_table + i * d->entry_size, buf,
				       d->entry_size);

	if (err)
		return err;
	raw = vr_get64(buf, false);
	e->sp_offset = (int)get_field(&d->sp_offset, raw, true);
	e->bp_offset = (int)get_field(&d->bp_offset, raw, true);
	e->sp_reg = (unsigned int)get_field(&d->sp_reg, raw, false);
	e->bp_reg = (unsigned int)get_field(&d->bp_reg, raw, false);
	e->type = (unsigned int)get_field(&d->type, raw, false);
	e->signal = get_field(&d->signal, raw, false);
	if (d->old_types) {
		bool end = get_field(&d->end, raw, false);

		/* No signal bit before v6.3: REGS and REGS_PARTIAL imply it. */
		if (!d->signal.present)
			e->signal = e->type != 0;
		if (e->sp_reg == ORC_REG_UNDEFINED)
			e->type = end ? ORC_TYPE_END_OF_STACK : ORC_TYPE_UNDEFINED;
		else
			e->type += ORC_TYPE_CALL;
	}
	return NULL;
}

/* The address entry @i of @t describes. */
static struct vr_error *orc_ip(struct unwinder *u, const struct orc_table *t,
			       uint64_t i, uint64_t *ip)
{
	uint64_t addr = t->ip_table + i * 4;
	uint8_t raw[4];
	struct vr_error *err = orc_mem(u, addr, raw, sizeof(raw));

	if (!err)
		*ip = addr + (uint64_t)(int64_t)(int32_t)vr_get32(raw, false);
	return err;
}

/* __orc_find(): the index of the rightmost entry whose address is <= @ip. */
static struct vr_error *orc_search(struct unwinder *u, const struct orc_table *t,
				   uint64_t ip, uint64_t *index)
{
	uint64_t first = 0, last = t->nr, found = t->nr;

	/* [first, last): at most 64 halvings of a 64-bit range. */
	for (unsigned int steps = 0; first < last && steps < 64; steps++) {
		uint64_t mid = first + (last - first) / 2, mid_ip;
		struct vr_error *err = orc_ip(u, t, mid, &mid_ip);

		if (err)
			return err;
		if (mid_ip <= ip) {
			found = mid;
			first = mid + 1;
		} else {
			last = mid;
		}
	}
	if (found == t->nr)
		return vr_error_create(VR_ERR_NOT_FOUND, "no ORC entry");
	*index = found;
	return NULL;
}

/* The ORC table covering @ip; false when none does. */
static bool orc_table(struct unwinder *u, uint64_t ip, struct orc_table *t)
{
	struct x86_64_data *d = data(u);
	const struct orc_table *m;
	int i;

	if (unwind_core_text(u, ip)) {
		*t = (struct orc_table){ d->ip_table, d->u_table, d->nr };
		return true;
	}
	i = symbolizer_module_text(u->sym, ip);
	if (i < 0 || (size_t)i >= d->nr_mod_orc)
		return false;
	m = &d->mod_orc[i];
	if (!m->ip_table || !m->u_table || !m->nr || m->nr > (1U << 24))
		return false;
	*t = *m;
	return true;
}

/* orc_find(): false when no table covers @ip. */
static bool orc_find(struct unwinder *u, uint64_t ip, struct orc_entry *e,
		     struct vr_error **err)
{
	struct orc_table t;
	uint64_t i = 0;

	*err = NULL;
	/* A call through a NULL function pointer: its caller's frame. */
	if (ip == 0) {
		*e = (struct orc_entry){ .sp_offset = 8, .sp_reg = ORC_REG_SP,
					 .bp_reg = ORC_REG_UNDEFINED,
					 .type = ORC_TYPE_CALL };
		return true;
	}
	if (!orc_table(u, ip, &t))
		return false;
	*err = orc_search(u, &t, ip, &i);
	if (!*err)
		*err = orc_read(u, t.u_table, i, e);
	if (*err && (*err)->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(*err);
		*err = NULL;
		return false;
	}
	return !*err;
}

/*
 * The caller of a function without ORC data, for the first frame of a
 * CPU's registers: __crash_kexec() is STACK_FRAME_NON_STANDARD, and the
 * registers crash_setup_regs() saved for kdump are inside it.  Search the
 * stack above sp for the return address of a direct call to the function
 * holding the pc ("call rel32" that targets its start), as crash's
 * stack search does, but only accepting a call to that very function.
 */
static bool find_caller(struct unwinder *u, struct unwind_state *s)
{
	struct ksym sym;
	struct vr_error *err = kallsyms_lookup(u->sym, s->pc, &sym);

	if (err) {
		vr_error_destroy(err);
		return false;
	}
	for (unsigned int i = 0; i < 512; i++) {
		uint64_t slot = s->sp + 8 * i, v;
		uint8_t call[5];

		err = unwind_read_ulong(u, slot, &v);
		if (!err && unwind_kernel_text(u, v) && v >= 5)
			err = vr_program_read(u->prog, v - 5, call, sizeof(call));
		else if (!err)
			continue;
		if (err) {
			vr_error_destroy(err);
			return false;
		}
		/* e8 rel32: call to v + rel32 */
		if (call[0] == 0xe8 &&
		    v + (uint64_t)(int64_t)(int32_t)vr_get32(call + 1, false) ==
		    sym.start) {
			s->pc = v;
			s->sp = slot + 8;
			s->regs = NULL;
			s->exact = false;
			return true;
		}
	}
	return false;
}

static bool x86_64_user_mode(struct unwinder *u, const struct unwind_regs *regs)
{
	(void)u;
	return (regs->valid & (1ULL << X_CS)) && (regs->r[X_CS] & 3);
}

static void x86_64_regs_start(struct unwinder *u, struct unwind_state *s,
			      const struct unwind_regs *regs)
{
	(void)u;
	s->pc = regs->r[X_IP];
	s->sp = regs->r[X_SP];
	s->fp = regs->r[X_BP];
	s->regs = regs;
	s->full_regs = true;
	s->exact = true;
}

static struct vr_error *x86_64_task_start(struct unwinder *u,
					  struct unwind_state *s)
{
	struct x86_64_data *d = data(u);
	struct vr_error *err;
	uint64_t frame;

	err = kobj_read_u64(kobj_member(s->task, "thread.sp"), &frame);
	if (!err)
		err = unwind_read_ulong(u, frame + d->frame_bp, &s->fp);
	if (!err)
		err = unwind_read_ulong(u, frame + d->frame_ret, &s->pc);
	if (err)
		return err;
	s->sp = frame + d->frame_size;
	s->exact = d->ret_from_fork && s->pc == d->ret_from_fork;
	return NULL;
}

/* A register of the frame's pt_regs (get_reg()), when it is known. */
static bool get_reg(const struct unwind_state *s, unsigned int reg,
		    uint64_t *val)
{
	if (!s->regs || !s->full_regs || !(s->regs->valid & (1ULL << reg)))
		return false;
	*val = s->regs->r[reg];
	return true;
}

/*
 * Enter the pt_regs at @addr (an exception or interrupt frame): the next
 * frame is where it interrupted.  @partial: only its iret frame is valid.
 */
static enum unwind_step enter_regs(struct unwinder *u, struct unwind_state *s,
				   struct unwind_trace *t, uint64_t addr,
				   bool partial, char *why, size_t why_size)
{
	struct unwind_regs regs;
	struct vr_error *err = unwind_read_pt_regs(u, addr, &regs);
	enum unwind_step step;
	int idx;

	if (err) {
		snprintf(why, why_size, "cannot read the registers at 0x%llx: %s",
			 (unsigned long long)addr, err->message);
		vr_error_destroy(err);
		return UNWIND_STEP_ERROR;
	}
	if (partial) {
		/* ip, cs, flags, sp, ss */
		regs.valid &= (1ULL << X_IP) | (1ULL << X_CS) |
			      (1ULL << X_FLAGS) | (1ULL << X_SP) |
			      (1ULL << X_SS);
	}
	step = unwind_enter_regs(t, &regs, &idx, why, why_size);
	if (step != UNWIND_STEP_OK)
		return step;
	s->pc = regs.r[X_IP];
	s->sp = regs.r[X_SP];
	s->regs = &t->regsets[idx];
	s->full_regs = !partial;
	s->new_regs = idx;
	s->switched = true;
	return UNWIND_STEP_OK;
}

/* unwind_next_frame() */
static enum unwind_step x86_64_orc_step(struct unwinder *u,
					struct unwind_state *s,
					struct unwind_trace *t, char *why,
					size_t why_size)
{
	struct orc_entry e;
	struct vr_error *err;
	uint64_t sp, orig_ip = s->pc, tmp;
	bool indirect = false;
	enum unwind_step r;

	if (!orc_find(u, s->exact ? s->pc : s->pc - 1, &e, &err)) {
		if (err) {
			snprintf(why, why_size, "ORC entry of 0x%llx: %s",
				 (unsigned long long)orig_ip, err->message);
			vr_error_destroy(err);
			return UNWIND_STEP_ERROR;
		}
		/* orc_fp_entry: assume a frame pointer; only a guess. */
		e = (struct orc_entry){ .type = ORC_TYPE_CALL,
					.sp_reg = ORC_REG_BP, .sp_offset = 16,
					.bp_reg = ORC_REG_PREV_SP,
					.bp_offset = -16 };
		s->guess = true;
	} else if (e.type == ORC_TYPE_UNDEFINED) {
		/* The first frame of a CPU's registers: see find_caller(). */
		if (s->depth == 1 && s->regs && !s->regs->addr && find_caller(u, s))
			return UNWIND_STEP_OK;
		snprintf(why, why_size, "no ORC data for 0x%llx",
			 (unsigned long long)orig_ip);
		return UNWIND_STEP_ERROR;
	} else if (e.type == ORC_TYPE_END_OF_STACK) {
		return UNWIND_STEP_END;
	}
	switch (e.sp_reg) {
	case ORC_REG_SP:
		sp = s->sp + e.sp_offset;
		break;
	case ORC_REG_BP:
		sp = s->fp + e.sp_offset;
		break;
	case ORC_REG_SP_INDIRECT:
		sp = s->sp;
		indirect = true;
		break;
	case ORC_REG_BP_INDIRECT:
		sp = s->fp + e.sp_offset;
		indirect = true;
		break;
	case ORC_REG_R10:
	case ORC_REG_R13:
	case ORC_REG_DI:
	case ORC_REG_DX: {
		unsigned int reg = e.sp_reg == ORC_REG_R10 ? X_R10 :
				   e.sp_reg == ORC_REG_R13 ? X_R13 :
				   e.sp_reg == ORC_REG_DI ? X_DI : X_DX;

		if (!get_reg(s, reg, &sp)) {
			snprintf(why, why_size,
				 "the ORC data of 0x%llx needs registers",
				 (unsigned long long)orig_ip);
			return UNWIND_STEP_ERROR;
		}
		break;
	}
	default:
		snprintf(why, why_size, "unknown ORC sp_reg %u at 0x%llx",
			 e.sp_reg, (unsigned long long)orig_ip);
		return UNWIND_STEP_ERROR;
	}
	if (indirect) {
		err = unwind_read_ulong(u, sp, &sp);
		if (err)
			goto read_error;
		if (e.sp_reg == ORC_REG_SP_INDIRECT)
			sp += e.sp_offset;
		/* call_on_stack(): back to the stack it switched from. */
		s->switched = true;
	}
	switch (e.type) {
	case ORC_TYPE_CALL:
		err = unwind_read_ulong(u, sp - 8, &s->pc);
		if (err)
			goto read_error;
		s->sp = sp;
		s->regs = NULL;
		break;
	case ORC_TYPE_REGS:
	case ORC_TYPE_REGS_PARTIAL:
		r = enter_regs(u, s, t,
			       e.type == ORC_TYPE_REGS ? sp : sp - data(u)->iret_offset,
			       e.type == ORC_TYPE_REGS_PARTIAL, why, why_size);
		if (r != UNWIND_STEP_OK)
			return r;
		break;
	default:
		snprintf(why, why_size, "unknown ORC type %u at 0x%llx", e.type,
			 (unsigned long long)orig_ip);
		return UNWIND_STEP_ERROR;
	}
	s->exact = e.type != ORC_TYPE_CALL || e.signal;
	switch (e.bp_reg) {
	case ORC_REG_UNDEFINED:
		if (get_reg(s, X_BP, &tmp))
			s->fp = tmp;
		break;
	case ORC_REG_PREV_SP:
		err = unwind_read_ulong(u, sp + e.bp_offset, &s->fp);
		break;
	case ORC_REG_BP:
		err = unwind_read_ulong(u, s->fp + e.bp_offset, &s->fp);
		break;
	default:
		snprintf(why, why_size, "unknown ORC bp_reg %u at 0x%llx",
			 e.bp_reg, (unsigned long long)orig_ip);
		return UNWIND_STEP_ERROR;
	}
	if (err)
		goto read_error;
	return UNWIND_STEP_OK;
read_error:
	snprintf(why, why_size, "stack read failed: %s", err->message);
	vr_error_destroy(err);
	return UNWIND_STEP_ERROR;
}

/*
 * arch/x86/kernel/unwind_frame.c: the frame pointer chain, {saved bp,
 * return address} at bp.  Entry code leaves the address of its pt_regs
 * with the low bit set in bp (ENCODE_FRAME_POINTER).
 */
static enum unwind_step x86_64_fp_step(struct unwinder *u,
				       struct unwind_state *s,
				       struct unwind_trace *t, char *why,
				       size_t why_size)
{
	struct vr_error *err;
	uint64_t bp = s->fp, next_bp, ret;

	if (!bp)
		return UNWIND_STEP_END;
	if (bp & 1)
		return enter_regs(u, s, t, bp & ~1ULL, false, why, why_size);
	if (bp & 7) {
		snprintf(why, why_size, "misaligned frame pointer 0x%llx",
			 (unsigned long long)bp);
		return UNWIND_STEP_ERROR;
	}
	err = unwind_read_ulong(u, bp, &next_bp);
	if (!err)
		err = unwind_read_ulong(u, bp + 8, &ret);
	if (err) {
		snprintf(why, why_size, "stack read failed: %s", err->message);
		vr_error_destroy(err);
		return UNWIND_STEP_ERROR;
	}
	/* The last frame of a task: its user pt_regs follow. */
	if (!next_bp && s->stack_hi &&
	    bp + 16 + kobj_sizeof(u->prog, "struct pt_regs") >= s->stack_hi)
		return UNWIND_STEP_END;
	s->pc = ret;
	s->sp = bp + 16;
	s->fp = next_bp;
	s->regs = NULL;
	s->exact = false;
	return UNWIND_STEP_OK;
}

static enum unwind_step x86_64_step(struct unwinder *u, struct unwind_state *s,
				    struct unwind_trace *t, char *why,
				    size_t why_size)
{
	if (data(u)->orc)
		return x86_64_orc_step(u, s, t, why, why_size);
	return x86_64_fp_step(u, s, t, why, why_size);
}

/* As crash prints them. */
static void x86_64_print_regs(struct unwinder *u, const struct unwind_regs *regs,
			      struct strbuf *out)
{
	static const unsigned int lines[][3] = {
		{ X_IP, X_SP, X_FLAGS }, { X_AX, X_BX, X_CX },
		{ X_DX, X_SI, X_DI }, { X_BP, X_R8, X_R9 },
		{ X_R10, X_R11, X_R12 }, { X_R13, X_R14, X_R15 },
	};

	(void)u;
	for (size_t l = 0; l < ARRAY_SIZE(lines); l++) {
		unsigned int n = 0;

		for (unsigned int i = 0; i < 3; i++) {
			unsigned int r = lines[l][i];
			char name[12];

			if (!(regs->valid & (1ULL << r)))
				continue;
			snprintf(name, sizeof(name), "%s", x86_64_regs[r].name);
			for (char *p = name; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			if (r == X_FLAGS)
				strbuf_printf(out, "%s%s: %08llx", n ? "  " : "    ",
					      name, (unsigned long long)regs->r[r]);
			else
				strbuf_printf(out, "%s%3s: %016llx", n ? "  " : "    ",
					      name, (unsigned long long)regs->r[r]);
			n++;
		}
		if (n)
			strbuf_putc(out, '\n');
	}
	if (regs->valid & (1ULL << X_ORIG_AX))
		strbuf_printf(out, "    ORIG_RAX: %016llx  ",
			      (unsigned long long)regs->r[X_ORIG_AX]);
	else
		strbuf_puts(out, "    ");
	strbuf_printf(out, "CS: %04llx  SS: %04llx\n",
		      (unsigned long long)(regs->r[X_CS] & 0xffff),
		      (unsigned long long)(regs->r[X_SS] & 0xffff));
}

const struct unwind_arch unwind_arch_x86_64 = {
	.arch = &vr_arch_x86_64,
	.method = "ORC",
	.pc_label = "RIP",
	.regs = x86_64_regs,
	.nr_regs = ARRAY_SIZE(x86_64_regs),
	.pc_reg = X_IP,
	.sp_reg = X_SP,
	.fp_reg = X_BP,
	.arch_size = sizeof(struct x86_64_data),
	.init = x86_64_init,
	.fini = x86_64_fini,
	.task_start = x86_64_task_start,
	.regs_start = x86_64_regs_start,
	.user_mode = x86_64_user_mode,
	.step = x86_64_step,
	.print_regs = x86_64_print_regs,
};
