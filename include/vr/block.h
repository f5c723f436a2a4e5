/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Block devices, named as in the kernel: the disks of block_class
 * (block/genhd.c disk_seqf_start(): class_dev_iter over the class's
 * klist_devices, disk_type devices only), their partitions (the xarray
 * disk->part_tbl of struct block_device, v5.15+) and per-CPU statistics
 * (block/genhd.c part_stat_read_all()).
 */
#ifndef VR_BLOCK_H
#define VR_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* Bound on the devices of a class, and on the partitions of a disk. */
#define VR_CLASS_DEVICES_MAX	(1UL << 20)
#define VR_DISK_PARTS_MAX	(1UL << 16)

/*
 * The disks (struct gendisk addresses) in class_dev_iter order, in an
 * array the caller frees.
 */
struct vr_error *for_each_disk(struct vr_program *prog, uint64_t **disks,
			       size_t *count);

/* The block devices of disk->part_tbl, part0 first (index order). */
struct vr_error *disk_parts(struct kobj disk, uint64_t **bdevs,
			    size_t *count);

/* bdev_nr_sectors(), bdev_partno(), get_capacity() */
uint64_t bdev_nr_sectors(struct kobj bdev, struct vr_error **err);
uint64_t bdev_partno(struct kobj bdev, struct vr_error **err);
uint64_t get_capacity(struct kobj disk, struct vr_error **err);

/* "%pg": the disk name, then "p" if it ends in a digit, and the partno. */
struct vr_error *bdev_name(struct kobj bdev, struct strbuf *out);

/* enum stat_group */
#define STAT_READ	0
#define STAT_WRITE	1
#define STAT_DISCARD	2
#define STAT_FLUSH	3
#define NR_STAT_GROUPS	4

/* struct disk_stats summed over the possible CPUs. */
struct disk_stats {
	uint64_t nsecs[NR_STAT_GROUPS];
	uint64_t sectors[NR_STAT_GROUPS];
	uint64_t ios[NR_STAT_GROUPS];
	uint64_t merges[NR_STAT_GROUPS];
	uint64_t io_ticks;
	int64_t in_flight[2];
};

/*
 * part_stat_read_all() and part_in_flight(): the sums of bdev->bd_stats
 * over the possible CPUs.  in_flight counts the I/O that the per-CPU
 * counters track (bio-based devices; blk-mq ones before v6.10 count
 * theirs in the tag sets, which are not read).
 */
struct vr_error *part_stat_read_all(struct kobj bdev, struct disk_stats *st);
unsigned int part_in_flight(const struct disk_stats *st);

#endif
