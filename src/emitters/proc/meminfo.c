// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/meminfo: fs/proc/meminfo.c meminfo_proc_show(), then
 * hugetlb_report_meminfo() (mm/hugetlb.c) and the architecture's
 * arch_report_meminfo().  A line that depends on the kernel's
 * configuration is printed when the symbol or the enumerator it reads
 * exists in the vmlinux.
 */
#include <stdio.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/list.h"
#include "vr/mm.h"
#include "vr/util.h"

struct meminfo {
	struct vr_program *prog;
	struct strbuf *out;
	unsigned int page_shift;
	struct vr_error *err;	/* the first error: the file becomes a stub */
	const char *partial;	/* why a value is missing: a trailing note */
};

/* seq_put_decimal_ull_width(m, s, pages in kB, 8) + " kB\n" */
static void show_val_kb(struct meminfo *m, const char *s, uint64_t num)
{
	strbuf_printf(m->out, "%s%8llu kB\n", s,
		      (unsigned long long)(num << (m->page_shift - 10)));
}

static uint64_t node(struct meminfo *m, const char *item)
{
	return global_node_page_state(m->prog, item, &m->err);
}

static uint64_t zone(struct meminfo *m, const char *item)
{
	return global_zone_page_state(m->prog, item, &m->err);
}

static bool has_node_item(struct meminfo *m, const char *item)
{
	int64_t v;

	return mm_enum_value(m->prog, "enum node_stat_item", item, &v);
}

static bool has_zone_item(struct meminfo *m, const char *item)
{
	int64_t v;

	return mm_enum_value(m->prog, "enum zone_stat_item", item, &v);
}

static bool has(struct meminfo *m, const char *symbol)
{
	return kobj_has_symbol(m->prog, symbol);
}

static uint64_t var(struct meminfo *m, const char *name)
{
	return mm_read_ulong(kobj_var(m->prog, name), &m->err);
}

/* total_swapcache_pages(): NR_SWAPCACHE (v5.14+), 0 without CONFIG_SWAP. */
static uint64_t total_swapcache_pages(struct meminfo *m)
{
	return has(m, "swap_info") ? node(m, "NR_SWAPCACHE") : 0;
}

static void show_totals(struct meminfo *m)
{
	uint64_t totalram = totalram_pages(m->prog, &m->err);
	uint64_t freeram = zone(m, "NR_FREE_PAGES");
	uint64_t available = si_mem_available(m->prog, &m->err);
	uint64_t buffers = nr_blockdev_pages(m->prog, &m->err);
	uint64_t swapcache = total_swapcache_pages(m);
	int64_t cached = (int64_t)node(m, "NR_FILE_PAGES") -
			 (int64_t)swapcache - (int64_t)buffers;
	uint64_t active_anon = node(m, "NR_ACTIVE_ANON");
	uint64_t inactive_anon = node(m, "NR_INACTIVE_ANON");
	uint64_t active_file = node(m, "NR_ACTIVE_FILE");
	uint64_t inactive_file = node(m, "NR_INACTIVE_FILE");

	show_val_kb(m, "MemTotal:       ", totalram);
	show_val_kb(m, "MemFree:        ", freeram);
	show_val_kb(m, "MemAvailable:   ", available);
	show_val_kb(m, "Buffers:        ", buffers);
	show_val_kb(m, "Cached:         ", cached < 0 ? 0 : (uint64_t)cached);
	show_val_kb(m, "SwapCached:     ", swapcache);
	show_val_kb(m, "Active:         ", active_anon + active_file);
	show_val_kb(m, "Inactive:       ", inactive_anon + inactive_file);
	show_val_kb(m, "Active(anon):   ", active_anon);
	show_val_kb(m, "Inactive(anon): ", inactive_anon);
	show_val_kb(m, "Active(file):   ", active_file);
	show_val_kb(m, "Inactive(file): ", inactive_file);
	show_val_kb(m, "Unevictable:    ", node(m, "NR_UNEVICTABLE"));
	show_val_kb(m, "Mlocked:        ", zone(m, "NR_MLOCK"));
}

/*
 * zpool_get_total_pages(): the pool's pages as its driver counts them
 * (zsmalloc, zbud or z3fold).
 */
