// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/diskstats: block/genhd.c diskstats_show() for each disk, each of
 * its block devices (part0 and the partitions with sectors): the I/O
 * counters summed over the CPUs, times in ms.
 */
#include <stdlib.h>

#include "vr/block.h"
#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/jiffies.h"
#include "vr/task_info.h"

#define NSEC_PER_MSEC	1000000ULL

static struct vr_error *diskstats_show(struct strbuf *out, struct kobj disk,
				       unsigned int hz)
{
	struct vr_program *prog = disk.prog;
	uint64_t *parts = NULL;
	size_t n = 0;
	struct vr_error *err = disk_parts(disk, &parts, &n);

	for (size_t i = 0; i < n && !err; i++) {
		struct kobj hd = kobj_at(prog, "struct block_device", parts[i]);
		uint64_t sectors = bdev_nr_sectors(hd, &err);
		uint64_t partno = bdev_partno(hd, &err);
		uint64_t dev = kobj_member_u64(hd, "bd_dev", &err);
		struct disk_stats st;

		/* bdev_is_partition(hd) && !bdev_nr_sectors(hd) */
		if (err || (partno && !sectors))
			continue;
		/*
		 * An I/O in flight would have update_io_ticks() add the
		 * time since bd_stamp; the dump has no such reader.
		 */
		err = part_stat_read_all(hd, &st);
		if (err)
			break;
		strbuf_printf(out, "%4u %7u ", vr_major(dev), vr_minor(dev));
		err = bdev_name(hd, out);
		strbuf_printf(out, " %llu %llu %llu %u %llu %llu %llu %u "
			      "%u %u %u %llu %llu %llu %u %llu %u\n",
			      (unsigned long long)st.ios[STAT_READ],
			      (unsigned long long)st.merges[STAT_READ],
			      (unsigned long long)st.sectors[STAT_READ],
			      (unsigned int)(st.nsecs[STAT_READ] / NSEC_PER_MSEC),
			      (unsigned long long)st.ios[STAT_WRITE],
			      (unsigned long long)st.merges[STAT_WRITE],
			      (unsigned long long)st.sectors[STAT_WRITE],
			      (unsigned int)(st.nsecs[STAT_WRITE] /
					     NSEC_PER_MSEC),
			      part_in_flight(&st),
			      jiffies_to_msecs(st.io_ticks, hz),
			      (unsigned int)((st.nsecs[STAT_READ] +
					      st.nsecs[STAT_WRITE] +
					      st.nsecs[STAT_DISCARD] +
					      st.nsecs[STAT_FLUSH]) /
					     NSEC_PER_MSEC),
			      (unsigned long long)st.ios[STAT_DISCARD],
			      (unsigned long long)st.merges[STAT_DISCARD],
			      (unsigned long long)st.sectors[STAT_DISCARD],
			      (unsigned int)(st.nsecs[STAT_DISCARD] /
					     NSEC_PER_MSEC),
			      (unsigned long long)st.ios[STAT_FLUSH],
			      (unsigned int)(st.nsecs[STAT_FLUSH] /
					     NSEC_PER_MSEC));
	}
	free(parts);
	return err;
}

static struct vr_error *emit_diskstats(struct emit_ctx *ctx)
{
	uint64_t *disks = NULL;
	unsigned int hz = 0;
	size_t n = 0;
	struct vr_error *err = kernel_hz(ctx->prog, &hz);

	if (!err)
		err = for_each_disk(ctx->prog, &disks, &n);
	for (size_t i = 0; i < n && !err; i++)
		err = diskstats_show(&ctx->out, kobj_at(ctx->prog,
							"struct gendisk",
							disks[i]), hz);
	free(disks);
	return err;
}

static const struct emitter proc_diskstats = {
	.path = "proc/diskstats",
	.emit = emit_diskstats,
};
EMITTER(proc_diskstats);
