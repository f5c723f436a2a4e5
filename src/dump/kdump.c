// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kdump-compressed dumps (makedumpfile's diskdump format, also written by
 * QEMU): disk_dump_header at block 0, kdump_sub_header at block 1, then
 * sub_hdr_size blocks after block 0 the two bitmaps (bitmap_blocks blocks
 * together), then the page descriptors, then page data.
 *
 * Field widths follow the dumped machine: its byte order, and its long
 * (timeval and some sub-header fields are 4 bytes on 32-bit machines).
 * utsname.machine hints at both, but QEMU writes "Unknown" for arm64 and
 * ppc64 (whose headers are big-endian), so every candidate layout is
 * checked for consistency and the first sane one wins.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kdump.h"
#include "vr/util.h"

#define UTS_LEN			65
#define UTS_MACHINE_OFF		(12 + 4 * UTS_LEN)
#define MIN_BLOCK_SIZE		512
#define MAX_BLOCK_SIZE		(1u << 20)
#define MAX_SUB_HDR_BLOCKS	1024
#define MAX_VMCOREINFO		(1u << 20)

/* Offsets in disk_dump_header after utsname. */
struct hdr_layout {
	unsigned int ptr_size;
	size_t size, timestamp, status, block_size, sub_hdr_size;
	size_t bitmap_blocks, max_mapnr, nr_cpus;
};

static const struct hdr_layout hdr64 = {
	.ptr_size = 8, .size = 464, .timestamp = 408, .status = 424,
	.block_size = 428, .sub_hdr_size = 432, .bitmap_blocks = 436,
	.max_mapnr = 440, .nr_cpus = 460,
};

static const struct hdr_layout hdr32 = {
	.ptr_size = 4, .size = 452, .timestamp = 404, .status = 412,
	.block_size = 416, .sub_hdr_size = 420, .bitmap_blocks = 424,
	.max_mapnr = 428, .nr_cpus = 448,
};

/* kdump_sub_header; "long" fields are ptr_size, sizes are long too. */
struct sub_layout {
	size_t size, dump_level, split, start_pfn, end_pfn;
	size_t off_vmcoreinfo, size_vmcoreinfo, off_note, size_note;
	size_t off_eraseinfo, start_pfn_64, end_pfn_64, max_mapnr_64;
	unsigned int long_size;
};

static const struct sub_layout sub64 = {
	.size = 104, .dump_level = 8, .split = 12, .start_pfn = 16,
	.end_pfn = 24, .off_vmcoreinfo = 32, .size_vmcoreinfo = 40,
	.off_note = 48, .size_note = 56, .off_eraseinfo = 64,
	.start_pfn_64 = 80, .end_pfn_64 = 88, .max_mapnr_64 = 96,
	.long_size = 8,
};

/* 32-bit, 64-bit fields aligned to 4 bytes (i386). */
static const struct sub_layout sub32pack = {
	.size = 80, .dump_level = 4, .split = 8, .start_pfn = 12,
	.end_pfn = 16, .off_vmcoreinfo = 20, .size_vmcoreinfo = 28,
	.off_note = 32, .size_note = 40, .off_eraseinfo = 44,
	.start_pfn_64 = 56, .end_pfn_64 = 64, .max_mapnr_64 = 72,
	.long_size = 4,
};

/* 32-bit, 64-bit fields aligned to 8 bytes (arm and most others). */
static const struct sub_layout sub32pad = {
	.size = 96, .dump_level = 4, .split = 8, .start_pfn = 12,
	.end_pfn = 16, .off_vmcoreinfo = 24, .size_vmcoreinfo = 32,
	.off_note = 40, .size_note = 48, .off_eraseinfo = 56,
	.start_pfn_64 = 72, .end_pfn_64 = 80, .max_mapnr_64 = 88,
	.long_size = 4,
};

struct kdump_hdr {
	const struct hdr_layout *lay;
	bool be;
	int32_t version;
	uint32_t status, block_size, sub_hdr_size, bitmap_blocks;
	uint64_t max_mapnr;
	int32_t nr_cpus;
	int64_t timestamp;
	char machine[UTS_LEN + 1];
};

struct kdump_sub {
	uint64_t phys_base;
	int32_t dump_level, split;
	uint64_t start_pfn, end_pfn;
	uint64_t off_vmcoreinfo, size_vmcoreinfo, off_note, size_note;
	uint64_t max_mapnr_64;
};

static bool pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

static bool machine_is(const char *m, const char *const *names)
{
	for (; *names; names++)
		if (!strcasecmp(m, *names))
			return true;
	return false;
}