static uint64_t zpool_total_pages(struct meminfo *m, struct kobj zpool)
{
	char type[32], pool_type[64];
	uint64_t pool = mm_read_ulong(kobj_member(zpool, "pool"), &m->err);
	bool zs;
	struct kobj counter;

	if (m->err)
		return 0;
	m->err = kobj_read_cstr(kobj_member(zpool, "driver->type"), type,
				sizeof(type));
	if (m->err)
		return 0;
	zs = !strcmp(type, "zsmalloc");
	snprintf(pool_type, sizeof(pool_type), "struct %s_pool",
		 zs ? "zs" : type);
	counter = kobj_member(kobj_at(m->prog, pool_type, pool),
			      zs ? "pages_allocated" : "pages_nr");
	/* A driver built as a module has its types in the module. */
	if (!kobj_ok(&counter)) {
		m->partial = "Zswap: the zpool driver's pool is not in the vmlinux";
		return 0;
	}
	return mm_read_ulong(counter, &m->err);
}

/* zswap_total_pages() (v6.12): the pages of every pool's zpool. */
static uint64_t zswap_total_pages(struct meminfo *m)
{
	struct kobj pools = kobj_var(m->prog, "zswap_pools");
	struct list_iter it;
	struct kobj pool;
	uint64_t total = 0;

	if (m->err)
		return 0;
	if (!kobj_ok(&pools)) {
		m->err = kobj_error(&pools);
		return 0;
	}
	list_for_each_entry(&it, pool, m->prog, kobj_addr(&pools),
			    "struct zswap_pool", "list") {
		struct kobj zpool = kobj_deref(kobj_member(pool, "zpool"));

		total += zpool_total_pages(m, zpool);
		if (m->err)
			return 0;
	}
	if (it.err && !m->err)
		m->err = it.err;
	else
		vr_error_destroy(it.err);
	return total;
}

static void show_zswap(struct meminfo *m)
{
	uint64_t stored;

	if (!has(m, "zswap_stored_pages"))
		return;
	/* v6.9 and older keep the total in zswap_pool_total_size, in bytes. */
	if (has(m, "zswap_pool_total_size")) {
		uint64_t bytes = var(m, "zswap_pool_total_size");

		strbuf_printf(m->out, "Zswap:          %8llu kB\n",
			      (unsigned long long)(bytes >> 10));
	} else {
		show_val_kb(m, "Zswap:          ", zswap_total_pages(m));
	}
	stored = var(m, "zswap_stored_pages");
	strbuf_printf(m->out, "Zswapped:       %8llu kB\n",
		      (unsigned long long)(stored << (m->page_shift - 10)));
}

static void show_swap_and_kernel(struct meminfo *m)
{
	struct swapinfo si;
	uint64_t sreclaimable, sunreclaim;

	si_swapinfo(m->prog, &si, &m->err);
	/* !CONFIG_MMU: pages of private file mappings. */
	if (has(m, "mmap_pages_allocated"))
		show_val_kb(m, "MmapCopy:       ", var(m, "mmap_pages_allocated"));
	show_val_kb(m, "SwapTotal:      ", si.totalswap);
	show_val_kb(m, "SwapFree:       ", si.freeswap);
	show_zswap(m);
	show_val_kb(m, "Dirty:          ", node(m, "NR_FILE_DIRTY"));
	show_val_kb(m, "Writeback:      ", node(m, "NR_WRITEBACK"));
	show_val_kb(m, "AnonPages:      ", node(m, "NR_ANON_MAPPED"));
	show_val_kb(m, "Mapped:         ", node(m, "NR_FILE_MAPPED"));
	show_val_kb(m, "Shmem:          ", node(m, "NR_SHMEM"));
	sreclaimable = node(m, "NR_SLAB_RECLAIMABLE_B");
	sunreclaim = node(m, "NR_SLAB_UNRECLAIMABLE_B");
	show_val_kb(m, "KReclaimable:   ", sreclaimable +
		    node(m, "NR_KERNEL_MISC_RECLAIMABLE"));
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	strbuf_printf(m->out, "KernelStack:    %8llu kB\n",
		      (unsigned long long)node(m, "NR_KERNEL_STACK_KB"));
	/* CONFIG_SHADOW_CALL_STACK (arm64) */
	if (has_node_item(m, "NR_KERNEL_SCS_KB"))
		strbuf_printf(m->out, "ShadowCallStack:%8llu kB\n",
			      (unsigned long long)node(m, "NR_KERNEL_SCS_KB"));
	show_val_kb(m, "PageTables:     ", node(m, "NR_PAGETABLE"));
	/* v6.0+ */
	if (has_node_item(m, "NR_SECONDARY_PAGETABLE"))
		show_val_kb(m, "SecPageTables:  ",
			    node(m, "NR_SECONDARY_PAGETABLE"));
}

