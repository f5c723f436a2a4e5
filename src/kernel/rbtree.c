// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Red-black trees (lib/rbtree.c): struct rb_node { __rb_parent_color,
 * rb_right, rb_left }, the parent pointer in __rb_parent_color & ~3.
 */
#include "vr/tree.h"

struct rb_layout {
	uint64_t parent, right, left;
};

static struct vr_error *rb_layout(struct vr_program *prog, struct rb_layout *l)
{
	if (!kobj_offsetof(prog, "struct rb_node", "__rb_parent_color", &l->parent) ||
	    !kobj_offsetof(prog, "struct rb_node", "rb_right", &l->right) ||
	    !kobj_offsetof(prog, "struct rb_node", "rb_left", &l->left))
		return vr_error_create(VR_ERR_NOT_FOUND, "no struct rb_node");
	return NULL;
}

static struct vr_error *word(struct vr_program *prog, uint64_t addr,
			     uint64_t *ret)
{
	return vr_program_read_uint(prog, addr, prog->ptr_size, ret);
}

static struct vr_error *leftmost(struct vr_program *prog,
				 const struct rb_layout *l, uint64_t node,
				 uint64_t *ret)
{
	for (unsigned int depth = 0; node; depth++) {
		uint64_t left;
		struct vr_error *err;

		/* A red-black tree of 2^64 nodes is at most 128 deep. */
		if (depth > 128)
			return vr_error_create(VR_ERR_CORRUPT, "rbtree too deep");
		err = word(prog, node + l->left, &left);
		if (err)
			return err;
		if (!left)
			break;
		node = left;
	}
	*ret = node;
	return NULL;
}

struct vr_error *rb_first(struct vr_program *prog, uint64_t root,
			  uint64_t *node)
{
	struct rb_layout l;
	uint64_t top;
	struct vr_error *err = rb_layout(prog, &l);

	/* struct rb_root { struct rb_node *rb_node; } */
	if (!err)
		err = word(prog, root, &top);
	if (err)
		return err;
	return leftmost(prog, &l, top, node);
}

static struct vr_error *next(struct vr_program *prog, const struct rb_layout *l,
			     uint64_t node, uint64_t *ret)
{
	uint64_t right, parent;
	struct vr_error *err = word(prog, node + l->right, &right);

	if (err)
		return err;
	if (right)
		return leftmost(prog, l, right, ret);
	for (unsigned int depth = 0; depth <= 128; depth++) {
		uint64_t pr;

		err = word(prog, node + l->parent, &parent);
		if (err)
			return err;
		parent &= ~3ULL;
		if (!parent) {
			*ret = 0;
			return NULL;
		}
		err = word(prog, parent + l->right, &pr);
		if (err)
			return err;
		if (pr != node) {
			*ret = parent;
			return NULL;
		}
		node = parent;
	}
	return vr_error_create(VR_ERR_CORRUPT, "rbtree too deep");
}

struct vr_error *rb_next(struct vr_program *prog, uint64_t node, uint64_t *ret)
{
	struct rb_layout l;
	struct vr_error *err = rb_layout(prog, &l);

	return err ? err : next(prog, &l, node, ret);
}

/*
 * In order, each node comes once: a node seen again is a cycle (Brent's
 * algorithm on the sequence of visited nodes), caught within a few times
 * the cycle's length instead of at VR_TREE_NODE_LIMIT.
 */
struct vr_error *rbtree_for_each(struct vr_program *prog, uint64_t root,
				 tree_visit_fn *fn, void *arg)
{
	struct rb_layout l;
	uint64_t node, mark = 0;
	unsigned long count = 0, power = 1, steps = 0;
	struct vr_error *err = rb_layout(prog, &l);

	if (!err)
		err = rb_first(prog, root, &node);
	while (!err && node) {
		if (++count > VR_TREE_NODE_LIMIT)
			return vr_error_create(VR_ERR_LIMIT,
					       "rbtree at 0x%llx: more than %lu nodes",
					       (unsigned long long)root,
					       VR_TREE_NODE_LIMIT);
		if (node == mark)
			return vr_error_create(VR_ERR_CORRUPT,
					       "rbtree at 0x%llx has a cycle",
					       (unsigned long long)root);
		if (++steps == power) {
			mark = node;
			power *= 2;
			steps = 0;
		}
		if (!fn(arg, 0, 0, node))
			break;
		err = next(prog, &l, node, &node);
	}
	return err;
}