static const char *const be64_machines[] = { "s390x", "ppc64", NULL };
static const char *const le32_machines[] = {
	"i386", "i486", "i586", "i686", "x86", NULL
};
/* Guess from utsname.machine: byte order first, then pointer size. */
static void hint(const char *machine, bool *be, bool *is32)
{
	*be = machine_is(machine, be64_machines);
	*is32 = machine_is(machine, le32_machines) ||
		(!strncasecmp(machine, "arm", 3) &&
		 strcasecmp(machine, "arm64"));
}

static void decode_hdr(const unsigned char *b, const struct hdr_layout *lay,
		       bool be, struct kdump_hdr *h)
{
	h->lay = lay;
	h->be = be;
	h->version = (int32_t)vr_get32(b + 8, be);
	h->timestamp = lay->ptr_size == 8 ?
		(int64_t)vr_get64(b + lay->timestamp, be) :
		(int32_t)vr_get32(b + lay->timestamp, be);
	h->status = vr_get32(b + lay->status, be);
	h->block_size = vr_get32(b + lay->block_size, be);
	h->sub_hdr_size = vr_get32(b + lay->sub_hdr_size, be);
	h->bitmap_blocks = vr_get32(b + lay->bitmap_blocks, be);
	h->max_mapnr = vr_get32(b + lay->max_mapnr, be);
	h->nr_cpus = (int32_t)vr_get32(b + lay->nr_cpus, be);
}

static bool hdr_sane(const struct kdump_hdr *h)
{
	uint64_t bits;

	if (h->version < 0 || h->version > 1000)
		return false;
	if (!pow2(h->block_size) || h->block_size < MIN_BLOCK_SIZE ||
	    h->block_size > MAX_BLOCK_SIZE)
		return false;
	if (h->sub_hdr_size > MAX_SUB_HDR_BLOCKS || !h->bitmap_blocks)
		return false;
	/* Each of the two bitmaps must cover max_mapnr pages. */
	bits = (uint64_t)h->bitmap_blocks * h->block_size * 4;
	return h->version >= 6 || bits >= h->max_mapnr;
}

static struct vr_error *read_hdr(struct vr_dump *d, struct kdump_hdr *h)
{
	unsigned char b[464] = { 0 };
	const struct hdr_layout *lays[2] = { &hdr64, &hdr32 };
	struct vr_error *err;
	bool be, is32;

	/* A 32-bit header is 452 bytes; a flattened file may hold only that. */
	err = vr_input_pread(d->in, b, hdr32.size, 0);
	if (err)
		return vr_error_wrap(err, "kdump header");
	err = vr_input_pread(d->in, b + hdr32.size, sizeof(b) - hdr32.size,
			     hdr32.size);
	if (err)
		vr_error_destroy(err);
	memcpy(h->machine, b + UTS_MACHINE_OFF, UTS_LEN);
	h->machine[UTS_LEN] = '\0';
	hint(h->machine, &be, &is32);
	if (is32) {
		lays[0] = &hdr32;
		lays[1] = &hdr64;
	}
	for (int i = 0; i < 4; i++) {
		struct kdump_hdr c = *h;

		decode_hdr(b, lays[i / 2], i % 2 ? !be : be, &c);
		if (hdr_sane(&c)) {
			*h = c;
			return NULL;
		}
	}
	return vr_error_create(VR_ERR_CORRUPT,
			       "kdump header makes no sense in any byte order or word size");
}

static uint64_t get_long(const unsigned char *b, size_t off,
			 unsigned int size, bool be)
{
	return size == 8 ? vr_get64(b + off, be) : vr_get32(b + off, be);
}

static void decode_sub(const unsigned char *b, const struct sub_layout *l,
		       const struct kdump_hdr *h, struct kdump_sub *s)
{
	bool be = h->be;
	int v = h->version;

	memset(s, 0, sizeof(*s));
	s->dump_level = -1;
	s->phys_base = get_long(b, 0, l->long_size, be);
	if (v >= 1)
		s->dump_level = (int32_t)vr_get32(b + l->dump_level, be);
	if (v >= 2) {
		s->split = (int32_t)vr_get32(b + l->split, be);
		s->start_pfn = get_long(b, l->start_pfn, l->long_size, be);
		s->end_pfn = get_long(b, l->end_pfn, l->long_size, be);
	}
	if (v >= 3) {
		s->off_vmcoreinfo = vr_get64(b + l->off_vmcoreinfo, be);
		s->size_vmcoreinfo = get_long(b, l->size_vmcoreinfo,
					      l->long_size, be);
	}
	if (v >= 4) {
		s->off_note = vr_get64(b + l->off_note, be);
		s->size_note = get_long(b, l->size_note, l->long_size, be);
	}
	if (v >= 6) {
		s->start_pfn = vr_get64(b + l->start_pfn_64, be);
		s->end_pfn = vr_get64(b + l->end_pfn_64, be);
		s->max_mapnr_64 = vr_get64(b + l->max_mapnr_64, be);
	}
}

