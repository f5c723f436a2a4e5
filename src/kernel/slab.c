// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Slab caches (see vr/slab.h): slab_caches, the per-node lists of SLUB
 * and what mm/slub.c get_slabinfo() computes from them.
 */
#include "vr/mm.h"
#include "vr/slab.h"

/* mm/slub.c: struct kmem_cache_order_objects packs order and objects. */
#define OO_SHIFT	16
#define OO_MASK		((1U << OO_SHIFT) - 1)
/* Far above any MAX_PAGE_ORDER; 1 << order still fits an int. */
#define MAX_SLAB_ORDER	30
/* mm/slub.c (v6.10+) count_partial_free_approx() */
#define MAX_PARTIAL_TO_SCAN 10000

uint64_t slab_caches_head(struct vr_program *prog)
{
	struct kobj head = kobj_var(prog, "slab_caches");

	return kobj_addr(&head);
}

bool slab_is_slub(struct vr_program *prog)
{
	return kobj_has_member(prog, "struct kmem_cache", "oo") &&
	       kobj_has_member(prog, "struct kmem_cache_node", "nr_partial");
}

void kmem_cache_node_iter_init(struct kmem_cache_node_iter *it,
			       struct kobj cache)
{
	struct kobj nr = kobj_var(cache.prog, "nr_node_ids");
	uint64_t v = 1;

	*it = (struct kmem_cache_node_iter){ .cache = cache };
	/* !CONFIG_NUMA (MAX_NUMNODES == 1): nr_node_ids is the constant 1. */
	if (nr.err != VR_ERR_NOT_FOUND)
		it->err = kobj_read_u64(nr, &v);
	it->nr_node_ids = (unsigned int)(v > VR_MAX_NUMNODES ? VR_MAX_NUMNODES : v);
}

bool kmem_cache_node_iter_next(struct kmem_cache_node_iter *it,
			       unsigned int *node, struct kobj *n)
{
	struct kobj nodes = kobj_member(it->cache, "node");

	if (it->err)
		return false;
	if (!kobj_ok(&nodes)) {
		it->err = kobj_error(&nodes);
		return false;
	}
	for (; it->node < it->nr_node_ids; it->node++) {
		struct kobj p = kobj_index(nodes, it->node);
		uint64_t addr;

		it->err = kobj_read_u64(p, &addr);
		if (it->err)
			return false;
		if (!addr)
			continue;
		*node = it->node++;
		*n = kobj_deref(p);
		return true;
	}
	return false;
}

/*
 * The type of a slab on a partial list: struct slab since v5.17, the
 * struct page before.
 */
static const char *slab_type(struct vr_program *prog)
{
	return kobj_has_member(prog, "struct slab", "slab_list") ?
	       "struct slab" : "struct page";
}

/* slab->objects - slab->inuse */
static uint64_t slab_free(struct kobj slab, struct vr_error **err)
{
	uint64_t objects = mm_read_ulong(kobj_member(slab, "objects"), err);
	uint64_t inuse = mm_read_ulong(kobj_member(slab, "inuse"), err);

	return objects > inuse ? objects - inuse : 0;
}

struct vr_error *count_partial_free(struct kobj n, uint64_t *ret)
{
	struct kobj head = kobj_member(n, "partial");
	struct vr_error *err = NULL;
	struct list_iter it;
	struct kobj slab;
	uint64_t x = 0;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	list_for_each_entry(&it, slab, n.prog, kobj_addr(&head),
			    slab_type(n.prog), "slab_list") {
		x += slab_free(slab, &err);
		if (err) {
			vr_error_destroy(it.err);
			return err;
		}
	}
	if (it.err)
		return it.err;
	*ret = x;
	return NULL;
}

/*
 * The first @limit slabs of the partial list at @head, from its tail when
 * @reverse (list_for_each_entry_reverse: list_head.prev).
 */
static uint64_t partial_scan(struct kobj n, uint64_t head, bool reverse,
			     uint64_t limit, uint64_t *scanned,
			     struct vr_error **err)
{
	struct vr_program *prog = n.prog;
	const char *type = slab_type(prog);
	uint64_t off, pos = head, x = 0;

