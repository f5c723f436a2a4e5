// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/mountinfo: fs/proc_namespace.c show_mountinfo() for each
 * mount of the task's mount namespace (task->nsproxy->mnt_ns), as the
 * task's root (task->fs->root) sees it (mounts_open_common()):
 *
 *	id parent maj:min root mountpoint mnt-opts [tags] - type source sb-opts
 *
 * A mount not under the root is skipped (seq_path_root() gives
 * SEQ_SKIP).  The same from v6.1 to v6.12 (v6.6 renamed show_mnt_opts()
 * show_vfsmnt_opts() and v6.12 moved show_path into a helper, neither
 * changing the text).  A task without a mount namespace or fs (an exited
 * one) has no file: the open fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/kernel.h"
#include "vr/mount.h"
#include "vr/mount_show.h"
#include "vr/task_info.h"

/* include/linux/mount.h (the same from v2.6.15 to v6.12) */
#define MNT_SHARED	0x1000
#define MNT_UNBINDABLE	0x2000

/* Bound on a chain of mnt_master and a peer group (mnt_share). */
#define MNT_PEERS_MAX	VR_MOUNTS_MAX

struct mountinfo_state {
	struct vr_program *prog;
	uint64_t ns;			/* the task's struct mnt_namespace */
	uint64_t root_dentry, root_mnt;	/* the task's root */
	struct show_options_ctx opts;
};

/* is_path_reachable(m, m->mnt.mnt_root, root), as __d_path() finds it. */
static bool mount_reachable(struct mountinfo_state *s, struct kobj m,
			    struct vr_error **err)
{
	struct strbuf tmp = STRBUF_INIT;
	uint64_t root = kobj_member_u64(m, "mnt.mnt_root", err);
	bool reachable = false;

	if (!*err)
		*err = d_path_root(s->prog, root, mount_vfsmnt(m),
				   s->root_dentry, s->root_mnt, "", &tmp,
				   &reachable);
	strbuf_free(&tmp);
	return !*err && reachable;
}

/* fs/pnode.c get_peer_under_root(): a peer of @mnt in @ns under root. */
static uint64_t get_peer_under_root(struct mountinfo_state *s, uint64_t mnt,
				    struct vr_error **err)
{
	uint64_t m = mnt, off;

	if (!kobj_offsetof(s->prog, "struct mount", "mnt_share", &off)) {
		*err = vr_error_create(VR_ERR_NOT_FOUND, "no mount.mnt_share");
		return 0;
	}
	for (unsigned long n = 0; !*err && n < MNT_PEERS_MAX; n++) {
		struct kobj k = kobj_at(s->prog, "struct mount", m);

		if (kobj_member_u64(k, "mnt_ns", err) == s->ns &&
		    mount_reachable(s, k, err))
			return m;
		/* next_peer(): list_entry(p->mnt_share.next, ...) */
		m = kobj_member_u64(k, "mnt_share.next", err) - off;
		if (m == mnt)
			return 0;
	}
	if (!*err)
		*err = vr_error_create(VR_ERR_LIMIT, "peer group too long");
	return 0;
}

/* fs/pnode.c get_dominating_id() */
static int64_t get_dominating_id(struct mountinfo_state *s, struct kobj r,
				 struct vr_error **err)
{
	uint64_t m = kobj_member_u64(r, "mnt_master", err);

	for (unsigned long n = 0; m && !*err && n < MNT_PEERS_MAX; n++) {
		uint64_t d = get_peer_under_root(s, m, err);

		if (d)
			return kobj_member_s64(kobj_at(s->prog, "struct mount",
						       d), "mnt_group_id", err);
		m = kobj_member_u64(kobj_at(s->prog, "struct mount", m),
				    "mnt_master", err);
	}
	return 0;
}

/* Tagged fields: shared:X, master:X, propagate_from:X, unbindable. */
static void show_tags(struct mountinfo_state *s, struct kobj r,
		      uint64_t mnt_flags, struct strbuf *line,
		      struct vr_error **err)
{
	int64_t master, dom;

	if (mnt_flags & MNT_SHARED)
		strbuf_printf(line, " shared:%d", (int)kobj_member_s64(r,
			      "mnt_group_id", err));
	if (kobj_member_u64(r, "mnt_master", err)) {
		master = kobj_member_s64(r, "mnt_master->mnt_group_id", err);
		dom = get_dominating_id(s, r, err);
		strbuf_printf(line, " master:%d", (int)master);
		if (dom && dom != master)
			strbuf_printf(line, " propagate_from:%d", (int)dom);
	}
	if (mnt_flags & MNT_UNBINDABLE)
		strbuf_puts(line, " unbindable");
}

/* show_type(): type[.subtype] */
static struct vr_error *show_type(struct vr_program *prog, struct kobj sb,
				  struct strbuf *line)
{
	struct vr_error *err = NULL;
	uint64_t type_name = kobj_member_u64(sb, "s_type->name", &err);
	uint64_t subtype = kobj_member_u64(sb, "s_subtype", &err);

	if (!err)
		err = mnt_mangle_at(prog, type_name, line);
	if (!err && subtype) {
		strbuf_putc(line, '.');
		err = mnt_mangle_at(prog, subtype, line);
	}
	return err;
}

/*
 * sb->s_op->show_path (kernfs: cgroup's, for a cgroup mounted below its
 * root) and show_devname (nfs, cifs, ...) are not rebuilt: the dentry's
 * path and mnt_devname stand for them, and the trailing line says so.
 */
