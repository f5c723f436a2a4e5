// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kdump-compressed dumps: a synthetic file (header v6, bitmaps with holes
 * and excluded pages, pages compressed with each method and raw), the same
 * file flattened (shuffled, overlapping records), and damaged copies.
 */
#include <elf.h>
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include "test.h"
#include "test_dump_util.h"
#include "vr/dump.h"

#define BS		4096
#define NPFN		48
#define SUB_OFF		BS
#define NOTE_OFF	(SUB_OFF + 104)

enum kind { HOLE, EXCL, RAW, ZLIB, LZO, SNAPPY, ZSTD };

static const char vmcoreinfo[] =
	"OSRELEASE=6.1.0-test\nPAGESIZE=4096\nKERNELOFFSET=c00000\n";

static enum kind kind_of(uint64_t pfn)
{
	static const enum kind cycle[] = {
		RAW, ZLIB, LZO, SNAPPY, ZSTD, EXCL, HOLE, ZLIB,
	};

	if (pfn >= 40)
		return HOLE;
	return cycle[pfn % 8];
}

static bool dumped(uint64_t pfn)
{
	return pfn < NPFN && kind_of(pfn) != HOLE && kind_of(pfn) != EXCL;
}

static void page_content(uint64_t pfn, unsigned char *p)
{
	uint64_t st = pfn + 1;

	if (kind_of(pfn) == RAW) {
		for (int i = 0; i < BS; i++)
			p[i] = (unsigned char)test_rand(&st);
		return;
	}
	for (int i = 0; i < BS; i++)
		p[i] = (unsigned char)(i % 97 ? 'A' + (pfn + (uint64_t)i / 64) % 26 :
				       test_rand(&st));
}

static size_t compress_page(enum kind k, const unsigned char *src,
			    unsigned char *dst, uint32_t *flags)
{
	size_t cap = 2 * BS;

	switch (k) {
	case ZLIB: {
		uLongf n = cap;

		*flags = 0x1;
		return compress2(dst, &n, src, BS, 6) == Z_OK ? n : 0;
	}
	case LZO: {
		static unsigned char wrk[LZO1X_1_MEM_COMPRESS];
		lzo_uint n = cap;

		*flags = 0x2;
		lzo_init();
		return lzo1x_1_compress(src, BS, dst, &n, wrk) == LZO_E_OK ?
		       n : 0;
	}
	case SNAPPY: {
		size_t n = cap;

		*flags = 0x4;
		return snappy_compress((const char *)src, BS, (char *)dst,
				       &n) == SNAPPY_OK ? n : 0;
	}
	case ZSTD: {
		size_t n = ZSTD_compress(dst, cap, src, BS, 3);

		*flags = 0x20;
		return ZSTD_isError(n) ? 0 : n;
	}
	default:
		*flags = 0;
		memcpy(dst, src, BS);
		return BS;
	}
}

struct layout {
	size_t notes_end;
	size_t desc_off;
	size_t data_off;
	size_t zlib_data;	/* file offset of pfn 1's data (zlib) */
	size_t zlib_size;
	size_t last_desc;	/* file offset of the last page_desc */
};

static void put_note(struct image *m, size_t *pos, const char *name,
		     uint32_t type, const void *desc, size_t size, int be)
{
	size_t namesz = strlen(name) + 1;

	img_putn(m, *pos, namesz, 4, be);
	img_putn(m, *pos + 4, size, 4, be);
	img_putn(m, *pos + 8, type, 4, be);
	img_put(m, *pos + 12, name, namesz);
	*pos += 12 + ((namesz + 3) & ~3u);
	img_put(m, *pos, desc, size);
	*pos += (size + 3) & ~(size_t)3;
}

static void write_notes(struct image *m, int be, size_t prstatus_size,
			struct layout *lay)
{
	unsigned char prstatus[512] = { 0 };
	size_t pos = NOTE_OFF, vmci;

