// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/cgroup: kernel/cgroup/cgroup.c proc_cgroup_show(), one line
 * per hierarchy of cgroup_roots (newest first, list_add at the head):
 *
 *	hierarchy-id:controllers[,name=NAME]:path
 *
 * "0::/path" for the default (v2) hierarchy, shown only once cgroup2 was
 * mounted (cgrp_dfl_visible).  Paths as a reader in the initial cgroup
 * namespace sees them.
 */
#include "vr/cgroup.h"
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/list.h"
#include "vr/task_info.h"

/* include/linux/cgroup-defs.h: CSS_ONLINE in cgroup_subsys_state.flags */
#define CSS_ONLINE	(1 << 1)

/* The legacy_name of each controller in @root->subsys_mask, ','-joined. */
static struct vr_error *show_controllers(struct kobj root, struct strbuf *out,
					 int *count)
{
	struct vr_program *prog = root.prog;
	struct kobj subsys = kobj_var(prog, "cgroup_subsys");
	struct vr_error *err = kobj_error(&subsys);
	uint64_t mask = kobj_member_u64(root, "subsys_mask", &err);
	uint64_t n;

	if (err)
		return err;
	/* for_each_subsys(): CGROUP_SUBSYS_COUNT entries */
	n = vr_type_unqualified(subsys.type)->length;
	for (uint64_t ssid = 0; ssid < n && ssid < 64 && !err; ssid++) {
		char name[64];

		if (!(mask & (1ULL << ssid)))
			continue;
		err = kobj_read_cstr(kobj_member(kobj_deref(kobj_index(subsys,
			ssid)), "legacy_name"), name, sizeof(name));
		if (!err)
			strbuf_printf(out, "%s%s", (*count)++ ? "," : "", name);
	}
	return err;
}

static struct vr_error *show_root(struct kobj task, struct kobj root,
				  uint64_t dfl_root, struct strbuf *out)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	uint64_t r = kobj_addr(&root), cgrp, flags;
	bool dfl = r == dfl_root;
	int64_t id = kobj_member_s64(root, "hierarchy_id", &err);
	char name[64];
	int count = 0;

	cgrp = task_cgroup_from_root(task, r, &err);
	flags = kobj_member_u64(task, "flags", &err);
	if (!err)
		err = kobj_read_cstr(kobj_member(root, "name"), name,
				     sizeof(name));
	/* v6.7+ skips a root already unmounted (no cgroup for the task). */
	if (err || !cgrp)
		return err;
	strbuf_printf(out, "%d:", (int)id);
	if (!dfl)
		err = show_controllers(root, out, &count);
	if (err)
		return err;
	if (name[0])
		strbuf_printf(out, "%sname=%s", count ? "," : "", name);
	strbuf_putc(out, ':');
	/* A zombie is in the root cgroup of the v1 hierarchies. */
	if (dfl || !(flags & PF_EXITING))
		err = cgroup_path(prog, cgrp, out);
	else
		strbuf_putc(out, '/');
	if (err)
		return err;
	/* cgroup_is_dead(): !(cgrp->self.flags & CSS_ONLINE) */
	if (dfl && !(kobj_member_u64(kobj_at(prog, "struct cgroup", cgrp),
				     "self.flags", &err) & CSS_ONLINE))
		strbuf_puts(out, " (deleted)");
	strbuf_putc(out, '\n');
	return err;
}

static struct vr_error *emit_cgroup(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj task = find_task(prog, ctx->id);
	struct kobj roots = kobj_var(prog, "cgroup_roots");
	struct kobj visible = kobj_var(prog, "cgrp_dfl_visible");
	struct vr_error *err = NULL;
	uint64_t dfl_root = 0, vis = 0;
	struct list_iter it;
	struct kobj root;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!kobj_ok(&roots))
		return emit_stub(ctx, "the kernel has no cgroups "
				 "(CONFIG_CGROUPS is off)");
	err = vr_program_symbol(prog, "cgrp_dfl_root", &dfl_root);
	if (!err)
		err = kobj_read_u64(visible, &vis);
	if (err)
		return err;
	list_for_each_entry(&it, root, prog, kobj_addr(&roots),
			    "struct cgroup_root", "root_list") {
		if (kobj_addr(&root) == dfl_root && !vis)
			continue;
		err = show_root(task, root, dfl_root, &ctx->out);
		if (err)
			return err;
	}
	return it.err;
}

static const struct emitter proc_pid_cgroup = {
	.path = "proc/{pid}/cgroup",
	.enumerator = "pid",
	.emit = emit_cgroup,
};
EMITTER(proc_pid_cgroup);
