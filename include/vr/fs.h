/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Paths of files and dentries, named as in fs/d_path.c. */
#ifndef VR_FS_H
#define VR_FS_H

#include "vr/object.h"
#include "vr/strbuf.h"

/* Bounds on one path walk: components, and bytes of the result. */
#define VR_PATH_MAX_DEPTH	4096
#define VR_PATH_MAX		65536

/*
 * The root /proc files are read from: pid 1's fs->root (a struct path),
 * which is the real root after an initramfs switched to it; init_task's
 * if pid 1 is gone.
 */
struct vr_error *proc_root(struct vr_program *prog, struct kobj *root);

/*
 * d_path(): @path (a struct path) as seen from @root (a struct path, from
 * proc_root()), appended to @out: names up to the mount root, through the
 * mounts (mnt_parent, mnt_mountpoint), " (deleted)" for an unlinked
 * dentry, and the d_dname() names of pseudo files ("pipe:[1234]",
 * "/memfd:x (deleted)").  With @esc, the characters in it are written as
 * octal escapes, as seq_path() does ("\n" becomes "\012").
 */
struct vr_error *d_path(struct kobj path, struct kobj root, const char *esc,
			struct strbuf *out);

/* MAJOR() and MINOR() of a kernel dev_t (include/linux/kdev_t.h). */
static inline unsigned int vr_major(uint32_t dev)
{
	return dev >> 20;
}

static inline unsigned int vr_minor(uint32_t dev)
{
	return dev & 0xfffff;
}

#endif
