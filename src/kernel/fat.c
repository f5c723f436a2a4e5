// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fat_show_options() of fs/fat/inode.c: the options of a vfat or msdos
 * mount.
 *
 * FAT is a module (fat.ko): struct msdos_sb_info and struct
 * fat_mount_options (fs/fat/fat.h) are not in the vmlinux's DWARF.  Their
 * layout is computed here by the C ABI, as the compiler did, from the
 * fields of fs/fat/fat.h (the same in v6.1 and v6.12 up to the fields
 * read; v6.12 only adds a bit at the end of the bitfield) and the sizes
 * the vmlinux knows (struct mutex, pointers).  The result is checked
 * against what must hold (masks of 9 bits, errors 1-3, nls_disk->charset
 * "cp<codepage>"), and the options are reported as unknown when it does
 * not.
 */
#include <stdio.h>
#include <string.h>

#include "vr/mount.h"
#include "vr/task_info.h"

/* fs/fat/fat.h */
#define VFAT_SFN_DISPLAY_LOWER	0x0001
#define VFAT_SFN_DISPLAY_WIN95	0x0002
#define VFAT_SFN_DISPLAY_WINNT	0x0004
#define VFAT_SFN_CREATE_WIN95	0x0100
#define VFAT_SFN_CREATE_WINNT	0x0200

#define FAT_ERRORS_CONT		1
#define FAT_ERRORS_PANIC	2
#define FAT_ERRORS_RO		3

#define FAT_NFS_STALE_RW	1
#define FAT_NFS_NOSTALE_RO	2

/* The bitfield of struct fat_mount_options, in declaration order. */
enum fat_opt_bit {
	FAT_QUIET, FAT_SHOWEXEC, FAT_SYS_IMMUTABLE, FAT_DOTSOK, FAT_ISVFAT,
	FAT_UTF8, FAT_UNICODE_XLATE, FAT_NUMTAIL, FAT_FLUSH, FAT_NOCASE,
	FAT_USEFREE, FAT_TZ_SET, FAT_RODIR, FAT_DISCARD, FAT_DOS1XFLOPPY,
};

/* Offsets in struct msdos_sb_info and struct fat_mount_options. */
struct fat_layout {
	uint64_t options;	/* msdos_sb_info.options */
	uint64_t nls_disk, nls_io;
	/* in fat_mount_options */
	uint64_t fs_uid, fs_gid, fs_fmask, fs_dmask, codepage, time_offset;
	uint64_t shortname, name_check, errors, nfs, allow_utime, bits;
};

static uint64_t place(uint64_t *off, uint64_t size, uint64_t align)
{
	uint64_t at = (*off + align - 1) / align * align;

	*off = at + size;
	return at;
}

static bool fat_layout(struct vr_program *prog, struct fat_layout *l)
{
	uint64_t p = prog->ptr_size;	/* pointers and longs */
	uint64_t mutex = kobj_sizeof(prog, "struct mutex");
	uint64_t off = 0, o;

	if (!mutex || (p != 8 && p != 4))
		return false;
	/* struct msdos_sb_info */
	place(&off, 2, 2);		/* sec_per_clus */
	place(&off, 2, 2);		/* cluster_bits */
	place(&off, 4, 4);		/* cluster_size */
	place(&off, 1, 1);		/* fats */
	place(&off, 1, 1);		/* fat_bits */
	place(&off, 2, 2);		/* fat_start */
	place(&off, p, p);		/* fat_length */
	place(&off, p, p);		/* dir_start */
	place(&off, 2, 2);		/* dir_entries */
	place(&off, p, p);		/* data_start */
	place(&off, p, p);		/* max_cluster */
	place(&off, p, p);		/* root_cluster */
	place(&off, p, p);		/* fsinfo_sector */
	place(&off, mutex, p);		/* fat_lock */
	place(&off, mutex, p);		/* nfs_build_inode_lock */
	place(&off, mutex, p);		/* s_lock */
	place(&off, 4, 4);		/* prev_free */
	place(&off, 4, 4);		/* free_clusters */
	place(&off, 4, 4);		/* free_clus_valid */

	/* struct fat_mount_options, aligned for its pointer */
	o = 0;
	l->fs_uid = place(&o, 4, 4);
	l->fs_gid = place(&o, 4, 4);
	l->fs_fmask = place(&o, 2, 2);
	l->fs_dmask = place(&o, 2, 2);
	l->codepage = place(&o, 2, 2);
	l->time_offset = place(&o, 4, 4);
	place(&o, p, p);		/* iocharset */
	l->shortname = place(&o, 2, 2);
	l->name_check = place(&o, 1, 1);
	l->errors = place(&o, 1, 1);
	l->nfs = place(&o, 1, 1);
	l->allow_utime = place(&o, 2, 2);
	l->bits = place(&o, 4, 4);	/* unsigned quiet:1, ... */
	o = (o + p - 1) / p * p;

	l->options = place(&off, o, p);
	l->nls_disk = place(&off, p, p);
	l->nls_io = place(&off, p, p);
	return true;
}

