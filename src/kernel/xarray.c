// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xarray (lib/xarray.c, v4.17+; the radix tree is one since v4.20):
 * xa_head is an entry or an internal pointer to a struct xa_node whose
 * slots[] (XA_CHUNK_SIZE, 64 unless CONFIG_BASE_SMALL) hold entries,
 * sibling entries of multi-index entries, or deeper nodes.
 *
 * The radix tree before v4.20 (lib/radix-tree.c) has the same shape with
 * its own types and tags: struct radix_tree_root.rnode is an entry or a
 * struct radix_tree_node pointer tagged with RADIX_TREE_INTERNAL_NODE (1;
 * bit 1 marks exceptional entries), and a sibling entry (multi-order
 * entries, v4.6+) is an internal pointer to the slot that holds the entry.
 * We read the layout with radix_tree_node.shift (v4.7 to v4.19); the older
 * one (height / path) is refused.
 *
 * A node's shift is a multiple of the chunk shift and each child's shift
 * is its parent's less the chunk shift, so a walk is at most 64 /
 * chunk_shift + 1 deep and a pointer back up the tree is caught at once.
 */
#include "vr/tree.h"
#include "vr/util.h"

/* Offsets and sizes the walk needs, looked up once per walk. */
struct xa_layout {
	bool radix;			/* pre-v4.20 radix_tree_node */
	uint64_t head_off;		/* xarray.xa_head, radix_tree_root.rnode */
	uint64_t shift_off;		/* xa_node.shift, radix_tree_node.shift */
	uint64_t slots_off;		/* xa_node.slots, radix_tree_node.slots */
	unsigned int chunk_shift;	/* log2(ARRAY_SIZE(slots)) */
};

static struct vr_error *xa_layout(struct vr_program *prog, bool radix,
				  struct xa_layout *l)
{
	const char *root = radix ? "struct radix_tree_root" : "struct xarray";
	const char *node = radix ? "struct radix_tree_node" : "struct xa_node";
	struct kobj slots = kobj_member(kobj_at(prog, node, 0), "slots");
	uint64_t n;

	l->radix = radix;
	if (!kobj_ok(&slots))
		return kobj_error(&slots);
	if (!kobj_offsetof(prog, root, radix ? "rnode" : "xa_head",
			   &l->head_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "%s layout not found",
				       root);
	if (!kobj_offsetof(prog, node, "shift", &l->shift_off))
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "%s has no shift (before v4.7): not supported",
				       node);
	l->slots_off = slots.addr;
	n = vr_type_unqualified(slots.type)->length;
	for (l->chunk_shift = 0; (1ULL << l->chunk_shift) < n; l->chunk_shift++)
		;
	if (n != 1ULL << l->chunk_shift || !l->chunk_shift ||
	    l->chunk_shift > 8)
		return vr_error_create(VR_ERR_CORRUPT, "%s has %llu slots",
				       node, (unsigned long long)n);
	return NULL;
}

static struct vr_error *read_ptr(struct vr_program *prog, uint64_t addr,
				 uint64_t *ret)
{
	return vr_program_read_uint(prog, addr, prog->ptr_size, ret);
}

/* xa_is_node() / radix_tree_is_internal_node() of a real node. */
static bool is_node(const struct xa_layout *l, uint64_t e)
{
	if (l->radix)
		return (e & 3) == 1 && e > 4096;
	return xa_is_node(e);
}

/* Nothing to report: NULL, XA_ZERO_ENTRY, retry and other internal entries. */
static bool is_skipped(const struct xa_layout *l, uint64_t e)
{
	if (!e)
		return true;
	if (l->radix)
		return (e & 3) == 1 && e <= 4096;
	return xa_is_zero(e) || (xa_is_internal(e) && e <= 4096);
}

/*
 * A sibling entry: the slot of @node that holds the entry (xarray: an
 * internal entry below 256 is the slot number; radix tree: an internal
 * pointer into the node's own slots).
 */
