// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The filesystems' own /proc/mounts options: sb->s_op->show_options(),
 * recognized by comparing it with the address of each function we know
 * (in the vmlinux, or in a loaded module's kallsyms), and rebuilt from the
 * superblock's private data as that function prints them:
 *   shmem_show_options (mm/shmem.c: tmpfs, devtmpfs, rootfs),
 *   proc_show_options (fs/proc/inode.c),
 *   kernfs_sop_show_options (fs/kernfs/mount.c: sysfs, cgroup2 through
 *     cgroup_show_options() of kernel/cgroup/cgroup.c),
 *   devpts_show_options (fs/devpts/inode.c),
 *   debugfs_show_options, tracefs_show_options, ramfs_show_options,
 *   fat_show_options (fs/fat/inode.c, see fat.c).
 * Any other show_options() is named in ctx->unknown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kernel.h"
#include "vr/mount.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* include/linux/shmem_fs.h */
#define SHMEM_HUGE_NEVER	0
#define SHMEM_HUGE_ALWAYS	1
#define SHMEM_HUGE_WITHIN_SIZE	2
#define SHMEM_HUGE_ADVISE	3

/* include/linux/quota.h: MAXQUOTAS and the dqopt flag layout. */
#define MAXQUOTAS		3
#define USRQUOTA		0
#define GRPQUOTA		1
#define DQUOT_USAGE_ENABLED	(1U << 0 * MAXQUOTAS)
#define DQUOT_LIMITS_ENABLED	(1U << 1 * MAXQUOTAS)
#define DQUOT_SUSPENDED		(1U << 2 * MAXQUOTAS)

/* include/linux/kdev_t.h MINORBITS: NR_UNIX98_PTY_MAX */
#define NR_UNIX98_PTY_MAX	(1 << 20)

/* from_kuid_munged(&init_user_ns, ...): -1 has no mapping. */
#define OVERFLOWUID		65534

static uint64_t munged_id(uint64_t id)
{
	return id == 0xffffffffULL ? OVERFLOWUID : id;
}

/* The show_options() functions recognized: show_options_table[]. */
enum known_fn {
	FN_SHMEM, FN_PROC, FN_KERNFS, FN_DEVPTS, FN_DEBUGFS, FN_TRACEFS,
	FN_RAMFS, FN_FAT, FN_CGROUP, FN_CGROUP1, NR_KNOWN_FNS
};

_Static_assert(NR_KNOWN_FNS <= SHOW_OPTIONS_MAX_FNS, "show_options_ctx");

static uint64_t known_function(struct vr_program *prog,
			       struct show_options_ctx *ctx, enum known_fn i);

void show_options_unknown(struct show_options_ctx *ctx, const char *what)
{
	struct strbuf *u = &ctx->unknown;
	size_t n = strlen(what);

	/* Name each filesystem once. */
	for (const char *p = u->buf; p && (p = strstr(p, what)); p += n) {
		if ((p == u->buf || p[-1] == ' ') &&
		    (p[n] == ',' || p[n] == '\0'))
			return;
	}
	if (u->len)
		strbuf_puts(u, ", ");
	strbuf_puts(u, what);
}

/* Elf64_Sym of a module's kallsyms (struct mod_kallsyms). */
#define ELF64_SYM_SIZE	24
#define STT_FUNC	2

/* A function of a loaded module by name: its kallsyms symtab. */
static bool module_function(struct kobj mod, const char *name, uint64_t *addr)
{
	struct vr_program *prog = mod.prog;
	struct vr_error *err = NULL;
	struct kobj ks = kobj_member(mod, "kallsyms");
	uint64_t symtab = kobj_member_u64(ks, "symtab", &err);
	uint64_t num = kobj_member_u64(ks, "num_symtab", &err);
	uint64_t strtab = kobj_member_u64(ks, "strtab", &err);
	bool found = false;
	uint8_t *syms;

	/* A module has a few thousand symbols at most. */
	if (err || !symtab || !num || num > (1U << 18) || prog->ptr_size != 8) {
		vr_error_destroy(err);
		return false;
	}
	syms = malloc(num * ELF64_SYM_SIZE);
	if (!syms)
		return false;
	err = vr_program_read(prog, symtab, syms, num * ELF64_SYM_SIZE);
	for (uint64_t i = 0; !err && !found && i < num; i++) {
		const uint8_t *sym = syms + i * ELF64_SYM_SIZE;
		char sname[128];

		if ((sym[4] & 0xf) != STT_FUNC || !vr_get16(sym + 6,
							    prog->big_endian))
			continue;
		err = vr_program_read_cstr(prog, strtab +
					   vr_get32(sym, prog->big_endian),
					   sname, sizeof(sname));
		if (!err && !strcmp(sname, name)) {
			*addr = vr_get64(sym + 8, prog->big_endian);
			found = true;
		}
	}
	vr_error_destroy(err);
	free(syms);
	return found;
}

/*
 * The run-time address of the function @name, in the vmlinux or a
 * module; 0 if it is nowhere (not built, module not loaded).
 */
static uint64_t function_address(struct vr_program *prog, const char *name)
{
	struct list_iter it;
	struct vr_error *err;
	struct kobj mod;
	uint64_t addr = 0;

	err = vr_program_symbol(prog, name, &addr);
	if (!err)
		return addr;
	vr_error_destroy(err);
	for_each_module(&it, mod, prog) {
		if (module_function(mod, name, &addr))
			return addr;
	}
	vr_error_destroy(it.err);
	return 0;
}

static uint64_t totalram_pages(struct vr_program *prog, struct vr_error **err)
{
	struct kobj t = kobj_var(prog, "_totalram_pages");
	uint64_t v = 0;

	/* An atomic_long_t since v5.0; an unsigned long before. */
	if (t.err == VR_ERR_NOT_FOUND)
		t = kobj_var(prog, "totalram_pages");
	else
		t = kobj_member(t, "counter");
	if (!*err)
		*err = kobj_read_u64(t, &v);
	return v;
}

static const char *shmem_format_huge(uint64_t huge)
{
	switch (huge) {
	case SHMEM_HUGE_NEVER:
		return "never";
	case SHMEM_HUGE_ALWAYS:
		return "always";
	case SHMEM_HUGE_WITHIN_SIZE:
		return "within_size";
	case SHMEM_HUGE_ADVISE:
		return "advise";
	default:
		return "bad_val";
	}
}

/* sb_has_quota_active() */
static bool sb_has_quota_active(uint64_t flags, int type)
{
	bool loaded = flags & ((DQUOT_USAGE_ENABLED | DQUOT_LIMITS_ENABLED)
			       << type);

	return loaded && !(flags & (DQUOT_SUSPENDED << type));
}

static struct vr_error *shmem_show_quota(struct kobj sb, struct kobj sbinfo,
					 struct strbuf *out)
{
	static const struct {
		const char *member, *name;
	} limits[] = {
		{ "qlimits.usrquota_bhardlimit", "usrquota_block_hardlimit" },
		{ "qlimits.grpquota_bhardlimit", "grpquota_block_hardlimit" },
		{ "qlimits.usrquota_ihardlimit", "usrquota_inode_hardlimit" },
		{ "qlimits.grpquota_ihardlimit", "grpquota_inode_hardlimit" },
	};
	struct vr_error *err = NULL;
	uint64_t flags = kobj_member_u64(sb, "s_dquot.flags", &err);

	if (err)
		return err;
	if (sb_has_quota_active(flags, USRQUOTA))
		strbuf_puts(out, ",usrquota");
	if (sb_has_quota_active(flags, GRPQUOTA))
		strbuf_puts(out, ",grpquota");
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		int64_t v = kobj_member_s64(sbinfo, limits[i].member, &err);

		if (!err && v)
			strbuf_printf(out, ",%s=%lld", limits[i].name,
				      (long long)v);
	}
	return err;
}

