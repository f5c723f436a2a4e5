// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF vmcores: synthetic 64/32-bit, little/big-endian dumps with two
 * PT_LOADs (one with memsz > filesz) and two overlapping ones (the first
 * with data wins), notes with VMCOREINFO; PN_XNUM, truncation, flattening.
 */
#include <elf.h>

#include "test.h"
#include "test_dump_util.h"
#include "vr/dump.h"

static const char vmcoreinfo[] = "OSRELEASE=5.10.0-elf\nPAGESIZE=4096\n";

struct variant {
	int is64, be;
	unsigned int machine;
	uint32_t flags;
	int xnum;
};

struct seg {
	uint64_t paddr, filesz, memsz, off;
	unsigned char fill;	/* 0: pattern by address */
};

/*
 * LOAD A, LOAD B, LOAD C (overlaps A's data, must lose), LOAD D (overlaps
 * the memsz > filesz tail of A, must win: data beats an excluded tail).
 */
static struct seg segs[4] = {
	{ 0x0, 0x3000, 0x4000, 0, 0 },
	{ 0x10000, 0x2800, 0x2800, 0, 0 },
	{ 0x1000, 0x1000, 0x1000, 0, 0xcc },
	{ 0x3800, 0x800, 0x800, 0, 0 },
};

#define NSEG 4
#define NPHDR (NSEG + 1)
#define MEM_END 0x12800

static unsigned char mem_byte(uint64_t paddr)
{
	return (unsigned char)(paddr * 7 + (paddr >> 8));
}

static void put_phdr(struct image *m, const struct variant *v, size_t at,
		     uint32_t type, uint64_t off, uint64_t paddr,
		     uint64_t filesz, uint64_t memsz)
{
	int be = v->be;

	img_putn(m, at, type, 4, be);
	if (v->is64) {
		img_putn(m, at + 8, off, 8, be);
		img_putn(m, at + 16, paddr + 0xffff880000000000ull, 8, be);
		img_putn(m, at + 24, paddr, 8, be);
		img_putn(m, at + 32, filesz, 8, be);
		img_putn(m, at + 40, memsz, 8, be);
	} else {
		img_putn(m, at + 4, off, 4, be);
		img_putn(m, at + 8, paddr + 0xc0000000u, 4, be);
		img_putn(m, at + 12, paddr, 4, be);
		img_putn(m, at + 16, filesz, 4, be);
		img_putn(m, at + 20, memsz, 4, be);
	}
}

