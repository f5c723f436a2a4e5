// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel helpers on every fixture: invariants the kernel itself keeps,
 * so a wrong offset, translation or walk shows up as a failure.
 */
#include "test.h"
#include "fixture_util.h"
#include "vr/kernel.h"
#include "vr/percpu.h"
#include "vr/tree.h"
#include "vr/irq.h"
#include "vr/mm.h"

/* Fixture guests have 2 vCPUs (shared/fixtures/README.md). */
#define FIXTURE_CPUS 2

static void check_percpu(struct vr_program *prog, const char *fx,
			 int *test_failed_)
{
	struct cpumask_set possible, online;
	unsigned int cpu;

	CHECK_OK(cpu_possible_mask(prog, &possible));
	CHECK_OK(cpu_online_mask(prog, &online));
	if (cpumask_weight(&online) != FIXTURE_CPUS)
		fprintf(stderr, "  %s: %u CPUs online\n", fx,
			cpumask_weight(&online));
	CHECK_EQ_U64(cpumask_weight(&online), FIXTURE_CPUS);
	/* kernel/sched/core.c sched_init(): rq->cpu = i for each CPU. */
	for_each_cpu(cpu, &possible) {
		struct kobj rq = per_cpu(kobj_var(prog, "runqueues"), cpu);
		uint64_t rq_cpu = ~0ULL;

		CHECK_OK(kobj_read_u64(kobj_member(rq, "cpu"), &rq_cpu));
		if (rq_cpu != cpu)
			fprintf(stderr, "  %s: runqueues[%u].cpu = %llu\n", fx,
				cpu, (unsigned long long)rq_cpu);
		CHECK_EQ_U64(rq_cpu, cpu);
	}
}

TEST(percpu_runqueues)
{
	int n = for_each_fixture("vmcore.kdump-zlib", check_percpu,
				 test_failed_);

	if (!n)
		printf("######## no fixture: percpu test SKIPPED ########\n");
}

static void check_tasks(struct vr_program *prog, const char *fx,
			int *test_failed_)
{
	uint64_t *pids = NULL;
	size_t n = 0;

	CHECK_OK(for_each_process_pids(prog, &pids, &n));
	/* init (pid 1) and kthreadd (pid 2) exist on every booted kernel. */
	if (n < 20 || pids[0] != 1 || pids[1] != 2)
		fprintf(stderr, "  %s: %zu processes\n", fx, n);
	CHECK(n >= 20 && pids[0] == 1 && pids[1] == 2);
	free(pids);
}

TEST(task_list)
{
	for_each_fixture("vmcore.kdump-zlib", check_tasks, test_failed_);
}

/* find_task() goes through the pid IDR; the task list must agree. */
static void check_find_task(struct vr_program *prog, const char *fx,
			    int *test_failed_)
{
	struct kobj tasks = kobj_member(kobj_var(prog, "init_task"), "tasks");
	struct list_iter it;
	struct kobj task;
	unsigned int n = 0, bad = 0;

	list_for_each_entry(&it, task, prog, kobj_addr(&tasks),
			    "struct task_struct", "tasks") {
		uint64_t pid;
		struct kobj found;

		CHECK_OK(kobj_read_u64(kobj_member(task, "pid"), &pid));
		found = find_task(prog, pid);
		n++;
		if (kobj_addr(&found) != kobj_addr(&task)) {
			bad++;
			fprintf(stderr, "  %s: pid %llu: %s\n", fx,
				(unsigned long long)pid,
				found.err ? found.errmsg : "another task");
		}
		/* Every task has a state letter /proc knows. */
		CHECK(strchr("RSDTtXZPI", task_state_to_char(task)) != NULL);
	}
	CHECK(it.err == NULL);
	CHECK(n >= 20);
	CHECK_EQ_U64(bad, 0);
}

TEST(find_task_by_pid)
{
	for_each_fixture("vmcore.kdump-zlib", check_find_task, test_failed_);
}

