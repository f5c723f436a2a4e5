/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Slab caches, named as in the kernel (mm/slab_common.c, mm/slub.c).  Only
 * the SLUB allocator is read: SLAB (removed in v6.8) and SLOB (removed in
 * v6.4) fail with VR_ERR_UNSUPPORTED.
 *
 *	struct list_iter it;
 *	struct kobj s;
 *
 *	for_each_slab_cache(&it, s, prog)
 *		err = get_slabinfo(s, &sinfo);
 */
#ifndef VR_SLAB_H
#define VR_SLAB_H

#include "vr/list.h"
#include "vr/object.h"

/* The caches of slab_caches, in list order (as /proc/slabinfo lists them). */
#define for_each_slab_cache(it, s, prog)				\
	list_for_each_entry(it, s, prog, slab_caches_head(prog),	\
			    "struct kmem_cache", "list")
uint64_t slab_caches_head(struct vr_program *prog);

/* Is the allocator SLUB (struct kmem_cache has its order/objects word)? */
bool slab_is_slub(struct vr_program *prog);

struct kmem_cache_node_iter {
	struct kobj cache;
	unsigned int node;		/* the next node to look at */
	unsigned int nr_node_ids;
	struct vr_error *err;		/* set when the walk stopped early */
};

void kmem_cache_node_iter_init(struct kmem_cache_node_iter *it,
			       struct kobj cache);
/* The next node that has a struct kmem_cache_node; false at the end. */
bool kmem_cache_node_iter_next(struct kmem_cache_node_iter *it,
			       unsigned int *node, struct kobj *n);

/* for_each_kmem_cache_node(s, node, n): get_node(s, node) where non-NULL. */
#define for_each_kmem_cache_node(it, s, node, n)			\
	for (kmem_cache_node_iter_init(it, s);				\
	     kmem_cache_node_iter_next(it, &(node), &(n));)

/* struct slabinfo of mm/slab.h, as SLUB fills it. */
struct slabinfo {
	uint64_t active_objs;
	uint64_t num_objs;
	uint64_t active_slabs;
	uint64_t num_slabs;
	uint64_t shared_avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

/*
 * count_partial(n, count_free): the free objects of the slabs on the
 * node's partial list, walked to its end.  v6.10+ /proc/slabinfo uses
 * count_partial_free_approx() instead, see get_slabinfo().
 */
struct vr_error *count_partial_free(struct kobj n, uint64_t *ret);

/* mm/slub.c get_slabinfo(): what /proc/slabinfo prints for cache @s. */
struct vr_error *get_slabinfo(struct kobj s, struct slabinfo *sinfo);

#endif
