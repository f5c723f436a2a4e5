// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/zoneinfo: mm/vmstat.c zoneinfo_show_print() for every zone of
 * every online node, populated or not.  The first populated zone of a
 * node carries the node's stats; an unpopulated zone stops after its
 * watermarks and protection.
 */
#include "vr/emitter.h"
#include "vr/mm.h"

/* mm/internal.h: kswapd gives up on a node after this many failures. */
#define MAX_RECLAIM_RETRIES 16
/* zone->name: "DMA32", "Movable", "Device" */
#define ZONE_NAME_LEN 32
#define VMSTAT_NAME_LEN 64

struct zoneinfo {
	struct vr_program *prog;
	struct strbuf *out;
	struct vmstat_items items;
	bool print_promo;
	struct vr_error *err;
};

/* "\n      %-12s %lu" with the name of vmstat_text[@text]. */
static void stat_line(struct zoneinfo *z, unsigned int text, uint64_t value)
{
	char name[VMSTAT_NAME_LEN];

	if (z->err)
		return;
	z->err = vmstat_text(z->prog, text, name, sizeof(name));
	if (!z->err)
		strbuf_printf(z->out, "\n      %-12s %llu", name,
			      (unsigned long long)value);
}

static void node_stats(struct zoneinfo *z, struct kobj pgdat)
{
	unsigned int base = z->items.nr_zone + z->items.nr_numa;
	uint64_t thp = hpage_pmd_nr(z->prog);

	strbuf_puts(z->out, "\n  per-node stats");
	for (unsigned int i = 0; i < z->items.nr_node && !z->err; i++) {
		uint64_t pages = node_page_state_nr(pgdat, i, &z->err);

		if (vmstat_item_print_in_thp(z->prog, i))
			pages /= thp;
		stat_line(z, base + i, pages);
	}
}

static uint64_t zone_ulong(struct zoneinfo *z, struct kobj zone,
			   const char *member)
{
	return mm_read_ulong(kobj_member(zone, member), &z->err);
}

/* "\n<label><value>": the lines of zoneinfo_show_print()'s formats. */
static void show(struct zoneinfo *z, const char *label, int64_t value)
{
	strbuf_printf(z->out, "\n%s%lld", label, (long long)value);
}

static void protection(struct zoneinfo *z, struct kobj zone)
{
	struct kobj reserve = kobj_member(zone, "lowmem_reserve");
	const struct vr_type *t = vr_type_unqualified(reserve.type);

	if (!kobj_ok(&reserve)) {
		if (!z->err)
			z->err = kobj_error(&reserve);
		return;
	}
	strbuf_puts(z->out, "\n        protection: (");
	for (uint64_t i = 0; i < t->length && !z->err; i++)
		strbuf_printf(z->out, i ? ", %lld" : "%lld",
			      (long long)mm_read_long(kobj_index(reserve, i),
						      &z->err));
	strbuf_putc(z->out, ')');
}

static void watermarks(struct zoneinfo *z, struct kobj zone)
{
	int64_t v;
	unsigned int nr_free = mm_enum_item(z->prog, "enum zone_stat_item",
					    "NR_FREE_PAGES", &z->err);

	show(z, "  pages free     ", zone_page_state_nr(zone, nr_free, &z->err));
	show(z, "        boost    ", zone_ulong(z, zone, "watermark_boost"));
	show(z, "        min      ", zone_wmark_pages(zone, "WMARK_MIN", &z->err));
	show(z, "        low      ", zone_wmark_pages(zone, "WMARK_LOW", &z->err));
	show(z, "        high     ", zone_wmark_pages(zone, "WMARK_HIGH", &z->err));
	/*
	 * WMARK_PROMO exists since v6.1 (memory tiering), zoneinfo shows it
	 * in later kernels (v6.12, not v6.9): the kernel's own format string
	 * says whether this one does.
	 */
	if (z->print_promo &&
	    mm_enum_value(z->prog, "enum zone_watermarks", "WMARK_PROMO", &v))
		show(z, "        promo    ",
		     zone_wmark_pages(zone, "WMARK_PROMO", &z->err));
	show(z, "        spanned  ", zone_ulong(z, zone, "spanned_pages"));
	show(z, "        present  ", zone_ulong(z, zone, "present_pages"));
	show(z, "        managed  ", zone_managed_pages(zone, &z->err));
	/* zone_cma_pages(): zone->cma_pages with CONFIG_CMA, else 0. */
	show(z, "        cma      ",
	     kobj_has_member(z->prog, "struct zone", "cma_pages") ?
	     zone_ulong(z, zone, "cma_pages") : 0);
	protection(z, zone);
}

