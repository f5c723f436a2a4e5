// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cross-check of our kernel address translation against libkdumpfile
 * (issue #4).  One dump is opened twice: by vr_program_open() and by
 * libkdumpfile.  Kernel virtual addresses taken from the vmlinux's symbols
 * and from pointers followed in the dump are translated by both sides (ours:
 * vr_program_virt_to_phys(); libkdumpfile: libaddrxlat's kernel map, which
 * may use linear mappings, and its walk of the hardware page tables where
 * it has one) and a few bytes are read at each.
 *
 * libkdumpfile is a test-only second backend, never a dependency of
 * vmcore-report: only this program links it.
 *
 *	xcheck_libkdumpfile [-n MAX] [-q|-v] [-s SIBLING] VMCORE VMLINUX
 *	xcheck_libkdumpfile -w VADDR [-s SIBLING] VMCORE VMLINUX
 *
 * -n: at most MAX .data/.bss symbols (default 2000); -q: only the
 * summary; -v: show the unreadable and untranslatable addresses too;
 * -w: both translations of one address, level by level, and what both
 * physical readers find there.
 * -s: libkdumpfile opens SIBLING, another dump of the same memory image
 * (the same capture in a format it reads), and we open VMCORE.
 *
 * libkdumpfile's bytes are read at the physical address it translated to,
 * so that the bytes compared are those of the translations compared.  A
 * page that one side reports as filtered out of the dump and the other
 * reads as zeros (an ELF segment's memsz beyond filesz) counts as
 * unreadable on both.  Where libkdumpfile translates to an address that
 * is no memory of the dump and we do not (libkdumpfile 0.5 takes ppc64's
 * vmalloc and I/O regions for the linear map), it counts as "lkf-bogus",
 * shown but not a failure.
 *
 * The last line is "RESULT ..." with the counts.  Exit status: 0 when every
 * address agrees, 1 when some do not, 2 for bad usage, 3 when we cannot
 * open the dump, 77 when libkdumpfile cannot (the reason is printed).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "vr/kernel.h"
#include "vr/list.h"
#include "vr/object.h"
#include "vr/program.h"
#include "vr/util.h"

#define EXIT_DIFFER	1
#define EXIT_USAGE	2
#define EXIT_OURS	3
#define EXIT_SKIP	77

#define READ_LEN	16	/* bytes compared per address */
#define MAX_SHOWN	10	/* disagreements printed in full, per kind */
#define MAX_TASKS	300
#define MAX_VMAP	300
#define MAX_PAGES	400
#define MAX_PERCPU_SYMS	40
#define MAX_CPUS	16
#define MAX_IMAGE_SYMS	300

enum kind {
	K_DATA,		/* .data and .bss objects of the vmlinux */
	K_IMAGE,	/* text and rodata */
	K_PERCPU,	/* per-CPU objects, every possible CPU */
	K_TASK,		/* task_structs on init_task.tasks */
	K_STACK,	/* their kernel stacks */
	K_MM,		/* their mm_structs and page global directories */
	K_MODULE,	/* struct module and module memory */
	K_VMALLOC,	/* vmap_area_list areas (until v6.9) */
	K_PAGE,		/* struct pages on the buddy free lists */
	K_INVALID,	/* list poison, addresses beyond the kernel's VA range */
	NR_KINDS
};

static const char *const kind_names[NR_KINDS] = {
	"data/bss", "text/ro", "percpu", "task", "stack", "mm", "module",
	"vmalloc", "vmemmap", "invalid",
};

enum outcome {
	O_AGREE,	/* same physical address, same bytes */
	O_UNREAD,	/* same physical address, neither side can read it */
	O_BOTH_FAULT,	/* neither side translates it */
	O_DIFFER,	/* physical addresses or bytes differ */
	O_OURS_FAULT,	/* only libkdumpfile translates it */
	O_LKF_FAULT,	/* only we translate it */
	O_LKF_BOGUS,	/* libkdumpfile's address is no memory of the dump */
	NR_OUTCOMES
};

static const char *const outcome_names[NR_OUTCOMES] = {
	"agree", "unread", "bothfault", "DIFFER", "ours-fault", "lkf-fault",
	"lkf-bogus",
};

struct sample {
	uint64_t vaddr;
	unsigned int len;
	enum kind kind;
};

struct xcheck {
	const char *vmcore;
	const char *lkf_path;	/* the dump libkdumpfile opens */
	struct vr_program *prog;
	kdump_ctx_t *ctx;
	addrxlat_ctx_t *axctx;
	addrxlat_sys_t *axsys;
	int fd;
	bool quiet;
	bool verbose;		/* show unreadable and untranslatable ones too */
	char lkf_notes[256];
	struct sample *samples;
	size_t nr_samples, cap_samples;
	unsigned long counts[NR_KINDS][NR_OUTCOMES];
	unsigned long hw_walks;		/* libkdumpfile page-table walks compared */
	unsigned long shown[NR_OUTCOMES];	/* printed in full, per outcome */
};

/* One side's view of an address. */
struct side {
	bool xlat_ok, read_ok;
	enum vr_errcode read_err;	/* ours: why the read failed */
	bool hw_ok;			/* libkdumpfile: hardware walk done */
	uint64_t hw_paddr;		/* and where it leads */
	uint64_t paddr;
	uint8_t bytes[READ_LEN];
	char err[160];
};

static void note(struct xcheck *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct xcheck *x, const char *fmt, ...)
{
	va_list ap;

	if (x->quiet)
		return;
	va_start(ap, fmt);
	fputs("  note: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

/* Consume @err; true if there was none. */
static bool ok(struct vr_error *err)
{
	vr_error_destroy(err);
	return !err;
}

static void add(struct xcheck *x, uint64_t vaddr, uint64_t len,
		enum kind kind)
{
	struct sample *s;

	if (x->nr_samples == x->cap_samples) {
		size_t cap = x->cap_samples ? 2 * x->cap_samples : 1024;

		s = realloc(x->samples, cap * sizeof(*s));
		if (!s)
			return;
		x->samples = s;
		x->cap_samples = cap;
	}
	s = &x->samples[x->nr_samples++];
	s->vaddr = vaddr;
	s->len = len == 0 || len > READ_LEN ? READ_LEN : (unsigned int)len;
	s->kind = kind;
}

/* ---- addresses from the vmlinux's symbol table ---- */

struct range {
	uint64_t start, end;	/* link-time addresses */
};

static bool symbol_range(struct xcheck *x, const char *start,
			 const char *end, struct range *r)
{
	struct vr_symbol s, e;

	if (!ok(vr_debuginfo_symbol(x->prog->dbg, start, &s)) ||
	    !ok(vr_debuginfo_symbol(x->prog->dbg, end, &e)) ||
	    e.addr <= s.addr) {
		note(x, "no %s..%s in the vmlinux", start, end);
		return false;
	}
	r->start = s.addr;
	r->end = e.addr;
	return true;
}

static bool in_ranges(const struct range *r, size_t nr, uint64_t addr)
{
	for (size_t i = 0; i < nr; i++)
		if (addr >= r[i].start && addr < r[i].end)
			return true;
	return false;
}

static bool symbol_wanted(const struct vr_symbol *s, const struct range *r,
			  size_t nr, bool objects)
{
	if (objects && (s->is_function || !s->size))
		return false;
	return in_ranges(r, nr, s->addr);
}

/*
 * Every k-th symbol in the ranges, k chosen for at most @max of them (a
 * deterministic sample).  Calls @fn for each.
 */
static void for_sampled_symbols(struct xcheck *x, const struct range *r,
				size_t nr, bool objects, size_t max,
				void (*fn)(struct xcheck *x,
					   const struct vr_symbol *s, void *arg),
				void *arg)
{
	size_t n = vr_debuginfo_nr_symbols(x->prog->dbg), count = 0, k, seen = 0;

	for (size_t i = 0; i < n; i++)
		count += symbol_wanted(vr_debuginfo_symbol_index(x->prog->dbg, i),
				       r, nr, objects);
	k = count > max ? (count + max - 1) / max : 1;
	for (size_t i = 0; i < n; i++) {
		const struct vr_symbol *s = vr_debuginfo_symbol_index(x->prog->dbg, i);

		if (symbol_wanted(s, r, nr, objects) && seen++ % k == 0)
			fn(x, s, arg);
	}
}

static void add_image_symbol(struct xcheck *x, const struct vr_symbol *s,
			     void *arg)
{
	enum kind kind = *(enum kind *)arg;
	uint64_t va = s->addr + x->prog->kaslr_offset;

	add(x, va, s->size, kind);
	/* The far end of a big object is on another page. */
	if (s->size > x->prog->page_size)
		add(x, va + s->size - READ_LEN, READ_LEN, kind);
}

static void add_image(struct xcheck *x, size_t max_data)
{
	struct range r[2];
	size_t nr = 0;
	enum kind kind;

	nr += symbol_range(x, "_sdata", "_edata", &r[nr]);
	nr += symbol_range(x, "__bss_start", "__bss_stop", &r[nr]);
	kind = K_DATA;
	for_sampled_symbols(x, r, nr, true, max_data, add_image_symbol, &kind);
	nr = symbol_range(x, "_stext", "__end_rodata", &r[0]);
	kind = K_IMAGE;
	for_sampled_symbols(x, r, nr, false, MAX_IMAGE_SYMS, add_image_symbol,
			    &kind);
}

struct percpu {
	uint64_t offsets[MAX_CPUS];
	unsigned int nr_cpus;
	bool zero_based;	/* x86_64: .data..percpu is linked at 0 */
};

static void add_percpu_symbol(struct xcheck *x, const struct vr_symbol *s,
			      void *arg)
{
	const struct percpu *pc = arg;
	uint64_t base = s->addr + (pc->zero_based ? 0 : x->prog->kaslr_offset);

	for (unsigned int cpu = 0; cpu < pc->nr_cpus; cpu++)
		add(x, base + pc->offsets[cpu], s->size, K_PERCPU);
}

static void add_percpu(struct xcheck *x)
{
	struct kobj offs = kobj_var(x->prog, "__per_cpu_offset");
	struct percpu pc = { 0 };
	uint64_t nr_cpu_ids;
	struct range r;

	if (!symbol_range(x, "__per_cpu_start", "__per_cpu_end", &r))
		return;
	if (!ok(kobj_read_u64(kobj_var(x->prog, "nr_cpu_ids"), &nr_cpu_ids)) ||
	    !kobj_ok(&offs)) {
		note(x, "no nr_cpu_ids or __per_cpu_offset: no per-CPU addresses");
		return;
	}
	pc.zero_based = r.start == 0;
	for (uint64_t cpu = 0; cpu < nr_cpu_ids && cpu < MAX_CPUS; cpu++) {
		if (!ok(kobj_read_u64(kobj_index(offs, cpu),
				      &pc.offsets[pc.nr_cpus])))
			break;
		pc.nr_cpus++;
	}
	for_sampled_symbols(x, &r, 1, true, MAX_PERCPU_SYMS, add_percpu_symbol,
			    &pc);
}

/* ---- addresses found by following pointers in the dump ---- */

static void add_pointer(struct xcheck *x, struct kobj o, uint64_t len,
			enum kind kind)
{
	uint64_t v;

	if (ok(kobj_read_u64(o, &v)) && v)
		add(x, v, len, kind);
}

/* THREAD_SIZE: union thread_union if DWARF has it, else init_stack's. */
static uint64_t stack_size(struct vr_program *prog)
{
	uint64_t size = kobj_sizeof(prog, "union thread_union");
	struct vr_symbol sym;

	if (!size && ok(vr_debuginfo_symbol(prog->dbg, "init_stack", &sym)))
		size = sym.size;
	return size;
}

static void add_tasks(struct xcheck *x)
{
	struct kobj tasks = kobj_member(kobj_var(x->prog, "init_task"), "tasks");
	uint64_t thread_size = stack_size(x->prog);
	struct list_iter it;
	struct kobj task;
	unsigned int n = 0;
	uint64_t stack, mm;

	list_for_each_entry(&it, task, x->prog, kobj_addr(&tasks),
			    "struct task_struct", "tasks") {
		add(x, kobj_addr(&task), READ_LEN, K_TASK);
		if (ok(kobj_read_u64(kobj_member(task, "stack"), &stack)) &&
		    stack) {
			add(x, stack, 8, K_STACK);
			if (thread_size > READ_LEN)
				add(x, stack + thread_size - READ_LEN, READ_LEN,
				    K_STACK);
		}
		if (ok(kobj_read_u64(kobj_member(task, "mm"), &mm)) && mm) {
			add(x, mm, READ_LEN, K_MM);
			add_pointer(x, kobj_member(task, "mm->pgd"), 8, K_MM);
		}
		if (++n == MAX_TASKS)
			break;
	}
	if (it.err) {
		note(x, "init_task.tasks: %s", it.err->message);
		vr_error_destroy(it.err);
	}
}

/* mod->mem[] (v6.4+) or core_layout/data_layout before. */
static void add_module_memory(struct xcheck *x, struct kobj mod)
{
	static const char *const layouts[] = { "core_layout", "data_layout" };
	struct kobj mem = kobj_member(mod, "mem");
	uint64_t base, size, n;

	if (kobj_ok(&mem)) {
		n = vr_type_unqualified(mem.type)->length;
		for (uint64_t i = 0; i < n; i++) {
			struct kobj m = kobj_index(mem, i);

			if (ok(kobj_read_u64(kobj_member(m, "base"), &base)) &&
			    ok(kobj_read_u64(kobj_member(m, "size"), &size)) &&
			    base && size >= 8) {
				add(x, base, 8, K_MODULE);
				add(x, base + size - 8, 8, K_MODULE);
			}
		}
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(layouts); i++) {
		struct kobj l = kobj_member(mod, layouts[i]);

		if (ok(kobj_read_u64(kobj_member(l, "base"), &base)) &&
		    ok(kobj_read_u64(kobj_member(l, "size"), &size)) &&
		    base && size >= 8) {
			add(x, base, 8, K_MODULE);
			add(x, base + size - 8, 8, K_MODULE);
		}
	}
}

static void add_modules(struct xcheck *x)
{
	struct list_iter it;
	struct kobj mod;

	for_each_module(&it, mod, x->prog) {
		add(x, kobj_addr(&mod), READ_LEN, K_MODULE);
		add_module_memory(x, mod);
	}
	if (it.err) {
		note(x, "modules: %s", it.err->message);
		vr_error_destroy(it.err);
	}
}

static void add_vmap_areas(struct xcheck *x)
{
	struct kobj head = kobj_var(x->prog, "vmap_area_list");
	struct list_iter it;
	struct kobj va;
	unsigned int n = 0;

	if (!kobj_ok(&head)) {
		note(x, "no vmap_area_list (v6.9+): no vmalloc areas but stacks and modules");
		return;
	}
	list_for_each_entry(&it, va, x->prog, kobj_addr(&head),
			    "struct vmap_area", "list") {
		add_pointer(x, kobj_member(va, "va_start"), 8, K_VMALLOC);
		if (++n == MAX_VMAP)
			break;
	}
	if (it.err) {
		note(x, "vmap_area_list: %s", it.err->message);
		vr_error_destroy(it.err);
	}
}

/* The first node: node_data[0] (NUMA) or contig_page_data. */
static struct kobj first_node(struct vr_program *prog)
{
	if (kobj_has_symbol(prog, "node_data"))
		return kobj_deref(kobj_index(kobj_var(prog, "node_data"), 0));
	return kobj_var(prog, "contig_page_data");
}

/* A few list_heads of a free list: they are inside struct pages. */
static unsigned int add_free_list(struct xcheck *x, uint64_t head,
				  unsigned int max)
{
	unsigned int n = 0;
	uint64_t pos;

	if (!ok(vr_program_read_uint(x->prog, head, 8, &pos)))
		return 0;
	while (pos && pos != head && n < max) {
		add(x, pos, READ_LEN, K_PAGE);
		n++;
		if (!ok(vr_program_read_uint(x->prog, pos, 8, &pos)))
			break;
	}
	return n;
}

static void add_free_pages(struct xcheck *x)
{
	struct kobj zones = kobj_member(first_node(x->prog), "node_zones");
	unsigned int n = 0;

	if (!kobj_ok(&zones)) {
		note(x, "no first node: no struct page addresses");
		return;
	}
	for (uint64_t z = 0; z < vr_type_unqualified(zones.type)->length; z++) {
		struct kobj fa = kobj_member(kobj_index(zones, z), "free_area");

		if (!kobj_ok(&fa))
			break;
		for (uint64_t o = 0; o < vr_type_unqualified(fa.type)->length; o++) {
			struct kobj fl = kobj_member(kobj_index(fa, o), "free_list");
			uint64_t types = kobj_ok(&fl) ?
					 vr_type_unqualified(fl.type)->length : 0;

			for (uint64_t t = 0; t < types && n < MAX_PAGES; t++) {
				struct kobj h = kobj_index(fl, t);

				n += add_free_list(x, kobj_addr(&h), 4);
			}
		}
	}
}

/* include/linux/poison.h with CONFIG_ILLEGAL_POINTER_VALUE (64-bit). */
#define LIST_POISON1	0xdead000000000100ULL
#define LIST_POISON2	0xdead000000000122ULL

/*
 * Addresses no kernel maps: the list poison values and, for the first
 * address of each kind, the same address with bit 62 flipped (outside the
 * kernel's VA range on every architecture we read, with fewer than 5 s390x
 * levels).  A translator that ignores the bits above its top table aliases
 * them to real memory, and a walk of a deleted list entry reads garbage
 * instead of failing.
 */
static void add_invalid(struct xcheck *x)
{
	size_t n = x->nr_samples;
	bool seen[NR_KINDS] = { false };

	add(x, LIST_POISON1, 8, K_INVALID);
	add(x, LIST_POISON2, 8, K_INVALID);
	for (size_t i = 0; i < n; i++) {
		const struct sample *s = &x->samples[i];

		if (seen[s->kind])
			continue;
		seen[s->kind] = true;
		add(x, s->vaddr ^ (1ULL << 62), 8, K_INVALID);
	}
}

static void collect(struct xcheck *x, size_t max_data)
{
	add_image(x, max_data);
	add_percpu(x);
	add_tasks(x);
	add_modules(x);
	add_vmap_areas(x);
	add_free_pages(x);
	add_invalid(x);
}

/* ---- the two sides ---- */

static void ours(struct xcheck *x, const struct sample *s, struct side *r)
{
	struct vr_error *err;

	memset(r, 0, sizeof(*r));
	err = vr_program_virt_to_phys(x->prog, s->vaddr, &r->paddr);
	if (err) {
		snprintf(r->err, sizeof(r->err), "%s: %s",
			 vr_errcode_name(err->code), err->message);
		vr_error_destroy(err);
		return;
	}
	r->xlat_ok = true;
	err = vr_program_read(x->prog, s->vaddr, r->bytes, s->len);
	if (err) {
		snprintf(r->err, sizeof(r->err), "read: %s", err->message);
		r->read_err = err->code;
	}
	r->read_ok = !err;
	vr_error_destroy(err);
}

/*
 * libaddrxlat's walk of the hardware page tables (its kernel map may use a
 * linear mapping instead), level by level if @verbose.  False if it has no
 * such walk for @vaddr or the walk fails.
 */
static bool lkf_hw_walk(struct xcheck *x, uint64_t vaddr, uint64_t *paddr,
			bool verbose)
{
	addrxlat_map_t *map = addrxlat_sys_get_map(x->axsys, ADDRXLAT_SYS_MAP_HW);
	addrxlat_step_t step = { .ctx = x->axctx, .sys = x->axsys };
	addrxlat_sys_meth_t idx;
	addrxlat_status st;

	idx = map ? addrxlat_map_search(map, vaddr) : ADDRXLAT_SYS_METH_NONE;
	if (idx == ADDRXLAT_SYS_METH_NONE) {
		if (verbose)
			printf("libkdumpfile: no hardware page-table walk for it\n");
		return false;
	}
	step.meth = addrxlat_sys_get_meth(x->axsys, idx);
	if (verbose)
		printf("libkdumpfile: hardware walk, method %d (kind %d)\n", idx,
		       step.meth->kind);
	st = addrxlat_launch(&step, vaddr);
	while (st == ADDRXLAT_OK && step.remain) {
		if (verbose)
			printf("  remain %u: table 0x%" PRIx64 " (%s)\n",
			       step.remain, step.base.addr,
			       addrxlat_addrspace_name(step.base.as));
		st = addrxlat_step(&step);
		if (st == ADDRXLAT_OK && verbose)
			printf("    pte 0x%016" PRIx64 "\n", step.raw.pte);
	}
	if (st == ADDRXLAT_OK && step.base.as != ADDRXLAT_KPHYSADDR)
		st = addrxlat_fulladdr_conv(&step.base, ADDRXLAT_KPHYSADDR,
					    x->axctx, x->axsys);
	if (verbose && st != ADDRXLAT_OK)
		printf("  %s: %s\n", addrxlat_strerror(st),
		       addrxlat_ctx_get_err(x->axctx));
	else if (verbose)
		printf("  -> 0x%" PRIx64 "\n", step.base.addr);
	addrxlat_ctx_clear_err(x->axctx);
	*paddr = step.base.addr;
	return st == ADDRXLAT_OK;
}

static void lkf(struct xcheck *x, const struct sample *s, struct side *r)
{
	addrxlat_fulladdr_t fa = { .addr = s->vaddr, .as = ADDRXLAT_KVADDR };
	addrxlat_status st;
	size_t len = s->len;
	kdump_status ks;

	memset(r, 0, sizeof(*r));
	st = addrxlat_fulladdr_conv(&fa, ADDRXLAT_KPHYSADDR, x->axctx, x->axsys);
	if (st != ADDRXLAT_OK) {
		snprintf(r->err, sizeof(r->err), "%s: %s", addrxlat_strerror(st),
			 addrxlat_ctx_get_err(x->axctx));
		addrxlat_ctx_clear_err(x->axctx);
		return;
	}
	r->xlat_ok = true;
	r->paddr = fa.addr;
	r->hw_ok = lkf_hw_walk(x, s->vaddr, &r->hw_paddr, false);
	ks = kdump_read(x->ctx, KDUMP_KPHYSADDR, r->paddr, r->bytes, &len);
	if (ks != KDUMP_OK)
		snprintf(r->err, sizeof(r->err), "read: %s", kdump_get_err(x->ctx));
	r->read_ok = ks == KDUMP_OK;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/* Does the dump hold memory at @paddr (filtered out or not)? */
static bool is_memory(struct xcheck *x, uint64_t paddr)
{
	struct vr_error *err;
	uint8_t byte;
	bool ret;

	err = vr_dump_read_phys(x->prog->dump, paddr, &byte, 1);
	ret = !err || (err->code != VR_ERR_OUT_OF_RANGE &&
		       err->code != VR_ERR_NOT_PRESENT);
	vr_error_destroy(err);
	return ret;
}

static enum outcome compare(struct xcheck *x, const struct sample *s,
			    const struct side *a, const struct side *b)
{
	if (b->xlat_ok && !b->read_ok && (!a->xlat_ok || a->paddr != b->paddr) &&
	    !is_memory(x, b->paddr))
		return O_LKF_BOGUS;
	if (!a->xlat_ok || !b->xlat_ok) {
		if (a->xlat_ok == b->xlat_ok)
			return O_BOTH_FAULT;
		return a->xlat_ok ? O_LKF_FAULT : O_OURS_FAULT;
	}
	if (a->paddr != b->paddr || (b->hw_ok && b->hw_paddr != a->paddr))
		return O_DIFFER;
	if (!a->read_ok && a->read_err == VR_ERR_EXCLUDED && b->read_ok &&
	    all_zero(b->bytes, s->len))
		return O_UNREAD;
	if (a->read_ok != b->read_ok)
		return O_DIFFER;
	if (!a->read_ok)
		return O_UNREAD;
	return memcmp(a->bytes, b->bytes, s->len) ? O_DIFFER : O_AGREE;
}

static void print_side(const char *who, const struct sample *s,
		       const struct side *r)
{
	printf("      %-12s ", who);
	if (r->xlat_ok)
		printf("pa 0x%" PRIx64 " ", r->paddr);
	if (r->hw_ok && r->hw_paddr != r->paddr)
		printf("(page tables: 0x%" PRIx64 ") ", r->hw_paddr);
	if (r->read_ok)
		for (unsigned int i = 0; i < s->len; i++)
			printf("%02x", r->bytes[i]);
	if (r->err[0])
		printf("(%s)", r->err);
	putchar('\n');
}

static void show(struct xcheck *x, const struct sample *s, enum outcome o,
		 const struct side *a, const struct side *b)
{
	struct vr_symbol sym;
	uint64_t link = s->vaddr - x->prog->kaslr_offset;

	if (x->shown[o]++ >= MAX_SHOWN)
		return;
	printf("    %s 0x%" PRIx64 " (%s", outcome_names[o], s->vaddr,
	       kind_names[s->kind]);
	if (ok(vr_debuginfo_symbol_at(x->prog->dbg, link, &sym)))
		printf(", %s+0x%" PRIx64, sym.name, link - sym.addr);
	printf(")\n");
	print_side("ours", s, a);
	print_side("libkdumpfile", s, b);
}

static void check_all(struct xcheck *x)
{
	for (size_t i = 0; i < x->nr_samples; i++) {
		const struct sample *s = &x->samples[i];
		struct side a, b;
		enum outcome o;

		ours(x, s, &a);
		lkf(x, s, &b);
		o = compare(x, s, &a, &b);
		x->counts[s->kind][o]++;
		x->hw_walks += b.hw_ok;
		if ((o >= O_DIFFER && o != O_LKF_BOGUS) ||
		    (o == O_LKF_BOGUS && !x->quiet) ||
		    (x->verbose && o != O_AGREE))
			show(x, s, o, &a, &b);
	}
}

/* ---- libkdumpfile set-up ---- */

static void lkf_notes(struct xcheck *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void lkf_notes(struct xcheck *x, const char *fmt, ...)
{
	size_t len = strlen(x->lkf_notes);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->lkf_notes + len, sizeof(x->lkf_notes) - len, fmt, ap);
	va_end(ap);
}

/*
 * QEMU's ppc64 and s390x dumps carry no VMCOREINFO: give libkdumpfile the
 * note the kernel keeps in its memory, found the way we find it.
 */
static kdump_status lkf_give_vmcoreinfo(struct xcheck *x)
{
	struct vr_program *prog = x->prog;
	uint8_t hdr[12];
	uint64_t paddr;
	uint32_t descsz;
	kdump_attr_t attr;
	char *text;
	kdump_status st;

	if (!prog->arch->find_vmcoreinfo ||
	    !ok(prog->arch->find_vmcoreinfo(prog, &paddr)) ||
	    !ok(vr_dump_read_phys(prog->dump, paddr, hdr, sizeof(hdr))))
		return KDUMP_ERR_NODATA;
	descsz = vr_get32(hdr + 4, prog->big_endian);
	if (descsz == 0 || descsz > (1u << 20))
		return KDUMP_ERR_CORRUPT;
	text = malloc(descsz);
	if (!text)
		return KDUMP_ERR_SYSTEM;
	/* "VMCOREINFO\0" padded to 12 bytes follows the 12-byte header. */
	if (!ok(vr_dump_read_phys(prog->dump, paddr + 24, text, descsz))) {
		free(text);
		return KDUMP_ERR_NODATA;
	}
	attr.type = KDUMP_BLOB;
	attr.val.blob = kdump_blob_new(text, strnlen(text, descsz));
	if (!attr.val.blob) {
		free(text);
		return KDUMP_ERR_SYSTEM;
	}
	st = kdump_set_attr(x->ctx, "linux.vmcoreinfo.raw", &attr);
	return st;
}

static bool lkf_has_attr(struct xcheck *x, const char *key)
{
	kdump_attr_t attr;

	return kdump_get_attr(x->ctx, key, &attr) == KDUMP_OK;
}

static const char *lkf_string(struct xcheck *x, const char *key)
{
	const char *s;

	return kdump_get_string_attr(x->ctx, key, &s) == KDUMP_OK ? s : "?";
}

/*
 * Can libkdumpfile read the top page table?  QEMU's arm64 kdump dumps have
 * 64 KiB blocks for a 4 KiB kernel: libkdumpfile 0.5 takes the kernel's
 * page size for the block size and finds every physical address beyond the
 * dump ("Out-of-bounds PFN").
 */
static const char *lkf_sane(struct xcheck *x)
{
	static char why[512];
	uint8_t buf[8];
	size_t len = sizeof(buf);
	kdump_num_t page_size;

	uint64_t uts;

	if (kdump_read(x->ctx, KDUMP_KPHYSADDR, x->prog->pt_root, buf,
		       &len) == KDUMP_OK) {
		/*
		 * s390x since v6.10 maps the kernel image high in the
		 * virtual address space, which libkdumpfile 0.5 has no
		 * translation method for.
		 */
		len = sizeof(buf);
		if (vr_program_symbol(x->prog, "init_uts_ns", &uts) ||
		    kdump_read(x->ctx, KDUMP_KVADDR, uts, buf, &len) == KDUMP_OK)
			return NULL;
		snprintf(why, sizeof(why),
			 "cannot translate the kernel's init_uts_ns at 0x%" PRIx64 ": %s",
			 uts, kdump_get_err(x->ctx));
		return why;
	}
	snprintf(why, sizeof(why), "cannot read the top page table at physical 0x%" PRIx64 ": %s",
		 x->prog->pt_root, kdump_get_err(x->ctx));
	if (x->prog->dinfo->page_size &&
	    kdump_get_number_attr(x->ctx, KDUMP_ATTR_PAGE_SIZE, &page_size) == KDUMP_OK &&
	    page_size != x->prog->dinfo->page_size && !strcmp(x->lkf_path, x->vmcore))
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
			 " (its page size %" PRIuFAST64 ", the dump's block size %" PRIu64 ")",
			 page_size, x->prog->dinfo->page_size);
	return why;
}

/* NULL on success, else why libkdumpfile cannot translate this dump. */
static const char *lkf_open(struct xcheck *x)
{
	static char why[512];
	kdump_status st;

	x->fd = open(x->lkf_path, O_RDONLY);
	x->ctx = kdump_new();
	if (x->fd < 0 || !x->ctx)
		return "cannot open the dump";
	st = kdump_open_fd(x->ctx, x->fd);
	if (st != KDUMP_OK)
		goto fail;
	lkf_notes(x, "%s", lkf_string(x, KDUMP_ATTR_FILE_FORMAT));
	if (!lkf_has_attr(x, KDUMP_ATTR_ARCH_NAME)) {
		/* QEMU writes "Unknown" as the machine of arm64/ppc64 dumps. */
		st = kdump_set_string_attr(x->ctx, KDUMP_ATTR_ARCH_NAME,
					   x->prog->arch->name);
		if (st != KDUMP_OK)
			goto fail;
		lkf_notes(x, ", arch %s given", x->prog->arch->name);
	}
	if (!lkf_has_attr(x, "linux.vmcoreinfo.raw")) {
		st = lkf_give_vmcoreinfo(x);
		if (st != KDUMP_OK)
			goto fail;
		lkf_notes(x, ", VMCOREINFO given (from the dumped memory)");
	}
	st = kdump_set_string_attr(x->ctx, KDUMP_ATTR_OSTYPE, "linux");
	if (st != KDUMP_OK)
		goto fail;
	st = kdump_get_addrxlat(x->ctx, &x->axctx, &x->axsys);
	if (st != KDUMP_OK)
		goto fail;
	return lkf_sane(x);
fail:
	snprintf(why, sizeof(why), "%s", kdump_get_err(x->ctx) ?
		 kdump_get_err(x->ctx) : kdump_strerror(st));
	return why;
}

static void lkf_close(struct xcheck *x)
{
	if (x->axctx)
		addrxlat_ctx_decref(x->axctx);
	if (x->axsys)
		addrxlat_sys_decref(x->axsys);
	if (x->ctx)
		kdump_free(x->ctx);
	if (x->fd >= 0)
		close(x->fd);
}

/* ---- -w: one address, level by level ---- */

static void walk_ours(struct xcheck *x, uint64_t vaddr)
{
	const struct vr_pt_format *pt = &x->prog->pt;
	uint64_t table = x->prog->pt_root;

	printf("ours: %s, root 0x%" PRIx64 "\n", pt->name, table);
	for (unsigned int level = 0; level < pt->nr_levels; level++) {
		const struct vr_pt_level *l = &pt->levels[level];
		uint64_t index = (vaddr >> l->shift) & ((1ULL << l->bits) - 1);
		uint64_t where = table + index * pt->entry_size;
		struct vr_pte pte;
		uint8_t raw[8];

		if (!ok(vr_dump_read_phys(x->prog->dump, where, raw, 8))) {
			printf("  level %u: cannot read 0x%" PRIx64 "\n", level,
			       where);
			return;
		}
		pt->decode(pt, level, vr_get64(raw, pt->big_endian), &pte);
		printf("  level %u index %" PRIu64 ": [0x%" PRIx64 "] = 0x%016" PRIx64
		       " -> %s 0x%" PRIx64 "\n", level, index, where,
		       vr_get64(raw, pt->big_endian),
		       pte.kind == VR_PTE_NONE ? "none" :
		       pte.kind == VR_PTE_TABLE ? "table" : "page", pte.addr);
		if (pte.kind != VR_PTE_TABLE)
			return;
		table = pte.addr;
	}
}

/* What each side's physical reader finds at @paddr. */
static void read_phys_both(struct xcheck *x, uint64_t paddr, size_t len)
{
	uint8_t buf[READ_LEN];
	struct vr_error *err;
	kdump_status st;

	err = vr_dump_read_phys(x->prog->dump, paddr, buf, len);
	printf("  physical 0x%" PRIx64 ": ours ", paddr);
	for (size_t i = 0; !err && i < len; i++)
		printf("%02x", buf[i]);
	if (err)
		printf("(%s)", err->message);
	vr_error_destroy(err);
	st = kdump_read(x->ctx, KDUMP_KPHYSADDR, paddr, buf, &len);
	printf(", libkdumpfile ");
	for (size_t i = 0; st == KDUMP_OK && i < len; i++)
		printf("%02x", buf[i]);
	if (st != KDUMP_OK)
		printf("(%s)", kdump_get_err(x->ctx));
	putchar('\n');
}

static void walk_one(struct xcheck *x, uint64_t vaddr)
{
	struct sample s = { .vaddr = vaddr, .len = READ_LEN };
	struct side a, b;

	walk_ours(x, vaddr);
	lkf_hw_walk(x, vaddr, &b.hw_paddr, true);
	ours(x, &s, &a);
	lkf(x, &s, &b);
	print_side("ours", &s, &a);
	print_side("libkdumpfile", &s, &b);
	if (a.xlat_ok)
		read_phys_both(x, a.paddr, s.len);
	if (b.xlat_ok && (!a.xlat_ok || b.paddr != a.paddr))
		read_phys_both(x, b.paddr, s.len);
}

/* ---- report ---- */

static unsigned long report(struct xcheck *x)
{
	unsigned long total[NR_OUTCOMES] = { 0 }, n = 0;

	if (!x->quiet) {
		printf("  %-9s %6s", "kind", "addrs");
		for (int o = 0; o < NR_OUTCOMES; o++)
			printf(" %10s", outcome_names[o]);
		putchar('\n');
	}
	for (int k = 0; k < NR_KINDS; k++) {
		unsigned long sum = 0;

		for (int o = 0; o < NR_OUTCOMES; o++) {
			sum += x->counts[k][o];
			total[o] += x->counts[k][o];
		}
		n += sum;
		if (x->quiet || !sum)
			continue;
		printf("  %-9s %6lu", kind_names[k], sum);
		for (int o = 0; o < NR_OUTCOMES; o++)
			printf(" %10lu", x->counts[k][o]);
		putchar('\n');
	}
	printf("RESULT addrs=%lu", n);
	for (int o = 0; o < NR_OUTCOMES; o++)
		printf(" %s=%lu", outcome_names[o], total[o]);
	printf(" (lkf page-table walks %lu)\n", x->hw_walks);
	return total[O_DIFFER] + total[O_OURS_FAULT] + total[O_LKF_FAULT];
}

static int usage(void)
{
	fprintf(stderr, "usage: xcheck_libkdumpfile [-n MAX] [-q|-v] [-s SIBLING] [-w VADDR] VMCORE VMLINUX\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct xcheck x = { .fd = -1 };
	size_t max_data = 2000;
	uint64_t walk = 0;
	const char *why;
	struct vr_error *err;
	int opt, ret;

	while ((opt = getopt(argc, argv, "n:qs:vw:")) != -1) {
		switch (opt) {
		case 'v':
			x.verbose = true;
			break;
		case 's':
			x.lkf_path = optarg;
			break;
		case 'n':
			max_data = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			x.quiet = true;
			break;
		case 'w':
			walk = strtoull(optarg, NULL, 0);
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 2)
		return usage();
	x.vmcore = argv[optind];
	if (!x.lkf_path)
		x.lkf_path = x.vmcore;
	err = vr_program_open(x.vmcore, argv[optind + 1], NULL, &x.prog);
	if (err) {
		printf("RESULT ours cannot open %s: %s\n", x.vmcore, err->message);
		vr_error_destroy(err);
		return EXIT_OURS;
	}
	why = lkf_open(&x);
	printf("xcheck %s: ours %s (%s), libkdumpfile%s%s: %s\n", x.vmcore,
	       x.prog->arch->name, x.prog->pt.name,
	       strcmp(x.lkf_path, x.vmcore) ? " on " : "",
	       strcmp(x.lkf_path, x.vmcore) ? x.lkf_path : "", x.lkf_notes);
	if (why) {
		printf("RESULT libkdumpfile cannot translate this dump: %s\n", why);
		ret = EXIT_SKIP;
		goto out;
	}
	if (walk) {
		walk_one(&x, walk);
		ret = 0;
		goto out;
	}
	collect(&x, max_data);
	check_all(&x);
	for (int o = 0; o < NR_OUTCOMES; o++)
		if (x.shown[o] > MAX_SHOWN)
			printf("    ... %lu more %s not shown\n",
			       x.shown[o] - MAX_SHOWN, outcome_names[o]);
	ret = report(&x) ? EXIT_DIFFER : 0;
out:
	lkf_close(&x);
	vr_program_close(x.prog);
	free(x.samples);
	return ret;
}
