// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Maple trees (lib/maple_tree.c, v6.1+: VMAs, and IRQ descriptors since
 * v6.5).  ma_root is an entry, or an encoded node pointer: the node's
 * address in the bits above MAPLE_NODE_MASK and its type in bits 3-6.
 * Range nodes (maple_range_64, maple_leaf_64) hold 15 pivots and 16 slots,
 * allocation-range nodes (maple_arange_64) 9 pivots, 10 slots and gaps; a
 * slot covers the indices from the previous pivot + 1 to its own pivot.
 */
#include "vr/tree.h"

#define MAPLE_NODE_MASK		255ULL
#define MAPLE_NODE_TYPE_SHIFT	3
#define MAPLE_NODE_TYPE_MASK	0xf
#define MAPLE_HEIGHT_MAX	31

enum maple_type {
	maple_dense,
	maple_leaf_64,
	maple_range_64,
	maple_arange_64,
};

struct mt_layout {
	uint64_t root_off;		/* maple_tree.ma_root */
	/* Per node kind: pivots, slots and meta.end, from the node start. */
	uint64_t r_pivot, r_slot, r_end;	/* mr64 */
	uint64_t a_pivot, a_slot, a_end;	/* ma64 */
	unsigned int r_npivots, a_npivots;
};

static struct vr_error *member(struct vr_program *prog, const char *path,
			       uint64_t *off, unsigned int *len)
{
	struct kobj m = kobj_member(kobj_at(prog, "struct maple_node", 0), path);

	if (!kobj_ok(&m))
		return kobj_error(&m);
	*off = m.addr;
	if (len)
		*len = (unsigned int)vr_type_unqualified(m.type)->length;
	return NULL;
}

static struct vr_error *mt_layout(struct vr_program *prog,
				  struct mt_layout *l)
{
	struct vr_error *err;