static bool sibling_slot(struct vr_program *prog, const struct xa_layout *l,
			 uint64_t node, uint64_t e, uint64_t *slot)
{
	uint64_t base = node + l->slots_off, p = e - 1;

	if (!l->radix) {
		if (!xa_is_internal(e) || e >= 256)
			return false;
		*slot = (e >> 2) & ((1ULL << l->chunk_shift) - 1);
		return true;
	}
	if ((e & 3) != 1 || p < base ||
	    p >= base + (prog->ptr_size << l->chunk_shift))
		return false;
	*slot = (p - base) / prog->ptr_size;
	return true;
}

/*
 * The node an internal node entry points to, and its shift: a multiple of
 * the chunk shift below 64, and @want_shift unless the node is the @top.
 */
static struct vr_error *xa_node(struct vr_program *prog,
				const struct xa_layout *l, uint64_t entry,
				unsigned int want_shift, bool top,
				uint64_t *node, unsigned int *shift)
{
	uint64_t v;
	struct vr_error *err;

	*node = entry - (l->radix ? 1 : 2);
	err = vr_program_read_uint(prog, *node + l->shift_off, 1, &v);
	if (err)
		return err;
	if (v % l->chunk_shift || v >= 64 || (!top && v != want_shift))
		return vr_error_create(VR_ERR_CORRUPT,
				       "%s at 0x%llx has shift %llu%s",
				       l->radix ? "radix_tree_node" : "xa_node",
				       (unsigned long long)*node,
				       (unsigned long long)v,
				       top ? "" : " (a cycle or a bad pointer)");
	*shift = (unsigned int)v;
	return NULL;
}

static struct vr_error *load(struct vr_program *prog, bool radix, uint64_t xa,
			     uint64_t index, uint64_t *entry)
{
	struct xa_layout l;
	uint64_t e;
	struct vr_error *err = xa_layout(prog, radix, &l);
	unsigned int shift = 0;
	bool top = true;

	if (!err)
		err = read_ptr(prog, xa + l.head_off, &e);
	if (err)
		return err;
	if (!is_node(&l, e)) {
		*entry = index == 0 && !is_skipped(&l, e) ? e : 0;
		return NULL;
	}
	/* Shifts go down by chunk_shift: at most 64 / chunk_shift + 1 nodes. */
	while (is_node(&l, e)) {
		uint64_t node, offset, slot;

		err = xa_node(prog, &l, e, shift - l.chunk_shift, top, &node,
			      &shift);
		if (err)
			return err;
		if (top && shift + l.chunk_shift < 64 &&
		    index >> (shift + l.chunk_shift)) {
			*entry = 0;
			return NULL;
		}
		top = false;
		offset = (index >> shift) & ((1ULL << l.chunk_shift) - 1);
		err = read_ptr(prog, node + l.slots_off + offset * prog->ptr_size,
			       &e);
		/* A sibling entry points at the slot that holds the entry. */
		if (!err && sibling_slot(prog, &l, node, e, &slot))
			err = read_ptr(prog, node + l.slots_off +
					     slot * prog->ptr_size, &e);
		if (err)
			return err;
		if (shift == 0)
			break;
	}
	*entry = is_skipped(&l, e) || is_node(&l, e) ? 0 : e;
	return NULL;
}

struct vr_error *xa_load(struct vr_program *prog, uint64_t xa, uint64_t index,
			 uint64_t *entry)
{
	return load(prog, false, xa, index, entry);
}

struct xa_walk {
	struct vr_program *prog;
	struct xa_layout l;
	tree_visit_fn *fn;
	void *arg;
	unsigned long nodes;
	bool stop;
};