	if (!kobj_offsetof(prog, type, "slab_list", &off)) {
		*err = vr_error_create(VR_ERR_NOT_FOUND, "%s has no slab_list",
				       type);
		return 0;
	}
	while (*scanned < limit) {
		*err = vr_program_read_uint(prog, pos + (reverse ? prog->ptr_size : 0),
					    prog->ptr_size, &pos);
		if (*err || pos == head)
			break;
		x += slab_free(kobj_at(prog, type, pos - off), err);
		if (*err)
			break;
		++*scanned;
	}
	return x;
}

/*
 * count_partial_free_approx() (v6.10+): exact up to MAX_PARTIAL_TO_SCAN
 * slabs; a longer list is sampled at both ends and scaled.
 */
static struct vr_error *count_partial_free_approx(struct kobj n, uint64_t *ret)
{
	struct vr_error *err = NULL;
	uint64_t nr_partial = mm_read_ulong(kobj_member(n, "nr_partial"), &err);
	uint64_t nr_objs = mm_read_ulong(kobj_member(n, "total_objects"), &err);
	struct kobj head = kobj_member(n, "partial");
	uint64_t x, scanned = 0;

	if (err)
		return err;
	if (nr_partial <= MAX_PARTIAL_TO_SCAN)
		return count_partial_free(n, ret);
	x = partial_scan(n, kobj_addr(&head), false, MAX_PARTIAL_TO_SCAN / 2,
			 &scanned, &err);
	if (!err)
		x += partial_scan(n, kobj_addr(&head), true, MAX_PARTIAL_TO_SCAN,
				  &scanned, &err);
	if (err)
		return err;
	if (scanned) {
		/* mult_frac(x, n->nr_partial, scanned) */
		x = (x / scanned) * nr_partial + (x % scanned) * nr_partial / scanned;
	}
	*ret = x < nr_objs ? x : nr_objs;
	return NULL;
}

struct vr_error *get_slabinfo(struct kobj s, struct slabinfo *sinfo)
{
	struct vr_program *prog = s.prog;
	/*
	 * v6.10 samples long partial lists (count_partial_free_approx()).
	 * Tested by its symbol: a compiler that inlines it everywhere leaves
	 * the exact count, which differs only past 10000 partial slabs.
	 */
	bool approx = kobj_has_symbol(prog, "count_partial_free_approx");
	uint64_t nr_slabs = 0, nr_objs = 0, nr_free = 0, oo;
	struct kmem_cache_node_iter it;
	struct vr_error *err = NULL;
	unsigned int node;
	struct kobj n;

	if (!slab_is_slub(prog))
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "the slab allocator is not SLUB");
	for_each_kmem_cache_node(&it, s, node, n) {
		uint64_t free = 0;

		nr_slabs += mm_read_ulong(kobj_member(n, "nr_slabs"), &err);
		nr_objs += mm_read_ulong(kobj_member(n, "total_objects"), &err);
		if (!err)
			err = approx ? count_partial_free_approx(n, &free) :
				       count_partial_free(n, &free);
		if (err) {
			vr_error_destroy(it.err);
			return vr_error_wrap(err, "node %u", node);
		}
		nr_free += free;
	}
	if (it.err)
		return it.err;
	oo = mm_read_ulong(kobj_member(s, "oo.x"), &err);
	if (err)
		return err;
	/* A slab is 2^order pages: /proc/slabinfo prints that as an int. */
	if (oo >> OO_SHIFT > MAX_SLAB_ORDER)
		return vr_error_create(VR_ERR_CORRUPT,
				       "kmem_cache.oo has order %llu",
				       (unsigned long long)(oo >> OO_SHIFT));
	*sinfo = (struct slabinfo){
		.active_objs = nr_objs - nr_free,
		.num_objs = nr_objs,
		.active_slabs = nr_slabs,
		.num_slabs = nr_slabs,
		.objects_per_slab = (unsigned int)(oo & OO_MASK),
		.cache_order = (unsigned int)(oo >> OO_SHIFT),
	};
	return NULL;
}