static void pagesets(struct zoneinfo *z, struct kobj zone)
{
	struct kobj pageset = kobj_member(zone, "per_cpu_pageset");
	struct kobj zonestats = kobj_member(zone, "per_cpu_zonestats");
	bool smp = kobj_has_symbol(z->prog, "__per_cpu_offset");
	struct cpumask_set online;
	unsigned int cpu;

	if (z->err)
		return;
	z->err = cpu_online_mask(z->prog, &online);
	strbuf_puts(z->out, "\n  pagesets");
	for_each_cpu(cpu, &online) {
		struct kobj pcp = per_cpu_ptr(pageset, cpu);
		struct kobj pzstats = per_cpu_ptr(zonestats, cpu);

		if (z->err)
			return;
		show(z, "    cpu: ", cpu);
		show(z, "              count: ",
		     mm_read_long(kobj_member(pcp, "count"), &z->err));
		show(z, "              high:  ",
		     mm_read_long(kobj_member(pcp, "high"), &z->err));
		show(z, "              batch: ",
		     mm_read_long(kobj_member(pcp, "batch"), &z->err));
		if (smp)
			show(z, "  vm stats threshold: ",
			     mm_read_long(kobj_member(pzstats, "stat_threshold"),
					  &z->err));
	}
}

static void zone_stats(struct zoneinfo *z, struct kobj pgdat, struct kobj zone)
{
	uint64_t failures, start;

	for (unsigned int i = 0; i < z->items.nr_zone && !z->err; i++)
		stat_line(z, i, zone_page_state_nr(zone, i, &z->err));
	/* CONFIG_NUMA: the zone's NUMA events after the per-CPU fold. */
	for (unsigned int i = 0; i < z->items.nr_numa && !z->err; i++)
		stat_line(z, z->items.nr_zone + i,
			  zone_numa_event_state_nr(zone, i, &z->err));
	pagesets(z, zone);
	failures = mm_read_ulong(kobj_member(pgdat, "kswapd_failures"), &z->err);
	start = mm_read_ulong(kobj_member(zone, "zone_start_pfn"), &z->err);
	strbuf_printf(z->out,
		      "\n  node_unreclaimable:  %u"
		      "\n  start_pfn:           %llu",
		      failures >= MAX_RECLAIM_RETRIES, (unsigned long long)start);
}

static void zoneinfo_show_print(struct zoneinfo *z, struct kobj pgdat,
				struct kobj zone, bool first_populated)
{
	char name[ZONE_NAME_LEN];
	uint64_t nid = mm_read_ulong(kobj_member(pgdat, "node_id"), &z->err);
	bool populated = populated_zone(zone, &z->err);

	if (!z->err)
		z->err = zone_name(zone, name, sizeof(name));
	if (z->err)
		return;
	strbuf_printf(z->out, "Node %llu, zone %8s", (unsigned long long)nid,
		      name);
	if (first_populated)
		node_stats(z, pgdat);
	watermarks(z, zone);
	if (populated)
		zone_stats(z, pgdat, zone);
	strbuf_putc(z->out, '\n');
}

static struct vr_error *emit_zoneinfo(struct emit_ctx *ctx)
{
	struct zoneinfo z = { .prog = ctx->prog, .out = &ctx->out };
	unsigned int nr_zones = max_nr_zones(ctx->prog);
	struct pgdat_iter it;
	struct kobj pgdat;

	z.print_promo = kernel_rodata_has(ctx->prog, "\n        promo    %lu");
	z.err = vmstat_items(ctx->prog, &z.items);
	if (z.err)
		return z.err;
	for_each_online_pgdat(&it, pgdat, ctx->prog) {
		bool seen_populated = false;

		for (unsigned int i = 0; i < nr_zones && !z.err; i++) {
			struct kobj zone = pgdat_zone(pgdat, i);
			bool populated = populated_zone(zone, &z.err);

			/* is_zone_first_populated() */
			zoneinfo_show_print(&z, pgdat, zone,
					    populated && !seen_populated);
			seen_populated |= populated;
		}
		if (z.err)
			return z.err;
	}
	return it.err;
}

static const struct emitter proc_zoneinfo = {
	.path = "proc/zoneinfo",
	.emit = emit_zoneinfo,
};
EMITTER(proc_zoneinfo);
