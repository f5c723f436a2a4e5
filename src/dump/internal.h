/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private parts of the dump layer: the input (plain or flattened file),
 * extent maps, the page cache, and the format back ends (ELF, kdump).
 */
#ifndef VR_DUMP_INTERNAL_H
#define VR_DUMP_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/dump.h"
#include "vr/error.h"

/* Bounds on what a (possibly hostile) dump can make us allocate. */
#define VR_MAX_NOTES_BYTES	(64u << 20)
#define VR_MAX_NOTES		65536
#define VR_MAX_WARNINGS		64
/*
 * Flattened records with data (40 bytes of extent each).  A record is at
 * most one flush of the writer's cache: 16 pages for makedumpfile
 * (page_size << DEFAULT_ORDER), 4 for QEMU (BUFSIZE_DATA_CACHE).  The
 * fixtures: 1663 records of 33 KB on average in makedumpfile -F's 52 MiB
 * (x86_64), at most 3536 of 16 KiB in QEMU's.  So 4M records are a
 * flattened file of some 130 GiB (makedumpfile) or 64 GiB (QEMU) with
 * 4 KiB pages, 16 times that with 64 KiB ones; bigger files may have
 * one per 4 KiB of the file (flattened.c).
 */
#define VR_MAX_FLAT_RECORDS	(1u << 22)
#define VR_MAX_PHDRS		(1u << 20)
#define VR_CACHE_BYTES		(4u << 20)

/* ---- warnings ---------------------------------------------------------- */

struct vr_warnings {
	char **v;		/* NULL-terminated */
	size_t n;
};

