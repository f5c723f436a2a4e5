/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memory-management helpers, named as in the kernel (mm/vmstat.c,
 * mm/show_mem.c, include/linux/mmzone.h ...).
 *
 * Most helpers return the value and take a "sticky" error: @err points to
 * the caller's first error, a helper called with *err set returns 0
 * without reading, and a failing helper sets *err (which the caller owns).
 * An emitter that prints many counters calls them in a row and checks
 * once, as with failed objects:
 *
 *	struct vr_error *err = NULL;
 *	uint64_t free = global_zone_page_state(prog, "NR_FREE_PAGES", &err);
 *	uint64_t shmem = global_node_page_state(prog, "NR_SHMEM", &err);
 *	if (err) ...
 */
#ifndef VR_MM_H
#define VR_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/percpu.h"

/* MAX_NUMNODES is at most 1 << 10 (CONFIG_NODES_SHIFT). */
#define VR_MAX_NUMNODES 1024
/* include/linux/mmzone.h MAX_NR_ZONES is at most 6 (v6.x). */
#define VR_MAX_NR_ZONES 8
/* Bound on NR_PAGE_ORDERS (MAX_ORDER, 11 on x86_64, 14 on arm64 64K). */
#define VR_MAX_ORDERS 16
/* Bound on MIGRATE_TYPES (6 with CMA and memory isolation). */
#define VR_MAX_MIGRATE_TYPES 8

/*
 * Enumerator @name of @enum_type ("enum zone_stat_item").  False if the
 * enum or the enumerator does not exist: a feature test for config- and
 * version-dependent items (NR_UNACCEPTED, NR_KERNEL_SCS_KB, ...).
 */
bool mm_enum_value(struct vr_program *prog, const char *enum_type,
		   const char *name, int64_t *ret);
/* The same, as a sticky-error lookup for items that must exist. */
unsigned int mm_enum_item(struct vr_program *prog, const char *enum_type,
			  const char *name, struct vr_error **err);

/* An integer or an atomic_t / atomic_long_t / atomic64_t, signed. */
int64_t mm_read_long(struct kobj o, struct vr_error **err);
/* An unsigned integer (or pointer). */
uint64_t mm_read_ulong(struct kobj o, struct vr_error **err);

/*
 * Counters of mm/vmstat.c.  The "by name" helpers take the enumerator's
 * name ("NR_FREE_PAGES"); the _nr ones its value, for walks over every
 * item.  Values are read as the kernel reads them: the atomic counter,
 * clamped at 0 (CONFIG_SMP).
 */
uint64_t global_zone_page_state(struct vr_program *prog, const char *item,
				struct vr_error **err);
uint64_t global_node_page_state(struct vr_program *prog, const char *item,
				struct vr_error **err);
uint64_t global_zone_page_state_nr(struct vr_program *prog, unsigned int item,
				   struct vr_error **err);
uint64_t global_node_page_state_nr(struct vr_program *prog, unsigned int item,
				   struct vr_error **err);
/*
 * global_numa_event_state() after fold_vm_numa_events(): vm_numa_event[]
 * plus what the online CPUs still hold in their per_cpu_zonestats.
 */
uint64_t global_numa_event_state_nr(struct vr_program *prog, unsigned int item,
				    struct vr_error **err);
uint64_t zone_page_state_nr(struct kobj zone, unsigned int item,
			    struct vr_error **err);
/* zone_numa_event_state() after fold_vm_zone_numa_events(). */
uint64_t zone_numa_event_state_nr(struct kobj zone, unsigned int item,
				  struct vr_error **err);
/* node_page_state_pages(): pgdat->vm_stat[item], clamped at 0. */
uint64_t node_page_state_nr(struct kobj pgdat, unsigned int item,
			    struct vr_error **err);

/*
 * The sizes of the vmstat enums, from the vmlinux; VR_ERR_LIMIT if one is
 * past a sane bound (corrupt types), so their sum cannot overflow.
 */
struct vmstat_items {
	unsigned int nr_zone;		/* NR_VM_ZONE_STAT_ITEMS */
	unsigned int nr_numa;		/* NR_VM_NUMA_EVENT_ITEMS, 0 if !NUMA */
	unsigned int nr_node;		/* NR_VM_NODE_STAT_ITEMS */
	unsigned int nr_stat;		/* NR_VM_STAT_ITEMS / _WRITEBACK_ */
	unsigned int nr_event;		/* NR_VM_EVENT_ITEMS, 0 if no counters */
};

struct vr_error *vmstat_items(struct vr_program *prog,
			      struct vmstat_items *ret);
/*
 * The name of /proc/vmstat's item @i: the kernel's own vmstat_text[i],
 * read from the dump.
 */
struct vr_error *vmstat_text(struct vr_program *prog, unsigned int i,
			     char *buf, size_t size);
/*
 * vmstat_item_print_in_thp(): node items counted in pages that
 * /proc/vmstat and zoneinfo print in THPs (divided by HPAGE_PMD_NR).
 */
bool vmstat_item_print_in_thp(struct vr_program *prog, unsigned int item);
/* HPAGE_PMD_NR: pages per PMD mapping (512 with 4 KiB pages). */
uint64_t hpage_pmd_nr(struct vr_program *prog);

/* Nodes and zones. */
struct nodemask_set {
	uint64_t bits[VR_MAX_NUMNODES / 64];
	unsigned int max_numnodes;
};

