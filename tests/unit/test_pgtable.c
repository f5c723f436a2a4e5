// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The generic page-table walker with the x86_64 description, on page
 * tables built by hand in a small fake physical memory.  Expected values
 * are derived from the x86_64 paging rules (SDM vol. 3, 4.5), not from
 * the walker.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vr/arch.h"
#include "vr/pgtable.h"

#define MEM_PAGES 64
#define PAGE 4096ULL

struct fake_mem {
	uint8_t bytes[MEM_PAGES * PAGE];
	uint64_t fail_page;	/* reads of this page fail (excluded) */
};

static struct vr_error *fake_read(void *arg, uint64_t paddr, void *buf,
				  size_t len)
{
	struct fake_mem *m = arg;

	if (paddr / PAGE == m->fail_page)
		return vr_error_create(VR_ERR_EXCLUDED, "page excluded");
	if (paddr + len > sizeof(m->bytes))
		return vr_error_create(VR_ERR_OUT_OF_RANGE, "out of range");
	memcpy(buf, m->bytes + paddr, len);
	return NULL;
}

static void set_entry(struct fake_mem *m, uint64_t table_page, unsigned idx,
		      uint64_t value)
{
	uint8_t *p = m->bytes + table_page * PAGE + idx * 8;

	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(value >> (8 * i));
}

/* ppc64 and s390x tables are big-endian; s390x page tables 2 KiB aligned. */
static void set_entry_be(struct fake_mem *m, uint64_t table_addr, unsigned idx,
			 uint64_t value)
{
	uint8_t *p = m->bytes + table_addr + idx * 8;

	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(value >> (56 - 8 * i));
}

#define P 0x1ULL	/* present */
#define RW 0x2ULL
#define PS 0x80ULL	/* large page */
#define NX (1ULL << 63)

/* Index of @va at a level whose lowest bit is @shift. */
static unsigned idx(uint64_t va, unsigned shift)
{
	return (unsigned)((va >> shift) & 511);
}

static struct fake_mem *mem_new(void)
{
	struct fake_mem *m = calloc(1, sizeof(*m));

	m->fail_page = ~0ULL;
	return m;
}

TEST(x86_64_4level_4k_page)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va = 0xffffffff81234567ULL, pa, size;

	vr_x86_64_pt_format(&pt, false);
	CHECK_EQ_U64(pt.nr_levels, 4);
	/* PGD page 1 -> PUD page 2 -> PMD page 3 -> PT page 4 -> page 0x20 */
	set_entry(m, 1, idx(va, 39), 2 * PAGE | P | RW);
	set_entry(m, 2, idx(va, 30), 3 * PAGE | P | RW);
	set_entry(m, 3, idx(va, 21), 4 * PAGE | P | RW);
	set_entry(m, 4, idx(va, 12), 0x20 * PAGE | P | NX);
	CHECK_OK(vr_pt_walk(&pt, 1 * PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x20 * PAGE + 0x567);
	CHECK_EQ_U64(size, 4096);
	free(m);
}

TEST(x86_64_2m_and_1g_pages)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va2m = 0xffff888012345678ULL, va1g = 0xffff888140000123ULL;
	uint64_t pa, size;

	vr_x86_64_pt_format(&pt, false);
	/* Both under one PGD entry (bits 47..39 equal). */
	CHECK_EQ_U64(idx(va2m, 39), idx(va1g, 39));
	set_entry(m, 1, idx(va2m, 39), 2 * PAGE | P);
	set_entry(m, 2, idx(va2m, 30), 3 * PAGE | P);
	/* 2 MiB page at 0x40000000; bit 12 (PAT) set must be masked off. */
	set_entry(m, 3, idx(va2m, 21), 0x40000000ULL | 0x1000 | PS | P);
	/* 1 GiB page at 0x80000000. */
	set_entry(m, 2, idx(va1g, 30), 0x80000000ULL | PS | P | NX);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va2m, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x40000000ULL + (va2m & 0x1fffff));
	CHECK_EQ_U64(size, 2ULL << 20);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va1g, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x80000000ULL + 0x123);
	CHECK_EQ_U64(size, 1ULL << 30);
	free(m);
}