	put_note(m, &pos, "CORE", NT_PRSTATUS, prstatus, prstatus_size, be);
	put_note(m, &pos, "CORE", NT_PRSTATUS, prstatus, prstatus_size, be);
	vmci = pos + 12 + 12;	/* desc of the next note ("VMCOREINFO\0" + pad) */
	put_note(m, &pos, "VMCOREINFO", 0, vmcoreinfo, sizeof(vmcoreinfo) - 1,
		 be);
	img_putn(m, SUB_OFF + 32, vmci, 8, be);
	img_putn(m, SUB_OFF + 40, sizeof(vmcoreinfo) - 1, 8, be);
	img_putn(m, SUB_OFF + 48, NOTE_OFF, 8, be);
	img_putn(m, SUB_OFF + 56, pos - NOTE_OFF, 8, be);
	lay->notes_end = pos;
}

static void write_headers(struct image *m, int be, const char *machine,
			  uint32_t status)
{
	img_put(m, 0, "KDUMP   ", 8);
	img_putn(m, 8, 6, 4, be);
	img_put(m, 12 + 4 * 65, machine, strlen(machine));
	img_putn(m, 408, 1700000000, 8, be);
	img_putn(m, 424, status, 4, be);
	img_putn(m, 428, BS, 4, be);
	img_putn(m, 432, 1, 4, be);		/* sub_hdr_size */
	img_putn(m, 436, 2, 4, be);		/* bitmap_blocks */
	img_putn(m, 440, NPFN, 4, be);
	img_putn(m, 460, 2, 4, be);		/* nr_cpus */
	img_putn(m, SUB_OFF, 0x1000000, 8, be);	/* phys_base */
	img_putn(m, SUB_OFF + 8, 31, 4, be);	/* dump_level */
	img_putn(m, SUB_OFF + 96, NPFN, 8, be);	/* max_mapnr_64 */
}

static void write_bitmaps(struct image *m)
{
	unsigned char b1[BS] = { 0 }, b2[BS] = { 0 };

	for (uint64_t pfn = 0; pfn < NPFN; pfn++) {
		if (kind_of(pfn) != HOLE)
			b1[pfn / 8] |= (unsigned char)(1 << (pfn % 8));
		if (dumped(pfn))
			b2[pfn / 8] |= (unsigned char)(1 << (pfn % 8));
	}
	img_put(m, 2 * BS, b1, BS);
	img_put(m, 3 * BS, b2, BS);
}

static void write_pages(struct image *m, int be, struct layout *lay)
{
	unsigned char page[BS], comp[2 * BS];
	size_t ndesc = 0, desc, data;

	for (uint64_t pfn = 0; pfn < NPFN; pfn++)
		ndesc += dumped(pfn);
	lay->desc_off = desc = 4 * BS;
	lay->data_off = data = desc + (ndesc * 24 + BS - 1) / BS * BS;
	for (uint64_t pfn = 0; pfn < NPFN; pfn++) {
		uint32_t flags;
		size_t n;

		if (!dumped(pfn))
			continue;
		page_content(pfn, page);
		n = compress_page(kind_of(pfn), page, comp, &flags);
		if (!n || n >= BS) {
			n = BS;
			flags = 0;
			memcpy(comp, page, BS);
		}
		if (pfn == 1) {
			lay->zlib_data = data;
			lay->zlib_size = n;
		}
		lay->last_desc = desc;
		img_putn(m, desc, data, 8, be);
		img_putn(m, desc + 8, n, 4, be);
		img_putn(m, desc + 12, flags, 4, be);
		img_put(m, data, comp, n);
		desc += 24;
		data += n;
	}
}

static void make_kdump(struct image *m, int be, const char *machine,
		       size_t prstatus_size, uint32_t status,
		       struct layout *lay)
{
	*m = (struct image){ 0 };
	write_headers(m, be, machine, status);
	write_notes(m, be, prstatus_size, lay);
	write_bitmaps(m);
	write_pages(m, be, lay);
}