	if (!kobj_offsetof(prog, "struct maple_tree", "ma_root", &l->root_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no struct maple_tree (before v6.1)");
	err = member(prog, "mr64.pivot", &l->r_pivot, &l->r_npivots);
	if (!err)
		err = member(prog, "mr64.slot", &l->r_slot, NULL);
	if (!err)
		err = member(prog, "mr64.meta.end", &l->r_end, NULL);
	if (!err)
		err = member(prog, "ma64.pivot", &l->a_pivot, &l->a_npivots);
	if (!err)
		err = member(prog, "ma64.slot", &l->a_slot, NULL);
	if (!err)
		err = member(prog, "ma64.meta.end", &l->a_end, NULL);
	return err;
}

/* One decoded node: where its pivots and slots are, and its last slot. */
struct mt_node {
	uint64_t addr;
	uint64_t pivot_off, slot_off;
	unsigned int npivots;
	unsigned int end;
	bool leaf;
};

static struct vr_error *read_word(struct vr_program *prog, uint64_t addr,
				  uint64_t *ret)
{
	return vr_program_read_uint(prog, addr, prog->ptr_size, ret);
}

static struct vr_error *pivot(struct vr_program *prog, const struct mt_node *n,
			      unsigned int i, uint64_t *ret)
{
	return read_word(prog, n->addr + n->pivot_off + i * prog->ptr_size, ret);
}

static struct vr_error *slot(struct vr_program *prog, const struct mt_node *n,
			     unsigned int i, uint64_t *ret)
{
	return read_word(prog, n->addr + n->slot_off + i * prog->ptr_size, ret);
}

/* mte_to_node(), mte_node_type(), ma_data_end() and ma_is_leaf(). */
static struct vr_error *mt_decode(struct vr_program *prog,
				  const struct mt_layout *l, uint64_t enode,
				  uint64_t max, struct mt_node *n)
{
	unsigned int type = (enode >> MAPLE_NODE_TYPE_SHIFT) & MAPLE_NODE_TYPE_MASK;
	uint64_t last, end;
	struct vr_error *err;

	n->addr = enode & ~MAPLE_NODE_MASK;
	n->leaf = type < maple_range_64;
	switch (type) {
	case maple_arange_64:
		n->pivot_off = l->a_pivot;
		n->slot_off = l->a_slot;
		n->npivots = l->a_npivots;
		err = vr_program_read_uint(prog, n->addr + l->a_end, 1, &end);
		break;
	case maple_range_64:
	case maple_leaf_64:
		n->pivot_off = l->r_pivot;
		n->slot_off = l->r_slot;
		n->npivots = l->r_npivots;
		err = pivot(prog, n, n->npivots - 1, &last);
		if (err)
			break;
		if (!last)
			err = vr_program_read_uint(prog, n->addr + l->r_end, 1,
						   &end);
		else
			end = last == max ? n->npivots - 1 : n->npivots;
		break;
	default:
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "maple node type %u at 0x%llx", type,
				       (unsigned long long)n->addr);
	}
	if (err)
		return err;
	if (end > n->npivots)
		return vr_error_create(VR_ERR_CORRUPT,
				       "maple node at 0x%llx ends at slot %llu",
				       (unsigned long long)n->addr,
				       (unsigned long long)end);
	n->end = (unsigned int)end;
	return NULL;
}

struct vr_error *mtree_load(struct vr_program *prog, uint64_t mt,
			    uint64_t index, uint64_t *entry)
{
	struct mt_layout l;
	uint64_t e, max = ~0ULL;
	struct vr_error *err = mt_layout(prog, &l);

	if (!err)
		err = read_word(prog, mt + l.root_off, &e);
	if (err)
		return err;
	if (!xa_is_node(e)) {
		*entry = index == 0 ? e : 0;
		return NULL;
	}
	for (unsigned int depth = 0; depth < MAPLE_HEIGHT_MAX; depth++) {
		struct mt_node n;
		unsigned int off;

		err = mt_decode(prog, &l, e, max, &n);
		for (off = 0; !err && off < n.end; off++) {
			uint64_t p;

			err = pivot(prog, &n, off, &p);
			if (!err && p >= index) {
				max = p;
				break;
			}
		}
		if (!err)
			err = slot(prog, &n, off, &e);
		if (err)
			return err;
		if (n.leaf) {
			*entry = xa_is_zero(e) ? 0 : e;
			return NULL;
		}
		/* Child slots are encoded nodes without the root's tag. */
		if (!(e & ~MAPLE_NODE_MASK))
			return vr_error_create(VR_ERR_CORRUPT,
					       "maple node at 0x%llx: slot %u is no node",
					       (unsigned long long)n.addr, off);
	}
	return vr_error_create(VR_ERR_CORRUPT, "maple tree at 0x%llx too deep",
			       (unsigned long long)mt);
}

struct mt_walk {
	struct vr_program *prog;
	struct mt_layout l;
	tree_visit_fn *fn;
	void *arg;
	unsigned long nodes;
	bool stop;
	uint64_t path[MAPLE_HEIGHT_MAX];	/* nodes from the root down */
};

static struct vr_error *mt_walk(struct mt_walk *w, uint64_t enode,
				uint64_t min, uint64_t max, unsigned int depth)
{
	struct mt_node n;
	uint64_t prev = min;
	struct vr_error *err;

	if (depth >= MAPLE_HEIGHT_MAX || ++w->nodes > VR_TREE_NODE_LIMIT)
		return vr_error_create(VR_ERR_LIMIT,
				       "maple tree walk too deep or too large");
	err = mt_decode(w->prog, &w->l, enode, max, &n);
	if (err)
		return err;
	/* A slot pointing back up the tree: a cycle. */
	for (unsigned int d = 0; d < depth; d++) {
		if (w->path[d] == n.addr)
			return vr_error_create(VR_ERR_CORRUPT,
					       "maple node at 0x%llx is its own ancestor",
					       (unsigned long long)n.addr);
	}
	w->path[depth] = n.addr;
	for (unsigned int i = 0; i <= n.end && !w->stop; i++) {
		uint64_t p = max, s;

		if (i < n.end) {
			err = pivot(w->prog, &n, i, &p);
			if (err)
				return err;
		}
		err = slot(w->prog, &n, i, &s);
		if (err)
			return err;
		if (p < prev || p > max)
			return vr_error_create(VR_ERR_CORRUPT,
					       "maple node at 0x%llx: pivots out of order",
					       (unsigned long long)n.addr);
		if (!n.leaf && !(s & ~MAPLE_NODE_MASK))
			return vr_error_create(VR_ERR_CORRUPT,
					       "maple node at 0x%llx: slot %u is no node",
					       (unsigned long long)n.addr, i);
		if (!n.leaf)
			err = mt_walk(w, s, prev, p, depth + 1);
		else if (s && !xa_is_zero(s))
			w->stop = !w->fn(w->arg, prev, p, s);
		if (err)
			return err;
		if (p == ~0ULL)
			break;
		prev = p + 1;
	}
	return NULL;
}

struct vr_error *mt_for_each(struct vr_program *prog, uint64_t mt,
			     tree_visit_fn *fn, void *arg)
{
	struct mt_walk w = { .prog = prog, .fn = fn, .arg = arg };
	struct vr_error *err = mt_layout(prog, &w.l);
	uint64_t root;

	if (!err)
		err = read_word(prog, mt + w.l.root_off, &root);
	if (err)
		return err;
	if (xa_is_node(root))
		return mt_walk(&w, root, 0, ~0ULL, 0);
	if (root && !xa_is_zero(root))
		fn(arg, 0, 0, root);
	return NULL;
}

/*
 * Before v6.1: the mm->mmap list, NULL-terminated through vm_next, in
 * address order.  Bounded by VR_TREE_NODE_LIMIT and by Brent's cycle
 * detection.
 */
static struct vr_error *vma_list_for_each(struct kobj mm, tree_visit_fn *fn,
					  void *arg)
{
	struct vr_program *prog = mm.prog;
	uint64_t next_off, start_off, end_off, vma, mark = 0;
	unsigned long count = 0, power = 1, steps = 0;
	struct vr_error *err;

	if (!kobj_offsetof(prog, "struct vm_area_struct", "vm_next", &next_off) ||
	    !kobj_offsetof(prog, "struct vm_area_struct", "vm_start", &start_off) ||
	    !kobj_offsetof(prog, "struct vm_area_struct", "vm_end", &end_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no vm_area_struct.vm_next/vm_start/vm_end");
	err = kobj_read_u64(kobj_member(mm, "mmap"), &vma);
	while (!err && vma) {
		uint64_t start, end;

		if (++count > VR_TREE_NODE_LIMIT)
			return vr_error_create(VR_ERR_LIMIT,
					       "more than %lu VMAs",
					       VR_TREE_NODE_LIMIT);
		if (vma == mark)
			return vr_error_create(VR_ERR_CORRUPT,
					       "VMA list of mm 0x%llx has a cycle",
					       (unsigned long long)kobj_addr(&mm));
		if (++steps == power) {
			mark = vma;
			power *= 2;
			steps = 0;
		}
		err = read_word(prog, vma + start_off, &start);
		if (!err)
			err = read_word(prog, vma + end_off, &end);
		if (err)
			return err;
		if (end <= start)
			return vr_error_create(VR_ERR_CORRUPT,
					       "VMA at 0x%llx ends before it starts",
					       (unsigned long long)vma);
		if (!fn(arg, start, end - 1, vma))
			break;
		err = read_word(prog, vma + next_off, &vma);
	}
	return err;
}

struct vr_error *mm_for_each_vma(struct kobj mm, tree_visit_fn *fn, void *arg)
{
	struct kobj mt;

	if (!kobj_ok(&mm))
		return kobj_error(&mm);
	/* v6.1+: the maple tree mm->mm_mt. */
	mt = kobj_member(mm, "mm_mt");
	if (kobj_ok(&mt))
		return mt_for_each(mm.prog, kobj_addr(&mt), fn, arg);
	return vma_list_for_each(mm, fn, arg);
}
