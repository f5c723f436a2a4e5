// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory-management helpers (see vr/mm.h): vmstat counters, nodes and
 * zones, and what /proc/meminfo computes from them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/list.h"
#include "vr/mm.h"
#include "vr/util.h"

/* Keep the first error; later ones are dropped. */
static void set_err(struct vr_error **err, struct vr_error *e)
{
	if (!e)
		return;
	if (*err)
		vr_error_destroy(e);
	else
		*err = e;
}

static uint64_t array_length(const struct kobj *o)
{
	const struct vr_type *t = vr_type_unqualified(o->type);

	if (!kobj_ok(o) || !t || t->kind != VR_TYPE_ARRAY)
		return 0;
	return t->length;
}

/* The length of @member of @type_name, if it is an array. */
static uint64_t member_length(struct vr_program *prog, const char *type_name,
			      const char *member)
{
	struct kobj o = kobj_member(kobj_at(prog, type_name, 0), member);

	return array_length(&o);
}

bool mm_enum_value(struct vr_program *prog, const char *enum_type,
		   const char *name, int64_t *ret)
{
	const struct vr_type *t;
	struct vr_error *err = vr_debuginfo_find_type(prog->dbg, enum_type, &t);

	if (err) {
		vr_error_destroy(err);
		return false;
	}
	t = vr_debuginfo_complete_type(prog->dbg, vr_type_unqualified(t));
	return vr_type_enum_value(t, name, ret);
}

unsigned int mm_enum_item(struct vr_program *prog, const char *enum_type,
			  const char *name, struct vr_error **err)
{
	int64_t v = 0;

	if (*err)
		return 0;
	if (!mm_enum_value(prog, enum_type, name, &v) || v < 0) {
		set_err(err, vr_error_create(VR_ERR_NOT_FOUND, "%s has no %s",
					     enum_type, name));
		return 0;
	}
	return (unsigned int)v;
}

int64_t mm_read_long(struct kobj o, struct vr_error **err)
{
	int64_t v = 0;

	if (*err)
		return 0;
	/* atomic_t, atomic_long_t, atomic64_t: { counter }. */
	if (kobj_ok(&o) && vr_type_is_compound(o.type))
		o = kobj_member(o, "counter");
	set_err(err, kobj_read_s64(o, &v));
	return v;
}

uint64_t mm_read_ulong(struct kobj o, struct vr_error **err)
{
	uint64_t v = 0;

	if (*err)
		return 0;
	if (kobj_ok(&o) && vr_type_is_compound(o.type))
		o = kobj_member(o, "counter");
	set_err(err, kobj_read_u64(o, &v));
	return v;
}

/* A vmstat counter as the kernel reads it: clamped at 0 on SMP kernels. */
static uint64_t clamped(struct kobj counter, struct vr_error **err)
{
	int64_t x = mm_read_long(counter, err);

	return x < 0 ? 0 : (uint64_t)x;
}

uint64_t global_zone_page_state_nr(struct vr_program *prog, unsigned int item,
				   struct vr_error **err)
{
	return clamped(kobj_index(kobj_var(prog, "vm_zone_stat"), item), err);
}

uint64_t global_node_page_state_nr(struct vr_program *prog, unsigned int item,
				   struct vr_error **err)
{
	return clamped(kobj_index(kobj_var(prog, "vm_node_stat"), item), err);
}

uint64_t global_zone_page_state(struct vr_program *prog, const char *item,
				struct vr_error **err)
{
	unsigned int i = mm_enum_item(prog, "enum zone_stat_item", item, err);

	return *err ? 0 : global_zone_page_state_nr(prog, i, err);
}

uint64_t global_node_page_state(struct vr_program *prog, const char *item,
				struct vr_error **err)
{
	unsigned int i = mm_enum_item(prog, "enum node_stat_item", item, err);

	return *err ? 0 : global_node_page_state_nr(prog, i, err);
}

uint64_t zone_page_state_nr(struct kobj zone, unsigned int item,
			    struct vr_error **err)
{
	return clamped(kobj_index(kobj_member(zone, "vm_stat"), item), err);
}

/*
 * The CPUs whose per-CPU counters the kernel sums: the online ones (and
 * the dying ones, as percpu_counter_sum() does where cpu_dying_mask
 * exists).
 */
static void online_cpus(struct vr_program *prog, struct cpumask_set *mask,
			bool with_dying, struct vr_error **err)
{
	struct cpumask_set dying;

	memset(mask, 0, sizeof(*mask));
	if (*err)
		return;
	set_err(err, cpu_online_mask(prog, mask));
	if (*err || !with_dying || !kobj_has_symbol(prog, "__cpu_dying_mask"))
		return;
	set_err(err, read_cpumask(prog, "__cpu_dying_mask", &dying));
	for (unsigned int i = 0; !*err && i < ARRAY_SIZE(mask->bits); i++)
		mask->bits[i] |= dying.bits[i];
}

/*
 * fold_vm_zone_numa_events(): what the online CPUs' per_cpu_zonestats
 * still hold for @item, which reading /proc/vmstat or zoneinfo folds in.
 */
static uint64_t zone_numa_pcp(struct kobj zone, const struct cpumask_set *cpus,
			      unsigned int item, struct vr_error **err)
{
	struct kobj pzstats = kobj_member(zone, "per_cpu_zonestats");
	uint64_t sum = 0;
	unsigned int cpu;

	if (*err)
		return 0;
	for_each_cpu(cpu, cpus) {
		struct kobj p = per_cpu_ptr(pzstats, cpu);

		sum += mm_read_ulong(kobj_index(kobj_member(p, "vm_numa_event"),
						item), err);
		if (*err)
			return 0;
	}
	return sum;
}