static uint64_t img_get(const struct image *m, size_t off, size_t size)
{
	uint64_t v = 0;

	for (size_t i = 0; i < size; i++)
		v |= (uint64_t)m->p[off + i] << (8 * i);
	return v;
}

/* Rewrite the (little-endian) headers in the i686 layout. */
static void make_kdump32(struct image *m, struct layout *lay)
{
	uint64_t vmci, vmci_size, note_size;
	unsigned char zero[464] = { 0 };

	make_kdump(m, 0, "i686", 144, 0, lay);
	vmci = img_get(m, SUB_OFF + 32, 8);
	vmci_size = img_get(m, SUB_OFF + 40, 8);
	note_size = img_get(m, SUB_OFF + 56, 8);
	img_put(m, 408, zero, 464 - 408);
	img_put(m, SUB_OFF, zero, 104);
	img_putn(m, 404, 1700000000, 4, 0);	/* timeval of 32-bit longs */
	img_putn(m, 416, BS, 4, 0);
	img_putn(m, 420, 1, 4, 0);
	img_putn(m, 424, 2, 4, 0);
	img_putn(m, 428, NPFN, 4, 0);
	img_putn(m, 448, 2, 4, 0);
	img_putn(m, SUB_OFF, 0x1000000, 4, 0);	/* packed sub-header */
	img_putn(m, SUB_OFF + 4, 31, 4, 0);
	img_putn(m, SUB_OFF + 20, vmci, 8, 0);
	img_putn(m, SUB_OFF + 28, vmci_size, 4, 0);
	img_putn(m, SUB_OFF + 32, NOTE_OFF, 8, 0);
	img_putn(m, SUB_OFF + 40, note_size, 4, 0);
	img_putn(m, SUB_OFF + 72, NPFN, 8, 0);
}

static struct vr_dump *open_ok(const char *path, int *test_failed_)
{
	struct vr_dump *d = NULL;

	CHECK_OK(vr_dump_open(path, &d));
	return d;
}

static enum vr_errcode expect_code(uint64_t pfn)
{
	if (pfn >= NPFN)
		return VR_ERR_OUT_OF_RANGE;
	if (kind_of(pfn) == HOLE)
		return VR_ERR_NOT_PRESENT;
	if (kind_of(pfn) == EXCL)
		return VR_ERR_EXCLUDED;
	return 0;
}

/* Every page of the synthetic dump reads back as written. */
static void check_pages(struct vr_dump *d, int *test_failed_)
{
	unsigned char want[BS], got[BS];

	for (uint64_t pfn = 0; pfn < NPFN + 3; pfn++) {
		enum vr_errcode code = expect_code(pfn);

		if (code) {
			CHECK_ERR(vr_dump_read_phys(d, pfn * BS, got, BS), code);
			CHECK_ERR(vr_dump_read_phys(d, pfn * BS + 100, got, 8),
				  code);
			continue;
		}
		page_content(pfn, want);
		memset(got, 0, BS);
		CHECK_OK(vr_dump_read_phys(d, pfn * BS, got, BS));
		CHECK(!memcmp(want, got, BS));
	}
	CHECK_ERR(vr_dump_read_phys(d, 1ull << 40, got, 8),
		  VR_ERR_OUT_OF_RANGE);
	CHECK_ERR(vr_dump_read_phys(d, UINT64_MAX - 3, got, 8),
		  VR_ERR_OUT_OF_RANGE);
}

/* A read spanning pfns 1..2 (zlib, lzo); reads running into a hole (pfn 40)
 * and into an excluded page (pfn 5). */