static struct vr_error *shmem_show_options(struct kobj sb,
					   struct show_options_ctx *ctx,
					   struct strbuf *out)
{
	struct vr_program *prog = sb.prog;
	struct kobj sbinfo = kobj_cast(kobj_member(sb, "s_fs_info"),
				       "struct shmem_sb_info *");
	struct vr_error *err = NULL;
	uint64_t totalram = totalram_pages(prog, &err);
	uint64_t max_blocks = kobj_member_u64(sbinfo, "max_blocks", &err);
	uint64_t max_inodes = kobj_member_u64(sbinfo, "max_inodes", &err);
	uint64_t mode = kobj_member_u64(sbinfo, "mode", &err);
	uint64_t uid = kobj_member_u64(sbinfo, "uid.val", &err);
	uint64_t gid = kobj_member_u64(sbinfo, "gid.val", &err);
	uint64_t full_inums = kobj_member_u64(sbinfo, "full_inums", &err);
	uint64_t huge = kobj_member_u64(sbinfo, "huge", &err);
	uint64_t mpol = kobj_member_u64(sbinfo, "mpol", &err);

	if (err)
		return err;
	/* shmem_default_max_blocks(), shmem_default_max_inodes() (64-bit). */
	if (max_blocks != totalram / 2)
		strbuf_printf(out, ",size=%lluk", (unsigned long long)
			      (max_blocks * (prog->page_size / 1024)));
	if (max_inodes != totalram / 2)
		strbuf_printf(out, ",nr_inodes=%llu",
			      (unsigned long long)max_inodes);
	if (mode != (0777 | 01000))
		strbuf_printf(out, ",mode=%03llo", (unsigned long long)mode);
	if (uid)
		strbuf_printf(out, ",uid=%llu",
			      (unsigned long long)munged_id(uid));
	if (gid)
		strbuf_printf(out, ",gid=%llu",
			      (unsigned long long)munged_id(gid));
	/*
	 * ",inode64" / ",inode32": always with CONFIG_TMPFS_INODE64, else
	 * only for full_inums.  The config is what a tmpfs made with the
	 * defaults has (show_options_learn_defaults()).
	 */
	if (full_inums)
		strbuf_puts(out, ",inode64");
	else if (ctx->tmpfs_inode64_known && ctx->tmpfs_inode64)
		strbuf_puts(out, ",inode32");
	else if (!ctx->tmpfs_inode64_known)
		show_options_unknown(ctx, "tmpfs (inode32 default)");
	if (huge)
		strbuf_printf(out, ",huge=%s", shmem_format_huge(huge));
	/* shmem_show_mpol(): nothing for no policy or MPOL_DEFAULT. */
	if (mpol) {
		uint64_t m = kobj_member_u64(kobj_at(prog, "struct mempolicy",
						     mpol), "mode", &err);

		if (err)
			return err;
		if (m != kobj_constant_or(prog, "MPOL_DEFAULT", 0))
			show_options_unknown(ctx, "tmpfs (mpol)");
	}
	/* v6.4+ */
	if (kobj_has_member(prog, "struct shmem_sb_info", "noswap") &&
	    kobj_member_u64(sbinfo, "noswap", &err))
		strbuf_puts(out, ",noswap");
	/* v6.6+ with CONFIG_TMPFS_QUOTA */
	if (!err && kobj_has_member(prog, "struct shmem_sb_info", "qlimits"))
		err = shmem_show_quota(sb, sbinfo, out);
	return err;
}