uint64_t zone_numa_event_state_nr(struct kobj zone, unsigned int item,
				  struct vr_error **err)
{
	struct cpumask_set cpus;
	uint64_t v;

	online_cpus(zone.prog, &cpus, false, err);
	v = mm_read_ulong(kobj_index(kobj_member(zone, "vm_numa_event"), item),
			  err);
	v += zone_numa_pcp(zone, &cpus, item, err);
	return *err ? 0 : v;
}

uint64_t global_numa_event_state_nr(struct vr_program *prog, unsigned int item,
				    struct vr_error **err)
{
	unsigned int nr_zones = max_nr_zones(prog);
	struct cpumask_set cpus;
	struct pgdat_iter it;
	struct kobj pgdat;
	uint64_t v;

	online_cpus(prog, &cpus, false, err);
	v = mm_read_ulong(kobj_index(kobj_var(prog, "vm_numa_event"), item),
			  err);
	/* fold_vm_numa_events(): every populated zone. */
	for_each_online_pgdat(&it, pgdat, prog) {
		for (unsigned int z = 0; z < nr_zones && !*err; z++) {
			struct kobj zone = pgdat_zone(pgdat, z);

			if (populated_zone(zone, err))
				v += zone_numa_pcp(zone, &cpus, item, err);
		}
	}
	set_err(err, it.err);
	return *err ? 0 : v;
}

uint64_t node_page_state_nr(struct kobj pgdat, unsigned int item,
			    struct vr_error **err)
{
	/* !NUMA: node_page_state_pages() is global_node_page_state_pages(). */
	if (!kobj_has_symbol(pgdat.prog, "node_data"))
		return global_node_page_state_nr(pgdat.prog, item, err);
	return clamped(kobj_index(kobj_member(pgdat, "vm_stat"), item), err);
}

/*
 * Bound on each vmstat enum's item count.  The kernel has at most a
 * hundred or so of each (v6.12 x86_64: 185 /proc/vmstat lines for all
 * five); more comes from corrupt types (BTF from the dump) and would
 * size /proc/vmstat's array and its vmstat_text[] reads.
 */
#define VMSTAT_ITEMS_MAX 1024

/* The enumerator @name of @type as a count: 0 if absent, capped. */
static unsigned int enum_count(struct vr_program *prog, const char *type,
			       const char *name, struct vr_error **err)
{
	int64_t v;

	if (!mm_enum_value(prog, type, name, &v) || v <= 0)
		return 0;
	if (v > VMSTAT_ITEMS_MAX) {
		set_err(err, vr_error_create(VR_ERR_LIMIT,
					     "%s %s is %lld, more than %d",
					     type, name, (long long)v,
					     VMSTAT_ITEMS_MAX));
		return 0;
	}
	return (unsigned int)v;
}

struct vr_error *vmstat_items(struct vr_program *prog,
			      struct vmstat_items *ret)
{
	struct vr_error *err = NULL;

	memset(ret, 0, sizeof(*ret));
	ret->nr_zone = enum_count(prog, "enum zone_stat_item",
				  "NR_VM_ZONE_STAT_ITEMS", &err);
	/* !CONFIG_NUMA: no enum numa_stat_item, NR_VM_NUMA_EVENT_ITEMS is 0. */
	ret->nr_numa = enum_count(prog, "enum numa_stat_item",
				  "NR_VM_NUMA_EVENT_ITEMS", &err);
	ret->nr_node = enum_count(prog, "enum node_stat_item",
				  "NR_VM_NODE_STAT_ITEMS", &err);
	/*
	 * v6.11 renamed enum writeback_stat_item to enum vm_stat_item when
	 * it added nr_memmap_pages and nr_memmap_boot_pages.
	 */
	ret->nr_stat = enum_count(prog, "enum vm_stat_item", "NR_VM_STAT_ITEMS",
				  &err);
	if (!ret->nr_stat && !err)
		ret->nr_stat = enum_count(prog, "enum writeback_stat_item",
					  "NR_VM_WRITEBACK_STAT_ITEMS", &err);
	/* CONFIG_VM_EVENT_COUNTERS: the per-CPU vm_event_states. */
	if (kobj_has_symbol(prog, "vm_event_states"))
		ret->nr_event = enum_count(prog, "enum vm_event_item",
					   "NR_VM_EVENT_ITEMS", &err);
	if (err)
		return err;
	if (!ret->nr_zone || !ret->nr_node || !ret->nr_stat)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no vmstat item enums in the vmlinux");
	return NULL;
}

struct vr_error *vmstat_text(struct vr_program *prog, unsigned int i,
			     char *buf, size_t size)
{
	return kobj_read_cstr(kobj_index(kobj_var(prog, "vmstat_text"), i),
			      buf, size);
}

bool vmstat_item_print_in_thp(struct vr_program *prog, unsigned int item)
{
	static const char *const thp_items[] = {
		"NR_ANON_THPS", "NR_FILE_THPS", "NR_SHMEM_THPS",
		"NR_SHMEM_PMDMAPPED", "NR_FILE_PMDMAPPED",
	};

	/* CONFIG_TRANSPARENT_HUGEPAGE defines transparent_hugepage_flags. */
	if (!kobj_has_symbol(prog, "transparent_hugepage_flags"))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(thp_items); i++) {
		int64_t v;

		if (mm_enum_value(prog, "enum node_stat_item", thp_items[i], &v) &&
		    v == (int64_t)item)
			return true;
	}
	return false;
}

/*
 * HPAGE_PMD_ORDER is PMD_SHIFT - PAGE_SHIFT: the index width of the last
 * page-table level (9 with 4 KiB pages, 8 on s390x, 5 on ppc64 radix 64K).
 */
static unsigned int hpage_pmd_order(struct vr_program *prog)
{
	return prog->pt.nr_levels ?
	       prog->pt.levels[prog->pt.nr_levels - 1].bits : 0;
}