TEST(x86_64_5level)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	/* An address only 5-level paging reaches (bits 56..48 non-trivial). */
	uint64_t va = 0xff11000000001234ULL, pa, size;

	vr_x86_64_pt_format(&pt, true);
	CHECK_EQ_U64(pt.nr_levels, 5);
	CHECK_EQ_U64(pt.levels[0].shift, 48);
	set_entry(m, 1, idx(va, 48), 2 * PAGE | P);
	set_entry(m, 2, idx(va, 39), 3 * PAGE | P);
	set_entry(m, 3, idx(va, 30), 4 * PAGE | P);
	set_entry(m, 4, idx(va, 21), 5 * PAGE | P);
	set_entry(m, 5, idx(va, 12), 0x30 * PAGE | P);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x30 * PAGE + 0x234);
	/* PS in the top two levels is not a large page: still a table. */
	set_entry(m, 1, idx(va, 48), 2 * PAGE | P | PS);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x30 * PAGE + 0x234);
	free(m);
}

TEST(not_present_and_read_errors)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va = 0xffffffff81000000ULL, pa, size;

	vr_x86_64_pt_format(&pt, false);
	/* Empty PGD: not mapped. */
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_FAULT);
	/* Present bit clear at the PMD, other bits set. */
	set_entry(m, 1, idx(va, 39), 2 * PAGE | P);
	set_entry(m, 2, idx(va, 30), 3 * PAGE | P);
	set_entry(m, 3, idx(va, 21), 4 * PAGE | RW);
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_FAULT);
	/* A table page that is not in the dump: its error comes through. */
	set_entry(m, 3, idx(va, 21), 4 * PAGE | P);
	m->fail_page = 4;
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_EXCLUDED);
	/* A table pointing outside memory. */
	m->fail_page = ~0ULL;
	set_entry(m, 3, idx(va, 21), (1ULL << 40) | P);
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_OUT_OF_RANGE);
	free(m);
}

/* ARM ARM D8.3: table 0b11, block 0b01 (not at level 3), page 0b11 at 3. */
TEST(aarch64_4k_48bit)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va = 0xffff800008123456ULL, blk = 0xffff000040345678ULL;
	uint64_t pa, size;

	CHECK_OK(vr_aarch64_pt_format(&pt, 12, 48));
	CHECK_EQ_U64(pt.nr_levels, 4);
	CHECK_EQ_U64(pt.levels[0].shift, 39);
	CHECK_EQ_U64(pt.levels[0].bits, 9);
	set_entry(m, 1, idx(va, 39), 2 * PAGE | 3);
	set_entry(m, 2, idx(va, 30), 3 * PAGE | 3);
	set_entry(m, 3, idx(va, 21), 4 * PAGE | 3);
	/* Page with AF, SH=0b11, AP bits and UXN/PXN set. */
	set_entry(m, 4, idx(va, 12), 0x21 * PAGE | (3ULL << 53) | 0x700 | 3);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x21 * PAGE + 0x456);
	/* A 2 MiB block in the linear map. */
	set_entry(m, 1, idx(blk, 39), 5 * PAGE | 3);
	set_entry(m, 5, idx(blk, 30), 6 * PAGE | 3);
	set_entry(m, 6, idx(blk, 21), 0x40200000ULL | 0x700 | 1);
	CHECK_OK(vr_pt_walk(&pt, PAGE, blk, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x40200000ULL + (blk & 0x1fffff));
	CHECK_EQ_U64(size, 2ULL << 20);
	/* A 1 GiB block at level 1. */
	set_entry(m, 5, idx(0xffff000080012345ULL, 30), 0x80000000ULL | 0x700 | 1);
	CHECK_OK(vr_pt_walk(&pt, PAGE, 0xffff000080012345ULL, fake_read, m,
			    &pa, &size));
	CHECK_EQ_U64(pa, 0x80012345ULL);
	CHECK_EQ_U64(size, 1ULL << 30);
	/* 0b01 at level 3 is reserved: not a mapping. */
	set_entry(m, 4, idx(va, 12), 0x21 * PAGE | 1);
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_FAULT);
	free(m);
}