void show_options_learn_defaults(struct kobj sb, struct show_options_ctx *ctx)
{
	struct vr_error *err = NULL;
	uint64_t show, full_inums;
	char type[64];
	struct kobj sbinfo;

	if (ctx->tmpfs_inode64_known ||
	    kobj_read_cstr(kobj_member(sb, "s_type->name"), type, sizeof(type)))
		return;
	/*
	 * rootfs and devtmpfs are made by vfs_kern_mount() without options,
	 * so with shmem_fill_super()'s IS_ENABLED(CONFIG_TMPFS_INODE64).
	 */
	if (strcmp(type, "rootfs") && strcmp(type, "devtmpfs"))
		return;
	show = kobj_member_u64(sb, "s_op->show_options", &err);
	if (err || !show) {
		vr_error_destroy(err);
		return;
	}
	if (show != known_function(sb.prog, ctx, FN_SHMEM))
		return;
	sbinfo = kobj_cast(kobj_member(sb, "s_fs_info"),
			   "struct shmem_sb_info *");
	full_inums = kobj_member_u64(sbinfo, "full_inums", &err);
	if (err) {
		vr_error_destroy(err);
		return;
	}
	ctx->tmpfs_inode64_known = true;
	ctx->tmpfs_inode64 = full_inums;
}

