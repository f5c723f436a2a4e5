// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fs/proc_namespace.c show_sb_opts(), show_mnt_opts(), mangle(); fs/d_path.c
 * dentry_path() as seq_dentry() prints it.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/fs.h"
#include "vr/mount.h"
#include "vr/mount_show.h"
#include "vr/task_info.h"

void mnt_show_sb_opts(struct strbuf *out, uint64_t s_flags)
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

void mnt_show_mnt_opts(struct strbuf *out, uint64_t mnt_flags, bool idmapped)
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

bool mnt_is_idmapped(struct kobj vfsmnt, struct vr_error **err)
{
	struct vr_program *prog = vfsmnt.prog;
	const char *member, *initial;
	uint64_t map, init = 0;

	if (*err)
		return false;
	/* v6.3+: mnt_idmap != &nop_mnt_idmap; v5.12 - v6.2: mnt_userns. */
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

struct vr_error *mnt_mangle_at(struct vr_program *prog, uint64_t addr,
			       struct strbuf *out)
{
	char buf[4096];
	struct vr_error *err = vr_program_read_cstr(prog, addr, buf,
						    sizeof(buf));

	if (!err)
		seq_escape(out, buf, " \t\n\\#");
	return err;
}

/* The names from @dentry up to its superblock's root, last first. */
static struct vr_error *dentry_names(struct vr_program *prog, uint64_t dentry,
				     struct strbuf *rev, size_t *depth)
{
	struct vr_error *err = NULL;

	for (*depth = 0; !err; (*depth)++) {
		struct kobj d = kobj_at(prog, "struct dentry", dentry);
		uint64_t parent = kobj_member_u64(d, "d_parent", &err);
		char name[256];

		if (err || parent == dentry)	/* IS_ROOT() */
			break;
		if (*depth >= VR_PATH_MAX_DEPTH || rev->len > VR_PATH_MAX)
			return vr_error_create(VR_ERR_LIMIT, "dentry path "
					       "deeper than %d",
					       VR_PATH_MAX_DEPTH);
		err = kobj_read_cstr(kobj_member(d, "d_name.name"), name,
				     sizeof(name));
		/* NUL-separated, reversed below */
		if (!err)
			strbuf_append(rev, name, strlen(name) + 1);
		dentry = parent;
	}
	return err;
}

struct vr_error *seq_dentry(struct vr_program *prog, uint64_t dentry,
			    const char *esc, struct strbuf *out)
{
	struct kobj d = kobj_at(prog, "struct dentry", dentry);
	struct vr_error *err = NULL;
	uint64_t hashed = kobj_member_u64(d, "d_hash.pprev", &err);
	uint64_t parent = kobj_member_u64(d, "d_parent", &err);
	struct strbuf rev = STRBUF_INIT;
	size_t depth, end;

	if (!err)
		err = dentry_names(prog, dentry, &rev, &depth);
	if (err)
		goto out;
	if (!depth)
		strbuf_putc(out, '/');
	/* The names were collected leaf first: print them root first. */
	end = rev.len;
	while (end > 0) {
		size_t start = end - 1;

		while (start > 0 && rev.buf[start - 1])
			start--;
		strbuf_putc(out, '/');
		seq_escape(out, rev.buf + start, esc);
		end = start;
	}
	/* d_unlinked(): unhashed and not a root */
	if (!hashed && parent != dentry)
		seq_escape(out, "//deleted", esc);
out:
	strbuf_free(&rev);
	return err;
}

bool mnt_selinux_initialized(struct vr_program *prog)
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

struct vr_error *mnt_show_each(struct vr_program *prog, struct kobj ns,
			       struct show_options_ctx *opts,
			       mnt_show_fn show, void *state,
			       struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	uint64_t *mounts = NULL;
	size_t n = 0;
	struct vr_error *err = mnt_ns_mounts(ns, &mounts, &n);

	if (err)
		return err;
	/* Options every superblock of a type shares are not printed. */
	for (size_t i = 0; i < n; i++)
		show_options_learn_defaults(kobj_member(kobj_at(prog,
			"struct mount", mounts[i]), "mnt.mnt_sb"), opts);
	for (size_t i = 0; i < n && !err; i++) {
		strbuf_reset(&line);
		err = show(state, mounts[i], &line);
		if (!err && line.len)
			strbuf_append(out, line.buf, line.len);
	}
	if (!err && mnt_selinux_initialized(prog))
		show_options_unknown(opts, "SELinux context options");
	if (!err && opts->unknown.len)
		strbuf_printf(out, "# vmcore-report: partial - options "
			      "not reconstructed: %s\n", opts->unknown.buf);
	strbuf_free(&line);
	strbuf_free(&opts->unknown);
	free(mounts);
	return err;
}
