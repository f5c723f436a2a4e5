// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/vmallocinfo: mm/vmalloc.c s_show() (vmalloc_info_show() since
 * v6.9) and show_purge_info().  One line per busy vmap area:
 *
 *	0x<start>-0x<end> <size> <caller %pS> pages=N phys=0x.. ioremap
 *	vmalloc vmap user ... vpages N0=..
 *
 * then one "unpurged vm_area" line per lazily freed area.  Addresses are
 * %pK: hashed with the kernel's own key when kptr_restrict is 0 (as the
 * live file shows them), real when it is 1 (sos runs as root), zeros when
 * 2.
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/mm.h"
#include "vr/symbolize.h"
#include "vr/vmalloc.h"

/* include/linux/vmalloc.h vm_struct flags (unchanged since v5.8). */
#define VM_IOREMAP		0x00000001
#define VM_ALLOC		0x00000002
#define VM_MAP			0x00000004
#define VM_USERMAP		0x00000008
#define VM_DMA_COHERENT		0x00000010
#define VM_UNINITIALIZED	0x00000020
#define VM_SPARSE		0x00001000	/* v6.9+ */
/* mm/vmalloc.c vmap_area flags (v6.9+) */
#define VMAP_RAM		0x1

/*
 * Bound on the busy areas of one dump, kept twice (32 bytes each, in
 * list and in address order).  A machine has thousands: one per thread
 * stack (CONFIG_VMAP_STACK), per module, per ioremap(); 1M of them would
 * be a million threads.
 */
#define VMAP_AREAS_LIMIT (1UL << 20)

struct area {
	uint64_t va_start, va_end;
	uint64_t vm;		/* struct vm_struct *, 0 for vm_map_ram */
	uint64_t va_flags;
};

struct vmallocinfo {
	struct vr_program *prog;
	struct strbuf *out;
	struct symbolizer *sym;
	struct area *areas;
	size_t nr, cap;
	struct area *sorted;	/* by address, for is_vmalloc_addr() */
	struct vr_error *err;
	bool numa;
	struct nodemask_set high_memory;	/* node_states[N_HIGH_MEMORY] */
	unsigned int nr_memory_nodes, only_node;
	unsigned int *counters;
	bool va_flags;		/* v6.9+: struct vmap_area has flags */
	bool page_order;	/* CONFIG_HAVE_ARCH_HUGE_VMALLOC */
	bool sparse;		/* v6.9+: VM_SPARSE */
	bool skip_uninitialized;	/* v6.9+: not shown at all */
};

static bool collect(void *arg, struct kobj va)
{
	struct vmallocinfo *vi = arg;
	struct vr_error *err = NULL;
	struct area a;

	if (vi->nr == VMAP_AREAS_LIMIT) {
		vi->err = vr_error_create(VR_ERR_LIMIT, "more than %lu vmap areas",
					  VMAP_AREAS_LIMIT);
		return false;
	}
	a.va_start = mm_read_ulong(kobj_member(va, "va_start"), &err);
	a.va_end = mm_read_ulong(kobj_member(va, "va_end"), &err);
	a.vm = mm_read_ulong(kobj_member(va, "vm"), &err);
	a.va_flags = vi->va_flags ? mm_read_ulong(kobj_member(va, "flags"), &err) : 0;
	if (err) {
		vi->err = err;
		return false;
	}
	if (vi->nr == vi->cap) {
		size_t cap = vi->cap ? vi->cap * 2 : 256;
		struct area *n = realloc(vi->areas, cap * sizeof(*n));

		if (!n) {
			vi->err = &vr_enomem;
			return false;
		}
		vi->areas = n;
		vi->cap = cap;
	}
	vi->areas[vi->nr++] = a;
	return true;
}

static int area_cmp(const void *a, const void *b)
{
	const struct area *x = a, *y = b;

	return (x->va_start > y->va_start) - (x->va_start < y->va_start);
}

/*
 * is_vmalloc_addr(v->pages): an array of more than a page comes from
 * vmalloc, so it lies in one of the busy areas.
 */
static bool is_vmalloc_addr(const struct vmallocinfo *vi, uint64_t addr)
{
	size_t lo = 0, hi = vi->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vi->sorted[mid].va_start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr < vi->sorted[lo - 1].va_end;
}