TEST(aarch64_lpa2_52bit_and_64k)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va = 0xfff0000000001234ULL, pa, size;

	/* 4K pages, 52-bit VA: five levels, the top indexed by bits 51..48. */
	CHECK_OK(vr_aarch64_pt_format(&pt, 12, 52));
	CHECK_EQ_U64(pt.nr_levels, 5);
	CHECK_EQ_U64(pt.levels[0].shift, 48);
	CHECK_EQ_U64(pt.levels[0].bits, 4);
	set_entry(m, 1, (unsigned)((va >> 48) & 15), 2 * PAGE | 3);
	set_entry(m, 2, idx(va, 39), 3 * PAGE | 3);
	set_entry(m, 3, idx(va, 30), 4 * PAGE | 3);
	set_entry(m, 4, idx(va, 21), 5 * PAGE | 3);
	/* LPA2: OA[51:50] in bits 9:8.  OA = 0x0004_0000_0002_2000 + 1 << 50. */
	set_entry(m, 5, idx(va, 12), 0x22 * PAGE | (1ULL << 8) | 3);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, (1ULL << 50) | 0x22 * PAGE | 0x234);
	/* 64K pages, 42-bit VA: levels 2 and 3 (13 bits each), page shift 16. */
	CHECK_OK(vr_aarch64_pt_format(&pt, 16, 42));
	CHECK_EQ_U64(pt.nr_levels, 2);
	CHECK_EQ_U64(pt.levels[0].shift, 29);
	CHECK_EQ_U64(pt.levels[0].bits, 13);
	/* 16K pages, 47-bit VA: three levels of 11 bits, the top at bit 36. */
	CHECK_OK(vr_aarch64_pt_format(&pt, 14, 47));
	CHECK_EQ_U64(pt.nr_levels, 3);
	CHECK_EQ_U64(pt.levels[0].shift, 36);
	CHECK_EQ_U64(pt.levels[0].bits, 11);
	CHECK_EQ_U64(pt.levels[2].shift, 14);
	CHECK_ERR(vr_aarch64_pt_format(&pt, 13, 48), VR_ERR_UNSUPPORTED);
	free(m);
}

/* z/Architecture PoO, DAT: invalid bit 0x20 in region/segment, 0x400 in PTE. */
TEST(s390x_three_levels)
{
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	/* region-third index 1, segment index 2, page index 3 */
	uint64_t va = (1ULL << 31) | (2ULL << 20) | (3ULL << 12) | 0x45;
	uint64_t large = (1ULL << 31) | (5ULL << 20) | 0x12345;
	uint64_t pa, size;

	vr_s390x_pt_format(&pt, 3);
	CHECK_EQ_U64(pt.levels[0].shift, 31);
	CHECK_EQ_U64(pt.levels[2].bits, 8);
	/* Region-third table at page 1 (TT=01), segment table at 4 pages. */
	set_entry_be(m, 1 * PAGE, 1, 4 * PAGE | 0x4 | 0x3);
	/* Page table at a 2 KiB boundary, inside page 8. */
	set_entry_be(m, 4 * PAGE, 2, 8 * PAGE + 0x800);
	set_entry_be(m, 8 * PAGE + 0x800, 3, 0x30 * PAGE);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x30 * PAGE + 0x45);
	/* A 1 MiB segment (FC). */
	set_entry_be(m, 4 * PAGE, 5, 0x300000 | 0x400);
	CHECK_OK(vr_pt_walk(&pt, PAGE, large, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x300000 + 0x12345);
	CHECK_EQ_U64(size, 1ULL << 20);
	/* A 2 GiB region-third frame (FC). */
	set_entry_be(m, 1 * PAGE, 3, 0x80000000ULL | 0x400 | 0x4);
	CHECK_OK(vr_pt_walk(&pt, PAGE, (3ULL << 31) | 0x1234567, fake_read, m,
			    &pa, &size));
	CHECK_EQ_U64(pa, 0x80000000ULL + 0x1234567);
	CHECK_EQ_U64(size, 2ULL << 30);
	/* Invalid page-table entry. */
	set_entry_be(m, 8 * PAGE + 0x800, 3, 0x30 * PAGE | 0x400);
	CHECK_ERR(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size),
		  VR_ERR_FAULT);
	free(m);
}