uint64_t hpage_pmd_nr(struct vr_program *prog)
{
	return 1ULL << hpage_pmd_order(prog);
}

struct vr_error *node_states(struct vr_program *prog, const char *state,
			     struct nodemask_set *mask)
{
	struct kobj bits;
	struct vr_error *err = NULL;
	uint64_t n;
	unsigned int s;

	memset(mask, 0, sizeof(*mask));
	/* !CONFIG_NUMA: node_state(node, state) is node == 0. */
	if (!kobj_has_symbol(prog, "node_data")) {
		mask->bits[0] = 1;
		mask->max_numnodes = 1;
		return NULL;
	}
	s = mm_enum_item(prog, "enum node_states", state, &err);
	if (err)
		return err;
	bits = kobj_member(kobj_index(kobj_var(prog, "node_states"), s), "bits");
	n = min(array_length(&bits), (uint64_t)ARRAY_SIZE(mask->bits));
	if (!n)
		return kobj_ok(&bits) ? vr_error_create(VR_ERR_TYPE,
							"node_states: no bits") :
					kobj_error(&bits);
	for (uint64_t i = 0; i < n; i++) {
		mask->bits[i] = mm_read_ulong(kobj_index(bits, i), &err);
		if (err)
			return err;
	}
	mask->max_numnodes = (unsigned int)(n * 64);
	return NULL;
}

struct kobj NODE_DATA(struct vr_program *prog, unsigned int nid)
{
	struct kobj node_data = kobj_var(prog, "node_data");

	if (node_data.err == VR_ERR_NOT_FOUND)
		return kobj_var(prog, "contig_page_data");
	return kobj_deref(kobj_index(node_data, nid));
}

void pgdat_iter_init(struct pgdat_iter *it, struct vr_program *prog)
{
	it->prog = prog;
	it->nid = 0;
	it->err = node_states(prog, "N_ONLINE", &it->online);
}

bool pgdat_iter_next(struct pgdat_iter *it, struct kobj *pgdat)
{
	if (it->err)
		return false;
	while (it->nid < it->online.max_numnodes &&
	       !node_isset(it->nid, &it->online))
		it->nid++;
	if (it->nid >= it->online.max_numnodes)
		return false;
	*pgdat = NODE_DATA(it->prog, it->nid++);
	if (!kobj_ok(pgdat)) {
		it->err = kobj_error(pgdat);
		return false;
	}
	return true;
}

unsigned int max_nr_zones(struct vr_program *prog)
{
	uint64_t n = member_length(prog, "struct pglist_data", "node_zones");

	return (unsigned int)min(n, (uint64_t)VR_MAX_NR_ZONES);
}

struct kobj pgdat_zone(struct kobj pgdat, unsigned int i)
{
	return kobj_index(kobj_member(pgdat, "node_zones"), i);
}

bool populated_zone(struct kobj zone, struct vr_error **err)
{
	return mm_read_ulong(kobj_member(zone, "present_pages"), err) != 0;
}

uint64_t zone_managed_pages(struct kobj zone, struct vr_error **err)
{
	return mm_read_ulong(kobj_member(zone, "managed_pages"), err);
}

struct vr_error *zone_name(struct kobj zone, char *buf, size_t size)
{
	return kobj_read_cstr(kobj_member(zone, "name"), buf, size);
}

uint64_t zone_wmark_pages(struct kobj zone, const char *wmark,
			  struct vr_error **err)
{
	unsigned int i = mm_enum_item(zone.prog, "enum zone_watermarks", wmark,
				      err);
	uint64_t v;

	/* v5.0+: _watermark[] plus the temporary watermark_boost. */
	v = mm_read_ulong(kobj_index(kobj_member(zone, "_watermark"), i), err);
	return v + mm_read_ulong(kobj_member(zone, "watermark_boost"), err);
}

unsigned int nr_page_orders(struct vr_program *prog)
{
	uint64_t n = member_length(prog, "struct zone", "free_area");

	return (unsigned int)min(n, (uint64_t)VR_MAX_ORDERS);
}

uint64_t totalram_pages(struct vr_program *prog, struct vr_error **err)
{
	/* v5.0 made totalram_pages an atomic_long_t _totalram_pages. */
	if (kobj_has_symbol(prog, "_totalram_pages"))
		return mm_read_ulong(kobj_var(prog, "_totalram_pages"), err);
	return mm_read_ulong(kobj_var(prog, "totalram_pages"), err);
}

int64_t percpu_counter_sum(struct kobj fbc, struct vr_error **err)
{
	struct kobj counters = kobj_member(fbc, "counters");
	struct cpumask_set cpus;
	int64_t ret = mm_read_long(kobj_member(fbc, "count"), err);
	unsigned int cpu;

	online_cpus(fbc.prog, &cpus, true, err);
	if (*err)
		return 0;
	for_each_cpu(cpu, &cpus) {
		ret += mm_read_long(per_cpu_ptr(counters, cpu), err);
		if (*err)
			return 0;
	}
	return ret;
}

static uint64_t var_ulong(struct vr_program *prog, const char *name,
			  struct vr_error **err)
{
	return mm_read_ulong(kobj_var(prog, name), err);
}

static int64_t var_long(struct vr_program *prog, const char *name,
			struct vr_error **err)
{
	return mm_read_long(kobj_var(prog, name), err);
}

/* for_each_zone(): sum of low_wmark_pages() over every zone of every node. */
static uint64_t sum_low_wmark(struct vr_program *prog, struct vr_error **err)
{
	unsigned int nr_zones = max_nr_zones(prog);
	struct pgdat_iter it;
	struct kobj pgdat;
	uint64_t sum = 0;

	for_each_online_pgdat(&it, pgdat, prog) {
		for (unsigned int z = 0; z < nr_zones && !*err; z++)
			sum += zone_wmark_pages(pgdat_zone(pgdat, z),
						"WMARK_LOW", err);
	}
	set_err(err, it.err);
	return sum;
}