static void show_commit_vmalloc(struct meminfo *m)
{
	uint64_t percpu = var(m, "pcpu_nr_populated") * var(m, "pcpu_nr_units");

	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", zone(m, "NR_BOUNCE"));
	show_val_kb(m, "WritebackTmp:   ", node(m, "NR_WRITEBACK_TEMP"));
	show_val_kb(m, "CommitLimit:    ", vm_commit_limit(m->prog, &m->err));
	show_val_kb(m, "Committed_AS:   ", vm_memory_committed(m->prog, &m->err));
	strbuf_printf(m->out, "VmallocTotal:   %8llu kB\n",
		      (unsigned long long)(vmalloc_total(m->prog, &m->err) >> 10));
	/* vmalloc_nr_pages() */
	show_val_kb(m, "VmallocUsed:    ", var(m, "nr_vmalloc_pages"));
	show_val_kb(m, "VmallocChunk:   ", 0);
	/* pcpu_nr_pages() */
	show_val_kb(m, "Percpu:         ", percpu);
}

/* mm/memtest.c memtest_report_meminfo() (v6.3+), after early_memtest. */
static void memtest_report_meminfo(struct meminfo *m)
{
	uint64_t bad_kb, bad;

	if (!has(m, "early_memtest_done") ||
	    !mm_read_ulong(kobj_var(m->prog, "early_memtest_done"), &m->err))
		return;
	bad = var(m, "early_memtest_bad_size");
	bad_kb = bad >> 10;
	if (bad && !bad_kb)
		bad_kb = 1;
	strbuf_printf(m->out, "EarlyMemtestBad:   %5llu kB\n",
		      (unsigned long long)bad_kb);
}

static void show_optional(struct meminfo *m)
{
	memtest_report_meminfo(m);
	/* CONFIG_MEMORY_FAILURE */
	if (has(m, "num_poisoned_pages"))
		strbuf_printf(m->out, "HardwareCorrupted: %5llu kB\n",
			      (unsigned long long)(var(m, "num_poisoned_pages") <<
						   (m->page_shift - 10)));
	/* CONFIG_TRANSPARENT_HUGEPAGE */
	if (has(m, "transparent_hugepage_flags")) {
		show_val_kb(m, "AnonHugePages:  ", node(m, "NR_ANON_THPS"));
		show_val_kb(m, "ShmemHugePages: ", node(m, "NR_SHMEM_THPS"));
		show_val_kb(m, "ShmemPmdMapped: ", node(m, "NR_SHMEM_PMDMAPPED"));
		show_val_kb(m, "FileHugePages:  ", node(m, "NR_FILE_THPS"));
		show_val_kb(m, "FilePmdMapped:  ", node(m, "NR_FILE_PMDMAPPED"));
	}
	/* CONFIG_CMA (totalcma_pages itself is always defined) */
	if (has(m, "cma_areas")) {
		show_val_kb(m, "CmaTotal:       ", var(m, "totalcma_pages"));
		show_val_kb(m, "CmaFree:        ", zone(m, "NR_FREE_CMA_PAGES"));
	}
	/* CONFIG_UNACCEPTED_MEMORY (v6.5+) */
	if (has_zone_item(m, "NR_UNACCEPTED"))
		show_val_kb(m, "Unaccepted:     ", zone(m, "NR_UNACCEPTED"));
}

static uint64_t hstate_ulong(struct meminfo *m, struct kobj h,
			     const char *member)
{
	return mm_read_ulong(kobj_member(h, member), &m->err);
}

/*
 * hugetlb_report_meminfo().  hugepages_supported() is decided at boot
 * (s390x needs EDAT1, ppc64 a huge page size); hugetlb_init() registers
 * no hstate when it is false, so hugetlb_max_hstate is 0.
 */
static void hugetlb_report_meminfo(struct meminfo *m)
{
	unsigned int n = hugetlb_max_hstate(m->prog, &m->err);
	unsigned int def = default_hstate_idx(m->prog, &m->err);
	uint64_t total = 0;

	if (!n)
		return;
	for (unsigned int i = 0; i < n && !m->err; i++) {
		struct kobj h = hstate_at(m->prog, i);
		uint64_t count = hstate_ulong(m, h, "nr_huge_pages");
		uint64_t size = m->prog->page_size << hstate_ulong(m, h, "order");

		total += size * count;
		if (i != def)
			continue;
		strbuf_printf(m->out, "HugePages_Total:   %5llu\n",
			      (unsigned long long)count);
		strbuf_printf(m->out, "HugePages_Free:    %5llu\n",
			      (unsigned long long)hstate_ulong(m, h, "free_huge_pages"));
		strbuf_printf(m->out, "HugePages_Rsvd:    %5llu\n",
			      (unsigned long long)hstate_ulong(m, h, "resv_huge_pages"));
		strbuf_printf(m->out, "HugePages_Surp:    %5llu\n",
			      (unsigned long long)hstate_ulong(m, h, "surplus_huge_pages"));
		strbuf_printf(m->out, "Hugepagesize:   %8llu kB\n",
			      (unsigned long long)(size / 1024));
	}
	strbuf_printf(m->out, "Hugetlb:        %8llu kB\n",
		      (unsigned long long)(total / 1024));
}