static void check_spans(struct vr_dump *d, int *test_failed_)
{
	unsigned char a[BS], b[BS], got[BS];

	page_content(1, a);
	page_content(2, b);
	CHECK_OK(vr_dump_read_phys(d, 2 * BS - 100, got, 300));
	CHECK(!memcmp(got, a + BS - 100, 100));
	CHECK(!memcmp(got + 100, b, 200));
	CHECK_ERR(vr_dump_read_phys(d, 40 * BS - 8, got, 16),
		  VR_ERR_NOT_PRESENT);
	CHECK_ERR(vr_dump_read_phys(d, 5 * BS - 8, got, 16), VR_ERR_EXCLUDED);
	CHECK_OK(vr_dump_read_phys(d, 0, got, 0));
}

static void check_info(struct vr_dump *d, int be, unsigned int machine,
		       int *test_failed_)
{
	const struct vr_dump_info *info = vr_dump_info(d);
	const char *vi;
	size_t len;

	CHECK_STREQ(info->format, "kdump");
	CHECK_EQ_U64(info->e_machine, machine);
	CHECK_EQ_U64(info->big_endian, be);
	CHECK_EQ_U64(info->ptr_size, machine == EM_386 ? 4 : 8);
	CHECK_EQ_U64(info->page_size, BS);
	CHECK_EQ_U64(info->max_pfn, NPFN);
	CHECK_EQ_U64(info->nr_cpus, 2);
	CHECK_EQ_U64(info->timestamp, 1700000000);
	CHECK_EQ_U64(info->phys_base, 0x1000000);
	CHECK_EQ_U64(info->dump_level, 31);
	CHECK(!info->incomplete);
	CHECK_EQ_U64(vr_dump_nr_notes(d), 3);
	CHECK_STREQ(vr_dump_note(d, 2)->name, "VMCOREINFO");
	CHECK_EQ_U64(vr_dump_note(d, 0)->type, NT_PRSTATUS);
	CHECK(vr_dump_note(d, 3) == NULL);
	vi = vr_dump_vmcoreinfo(d, &len);
	CHECK_STREQ(vi, vmcoreinfo);
	CHECK_EQ_U64(len, sizeof(vmcoreinfo) - 1);
}

static void check_dump(const char *path, int be, unsigned int machine,
		       int *test_failed_)
{
	struct vr_dump *d = open_ok(path, test_failed_);
	const struct vr_dump_stats *st;
	unsigned char got[8];

	if (!d)
		return;
	check_info(d, be, machine, test_failed_);
	check_pages(d, test_failed_);
	check_spans(d, test_failed_);
	CHECK_EQ_U64(vr_dump_info(d)->compressions, 0x1f);
	st = vr_dump_stats(d);
	CHECK(st->pages_decompressed > 0);
	CHECK_OK(vr_dump_read_phys(d, BS + 8, got, 8));
	CHECK(st->cache_hits > 0);
	CHECK(vr_dump_warnings(d)[0] == NULL);
	vr_dump_close(d);
}

TEST(kdump_le)
{
	struct layout lay;
	struct image m;
	char *path;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	path = write_tmp("kdump", m.p, m.len);
	check_dump(path, 0, EM_X86_64, test_failed_);
	unlink(path);
	free(path);
	img_free(&m);
}

/* QEMU's ppc64 dumps: big-endian headers, machine "Unknown". */
TEST(kdump_be_unknown)
{
	struct layout lay;
	struct image m;
	char *path;

	make_kdump(&m, 1, "Unknown", 504, 0, &lay);
	path = write_tmp("kdump-be", m.p, m.len);
	check_dump(path, 1, EM_PPC64, test_failed_);
	unlink(path);
	free(path);
	img_free(&m);
}

TEST(kdump_i686)
{
	struct layout lay;
	struct image m;
	char *path;

	make_kdump32(&m, &lay);
	path = write_tmp("kdump-32", m.p, m.len);
	check_dump(path, 0, EM_386, test_failed_);
	unlink(path);
	free(path);
	img_free(&m);
}

/* ---- flattened --------------------------------------------------------- */