uint64_t si_mem_available(struct vr_program *prog, struct vr_error **err)
{
	uint64_t wmark_low = sum_low_wmark(prog, err);
	uint64_t pagecache, reclaimable;
	int64_t available;

	available = (int64_t)global_zone_page_state(prog, "NR_FREE_PAGES", err) -
		    (int64_t)var_ulong(prog, "totalreserve_pages", err);
	pagecache = global_node_page_state(prog, "NR_ACTIVE_FILE", err) +
		    global_node_page_state(prog, "NR_INACTIVE_FILE", err);
	pagecache -= min(pagecache / 2, wmark_low);
	available += (int64_t)pagecache;
	/* NR_SLAB_RECLAIMABLE_B is kept in pages (v5.9+: the _B suffix). */
	reclaimable = global_node_page_state(prog, "NR_SLAB_RECLAIMABLE_B", err) +
		      global_node_page_state(prog, "NR_KERNEL_MISC_RECLAIMABLE",
					     err);
	reclaimable -= min(reclaimable / 2, wmark_low);
	available += (int64_t)reclaimable;
	if (*err || available < 0)
		return 0;
	return (uint64_t)available;
}

uint64_t nr_blockdev_pages(struct vr_program *prog, struct vr_error **err)
{
	struct kobj sb = kobj_deref(kobj_var(prog, "blockdev_superblock"));
	struct kobj inodes = kobj_member(sb, "s_inodes");
	struct list_iter it;
	struct kobj inode;
	uint64_t ret = 0;

	if (*err)
		return 0;
	if (!kobj_ok(&inodes)) {
		set_err(err, kobj_error(&inodes));
		return 0;
	}
	list_for_each_entry(&it, inode, prog, kobj_addr(&inodes),
			    "struct inode", "i_sb_list") {
		ret += mm_read_ulong(kobj_member(inode, "i_mapping->nrpages"),
				     err);
		if (*err)
			return 0;
	}
	set_err(err, it.err);
	return *err ? 0 : ret;
}

/* include/linux/swap.h: swap_info_struct.flags. */
#define SWP_USED	(1 << 0)
#define SWP_WRITEOK	(1 << 1)

void si_swapinfo(struct vr_program *prog, struct swapinfo *val,
		 struct vr_error **err)
{
	uint64_t nr_swapfiles, nr_to_be_unused = 0;
	struct kobj swap_info = kobj_var(prog, "swap_info");

	memset(val, 0, sizeof(*val));
	/* !CONFIG_SWAP: no swap at all. */
	if (swap_info.err == VR_ERR_NOT_FOUND || *err)
		return;
	nr_swapfiles = var_ulong(prog, "nr_swapfiles", err);
	nr_swapfiles = min(nr_swapfiles, array_length(&swap_info));
	for (uint64_t type = 0; type < nr_swapfiles && !*err; type++) {
		struct kobj si = kobj_deref(kobj_index(swap_info, type));
		uint64_t flags = mm_read_ulong(kobj_member(si, "flags"), err);

		if ((flags & SWP_USED) && !(flags & SWP_WRITEOK))
			nr_to_be_unused += mm_read_ulong(kobj_member(si, "inuse_pages"),
							 err);
	}
	val->freeswap = (uint64_t)var_long(prog, "nr_swap_pages", err) +
			nr_to_be_unused;
	val->totalswap = (uint64_t)var_long(prog, "total_swap_pages", err) +
			 nr_to_be_unused;
}

static uint64_t total_swap_pages(struct vr_program *prog, struct vr_error **err)
{
	if (!kobj_has_symbol(prog, "total_swap_pages"))
		return 0;
	return (uint64_t)var_long(prog, "total_swap_pages", err);
}

uint64_t vm_commit_limit(struct vr_program *prog, struct vr_error **err)
{
	uint64_t kbytes = var_ulong(prog, "sysctl_overcommit_kbytes", err);
	uint64_t allowed;
	unsigned int page_shift = ilog2(prog->page_size);

	if (kbytes) {
		allowed = kbytes >> (page_shift - 10);
	} else {
		allowed = (totalram_pages(prog, err) -
			   hugetlb_total_pages(prog, err)) *
			  (uint64_t)var_long(prog, "sysctl_overcommit_ratio", err) /
			  100;
	}
	allowed += total_swap_pages(prog, err);
	return *err ? 0 : allowed;
}

uint64_t vm_memory_committed(struct vr_program *prog, struct vr_error **err)
{
	/* percpu_counter_sum_positive(&vm_committed_as) */
	int64_t v = percpu_counter_sum(kobj_var(prog, "vm_committed_as"), err);

	return v < 0 ? 0 : (uint64_t)v;
}

#define UINT_MAX_ 0xffffffffULL

static uint64_t div_round_up(uint64_t n, uint64_t d)
{
	return (n + d - 1) / d;
}

/*
 * global_dirtyable_memory(): free pages above the reserves plus the file
 * LRUs.  64-bit kernels have no highmem to leave out.
 */
static uint64_t global_dirtyable_memory(struct vr_program *prog,
					struct vr_error **err)
{
	uint64_t x = global_zone_page_state(prog, "NR_FREE_PAGES", err);

	x -= min(x, var_ulong(prog, "totalreserve_pages", err));
	x += global_node_page_state(prog, "NR_INACTIVE_FILE", err);
	x += global_node_page_state(prog, "NR_ACTIVE_FILE", err);
	return x + 1;
}

