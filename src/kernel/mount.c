// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mounts: the mounts of a namespace (fs/namespace.c m_start(), m_next())
 * and __d_path() of fs/d_path.c (__prepend_path()), which seq_path_root()
 * uses for /proc/mounts.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/fs.h"
#include "vr/kernel.h"
#include "vr/list.h"
#include "vr/mount.h"
#include "vr/task_info.h"
#include "vr/tree.h"

struct vr_error *init_mnt_ns(struct vr_program *prog, struct kobj *ns)
{
	struct kobj task = find_task(prog, 1);

	if (!kobj_ok(&task))
		task = kobj_var(prog, "init_task");
	*ns = kobj_deref(kobj_member(task, "nsproxy->mnt_ns"));
	return kobj_error(ns);
}

struct kobj real_mount(struct vr_program *prog, uint64_t vfsmnt)
{
	return kobj_container_of_addr(prog, vfsmnt, "struct mount", "mnt");
}

uint64_t mount_vfsmnt(struct kobj mnt)
{
	struct kobj v = kobj_member(mnt, "mnt");

	return kobj_addr(&v);
}

struct mount_list {
	uint64_t *v;
	size_t n, cap;
	struct vr_error *err;
};

static bool add_mount(struct mount_list *l, uint64_t mnt)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		uint64_t *v;

		if (cap > VR_MOUNTS_MAX) {
			l->err = vr_error_create(VR_ERR_LIMIT,
						 "more than %lu mounts",
						 VR_MOUNTS_MAX);
			return false;
		}
		v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->err = &vr_enomem;
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = mnt;
	return true;
}

struct rb_walk {
	struct vr_program *prog;
	uint64_t node_off;	/* offsetof(struct mount, mnt_node) */
	struct mount_list *l;
};

static bool visit_mount_node(void *arg, uint64_t first, uint64_t last,
			     uint64_t node)
{
	struct rb_walk *w = arg;

	(void)first;
	(void)last;
	return add_mount(w->l, node - w->node_off);
}

/* v6.8+: ns->mounts, an rbtree of mount.mnt_node by mnt_id_unique. */
static struct vr_error *mounts_rbtree(struct kobj ns, struct mount_list *l)
{
	struct kobj root = kobj_member(ns, "mounts");
	struct rb_walk w = { .prog = ns.prog, .l = l };
	struct vr_error *err;

	if (!kobj_ok(&root))
		return kobj_error(&root);
	if (!kobj_offsetof(ns.prog, "struct mount", "mnt_node", &w.node_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no mount.mnt_node");
	err = rbtree_for_each(ns.prog, kobj_addr(&root), visit_mount_node, &w);
	return err ? err : l->err;
}

/* Before v6.8: ns->list of mount.mnt_list, with readers' cursors in it. */
static struct vr_error *mounts_list(struct kobj ns, struct mount_list *l)
{
	struct kobj head = kobj_member(ns, "list");
	struct list_iter it;
	struct kobj mnt;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	list_for_each_entry(&it, mnt, ns.prog, kobj_addr(&head),
			    "struct mount", "mnt_list") {
		struct vr_error *err = NULL;
		uint64_t flags = kobj_member_u64(mnt, "mnt.mnt_flags", &err);

		if (err)
			return err;
		/* mnt_is_cursor() (v5.8+): not a mount. */
		if (flags & MNT_CURSOR)
			continue;
		if (!add_mount(l, kobj_addr(&mnt)))
			return l->err;
	}
	return it.err;
}

struct vr_error *mnt_ns_mounts(struct kobj ns, uint64_t **mounts,
			       size_t *count)
{
	struct mount_list l = { 0 };
	struct vr_error *err;

	if (!kobj_ok(&ns))
		return kobj_error(&ns);
	if (kobj_has_member(ns.prog, "struct mnt_namespace", "list"))
		err = mounts_list(ns, &l);
	else
		err = mounts_rbtree(ns, &l);
	if (err) {
		free(l.v);
		return err;
	}
	*mounts = l.v;
	*count = l.n;
	return NULL;
}

void seq_escape(struct strbuf *out, const char *s, const char *esc)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (strchr(esc, c))
			strbuf_printf(out, "\\%03o", c);
		else
			strbuf_putc(out, (char)c);
	}
}