static void put_ehdr(struct image *m, const struct variant *v, size_t shoff)
{
	unsigned char ident[EI_NIDENT] = { 0x7f, 'E', 'L', 'F' };
	int be = v->be;

	ident[EI_CLASS] = v->is64 ? ELFCLASS64 : ELFCLASS32;
	ident[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
	ident[EI_VERSION] = EV_CURRENT;
	img_put(m, 0, ident, EI_NIDENT);
	img_putn(m, 16, ET_CORE, 2, be);
	img_putn(m, 18, v->machine, 2, be);
	img_putn(m, 20, EV_CURRENT, 4, be);
	if (v->is64) {
		img_putn(m, 32, 64, 8, be);		/* e_phoff */
		img_putn(m, 40, shoff, 8, be);
		img_putn(m, 48, v->flags, 4, be);
		img_putn(m, 52, 64, 2, be);
		img_putn(m, 54, 56, 2, be);
		img_putn(m, 56, v->xnum ? PN_XNUM : NPHDR, 2, be);
		img_putn(m, 58, 64, 2, be);
	} else {
		img_putn(m, 28, 52, 4, be);
		img_putn(m, 32, shoff, 4, be);
		img_putn(m, 36, v->flags, 4, be);
		img_putn(m, 40, 52, 2, be);
		img_putn(m, 42, 32, 2, be);
		img_putn(m, 44, v->xnum ? PN_XNUM : NPHDR, 2, be);
		img_putn(m, 46, 40, 2, be);
	}
}

static size_t put_note(struct image *m, size_t pos, const char *name,
		       uint32_t type, const void *desc, size_t size, int be)
{
	size_t namesz = strlen(name) + 1;

	img_putn(m, pos, namesz, 4, be);
	img_putn(m, pos + 4, size, 4, be);
	img_putn(m, pos + 8, type, 4, be);
	img_put(m, pos + 12, name, namesz);
	pos += 12 + ((namesz + 3) & ~(size_t)3);
	img_put(m, pos, desc, size);
	return pos + ((size + 3) & ~(size_t)3);
}

/* Section header 0, holding the real e_phnum in sh_info. */
static void put_shdr0(struct image *m, const struct variant *v, size_t at)
{
	img_reserve(m, at + (v->is64 ? 64 : 40));
	img_putn(m, at + (v->is64 ? 44 : 28), NPHDR, 4, v->be);
}

static void make_elf(struct image *m, const struct variant *v)
{
	size_t phent = v->is64 ? 56 : 32, ph = v->is64 ? 64 : 52;
	unsigned char prstatus[200] = { 0 };
	size_t notes = ph + NPHDR * phent, pos, end, shoff = 0, data;

	*m = (struct image){ 0 };
	pos = put_note(m, notes, "CORE", NT_PRSTATUS, prstatus, 200, v->be);
	pos = put_note(m, pos, "CORE", NT_PRSTATUS, prstatus, 200, v->be);
	pos = put_note(m, pos, "VMCOREINFO", 0, vmcoreinfo,
		       sizeof(vmcoreinfo) - 1, v->be);
	end = pos;
	if (v->xnum) {
		shoff = pos;
		put_shdr0(m, v, shoff);
		end += 64;
	}
	put_ehdr(m, v, shoff);
	put_phdr(m, v, ph, PT_NOTE, notes, 0, pos - notes, pos - notes);
	data = (end + 0xfff) & ~(size_t)0xfff;
	for (int i = 0; i < NSEG; i++) {
		struct seg *s = &segs[i];

		s->off = data;
		for (uint64_t a = 0; a < s->filesz; a++) {
			unsigned char c = s->fill ? s->fill :
					  mem_byte(s->paddr + a);

			img_put(m, data + a, &c, 1);
		}
		put_phdr(m, v, ph + (size_t)(i + 1) * phent, PT_LOAD, s->off,
			 s->paddr, s->filesz, s->memsz);
		data += s->filesz + 0x100;	/* not page aligned on purpose */
	}
}

static bool range_ok(const unsigned char *buf, uint64_t paddr, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != mem_byte(paddr + i))
			return false;
	return true;
}

static void check_reads(struct vr_dump *d, int *test_failed_)
{
	static unsigned char buf[0x4000];

	CHECK_OK(vr_dump_read_phys(d, 0, buf, 0x3000));
	CHECK(range_ok(buf, 0, 0x3000));	/* LOAD A beats LOAD C */
	CHECK_OK(vr_dump_read_phys(d, 0x1ff0, buf, 0x20));
	CHECK(range_ok(buf, 0x1ff0, 0x20));
	CHECK_ERR(vr_dump_read_phys(d, 0x3000, buf, 8), VR_ERR_EXCLUDED);
	CHECK_ERR(vr_dump_read_phys(d, 0x2ff8, buf, 16), VR_ERR_EXCLUDED);
	CHECK_ERR(vr_dump_read_phys(d, 0x37f8, buf, 16), VR_ERR_EXCLUDED);
	CHECK_OK(vr_dump_read_phys(d, 0x3800, buf, 0x800));
	CHECK(range_ok(buf, 0x3800, 0x800));
	CHECK_ERR(vr_dump_read_phys(d, 0x4000, buf, 8), VR_ERR_NOT_PRESENT);
	CHECK_ERR(vr_dump_read_phys(d, 0x8000, buf, 0x1000),
		  VR_ERR_NOT_PRESENT);
	CHECK_OK(vr_dump_read_phys(d, 0x10000, buf, 0x2800));
	CHECK(range_ok(buf, 0x10000, 0x2800));
	CHECK_OK(vr_dump_read_phys(d, 0x11ff0, buf, 0x20));
	CHECK(range_ok(buf, 0x11ff0, 0x20));
	CHECK_OK(vr_dump_read_phys(d, 0x12700, buf, 0x100));
	CHECK(range_ok(buf, 0x12700, 0x100));
	CHECK_ERR(vr_dump_read_phys(d, 0x127f0, buf, 0x20),
		  VR_ERR_OUT_OF_RANGE);
	CHECK_ERR(vr_dump_read_phys(d, MEM_END, buf, 1), VR_ERR_OUT_OF_RANGE);
	CHECK_ERR(vr_dump_read_phys(d, 1ull << 40, buf, 1),
		  VR_ERR_OUT_OF_RANGE);
}