static void print_range(struct vmallocinfo *vi, uint64_t start, uint64_t end,
			uint64_t size)
{
	strbuf_puts(vi->out, "0x");
	sprint_kptr(vi->sym, start, vi->out);
	strbuf_puts(vi->out, "-0x");
	sprint_kptr(vi->sym, end, vi->out);
	strbuf_printf(vi->out, " %7lld", (long long)size);
}

/* show_numa_info(): the pages per node with memory. */
static void show_numa_info(struct vmallocinfo *vi, uint64_t pages,
			   uint64_t nr_pages, unsigned int order)
{
	uint64_t step = 1ULL << order;

	if (!vi->numa || vi->err)
		return;
	for (unsigned int i = 0; i < vi->high_memory.max_numnodes; i++)
		vi->counters[i] = 0;
	for (uint64_t nr = 0; nr < nr_pages; nr += step) {
		unsigned int nid = vi->only_node;
		uint64_t page;

		/* One node with memory: every page is on it. */
		if (vi->nr_memory_nodes > 1) {
			vi->err = vr_program_read_uint(vi->prog,
						       pages + nr * vi->prog->ptr_size,
						       vi->prog->ptr_size, &page);
			if (!vi->err)
				vi->err = page_to_nid(vi->prog, page, &nid);
			if (vi->err)
				return;
		}
		if (nid < vi->high_memory.max_numnodes)
			vi->counters[nid] += (unsigned int)step;
	}
	for (unsigned int i = 0; i < vi->high_memory.max_numnodes; i++)
		if (node_isset(i, &vi->high_memory) && vi->counters[i])
			strbuf_printf(vi->out, " N%u=%u", i, vi->counters[i]);
}

static void show_vm(struct vmallocinfo *vi, const struct area *a)
{
	struct kobj v = kobj_at(vi->prog, "struct vm_struct", a->vm);
	struct vr_error *err = NULL;
	uint64_t addr = mm_read_ulong(kobj_member(v, "addr"), &err);
	uint64_t size = mm_read_ulong(kobj_member(v, "size"), &err);
	uint64_t flags = mm_read_ulong(kobj_member(v, "flags"), &err);
	uint64_t caller = mm_read_ulong(kobj_member(v, "caller"), &err);
	uint64_t nr_pages = mm_read_ulong(kobj_member(v, "nr_pages"), &err);
	uint64_t pages = mm_read_ulong(kobj_member(v, "pages"), &err);
	uint64_t phys = mm_read_ulong(kobj_member(v, "phys_addr"), &err);
	uint64_t order = vi->page_order ?
			 mm_read_ulong(kobj_member(v, "page_order"), &err) : 0;

	if (err) {
		vi->err = vr_error_wrap(err, "vm_struct at 0x%llx",
					(unsigned long long)a->vm);
		return;
	}
	if (vi->skip_uninitialized && (flags & VM_UNINITIALIZED))
		return;
	print_range(vi, addr, addr + size, size);
	if (caller) {
		strbuf_putc(vi->out, ' ');
		sprint_symbol(vi->sym, caller, vi->out);
	}
	if (nr_pages)
		strbuf_printf(vi->out, " pages=%d", (int)nr_pages);
	/* %pa: the phys_addr_t, zero-padded to its width. */
	if (phys)
		strbuf_printf(vi->out, " phys=0x%0*llx",
			      (int)kobj_sizeof(vi->prog, "phys_addr_t") * 2,
			      (unsigned long long)phys);
	if (flags & VM_IOREMAP)
		strbuf_puts(vi->out, " ioremap");
	if (vi->sparse && (flags & VM_SPARSE))
		strbuf_puts(vi->out, " sparse");
	if (flags & VM_ALLOC)
		strbuf_puts(vi->out, " vmalloc");
	if (flags & VM_MAP)
		strbuf_puts(vi->out, " vmap");
	if (flags & VM_USERMAP)
		strbuf_puts(vi->out, " user");
	if (flags & VM_DMA_COHERENT)
		strbuf_puts(vi->out, " dma-coherent");
	if (is_vmalloc_addr(vi, pages))
		strbuf_puts(vi->out, " vpages");
	if (!(flags & VM_UNINITIALIZED))
		show_numa_info(vi, pages, nr_pages, (unsigned int)order);
	strbuf_putc(vi->out, '\n');
}