/* Maple tree (v6.1+): each VMA sits at [vm_start, vm_end - 1]. */
struct vma_check {
	struct vr_program *prog;
	const char *fx;
	unsigned long n, bad;
	uint64_t prev_last;
	uint64_t some_first, some_last, some_entry;	/* one VMA to look up */
};

static bool check_vma(void *arg, uint64_t first, uint64_t last,
		      uint64_t entry)
{
	struct vma_check *c = arg;
	struct kobj vma = kobj_at(c->prog, "struct vm_area_struct", entry);
	uint64_t start = 0, end = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(vma, "vm_start"), &start);

	if (!err)
		err = kobj_read_u64(kobj_member(vma, "vm_end"), &end);
	vr_error_destroy(err);
	if (err || start != first || end - 1 != last ||
	    (c->prev_last && first <= c->prev_last)) {
		c->bad++;
		fprintf(stderr, "  %s: VMA 0x%llx at [0x%llx, 0x%llx]\n", c->fx,
			(unsigned long long)entry, (unsigned long long)first,
			(unsigned long long)last);
	}
	c->prev_last = last;
	c->n++;
	c->some_first = first;
	c->some_last = last;
	c->some_entry = entry;
	return true;
}

static void check_maple_vmas(struct vr_program *prog, const char *fx,
			     int *test_failed_)
{
	struct vma_check c = { .prog = prog, .fx = fx };
	unsigned int tasks = 0;

	for (uint64_t pid = 1; pid < 200; pid++) {
		struct kobj mm = kobj_member(find_task(prog, pid), "mm");
		struct kobj mt = kobj_member(mm, "mm_mt");
		uint64_t map_count = 0, before = c.n;

		if (!kobj_ok(&mt))
			continue;	/* no such pid, or a kernel thread */
		tasks++;
		c.prev_last = 0;
		CHECK_OK(mt_for_each(prog, kobj_addr(&mt), check_vma, &c));
		CHECK_OK(kobj_read_u64(kobj_member(mm, "map_count"), &map_count));
		CHECK_EQ_U64(c.n - before, map_count);
		/* mtree_load() at either end of a VMA finds that VMA. */
		if (c.n > before) {
			uint64_t e1 = 0, e2 = 0;

			CHECK_OK(mtree_load(prog, kobj_addr(&mt), c.some_first, &e1));
			CHECK_OK(mtree_load(prog, kobj_addr(&mt), c.some_last, &e2));
			CHECK_EQ_U64(e1, c.some_entry);
			CHECK_EQ_U64(e2, c.some_entry);
		}
	}
	CHECK(tasks >= 3);
	CHECK_EQ_U64(c.bad, 0);
}

TEST(maple_tree_vmas)
{
	for_each_fixture("vmcore.kdump-zlib", check_maple_vmas, test_failed_);
}

/*
 * irq_to_desc() through the maple tree (v6.5+) or the radix tree (before):
 * every descriptor knows its own number (desc->irq_data.irq).
 */
static void check_irq_descs(struct vr_program *prog, const char *fx,
			    int *test_failed_)
{
	uint64_t nr = 0, found = 0, bad = 0;

	CHECK_OK(irq_get_nr_irqs(prog, &nr));
	for (uint64_t irq = 0; irq < nr && irq < 100000; irq++) {
		uint64_t desc = 0, self = ~0ULL;

		CHECK_OK(irq_to_desc(prog, irq, &desc));
		if (!desc)
			continue;
		found++;
		CHECK_OK(kobj_read_u64(kobj_member(kobj_at(prog, "struct irq_desc",
							   desc),
						   "irq_data.irq"), &self));
		if (self != irq) {
			bad++;
			fprintf(stderr, "  %s: irq %llu: desc says %llu\n", fx,
				(unsigned long long)irq, (unsigned long long)self);
		}
	}
	/* s390x has 3 (EXT, I/O, ...); the other architectures dozens. */
	if (found < 3)
		fprintf(stderr, "  %s: %llu of %llu IRQs have descriptors\n",
			fx, (unsigned long long)found, (unsigned long long)nr);
	CHECK(found >= 3);
	CHECK_EQ_U64(bad, 0);
}

