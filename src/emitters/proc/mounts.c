// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/mounts: fs/proc_namespace.c show_vfsmnt() for each mount of the
 * mount namespace of pid 1, as pid 1 (its root) reads it:
 *
 *	devname path type[.subtype] rw|ro[,sb opts][,mnt opts][,fs opts] 0 0
 *
 * A mount not under the reader's root is skipped (seq_path_root() gives
 * SEQ_SKIP).  The filesystem's own options come from sb_show_options();
 * those it does not know are named on a trailing partial line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/mount.h"
#include "vr/task_info.h"

/* show_sb_opts() */
static void show_sb_opts(struct strbuf *out, uint64_t s_flags)
{
	static const struct {
		uint64_t flag;
		const char *str;
	} fs_opts[] = {
		{ SB_SYNCHRONOUS, ",sync" },
		{ SB_DIRSYNC, ",dirsync" },
		{ SB_MANDLOCK, ",mand" },
		{ SB_LAZYTIME, ",lazytime" },
	};

	for (size_t i = 0; i < sizeof(fs_opts) / sizeof(fs_opts[0]); i++) {
		if (s_flags & fs_opts[i].flag)
			strbuf_puts(out, fs_opts[i].str);
	}
}

/* is_idmapped_mnt() */
static bool is_idmapped_mnt(struct kobj vfsmnt, struct vr_error **err)
{
	struct vr_program *prog = vfsmnt.prog;
	const char *member, *initial;
	uint64_t map, init = 0;

	/* v6.3+: mnt_idmap != &nop_mnt_idmap; before: mnt_userns. */
	if (kobj_has_member(prog, "struct vfsmount", "mnt_idmap")) {
		member = "mnt_idmap";
		initial = "nop_mnt_idmap";
	} else if (kobj_has_member(prog, "struct vfsmount", "mnt_userns")) {
		member = "mnt_userns";
		initial = "init_user_ns";
	} else {
		return false;	/* before v5.12: no idmapped mounts */
	}
	map = kobj_member_u64(vfsmnt, member, err);
	if (!*err)
		*err = vr_program_symbol(prog, initial, &init);
	return !*err && map != init;
}

/* show_mnt_opts() (show_vfsmnt_opts() since v6.6) */
static void show_mnt_opts(struct strbuf *out, uint64_t mnt_flags,
			  bool idmapped)
{
	static const struct {
		uint64_t flag;
		const char *str;
	} mnt_opts[] = {
		{ MNT_NOSUID, ",nosuid" },
		{ MNT_NODEV, ",nodev" },
		{ MNT_NOEXEC, ",noexec" },
		{ MNT_NOATIME, ",noatime" },
		{ MNT_NODIRATIME, ",nodiratime" },
		{ MNT_RELATIME, ",relatime" },
		{ MNT_NOSYMFOLLOW, ",nosymfollow" },
	};

	for (size_t i = 0; i < sizeof(mnt_opts) / sizeof(mnt_opts[0]); i++) {
		if (mnt_flags & mnt_opts[i].flag)
			strbuf_puts(out, mnt_opts[i].str);
	}
	if (idmapped)
		strbuf_puts(out, ",idmapped");
}

/* mangle() of a C string at @addr (at most 4096 bytes). */
static struct vr_error *mangle_at(struct vr_program *prog, uint64_t addr,
				  struct strbuf *out)
{
	char buf[4096];
	struct vr_error *err = vr_program_read_cstr(prog, addr, buf,
						    sizeof(buf));

	if (!err)
		seq_escape(out, buf, " \t\n\\#");
	return err;
}

struct mounts_state {
	struct vr_program *prog;
	uint64_t root_dentry, root_mnt;	/* the reader's root */
	struct show_options_ctx opts;
};

static struct vr_error *show_vfsmnt(struct mounts_state *s, uint64_t mount,
				    struct strbuf *line)
{
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
		err = mangle_at(prog, devname, line);
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
	err = mangle_at(prog, type_name, line);
	if (!err && subtype) {
		strbuf_putc(line, '.');
		err = mangle_at(prog, subtype, line);
	}
	if (err)
		return err;
	/* __mnt_is_readonly(): MNT_READONLY or sb_rdonly() */
	strbuf_puts(line, (mnt_flags & MNT_READONLY) || (s_flags & SB_RDONLY) ?
		    " ro" : " rw");
	show_sb_opts(line, s_flags);
	idmapped = is_idmapped_mnt(vfsmnt, &err);
	if (err)
		return err;
	show_mnt_opts(line, mnt_flags, idmapped);
	err = sb_show_options(sb, &s->opts, line);
	if (err)
		return err;
	strbuf_puts(line, " 0 0\n");
	return NULL;
}

/*
 * security_sb_show_options(): SELinux adds its context options once it
 * is initialized; AppArmor (Debian's default) adds none.
 */
static bool selinux_initialized(struct vr_program *prog)
{
	struct kobj st = kobj_var(prog, "selinux_state");
	uint64_t v = 0;
	struct vr_error *err;

	if (!kobj_has_member(prog, "struct selinux_state", "initialized"))
		return false;
	err = kobj_read_u64(kobj_member(st, "initialized"), &v);
	vr_error_destroy(err);
	return !err && v;
}

static struct vr_error *emit_mounts(struct emit_ctx *ctx)
{
	struct mounts_state s = { .prog = ctx->prog };
	struct strbuf line = STRBUF_INIT;
	uint64_t *mounts = NULL;
	size_t n = 0;
	struct kobj ns, root;
	struct vr_error *err;

	err = init_mnt_ns(ctx->prog, &ns);
	if (!err)
		err = proc_root(ctx->prog, &root);
	if (!err) {
		s.root_dentry = kobj_member_u64(root, "dentry", &err);
		s.root_mnt = kobj_member_u64(root, "mnt", &err);
	}
	if (!err)
		err = mnt_ns_mounts(ns, &mounts, &n);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		struct kobj r = kobj_at(ctx->prog, "struct mount", mounts[i]);

		show_options_learn_defaults(kobj_member(r, "mnt.mnt_sb"),
					    &s.opts);
	}
	for (size_t i = 0; i < n && !err; i++) {
		strbuf_reset(&line);
		err = show_vfsmnt(&s, mounts[i], &line);
		if (!err && line.len)
			strbuf_append(&ctx->out, line.buf, line.len);
	}
	if (!err && selinux_initialized(ctx->prog))
		show_options_unknown(&s.opts, "SELinux context options");
	if (!err && s.opts.unknown.len)
		strbuf_printf(&ctx->out, "# vmcore-report: partial - options "
			      "not reconstructed: %s\n", s.opts.unknown.buf);
	strbuf_free(&line);
	strbuf_free(&s.opts.unknown);
	free(mounts);
	return err;
}

static const struct emitter proc_mounts = {
	.path = "proc/mounts",
	.emit = emit_mounts,
};
EMITTER(proc_mounts);