static void show_area(struct vmallocinfo *vi, const struct area *a)
{
	if (!a->vm) {
		/* v6.9+: a !vm area is shown only if it is vm_map_ram's. */
		if (!vi->va_flags || (a->va_flags & VMAP_RAM)) {
			print_range(vi, a->va_start, a->va_end,
				    a->va_end - a->va_start);
			strbuf_puts(vi->out, " vm_map_ram\n");
		}
		return;
	}
	show_vm(vi, a);
}

static bool show_purged(void *arg, struct kobj va)
{
	struct vmallocinfo *vi = arg;
	struct vr_error *err = NULL;
	uint64_t start = mm_read_ulong(kobj_member(va, "va_start"), &err);
	uint64_t end = mm_read_ulong(kobj_member(va, "va_end"), &err);

	if (err) {
		vi->err = err;
		return false;
	}
	print_range(vi, start, end, end - start);
	strbuf_puts(vi->out, " unpurged vm_area\n");
	return true;
}

static struct vr_error *setup(struct vmallocinfo *vi)
{
	struct vr_program *prog = vi->prog;
	struct vr_error *err;

	vi->va_flags = kobj_has_member(prog, "struct vmap_area", "flags");
	vi->page_order = kobj_has_member(prog, "struct vm_struct", "page_order");
	/* VM_SPARSE came with vm_area_map_pages() in v6.9. */
	vi->sparse = kobj_has_symbol(prog, "vm_area_map_pages");
	vi->skip_uninitialized = kobj_has_symbol(prog, "vmap_nodes");
	/* CONFIG_NUMA: the kernel counts the pages of each area per node. */
	vi->numa = kobj_has_symbol(prog, "node_data");
	if (!vi->numa)
		return NULL;
	err = node_states(prog, "N_HIGH_MEMORY", &vi->high_memory);
	if (err)
		return err;
	for (unsigned int i = 0; i < vi->high_memory.max_numnodes; i++) {
		if (node_isset(i, &vi->high_memory)) {
			if (!vi->nr_memory_nodes++)
				vi->only_node = i;
		}
	}
	vi->counters = calloc(vi->high_memory.max_numnodes + 1,
			      sizeof(*vi->counters));
	return vi->counters ? NULL : &vr_enomem;
}

static struct vr_error *emit_vmallocinfo(struct emit_ctx *ctx)
{
	struct vmallocinfo vi = { .prog = ctx->prog, .out = &ctx->out };
	struct vr_error *err = vr_program_symbolizer(ctx->prog, &vi.sym);

	if (!err)
		err = setup(&vi);
	if (!err)
		err = for_each_vmap_area(ctx->prog, collect, &vi);
	if (!err)
		err = vi.err;
	if (!err && vi.nr) {
		vi.sorted = malloc(vi.nr * sizeof(*vi.sorted));
		if (!vi.sorted)
			err = &vr_enomem;
	}
	if (!err && vi.nr) {
		for (size_t i = 0; i < vi.nr; i++)
			vi.sorted[i] = vi.areas[i];
		if (vi.nr)
			qsort(vi.sorted, vi.nr, sizeof(*vi.sorted), area_cmp);
	}
	for (size_t i = 0; !err && i < vi.nr; i++) {
		show_area(&vi, &vi.areas[i]);
		err = vi.err;
	}
	/* Before v6.9 the unpurged areas follow the last busy one only. */
	if (!err && (vi.nr || vi.skip_uninitialized))
		err = for_each_lazy_vmap_area(ctx->prog, show_purged, &vi);
	if (!err)
		err = vi.err;
	if (!err && symbolizer_ptr_problem(vi.sym))
		strbuf_printf(&ctx->out, "# vmcore-report: partial - %s\n",
			      symbolizer_ptr_problem(vi.sym));
	free(vi.areas);
	free(vi.sorted);
	free(vi.counters);
	return err;
}

static const struct emitter proc_vmallocinfo = {
	.path = "proc/vmallocinfo",
	.emit = emit_vmallocinfo,
};
EMITTER(proc_vmallocinfo);