static void name_unknown(struct mountinfo_state *s, struct kobj sb,
			 const char *what)
{
	char t[64], buf[128];
	struct vr_error *err = kobj_read_cstr(kobj_member(sb, "s_type->name"),
					      t, sizeof(t));

	if (err) {
		vr_error_destroy(err);
		snprintf(t, sizeof(t), "?");
	}
	snprintf(buf, sizeof(buf), "%s (%s)", t, what);
	show_options_unknown(&s->opts, buf);
}

static struct vr_error *show_paths(struct mountinfo_state *s, struct kobj r,
				   struct kobj sb, uint64_t mnt_root,
				   struct strbuf *line, bool *reachable)
{
	struct vr_error *err = NULL;
	uint64_t show_path = kobj_member_u64(sb, "s_op->show_path", &err);

	if (err)
		return err;
	/* kernfs_sop_show_path() prints the dentry's path unless cgroup's */
	if (show_path && kobj_member_u64(sb, "s_root", &err) != mnt_root &&
	    !err)
		name_unknown(s, sb, "root path");
	err = err ? err : seq_dentry(s->prog, mnt_root, " \t\n\\", line);
	if (err)
		return err;
	strbuf_putc(line, ' ');
	return d_path_root(s->prog, mnt_root, mount_vfsmnt(r), s->root_dentry,
			   s->root_mnt, " \t\n\\", line, reachable);
}

static struct vr_error *show_mountinfo(void *state, uint64_t mount,
				       struct strbuf *line)
{
	struct mountinfo_state *s = state;
	struct vr_program *prog = s->prog;
	struct kobj r = kobj_at(prog, "struct mount", mount);
	struct kobj vfsmnt = kobj_member(r, "mnt");
	struct vr_error *err = NULL;
	uint64_t mnt_root = kobj_member_u64(vfsmnt, "mnt_root", &err);
	uint64_t mnt_flags = kobj_member_u64(vfsmnt, "mnt_flags", &err);
	uint64_t devname = kobj_member_u64(r, "mnt_devname", &err);
	struct kobj sb = kobj_deref(kobj_member(vfsmnt, "mnt_sb"));
	uint64_t dev = kobj_member_u64(sb, "s_dev", &err);
	uint64_t s_flags = kobj_member_u64(sb, "s_flags", &err);
	int64_t id = kobj_member_s64(r, "mnt_id", &err);
	int64_t parent = kobj_member_s64(r, "mnt_parent->mnt_id", &err);
	bool reachable, idmapped;

	if (err)
		return err;
	strbuf_printf(line, "%d %d %u:%u ", (int)id, (int)parent,
		      vr_major((uint32_t)dev), vr_minor((uint32_t)dev));
	err = show_paths(s, r, sb, mnt_root, line, &reachable);
	if (err || !reachable) {
		strbuf_reset(line);
		return err;
	}
	strbuf_puts(line, mnt_flags & MNT_READONLY ? " ro" : " rw");
	idmapped = mnt_is_idmapped(vfsmnt, &err);
	mnt_show_mnt_opts(line, mnt_flags, idmapped);
	show_tags(s, r, mnt_flags, line, &err);
	if (err)
		return err;
	strbuf_puts(line, " - ");
	err = show_type(prog, sb, line);
	if (err)
		return err;
	strbuf_putc(line, ' ');
	if (kobj_member_u64(sb, "s_op->show_devname", &err))
		name_unknown(s, sb, "device name");
	if (!err && devname)
		err = mnt_mangle_at(prog, devname, line);
	else if (!err)
		strbuf_puts(line, "none");
	if (err)
		return err;
	/* sb_rdonly() */
	strbuf_puts(line, s_flags & SB_RDONLY ? " ro" : " rw");
	mnt_show_sb_opts(line, s_flags);
	err = sb_show_options(sb, &s->opts, line);
	if (!err)
		strbuf_putc(line, '\n');
	return err;
}

/* mounts_open_common(): the task's namespace and root. */
static struct vr_error *task_ns_root(struct emit_ctx *ctx, struct kobj task,
				     struct mountinfo_state *s, bool *none)
{
	struct vr_error *err = NULL;
	uint64_t nsproxy = kobj_member_u64(task, "nsproxy", &err);
	uint64_t fs = kobj_member_u64(task, "fs", &err);

	*none = false;
	if (!err && nsproxy)
		s->ns = kobj_member_u64(task, "nsproxy->mnt_ns", &err);
	if (err)
		return err;
	if (!nsproxy || !s->ns || !fs) {
		*none = true;
		return emit_stub(ctx, "the task has exited (no mount "
				 "namespace or root): the kernel has no file");
	}
	s->root_dentry = kobj_member_u64(task, "fs->root.dentry", &err);
	s->root_mnt = kobj_member_u64(task, "fs->root.mnt", &err);
	return err;
}

static struct vr_error *emit_mountinfo(struct emit_ctx *ctx)
{
	struct mountinfo_state s = { .prog = ctx->prog };
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err;
	bool none;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	err = task_ns_root(ctx, task, &s, &none);
	if (err || none)
		return err;
	return mnt_show_each(ctx->prog,
			     kobj_at(ctx->prog, "struct mnt_namespace", s.ns),
			     &s.opts, show_mountinfo, &s, &ctx->out);
}

static const struct emitter proc_pid_mountinfo = {
	.path = "proc/{pid}/mountinfo",
	.enumerator = "pid",
	.emit = emit_mountinfo,
};
EMITTER(proc_pid_mountinfo);