/* Bytes of the sub-header that a version-@v writer fills in. */
static size_t sub_bytes(const struct sub_layout *l, int v)
{
	switch (v) {
	case 1: return l->split;
	case 2: return l->off_vmcoreinfo;
	case 3: return l->off_note;
	case 4: case 5: return l->start_pfn_64;
	}
	return l->size;
}

/* Does the VMCOREINFO area lie inside the sub-header blocks? */
static bool sub_plausible(const struct kdump_sub *s, const struct kdump_hdr *h)
{
	uint64_t lo = h->block_size;
	uint64_t hi = (uint64_t)(1 + h->sub_hdr_size) * h->block_size;

	if (h->version < 3 || (!s->off_vmcoreinfo && !s->size_vmcoreinfo))
		return true;
	return s->off_vmcoreinfo >= lo && s->off_vmcoreinfo <= hi &&
	       s->size_vmcoreinfo <= hi - s->off_vmcoreinfo;
}

static struct vr_error *read_sub(struct vr_dump *d, const struct kdump_hdr *h,
				 struct kdump_sub *s)
{
	const struct sub_layout *lays[2] = { &sub64, NULL };
	unsigned char b[104] = { 0 };
	struct vr_error *err;

	memset(s, 0, sizeof(*s));
	s->dump_level = -1;
	if (h->version < 1 || !h->sub_hdr_size)
		return NULL;
	if (h->lay->ptr_size == 4) {
		lays[0] = machine_is(h->machine, le32_machines) ?
			  &sub32pack : &sub32pad;
		lays[1] = lays[0] == &sub32pack ? &sub32pad : &sub32pack;
	}
	for (int i = 0; i < 2 && lays[i]; i++) {
		size_t n = min(sub_bytes(lays[i], h->version),
			       (size_t)h->sub_hdr_size * h->block_size);

		err = vr_input_pread(d->in, b, n, h->block_size);
		if (err)
			return vr_error_wrap(err, "kdump sub-header");
		decode_sub(b, lays[i], h, s);
		if (sub_plausible(s, h))
			return NULL;
	}
	vr_warn(&d->warn, "%s: VMCOREINFO offset in the kdump sub-header is implausible",
		d->path);
	s->off_vmcoreinfo = s->size_vmcoreinfo = 0;
	return NULL;
}

/* ---- architecture ------------------------------------------------------ */

struct machine_name {
	const char *name;
	unsigned int e_machine;
};

static const struct machine_name machines[] = {
	{ "x86_64", EM_X86_64 }, { "s390x", EM_S390 }, { "s390", EM_S390 },
	{ "aarch64", EM_AARCH64 }, { "arm64", EM_AARCH64 },
	{ "ppc64", EM_PPC64 }, { "ppc64le", EM_PPC64 },
	{ "i386", EM_386 }, { "i486", EM_386 }, { "i586", EM_386 },
	{ "i686", EM_386 }, { "riscv64", EM_RISCV },
	{ "loongarch64", EM_LOONGARCH }, { "mips64", EM_MIPS },
	{ "mips", EM_MIPS },
};

/* elf_prstatus sizes: the only arch hint QEMU's "Unknown" dumps carry. */
static unsigned int machine_from_prstatus(size_t size, bool be,
					  unsigned int ptr_size)
{
	if (ptr_size == 4)
		return size == 144 ? EM_386 : size == 148 ? EM_ARM : 0;
	switch (size) {
	case 336: return be ? EM_S390 : EM_X86_64;
	case 392: return EM_AARCH64;
	case 504: return EM_PPC64;
	}
	return 0;
}

static unsigned int machine_of(struct vr_dump *d, const char *name)
{
	size_t size = 0;

	for (size_t i = 0; i < ARRAY_SIZE(machines); i++)
		if (!strcasecmp(name, machines[i].name))
			return machines[i].e_machine;
	if (!strncasecmp(name, "arm", 3))
		return EM_ARM;
	if (!vr_dump_count_prstatus(d, &size))
		return 0;
	return machine_from_prstatus(size, d->info.big_endian,
				     d->info.ptr_size);
}

