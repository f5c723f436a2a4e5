// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/buddyinfo: mm/vmstat.c frag_show_print(), the free blocks of
 * each order (zone->free_area[order].nr_free) of every populated zone of
 * every online node.
 */
#include "vr/emitter.h"
#include "vr/mm.h"

#define ZONE_NAME_LEN 32

static struct vr_error *frag_show_print(struct strbuf *out, struct kobj pgdat,
					struct kobj zone)
{
	struct vr_error *err = NULL;
	struct kobj area = kobj_member(zone, "free_area");
	unsigned int orders = nr_page_orders(zone.prog);
	uint64_t nid = mm_read_ulong(kobj_member(pgdat, "node_id"), &err);
	char name[ZONE_NAME_LEN];

	if (!err)
		err = zone_name(zone, name, sizeof(name));
	if (err)
		return err;
	strbuf_printf(out, "Node %llu, zone %8s ", (unsigned long long)nid,
		      name);
	for (unsigned int order = 0; order < orders && !err; order++)
		strbuf_printf(out, "%6llu ", (unsigned long long)
			      mm_read_ulong(kobj_member(kobj_index(area, order),
							"nr_free"), &err));
	strbuf_putc(out, '\n');
	return err;
}

static struct vr_error *emit_buddyinfo(struct emit_ctx *ctx)
{
	unsigned int nr_zones = max_nr_zones(ctx->prog);
	struct vr_error *err = NULL;
	struct pgdat_iter it;
	struct kobj pgdat;

	for_each_online_pgdat(&it, pgdat, ctx->prog) {
		for (unsigned int i = 0; i < nr_zones && !err; i++) {
			struct kobj zone = pgdat_zone(pgdat, i);

			if (populated_zone(zone, &err))
				err = frag_show_print(&ctx->out, pgdat, zone);
		}
		if (err)
			return err;
	}
	return it.err;
}

static const struct emitter proc_buddyinfo = {
	.path = "proc/buddyinfo",
	.emit = emit_buddyinfo,
};
EMITTER(proc_buddyinfo);