static void check_info(struct vr_dump *d, const struct variant *v,
		       int *test_failed_)
{
	const struct vr_dump_info *info = vr_dump_info(d);
	size_t len;

	CHECK_STREQ(info->format, "elf");
	CHECK_EQ_U64(info->e_machine, v->machine);
	CHECK_EQ_U64(info->big_endian, v->be);
	CHECK_EQ_U64(info->ptr_size, v->is64 ? 8 : 4);
	CHECK_EQ_U64(info->max_pfn, (MEM_END + 0xfff) >> 12);
	CHECK_EQ_U64(info->nr_cpus, 2);
	CHECK_EQ_U64(info->incomplete, v->flags & 1);
	CHECK_STREQ(info->machine, "");
	CHECK_EQ_U64(vr_dump_nr_notes(d), 3);
	CHECK_STREQ(vr_dump_note(d, 0)->name, "CORE");
	CHECK_EQ_U64(vr_dump_note(d, 1)->desc_size, 200);
	CHECK_STREQ(vr_dump_vmcoreinfo(d, &len), vmcoreinfo);
	CHECK_EQ_U64(len, sizeof(vmcoreinfo) - 1);
}

static void check_variant(const struct variant *v, int *test_failed_)
{
	struct vr_dump *d = NULL;
	struct image m;
	char *path;

	make_elf(&m, v);
	path = write_tmp("elf", m.p, m.len);
	CHECK_OK(vr_dump_open(path, &d));
	if (d) {
		check_info(d, v, test_failed_);
		check_reads(d, test_failed_);
		check_reads(d, test_failed_);	/* from the cache */
		CHECK(vr_dump_stats(d)->cache_hits > 0);
		CHECK_EQ_U64(vr_dump_warnings(d)[0] != NULL, v->flags & 1);
	}
	vr_dump_close(d);
	unlink(path);
	free(path);
	img_free(&m);
}

TEST(elf64_le)
{
	struct variant v = { 1, 0, EM_X86_64, 0, 0 };

	check_variant(&v, test_failed_);
}

TEST(elf64_be_xnum_incomplete)
{
	struct variant v = { 1, 1, EM_PPC64, 1, 1 };

	check_variant(&v, test_failed_);
}

TEST(elf32_le)
{
	struct variant v = { 0, 0, EM_386, 0, 0 };

	check_variant(&v, test_failed_);
}

TEST(elf32_be_xnum)
{
	struct variant v = { 0, 1, EM_PPC, 0, 1 };

	check_variant(&v, test_failed_);
}