static struct vr_error *xa_walk_node(struct xa_walk *w, uint64_t entry,
				     uint64_t base, unsigned int want_shift,
				     bool top)
{
	uint64_t node, n = 1ULL << w->l.chunk_shift;
	unsigned int shift;
	struct vr_error *err;

	if (++w->nodes > VR_TREE_NODE_LIMIT)
		return vr_error_create(VR_ERR_LIMIT,
				       "xarray walk: more than %lu nodes",
				       VR_TREE_NODE_LIMIT);
	err = xa_node(w->prog, &w->l, entry, want_shift, top, &node, &shift);
	if (err)
		return err;
	for (uint64_t i = 0; i < n && !w->stop; i++) {
		uint64_t e, slot, index = base + (i << shift);

		err = read_ptr(w->prog, node + w->l.slots_off +
					i * w->prog->ptr_size, &e);
		if (err)
			return err;
		if (is_skipped(&w->l, e) ||
		    sibling_slot(w->prog, &w->l, node, e, &slot))
			continue;
		if (is_node(&w->l, e)) {
			/* A node entry in a leaf node is corrupt. */
			if (!shift)
				return vr_error_create(VR_ERR_CORRUPT,
						       "node entry in a leaf at 0x%llx",
						       (unsigned long long)node);
			err = xa_walk_node(w, e, index, shift - w->l.chunk_shift,
					   false);
			if (err)
				return err;
			continue;
		}
		w->stop = !w->fn(w->arg, index, index, e);
	}
	return NULL;
}

static struct vr_error *for_each(struct vr_program *prog, bool radix,
				 uint64_t xa, tree_visit_fn *fn, void *arg)
{
	struct xa_walk w = { .prog = prog, .fn = fn, .arg = arg };
	struct vr_error *err = xa_layout(prog, radix, &w.l);
	uint64_t head;

	if (!err)
		err = read_ptr(prog, xa + w.l.head_off, &head);
	if (err)
		return err;
	if (is_node(&w.l, head))
		return xa_walk_node(&w, head, 0, 0, true);
	if (!is_skipped(&w.l, head))
		fn(arg, 0, 0, head);
	return NULL;
}

struct vr_error *xa_for_each(struct vr_program *prog, uint64_t xa,
			     tree_visit_fn *fn, void *arg)
{
	return for_each(prog, false, xa, fn, arg);
}

/* Before v4.20 a radix_tree_root has an rnode: its own node format. */
static bool radix_pre_xarray(struct vr_program *prog)
{
	return kobj_has_member(prog, "struct radix_tree_root", "rnode");
}

struct vr_error *radix_tree_lookup(struct vr_program *prog, uint64_t root,
				   uint64_t index, uint64_t *entry)
{
	return load(prog, radix_pre_xarray(prog), root, index, entry);
}

struct vr_error *radix_tree_for_each(struct vr_program *prog, uint64_t root,
				     tree_visit_fn *fn, void *arg)
{
	return for_each(prog, radix_pre_xarray(prog), root, fn, arg);
}

/* idr_rt and the id of its index 0 (idr_base, v4.16+; 0 before). */
static struct vr_error *idr_root(struct vr_program *prog, uint64_t idr,
				 uint64_t *rt, uint64_t *base)
{
	struct kobj o = kobj_at(prog, "struct idr", idr);
	struct kobj r = kobj_member(o, "idr_rt");
	struct vr_error *err;

	*base = 0;
	if (kobj_has_member(prog, "struct idr", "idr_base")) {
		err = kobj_read_u64(kobj_member(o, "idr_base"), base);
		if (err)
			return err;
	}
	if (!kobj_ok(&r))
		return kobj_error(&r);
	*rt = kobj_addr(&r);
	return NULL;
}

struct vr_error *idr_find(struct vr_program *prog, uint64_t idr, uint64_t id,
			  uint64_t *entry)
{
	uint64_t rt, base;
	struct vr_error *err = idr_root(prog, idr, &rt, &base);

	if (err)
		return err;
	if (id < base) {
		*entry = 0;
		return NULL;
	}
	return radix_tree_lookup(prog, rt, id - base, entry);
}

struct idr_walk {
	tree_visit_fn *fn;
	void *arg;
	uint64_t base;
};

static bool idr_visit(void *arg, uint64_t first, uint64_t last,
		      uint64_t entry)
{
	struct idr_walk *w = arg;

	return w->fn(w->arg, first + w->base, last + w->base, entry);
}

struct vr_error *idr_for_each(struct vr_program *prog, uint64_t idr,
			      tree_visit_fn *fn, void *arg)
{
	struct idr_walk w = { .fn = fn, .arg = arg };
	uint64_t rt;
	struct vr_error *err = idr_root(prog, idr, &rt, &w.base);

	return err ? err : radix_tree_for_each(prog, rt, idr_visit, &w);
}
