// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/pagetypeinfo: mm/vmstat.c pagetypeinfo_show() for every online
 * node with memory: the pageblock size, the free blocks of each order and
 * migrate type (counted on the free lists, capped at 100000 as the kernel
 * does), and the pageblocks of each migrate type.  The type names are the
 * kernel's migratetype_names[].
 */
#include "vr/emitter.h"
#include "vr/list.h"
#include "vr/mm.h"

#define ZONE_NAME_LEN 32
#define MIGRATETYPE_NAME_LEN 32
/* pagetypeinfo_showfree_print() stops counting a free list here. */
#define FREE_LIST_CAP 100000

struct pagetypeinfo {
	struct vr_program *prog;
	struct strbuf *out;
	unsigned int nr_types;
	unsigned int orders;
	char names[VR_MAX_MIGRATE_TYPES][MIGRATETYPE_NAME_LEN];
	struct vr_error *err;
};

/* The length of a free list, up to FREE_LIST_CAP (then *overflow). */
static uint64_t free_list_count(struct pagetypeinfo *p, struct kobj list,
				bool *overflow)
{
	struct list_iter it;
	struct kobj page;
	uint64_t n = 0;

	*overflow = false;
	if (!kobj_ok(&list)) {
		p->err = kobj_error(&list);
		return 0;
	}
	/* Buddy pages are linked by page->lru (or its alias buddy_list). */
	list_for_each_entry(&it, page, p->prog, kobj_addr(&list), "struct page",
			    "lru") {
		if (++n >= FREE_LIST_CAP) {
			*overflow = true;
			return n;
		}
	}
	p->err = it.err;
	return n;
}

static void showfree_print(struct pagetypeinfo *p, uint64_t nid,
			   struct kobj zone, const char *zname)
{
	struct kobj area = kobj_member(zone, "free_area");

	for (unsigned int mt = 0; mt < p->nr_types && !p->err; mt++) {
		strbuf_printf(p->out, "Node %4llu, zone %8s, type %12s ",
			      (unsigned long long)nid, zname, p->names[mt]);
		for (unsigned int order = 0; order < p->orders && !p->err; order++) {
			struct kobj list = kobj_index(kobj_member(kobj_index(area, order),
								  "free_list"), mt);
			bool overflow;
			uint64_t n = free_list_count(p, list, &overflow);

			strbuf_printf(p->out, "%s%6llu ", overflow ? ">" : "",
				      (unsigned long long)n);
		}
		strbuf_putc(p->out, '\n');
	}
}

static void blockcount_print(struct pagetypeinfo *p, uint64_t nid,
			     struct kobj zone, const char *zname)
{
	uint64_t count[VR_MAX_MIGRATE_TYPES];

	p->err = zone_pageblock_counts(zone, count, p->nr_types);
	if (p->err)
		return;
	strbuf_printf(p->out, "Node %llu, zone %8s ", (unsigned long long)nid,
		      zname);
	for (unsigned int mt = 0; mt < p->nr_types; mt++)
		strbuf_printf(p->out, "%12llu ", (unsigned long long)count[mt]);
	strbuf_putc(p->out, '\n');
}

/* walk_zones_in_node(..., assert_populated = true, ...) */
static void walk_zones(struct pagetypeinfo *p, struct kobj pgdat,
		       void (*print)(struct pagetypeinfo *, uint64_t,
				     struct kobj, const char *))
{
	unsigned int nr_zones = max_nr_zones(p->prog);
	uint64_t nid = mm_read_ulong(kobj_member(pgdat, "node_id"), &p->err);

	for (unsigned int i = 0; i < nr_zones && !p->err; i++) {
		struct kobj zone = pgdat_zone(pgdat, i);
		char zname[ZONE_NAME_LEN];

		if (!populated_zone(zone, &p->err))
			continue;
		p->err = zone_name(zone, zname, sizeof(zname));
		if (!p->err)
			print(p, nid, zone, zname);
	}
}

/*
 * pagetypeinfo_showmixedcount(): CONFIG_PAGE_OWNER with page_owner=on
 * only; it needs every page's owner record, which we do not read.
 */
static void showmixedcount(struct pagetypeinfo *p, bool *partial)
{
	struct kobj key = kobj_var(p->prog, "page_owner_inited");

	if (!kobj_ok(&key))
		return;
	if (static_key_enabled(key, &p->err))
		*partial = true;
}

static void pagetypeinfo_show(struct pagetypeinfo *p, struct kobj pgdat,
			      bool *partial)
{
	unsigned int order = pageblock_order(p->prog, &p->err);

	if (p->err)
		return;
	strbuf_printf(p->out, "Page block order: %u\n", order);
	strbuf_printf(p->out, "Pages per block:  %llu\n", 1ULL << order);
	strbuf_putc(p->out, '\n');
	strbuf_printf(p->out, "%-43s ", "Free pages count per migrate type at order");
	for (unsigned int o = 0; o < p->orders; o++)
		strbuf_printf(p->out, "%6u ", o);
	strbuf_putc(p->out, '\n');
	walk_zones(p, pgdat, showfree_print);
	strbuf_printf(p->out, "\n%-23s", "Number of blocks type ");
	for (unsigned int mt = 0; mt < p->nr_types; mt++)
		strbuf_printf(p->out, "%12s ", p->names[mt]);
	strbuf_putc(p->out, '\n');
	walk_zones(p, pgdat, blockcount_print);
	showmixedcount(p, partial);
}

static struct vr_error *emit_pagetypeinfo(struct emit_ctx *ctx)
{
	struct pagetypeinfo p = {
		.prog = ctx->prog,
		.out = &ctx->out,
		.orders = nr_page_orders(ctx->prog),
	};
	struct nodemask_set memory;
	struct pgdat_iter it;
	struct kobj pgdat;
	bool partial = false;

	p.nr_types = migrate_types(ctx->prog, &p.err);
	for (unsigned int mt = 0; mt < p.nr_types && !p.err; mt++)
		p.err = migratetype_name(ctx->prog, mt, p.names[mt],
					 sizeof(p.names[mt]));
	if (!p.err)
		p.err = node_states(ctx->prog, "N_MEMORY", &memory);
	if (p.err)
		return p.err;
	for_each_online_pgdat(&it, pgdat, ctx->prog) {
		uint64_t nid = mm_read_ulong(kobj_member(pgdat, "node_id"), &p.err);

		/* A memoryless node prints nothing. */
		if (!p.err && node_isset((unsigned int)nid, &memory))
			pagetypeinfo_show(&p, pgdat, &partial);
		if (p.err)
			return p.err;
	}
	if (partial)
		strbuf_puts(&ctx->out, PARTIAL_PREFIX "the mixed "
			    "pageblock counts of page_owner are not read\n");
	return it.err;
}

static const struct emitter proc_pagetypeinfo = {
	.path = "proc/pagetypeinfo",
	.emit = emit_pagetypeinfo,
};
EMITTER(proc_pagetypeinfo);
