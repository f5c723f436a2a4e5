/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vmalloc space (mm/vmalloc.c): its busy areas, each a struct
 * vmap_area with the struct vm_struct of vmalloc(), vmap(), ioremap()...,
 * and the areas freed lazily but not purged yet.
 *
 * Walks take a callback that returns true to go on, false to stop; they
 * are bounded (VR_LIST_LIMIT areas per list).
 */
#ifndef VR_VMALLOC_H
#define VR_VMALLOC_H

#include "vr/object.h"

typedef bool vmap_area_fn(void *arg, struct kobj va);

/*
 * The busy areas in /proc/vmallocinfo's order: vmap_area_list, sorted by
 * address (before v6.9), else each vmap node's busy list in turn.
 */
struct vr_error *for_each_vmap_area(struct vr_program *prog,
				    vmap_area_fn *fn, void *arg);
/*
 * The lazily freed areas: purge_vmap_area_list (before v6.9), else each
 * vmap node's lazy list.
 */
struct vr_error *for_each_lazy_vmap_area(struct vr_program *prog,
					 vmap_area_fn *fn, void *arg);

/*
 * page_to_nid() of a struct page, from its flags (the node field of
 * include/linux/page-flags-layout.h); 0 on kernels without NUMA.
 */
struct vr_error *page_to_nid(struct vr_program *prog, uint64_t page,
			     unsigned int *nid);

#endif
