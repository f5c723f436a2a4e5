// SPDX-License-Identifier: GPL-2.0-or-later
/* struct module helpers (kernel/module/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kernel.h"
#include "vr/panic.h"
#include "vr/tree.h"

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

/* enum mod_mem_type (v6.4+), the type of struct module's mem[]. */
static struct vr_error *mod_mem_type(struct vr_program *prog,
				     const struct vr_type **e)
{
	return vr_debuginfo_find_type(prog->dbg, "enum mod_mem_type", e);
}

struct vr_error *module_text_base(struct kobj mod, uint64_t *base)
{
	struct kobj mem = kobj_member(mod, "mem");
	int64_t text = 0;

	/* v6.4+: mod->mem[MOD_TEXT].base; before: mod->core_layout.base. */
	if (kobj_ok(&mem)) {
		const struct vr_type *e;
		struct vr_error *err = mod_mem_type(mod.prog, &e);

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
 * module_flags_taint(): the letter of each taint bit set in mod->taints
 * that applies to modules, in the order of kernel/panic.c taint_flags[].
 */
struct vr_error *module_taint_letters(struct kobj mod, char *buf, size_t size)
{
	struct taint_state *ts;
	uint64_t taints;
	size_t len = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(mod, "taints"),
					     &taints);

	if (err)
		return err;
	buf[0] = '\0';
	if (!taints)
		return NULL;
	ts = malloc(sizeof(*ts));
	if (!ts)
		return &vr_enomem;
	err = taint_state_read(mod.prog, ts);
	for (unsigned int i = 0; !err && i < ts->count && len + 1 < size; i++) {
		const struct taint_flag *f = &ts->flags[i];

		if (f->module && f->bit < 64 && (taints & (1ULL << f->bit)))
			buf[len++] = f->c_true;
	}
	buf[len] = '\0';
	free(ts);
	return err;
}

struct vr_error *module_coresize(struct kobj mod, uint64_t *size)
{
	struct kobj mem = kobj_member(mod, "mem");
	const struct vr_type *e;
	struct vr_error *err;
	uint64_t total = 0, n;

	/* Before v6.4: show_coresize() prints core_layout.size. */
	if (!kobj_ok(&mem))
		return kobj_read_u64(kobj_member(mod, "core_layout.size"),
				     size);
	/*
	 * v6.4+: mem[MOD_TEXT] plus the core data types (MOD_DATA,
	 * MOD_RODATA, MOD_RO_AFTER_INIT): every type but the MOD_INIT_ ones.
	 * CONFIG_ARCH_WANTS_MODULES_DATA_IN_VMALLOC, which leaves the data
	 * out, is ppc32 only.
	 */
	err = mod_mem_type(mod.prog, &e);
	if (err)
		return err;
	n = vr_type_unqualified(mem.type)->length;
	for (uint64_t i = 0; i < n; i++) {
		const char *name = vr_type_enum_name(e, (int64_t)i);

		if (!name || !strncmp(name, "MOD_INIT_", 9))
			continue;
		err = add_size(kobj_member(kobj_index(mem, i), "size"), &total);
		if (err)
			return err;
	}
	*size = total;
	return NULL;
}

struct holders_walk {
	struct vr_program *prog;
	bool (*fn)(void *arg, const char *name);
	void *arg;
	struct vr_error *err;
};

static bool visit_holder(void *arg, uint64_t first, uint64_t last,
			 uint64_t node)
{
	struct holders_walk *w = arg;
	struct kobj kn = kobj_container_of_addr(w->prog, node,
						"struct kernfs_node", "rb");
	char name[MODULE_NAME_LEN + 1];
	int64_t active;

	(void)first;
	(void)last;
	w->err = kobj_read_s64(kobj_member(kn, "active.counter"), &active);
	/* kernfs_fop_readdir() shows active nodes only (kernfs_active()). */
	if (!w->err && active < 0)
		return true;
	if (!w->err)
		w->err = kobj_read_cstr(kobj_member(kn, "name"), name,
					sizeof(name));
	return !w->err && w->fn(w->arg, name);
}

struct vr_error *module_for_each_holder(struct kobj mod,
					bool (*fn)(void *arg, const char *name),
					void *arg)
{
	struct holders_walk w = { .prog = mod.prog, .fn = fn, .arg = arg };
	struct kobj dir = kobj_member(mod, "holders_dir");
	struct kobj children;
	uint64_t kobj_addr_v;
	struct vr_error *err = kobj_read_u64(dir, &kobj_addr_v);

	if (err)
		return err;
	/* No holders/ directory (a module still being set up): no holders. */
	if (!kobj_addr_v)
		return NULL;
	children = kobj_member(dir, "sd->dir.children");
	if (!kobj_ok(&children))
		return kobj_error(&children);
	err = rbtree_for_each(mod.prog, kobj_addr(&children), visit_holder, &w);
	return err ? err : w.err;
}
