// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Block devices: block_class's devices (drivers/base/class.c
 * class_dev_iter_next(), lib/klist.c), a disk's partitions and its
 * statistics (block/genhd.c), "%pg" (lib/vsprintf.c bdev_name()).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vr/block.h"
#include "vr/list.h"
#include "vr/percpu.h"
#include "vr/task_info.h"
#include "vr/tree.h"

/* lib/klist.c: a node being removed. */
#define KNODE_DEAD	1UL

/* include/linux/blk_types.h BD_PARTNO (v6.10+) */
#define BD_PARTNO	255

struct addr_list {
	uint64_t *v;
	size_t n, cap, max;
	struct vr_error *err;
};

static bool add_addr(struct addr_list *l, uint64_t a)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		uint64_t *v;

		if (l->n >= l->max) {
			l->err = vr_error_create(VR_ERR_LIMIT,
						 "more than %zu entries",
						 l->max);
			return false;
		}
		v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->err = &vr_enomem;
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = a;
	return true;
}

/*
 * class_to_subsys(&block_class): block_class.p before v6.4; since, the
 * subsys_private in class_kset's list whose ->class is block_class.
 */
static struct vr_error *block_class_subsys(struct vr_program *prog,
					   struct kobj *sp)
{
	struct kobj class = kobj_var(prog, "block_class");
	struct kobj kset, kobj, head;
	uint64_t off, kset_kobj_off;
	struct list_iter it;

