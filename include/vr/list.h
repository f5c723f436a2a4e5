/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linked-list walks, named as in the kernel: struct list_head (circular,
 * ends at its head), struct hlist_head / hlist_node and struct llist_head /
 * llist_node (NULL-terminated).  Every walk is bounded (VR_LIST_LIMIT
 * entries) and detects cycles (Brent's algorithm), so a corrupt list ends
 * with an error, not a hang.
 *
 *	struct list_iter it;
 *	struct kobj task;
 *
 *	list_for_each_entry(&it, task, prog, head, "struct task_struct", "tasks")
 *		...;
 *	if (it.err) ...	(the walk stopped early: it.err says why)
 *
 * The caller owns it.err once the walk is over (vr_error_destroy()).
 */
#ifndef VR_LIST_H
#define VR_LIST_H

#include "vr/object.h"

#define VR_LIST_LIMIT (1UL << 22)

struct list_iter {
	struct vr_program *prog;
	uint64_t head;		/* address of the list_head / hlist_head */
	uint64_t pos;		/* address of the current node */
	const char *type;	/* containing type */
	uint64_t member_off;	/* offset of the node in it */
	bool null_terminated;	/* hlist, llist: ends at NULL, not at head */
	unsigned long count;
	uint64_t brent_mark;	/* cycle detection checkpoint */
	unsigned long brent_power, brent_steps;
	struct vr_error *err;	/* set when the walk stopped early */
};

/* Start a walk of the list at @head (address of a struct list_head). */
void list_iter_init(struct list_iter *it, struct vr_program *prog,
		    uint64_t head, const char *type, const char *member);
/*
 * Start a walk of the hlist at @head (address of a struct hlist_head):
 * hlist_head.first and hlist_node.next are first members, so the walk
 * follows the word at offset 0 until NULL.
 */
void hlist_iter_init(struct list_iter *it, struct vr_program *prog,
		     uint64_t head, const char *type, const char *member);
/* The same for a struct llist_head (llist_head.first, llist_node.next). */
void llist_iter_init(struct list_iter *it, struct vr_program *prog,
		     uint64_t head, const char *type, const char *member);
/* Next entry as an object of it->type; false at the end or on error. */
bool list_iter_next(struct list_iter *it, struct kobj *entry);

#define list_for_each_entry(it, pos, prog, head, type, member)		\
	for (list_iter_init(it, prog, head, type, member);		\
	     list_iter_next(it, &(pos));)

/*
 * The walk of the list_head object @head (a member of something read
 * from the dump): a failed @head ends it at once with @head's error,
 * instead of walking from address 0.
 */
void list_iter_init_obj(struct list_iter *it, struct kobj head,
			const char *type, const char *member);
#define list_for_each_entry_obj(it, pos, head, type, member)		\
	for (list_iter_init_obj(it, head, type, member);		\
	     list_iter_next(it, &(pos));)

#define hlist_for_each_entry(it, pos, prog, head, type, member)	\
	for (hlist_iter_init(it, prog, head, type, member);		\
	     list_iter_next(it, &(pos));)

#define llist_for_each_entry(it, pos, prog, head, type, member)	\
	for (llist_iter_init(it, prog, head, type, member);		\
	     list_iter_next(it, &(pos));)

/* list_empty() of the list_head at @head. */
struct vr_error *list_empty(struct vr_program *prog, uint64_t head,
			    bool *ret);
/* hlist_empty() / llist_empty(): the head's first pointer is NULL. */
struct vr_error *hlist_empty(struct vr_program *prog, uint64_t head,
			     bool *ret);
static inline struct vr_error *llist_empty(struct vr_program *prog,
					   uint64_t head, bool *ret)
{
	return hlist_empty(prog, head, ret);
}

#endif