/* proc_show_options(): fs/proc/internal.h enum proc_hidepid. */
static const char *hidepid2str(uint64_t v)
{
	switch (v) {
	case 0:
		return "off";
	case 1:
		return "noaccess";
	case 2:
		return "invisible";
	case 4:
		return "ptraceable";
	default:
		return "unknown";
	}
}

static struct vr_error *proc_show_options(struct kobj sb,
					  struct show_options_ctx *ctx,
					  struct strbuf *out)
{
	struct kobj fs_info = kobj_cast(kobj_member(sb, "s_fs_info"),
					"struct proc_fs_info *");
	struct vr_error *err = NULL;
	uint64_t gid = kobj_member_u64(fs_info, "pid_gid.val", &err);
	uint64_t hide_pid = kobj_member_u64(fs_info, "hide_pid", &err);
	uint64_t pidonly = kobj_member_u64(fs_info, "pidonly", &err);

	(void)ctx;
	if (err)
		return err;
	if (gid)
		strbuf_printf(out, ",gid=%llu",
			      (unsigned long long)munged_id(gid));
	if (hide_pid)
		strbuf_printf(out, ",hidepid=%s", hidepid2str(hide_pid));
	if (pidonly)
		strbuf_puts(out, ",subset=pid");
	return NULL;
}

/* cgroup_show_options(): the flags of the default hierarchy. */
static struct vr_error *cgroup_show_options(struct vr_program *prog,
					    struct strbuf *out)
{
	static const struct {
		const char *flag, *name;
	} opts[] = {
		{ "CGRP_ROOT_NS_DELEGATE", "nsdelegate" },
		{ "CGRP_ROOT_FAVOR_DYNMODS", "favordynmods" },	/* v6.1+ */
		{ "CGRP_ROOT_MEMORY_LOCAL_EVENTS", "memory_localevents" },
		{ "CGRP_ROOT_MEMORY_RECURSIVE_PROT", "memory_recursiveprot" },
		/* v6.6+ */
		{ "CGRP_ROOT_MEMORY_HUGETLB_ACCOUNTING",
		  "memory_hugetlb_accounting" },
		{ "CGRP_ROOT_PIDS_LOCAL_EVENTS", "pids_localevents" }, /* v6.11+ */
	};
	struct kobj root = kobj_var(prog, "cgrp_dfl_root");
	struct vr_error *err = NULL;
	uint64_t flags = kobj_member_u64(root, "flags", &err);

	if (err)
		return err;
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		int64_t bit;
		struct vr_error *e = kobj_constant(prog, opts[i].flag, &bit);

		if (e) {
			vr_error_destroy(e);
			continue;
		}
		if (flags & (uint64_t)bit)
			strbuf_printf(out, ",%s", opts[i].name);
	}
	return NULL;
}

