// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Paths: fs/d_path.c d_path() and prepend_path(), seq_path()'s escaping
 * (fs/seq_file.c mangle_path()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/fs.h"
#include "vr/mount.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

struct vr_error *proc_root(struct vr_program *prog, struct kobj *root)
{
	struct kobj task = find_task(prog, 1);

	if (!kobj_ok(&task))
		task = kobj_var(prog, "init_task");
	*root = kobj_member(task, "fs->root");
	return kobj_error(root);
}

/* A component name: dentry->d_name (struct qstr). */
struct name {
	char *s;
	size_t len;
};

static struct vr_error *dentry_name(struct kobj dentry, struct name *n)
{
	struct vr_error *err = NULL;
	uint64_t len = kobj_member_u64(dentry, "d_name.len", &err);
	uint64_t ptr = kobj_member_u64(dentry, "d_name.name", &err);

	if (err)
		return err;
	/* NAME_MAX is 255; a longer name is a corrupt dentry. */
	if (len > 4096)
		return vr_error_create(VR_ERR_CORRUPT, "dentry name of %llu bytes",
				       (unsigned long long)len);
	n->s = malloc(len + 1);
	if (!n->s)
		return &vr_enomem;
	n->len = len;
	err = len ? vr_program_read(dentry.prog, ptr, n->s, len) : NULL;
	if (err) {
		free(n->s);
		return err;
	}
	n->s[len] = '\0';
	return NULL;
}

/* mangle_path(): the characters of @esc as "\ooo". */
static void put_mangled(struct strbuf *out, const char *s, size_t len,
			const char *esc)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (esc && c && strchr(esc, c))
			strbuf_printf(out, "\\%03o", c);
		else
			strbuf_putc(out, (char)c);
	}
}

/* The name of the function at run-time address @addr, or NULL. */
static const char *function_name(struct vr_program *prog, uint64_t addr)
{
	struct vr_symbol sym;
	struct vr_error *err;

	err = vr_debuginfo_symbol_at(prog->dbg, addr - prog->kaslr_offset,
				     &sym);
	if (err) {
		vr_error_destroy(err);
		return NULL;
	}
	return sym.addr == addr - prog->kaslr_offset ? sym.name : NULL;
}

/* dentry->d_op->d_dname() of the pseudo filesystems. */
static struct vr_error *d_dname(struct kobj dentry, uint64_t fn,
				const char *esc, struct strbuf *out)
{
	const char *f = function_name(dentry.prog, fn);
	struct vr_error *err = NULL;
	struct name n = { 0 };
	char buf[64];

	if (f && !strcmp(f, "pipefs_dname")) {
		snprintf(buf, sizeof(buf), "pipe:[%llu]", (unsigned long long)
			 kobj_member_u64(dentry, "d_inode->i_ino", &err));
	} else if (f && !strcmp(f, "sockfs_dname")) {
		snprintf(buf, sizeof(buf), "socket:[%llu]", (unsigned long long)
			 kobj_member_u64(dentry, "d_inode->i_ino", &err));
	} else if (f && (!strcmp(f, "simple_dname") ||
			 !strcmp(f, "anon_inodefs_dname"))) {
		err = dentry_name(dentry, &n);
		if (err)
			return err;
		if (!strcmp(f, "simple_dname")) {
			/* "/name (deleted)" */
			put_mangled(out, "/", 1, esc);
			put_mangled(out, n.s, n.len, esc);
			put_mangled(out, " (deleted)", 10, esc);
		} else {
			put_mangled(out, "anon_inode:", 11, esc);
			put_mangled(out, n.s, n.len, esc);
		}
		free(n.s);
		return NULL;
	} else {
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "dentry name from %s()",
				       f ? f : "an unknown d_dname");
	}
	if (!err)
		put_mangled(out, buf, strlen(buf), esc);
	return err;
}

/* Where prepend_path() stopped. */
enum path_end {
	PATH_ROOT,		/* at @root: the path is complete */
	PATH_GLOBAL_ROOT,	/* at the top of the mount tree, not under @root */
	PATH_ESCAPED,		/* at a dentry that is its own parent, no mount root */
};