struct flat_plan {
	struct flat_rec *r;
	size_t n;
	unsigned char *garbage;
	unsigned char *bad_copy;
};

static void push(struct flat_plan *p, uint64_t off, size_t len,
		 const unsigned char *data)
{
	p->r = realloc(p->r, (p->n + 1) * sizeof(*p->r));
	p->r[p->n++] = (struct flat_rec){ off, len, data };
}

/* Chunks of 500..6000 bytes, skipping two unused areas as QEMU does. */
static void chunk(struct flat_plan *p, const struct image *m,
		  const struct layout *lay, uint64_t *st)
{
	size_t pos = 0;

	while (pos < m->len) {
		size_t n = 500 + test_rand(st) % 5500;

		if (pos >= 464 && pos < SUB_OFF)
			pos = SUB_OFF;
		if (pos >= lay->notes_end && pos < 2 * BS)
			pos = 2 * BS;
		if (pos == 0)
			n = 464;
		if (pos < SUB_OFF && pos + n > 464)
			n = 464 - pos;
		if (pos < lay->notes_end && pos + n > lay->notes_end)
			n = lay->notes_end - pos;
		if (n > m->len - pos)
			n = m->len - pos;
		push(p, pos, n, m->p + pos);
		pos += n;
	}
}

static void shuffle(struct flat_plan *p, uint64_t *st)
{
	for (size_t i = p->n; i > 1; i--) {
		size_t j = test_rand(st) % i;
		struct flat_rec t = p->r[i - 1];

		p->r[i - 1] = p->r[j];
		p->r[j] = t;
	}
}

/*
 * Overlaps: a garbage record first (rewritten by the real chunks later),
 * and one chunk whose copy is spoiled, fixed by a final overlapping record.
 */
static void overlaps(struct flat_plan *p, const struct image *m,
		     const struct layout *lay)
{
	size_t g = lay->data_off + 1000, k = p->n / 2;
	const struct flat_rec *victim;

	p->garbage = malloc(3000);
	memset(p->garbage, 0x5a, 3000);
	push(p, 0, 0, NULL);
	memmove(p->r + 1, p->r, (p->n - 1) * sizeof(*p->r));
	p->r[0] = (struct flat_rec){ g, 3000, p->garbage };

	victim = &p->r[k];
	p->bad_copy = malloc(victim->len);
	memcpy(p->bad_copy, victim->data, victim->len);
	memset(p->bad_copy + victim->len / 4, 0xa5, victim->len / 2);
	p->r[k].data = p->bad_copy;
	push(p, victim->off + 10, p->r[k].len - 20, m->p + p->r[k].off + 10);
}

static void make_flat(const struct image *m, const struct layout *lay,
		      struct image *out, uint64_t seed, int end_marker)
{
	struct flat_plan p = { 0 };
	uint64_t st = seed;

	chunk(&p, m, lay, &st);
	shuffle(&p, &st);
	overlaps(&p, m, lay);
	write_flat(out, p.r, p.n, end_marker);
	free(p.r);
	free(p.garbage);
	free(p.bad_copy);
}

/* Both dumps give the same bytes and the same error codes everywhere. */
static void compare_dumps(struct vr_dump *a, struct vr_dump *b,
			  int *test_failed_)
{
	unsigned char x[BS], y[BS];

	for (uint64_t pfn = 0; pfn < NPFN + 2; pfn++) {
		struct vr_error *ea = vr_dump_read_phys(a, pfn * BS, x, BS);
		struct vr_error *eb = vr_dump_read_phys(b, pfn * BS, y, BS);

		CHECK(!ea == !eb);
		if (ea && eb)
			CHECK_EQ_U64(ea->code, eb->code);
		else if (!ea && !eb)
			CHECK(!memcmp(x, y, BS));
		if (ea)
			vr_error_destroy(ea);
		if (eb)
			vr_error_destroy(eb);
	}
}