/* Book3S-64 radix with 64K pages: 13/9/9/5 index bits, entries big-endian. */
TEST(ppc64_radix_64k)
{
	static const unsigned int bits[4] = { 5, 9, 9, 13 };
	struct fake_mem *m = mem_new();
	struct vr_pt_format pt;
	uint64_t va = 0xc008000000012345ULL, va2m = 0xc008000000654321ULL;
	uint64_t pa, size;
	const uint64_t P8 = 0x8000000000000000ULL, LEAF = 0x4000000000000000ULL;

	vr_ppc64_pt_format(&pt, 16, bits);
	CHECK_EQ_U64(pt.levels[0].shift, 39);
	CHECK_EQ_U64(pt.levels[0].bits, 13);
	CHECK_EQ_U64(pt.levels[3].shift, 16);
	/* The PGD index uses bits 51..39 of the effective address. */
	set_entry_be(m, 1 * PAGE, (unsigned)((va >> 39) & 0x1fff), P8 | 2 * PAGE | 9);
	set_entry_be(m, 2 * PAGE, (unsigned)((va >> 30) & 0x1ff), P8 | 3 * PAGE | 9);
	set_entry_be(m, 3 * PAGE, (unsigned)((va >> 21) & 0x1ff), P8 | 4 * PAGE | 5);
	set_entry_be(m, 4 * PAGE, (unsigned)((va >> 16) & 0x1f),
		     P8 | LEAF | 0x70000 | 0x10e);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x70000 + (va & 0xffff));
	CHECK_EQ_U64(size, 65536);
	/* A 2 MiB leaf at the PMD. */
	set_entry_be(m, 3 * PAGE, (unsigned)((va2m >> 21) & 0x1ff),
		     P8 | LEAF | 0x800000);
	CHECK_OK(vr_pt_walk(&pt, PAGE, va2m, fake_read, m, &pa, &size));
	CHECK_EQ_U64(pa, 0x800000 + (va2m & 0x1fffff));
	/* A 1 GiB leaf at the PUD; a not-present PMD entry. */
	set_entry_be(m, 2 * PAGE, (unsigned)((0xc008000040000abcULL >> 30) & 0x1ff),
		     P8 | LEAF | 0x40000000ULL);
	CHECK_OK(vr_pt_walk(&pt, PAGE, 0xc008000040000abcULL, fake_read, m,
			    &pa, &size));
	CHECK_EQ_U64(pa, 0x40000abcULL);
	CHECK_EQ_U64(size, 1ULL << 30);
	CHECK_ERR(vr_pt_walk(&pt, PAGE, 0xc008000000a00000ULL, fake_read, m,
			     &pa, &size), VR_ERR_FAULT);
	free(m);
}

TEST_MAIN(T(x86_64_4level_4k_page), T(x86_64_2m_and_1g_pages),
	  T(x86_64_5level), T(not_present_and_read_errors),
	  T(aarch64_4k_48bit), T(aarch64_lpa2_52bit_and_64k),
	  T(s390x_three_levels), T(ppc64_radix_64k))
