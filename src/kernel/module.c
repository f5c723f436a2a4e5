// SPDX-License-Identifier: GPL-2.0-or-later
/* struct module helpers (kernel/module/). */
#include <stdio.h>
#include <string.h>

#include "vr/kernel.h"

uint64_t modules_head(struct vr_program *prog)
{
	struct kobj head = kobj_var(prog, "modules");

	return kobj_addr(&head);
}

static struct vr_error *add_size(struct kobj size_obj, uint64_t *total)
{
	uint64_t v;
	struct vr_error *err = kobj_read_u64(size_obj, &v);

	if (!err)
		*total += v;
	return err;
}

struct vr_error *module_total_size(struct kobj mod, uint64_t *size)
{
	struct kobj mem = kobj_member(mod, "mem");
	struct vr_error *err;
	uint64_t total = 0;

	/* v6.4+: module_total_size() sums mod->mem[type].size. */
	if (kobj_ok(&mem)) {
		uint64_t n = vr_type_unqualified(mem.type)->length;

		for (uint64_t i = 0; i < n; i++) {
			err = add_size(kobj_member(kobj_index(mem, i), "size"),
				       &total);
			if (err)
				return err;
		}
		*size = total;
		return NULL;
	}
	/* Before v6.4: core_layout + init_layout (+ data_layout, v6.2-6.3). */
	err = add_size(kobj_member(mod, "core_layout.size"), &total);
	if (!err)
		err = add_size(kobj_member(mod, "init_layout.size"), &total);
	if (!err && kobj_has_member(mod.prog, "struct module", "data_layout"))
		err = add_size(kobj_member(mod, "data_layout.size"), &total);
	if (!err)
		*size = total;
	return err;
}

struct vr_error *module_text_base(struct kobj mod, uint64_t *base)
{
	struct kobj mem = kobj_member(mod, "mem");
	int64_t text = 0;

	/* v6.4+: mod->mem[MOD_TEXT].base; before: mod->core_layout.base. */
	if (kobj_ok(&mem)) {
		const struct vr_type *e;
		struct vr_error *err = vr_debuginfo_find_type(mod.prog->dbg,
							      "enum mod_mem_type",
							      &e);

		if (err)
			return err;
		if (!vr_type_enum_value(e, "MOD_TEXT", &text))
			return vr_error_create(VR_ERR_NOT_FOUND, "no MOD_TEXT");
		return kobj_read_u64(kobj_member(kobj_index(mem, (uint64_t)text),
						 "base"), base);
	}
	return kobj_read_u64(kobj_member(mod, "core_layout.base"), base);
}

/* include/linux/module.h: MODULE_REF_BASE is 1 (v4.2+). */
#define MODULE_REF_BASE 1

struct vr_error *module_refcount(struct kobj mod, int64_t *ret)
{
	int64_t v;
	struct vr_error *err = kobj_read_s64(kobj_member(mod, "refcnt.counter"),
					     &v);

	if (!err)
		*ret = v - MODULE_REF_BASE;
	return err;
}

const char *module_state_name(struct kobj mod)
{
	struct kobj state = kobj_member(mod, "state");
	int64_t v;
	struct vr_error *err = kobj_read_s64(state, &v);

	if (err) {
		vr_error_destroy(err);
		return NULL;
	}
	return vr_type_enum_name(state.type, v);
}

/*
 * kernel/panic.c taint_flags[]: per taint bit, its letter and whether it
 * applies to modules.
 */
struct vr_error *module_taint_letters(struct kobj mod, char *buf, size_t size)
{
	struct kobj flags = kobj_var(mod.prog, "taint_flags");
	uint64_t taints, n;
	size_t len = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(mod, "taints"),
					     &taints);

	if (err)
		return err;
	buf[0] = '\0';
	if (!taints)
		return NULL;
	if (!kobj_ok(&flags))
		return kobj_error(&flags);
	n = vr_type_unqualified(flags.type)->length;
	for (uint64_t i = 0; i < n && i < 64 && len + 1 < size; i++) {
		struct kobj f = kobj_index(flags, i);
		uint64_t c_true, module;

		if (!(taints & (1ULL << i)))
			continue;
		err = kobj_read_u64(kobj_member(f, "module"), &module);
		if (!err)
			err = kobj_read_u64(kobj_member(f, "c_true"), &c_true);
		if (err)
			return err;
		if (module)
			buf[len++] = (char)c_true;
	}
	buf[len] = '\0';
	return NULL;
}
