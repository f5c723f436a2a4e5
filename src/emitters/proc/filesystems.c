// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/filesystems: fs/filesystems.c filesystems_proc_show(), the
 * registered filesystem types in the file_systems list, "nodev" for those
 * without FS_REQUIRES_DEV.
 */
#include "vr/emitter.h"
#include "vr/task_info.h"

/* include/linux/fs.h */
#define FS_REQUIRES_DEV		1

/* Bound on the types (a kernel registers a few dozen). */
#define FILESYSTEMS_MAX		4096

static struct vr_error *emit_filesystems(struct emit_ctx *ctx)
{
	struct vr_error *err = NULL;
	uint64_t tmp = kobj_member_u64(kobj_var(ctx->prog, "file_systems"), "",
				       &err);

	for (unsigned int n = 0; tmp && !err; n++) {
		struct kobj fs = kobj_at(ctx->prog, "struct file_system_type",
					 tmp);
		uint64_t flags = kobj_member_u64(fs, "fs_flags", &err);
		char name[256];

		if (n >= FILESYSTEMS_MAX)
			return vr_error_create(VR_ERR_LIMIT,
					       "more than %d filesystems",
					       FILESYSTEMS_MAX);
		if (!err)
			err = kobj_read_cstr(kobj_member(fs, "name"), name,
					     sizeof(name));
		if (err)
			break;
		strbuf_printf(&ctx->out, "%s\t%s\n",
			      flags & FS_REQUIRES_DEV ? "" : "nodev", name);
		tmp = kobj_member_u64(fs, "next", &err);
	}
	return err;
}

static const struct emitter proc_filesystems = {
	.path = "proc/filesystems",
	.emit = emit_filesystems,
};
EMITTER(proc_filesystems);