void global_dirty_limits(struct vr_program *prog, uint64_t *background,
			 uint64_t *dirty, struct vr_error **err)
{
	uint64_t avail = global_dirtyable_memory(prog, err);
	uint64_t page = prog->page_size;
	uint64_t bytes = var_ulong(prog, "vm_dirty_bytes", err);
	uint64_t bg_bytes = var_ulong(prog, "dirty_background_bytes", err);
	/* domain_dirty_limits(): ratios per PAGE_SIZE for precision. */
	uint64_t ratio = (uint64_t)var_long(prog, "vm_dirty_ratio", err) *
			 page / 100;
	uint64_t bg_ratio = (uint64_t)var_long(prog, "dirty_background_ratio",
					       err) * page / 100;
	uint64_t thresh, bg_thresh;

	thresh = bytes ? div_round_up(bytes, page) : ratio * avail / page;
	bg_thresh = bg_bytes ? div_round_up(bg_bytes, page) :
			       bg_ratio * avail / page;
	/*
	 * The kernel raises both by a quarter when the reader (current) is
	 * a real-time task; the reader of a report is not.
	 */
	if (thresh > UINT_MAX_)
		thresh = UINT_MAX_;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*background = *err ? 0 : bg_thresh;
	*dirty = *err ? 0 : thresh;
}

unsigned int hugetlb_max_hstate(struct vr_program *prog, struct vr_error **err)
{
	struct kobj hstates = kobj_var(prog, "hstates");
	uint64_t n;

	/* !CONFIG_HUGETLB_PAGE */
	if (hstates.err == VR_ERR_NOT_FOUND)
		return 0;
	n = var_ulong(prog, "hugetlb_max_hstate", err);
	return (unsigned int)min(n, array_length(&hstates));
}

struct kobj hstate_at(struct vr_program *prog, unsigned int i)
{
	return kobj_index(kobj_var(prog, "hstates"), i);
}

unsigned int default_hstate_idx(struct vr_program *prog, struct vr_error **err)
{
	return (unsigned int)var_ulong(prog, "default_hstate_idx", err);
}

uint64_t hugetlb_total_pages(struct vr_program *prog, struct vr_error **err)
{
	unsigned int n = hugetlb_max_hstate(prog, err);
	uint64_t nr = 0;

	for (unsigned int i = 0; i < n && !*err; i++) {
		struct kobj h = hstate_at(prog, i);
		uint64_t order = mm_read_ulong(kobj_member(h, "order"), err);

		nr += mm_read_ulong(kobj_member(h, "nr_huge_pages"), err) << order;
	}
	return *err ? 0 : nr;
}

/* arch/x86/include/asm/pgtable_64_types.h VMALLOC_SIZE_TB_L4 / _L5 */
#define X86_VMALLOC_SIZE_TB_L4	32ULL
#define X86_VMALLOC_SIZE_TB_L5	12800ULL

uint64_t vmalloc_total(struct vr_program *prog, struct vr_error **err)
{
	int64_t start, end;

	if (*err)
		return 0;
	/*
	 * x86_64 (CONFIG_DYNAMIC_MEMORY_LAYOUT): VMALLOC_START is
	 * vmalloc_base, the size is fixed by the paging depth; KMSAN
	 * kernels keep a quarter of it.
	 */
	if (kobj_has_symbol(prog, "vmalloc_base")) {
		uint64_t tb = prog->pt.nr_levels == 5 ? X86_VMALLOC_SIZE_TB_L5 :
							 X86_VMALLOC_SIZE_TB_L4;
		uint64_t size = tb << 40;

		if (kobj_has_symbol(prog, "kmsan_enabled"))
			size >>= 2;
		return size - 1;
	}
	/* ppc64 Book3S-64: the variables __vmalloc_start and __vmalloc_end. */
	if (kobj_has_symbol(prog, "__vmalloc_start"))
		return var_ulong(prog, "__vmalloc_end", err) -
		       var_ulong(prog, "__vmalloc_start", err);
	/* s390x: VMALLOC_START and VMALLOC_END are variables set at boot. */
	if (kobj_has_symbol(prog, "VMALLOC_START"))
		return var_ulong(prog, "VMALLOC_END", err) -
		       var_ulong(prog, "VMALLOC_START", err);
	/*
	 * arm64 puts VMALLOC_END in VMCOREINFO; VMALLOC_START is MODULES_END
	 * (v6.12 no longer writes NUMBER(VMALLOC_START)).
	 */
	if (vr_program_vmcoreinfo_number(prog, "NUMBER(VMALLOC_END)", &end) &&
	    (vr_program_vmcoreinfo_number(prog, "NUMBER(VMALLOC_START)", &start) ||
	     vr_program_vmcoreinfo_number(prog, "NUMBER(MODULES_END)", &start)))
		return (uint64_t)end - (uint64_t)start;
	set_err(err, vr_error_create(VR_ERR_UNSUPPORTED,
				     "VMALLOC_START/END of this kernel are unknown"));
	return 0;
}

unsigned int pageblock_order(struct vr_program *prog, struct vr_error **err)
{
	unsigned int max_order = nr_page_orders(prog) - 1;

	/* CONFIG_HUGETLB_PAGE_SIZE_VARIABLE (ppc64): a variable. */
	if (kobj_has_symbol(prog, "pageblock_order"))
		return (unsigned int)var_ulong(prog, "pageblock_order", err);
	/*
	 * Else min(HUGETLB_PAGE_ORDER, MAX_ORDER - 1) with hugetlbfs, and
	 * (v6.12, not v6.1) min(HPAGE_PMD_ORDER, ...) with THP only: on
	 * every architecture we read, HPAGE_SHIFT is PMD_SHIFT.
	 */
	if (kobj_has_symbol(prog, "hstates") ||
	    kobj_has_symbol(prog, "transparent_hugepage_flags"))
		return min(hpage_pmd_order(prog), max_order);
	return max_order;
}