struct fat_opts {
	uint64_t uid, gid, fmask, dmask, codepage, shortname, name_check;
	uint64_t errors, nfs, allow_utime, bits, nls_disk, nls_io;
	int64_t time_offset;
	char codepage_name[32], iocharset[32];
};

static uint64_t rd(struct vr_program *prog, uint64_t addr, size_t size,
		   struct vr_error **err)
{
	uint64_t v = 0;

	if (!*err)
		*err = vr_program_read_uint(prog, addr, size, &v);
	return v;
}

static bool opt_bit(struct vr_program *prog, const struct fat_opts *f,
		    enum fat_opt_bit bit)
{
	/* GCC fills bitfields from the low bit (little-endian) or the high. */
	unsigned int shift = prog->big_endian ? 31 - bit : bit;

	return (f->bits >> shift) & 1;
}

static struct vr_error *read_fat_opts(struct kobj sb, struct fat_opts *f,
				      bool *valid)
{
	struct vr_program *prog = sb.prog;
	struct vr_error *err = NULL;
	struct fat_layout l;
	uint64_t sbi = kobj_member_u64(sb, "s_fs_info", &err);
	uint64_t opts, charset;
	char want[32];

	*valid = false;
	if (err || !sbi || !fat_layout(prog, &l))
		return err;
	opts = sbi + l.options;
	f->uid = rd(prog, opts + l.fs_uid, 4, &err);
	f->gid = rd(prog, opts + l.fs_gid, 4, &err);
	f->fmask = rd(prog, opts + l.fs_fmask, 2, &err);
	f->dmask = rd(prog, opts + l.fs_dmask, 2, &err);
	f->codepage = rd(prog, opts + l.codepage, 2, &err);
	f->time_offset = (int32_t)rd(prog, opts + l.time_offset, 4, &err);
	f->shortname = rd(prog, opts + l.shortname, 2, &err);
	f->name_check = rd(prog, opts + l.name_check, 1, &err);
	f->errors = rd(prog, opts + l.errors, 1, &err);
	f->nfs = rd(prog, opts + l.nfs, 1, &err);
	f->allow_utime = rd(prog, opts + l.allow_utime, 2, &err);
	f->bits = rd(prog, opts + l.bits, 4, &err);
	f->nls_disk = rd(prog, sbi + l.nls_disk, prog->ptr_size, &err);
	f->nls_io = rd(prog, sbi + l.nls_io, prog->ptr_size, &err);
	if (err)
		return err;
	/* What fat_parse_options() and fat_fill_super() guarantee. */
	if (f->fmask > 0777 || f->dmask > 0777 || f->allow_utime > 0777 ||
	    f->errors < FAT_ERRORS_CONT || f->errors > FAT_ERRORS_RO ||
	    !strchr("rns", (int)f->name_check) || !f->name_check ||
	    f->nfs > FAT_NFS_NOSTALE_RO || !f->nls_disk)
		return NULL;
	/* struct nls_table is in the vmlinux (fs/nls/nls_base.c). */
	charset = kobj_member_u64(kobj_at(prog, "struct nls_table", f->nls_disk),
				  "charset", &err);
	if (!err)
		err = vr_program_read_cstr(prog, charset, f->codepage_name,
					   sizeof(f->codepage_name));
	if (!err && f->nls_io) {
		charset = kobj_member_u64(kobj_at(prog, "struct nls_table",
						  f->nls_io), "charset", &err);
		if (!err)
			err = vr_program_read_cstr(prog, charset, f->iocharset,
						   sizeof(f->iocharset));
	}
	if (err) {
		/* Not a table after all: the layout is wrong. */
		vr_error_destroy(err);
		return NULL;
	}
	snprintf(want, sizeof(want), "cp%llu", (unsigned long long)f->codepage);
	*valid = !strcmp(want, f->codepage_name);
	return NULL;
}

