/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mounts, named as in the kernel: struct mount (fs/mount.h), the mounts of
 * a namespace in /proc/mounts order (fs/namespace.c m_start()), __d_path()
 * (fs/d_path.c) as seq_path_root() uses it, and the options /proc/mounts
 * shows (fs/proc_namespace.c and each filesystem's show_options()).
 */
#ifndef VR_MOUNT_H
#define VR_MOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* include/linux/mount.h (the same values from v2.6 to v6.12) */
#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08
#define MNT_NODIRATIME	0x10
#define MNT_RELATIME	0x20
#define MNT_READONLY	0x40
#define MNT_NOSYMFOLLOW	0x80
/* A /proc/mounts reader's place in ns->list (v5.8 - v6.7). */
#define MNT_CURSOR	0x10000000

/* include/linux/fs.h */
#define SB_RDONLY	(1UL << 0)
#define SB_SYNCHRONOUS	(1UL << 4)
#define SB_MANDLOCK	(1UL << 6)
#define SB_DIRSYNC	(1UL << 7)
#define SB_LAZYTIME	(1UL << 25)

/* Bound on the mounts of one namespace (sysctl fs.mount-max is 100000). */
#define VR_MOUNTS_MAX	(1UL << 20)

/*
 * The mount namespace /proc/mounts shows: pid 1's (nsproxy->mnt_ns),
 * init_task's if pid 1 is gone.  A struct mnt_namespace.
 */
struct vr_error *init_mnt_ns(struct vr_program *prog, struct kobj *ns);

/*
 * The mounts of @ns (struct mnt_namespace) in /proc/mounts order, as
 * addresses of struct mount, in an array the caller frees: the rbtree
 * ns->mounts in mnt_id_unique order (v6.8+), else the list ns->list
 * without the readers' cursors.
 */
struct vr_error *mnt_ns_mounts(struct kobj ns, uint64_t **mounts,
			       size_t *count);

/* container_of(vfsmnt, struct mount, mnt) and back. */
struct kobj real_mount(struct vr_program *prog, uint64_t vfsmnt);
uint64_t mount_vfsmnt(struct kobj mnt);

/*
 * __d_path(): the path of @dentry in the mount @vfsmnt (a struct vfsmount
 * address) as seen from the root @root_dentry / @root_mnt, appended to
 * @out with the characters of @esc written as octal escapes
 * (mangle_path()).  *reachable is false, and nothing is written, when the
 * path is not under the root (another namespace, a detached mount, or an
 * escaped dentry): seq_path_root() then skips the line.
 */
struct vr_error *d_path_root(struct vr_program *prog, uint64_t dentry,
			     uint64_t vfsmnt, uint64_t root_dentry,
			     uint64_t root_mnt, const char *esc,
			     struct strbuf *out, bool *reachable);

/* seq_escape(): @s with the characters of @esc as "\ooo". */
void seq_escape(struct strbuf *out, const char *s, const char *esc);

/*
 * What the filesystems' show_options() need beyond their superblock: the
 * default of CONFIG_TMPFS_INODE64, which only a tmpfs made with the
 * defaults tells (rootfs, devtmpfs).
 */
#define SHOW_OPTIONS_MAX_FNS 16

struct show_options_ctx {
	/* Run-time addresses of the functions recognized, found once. */
	uint64_t fn_addr[SHOW_OPTIONS_MAX_FNS];
	uint32_t fn_found;	/* bit i: fn_addr[i] was looked up */
	bool tmpfs_inode64_known;
	bool tmpfs_inode64;
	/* Filesystems whose options could not be rebuilt, ", "-separated. */
	struct strbuf unknown;
};

/*
 * sb->s_op->show_options(): the filesystem's own options (",size=...")
 * of the superblock @sb, appended to @out.  A filesystem we cannot read
 * the options of is named in ctx->unknown and gets none.
 */
struct vr_error *sb_show_options(struct kobj sb, struct show_options_ctx *ctx,
				 struct strbuf *out);

/* Name @what in ctx->unknown (once). */
void show_options_unknown(struct show_options_ctx *ctx, const char *what);

/*
 * Learn ctx->tmpfs_inode64 from a superblock made with tmpfs's defaults
 * (rootfs, devtmpfs); nothing happens for others.
 */
void show_options_learn_defaults(struct kobj sb, struct show_options_ctx *ctx);

/* fat_show_options() of fs/fat/inode.c (a module: see fat.c). */
struct vr_error *fat_show_options(struct kobj sb, struct strbuf *out,
				  bool *known);

#endif
