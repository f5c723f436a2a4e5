// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xarray (lib/xarray.c, v4.17+; the radix tree is one since v4.20):
 * xa_head is an entry or an internal pointer to a struct xa_node whose
 * slots[] (XA_CHUNK_SIZE, 64 unless CONFIG_BASE_SMALL) hold entries,
 * sibling entries of multi-index entries, or deeper nodes.
 */
#include "vr/tree.h"
#include "vr/util.h"

/* Offsets and sizes the walk needs, looked up once per walk. */
struct xa_layout {
	uint64_t head_off;		/* xarray.xa_head */
	uint64_t shift_off;		/* xa_node.shift */
	uint64_t slots_off;		/* xa_node.slots */
	unsigned int chunk_shift;	/* log2(ARRAY_SIZE(slots)) */
};

static struct vr_error *xa_layout(struct vr_program *prog,
				  struct xa_layout *l)
{
	struct kobj slots = kobj_member(kobj_at(prog, "struct xa_node", 0),
					"slots");
	uint64_t n;

	if (!kobj_ok(&slots))
		return kobj_error(&slots);
	if (!kobj_offsetof(prog, "struct xarray", "xa_head", &l->head_off) ||
	    !kobj_offsetof(prog, "struct xa_node", "shift", &l->shift_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "struct xarray/xa_node layout not found");
	l->slots_off = slots.addr;
	n = vr_type_unqualified(slots.type)->length;
	for (l->chunk_shift = 0; (1ULL << l->chunk_shift) < n; l->chunk_shift++)
		;
	if (n != 1ULL << l->chunk_shift || l->chunk_shift > 8)
		return vr_error_create(VR_ERR_CORRUPT,
				       "xa_node has %llu slots",
				       (unsigned long long)n);
	return NULL;
}

static struct vr_error *read_ptr(struct vr_program *prog, uint64_t addr,
				 uint64_t *ret)
{
	return vr_program_read_uint(prog, addr, prog->ptr_size, ret);
}

/* The node an internal node entry points to, and its shift. */
static struct vr_error *xa_node(struct vr_program *prog,
				const struct xa_layout *l, uint64_t entry,
				uint64_t *node, unsigned int *shift)
{
	uint64_t v;
	struct vr_error *err;

	*node = entry - 2;
	err = vr_program_read_uint(prog, *node + l->shift_off, 1, &v);
	if (err)
		return err;
	if (v % l->chunk_shift || v >= 64)
		return vr_error_create(VR_ERR_CORRUPT,
				       "xa_node at 0x%llx has shift %llu",
				       (unsigned long long)*node,
				       (unsigned long long)v);
	*shift = (unsigned int)v;
	return NULL;
}

struct vr_error *xa_load(struct vr_program *prog, uint64_t xa, uint64_t index,
			 uint64_t *entry)
{
	struct xa_layout l;
	uint64_t e;
	struct vr_error *err = xa_layout(prog, &l);
	unsigned int depth = 0;

	if (!err)
		err = read_ptr(prog, xa + l.head_off, &e);
	if (err)
		return err;
	if (!xa_is_node(e)) {
		*entry = index == 0 ? e : 0;
		return NULL;
	}
	while (xa_is_node(e)) {
		uint64_t node, offset;
		unsigned int shift;

		if (++depth > 64 / l.chunk_shift + 1)
			return vr_error_create(VR_ERR_CORRUPT,
					       "xarray at 0x%llx too deep",
					       (unsigned long long)xa);
		err = xa_node(prog, &l, e, &node, &shift);
		if (err)
			return err;
		if (depth == 1 && shift + l.chunk_shift < 64 &&
		    index >> (shift + l.chunk_shift)) {
			*entry = 0;
			return NULL;
		}
		offset = (index >> shift) & ((1ULL << l.chunk_shift) - 1);
		err = read_ptr(prog, node + l.slots_off + offset * prog->ptr_size,
			       &e);
		/* A sibling entry points at the slot that holds the entry. */
		if (!err && xa_is_internal(e) && e < 256)
			err = read_ptr(prog, node + l.slots_off +
					     (e >> 2) * prog->ptr_size, &e);
		if (err)
			return err;
		if (shift == 0)
			break;
	}
	*entry = xa_is_zero(e) ? 0 : e;
	return NULL;
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
				     uint64_t base, unsigned int depth)
{
	uint64_t node, n = 1ULL << w->l.chunk_shift;
	unsigned int shift;
	struct vr_error *err;

	if (depth > 64 / w->l.chunk_shift + 1 || ++w->nodes > VR_TREE_NODE_LIMIT)
		return vr_error_create(VR_ERR_LIMIT, "xarray walk too deep or too large");
	err = xa_node(w->prog, &w->l, entry, &node, &shift);
	if (err)
		return err;
	for (uint64_t i = 0; i < n && !w->stop; i++) {
		uint64_t e, index = base + (i << shift);

		err = read_ptr(w->prog, node + w->l.slots_off +
					i * w->prog->ptr_size, &e);
		if (err)
			return err;
		if (!e || xa_is_zero(e) || (xa_is_internal(e) && e < 4096))
			continue;	/* empty, reserved, sibling or retry */
		if (shift && xa_is_node(e)) {
			err = xa_walk_node(w, e, index, depth + 1);
			if (err)
				return err;
			continue;
		}
		w->stop = !w->fn(w->arg, index, index, e);
	}
	return NULL;
}

struct vr_error *xa_for_each(struct vr_program *prog, uint64_t xa,
			     tree_visit_fn *fn, void *arg)
{
	struct xa_walk w = { .prog = prog, .fn = fn, .arg = arg };
	struct vr_error *err = xa_layout(prog, &w.l);
	uint64_t head;

	if (!err)
		err = read_ptr(prog, xa + w.l.head_off, &head);
	if (err)
		return err;
	if (xa_is_node(head))
		return xa_walk_node(&w, head, 0, 0);
	if (head && !xa_is_zero(head))
		fn(arg, 0, 0, head);
	return NULL;
}

struct vr_error *radix_tree_lookup(struct vr_program *prog, uint64_t root,
				   uint64_t index, uint64_t *entry)
{
	/* Before v4.20 a radix_tree_root had its own node format. */
	if (kobj_has_member(prog, "struct radix_tree_root", "rnode"))
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "radix trees before v4.20 are not supported");
	return xa_load(prog, root, index, entry);
}

struct vr_error *idr_find(struct vr_program *prog, uint64_t idr, uint64_t id,
			  uint64_t *entry)
{
	struct kobj o = kobj_at(prog, "struct idr", idr);
	uint64_t base = 0;
	struct kobj rt = kobj_member(o, "idr_rt");
	struct vr_error *err;

	/* idr_base since v4.16. */
	if (kobj_has_member(prog, "struct idr", "idr_base")) {
		err = kobj_read_u64(kobj_member(o, "idr_base"), &base);
		if (err)
			return err;
	}
	if (!kobj_ok(&rt))
		return kobj_error(&rt);
	if (id < base) {
		*entry = 0;
		return NULL;
	}
	return radix_tree_lookup(prog, kobj_addr(&rt), id - base, entry);
}
