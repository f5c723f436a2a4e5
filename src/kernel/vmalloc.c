// SPDX-License-Identifier: GPL-2.0-or-later
/* The vmalloc space's areas (see vr/vmalloc.h). */
#include "vr/list.h"
#include "vr/mm.h"
#include "vr/util.h"
#include "vr/vmalloc.h"

/* Bound on the vmap nodes (v6.9+: at most one per CPU, 128 by default). */
#define VMAP_NODES_LIMIT 8192

static struct vr_error *walk_list(struct vr_program *prog, uint64_t head,
				  vmap_area_fn *fn, void *arg, bool *stop)
{
	struct list_iter it;
	struct kobj va;

	list_for_each_entry(&it, va, prog, head, "struct vmap_area", "list") {
		if (!fn(arg, va)) {
			*stop = true;
			break;
		}
	}
	return it.err;
}

/*
 * v6.9+: the areas are spread over vmap_nodes[nr_vmap_nodes], each with
 * a busy and a lazy list (struct rb_list, @which).
 */
static struct vr_error *walk_nodes(struct vr_program *prog, const char *which,
				   vmap_area_fn *fn, void *arg)
{
	struct kobj nodes = kobj_var(prog, "vmap_nodes");
	struct vr_error *err = NULL;
	uint64_t nr = mm_read_ulong(kobj_var(prog, "nr_vmap_nodes"), &err);
	bool stop = false;

	if (err)
		return err;
	if (nr > VMAP_NODES_LIMIT)
		return vr_error_create(VR_ERR_CORRUPT, "nr_vmap_nodes is %llu",
				       (unsigned long long)nr);
	for (uint64_t i = 0; i < nr && !stop; i++) {
		struct kobj head = kobj_member(kobj_index(nodes, i), which);

		if (!kobj_ok(&head))
			return kobj_error(&head);
		err = walk_list(prog, kobj_addr(&head), fn, arg, &stop);
		if (err)
			return vr_error_wrap(err, "vmap node %llu",
					     (unsigned long long)i);
	}
	return NULL;
}

static struct vr_error *walk_var(struct vr_program *prog, const char *var,
				 vmap_area_fn *fn, void *arg)
{
	struct kobj head = kobj_var(prog, var);
	bool stop = false;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	return walk_list(prog, kobj_addr(&head), fn, arg, &stop);
}

struct vr_error *for_each_vmap_area(struct vr_program *prog,
				    vmap_area_fn *fn, void *arg)
{
	/* v6.9 split the busy areas over vmap nodes. */
	if (kobj_has_symbol(prog, "vmap_nodes"))
		return walk_nodes(prog, "busy.head", fn, arg);
	return walk_var(prog, "vmap_area_list", fn, arg);
}

struct vr_error *for_each_lazy_vmap_area(struct vr_program *prog,
					 vmap_area_fn *fn, void *arg)
{
	if (kobj_has_symbol(prog, "vmap_nodes"))
		return walk_nodes(prog, "lazy.head", fn, arg);
	return walk_var(prog, "purge_vmap_area_list", fn, arg);
}

/*
 * include/linux/page-flags-layout.h: from the top of page->flags come
 * SECTIONS_WIDTH bits (SPARSEMEM without VMEMMAP) then NODES_WIDTH bits
 * (NODES_SHIFT, taken from MAX_NUMNODES: a zonelist has
 * MAX_NUMNODES * MAX_NR_ZONES + 1 zonerefs).
 */
struct vr_error *page_to_nid(struct vr_program *prog, uint64_t page,
			     unsigned int *nid)
{
	struct kobj refs = kobj_member(kobj_at(prog, "struct zonelist", 0),
				       "_zonerefs");
	struct kobj flags = kobj_member(kobj_at(prog, "struct page", page),
					"flags");
	unsigned int bits = prog->ptr_size * 8, nodes_width, sections_width = 0;
	unsigned int nr_zones = max_nr_zones(prog);
	struct vr_error *err = NULL;
	uint64_t nrefs, v;

	*nid = 0;
	if (!kobj_has_symbol(prog, "node_data"))
		return NULL;
	if (!kobj_ok(&refs) || !nr_zones)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "cannot size the node field of page->flags");
	nrefs = vr_type_unqualified(refs.type)->length;
	nodes_width = ilog2((nrefs - 1) / nr_zones);
	if (!kobj_has_member(prog, "struct mem_section_usage", "subsection_map")) {
		int64_t section_bits, physmem_bits;

		if (!vr_program_vmcoreinfo_number(prog, "NUMBER(SECTION_SIZE_BITS)",
						  &section_bits) ||
		    !vr_program_vmcoreinfo_number(prog, "NUMBER(MAX_PHYSMEM_BITS)",
						  &physmem_bits) ||
		    physmem_bits <= section_bits)
			return vr_error_create(VR_ERR_NOT_FOUND,
					       "no SECTION_SIZE_BITS / MAX_PHYSMEM_BITS");
		sections_width = (unsigned int)(physmem_bits - section_bits);
	}
	/* v6.17+: page->flags is a memdesc_flags_t { f }. */
	if (kobj_ok(&flags) && vr_type_is_compound(flags.type))
		flags = kobj_member(flags, "f");
	v = mm_read_ulong(flags, &err);
	if (err)
		return err;
	if (nodes_width && nodes_width + sections_width < bits)
		*nid = (unsigned int)((v >> (bits - sections_width - nodes_width)) &
				      ((1ULL << nodes_width) - 1));
	return NULL;
}