/* kernfs_sop_show_options(): the kernfs root's syscall_ops. */
static struct vr_error *kernfs_sop_show_options(struct kobj sb,
						struct show_options_ctx *ctx,
						struct strbuf *out)
{
	struct kobj info = kobj_cast(kobj_member(sb, "s_fs_info"),
				     "struct kernfs_super_info *");
	struct vr_error *err = NULL;
	uint64_t scops = kobj_member_u64(info, "root->syscall_ops", &err);
	uint64_t show = 0;

	if (!err && scops)
		show = kobj_member_u64(kobj_at(sb.prog,
			"struct kernfs_syscall_ops", scops), "show_options",
			&err);
	if (err || !show)
		return err;
	if (show == known_function(sb.prog, ctx, FN_CGROUP))
		return cgroup_show_options(sb.prog, out);
	/* cgroup1_show_options() and others. */
	show_options_unknown(ctx, show == known_function(sb.prog, ctx, FN_CGROUP1) ?
		    "cgroup" : "kernfs");
	return NULL;
}

static struct vr_error *devpts_show_options(struct kobj sb,
					    struct show_options_ctx *ctx,
					    struct strbuf *out)
{
	struct kobj opts = kobj_member(kobj_cast(kobj_member(sb, "s_fs_info"),
		"struct pts_fs_info *"), "mount_opts");
	struct vr_error *err = NULL;
	uint64_t setuid = kobj_member_u64(opts, "setuid", &err);
	uint64_t setgid = kobj_member_u64(opts, "setgid", &err);
	uint64_t uid = kobj_member_u64(opts, "uid.val", &err);
	uint64_t gid = kobj_member_u64(opts, "gid.val", &err);
	uint64_t mode = kobj_member_u64(opts, "mode", &err);
	uint64_t ptmxmode = kobj_member_u64(opts, "ptmxmode", &err);
	int64_t max = kobj_member_s64(opts, "max", &err);

	(void)ctx;
	if (err)
		return err;
	if (setuid)
		strbuf_printf(out, ",uid=%llu",
			      (unsigned long long)munged_id(uid));
	if (setgid)
		strbuf_printf(out, ",gid=%llu",
			      (unsigned long long)munged_id(gid));
	strbuf_printf(out, ",mode=%03llo", (unsigned long long)mode);
	strbuf_printf(out, ",ptmxmode=%03llo", (unsigned long long)ptmxmode);
	if (max < NR_UNIX98_PTY_MAX)
		strbuf_printf(out, ",max=%lld", (long long)max);
	return NULL;
}

/*
 * debugfs, tracefs: uid, gid and mode (default 0700) in
 * fsi->mount_opts before v6.8 (tracefs) / v6.10 (debugfs), in fsi since.
 */
static struct vr_error *uid_gid_mode_options(struct kobj sb,
					     const char *fsi_type,
					     uint64_t default_mode,
					     struct strbuf *out)
{
	struct kobj fsi = kobj_cast(kobj_member(sb, "s_fs_info"), fsi_type);
	struct vr_error *err = NULL;
	char type[64];
	uint64_t uid, gid, mode;

	/* "struct debugfs_fs_info *" without the " *" */
	snprintf(type, sizeof(type), "%.*s", (int)(strlen(fsi_type) - 2),
		 fsi_type);
	if (kobj_has_member(sb.prog, type, "mount_opts"))
		fsi = kobj_member(fsi, "mount_opts");
	uid = kobj_member_u64(fsi, "uid.val", &err);
	gid = kobj_member_u64(fsi, "gid.val", &err);
	mode = kobj_member_u64(fsi, "mode", &err);
	if (err)
		return err;
	if (uid)
		strbuf_printf(out, ",uid=%llu",
			      (unsigned long long)munged_id(uid));
	if (gid)
		strbuf_printf(out, ",gid=%llu",
			      (unsigned long long)munged_id(gid));
	if (mode != default_mode)
		strbuf_printf(out, ",mode=%llo", (unsigned long long)mode);
	return NULL;
}

