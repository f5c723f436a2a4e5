// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/vmstat: mm/vmstat.c vmstat_start() and vmstat_show().  The
 * values, in the order of vmstat_text[]: zone stats, NUMA events (after
 * fold_vm_numa_events()), node stats (THP counts in huge pages), the
 * writeback thresholds (and, v6.11+, the memmap counters), then the
 * per-CPU vm events summed over the online CPUs, and last the deprecated
 * "nr_unstable 0".  The names are the kernel's own vmstat_text[].
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/mm.h"
#include "vr/util.h"

/* Longest vmstat_text[] entry, with room to spare. */
#define VMSTAT_NAME_LEN 64

static void zone_and_node_stats(struct vr_program *prog,
				const struct vmstat_items *n, uint64_t *v,
				struct vr_error **err)
{
	uint64_t thp = hpage_pmd_nr(prog);

	for (unsigned int i = 0; i < n->nr_zone && !*err; i++)
		*v++ = global_zone_page_state_nr(prog, i, err);
	for (unsigned int i = 0; i < n->nr_numa && !*err; i++)
		*v++ = global_numa_event_state_nr(prog, i, err);
	for (unsigned int i = 0; i < n->nr_node && !*err; i++) {
		*v = global_node_page_state_nr(prog, i, err);
		if (vmstat_item_print_in_thp(prog, i))
			*v /= thp;
		v++;
	}
}

/* enum vm_stat_item (v6.11; writeback_stat_item before): thresholds, memmap. */
static void vm_stats(struct vr_program *prog, const struct vmstat_items *n,
		     uint64_t *v, struct vr_error **err)
{
	const char *type = "enum vm_stat_item";
	unsigned int bg, dirty;
	int64_t memmap, boot;

	if (!mm_enum_value(prog, type, "NR_VM_STAT_ITEMS", &memmap))
		type = "enum writeback_stat_item";
	bg = mm_enum_item(prog, type, "NR_DIRTY_BG_THRESHOLD", err);
	dirty = mm_enum_item(prog, type, "NR_DIRTY_THRESHOLD", err);
	if (*err || bg >= n->nr_stat || dirty >= n->nr_stat)
		return;
	global_dirty_limits(prog, &v[bg], &v[dirty], err);
	if (mm_enum_value(prog, type, "NR_MEMMAP_PAGES", &memmap) &&
	    mm_enum_value(prog, type, "NR_MEMMAP_BOOT_PAGES", &boot) &&
	    memmap >= 0 && boot >= 0 && (unsigned int)memmap < n->nr_stat &&
	    (unsigned int)boot < n->nr_stat) {
		v[memmap] = mm_read_ulong(kobj_var(prog, "nr_memmap_pages"), err);
		v[boot] = mm_read_ulong(kobj_var(prog, "nr_memmap_boot_pages"),
					err);
	}
}

/* all_vm_events(): sum_vm_events() over the online CPUs. */
static void all_vm_events(struct vr_program *prog, unsigned int nr_event,
			  uint64_t *v, struct vr_error **err)
{
	struct kobj states = kobj_var(prog, "vm_event_states");
	struct cpumask_set online;
	unsigned int cpu;
	int64_t in, out;

	if (*err || !nr_event)
		return;
	*err = cpu_online_mask(prog, &online);
	for_each_cpu(cpu, &online) {
		struct kobj event = kobj_member(per_cpu(states, cpu), "event");

		for (unsigned int i = 0; i < nr_event && !*err; i++)
			v[i] += mm_read_ulong(kobj_index(event, i), err);
		if (*err)
			return;
	}
	/* PGPGIN and PGPGOUT count sectors; /proc/vmstat shows kbytes. */
	if (mm_enum_value(prog, "enum vm_event_item", "PGPGIN", &in) &&
	    mm_enum_value(prog, "enum vm_event_item", "PGPGOUT", &out) &&
	    in >= 0 && out >= 0 && (unsigned int)in < nr_event &&
	    (unsigned int)out < nr_event) {
		v[in] /= 2;
		v[out] /= 2;
	}
}

static struct vr_error *emit_vmstat(struct emit_ctx *ctx)
{
	struct vmstat_items n;
	struct vr_error *err = vmstat_items(ctx->prog, &n);
	size_t total, off;
	uint64_t *v;

	if (err)
		return err;
	/* Each count is bounded (vmstat_items()): the sum cannot wrap. */
	total = (size_t)n.nr_zone + n.nr_numa + n.nr_node + n.nr_stat +
		n.nr_event;
	v = xcalloc_array(total, sizeof(*v));
	if (!v)
		return &vr_enomem;
	zone_and_node_stats(ctx->prog, &n, v, &err);
	off = (size_t)n.nr_zone + n.nr_numa + n.nr_node;
	vm_stats(ctx->prog, &n, v + off, &err);
	off += n.nr_stat;
	all_vm_events(ctx->prog, n.nr_event, v + off, &err);
	for (size_t i = 0; i < total && !err; i++) {
		char name[VMSTAT_NAME_LEN];

		err = vmstat_text(ctx->prog, i, name, sizeof(name));
		if (!err)
			strbuf_printf(&ctx->out, "%s %llu\n", name,
				      (unsigned long long)v[i]);
	}
	free(v);
	if (err)
		return err;
	/* Deprecated counters kept for userspace (v5.8+: nr_unstable). */
	strbuf_puts(&ctx->out, "nr_unstable 0\n");
	return NULL;
}

static const struct emitter proc_vmstat = {
	.path = "proc/vmstat",
	.emit = emit_vmstat,
};
EMITTER(proc_vmstat);
