// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/devices: fs/proc/devices.c devinfo_show(), the character device
 * majors (fs/char_dev.c chrdev_show(): the chrdevs[] hash) then the block
 * device majors (block/genhd.c blkdev_show(): the major_names[] hash),
 * by major, each chain in its order.
 */
#include <stdlib.h>

#include "vr/emitter.h"
#include "vr/task_info.h"

/* include/linux/fs.h CHRDEV_MAJOR_MAX, BLKDEV_MAJOR_MAX */
#define CHRDEV_MAJOR_MAX	512
#define BLKDEV_MAJOR_MAX	512

/*
 * Bounds on what a corrupt dump can make us read: the tables have
 * CHRDEV_MAJOR_HASH_SIZE and BLKDEV_MAJOR_HASH_SIZE (255) slots, and an
 * entry is a registered range of minors of a major below the MAX above:
 * one per block major (__register_blkdev() refuses a second), a few per
 * char major (the ttys' 4 and 5 have 3 each).  Machines list under 100
 * in all; 4096 in one table is 8 for each possible major.
 */
#define DEVICES_TABLE_MAX	512
#define DEVICES_ENTRIES_MAX	4096

struct major_entry {
	uint64_t major;
	char name[64];
	size_t order;		/* position in the hash walk */
};

struct majors {
	struct major_entry *v;
	size_t n, cap;
};

static int cmp_major(const void *a, const void *b)
{
	const struct major_entry *x = a, *y = b;

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Entry @cd of a table: its major and name, in the walk's order. */
static struct vr_error *add_major(struct majors *m, struct kobj cd)
{
	struct vr_error *err = NULL;
	struct major_entry *e;

	if (m->n == DEVICES_ENTRIES_MAX)
		return vr_error_create(VR_ERR_LIMIT, "more than %u entries",
				       DEVICES_ENTRIES_MAX);
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct major_entry *v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return &vr_enomem;
		m->v = v;
		m->cap = cap;
	}
	e = &m->v[m->n];
	e->major = kobj_member_u64(cd, "major", &err);
	e->order = m->n;
	if (!err)
		err = kobj_read_cstr(kobj_member(cd, "name"), e->name,
				     sizeof(e->name));
	if (!err)
		m->n++;
	return err;
}

/*
 * The chain at @slot: ->next is the first member of both entry types, so
 * it walks as an llist (bounded, cycles detected).
 */
static struct vr_error *read_chain(struct kobj slot, const char *type,
				   struct majors *m)
{
	struct vr_error *err = NULL;
	struct list_iter it;
	struct kobj cd;

	if (!kobj_ok(&slot))
		return kobj_error(&slot);
	llist_for_each_entry(&it, cd, slot.prog, kobj_addr(&slot), type,
			     "next") {
		err = add_major(m, cd);
		if (err)
			break;
	}
	return err ? err : it.err;
}

/*
 * Every entry of the hash table @var (an array of pointers to @type,
 * chained by ->next): what chrdev_show() / blkdev_show() print for each
 * major in turn, the entries of major m being those of chain m % size.
 */
static struct vr_error *read_majors(struct vr_program *prog, const char *var,
				    const char *type, struct majors *m)
{
	struct kobj table = kobj_var(prog, var);
	struct vr_error *err = kobj_error(&table);
	uint64_t size, next;

	if (err)
		return err;
	size = vr_type_unqualified(table.type)->length;
	if (size > DEVICES_TABLE_MAX)
		return vr_error_create(VR_ERR_CORRUPT,
				       "%s has %llu slots, more than %u", var,
				       (unsigned long long)size,
				       DEVICES_TABLE_MAX);
	if (!kobj_offsetof(prog, type, "next", &next) || next)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "%s: next is not its first member", type);
	for (uint64_t i = 0; i < size && !err; i++) {
		err = read_chain(kobj_index(table, i), type, m);
		if (err)
			err = vr_error_wrap(err, "%s[%llu]", var,
					    (unsigned long long)i);
	}
	if (!err && m->n)
		qsort(m->v, m->n, sizeof(*m->v), cmp_major);
	return err;
}

static void show_majors(struct strbuf *out, const struct majors *m,
			uint64_t max)
{
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].major < max)
			strbuf_printf(out, "%3d %s\n", (int)m->v[i].major,
				      m->v[i].name);
	}
}

static struct vr_error *emit_devices(struct emit_ctx *ctx)
{
	struct majors chr = { 0 }, blk = { 0 };
	struct vr_error *err;

	err = read_majors(ctx->prog, "chrdevs", "struct char_device_struct",
			  &chr);
	if (!err) {
		strbuf_puts(&ctx->out, "Character devices:\n");
		show_majors(&ctx->out, &chr, CHRDEV_MAJOR_MAX);
	}
	/* CONFIG_BLOCK */
	if (!err && kobj_has_symbol(ctx->prog, "major_names")) {
		err = read_majors(ctx->prog, "major_names",
				  "struct blk_major_name", &blk);
		if (!err) {
			strbuf_puts(&ctx->out, "\nBlock devices:\n");
			show_majors(&ctx->out, &blk, BLKDEV_MAJOR_MAX);
		}
	}
	free(chr.v);
	free(blk.v);
	return err;
}

static const struct emitter proc_devices = {
	.path = "proc/devices",
	.emit = emit_devices,
};
EMITTER(proc_devices);
