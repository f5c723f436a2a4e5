/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Dump files: format probe, physical memory reads, notes and VMCOREINFO.
 *
 * Formats: ELF vmcore (PT_LOAD by p_paddr), kdump-compressed ("KDUMP   ",
 * makedumpfile's diskdump format) and makedumpfile's flattened format
 * (either of the two, written as a stream of {offset, size} records), which
 * is read in place through an index built on open.
 */
#ifndef VR_DUMP_H
#define VR_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"

struct vr_dump;

/* Page compression methods of kdump-compressed dumps (page_desc.flags). */
enum vr_compression {
	VR_COMPRESS_NONE,
	VR_COMPRESS_ZLIB,	/* DUMP_DH_COMPRESSED_ZLIB   0x1 */
	VR_COMPRESS_LZO,	/* DUMP_DH_COMPRESSED_LZO    0x2 */
	VR_COMPRESS_SNAPPY,	/* DUMP_DH_COMPRESSED_SNAPPY 0x4 */
	VR_COMPRESS_ZSTD,	/* DUMP_DH_COMPRESSED_ZSTD   0x20 */
};

/*
 * Decompress exactly @dst_len bytes (one page) from @src.  Errors:
 * VR_ERR_CORRUPT if the data does not decompress to exactly @dst_len bytes.
 */
struct vr_error *vr_decompress(enum vr_compression method, const void *src,
			       size_t src_len, void *dst, size_t dst_len);
const char *vr_compression_name(enum vr_compression method);

/* An ELF note as found in the dump (PT_NOTE, or the kdump sub-header). */
struct vr_note {
	const char *name;	/* "CORE", "VMCOREINFO", "QEMU", ... */
	uint32_t type;		/* NT_PRSTATUS, ... */
	const void *desc;
	size_t desc_size;
};

struct vr_dump_info {
	const char *format;	/* "elf", "kdump" */
	bool flattened;		/* read through makedumpfile's flattened format */
	/*
	 * Architecture as the dump says it: ELF e_machine for ELF dumps; for
	 * kdump dumps mapped from the header's utsname.machine ("x86_64",
	 * "S390X", ...) or 0 when that says "Unknown" (QEMU's arm64 and
	 * ppc64el dumps) and the notes tell nothing either.
	 */
	unsigned int e_machine;
	char machine[66];	/* kdump utsname.machine, "" for ELF */
	/*
	 * Byte order of the dump's headers and notes, not necessarily of
	 * memory: ppc64el QEMU dumps have big-endian headers.
	 */
	bool big_endian;
	unsigned int ptr_size;	/* 4 or 8 */
	/*
	 * kdump block_size; 0 for ELF.  The dump's unit, not the kernel's
	 * page size: QEMU's arm64 kdump dumps use 64 KiB blocks for 4 KiB
	 * kernels.  Use VMCOREINFO PAGESIZE for the kernel's.
	 */
	uint64_t page_size;
	uint64_t max_pfn;	/* kdump max_mapnr; for ELF, end of last PT_LOAD / 4096 */
	bool incomplete;	/* kdump status 0x8, or ELF e_flags bit 0 */
	/*
	 * The file ends before data its headers declare (a copy cut short, a
	 * full disk): pages past the end read as VR_ERR_TRUNCATED, and a
	 * warning says where it ends.
	 */
	bool truncated;
	int nr_cpus;		/* kdump nr_cpus; ELF: number of NT_PRSTATUS */
	int64_t timestamp;	/* kdump header timestamp (seconds), 0 if none */
	/*
	 * kdump sub-header phys_base, 0 if none.  QEMU 7.2 writes garbage
	 * here on x86_64 (it reads VMCOREINFO's decimal NUMBER(phys_base) as
	 * hex): prefer VMCOREINFO.
	 */
	uint64_t phys_base;
	int dump_level;		/* kdump sub-header dump_level, -1 if unknown */
	unsigned int compressions; /* bit (1 << enum vr_compression) seen so far */
};

struct vr_dump_stats {
	uint64_t reads;		/* vr_dump_read_phys calls */
	uint64_t pages_read;	/* pages fetched from the file */
	uint64_t pages_decompressed;
	uint64_t cache_hits;
	uint64_t cache_misses;
};

/*
 * Open a dump.  Fails with VR_ERR_IO (cannot open/read), VR_ERR_FORMAT
 * (not a dump we know) or VR_ERR_TRUNCATED/VR_ERR_CORRUPT (headers,
 * bitmaps or descriptors cut short or inconsistent), each with a message
 * that names the file and what is wrong.  A dump whose page data is cut
 * short still opens (reads in the missing part fail with
 * VR_ERR_TRUNCATED); vr_dump_warnings() lists what was noticed.
 */
struct vr_error *vr_dump_open(const char *path, struct vr_dump **ret);
void vr_dump_close(struct vr_dump *dump);
/*
 * A dump written in several files (makedumpfile --split): each file holds
 * a range of pages; together they read as one dump.  One path is the same
 * as vr_dump_open().  Parts of different dumps are refused.
 */
struct vr_error *vr_dump_open_split(const char *const *paths, size_t n,
				    struct vr_dump **ret);

const struct vr_dump_info *vr_dump_info(const struct vr_dump *dump);
const struct vr_dump_stats *vr_dump_stats(const struct vr_dump *dump);
/* Human-readable warnings found while opening (NULL-terminated array). */
const char *const *vr_dump_warnings(const struct vr_dump *dump);

/*
 * Read @len bytes of physical memory at @paddr.  The read may span pages.
 * Errors name the first failing page: VR_ERR_OUT_OF_RANGE (beyond the
 * dump's address space), VR_ERR_NOT_PRESENT (a hole), VR_ERR_EXCLUDED
 * (filtered out), VR_ERR_TRUNCATED, VR_ERR_CORRUPT, VR_ERR_IO.
 * Decompressed pages are kept in a small cache.  On error @buf holds what
 * was read before the failing page.  Safe to call from several threads
 * (a mutex per dump guards the cache and the counters).
 *
 * Per format: ELF reports the memsz > filesz tail of a PT_LOAD as
 * excluded (makedumpfile -E drops filtered and zero pages that way), kdump
 * a pfn in the first bitmap but not in the second; kdump pages are whole
 * (a pfn left out of the first bitmap is a hole even if part of it is
 * RAM); pages never written in an incomplete dump are truncated.
 */
struct vr_error *vr_dump_read_phys(struct vr_dump *dump, uint64_t paddr,
				   void *buf, size_t len);

/*
 * Where the page holding @paddr is stored in the dump file: the offset of
 * its bytes and how many there are (compressed, in a kdump file).  For
 * pointing at damage (tests/unit/test_damaged.c); not for flattened or
 * split dumps, whose file offsets are not the page's.
 */
struct vr_error *vr_dump_page_location(struct vr_dump *dump, uint64_t paddr,
				       uint64_t *off, uint64_t *size);

/*
 * From now on, reads of [@paddr, @paddr + @len) return @bytes instead of
 * the dump's: fault injection for the corrupt-memory tests
 * (tests/unit/test_corrupt.c).  Later patches win over earlier ones.
 */
struct vr_error *vr_dump_patch(struct vr_dump *dump, uint64_t paddr,
			       const void *bytes, size_t len);

/* Notes, in file order.  Valid until vr_dump_close(). */
size_t vr_dump_nr_notes(const struct vr_dump *dump);
const struct vr_note *vr_dump_note(const struct vr_dump *dump, size_t i);

/*
 * The VMCOREINFO text (from the "VMCOREINFO" ELF note, or the kdump
 * sub-header's offset_vmcoreinfo), or NULL if the dump has none.
 */
const char *vr_dump_vmcoreinfo(const struct vr_dump *dump, size_t *len);

/*
 * VMCOREINFO: "KEY=value" lines parsed into a table.  Lines that are not
 * "KEY=value" are skipped; when a key repeats, the first one wins.
 */
struct vr_vmcoreinfo;

struct vr_error *vr_vmcoreinfo_parse(const char *text, size_t len,
				     struct vr_vmcoreinfo **ret);
void vr_vmcoreinfo_free(struct vr_vmcoreinfo *vi);
/* Raw value of a key ("OSRELEASE", "SYMBOL(init_uts_ns)"), or NULL. */
const char *vr_vmcoreinfo_get(const struct vr_vmcoreinfo *vi, const char *key);
/*
 * SYMBOL(name), else ADDRESS(name): hexadecimal.  Returns false if
 * absent/bad.
 */
bool vr_vmcoreinfo_symbol(const struct vr_vmcoreinfo *vi, const char *name,
			  uint64_t *ret);
/* A key with a hexadecimal value without "0x" (KERNELOFFSET, ...). */
bool vr_vmcoreinfo_hex(const struct vr_vmcoreinfo *vi, const char *key,
		       uint64_t *ret);
/*
 * A key with a decimal value (PAGESIZE, NUMBER(x), OFFSET(a.b), SIZE(x),
 * ...), possibly negative.  "0x" switches to hexadecimal: arm64 prints
 * NUMBER(kimage_voffset), NUMBER(PHYS_OFFSET), NUMBER(TCR_EL1_T1SZ) so;
 * values above INT64_MAX keep their bits.
 */
bool vr_vmcoreinfo_dec(const struct vr_vmcoreinfo *vi, const char *key,
		       int64_t *ret);
size_t vr_vmcoreinfo_count(const struct vr_vmcoreinfo *vi);

#endif