/* ---- notes and VMCOREINFO ---------------------------------------------- */

static void *read_blob(struct vr_dump *d, uint64_t off, uint64_t size,
		       uint64_t limit, const char *what)
{
	struct vr_error *err;
	void *buf;

	if (size > limit) {
		vr_warn(&d->warn, "%s: %s of 0x%llx bytes ignored (too large)",
			d->path, what, (unsigned long long)size);
		return NULL;
	}
	if (off > d->in->size || size > d->in->size - off) {
		vr_warn(&d->warn, "%s: %s at 0x%llx runs past the end of the dump",
			d->path, what, (unsigned long long)off);
		return NULL;
	}
	buf = malloc(size ? size : 1);
	if (!buf)
		return NULL;
	err = vr_input_pread(d->in, buf, size, off);
	if (err) {
		vr_warn(&d->warn, "%s: %s unreadable: %s", d->path, what,
			err->message);
		vr_error_destroy(err);
		free(buf);
		return NULL;
	}
	return buf;
}

static struct vr_error *load_notes(struct vr_dump *d,
				   const struct kdump_sub *s)
{
	struct vr_error *err = NULL;
	void *buf;

	if (s->size_note) {
		buf = read_blob(d, s->off_note, s->size_note,
				VR_MAX_NOTES_BYTES, "ELF note area");
		if (buf)
			err = vr_dump_add_notes(d, buf, s->size_note,
						d->kdump->be);
		if (err)
			return err;
	}
	if (s->size_vmcoreinfo) {
		buf = read_blob(d, s->off_vmcoreinfo, s->size_vmcoreinfo,
				MAX_VMCOREINFO, "VMCOREINFO");
		if (buf)
			err = vr_dump_set_vmcoreinfo(d, buf,
						     s->size_vmcoreinfo);
		free(buf);
		if (err)
			return err;
	}
	return vr_dump_vmcoreinfo_from_notes(d);
}

/* ---- open -------------------------------------------------------------- */

static void set_range(struct vr_dump *d, const struct kdump_hdr *h,
		      const struct kdump_sub *s)
{
	struct vr_kdump *k = d->kdump;
	uint64_t cap = (uint64_t)h->bitmap_blocks * h->block_size / 2 * 8;

	k->max_mapnr = h->max_mapnr;
	if (h->version >= 6 && s->max_mapnr_64)
		k->max_mapnr = s->max_mapnr_64;
	if (k->max_mapnr > cap) {
		vr_warn(&d->warn, "%s: max_mapnr 0x%llx exceeds the bitmaps (0x%llx pages)",
			d->path, (unsigned long long)k->max_mapnr,
			(unsigned long long)cap);
		k->max_mapnr = cap;
	}
	k->start_pfn = 0;
	k->end_pfn = k->max_mapnr;
	if (s->split) {
		k->start_pfn = min(s->start_pfn, k->max_mapnr);
		k->end_pfn = max(k->start_pfn, min(s->end_pfn, k->max_mapnr));
		vr_warn(&d->warn, "%s: split dump: this file holds pfns 0x%llx-0x%llx only",
			d->path, (unsigned long long)k->start_pfn,
			(unsigned long long)k->end_pfn);
	}
}

/* Descriptors read at the end of the table to find where the data ends. */
#define TAIL_DESCS 256

/*
 * Where the page data ends, by the last descriptors: makedumpfile writes
 * pages in pfn order, so the last ones end the data (but for the shared
 * zero page near the start, hence a look at several).
 */
static uint64_t data_end(struct vr_dump *d)
{
	struct vr_kdump *k = d->kdump;
	uint64_t n = min(k->nr_descs, (uint64_t)TAIL_DESCS), end = 0;
	unsigned char *tab = malloc(n * KDUMP_PAGE_DESC_SIZE);
	struct vr_error *err;

	if (!tab)
		return 0;
	err = vr_input_pread(d->in, tab, n * KDUMP_PAGE_DESC_SIZE,
			     k->desc_off + (k->nr_descs - n) * KDUMP_PAGE_DESC_SIZE);
	for (uint64_t i = 0; !err && i < n; i++) {
		const unsigned char *b = tab + i * KDUMP_PAGE_DESC_SIZE;
		uint64_t off = vr_get64(b, k->be);
		uint32_t size = vr_get32(b + 8, k->be);

		if (off <= UINT64_MAX - size)
			end = max(end, off + size);
	}
	vr_error_destroy(err);
	free(tab);
	return end;
}

