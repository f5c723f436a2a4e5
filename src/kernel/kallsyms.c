// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's kallsyms, decoded from the dump once per program.
 *
 * The tables are found by VMCOREINFO (SYMBOL(kallsyms_*), v6.0+, commit
 * 5fd8fea935a1), else by the vmlinux's symbols plus the KASLR offset,
 * else (an older kernel, no vmlinux) by their layout in the kernel image
 * (kallsyms_locate.c), and read from the dumped memory, where the
 * relocated pointers (kallsyms_relative_base, kallsyms_addresses[]) hold
 * their run-time values.  A page the dump lacks is read from the vmlinux
 * file instead, its pointers relocated by the KASLR offset.
 */
#include <stdlib.h>

#include "vr/kallsyms.h"
#include "vr/kallsyms_locate.h"
#include "vr/program.h"
#include "vr/util.h"

/* Run-time address of kallsyms table @name, 0 if neither source has it. */
static uint64_t table_addr(struct vr_program *prog, const char *name)
{
	struct vr_error *err;
	uint64_t addr = 0;

	if (prog->vmcoreinfo && vr_vmcoreinfo_symbol(prog->vmcoreinfo, name,
						     &addr))
		return addr;
	if (!prog->dbg)
		return 0;
	err = vr_program_symbol(prog, name, &addr);
	vr_error_destroy(err);
	return err ? 0 : addr;
}

struct reader {
	struct vr_program *prog;
	const struct vr_kallsyms_tables *t;
};

/* Add the KASLR offset to each pointer of @buf, read from the vmlinux. */
static void relocate(struct vr_program *prog, uint8_t *buf, size_t len)
{
	unsigned int size = prog->ptr_size;

	for (size_t off = 0; off + size <= len; off += size) {
		uint64_t v = vr_get_uint(buf + off, size, prog->big_endian) +
			     prog->kaslr_offset;

		for (unsigned int i = 0; i < size; i++) {
			unsigned int shift = 8 * (prog->big_endian ?
						  size - 1 - i : i);

			buf[off + i] = (uint8_t)(v >> shift);
		}
	}
}

/*
 * The dump, else the vmlinux file.  The decoder reads a pointer table
 * (kallsyms_relative_base, kallsyms_addresses) in one read from its
 * start: those reads get relocated.
 */
static struct vr_error *read_fn(void *ctx, uint64_t addr, void *buf,
				size_t len)
{
	struct reader *r = ctx;
	struct vr_program *prog = r->prog;
	struct vr_error *err = vr_program_read(prog, addr, buf, len);
	struct vr_error *file_err;

	if (!err || err == &vr_enomem || !prog->dbg)
		return err;
	file_err = vr_debuginfo_read(prog->dbg, addr - prog->kaslr_offset, buf,
				     len);
	if (file_err) {
		vr_error_destroy(file_err);
		return err;
	}
	vr_error_destroy(err);
	if (addr == r->t->relative_base || addr == r->t->addresses)
		relocate(prog, buf, len);
	return NULL;
}

/*
 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU (x86_64 SMP, v4.6 until its removal in
 * v6.15): per-CPU symbols have absolute, non-negative offsets, the others
 * negative ones from kallsyms_relative_base - 1.  The last (highest)
 * symbol is never per-CPU, so its offset is negative exactly then;
 * without it every offset is an unsigned distance below 2 GiB.
 */
static bool absolute_percpu(struct reader *r)
{
	bool be = r->prog->big_endian;
	struct vr_error *err;
	uint8_t raw[4];
	uint32_t num;

	err = read_fn(r, r->t->num_syms, raw, sizeof(raw));
	if (err)
		goto fail;
	num = vr_get32(raw, be);
	if (!num)
		return false;
	err = read_fn(r, r->t->offsets + (uint64_t)(num - 1) * 4, raw,
		      sizeof(raw));
	if (err)
		goto fail;
	return (int32_t)vr_get32(raw, be) < 0;
fail:
	/* The decoder will say what is wrong. */
	vr_error_destroy(err);
	return false;
}