/* Cut inside LOAD B: opens with a warning; reads there are truncated. */
TEST(truncated)
{
	struct variant v = { 1, 0, EM_X86_64, 0, 0 };
	unsigned char buf[16];
	struct vr_dump *d = NULL;
	struct image m;
	char *path;

	make_elf(&m, &v);
	path = write_tmp("elf-cut", m.p, segs[1].off + 0x1800);
	CHECK_OK(vr_dump_open(path, &d));
	if (d) {
		CHECK(vr_dump_warnings(d)[0] != NULL);
		CHECK_OK(vr_dump_read_phys(d, 0x10000, buf, 16));
		CHECK_OK(vr_dump_read_phys(d, 0x117f0, buf, 16));
		CHECK_ERR(vr_dump_read_phys(d, 0x117f8, buf, 16),
			  VR_ERR_TRUNCATED);
		CHECK_ERR(vr_dump_read_phys(d, 0x12000, buf, 16),
			  VR_ERR_TRUNCATED);
		CHECK_ERR(vr_dump_read_phys(d, 0x3000, buf, 16),
			  VR_ERR_EXCLUDED);
	}
	vr_dump_close(d);
	unlink(path);
	free(path);

	/* Cut in the program headers: does not open. */
	path = write_tmp("elf-cut", m.p, 100);
	CHECK_ERR(vr_dump_open(path, &d), VR_ERR_TRUNCATED);
	unlink(path);
	free(path);
	img_free(&m);
}

/* An ELF vmcore inside a flattened file reads the same. */
TEST(flattened_elf)
{
	struct variant v = { 1, 1, EM_S390, 0, 0 };
	struct flat_rec r[4];
	struct vr_dump *d = NULL;
	struct image m, f;
	size_t third;
	char *path;

	make_elf(&m, &v);
	third = m.len / 3;
	r[0] = (struct flat_rec){ third, third, m.p + third };
	r[1] = (struct flat_rec){ 0, third, m.p };
	r[2] = (struct flat_rec){ 2 * third, m.len - 2 * third,
				  m.p + 2 * third };
	write_flat(&f, r, 3, 1);
	path = write_tmp("elf-flat", f.p, f.len);
	CHECK_OK(vr_dump_open(path, &d));
	if (d) {
		CHECK(vr_dump_info(d)->flattened);
		check_info(d, &v, test_failed_);
		check_reads(d, test_failed_);
	}
	vr_dump_close(d);
	unlink(path);
	free(path);
	img_free(&m);
	img_free(&f);
}

/* Random damage to the ELF header, program headers and notes. */
TEST(mutations)
{
	struct variant v = { 1, 1, EM_PPC64, 0, 1 };
	static unsigned char buf[0x2000];
	struct image m;
	uint64_t st = 17;

	make_elf(&m, &v);
	for (int i = 0; i < 300; i++) {
		unsigned char *copy = malloc(m.len);
		struct vr_error *err;
		struct vr_dump *d;
		char *path;

		memcpy(copy, m.p, m.len);
		for (int k = 0; k < 1 + (int)(test_rand(&st) % 6); k++)
			copy[test_rand(&st) % 0x400] = (unsigned char)test_rand(&st);
		path = write_tmp("elf-fuzz", copy, m.len);
		err = vr_dump_open(path, &d);
		if (!err) {
			for (uint64_t a = 0; a < 0x14000; a += 0xf00) {
				err = vr_dump_read_phys(d, a, buf, 0x1100);
				if (err)
					vr_error_destroy(err);
			}
			err = NULL;
			vr_dump_close(d);
		}
		if (err) {
			CHECK(err->code != VR_ERR_NOMEM &&
			      err->code != VR_ERR_OTHER);
			vr_error_destroy(err);
		}
		unlink(path);
		free(path);
		free(copy);
	}
	img_free(&m);
}

TEST(not_a_core)
{
	struct variant v = { 1, 0, EM_X86_64, 0, 0 };
	struct vr_dump *d;
	struct image m;
	char *path;

	make_elf(&m, &v);
	img_putn(&m, 16, ET_EXEC, 2, 0);
	path = write_tmp("elf-exec", m.p, m.len);
	CHECK_ERR(vr_dump_open(path, &d), VR_ERR_FORMAT);
	unlink(path);
	free(path);
	img_free(&m);
}

TEST_MAIN(T(elf64_le), T(elf64_be_xnum_incomplete), T(elf32_le),
	  T(elf32_be_xnum), T(truncated), T(flattened_elf), T(mutations),
	  T(not_a_core))