/*
 * SPARSEMEM: the mem_section table, sized by VMCOREINFO's
 * NUMBER(SECTION_SIZE_BITS) and NUMBER(MAX_PHYSMEM_BITS), and what the
 * pageblock walk needs to know of the layout of page->flags.
 */
struct sparse_layout {
	unsigned int pfn_section_shift;		/* SECTION_SIZE_BITS - PAGE_SHIFT */
	unsigned int sections_shift;		/* MAX_PHYSMEM_BITS - SECTION_SIZE_BITS */
	uint64_t nr_mem_sections;
	uint64_t sections_per_root;
	uint64_t mem_section;			/* &mem_section */
	uint64_t ms_size;			/* sizeof(struct mem_section) */
	uint64_t page_size;			/* sizeof(struct page) */
	uint64_t map_mask;			/* SECTION_MAP_MASK */
	bool extreme;				/* struct mem_section **mem_section */
	bool vmemmap;				/* CONFIG_SPARSEMEM_VMEMMAP */
	unsigned int subsection_shift;		/* PFN_SUBSECTION_SHIFT */
	/* offsets of mem_section's section_mem_map and usage, and of */
	uint64_t map_off, usage_off;
	/* mem_section_usage's subsection_map and pageblock_flags */
	uint64_t subsection_off, pageblock_flags_off;
};

/*
 * include/linux/mmzone.h section_mem_map flags (an anonymous enum): bit 2
 * is SECTION_IS_ONLINE, and the flags end at SECTION_MAP_LAST_BIT, 4, or
 * 5 with CONFIG_ZONE_DEVICE (SECTION_TAINT_ZONE_DEVICE).  struct page is
 * 64-byte aligned, so the encoded mem_map never uses these bits.
 */
#define SECTION_IS_ONLINE	(1ULL << 2)
/* Subsections of 2 MiB (v5.3+, SPARSEMEM_VMEMMAP). */
#define SUBSECTION_SHIFT	21

static uint64_t member_offset(struct vr_program *prog, const char *type,
			      const char *member, struct vr_error **err)
{
	uint64_t off = 0;

	if (!*err && !kobj_offsetof(prog, type, member, &off))
		set_err(err, vr_error_create(VR_ERR_NOT_FOUND, "%s has no %s",
					     type, member));
	return off;
}

static struct vr_error *sparse_layout(struct vr_program *prog,
				      struct sparse_layout *l)
{
	struct kobj ms = kobj_var(prog, "mem_section");
	int64_t section_bits, physmem_bits, v;
	unsigned int page_shift = ilog2(prog->page_size);
	struct vr_error *err = NULL;

	memset(l, 0, sizeof(*l));
	if (!kobj_ok(&ms))
		return vr_error_wrap(kobj_error(&ms), "not SPARSEMEM: ");
	l->ms_size = kobj_sizeof(prog, "struct mem_section");
	l->page_size = kobj_sizeof(prog, "struct page");
	if (!vr_program_vmcoreinfo_number(prog, "NUMBER(SECTION_SIZE_BITS)",
					  &section_bits) ||
	    !vr_program_vmcoreinfo_number(prog, "NUMBER(MAX_PHYSMEM_BITS)",
					  &physmem_bits) ||
	    section_bits <= page_shift || physmem_bits <= section_bits ||
	    physmem_bits > 64 || !l->ms_size || !l->page_size)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no SECTION_SIZE_BITS / MAX_PHYSMEM_BITS in VMCOREINFO");
	l->pfn_section_shift = (unsigned int)section_bits - page_shift;
	l->sections_shift = (unsigned int)(physmem_bits - section_bits);
	l->nr_mem_sections = 1ULL << l->sections_shift;
	l->mem_section = kobj_addr(&ms);
	l->extreme = vr_type_unqualified(ms.type)->kind == VR_TYPE_POINTER;
	/* SECTIONS_PER_ROOT: a page of sections (EXTREME), else 1. */
	l->sections_per_root = l->extreme ? prog->page_size / l->ms_size : 1;
	if (!l->sections_per_root)
		return vr_error_create(VR_ERR_TYPE, "struct mem_section too big");
	l->map_mask = ~((1ULL << (mm_enum_value(prog, "enum zone_type",
						"ZONE_DEVICE", &v) ? 5 : 4)) - 1);
	/* usage->subsection_map exists with SPARSEMEM_VMEMMAP only. */
	l->vmemmap = kobj_has_member(prog, "struct mem_section_usage",
				     "subsection_map");
	l->subsection_shift = SUBSECTION_SHIFT > page_shift ?
			      SUBSECTION_SHIFT - page_shift : 0;
	l->map_off = member_offset(prog, "struct mem_section",
				   "section_mem_map", &err);
	l->usage_off = member_offset(prog, "struct mem_section", "usage", &err);
	l->pageblock_flags_off = member_offset(prog, "struct mem_section_usage",
					       "pageblock_flags", &err);
	if (l->vmemmap)
		l->subsection_off = member_offset(prog, "struct mem_section_usage",
						  "subsection_map", &err);
	return err;
}

/* __nr_to_section(): the address of the mem_section, 0 if there is none. */
static uint64_t nr_to_section(struct vr_program *prog,
			      const struct sparse_layout *l, uint64_t nr,
			      struct vr_error **err)
{
	uint64_t root = nr / l->sections_per_root;
	uint64_t idx = nr % l->sections_per_root;
	uint64_t root_ptr, base = 0;

	if (*err || nr >= l->nr_mem_sections)
		return 0;
	if (!l->extreme)
		return l->mem_section + nr * l->ms_size;
	set_err(err, vr_program_read_uint(prog, l->mem_section, prog->ptr_size,
					  &root_ptr));
	if (*err || !root_ptr)
		return 0;
	set_err(err, vr_program_read_uint(prog, root_ptr + root * prog->ptr_size,
					  prog->ptr_size, &base));
	if (*err || !base)
		return 0;
	return base + idx * l->ms_size;
}