/* node_states[@state] ("N_ONLINE", "N_MEMORY"); node 0 only if !NUMA. */
struct vr_error *node_states(struct vr_program *prog, const char *state,
			     struct nodemask_set *mask);

static inline bool node_isset(unsigned int nid, const struct nodemask_set *m)
{
	return nid < m->max_numnodes && (m->bits[nid / 64] >> (nid % 64)) & 1;
}

/* NODE_DATA(nid): node_data[nid], or contig_page_data on !NUMA kernels. */
struct kobj NODE_DATA(struct vr_program *prog, unsigned int nid);

struct pgdat_iter {
	struct vr_program *prog;
	struct nodemask_set online;
	unsigned int nid;
	struct vr_error *err;	/* set when the walk stopped early */
};

void pgdat_iter_init(struct pgdat_iter *it, struct vr_program *prog);
bool pgdat_iter_next(struct pgdat_iter *it, struct kobj *pgdat);

/* for_each_online_pgdat(): the online nodes' pglist_data, by node id. */
#define for_each_online_pgdat(it, pgdat, prog)				\
	for (pgdat_iter_init(it, prog); pgdat_iter_next(it, &(pgdat));)

/* MAX_NR_ZONES: the length of pgdat->node_zones[]. */
unsigned int max_nr_zones(struct vr_program *prog);
/* &pgdat->node_zones[i] */
struct kobj pgdat_zone(struct kobj pgdat, unsigned int i);
bool populated_zone(struct kobj zone, struct vr_error **err);
uint64_t zone_managed_pages(struct kobj zone, struct vr_error **err);
/* The zone's name ("DMA32"). */
struct vr_error *zone_name(struct kobj zone, char *buf, size_t size);
/* zone->_watermark[WMARK_...] + zone->watermark_boost (low_wmark_pages()). */
uint64_t zone_wmark_pages(struct kobj zone, const char *wmark,
			  struct vr_error **err);
/* NR_PAGE_ORDERS (MAX_ORDER before v6.8): the length of free_area[]. */
unsigned int nr_page_orders(struct vr_program *prog);

/* totalram_pages(): _totalram_pages (totalram_pages before v5.0). */
uint64_t totalram_pages(struct vr_program *prog, struct vr_error **err);
/* percpu_counter_sum(): count plus the online (and dying) CPUs' counters. */
int64_t percpu_counter_sum(struct kobj fbc, struct vr_error **err);

/* si_mem_available(): mm/show_mem.c (mm/page_alloc.c in v6.1). */
uint64_t si_mem_available(struct vr_program *prog, struct vr_error **err);
/* block/bdev.c nr_blockdev_pages(): the block devices' page cache. */
uint64_t nr_blockdev_pages(struct vr_program *prog, struct vr_error **err);

struct swapinfo {
	uint64_t totalswap;
	uint64_t freeswap;
};

/* mm/swapfile.c si_swapinfo(). */
void si_swapinfo(struct vr_program *prog, struct swapinfo *val,
		 struct vr_error **err);
/* mm/util.c vm_commit_limit() and vm_memory_committed(). */
uint64_t vm_commit_limit(struct vr_program *prog, struct vr_error **err);
uint64_t vm_memory_committed(struct vr_program *prog, struct vr_error **err);
/* mm/page-writeback.c global_dirty_limits(), for a non-RT reader. */
void global_dirty_limits(struct vr_program *prog, uint64_t *background,
			 uint64_t *dirty, struct vr_error **err);

/* Huge pages: struct hstate hstates[hugetlb_max_hstate]. */
unsigned int hugetlb_max_hstate(struct vr_program *prog,
				struct vr_error **err);
struct kobj hstate_at(struct vr_program *prog, unsigned int i);
/* &default_hstate: hstates[default_hstate_idx]. */
unsigned int default_hstate_idx(struct vr_program *prog,
				struct vr_error **err);
/* mm/hugetlb.c hugetlb_total_pages(): huge pages, in base pages. */
uint64_t hugetlb_total_pages(struct vr_program *prog, struct vr_error **err);

/* VMALLOC_TOTAL: VMALLOC_END - VMALLOC_START, in bytes. */
uint64_t vmalloc_total(struct vr_program *prog, struct vr_error **err);

/* pageblock_order and the pageblock's migrate type. */
unsigned int pageblock_order(struct vr_program *prog, struct vr_error **err);
/*
 * pfn_to_online_page(): the struct page of an online pfn (SPARSEMEM), or
 * a failed object (VR_ERR_NOT_FOUND for an offline or absent pfn).
 */
struct kobj pfn_to_online_page(struct vr_program *prog, uint64_t pfn);
/*
 * pagetypeinfo's count of @zone's pageblocks per migrate type: those of
 * its span that are online and in the zone (page_zone()).
 */
struct vr_error *zone_pageblock_counts(struct kobj zone, uint64_t *counts,
				       unsigned int nr_types);

/* migratetype_names[]: their number (MIGRATE_TYPES) and each name. */
unsigned int migrate_types(struct vr_program *prog, struct vr_error **err);
struct vr_error *migratetype_name(struct vr_program *prog, unsigned int i,
				  char *buf, size_t size);

/*
 * Does the vmlinux's .rodata hold @needle?  For output formats that
 * changed without a type or symbol to test: the kernel's own format
 * string is the feature.
 */
bool kernel_rodata_has(struct vr_program *prog, const char *needle);

/* A static key (struct static_key_false / _true) is enabled? */
bool static_key_enabled(struct kobj key, struct vr_error **err);

#endif
