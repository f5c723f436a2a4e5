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

TEST_MAIN(T(x86_64_4level_4k_page), T(x86_64_2m_and_1g_pages),
	  T(x86_64_5level), T(not_present_and_read_errors))