TEST(flattened)
{
	struct image m, f;
	struct layout lay;
	char *plain, *flat;
	struct vr_dump *a, *b;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	make_flat(&m, &lay, &f, 42, 1);
	plain = write_tmp("kdump", m.p, m.len);
	flat = write_tmp("kdump-flat", f.p, f.len);
	check_dump(flat, 0, EM_X86_64, test_failed_);
	a = open_ok(plain, test_failed_);
	b = open_ok(flat, test_failed_);
	if (a && b) {
		CHECK(vr_dump_info(b)->flattened);
		CHECK(!vr_dump_info(a)->flattened);
		compare_dumps(a, b, test_failed_);
	}
	vr_dump_close(a);
	vr_dump_close(b);
	unlink(plain);
	unlink(flat);
	free(plain);
	free(flat);
	img_free(&m);
	img_free(&f);
}

/* No end marker: opens with a warning, reads the same. */
TEST(flattened_no_end)
{
	struct image m, f;
	struct layout lay;
	struct vr_dump *d;
	char *flat;

	make_kdump(&m, 1, "Unknown", 504, 0, &lay);
	make_flat(&m, &lay, &f, 7, 0);
	flat = write_tmp("kdump-flat", f.p, f.len);
	d = open_ok(flat, test_failed_);
	if (d) {
		CHECK(vr_dump_warnings(d)[0] != NULL);
		check_pages(d, test_failed_);
	}
	vr_dump_close(d);
	unlink(flat);
	free(flat);
	img_free(&m);
	img_free(&f);
}

/* src/dump/internal.h VR_MAX_FLAT_RECORDS: records with data, at most */
#define FLAT_MAX_RECORDS	(1u << 22)
#define FLAT_HEADER		4096

/* @f with @n records of no data (offset 0, size 0) before its first. */
static void add_empty_records(struct image *f, size_t n)
{
	size_t tail = f->len - FLAT_HEADER;
	unsigned char *copy = malloc(tail);

	memcpy(copy, f->p + FLAT_HEADER, tail);
	img_reserve(f, FLAT_HEADER + n * 16 + tail);
	memset(f->p + FLAT_HEADER, 0, n * 16);
	memcpy(f->p + FLAT_HEADER + n * 16, copy, tail);
	free(copy);
}

/* @n records of one byte each, to offsets 0, 1, 2... */
static void make_byte_records(struct image *f, size_t n)
{
	size_t pos = FLAT_HEADER;

	*f = (struct image){ 0 };
	img_put(f, 0, "makedumpfile", 12);
	img_putn(f, 16, 1, 8, 1);
	img_putn(f, 24, 1, 8, 1);
	img_reserve(f, FLAT_HEADER + n * 17 + 16);
	for (size_t i = 0; i < n; i++, pos += 17) {
		img_putn(f, pos, i, 8, 1);
		img_putn(f, pos + 8, 1, 8, 1);
	}
	img_putn(f, pos, UINT64_MAX, 8, 1);
	img_putn(f, pos + 8, UINT64_MAX, 8, 1);
}

/*
 * Records of no data write nothing: any number of them opens.  Records
 * with data past the bound are refused (VR_ERR_LIMIT), not indexed.
 */
TEST(flattened_record_bound)
{
	struct image m, f;
	struct layout lay;
	struct vr_dump *d = NULL;
	char *flat;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	make_flat(&m, &lay, &f, 42, 1);
	add_empty_records(&f, FLAT_MAX_RECORDS + 1);
	flat = write_tmp("kdump-flat", f.p, f.len);
	d = open_ok(flat, test_failed_);
	if (d)
		check_pages(d, test_failed_);
	vr_dump_close(d);
	unlink(flat);
	free(flat);
	img_free(&f);

	make_byte_records(&f, FLAT_MAX_RECORDS + 1);
	flat = write_tmp("kdump-flat", f.p, f.len);
	d = NULL;
	CHECK_ERR(vr_dump_open(flat, &d), VR_ERR_LIMIT);
	CHECK(!d);
	unlink(flat);
	free(flat);
	img_free(&m);
	img_free(&f);
}