/*
 * A file cut in its descriptor table has no page data at all (it follows
 * the table): refused.  One cut in the page data reads as far as it goes.
 */
static struct vr_error *check_descs(struct vr_dump *d)
{
	struct vr_kdump *k = d->kdump;
	uint64_t table_end = k->desc_off + k->nr_descs * KDUMP_PAGE_DESC_SIZE;
	uint64_t end;

	if (k->incomplete)
		vr_warn(&d->warn, "%s: kdump header marks the dump incomplete; pages not written read as truncated",
			d->path);
	if (d->in->size < table_end) {
		d->info.truncated = true;
		/* Flattened streams put descriptors after the data. */
		if (d->in->flattened) {
			vr_warn(&d->warn, "%s: truncated: page descriptors 0x%llx-0x%llx, data up to 0x%llx",
				d->path, (unsigned long long)k->desc_off,
				(unsigned long long)table_end,
				(unsigned long long)d->in->size);
			return NULL;
		}
		return vr_error_create(VR_ERR_TRUNCATED,
				       "%s: truncated in its page descriptors (0x%llx-0x%llx): the file ends at 0x%llx, before any page data",
				       d->path, (unsigned long long)k->desc_off,
				       (unsigned long long)table_end,
				       (unsigned long long)d->in->size);
	}
	end = data_end(d);
	if (end > d->in->size) {
		d->info.truncated = true;
		vr_warn(&d->warn, "%s: truncated: the file ends at 0x%llx, its page data at 0x%llx; pages past the end are missing",
			d->path, (unsigned long long)d->in->size,
			(unsigned long long)end);
	}
	return NULL;
}

static void fill_info(struct vr_dump *d, const struct kdump_hdr *h,
		      const struct kdump_sub *s)
{
	struct vr_dump_info *info = &d->info;

	info->format = "kdump";
	memcpy(info->machine, h->machine, sizeof(h->machine));
	info->big_endian = h->be;
	info->ptr_size = h->lay->ptr_size;
	info->page_size = h->block_size;
	info->max_pfn = d->kdump->max_mapnr;
	info->incomplete = d->kdump->incomplete;
	info->nr_cpus = h->nr_cpus;
	info->timestamp = h->timestamp;
	info->phys_base = s->phys_base;
	info->dump_level = s->dump_level;
	info->e_machine = machine_of(d, h->machine);
}

static void kdump_free(struct vr_dump *d)
{
	vr_kdump_free(d);
}

static const struct vr_dump_ops kdump_ops = {
	.read = vr_kdump_read,
	.free = kdump_free,
	.locate = vr_kdump_locate,
};

static struct vr_error *setup(struct vr_dump *d, const struct kdump_hdr *h,
			      const struct kdump_sub *s)
{
	struct vr_kdump *k = d->kdump;
	uint64_t bitmap_off = (uint64_t)(1 + h->sub_hdr_size) * h->block_size;
	uint64_t bitmap_len = (uint64_t)h->bitmap_blocks * h->block_size;
	struct vr_error *err;

	k->be = h->be;
	k->block_size = h->block_size;
	k->incomplete = h->status & KDUMP_STATUS_INCOMPLETE;
	k->desc_off = bitmap_off + bitmap_len;
	k->cbuf_size = 2 * (size_t)h->block_size;
	k->cbuf = malloc(k->cbuf_size);
	if (!k->cbuf)
		return &vr_enomem;
	set_range(d, h, s);
	err = vr_kdump_load_bitmaps(d, bitmap_off, bitmap_len);
	if (err)
		return err;
	err = check_descs(d);
	if (err)
		return err;
	return vr_cache_init(&d->cache, h->block_size);
}

struct vr_error *vr_kdump_open(struct vr_dump *d, const unsigned char *head,
			       size_t len)
{
	struct vr_error *err;
	struct kdump_hdr h;
	struct kdump_sub s;

	(void)head;
	(void)len;
	err = read_hdr(d, &h);
	if (!err)
		err = read_sub(d, &h, &s);
	if (err)
		return err;
	d->kdump = calloc(1, sizeof(*d->kdump));
	if (!d->kdump)
		return &vr_enomem;
	d->ops = &kdump_ops;
	err = setup(d, &h, &s);
	if (err)
		return err;
	d->info.big_endian = h.be;
	d->info.ptr_size = h.lay->ptr_size;
	err = load_notes(d, &s);
	if (err)
		return err;
	fill_info(d, &h, &s);
	return NULL;
}
