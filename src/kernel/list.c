// SPDX-License-Identifier: GPL-2.0-or-later
#include "vr/list.h"

void list_iter_init(struct list_iter *it, struct vr_program *prog,
		    uint64_t head, const char *type, const char *member)
{
	*it = (struct list_iter){
		.prog = prog,
		.head = head,
		.pos = head,
		.type = type,
		.brent_mark = head,
		.brent_power = 1,
	};
	if (!kobj_offsetof(prog, type, member, &it->member_off))
		it->err = vr_error_create(VR_ERR_NOT_FOUND,
					  "%s has no member %s", type, member);
}

void list_iter_init_obj(struct list_iter *it, struct kobj head,
			const char *type, const char *member)
{
	list_iter_init(it, head.prog, kobj_addr(&head), type, member);
	if (!kobj_ok(&head) && !it->err)
		it->err = kobj_error(&head);
}

void hlist_iter_init(struct list_iter *it, struct vr_program *prog,
		     uint64_t head, const char *type, const char *member)
{
	list_iter_init(it, prog, head, type, member);
	it->null_terminated = true;
}

void llist_iter_init(struct list_iter *it, struct vr_program *prog,
		     uint64_t head, const char *type, const char *member)
{
	hlist_iter_init(it, prog, head, type, member);
}

/* Brent's cycle detection: true if @pos was seen at the last checkpoint. */
static bool list_cycles(struct list_iter *it)
{
	if (it->pos == it->brent_mark)
		return true;
	if (++it->brent_steps == it->brent_power) {
		it->brent_mark = it->pos;
		it->brent_power *= 2;
		it->brent_steps = 0;
	}
	return false;
}

bool list_iter_next(struct list_iter *it, struct kobj *entry)
{
	uint64_t next;

	if (it->err)
		return false;
	/*
	 * list_head.next, hlist_head.first, hlist_node.next, llist_head.first
	 * and llist_node.next are all first members.
	 */
	it->err = vr_program_read_uint(it->prog, it->pos, it->prog->ptr_size,
				       &next);
	if (it->err)
		return false;
	if (it->null_terminated) {
		if (!next)
			return false;
	} else if (next == it->head) {
		return false;
	} else if (!next) {
		it->err = vr_error_create(VR_ERR_CORRUPT,
					  "NULL next pointer in the list at 0x%llx",
					  (unsigned long long)it->head);
		return false;
	}
	it->pos = next;
	if (++it->count > VR_LIST_LIMIT) {
		it->err = vr_error_create(VR_ERR_LIMIT,
					  "list at 0x%llx longer than %lu entries",
					  (unsigned long long)it->head,
					  VR_LIST_LIMIT);
		return false;
	}
	if (list_cycles(it)) {
		it->err = vr_error_create(VR_ERR_CORRUPT,
					  "list at 0x%llx has a cycle%s",
					  (unsigned long long)it->head,
					  it->null_terminated ? "" :
					  " that does not pass through its head");
		return false;
	}
	*entry = kobj_at(it->prog, it->type, next - it->member_off);
	return true;
}

struct vr_error *list_empty(struct vr_program *prog, uint64_t head, bool *ret)
{
	uint64_t next;
	struct vr_error *err = vr_program_read_uint(prog, head, prog->ptr_size,
						    &next);

	if (!err)
		*ret = next == head;
	return err;
}

struct vr_error *hlist_empty(struct vr_program *prog, uint64_t head,
			     bool *ret)
{
	uint64_t first;
	struct vr_error *err = vr_program_read_uint(prog, head, prog->ptr_size,
						    &first);

	if (!err)
		*ret = first == 0;
	return err;
}