static uint64_t direct_pages(struct meminfo *m, unsigned int i)
{
	struct kobj count = kobj_index(kobj_var(m->prog, "direct_pages_count"), i);

	return mm_read_ulong(count, &m->err);
}

/* arch/x86/mm/pat/set_memory.c: unsigned long direct_pages_count[]. */
static void x86_report_meminfo(struct meminfo *m)
{
	unsigned int k4 = mm_enum_item(m->prog, "enum pg_level", "PG_LEVEL_4K",
				       &m->err);
	unsigned int m2 = mm_enum_item(m->prog, "enum pg_level", "PG_LEVEL_2M",
				       &m->err);
	unsigned int g1 = mm_enum_item(m->prog, "enum pg_level", "PG_LEVEL_1G",
				       &m->err);

	strbuf_printf(m->out, "DirectMap4k:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, k4) << 2));
	strbuf_printf(m->out, "DirectMap2M:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, m2) << 11));
	if (var(m, "direct_gbpages"))
		strbuf_printf(m->out, "DirectMap1G:    %8llu kB\n",
			      (unsigned long long)(direct_pages(m, g1) << 20));
}

/*
 * arch/powerpc/mm/book3s64/pgtable.c, radix MMU only; indexes are the
 * MMU_PAGE_* defines of asm/mmu.h; radix_enabled() is the
 * MMU_FTR_TYPE_RADIX bit of cur_cpu_spec->mmu_features.
 */
#define MMU_FTR_TYPE_RADIX	0x40
#define MMU_PAGE_4K		0
#define MMU_PAGE_64K		2
#define MMU_PAGE_2M		7
#define MMU_PAGE_1G		13

static void ppc64_report_meminfo(struct meminfo *m)
{
	uint64_t ftr = mm_read_ulong(kobj_member(kobj_var(m->prog, "cur_cpu_spec"),
						 "mmu_features"), &m->err);

	if (!(ftr & MMU_FTR_TYPE_RADIX))
		return;
	strbuf_printf(m->out, "DirectMap4k:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, MMU_PAGE_4K) << 2));
	strbuf_printf(m->out, "DirectMap64k:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, MMU_PAGE_64K) << 6));
	strbuf_printf(m->out, "DirectMap2M:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, MMU_PAGE_2M) << 11));
	strbuf_printf(m->out, "DirectMap1G:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, MMU_PAGE_1G) << 20));
}

/* arch/s390/mm/pageattr.c: PG_DIRECT_MAP_4K, _1M, _2G are 0, 1, 2. */
static void s390x_report_meminfo(struct meminfo *m)
{
	strbuf_printf(m->out, "DirectMap4k:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, 0) << 2));
	strbuf_printf(m->out, "DirectMap1M:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, 1) << 10));
	strbuf_printf(m->out, "DirectMap2G:    %8llu kB\n",
		      (unsigned long long)(direct_pages(m, 2) << 21));
}

/* arch_report_meminfo(): weak and empty on arm64. */
static void arch_report_meminfo(struct meminfo *m)
{
	const char *arch = m->prog->arch->name;

	if (!has(m, "direct_pages_count"))
		return;
	if (!strcmp(arch, "x86_64"))
		x86_report_meminfo(m);
	else if (!strcmp(arch, "ppc64"))
		ppc64_report_meminfo(m);
	else if (!strcmp(arch, "s390x"))
		s390x_report_meminfo(m);
}

static struct vr_error *emit_meminfo(struct emit_ctx *ctx)
{
	struct meminfo m = {
		.prog = ctx->prog,
		.out = &ctx->out,
		.page_shift = ilog2(ctx->prog->page_size),
	};

	/* CONFIG_HIGHMEM (32-bit only): HighTotal and friends. */
	if (has(&m, "_totalhigh_pages"))
		return emit_stub(ctx, "CONFIG_HIGHMEM kernels are not supported");
	show_totals(&m);
	show_swap_and_kernel(&m);
	show_commit_vmalloc(&m);
	show_optional(&m);
	hugetlb_report_meminfo(&m);
	arch_report_meminfo(&m);
	if (!m.err && m.partial)
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "%s\n",
			      m.partial);
	return m.err;
}

static const struct emitter proc_meminfo = {
	.path = "proc/meminfo",
	.emit = emit_meminfo,
};
EMITTER(proc_meminfo);
