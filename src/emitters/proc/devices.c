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

/* Bound on one hash chain. */
#define DEVICES_CHAIN_MAX	(1U << 16)

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
	uint64_t size;

	if (err)
		return err;
	size = vr_type_unqualified(table.type)->length;
	for (uint64_t i = 0; i < size && !err; i++) {
		uint64_t p = kobj_member_u64(kobj_index(table, i), "", &err);

		for (unsigned int k = 0; p && !err; k++) {
			struct kobj cd = kobj_at(prog, type, p);
			struct major_entry *e;

			if (k >= DEVICES_CHAIN_MAX)
				return vr_error_create(VR_ERR_LIMIT,
						       "%s[%llu]: chain too long",
						       var, (unsigned long long)i);
			if (m->n == m->cap) {
				size_t cap = m->cap ? m->cap * 2 : 64;
				struct major_entry *v = realloc(m->v,
							cap * sizeof(*v));

				if (!v)
					return &vr_enomem;
				m->v = v;
				m->cap = cap;
			}
			e = &m->v[m->n];
			e->major = kobj_member_u64(cd, "major", &err);
			e->order = m->n;
			if (!err)
				err = kobj_read_cstr(kobj_member(cd, "name"),
						     e->name, sizeof(e->name));
			if (!err)
				m->n++;
			p = kobj_member_u64(cd, "next", &err);
		}
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