TEST(irq_descriptors)
{
	for_each_fixture("vmcore.kdump-zlib", check_irq_descs, test_failed_);
}

/* mm/vmalloc.c free_vmap_area_root: areas in address order, disjoint. */
struct va_check {
	struct vr_program *prog;
	uint64_t rb_off, prev_end, n, bad;
};

static bool check_va(void *arg, uint64_t first, uint64_t last, uint64_t node)
{
	struct va_check *c = arg;
	struct kobj va = kobj_at(c->prog, "struct vmap_area", node - c->rb_off);
	uint64_t start = 0, end = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(va, "va_start"), &start);

	(void)first;
	(void)last;
	if (!err)
		err = kobj_read_u64(kobj_member(va, "va_end"), &end);
	if (err || start >= end || start < c->prev_end)
		c->bad++;
	vr_error_destroy(err);
	c->prev_end = end;
	c->n++;
	return true;
}

static void check_rbtree(struct vr_program *prog, const char *fx,
			 int *test_failed_)
{
	struct va_check c = { .prog = prog };
	struct kobj root = kobj_var(prog, "free_vmap_area_root");

	CHECK(kobj_offsetof(prog, "struct vmap_area", "rb_node", &c.rb_off));
	CHECK_OK(rbtree_for_each(prog, kobj_addr(&root), check_va, &c));
	if (c.bad || c.n < 2)
		fprintf(stderr, "  %s: %llu free vmap areas, %llu out of order\n",
			fx, (unsigned long long)c.n, (unsigned long long)c.bad);
	CHECK(c.n >= 2);
	CHECK_EQ_U64(c.bad, 0);
}

TEST(rbtree_vmap_areas)
{
	for_each_fixture("vmcore.kdump-zlib", check_rbtree, test_failed_);
}

/*
 * Zones and vmstat counters: what the kernel keeps equal.  The global
 * counters are the sums of the zones' and nodes' (both are updated
 * together when per-CPU deltas fold); totalram_pages is (about) the sum
 * of the zones' managed pages; a zone's buddy lists hold about NR_FREE_PAGES
 * (up to the per-CPU deltas not yet folded); its counted pageblocks cover
 * its present pages.
 */
struct mm_sums {
	uint64_t managed, zone_stat[64], node_stat[256];
	unsigned int zones, populated;
};

static void check_zone(struct vr_program *prog, const char *fx,
		       struct kobj zone, struct mm_sums *s,
		       const struct vmstat_items *items, int *test_failed_)
{
	struct vr_error *err = NULL;
	unsigned int orders = nr_page_orders(prog), order;
	unsigned int nr_free = mm_enum_item(prog, "enum zone_stat_item",
					    "NR_FREE_PAGES", &err);
	uint64_t buddy = 0, free, present, blocks = 0, counts[VR_MAX_MIGRATE_TYPES];
	unsigned int types = migrate_types(prog, &err);
	unsigned int pb_order = pageblock_order(prog, &err);
	struct cpumask_set online;

	s->zones++;
	s->managed += zone_managed_pages(zone, &err);
	for (unsigned int i = 0; i < items->nr_zone && i < 64; i++)
		s->zone_stat[i] += zone_page_state_nr(zone, i, &err);
	if (!populated_zone(zone, &err) || err) {
		CHECK_OK(err);
		return;
	}
	s->populated++;
	for (order = 0; order < orders; order++)
		buddy += mm_read_ulong(kobj_member(kobj_index(kobj_member(zone, "free_area"),
							      order), "nr_free"),
				       &err) << order;
	free = zone_page_state_nr(zone, nr_free, &err);
	present = mm_read_ulong(kobj_member(zone, "present_pages"), &err);
	CHECK_OK(err);
	CHECK_OK(cpu_online_mask(prog, &online));
	/* stat_threshold is at most 125 (calculate_normal_threshold()). */
	if (buddy > free + 125 * cpumask_weight(&online) ||
	    free > buddy + 125 * cpumask_weight(&online))
		fprintf(stderr, "  %s: buddy lists %llu pages, NR_FREE_PAGES %llu\n",
			fx, (unsigned long long)buddy, (unsigned long long)free);
	CHECK(buddy <= free + 125 * cpumask_weight(&online));
	CHECK(free <= buddy + 125 * cpumask_weight(&online));
	CHECK_OK(zone_pageblock_counts(zone, counts, types));
	for (unsigned int t = 0; t < types; t++)
		blocks += counts[t];
	if ((blocks << pb_order) < present)
		fprintf(stderr, "  %s: %llu pageblocks for %llu present pages\n",
			fx, (unsigned long long)blocks,
			(unsigned long long)present);
	CHECK((blocks << pb_order) >= present);
}