/* __prepend_path(): the names from @dentry up to the root, last first. */
static struct vr_error *prepend_path(struct vr_program *prog, uint64_t dentry,
				     uint64_t vfsmnt, uint64_t root_dentry,
				     uint64_t root_mnt, struct name **names,
				     size_t *nr, enum path_end *end)
{
	struct vr_error *err = NULL;
	uint64_t mnt_off;
	size_t cap = 0, bytes = 0;
	struct kobj mnt;

	/* real_mount(): container_of(vfsmnt, struct mount, mnt) */
	if (!kobj_offsetof(prog, "struct mount", "mnt", &mnt_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no struct mount");
	mnt = kobj_at(prog, "struct mount", vfsmnt - mnt_off);
	*end = PATH_ROOT;
	for (unsigned int steps = 0;
	     dentry != root_dentry || kobj_addr(&mnt) + mnt_off != root_mnt;
	     steps++) {
		struct kobj d = kobj_at(prog, "struct dentry", dentry);
		uint64_t parent = kobj_member_u64(d, "d_parent", &err);
		uint64_t mnt_root = kobj_member_u64(mnt, "mnt.mnt_root", &err);

		if (err)
			return err;
		if (steps >= VR_PATH_MAX_DEPTH)
			return vr_error_create(VR_ERR_LIMIT,
					       "path deeper than %d",
					       VR_PATH_MAX_DEPTH);
		if (dentry == mnt_root) {
			uint64_t m = kobj_member_u64(mnt, "mnt_parent", &err);

			if (err)
				return err;
			if (m != kobj_addr(&mnt)) {
				dentry = kobj_member_u64(mnt, "mnt_mountpoint",
							 &err);
				if (err)
					return err;
				mnt = kobj_at(prog, "struct mount", m);
				continue;
			}
			*end = PATH_GLOBAL_ROOT;
			return NULL;
		}
		if (dentry == parent) {
			*end = PATH_ESCAPED;
			return NULL;
		}
		if (*nr == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct name *nn = realloc(*names, ncap * sizeof(*nn));

			if (!nn)
				return &vr_enomem;
			*names = nn;
			cap = ncap;
		}
		err = dentry_name(d, &(*names)[*nr]);
		if (err)
			return err;
		bytes += (*names)[*nr].len + 1;
		(*nr)++;
		if (bytes > VR_PATH_MAX)
			return vr_error_create(VR_ERR_LIMIT,
					       "path longer than %d bytes",
					       VR_PATH_MAX);
		dentry = parent;
	}
	return NULL;
}

static void put_names(struct strbuf *out, const struct name *names, size_t nr,
		      const char *esc)
{
	if (!nr)
		put_mangled(out, "/", 1, esc);
	for (size_t i = nr; i-- > 0;) {
		put_mangled(out, "/", 1, esc);
		put_mangled(out, names[i].s, names[i].len, esc);
	}
}

static void free_names(struct name *names, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(names[i].s);
	free(names);
}

struct vr_error *d_path_root(struct vr_program *prog, uint64_t dentry,
			     uint64_t vfsmnt, uint64_t root_dentry,
			     uint64_t root_mnt, const char *esc,
			     struct strbuf *out, bool *reachable)
{
	struct name *names = NULL;
	size_t nr = 0;
	enum path_end end;
	struct vr_error *err;

	err = prepend_path(prog, dentry, vfsmnt, root_dentry, root_mnt,
			   &names, &nr, &end);
	*reachable = !err && end == PATH_ROOT;
	if (*reachable)
		put_names(out, names, nr, esc);
	free_names(names, nr);
	return err;
}

struct vr_error *d_path(struct kobj path, struct kobj root, const char *esc,
			struct strbuf *out)
{
	struct vr_program *prog = path.prog;
	struct vr_error *err = NULL;
	struct kobj dentry = kobj_deref(kobj_member(path, "dentry"));
	uint64_t d_op = kobj_member_u64(dentry, "d_op", &err);
	uint64_t parent = kobj_member_u64(dentry, "d_parent", &err);
	uint64_t mnt_root = kobj_member_u64(path, "mnt->mnt_root", &err);
	uint64_t hashed = kobj_member_u64(dentry, "d_hash.pprev", &err);
	struct name *names = NULL;
	uint64_t vfsmnt, root_dentry, root_mnt;
	enum path_end end;
	size_t nr = 0;

	if (err)
		return err;
	/*
	 * Pseudo files name themselves, unless mounted (the dentry is the
	 * root of its mount).
	 */
	if (d_op) {
		uint64_t fn = kobj_member_u64(kobj_at(prog,
			"struct dentry_operations", d_op), "d_dname", &err);

		if (err)
			return err;
		if (fn && (parent != kobj_addr(&dentry) ||
			   kobj_addr(&dentry) != mnt_root))
			return d_dname(dentry, fn, esc, out);
	}
	vfsmnt = kobj_member_u64(path, "mnt", &err);
	root_dentry = kobj_member_u64(root, "dentry", &err);
	root_mnt = kobj_member_u64(root, "mnt", &err);
	if (!err)
		err = prepend_path(prog, kobj_addr(&dentry), vfsmnt, root_dentry,
				   root_mnt, &names, &nr, &end);
	if (!err) {
		/*
		 * Outside @root (another namespace, a detached mount) d_path()
		 * prints the path from the global root; a root that is no
		 * mount root (escaped) prints as "/".
		 */
		if (end == PATH_ESCAPED) {
			free_names(names, nr);
			names = NULL;
			nr = 0;
		}
		put_names(out, names, nr, esc);
		/* d_unlinked(): unhashed and not a root. */
		if (!hashed && parent != kobj_addr(&dentry))
			put_mangled(out, " (deleted)", 10, esc);
	}
	free_names(names, nr);
	return err;
}
