/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What fs/proc_namespace.c prints of a mount besides its paths and the
 * filesystem's own options (vr/mount.h): show_sb_opts(), show_mnt_opts()
 * (show_vfsmnt_opts() since v6.6), mangle() of a kernel string, and
 * seq_dentry() (fs/d_path.c dentry_path()).  Shared by /proc/<pid>/mountinfo
 * and usable by /proc/mounts.
 */
#ifndef VR_MOUNT_SHOW_H
#define VR_MOUNT_SHOW_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* show_sb_opts(): ",sync", ",dirsync", ",mand", ",lazytime" of s_flags. */
void mnt_show_sb_opts(struct strbuf *out, uint64_t s_flags);

/* show_mnt_opts(): ",nosuid", ..., ",relatime", and ",idmapped". */
void mnt_show_mnt_opts(struct strbuf *out, uint64_t mnt_flags, bool idmapped);

/* is_idmapped_mnt() of a struct vfsmount. */
bool mnt_is_idmapped(struct kobj vfsmnt, struct vr_error **err);

/* mangle(): the C string at @addr with " \t\n\\#" escaped as "\ooo". */
struct vr_error *mnt_mangle_at(struct vr_program *prog, uint64_t addr,
			       struct strbuf *out);

/*
 * seq_dentry(m, dentry, esc): dentry_path() of @dentry, the path from
 * its superblock's root ("/" for the root), "//deleted" after an
 * unlinked one, the characters of @esc as "\ooo".
 */
struct vr_error *seq_dentry(struct vr_program *prog, uint64_t dentry,
			    const char *esc, struct strbuf *out);

/*
 * security_sb_show_options(): SELinux adds context options once it is
 * initialized (AppArmor, Debian's default, adds none).
 */
bool mnt_selinux_initialized(struct vr_program *prog);

struct show_options_ctx;
/* Print mount @mount (a struct mount address) into @line. */
typedef struct vr_error *(*mnt_show_fn)(void *state, uint64_t mount,
					struct strbuf *line);
/*
 * The mounts of namespace @ns (a struct mnt_namespace) in the order the
 * kernel lists them, each printed by @show, then the partial note on the
 * options @opts could not reconstruct: the body of /proc/mounts and
 * /proc/<pid>/mountinfo.
 */
struct vr_error *mnt_show_each(struct vr_program *prog, struct kobj ns,
			       struct show_options_ctx *opts,
			       mnt_show_fn show, void *state,
			       struct strbuf *out);

#endif
