/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's index structures: xarray (and the radix tree and IDR built
 * on it, v4.20+; the radix tree's own nodes before), maple tree (v6.1+)
 * and rbtree.  Walks take a callback that returns true to go on, false to
 * stop; every walk is bounded in depth and in the number of nodes it
 * visits, and catches a pointer back up the tree or a node seen twice, so
 * a corrupt tree ends with an error, not a hang.
 */
#ifndef VR_TREE_H
#define VR_TREE_H

#include "vr/object.h"

/* Bound on the nodes one walk may visit. */
#define VR_TREE_NODE_LIMIT (1UL << 22)

typedef bool tree_visit_fn(void *arg, uint64_t first, uint64_t last,
			   uint64_t entry);

/* include/linux/xarray.h entry encoding. */
static inline bool xa_is_internal(uint64_t entry)
{
	return (entry & 3) == 2;
}

static inline bool xa_is_node(uint64_t entry)
{
	return xa_is_internal(entry) && entry > 4096;
}

static inline bool xa_is_value(uint64_t entry)
{
	return entry & 1;
}

/* XA_ZERO_ENTRY: xa_mk_internal(257), reserved, reads as NULL. */
static inline bool xa_is_zero(uint64_t entry)
{
	return entry == ((257ULL << 2) | 2);
}

/* xa_load(): the entry at @index of the xarray at @xa (0 if none). */
struct vr_error *xa_load(struct vr_program *prog, uint64_t xa, uint64_t index,
			 uint64_t *entry);
/* xa_for_each(): every present entry in index order (first == last). */
struct vr_error *xa_for_each(struct vr_program *prog, uint64_t xa,
			     tree_visit_fn *fn, void *arg);

/*
 * radix_tree_lookup() and every present entry in index order, on a struct
 * radix_tree_root: an xarray since v4.20, struct radix_tree_node before
 * (v4.7+ layout; older ones fail with VR_ERR_UNSUPPORTED).
 */
struct vr_error *radix_tree_lookup(struct vr_program *prog, uint64_t root,
				   uint64_t index, uint64_t *entry);
struct vr_error *radix_tree_for_each(struct vr_program *prog, uint64_t root,
				     tree_visit_fn *fn, void *arg);
/* idr_find() and idr_for_each(): idr_rt, ids from idr_base (v4.16+). */
struct vr_error *idr_find(struct vr_program *prog, uint64_t idr, uint64_t id,
			  uint64_t *entry);
struct vr_error *idr_for_each(struct vr_program *prog, uint64_t idr,
			      tree_visit_fn *fn, void *arg);

/* mtree_load() and mt_for_each() on a struct maple_tree (v6.1+). */
struct vr_error *mtree_load(struct vr_program *prog, uint64_t mt,
			    uint64_t index, uint64_t *entry);
struct vr_error *mt_for_each(struct vr_program *prog, uint64_t mt,
			     tree_visit_fn *fn, void *arg);

/*
 * Every VMA of the struct mm_struct @mm in address order: @fn gets
 * [vm_start, vm_end - 1] and the struct vm_area_struct's address.  The
 * maple tree mm->mm_mt since v6.1, the mm->mmap list (vm_next) before.
 */
struct vr_error *mm_for_each_vma(struct kobj mm, tree_visit_fn *fn, void *arg);

/*
 * In-order walk of a struct rb_root at @root: @fn gets the address of each
 * struct rb_node (first == last == 0).
 */
struct vr_error *rbtree_for_each(struct vr_program *prog, uint64_t root,
				 tree_visit_fn *fn, void *arg);
/* rb_first() and rb_next(): 0 at the end. */
struct vr_error *rb_first(struct vr_program *prog, uint64_t root,
			  uint64_t *node);
struct vr_error *rb_next(struct vr_program *prog, uint64_t node,
			 uint64_t *next);

#endif
