// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/mounts: fs/proc_namespace.c show_vfsmnt() for each mount of the
 * mount namespace of pid 1, as pid 1 (its root) reads it:
 *
 *	devname path type[.subtype] rw|ro[,sb opts][,mnt opts][,fs opts] 0 0
 *
 * A mount not under the reader's root is skipped (seq_path_root() gives
 * SEQ_SKIP).  The filesystem's own options come from sb_show_options();
 * those it does not know are named on a trailing partial line.  The
 * parts /proc/<pid>/mountinfo prints too come from vr/mount_show.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/mount.h"
#include "vr/mount_show.h"
#include "vr/task_info.h"

struct mounts_state {
	struct vr_program *prog;
	uint64_t root_dentry, root_mnt;	/* the reader's root */
	struct show_options_ctx opts;
};

static struct vr_error *show_vfsmnt(void *state, uint64_t mount,
				    struct strbuf *line)
{
	struct mounts_state *s = state;
	struct vr_program *prog = s->prog;
	struct kobj r = kobj_at(prog, "struct mount", mount);
	struct kobj vfsmnt = kobj_member(r, "mnt");
	struct vr_error *err = NULL;
	uint64_t mnt_root = kobj_member_u64(vfsmnt, "mnt_root", &err);
	uint64_t mnt_flags = kobj_member_u64(vfsmnt, "mnt_flags", &err);
	uint64_t devname = kobj_member_u64(r, "mnt_devname", &err);
	struct kobj sb = kobj_member(kobj_at(prog, "struct dentry", mnt_root),
				     "d_sb");
	uint64_t show_devname = kobj_member_u64(sb, "s_op->show_devname", &err);
	uint64_t type_name = kobj_member_u64(sb, "s_type->name", &err);
	uint64_t subtype = kobj_member_u64(sb, "s_subtype", &err);
	uint64_t s_flags = kobj_member_u64(sb, "s_flags", &err);
	bool reachable, idmapped;

	if (err)
		return err;
	/* show_devname (nfs, cifs, ...): mnt_devname, named as unknown. */
	if (devname)
		err = mnt_mangle_at(prog, devname, line);
	else
		strbuf_puts(line, "none");
	if (err)
		return err;
	strbuf_putc(line, ' ');
	err = d_path_root(prog, mnt_root, kobj_addr(&vfsmnt), s->root_dentry,
			  s->root_mnt, " \t\n\\", line, &reachable);
	if (err || !reachable) {
		strbuf_reset(line);
		return err;
	}
	if (show_devname) {
		char t[64], what[96];

		err = vr_program_read_cstr(prog, type_name, t, sizeof(t));
		if (err)
			return err;
		snprintf(what, sizeof(what), "%s (device name)", t);
		show_options_unknown(&s->opts, what);
	}
	strbuf_putc(line, ' ');
	/* show_type() */
	err = mnt_mangle_at(prog, type_name, line);
	if (!err && subtype) {
		strbuf_putc(line, '.');
		err = mnt_mangle_at(prog, subtype, line);
	}
	if (err)
		return err;
	/* __mnt_is_readonly(): MNT_READONLY or sb_rdonly() */
	strbuf_puts(line, (mnt_flags & MNT_READONLY) || (s_flags & SB_RDONLY) ?
		    " ro" : " rw");
	mnt_show_sb_opts(line, s_flags);
	idmapped = mnt_is_idmapped(vfsmnt, &err);
	if (err)
		return err;
	mnt_show_mnt_opts(line, mnt_flags, idmapped);
	err = sb_show_options(sb, &s->opts, line);
	if (err)
		return err;
	strbuf_puts(line, " 0 0\n");
	return NULL;
}

static struct vr_error *emit_mounts(struct emit_ctx *ctx)
{
	struct mounts_state s = { .prog = ctx->prog };
	struct kobj ns, root;
	struct vr_error *err;

	err = init_mnt_ns(ctx->prog, &ns);
	if (!err)
		err = proc_root(ctx->prog, &root);
	if (!err) {
		s.root_dentry = kobj_member_u64(root, "dentry", &err);
		s.root_mnt = kobj_member_u64(root, "mnt", &err);
	}
	if (err)
		return err;
	return mnt_show_each(ctx->prog, ns, &s.opts, show_vfsmnt, &s,
			     &ctx->out);
}

static const struct emitter proc_mounts = {
	.path = "proc/mounts",
	.emit = emit_mounts,
};
EMITTER(proc_mounts);
