// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/partitions: block/genhd.c show_partition_start() and
 * show_partition(): a header when there is a disk, then each partition
 * (part0 included) with sectors of each disk that has a capacity and is
 * not hidden.
 */
#include <stdlib.h>

#include "vr/block.h"
#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/task_info.h"

static struct vr_error *show_partition(struct strbuf *out, struct kobj disk)
{
	struct vr_program *prog = disk.prog;
	uint64_t hidden = kobj_constant_or(prog, "GENHD_FL_HIDDEN", 1 << 1);
	struct vr_error *err = NULL;
	uint64_t capacity = get_capacity(disk, &err);
	uint64_t flags = kobj_member_u64(disk, "flags", &err);
	uint64_t *parts = NULL;
	size_t n = 0;

	if (err || !capacity || (flags & hidden))
		return err;
	err = disk_parts(disk, &parts, &n);
	for (size_t i = 0; i < n && !err; i++) {
		struct kobj part = kobj_at(prog, "struct block_device",
					   parts[i]);
		uint64_t sectors = bdev_nr_sectors(part, &err);
		uint64_t dev = kobj_member_u64(part, "bd_dev", &err);

		if (err || !sectors)
			continue;
		strbuf_printf(out, "%4u  %7u %10llu ", vr_major(dev),
			      vr_minor(dev), (unsigned long long)(sectors >> 1));
		err = bdev_name(part, out);
		strbuf_putc(out, '\n');
	}
	free(parts);
	return err;
}

static struct vr_error *emit_partitions(struct emit_ctx *ctx)
{
	uint64_t *disks = NULL;
	size_t n = 0;
	struct vr_error *err = for_each_disk(ctx->prog, &disks, &n);

	if (!err && n)
		strbuf_puts(&ctx->out, "major minor  #blocks  name\n\n");
	for (size_t i = 0; i < n && !err; i++)
		err = show_partition(&ctx->out, kobj_at(ctx->prog,
							"struct gendisk",
							disks[i]));
	free(disks);
	return err;
}

static const struct emitter proc_partitions = {
	.path = "proc/partitions",
	.emit = emit_partitions,
};
EMITTER(proc_partitions);
