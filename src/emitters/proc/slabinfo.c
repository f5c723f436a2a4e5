// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/slabinfo: mm/slab_common.c slab_show() and cache_show() with
 * SLUB's get_slabinfo(): the version 2.1 header, then one line per cache
 * of slab_caches in list order.  SLUB has no tunables and no shared
 * arrays, so those columns are 0.
 */
#include "vr/emitter.h"
#include "vr/slab.h"

static void print_slabinfo_header(struct strbuf *out)
{
	strbuf_puts(out, "slabinfo - version: 2.1\n");
	strbuf_puts(out, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
	strbuf_puts(out, " : tunables <limit> <batchcount> <sharedfactor>");
	strbuf_puts(out, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
	strbuf_putc(out, '\n');
}

static struct vr_error *cache_show(struct strbuf *out, struct kobj s)
{
	char name[256];
	struct slabinfo sinfo;
	uint64_t size;
	struct vr_error *err;

	err = kobj_read_cstr(kobj_member(s, "name"), name, sizeof(name));
	if (!err)
		err = kobj_read_u64(kobj_member(s, "size"), &size);
	if (!err)
		err = get_slabinfo(s, &sinfo);
	if (err)
		return vr_error_wrap(err, "cache at 0x%llx",
				     (unsigned long long)kobj_addr(&s));
	strbuf_printf(out, "%-17s %6llu %6llu %6u %4u %4d", name,
		      (unsigned long long)sinfo.active_objs,
		      (unsigned long long)sinfo.num_objs, (unsigned int)size,
		      sinfo.objects_per_slab, 1 << sinfo.cache_order);
	strbuf_printf(out, " : tunables %4u %4u %4u", sinfo.limit,
		      sinfo.batchcount, sinfo.shared);
	strbuf_printf(out, " : slabdata %6llu %6llu %6llu",
		      (unsigned long long)sinfo.active_slabs,
		      (unsigned long long)sinfo.num_slabs,
		      (unsigned long long)sinfo.shared_avail);
	strbuf_putc(out, '\n');
	return NULL;
}

static struct vr_error *emit_slabinfo(struct emit_ctx *ctx)
{
	struct list_iter it;
	struct kobj s;

	if (!kobj_has_symbol(ctx->prog, "slab_caches"))
		return emit_stub(ctx, "the kernel has no slab_caches (SLOB)");
	if (!slab_is_slub(ctx->prog))
		return emit_stub(ctx, "the SLAB allocator (before v6.8) is not read yet");
	print_slabinfo_header(&ctx->out);
	for_each_slab_cache(&it, s, ctx->prog) {
		struct vr_error *err = cache_show(&ctx->out, s);

		if (err)
			return err;
	}
	return it.err;
}

static const struct emitter proc_slabinfo = {
	.path = "proc/slabinfo",
	.emit = emit_slabinfo,
};
EMITTER(proc_slabinfo);