	if (!kobj_ok(&class))
		return kobj_error(&class);
	if (kobj_has_member(prog, "struct class", "p")) {
		*sp = kobj_deref(kobj_member(class, "p"));
		return kobj_error(sp);
	}
	kset = kobj_deref(kobj_var(prog, "class_kset"));
	if (!kobj_ok(&kset))
		return kobj_error(&kset);
	if (!kobj_offsetof(prog, "struct subsys_private", "subsys", &off) ||
	    !kobj_offsetof(prog, "struct kset", "kobj", &kset_kobj_off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no subsys_private.subsys.kobj");
	head = kobj_member(kset, "list");
	if (!kobj_ok(&head))
		return kobj_error(&head);
	/* The kobjects of class_kset->list are the classes' subsys.kobj. */
	list_for_each_entry(&it, kobj, prog, kobj_addr(&head), "struct kobject",
			    "entry") {
		struct vr_error *err = NULL;
		struct kobj p = kobj_at(prog, "struct subsys_private",
					kobj_addr(&kobj) - off -
					kset_kobj_off);
		uint64_t c = kobj_member_u64(p, "class", &err);

		if (err)
			return err;
		if (c == kobj_addr(&class)) {
			*sp = p;
			return NULL;
		}
	}
	if (it.err)
		return it.err;
	return vr_error_create(VR_ERR_NOT_FOUND, "block_class not registered");
}

struct vr_error *for_each_disk(struct vr_program *prog, uint64_t **disks,
			       size_t *count)
{
	struct addr_list l = { .max = VR_CLASS_DEVICES_MAX };
	struct vr_error *err;
	uint64_t disk_type = 0;
	struct kobj sp, node, head;
	struct list_iter it;

	err = block_class_subsys(prog, &sp);
	if (!err)
		err = vr_program_symbol(prog, "disk_type", &disk_type);
	if (err)
		return err;
	head = kobj_member(sp, "klist_devices.k_list");
	if (!kobj_ok(&head))
		return kobj_error(&head);
	list_for_each_entry(&it, node, prog, kobj_addr(&head),
			    "struct klist_node", "n_node") {
		uint64_t klist = kobj_member_u64(node, "n_klist", &err);
		struct kobj priv, dev, bdev;
		uint64_t type;

		if (err)
			break;
		if (klist & KNODE_DEAD)
			continue;
		priv = kobj_container_of_addr(prog, kobj_addr(&node),
					      "struct device_private",
					      "knode_class");
		dev = kobj_deref(kobj_member(priv, "device"));
		type = kobj_member_u64(dev, "type", &err);
		if (err)
			break;
		if (type != disk_type)
			continue;
		/* dev_to_disk(): dev_to_bdev(dev)->bd_disk */
		bdev = kobj_container_of_addr(prog, kobj_addr(&dev),
					      "struct block_device",
					      "bd_device");
		if (!add_addr(&l, kobj_member_u64(bdev, "bd_disk", &err)) ||
		    err)
			break;
	}
	if (!err)
		err = it.err ? it.err : l.err;
	if (err) {
		free(l.v);
		return err;
	}
	*disks = l.v;
	*count = l.n;
	return NULL;
}

static bool visit_part(void *arg, uint64_t first, uint64_t last,
		       uint64_t entry)
{
	(void)first;
	(void)last;
	return add_addr(arg, entry);
}

struct vr_error *disk_parts(struct kobj disk, uint64_t **bdevs,
			    size_t *count)
{
	struct addr_list l = { .max = VR_DISK_PARTS_MAX };
	struct kobj tbl = kobj_member(disk, "part_tbl");
	struct vr_error *err = kobj_error(&tbl);

	if (!err)
		err = xa_for_each(disk.prog, kobj_addr(&tbl), visit_part, &l);
	if (!err)
		err = l.err;
	if (err) {
		free(l.v);
		return err;
	}
	*bdevs = l.v;
	*count = l.n;
	return NULL;
}

uint64_t bdev_nr_sectors(struct kobj bdev, struct vr_error **err)
{
	/* v5.17+: bd_nr_sectors; before, the size of the bdev inode. */
	if (!kobj_has_member(bdev.prog, "struct block_device", "bd_nr_sectors"))
		return kobj_member_u64(bdev, "bd_inode->i_size", err) >> 9;
	return kobj_member_u64(bdev, "bd_nr_sectors", err);
}

uint64_t bdev_partno(struct kobj bdev, struct vr_error **err)
{
	/* v6.10+: the low bits of __bd_flags; bd_partno before. */
	if (kobj_has_member(bdev.prog, "struct block_device", "__bd_flags"))
		return kobj_member_u64(bdev, "__bd_flags", err) & BD_PARTNO;
	return kobj_member_u64(bdev, "bd_partno", err);
}

uint64_t get_capacity(struct kobj disk, struct vr_error **err)
{
	return bdev_nr_sectors(kobj_deref(kobj_member(disk, "part0")), err);
}

struct vr_error *bdev_name(struct kobj bdev, struct strbuf *out)
{
	struct vr_error *err = NULL;
	uint64_t partno = bdev_partno(bdev, &err);
	char name[64];
	size_t len;

	if (!err)
		err = kobj_read_cstr(kobj_member(bdev, "bd_disk->disk_name"),
				     name, sizeof(name));
	if (err)
		return err;
	strbuf_puts(out, name);
	len = strlen(name);
	if (partno) {
		if (len && isdigit((unsigned char)name[len - 1]))
			strbuf_putc(out, 'p');
		strbuf_printf(out, "%llu", (unsigned long long)partno);
	}
	return NULL;
}

static void add_array(struct kobj st, const char *member, uint64_t *sum,
		      unsigned int n, struct vr_error **err)
{
	struct kobj a = kobj_member(st, member);

	for (unsigned int i = 0; i < n && !*err; i++) {
		uint64_t v = 0;

		*err = kobj_read_u64(kobj_index(a, i), &v);
		sum[i] += v;
	}
}

/*
 * local_read(): local_t is { atomic_long_t a; } (asm-generic: x86_64,
 * arm64, s390) or { long v; } (powerpc).
 */
static int64_t local_read(struct kobj l, struct vr_error **err)
{
	struct kobj a = kobj_member(l, "a");

	if (a.err == VR_ERR_NOT_FOUND)
		return kobj_member_s64(l, "v", err);
	return kobj_member_s64(l, "a", err);
}

struct vr_error *part_stat_read_all(struct kobj bdev, struct disk_stats *st)
{
	struct kobj stats = kobj_member(bdev, "bd_stats");
	struct cpumask_set possible;
	struct vr_error *err;
	unsigned int cpu;

	memset(st, 0, sizeof(*st));
	err = kobj_error(&stats);
	if (!err)
		err = cpu_possible_mask(bdev.prog, &possible);
	if (err)
		return err;
	for_each_cpu(cpu, &possible) {
		struct kobj p = per_cpu_ptr(stats, cpu);

		add_array(p, "nsecs", st->nsecs, NR_STAT_GROUPS, &err);
		add_array(p, "sectors", st->sectors, NR_STAT_GROUPS, &err);
		add_array(p, "ios", st->ios, NR_STAT_GROUPS, &err);
		add_array(p, "merges", st->merges, NR_STAT_GROUPS, &err);
		st->io_ticks += kobj_member_u64(p, "io_ticks", &err);
		st->in_flight[0] += local_read(kobj_member(p, "in_flight[0]"),
					       &err);
		st->in_flight[1] += local_read(kobj_member(p, "in_flight[1]"),
					       &err);
		if (err)
			return err;
	}
	return NULL;
}

unsigned int part_in_flight(const struct disk_stats *st)
{
	unsigned int inflight = (unsigned int)(st->in_flight[0] +
					       st->in_flight[1]);

	return (int)inflight < 0 ? 0 : inflight;
}