/* ---- damage ------------------------------------------------------------ */

TEST(corrupt_page)
{
	unsigned char got[BS];
	struct layout lay;
	struct vr_dump *d;
	struct image m;
	char *path;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	memset(m.p + lay.zlib_data + 2, 0xff, lay.zlib_size - 4);
	path = write_tmp("kdump-bad", m.p, m.len);
	d = open_ok(path, test_failed_);
	if (d) {
		CHECK_ERR(vr_dump_read_phys(d, BS, got, 8), VR_ERR_CORRUPT);
		CHECK_OK(vr_dump_read_phys(d, 2 * BS, got, 8));
	}
	vr_dump_close(d);
	unlink(path);
	free(path);
	img_free(&m);
}

/* Status 0x8: page descriptors left zero mean "not written". */
TEST(incomplete)
{
	unsigned char got[BS], zero[24] = { 0 };
	struct layout lay;
	struct vr_dump *d;
	struct image m;
	char *path;

	make_kdump(&m, 0, "x86_64", 336, 0x8, &lay);
	img_put(&m, lay.last_desc, zero, 24);
	path = write_tmp("kdump-inc", m.p, m.len);
	d = open_ok(path, test_failed_);
	if (d) {
		CHECK(vr_dump_info(d)->incomplete);
		CHECK(vr_dump_warnings(d)[0] != NULL);
		/* pfn 39 is the last dumped page (zlib). */
		CHECK_ERR(vr_dump_read_phys(d, 39 * BS, got, 8),
			  VR_ERR_TRUNCATED);
		CHECK_OK(vr_dump_read_phys(d, 0, got, 8));
	}
	vr_dump_close(d);
	unlink(path);
	free(path);
	img_free(&m);
}

static bool code_ok(enum vr_errcode c)
{
	return c == VR_ERR_TRUNCATED || c == VR_ERR_NOT_PRESENT ||
	       c == VR_ERR_EXCLUDED || c == VR_ERR_OUT_OF_RANGE ||
	       c == VR_ERR_CORRUPT;
}

/* Read everything from a cut copy: right bytes or a clear error. */
static void check_cut(const unsigned char *p, size_t len, int *test_failed_,
		      int *opened)
{
	char *path = write_tmp("kdump-cut", p, len);
	unsigned char want[BS], got[BS];
	struct vr_error *err;
	struct vr_dump *d;

	err = vr_dump_open(path, &d);
	if (err) {
		CHECK(err->code == VR_ERR_TRUNCATED ||
		      err->code == VR_ERR_FORMAT || err->code == VR_ERR_CORRUPT);
		CHECK(strstr(err->message, path) != NULL);
		vr_error_destroy(err);
		goto out;
	}
	(*opened)++;
	for (uint64_t pfn = 0; pfn < NPFN + 1; pfn++) {
		err = vr_dump_read_phys(d, pfn * BS, got, BS);
		if (err) {
			CHECK(code_ok(err->code));
			vr_error_destroy(err);
			continue;
		}
		page_content(pfn, want);
		CHECK(!memcmp(want, got, BS));
	}
	vr_dump_close(d);
out:
	unlink(path);
	free(path);
}