/*
 * Before v6.0 VMCOREINFO names no table, but has long had SYMBOL(_stext)
 * and SYMBOL(init_uts_ns): the tables are in .rodata, between the two
 * (init_uts_ns is in .data), searched from init_uts_ns down.
 */
static struct vr_error *kallsyms_locate(struct vr_program *prog,
					struct vr_kallsyms_tables *t,
					struct vr_kallsyms **ret)
{
	struct vr_kallsyms_area area = { 0 };
	struct reader r = { .prog = prog, .t = t };
	struct vr_error *err;

	if (prog->vmcoreinfo) {
		vr_vmcoreinfo_symbol(prog->vmcoreinfo, "_stext", &area.stext);
		vr_vmcoreinfo_symbol(prog->vmcoreinfo, "init_uts_ns",
				     &area.init_uts_ns);
	}
	area.start = area.stext;
	area.end = area.init_uts_ns;
	if (area.stext && (area.end <= area.stext ||
			   area.end - area.stext > VR_KALLSYMS_SCAN_MAX))
		area.end = area.stext + VR_KALLSYMS_SCAN_MAX;
	else if (!area.stext && area.end > VR_KALLSYMS_SCAN_MAX)
		area.start = area.end - VR_KALLSYMS_SCAN_MAX;
	if (!area.end)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no kallsyms table address in VMCOREINFO, no vmlinux, and no _stext or init_uts_ns to search from");
	err = vr_kallsyms_locate(read_fn, &r, &area, prog->big_endian,
				 prog->ptr_size, t, ret);
	if (err)
		return err;
	vr_program_log(prog, "kallsyms: tables found by their layout in 0x%llx..0x%llx (no address in VMCOREINFO, no vmlinux): kallsyms_names at 0x%llx, kallsyms_token_table at 0x%llx",
		       (unsigned long long)area.start,
		       (unsigned long long)area.end,
		       (unsigned long long)t->names,
		       (unsigned long long)t->token_table);
	return NULL;
}

static struct vr_error *kallsyms_load(struct vr_program *prog,
				      struct vr_kallsyms **ret)
{
	struct vr_kallsyms_tables t = {
		.num_syms = table_addr(prog, "kallsyms_num_syms"),
		.names = table_addr(prog, "kallsyms_names"),
		.token_table = table_addr(prog, "kallsyms_token_table"),
		.token_index = table_addr(prog, "kallsyms_token_index"),
		.offsets = table_addr(prog, "kallsyms_offsets"),
		.relative_base = table_addr(prog, "kallsyms_relative_base"),
	};
	struct reader r = { .prog = prog, .t = &t };
	uint64_t addr;

	if (!t.names)
		return kallsyms_locate(prog, &t, ret);
	vr_program_log(prog, "kallsyms: table addresses from %s",
		       prog->vmcoreinfo &&
		       vr_vmcoreinfo_symbol(prog->vmcoreinfo, "kallsyms_names",
					    &addr) ?
		       "VMCOREINFO" : "the vmlinux's symbols");
	/* !CONFIG_KALLSYMS_BASE_RELATIVE (before v6.11): absolute PTRs. */
	if (!t.offsets)
		t.addresses = table_addr(prog, "kallsyms_addresses");
	else if (t.num_syms && t.relative_base)
		t.absolute_percpu = absolute_percpu(&r);
	return vr_kallsyms_decode(read_fn, &r, &t, prog->big_endian,
				  prog->ptr_size, ret);
}

struct vr_error *vr_program_kallsyms(struct vr_program *prog,
				     const struct vr_kallsyms **ret)
{
	struct vr_error *err;

	if (prog->kallsyms) {
		*ret = prog->kallsyms;
		return NULL;
	}
	if (prog->kallsyms_failed && prog->kallsyms_failed_root == prog->pt_root)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "the kernel's kallsyms could not be read");
	err = kallsyms_load(prog, &prog->kallsyms);
	if (err == &vr_enomem)
		return err;
	if (err) {
		prog->kallsyms_failed = true;
		prog->kallsyms_failed_root = prog->pt_root;
		vr_program_log(prog, "kallsyms: %s", err->message);
		return err;
	}
	*ret = prog->kallsyms;
	return NULL;
}