struct vr_error *fat_show_options(struct kobj sb, struct strbuf *out,
				  bool *known)
{
	struct vr_program *prog = sb.prog;
	struct fat_opts f = { 0 };
	struct vr_error *err = read_fat_opts(sb, &f, known);
	bool isvfat;

	if (err || !*known)
		return err;
	isvfat = opt_bit(prog, &f, FAT_ISVFAT);
	if (f.uid)
		strbuf_printf(out, ",uid=%llu", (unsigned long long)
			      (f.uid == 0xffffffffULL ? 65534 : f.uid));
	if (f.gid)
		strbuf_printf(out, ",gid=%llu", (unsigned long long)
			      (f.gid == 0xffffffffULL ? 65534 : f.gid));
	strbuf_printf(out, ",fmask=%04llo", (unsigned long long)f.fmask);
	strbuf_printf(out, ",dmask=%04llo", (unsigned long long)f.dmask);
	if (f.allow_utime)
		strbuf_printf(out, ",allow_utime=%04llo",
			      (unsigned long long)f.allow_utime);
	/* strip "cp" prefix from displayed option */
	strbuf_printf(out, ",codepage=%s", f.codepage_name + 2);
	if (isvfat) {
		if (f.nls_io)
			strbuf_printf(out, ",iocharset=%s", f.iocharset);
		switch (f.shortname) {
		case VFAT_SFN_DISPLAY_WIN95 | VFAT_SFN_CREATE_WIN95:
			strbuf_puts(out, ",shortname=win95");
			break;
		case VFAT_SFN_DISPLAY_WINNT | VFAT_SFN_CREATE_WINNT:
			strbuf_puts(out, ",shortname=winnt");
			break;
		case VFAT_SFN_DISPLAY_WINNT | VFAT_SFN_CREATE_WIN95:
			strbuf_puts(out, ",shortname=mixed");
			break;
		case VFAT_SFN_DISPLAY_LOWER | VFAT_SFN_CREATE_WIN95:
			strbuf_puts(out, ",shortname=lower");
			break;
		default:
			strbuf_puts(out, ",shortname=unknown");
			break;
		}
	}
	if (f.name_check != 'n')
		strbuf_printf(out, ",check=%c", (char)f.name_check);
	if (opt_bit(prog, &f, FAT_USEFREE))
		strbuf_puts(out, ",usefree");
	if (opt_bit(prog, &f, FAT_QUIET))
		strbuf_puts(out, ",quiet");
	if (opt_bit(prog, &f, FAT_SHOWEXEC))
		strbuf_puts(out, ",showexec");
	if (opt_bit(prog, &f, FAT_SYS_IMMUTABLE))
		strbuf_puts(out, ",sys_immutable");
	if (!isvfat) {
		if (opt_bit(prog, &f, FAT_DOTSOK))
			strbuf_puts(out, ",dotsOK=yes");
		if (opt_bit(prog, &f, FAT_NOCASE))
			strbuf_puts(out, ",nocase");
	} else {
		if (opt_bit(prog, &f, FAT_UTF8))
			strbuf_puts(out, ",utf8");
		if (opt_bit(prog, &f, FAT_UNICODE_XLATE))
			strbuf_puts(out, ",uni_xlate");
		if (!opt_bit(prog, &f, FAT_NUMTAIL))
			strbuf_puts(out, ",nonumtail");
		if (opt_bit(prog, &f, FAT_RODIR))
			strbuf_puts(out, ",rodir");
	}
	if (opt_bit(prog, &f, FAT_FLUSH))
		strbuf_puts(out, ",flush");
	if (opt_bit(prog, &f, FAT_TZ_SET)) {
		if (f.time_offset)
			strbuf_printf(out, ",time_offset=%lld",
				      (long long)f.time_offset);
		else
			strbuf_puts(out, ",tz=UTC");
	}
	if (f.errors == FAT_ERRORS_CONT)
		strbuf_puts(out, ",errors=continue");
	else if (f.errors == FAT_ERRORS_PANIC)
		strbuf_puts(out, ",errors=panic");
	else
		strbuf_puts(out, ",errors=remount-ro");
	if (f.nfs == FAT_NFS_NOSTALE_RO)
		strbuf_puts(out, ",nfs=nostale_ro");
	else if (f.nfs)
		strbuf_puts(out, ",nfs=stale_rw");
	if (opt_bit(prog, &f, FAT_DISCARD))
		strbuf_puts(out, ",discard");
	if (opt_bit(prog, &f, FAT_DOS1XFLOPPY))
		strbuf_puts(out, ",dos1xfloppy");
	return NULL;
}
