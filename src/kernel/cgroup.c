// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cgroups of a task: kernel/cgroup/cgroup.c __cset_cgroup_from_root() and
 * cgroup_path_ns_locked(), fs/kernfs/dir.c kernfs_path_from_node().
 */
#include <stdlib.h>
#include <string.h>

#include "vr/cgroup.h"
#include "vr/list.h"
#include "vr/task_info.h"

uint64_t task_cgroup_from_root(struct kobj task, uint64_t root,
			       struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	uint64_t cset, init_cset = 0, dfl_root = 0, res = 0, off;
	struct list_iter it;
	struct kobj link;

	if (*err)
		return 0;
	/* task_css_set(): task->cgroups */
	cset = kobj_member_u64(task, "cgroups", err);
	if (!*err)
		*err = vr_program_symbol(prog, "init_css_set", &init_cset);
	if (!*err)
		*err = vr_program_symbol(prog, "cgrp_dfl_root", &dfl_root);
	if (*err)
		return 0;
	if (cset == init_cset) {
		struct kobj c = kobj_member(kobj_at(prog, "struct cgroup_root",
						    root), "cgrp");

		return kobj_addr(&c);
	}
	if (root == dfl_root)
		return kobj_member_u64(kobj_at(prog, "struct css_set", cset),
				       "dfl_cgrp", err);
	if (!kobj_offsetof(prog, "struct css_set", "cgrp_links", &off)) {
		*err = vr_error_create(VR_ERR_NOT_FOUND, "no css_set.cgrp_links");
		return 0;
	}
	list_for_each_entry(&it, link, prog, cset + off,
			    "struct cgrp_cset_link", "cgrp_link") {
		if (kobj_member_u64(link, "cgrp->root", err) == root) {
			res = kobj_member_u64(link, "cgrp", err);
			break;
		}
		if (*err)
			break;
	}
	if (!*err && it.err)
		*err = it.err;
	return *err ? 0 : res;
}

/* kn->parent; v6.15 renamed it __parent (RCU-protected). */
static uint64_t kernfs_parent(struct kobj kn, struct vr_error **err)
{
	if (kobj_has_member(kn.prog, "struct kernfs_node", "__parent"))
		return kobj_member_u64(kn, "__parent", err);
	return kobj_member_u64(kn, "parent", err);
}

/*
 * kernfs_path_from_node(kn_to, kn_from) where kn_from is an ancestor of
 * kn_to (the hierarchy's root): "/" then the names below kn_from.
 */
static struct vr_error *kernfs_path_below(struct vr_program *prog,
					  uint64_t kn_to, uint64_t kn_from,
					  struct strbuf *out)
{
	uint64_t nodes[64], *v = nodes;
	struct vr_error *err = NULL;
	size_t n = 0, cap = 64;

	if (kn_to == kn_from) {
		strbuf_putc(out, '/');
		return NULL;
	}
	for (uint64_t kn = kn_to; kn != kn_from && !err;
	     kn = kernfs_parent(kobj_at(prog, "struct kernfs_node", kn), &err)) {
		if (!kn || n >= VR_CGROUP_MAX_DEPTH) {
			err = vr_error_create(VR_ERR_CORRUPT, "cgroup kernfs "
					      "node not under its root");
			break;
		}
		if (n == cap) {
			uint64_t *nv = malloc(cap * 2 * sizeof(*nv));

			if (!nv) {
				err = &vr_enomem;
				break;
			}
			memcpy(nv, v, n * sizeof(*nv));
			if (v != nodes)
				free(v);
			v = nv;
			cap *= 2;
		}
		v[n++] = kn;
	}
	while (!err && n-- > 0) {
		char name[256];

		err = kobj_read_cstr(kobj_member(kobj_at(prog,
			"struct kernfs_node", v[n]), "name"), name, sizeof(name));
		if (!err)
			strbuf_printf(out, "/%s", name);
	}
	if (v != nodes)
		free(v);
	return err;
}

struct vr_error *cgroup_path(struct vr_program *prog, uint64_t cgrp,
			     struct strbuf *out)
{
	struct kobj c = kobj_at(prog, "struct cgroup", cgrp);
	struct vr_error *err = NULL;
	/*
	 * The initial cgroup namespace's root_cset is init_css_set, which is
	 * in every hierarchy's root cgroup: kn_from is cgrp->root->cgrp.kn.
	 */
	uint64_t kn_from = kobj_member_u64(c, "root->cgrp.kn", &err);
	uint64_t kn_to = kobj_member_u64(c, "kn", &err);

	if (err)
		return err;
	if (!kn_to) {
		strbuf_puts(out, "(null)");
		return NULL;
	}
	return kernfs_path_below(prog, kn_to, kn_from, out);
}