static struct vr_error *debugfs_show_options(struct kobj sb,
					     struct show_options_ctx *ctx,
					     struct strbuf *out)
{
	(void)ctx;
	return uid_gid_mode_options(sb, "struct debugfs_fs_info *", 0700, out);
}

static struct vr_error *tracefs_show_options(struct kobj sb,
					     struct show_options_ctx *ctx,
					     struct strbuf *out)
{
	(void)ctx;
	return uid_gid_mode_options(sb, "struct tracefs_fs_info *", 0700, out);
}

/* ramfs_show_options(): mode if not RAMFS_DEFAULT_MODE (0755). */
static struct vr_error *ramfs_show_options(struct kobj sb,
					   struct show_options_ctx *ctx,
					   struct strbuf *out)
{
	struct vr_error *err = NULL;
	uint64_t mode = kobj_member_u64(kobj_cast(kobj_member(sb, "s_fs_info"),
		"struct ramfs_fs_info *"), "mount_opts.mode", &err);

	(void)ctx;
	if (!err && mode != 0755)
		strbuf_printf(out, ",mode=%llo", (unsigned long long)mode);
	return err;
}

static struct vr_error *fat_options(struct kobj sb,
				    struct show_options_ctx *ctx,
				    struct strbuf *out)
{
	struct strbuf opts = STRBUF_INIT;
	bool known = false;
	struct vr_error *err = fat_show_options(sb, &opts, &known);

	if (!err && known)
		strbuf_append(out, opts.buf ? opts.buf : "", opts.len);
	else if (!err)
		show_options_unknown(ctx, "vfat/msdos");
	strbuf_free(&opts);
	return err;
}

static const struct {
	const char *fn;
	struct vr_error *(*show)(struct kobj sb, struct show_options_ctx *ctx,
				 struct strbuf *out);
} show_options_table[] = {
	[FN_SHMEM] = { "shmem_show_options", shmem_show_options },
	[FN_PROC] = { "proc_show_options", proc_show_options },
	[FN_KERNFS] = { "kernfs_sop_show_options", kernfs_sop_show_options },
	[FN_DEVPTS] = { "devpts_show_options", devpts_show_options },
	[FN_DEBUGFS] = { "debugfs_show_options", debugfs_show_options },
	[FN_TRACEFS] = { "tracefs_show_options", tracefs_show_options },
	[FN_RAMFS] = { "ramfs_show_options", ramfs_show_options },
	[FN_FAT] = { "fat_show_options", fat_options },
	/* kernfs_syscall_ops.show_options of the cgroup hierarchies */
	[FN_CGROUP] = { "cgroup_show_options", NULL },
	[FN_CGROUP1] = { "cgroup1_show_options", NULL },
};

static uint64_t known_function(struct vr_program *prog,
			       struct show_options_ctx *ctx, enum known_fn i)
{
	if (!(ctx->fn_found & (1U << i))) {
		ctx->fn_addr[i] = function_address(prog,
						   show_options_table[i].fn);
		ctx->fn_found |= 1U << i;
	}
	return ctx->fn_addr[i];
}

struct vr_error *sb_show_options(struct kobj sb, struct show_options_ctx *ctx,
				 struct strbuf *out)
{
	struct vr_error *err = NULL;
	uint64_t show = kobj_member_u64(sb, "s_op->show_options", &err);
	char type[64];

	if (err || !show)
		return err;
	for (unsigned int i = 0; i < NR_KNOWN_FNS; i++) {
		if (show_options_table[i].show &&
		    show == known_function(sb.prog, ctx, i))
			return show_options_table[i].show(sb, ctx, out);
	}
	err = kobj_read_cstr(kobj_member(sb, "s_type->name"), type,
			     sizeof(type));
	if (err)
		return err;
	show_options_unknown(ctx, type);
	return NULL;
}