static void check_mm(struct vr_program *prog, const char *fx,
		     int *test_failed_)
{
	unsigned int nr_zones = max_nr_zones(prog);
	struct mm_sums s = { 0 };
	struct vmstat_items items;
	struct vr_error *err = NULL;
	struct pgdat_iter it;
	struct kobj pgdat;
	char name[64];
	uint64_t total;

	CHECK_OK(vmstat_items(prog, &items));
	CHECK(items.nr_zone <= 64 && items.nr_node <= 256);
	/* vmstat_text[] starts with the zone items. */
	CHECK_OK(vmstat_text(prog, 0, name, sizeof(name)));
	CHECK_STREQ(name, "nr_free_pages");
	for_each_online_pgdat(&it, pgdat, prog) {
		for (unsigned int z = 0; z < nr_zones; z++)
			check_zone(prog, fx, pgdat_zone(pgdat, z), &s, &items,
				   test_failed_);
		for (unsigned int i = 0; i < items.nr_node && i < 256; i++)
			s.node_stat[i] += node_page_state_nr(pgdat, i, &err);
	}
	CHECK_OK(it.err);
	CHECK(s.populated >= 1);
	/*
	 * The s390x guest's own /proc shows MemTotal 6 pages above the sum of
	 * its zoneinfo's managed pages: allow a few pages of such bookkeeping.
	 */
	total = totalram_pages(prog, &err);
	if (total < s.managed || total - s.managed > 16)
		fprintf(stderr, "  %s: managed %llu, totalram %llu\n", fx,
			(unsigned long long)s.managed, (unsigned long long)total);
	CHECK(total >= s.managed && total - s.managed <= 16);
	for (unsigned int i = 0; i < items.nr_zone && i < 64; i++)
		CHECK_EQ_U64(s.zone_stat[i], global_zone_page_state_nr(prog, i, &err));
	for (unsigned int i = 0; i < items.nr_node && i < 256; i++)
		CHECK_EQ_U64(s.node_stat[i], global_node_page_state_nr(prog, i, &err));
	/* Some memory is committed; pmd-sized THPs are 1 MiB (s390x) or 2 MiB. */
	CHECK(vm_memory_committed(prog, &err) > 0);
	CHECK(hpage_pmd_nr(prog) * prog->page_size == (1 << 20) ||
	      hpage_pmd_nr(prog) * prog->page_size == (2 << 20));
	CHECK_OK(err);
}

TEST(mm_zones_and_vmstat)
{
	for_each_fixture("vmcore.kdump-zlib", check_mm, test_failed_);
}

TEST_MAIN(T(percpu_runqueues), T(task_list), T(find_task_by_pid),
	  T(maple_tree_vmas), T(irq_descriptors), T(rbtree_vmap_areas),
	  T(mm_zones_and_vmstat))