TEST(truncated)
{
	struct layout lay;
	struct image m, f;
	unsigned char got[BS];
	struct vr_dump *d;
	int opened = 0;
	char *path;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	for (size_t cut = 0; cut < m.len; cut += 331)
		check_cut(m.p, cut, test_failed_, &opened);
	CHECK(opened > 0);
	make_flat(&m, &lay, &f, 3, 1);
	opened = 0;
	for (size_t cut = 0; cut < f.len; cut += 409)
		check_cut(f.p, cut, test_failed_, &opened);
	CHECK(opened > 0);

	/* Cut in the page data: opens, warns, the last pages are truncated. */
	path = write_tmp("kdump-cut", m.p, lay.data_off + 3 * BS);
	d = open_ok(path, test_failed_);
	if (d) {
		CHECK_OK(vr_dump_read_phys(d, 0, got, BS));
		CHECK_ERR(vr_dump_read_phys(d, 39 * BS, got, BS),
			  VR_ERR_TRUNCATED);
	}
	vr_dump_close(d);
	unlink(path);
	free(path);

	/* Cut in the bitmaps: does not open. */
	path = write_tmp("kdump-cut", m.p, 3 * BS + 100);
	CHECK_ERR(vr_dump_open(path, &d), VR_ERR_TRUNCATED);
	unlink(path);
	free(path);
	img_free(&m);
	img_free(&f);
}

/* Random damage to headers, bitmaps, descriptors and flattened records. */
static void mutate(unsigned char *p, size_t len, size_t limit, uint64_t *st)
{
	int n = 1 + (int)(test_rand(st) % 8);

	limit = limit < len ? limit : len;
	for (int i = 0; i < n; i++) {
		size_t at = test_rand(st) % limit;

		if (test_rand(st) % 4 == 0 && at < 464)
			at = 408 + test_rand(st) % 56;	/* header fields */
		p[at] = (unsigned char)test_rand(st);
	}
}

static void try_damaged(const unsigned char *p, size_t len, int *test_failed_)
{
	char *path = write_tmp("kdump-fuzz", p, len);
	unsigned char buf[2 * BS];
	struct vr_vmcoreinfo *vi;
	struct vr_error *err;
	struct vr_dump *d;
	const char *text;
	size_t tlen;

	err = vr_dump_open(path, &d);
	if (err) {
		CHECK(err->code != VR_ERR_NOMEM && err->code != VR_ERR_OTHER);
		vr_error_destroy(err);
		goto out;
	}
	for (uint64_t pfn = 0; pfn < NPFN + 1; pfn++) {
		err = vr_dump_read_phys(d, pfn * BS + BS / 2, buf, BS);
		if (err) {
			CHECK(err->code != VR_ERR_NOMEM &&
			      err->code != VR_ERR_OTHER);
			vr_error_destroy(err);
		}
	}
	text = vr_dump_vmcoreinfo(d, &tlen);
	if (text && !vr_vmcoreinfo_parse(text, tlen, &vi))
		vr_vmcoreinfo_free(vi);
	vr_dump_close(d);
out:
	unlink(path);
	free(path);
}

TEST(mutations)
{
	struct image m, f, c = { 0 };
	struct layout lay;
	uint64_t st = 99;

	make_kdump(&m, 0, "x86_64", 336, 0, &lay);
	make_flat(&m, &lay, &f, 5, 1);
	for (int i = 0; i < 300; i++) {
		bool flat = i % 3 == 2;
		const struct image *src = flat ? &f : &m;

		img_put(&c, 0, src->p, src->len);
		c.len = src->len;
		mutate(c.p, c.len, flat ? c.len : lay.data_off + BS, &st);
		try_damaged(c.p, c.len, test_failed_);
	}
	img_free(&m);
	img_free(&f);
	img_free(&c);
}

TEST(not_a_dump)
{
	static const char junk[] = "this is not a dump, just some text....";
	struct vr_dump *d;
	char *path = write_tmp("junk", junk, sizeof(junk));

	CHECK_ERR(vr_dump_open(path, &d), VR_ERR_FORMAT);
	unlink(path);
	free(path);
	CHECK_ERR(vr_dump_open("/nonexistent/vmcore", &d), VR_ERR_IO);
}

TEST_MAIN(T(kdump_le), T(kdump_be_unknown), T(kdump_i686), T(flattened), T(flattened_no_end),
	  T(flattened_record_bound),
	  T(corrupt_page), T(incomplete), T(truncated), T(mutations),
	  T(not_a_dump))