static uint64_t read_ptr(struct vr_program *prog, uint64_t addr,
			 struct vr_error **err)
{
	uint64_t v = 0;

	if (!*err)
		set_err(err, vr_program_read_uint(prog, addr, prog->ptr_size, &v));
	return *err ? 0 : v;
}

/*
 * pfn_to_online_page(): the address of the struct page of @pfn if its
 * section is online and (VMEMMAP) its subsection present, else 0.
 * ZONE_DEVICE pfns in an online section pass: their page->flags name
 * ZONE_DEVICE, which page_zone() tests then reject.
 */
static uint64_t online_page(struct vr_program *prog,
			    const struct sparse_layout *l, uint64_t pfn,
			    struct vr_error **err)
{
	uint64_t ms = nr_to_section(prog, l, pfn >> l->pfn_section_shift, err);
	uint64_t map, usage, sub, word;

	if (!ms)
		return 0;
	map = read_ptr(prog, ms + l->map_off, err);
	if (*err || !(map & SECTION_IS_ONLINE))
		return 0;
	if (l->vmemmap) {
		/* pfn_section_valid() */
		usage = read_ptr(prog, ms + l->usage_off, err);
		if (!usage)
			return 0;
		sub = (pfn & ((1ULL << l->pfn_section_shift) - 1)) >>
		      l->subsection_shift;
		word = read_ptr(prog, usage + l->subsection_off + sub / 64 * 8,
				err);
		if (!((word >> (sub % 64)) & 1))
			return 0;
	}
	/*
	 * __section_mem_map_addr(ms) + pfn: the section's map is stored
	 * minus its first pfn.
	 */
	return (map & l->map_mask) + pfn * l->page_size;
}

struct kobj pfn_to_online_page(struct vr_program *prog, uint64_t pfn)
{
	struct sparse_layout l;
	struct vr_error *err = sparse_layout(prog, &l);
	uint64_t page = err ? 0 : online_page(prog, &l, pfn, &err);

	if (page)
		return kobj_at(prog, "struct page", page);
	if (!err)
		err = vr_error_create(VR_ERR_NOT_FOUND, "pfn %#llx is not online",
				      (unsigned long long)pfn);
	return kobj_from_error(prog, err);
}

/*
 * include/linux/page-flags-layout.h: page->flags holds, from the top,
 * SECTIONS (SPARSEMEM without VMEMMAP only), NODES and ZONES.
 */
static unsigned int zones_shift(unsigned int max_nr_zones)
{
	if (max_nr_zones < 2)
		return 0;
	if (max_nr_zones <= 2)
		return 1;
	if (max_nr_zones <= 4)
		return 2;
	return 3;
}

/*
 * NODES_SHIFT: MAX_NUMNODES is the number of zonerefs of a zonelist
 * (MAX_NUMNODES * MAX_NR_ZONES + 1).
 */
static unsigned int nodes_shift(struct vr_program *prog)
{
	uint64_t refs = member_length(prog, "struct zonelist", "_zonerefs");
	unsigned int nr_zones = max_nr_zones(prog);

	if (!refs || !nr_zones)
		return 0;
	return ilog2((refs - 1) / nr_zones);
}

/* What counting a zone's pageblocks by migrate type needs, found once. */
struct pageblock_walk {
	struct sparse_layout l;
	unsigned int order;		/* pageblock_order */
	unsigned int nr_bits;		/* NR_PAGEBLOCK_BITS */
	uint64_t mt_mask;		/* MIGRATETYPE_MASK */
	unsigned int zones_pgshift, zones_width;
	unsigned int nodes_pgshift, nodes_width;
	uint64_t flags_off;		/* offsetof(struct page, flags) */
};

static struct vr_error *pageblock_walk(struct vr_program *prog,
				       struct pageblock_walk *w)
{
	struct vr_error *err = sparse_layout(prog, &w->l);
	unsigned int bits = prog->ptr_size * 8, sections_width;
	int64_t nr_bits, mt_end;

	if (err)
		return err;
	w->order = pageblock_order(prog, &err);
	/* enum pageblock_bits: PB_migrate .. PB_migrate_end, NR_PAGEBLOCK_BITS. */
	if (!err && (!mm_enum_value(prog, "enum pageblock_bits",
				    "NR_PAGEBLOCK_BITS", &nr_bits) ||
		     !mm_enum_value(prog, "enum pageblock_bits", "PB_migrate_end",
				    &mt_end) ||
		     nr_bits <= 0 || nr_bits > 64 || mt_end < 0 || mt_end > 8))
		err = vr_error_create(VR_ERR_NOT_FOUND, "no enum pageblock_bits");
	if (err)
		return err;
	w->nr_bits = (unsigned int)nr_bits;
	w->mt_mask = (1ULL << (mt_end + 1)) - 1;
	sections_width = w->l.vmemmap ? 0 : w->l.sections_shift;
	w->nodes_width = nodes_shift(prog);
	w->zones_width = zones_shift(max_nr_zones(prog));
	w->nodes_pgshift = bits - sections_width - w->nodes_width;
	w->zones_pgshift = w->nodes_pgshift - w->zones_width;
	w->flags_off = member_offset(prog, "struct page", "flags", &err);
	return err;
}