void vr_warn(struct vr_warnings *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vr_warnings_free(struct vr_warnings *w);

/* ---- extent maps ------------------------------------------------------- */

enum vr_extent_kind {
	VR_EXTENT_DATA,		/* bytes at @off in the file */
	VR_EXTENT_EXCLUDED,	/* declared, but not in the file (ELF memsz > filesz) */
};

/*
 * A range [start, start + len) of one address space mapped to file offset
 * @off.  @prio decides overlaps: the highest priority wins.
 */
struct vr_extent {
	uint64_t start;
	uint64_t len;
	uint64_t off;
	int64_t prio;
	unsigned int kind;
};

struct vr_extent_map {
	struct vr_extent *v;	/* sorted by start, no overlaps */
	size_t n;
};

/*
 * Resolve @n possibly overlapping extents into @map (consumes @in, which
 * is reordered and freed).  Zero-length extents are dropped.
 */
struct vr_error *vr_extents_resolve(struct vr_extent *in, size_t n,
				    struct vr_extent_map *map);
/* The extent holding @addr, or NULL. */
const struct vr_extent *vr_extents_find(const struct vr_extent_map *map,
					uint64_t addr);
/* The first extent starting after @addr, or NULL. */
const struct vr_extent *vr_extents_next(const struct vr_extent_map *map,
					uint64_t addr);
void vr_extents_free(struct vr_extent_map *map);

/* ---- input ------------------------------------------------------------- */

/*
 * The bytes of a dump as a format reader sees them: a plain file, or the
 * logical file that a makedumpfile flattened file describes.
 */
struct vr_input {
	int fd;
	const char *path;	/* borrowed from the dump */
	uint64_t file_size;	/* of the file on disk */
	uint64_t size;		/* of the logical stream */
	bool flattened;
	bool flat_complete;		/* the end marker was found */
	struct vr_extent_map flat;	/* logical offset -> file offset */
};

struct vr_error *vr_input_open(const char *path, struct vr_warnings *warn,
			       struct vr_input **ret);
void vr_input_close(struct vr_input *in);
/* Read exactly @len bytes at logical offset @off. */
struct vr_error *vr_input_pread(struct vr_input *in, void *buf, size_t len,
				uint64_t off);
/* Read from the file itself (no flattening). */
struct vr_error *vr_file_pread(struct vr_input *in, void *buf, size_t len,
			       uint64_t off);

bool vr_flattened_probe(const void *head, size_t len);
struct vr_error *vr_flattened_index(struct vr_input *in,
				    struct vr_warnings *warn);

/* ---- page cache -------------------------------------------------------- */

/* Two-way set-associative cache of whole pages, keyed by page number. */
struct vr_page_cache {
	size_t page_size;
	size_t nsets;		/* power of two */
	uint64_t *tags;		/* pfn + 1, 0 = empty; 2 per set */
	uint8_t *victim;	/* per set: way to replace next */
	unsigned char *data;
};

struct vr_error *vr_cache_init(struct vr_page_cache *c, size_t page_size);
void vr_cache_free(struct vr_page_cache *c);
const void *vr_cache_get(struct vr_page_cache *c, uint64_t pfn);
/* A buffer for @pfn, invalid until vr_cache_commit(). */
void *vr_cache_claim(struct vr_page_cache *c, uint64_t pfn);
void vr_cache_commit(struct vr_page_cache *c, uint64_t pfn, void *buf);

/* ---- the dump ---------------------------------------------------------- */

struct vr_dump_ops {
	/* Read @len bytes at @paddr, all within one page of d->cache. */
	struct vr_error *(*read)(struct vr_dump *d, uint64_t paddr, void *buf,
				 size_t len);
	void (*free)(struct vr_dump *d);
	/* vr_dump_page_location() */
	struct vr_error *(*locate)(struct vr_dump *d, uint64_t paddr,
				   uint64_t *off, uint64_t *size);
};

struct vr_kdump;
struct vr_elf;

struct vr_dump_patch {
	uint64_t paddr;
	size_t len;
	unsigned char *bytes;
};

struct vr_dump {
	char *path;
	struct vr_input *in;
	struct vr_dump_info info;
	struct vr_dump_stats stats;
	struct vr_warnings warn;
	pthread_mutex_t lock;		/* reads, cache and stats */

	struct vr_note *notes;
	char **note_names;		/* owned copies, parallel to notes */
	size_t nr_notes;
	size_t notes_cap;		/* allocated in both */
	void **note_bufs;		/* owned note payloads */
	size_t nr_note_bufs;
	size_t note_bytes;

	char *vmcoreinfo;		/* NUL-terminated copy, or NULL */
	size_t vmcoreinfo_len;

	/* A split dump (makedumpfile --split): the parts, each a vr_dump. */
	struct vr_dump **parts;
	size_t nr_parts;

	const struct vr_dump_ops *ops;
	struct vr_kdump *kdump;
	struct vr_elf *elf;
	struct vr_page_cache cache;

	/* vr_dump_patch(): bytes that replace the dump's, for tests. */
	struct vr_dump_patch *patches;
	size_t nr_patches;
};

/* A read from the part of a split dump that holds the page. */
struct vr_error *vr_split_read(struct vr_dump *d, uint64_t paddr, void *buf,
			       size_t len);

/* Parse ELF notes in @buf (taken over by the dump) and append them. */
struct vr_error *vr_dump_add_notes(struct vr_dump *d, void *buf, size_t len,
				   bool big_endian);
/* Take VMCOREINFO text (copied; trailing NULs dropped). */
struct vr_error *vr_dump_set_vmcoreinfo(struct vr_dump *d, const void *text,
					size_t len);
/* Set d->vmcoreinfo from a "VMCOREINFO" note if not already set. */
struct vr_error *vr_dump_vmcoreinfo_from_notes(struct vr_dump *d);
/* Number of NT_PRSTATUS "CORE" notes, and the size of the first one. */
int vr_dump_count_prstatus(const struct vr_dump *d, size_t *desc_size);

struct vr_error *vr_elf_open(struct vr_dump *d, const unsigned char *head,
			     size_t len);
struct vr_error *vr_kdump_open(struct vr_dump *d, const unsigned char *head,
			       size_t len);

/* Error for a physical address, naming page @pfn. */
struct vr_error *vr_page_error(enum vr_errcode code, uint64_t paddr,
			       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