/* page_zone(page) == zone: the zone index and node id in page->flags. */
static bool page_zone_is(struct vr_program *prog,
			 const struct pageblock_walk *w, uint64_t page,
			 uint64_t zidx, uint64_t nid, struct vr_error **err)
{
	/* Where page->flags is a struct (memdesc_flags_t), .f is first. */
	uint64_t flags = read_ptr(prog, page + w->flags_off, err);
	uint64_t z = 0, n = 0;

	if (w->zones_width)
		z = (flags >> w->zones_pgshift) & ((1ULL << w->zones_width) - 1);
	if (w->nodes_width)
		n = (flags >> w->nodes_pgshift) & ((1ULL << w->nodes_width) - 1);
	return !*err && z == zidx && n == nid;
}

/* get_pfnblock_flags_mask(page, pfn, MIGRATETYPE_MASK) under SPARSEMEM. */
static unsigned int pfnblock_migratetype(struct vr_program *prog,
					 const struct pageblock_walk *w,
					 uint64_t pfn, struct vr_error **err)
{
	uint64_t ms = nr_to_section(prog, &w->l, pfn >> w->l.pfn_section_shift,
				    err);
	uint64_t usage = ms ? read_ptr(prog, ms + w->l.usage_off, err) : 0;
	uint64_t bitidx, word;

	if (!usage) {
		set_err(err, vr_error_create(VR_ERR_NOT_FOUND,
					     "no usemap for pfn %#llx",
					     (unsigned long long)pfn));
		return 0;
	}
	/* pfn_to_bitidx() */
	bitidx = ((pfn & ((1ULL << w->l.pfn_section_shift) - 1)) >> w->order) *
		 w->nr_bits;
	word = read_ptr(prog, usage + w->l.pageblock_flags_off + bitidx / 64 * 8,
			err);
	return (unsigned int)((word >> (bitidx % 64)) & w->mt_mask);
}

struct vr_error *zone_pageblock_counts(struct kobj zone, uint64_t *counts,
				       unsigned int nr_types)
{
	struct vr_program *prog = zone.prog;
	struct kobj pgdat = kobj_member(zone, "zone_pgdat");
	struct kobj zones = kobj_member(pgdat, "node_zones");
	uint64_t zsize = kobj_sizeof(prog, "struct zone");
	struct vr_error *err = NULL;
	struct pageblock_walk w;
	uint64_t start, end, nid, zidx;

	memset(counts, 0, nr_types * sizeof(*counts));
	err = pageblock_walk(prog, &w);
	start = mm_read_ulong(kobj_member(zone, "zone_start_pfn"), &err);
	end = start + mm_read_ulong(kobj_member(zone, "spanned_pages"), &err);
	nid = mm_read_ulong(kobj_member(pgdat, "node_id"), &err);
	if (err)
		return err;
	if (!kobj_ok(&zones) || !zsize)
		return kobj_ok(&zones) ? vr_error_create(VR_ERR_TYPE, "no struct zone") :
					 kobj_error(&zones);
	zidx = (kobj_addr(&zone) - kobj_addr(&zones)) / zsize;
	/* pagetypeinfo_showblockcount_print(): from zone_start_pfn, unaligned. */
	for (uint64_t pfn = start; pfn < end && !err; pfn += 1ULL << w.order) {
		uint64_t page = online_page(prog, &w.l, pfn, &err);
		unsigned int mt;

		if (!page || !page_zone_is(prog, &w, page, zidx, nid, &err))
			continue;
		mt = pfnblock_migratetype(prog, &w, pfn, &err);
		if (!err && mt < nr_types)
			counts[mt]++;
	}
	return err;
}

unsigned int migrate_types(struct vr_program *prog, struct vr_error **err)
{
	struct kobj names = kobj_var(prog, "migratetype_names");
	uint64_t n = array_length(&names);

	if (*err)
		return 0;
	if (!n) {
		set_err(err, kobj_ok(&names) ?
			vr_error_create(VR_ERR_TYPE, "migratetype_names[] has no length") :
			kobj_error(&names));
		return 0;
	}
	return (unsigned int)min(n, (uint64_t)VR_MAX_MIGRATE_TYPES);
}

struct vr_error *migratetype_name(struct vr_program *prog, unsigned int i,
				  char *buf, size_t size)
{
	return kobj_read_cstr(kobj_index(kobj_var(prog, "migratetype_names"), i),
			      buf, size);
}

/* Bytes read at a time when scanning the vmlinux's .rodata. */
#define RODATA_CHUNK (64 * 1024)

bool kernel_rodata_has(struct vr_program *prog, const char *needle)
{
	struct vr_symbol start, end;
	size_t len = strlen(needle), chunk = RODATA_CHUNK;
	bool found = false;
	uint64_t addr;
	char *buf;
	struct vr_error *err = vr_debuginfo_symbol(prog->dbg, "__start_rodata",
						   &start);

	if (!err)
		err = vr_debuginfo_symbol(prog->dbg, "__end_rodata", &end);
	if (err || !len || len > RODATA_CHUNK / 2) {
		vr_error_destroy(err);
		return false;
	}
	buf = malloc(RODATA_CHUNK);
	if (!buf)
		return false;
	/*
	 * .rodata comes first and holds the strings; the range also covers
	 * other sections, and a read may not cross one: halve the chunk at
	 * a boundary.  Chunks overlap by the needle's length.
	 */
	for (addr = start.addr; !found && addr < end.addr && chunk >= len;) {
		size_t n = min(chunk, (size_t)(end.addr - addr));

		err = vr_debuginfo_read(prog->dbg, addr, buf, n);
		if (err) {
			vr_error_destroy(err);
			chunk /= 2;
			continue;
		}
		found = memmem(buf, n, needle, len) != NULL;
		if (n < len)
			break;
		addr += n - len + 1;
	}
	free(buf);
	return found;
}

bool static_key_enabled(struct kobj key, struct vr_error **err)
{
	/* struct static_key_false / _true { struct static_key key; } */
	return mm_read_long(kobj_member(key, "key.enabled"), err) > 0;
}
