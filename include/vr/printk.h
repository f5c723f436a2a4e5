/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel log: the records of the printk buffer in sequence order, from
 * the lockless ring buffer `prb` (v5.10+) or the structured `log_buf`
 * (v3.5 - v5.9).
 *
 *	struct printk_iter it;
 *	struct printk_record rec;
 *
 *	printk_for_each_record(&it, &rec, prog)
 *		... rec.ts_nsec, rec.text, rec.text_len ...;
 *	if (it.err) ...		(the walk stopped early: it.err says why)
 *	if (it.nbad) ...	(it.nbad records were corrupt and skipped;
 *				 it.bad says why the first one was)
 *	printk_iter_exit(&it);
 *
 * Every walk is bounded by the size of the buffer it reads: at most one
 * lap of the descriptor ring (or of log_buf), at most 64 KiB of text per
 * record, so a corrupt buffer ends the walk with an error, never a hang.
 */
#ifndef VR_PRINTK_H
#define VR_PRINTK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* text_len is a u16 in struct printk_info and struct printk_log. */
#define PRINTK_TEXT_MAX 65535

struct printk_record {
	uint64_t seq;
	uint64_t ts_nsec;	/* local_clock() at printk time */
	unsigned int facility;	/* syslog facility (0: kernel) */
	unsigned int level;	/* syslog level */
	unsigned int flags;	/* LOG_NEWLINE, LOG_CONT, ... */
	uint32_t caller_id;	/* 0 if the kernel does not record it */
	const char *text;	/* not NUL-terminated; valid until the next record */
	size_t text_len;
};

enum printk_format {
	PRINTK_LOCKLESS,	/* struct printk_ringbuffer prb (v5.10+) */
	PRINTK_LEGACY,		/* struct printk_log in log_buf (v3.5 - v5.9) */
};

struct printk_iter {
	struct vr_program *prog;
	enum printk_format format;
	char *text;		/* PRINTK_TEXT_MAX bytes */
	unsigned long count;	/* records returned */
	unsigned long nbad;	/* corrupt records skipped */
	char bad[160];		/* why the first corrupt record was */
	struct vr_error *err;	/* set when the walk stopped early */
	bool done;

	/* PRINTK_LOCKLESS */
	struct kobj descs;	/* struct prb_desc * */
	struct kobj infos;	/* struct printk_info * */
	uint64_t data;		/* text_data_ring.data */
	unsigned int size_bits;	/* text_data_ring.size_bits */
	unsigned int count_bits;	/* desc_ring.count_bits */
	uint64_t id_mask;	/* DESC_ID_MASK */
	unsigned int flags_shift;	/* DESC_FLAGS_SHIFT */
	uint64_t committed, finalized;	/* enum desc_state values */
	uint64_t id;		/* next descriptor id to look at */
	uint64_t left;		/* descriptors left to look at */
	uint64_t misses;	/* descriptors with another id, since the last good one */
	uint64_t first_miss, miss_sv;

	/* PRINTK_LEGACY */
	const char *hdr_type;	/* "struct printk_log" or "struct log" */
	uint64_t hdr_size;
	uint64_t log_buf;
	uint64_t log_buf_len;
	uint64_t idx;		/* byte offset of the next record */
	uint64_t seq;		/* its sequence number */
	uint64_t next_seq;	/* log_next_seq: where the walk ends */
};

/* Start a walk of the kernel log; the first error is in it->err. */
void printk_iter_init(struct printk_iter *it, struct vr_program *prog);
/* The next record; false at the end or when the walk stopped (it->err). */
bool printk_iter_next(struct printk_iter *it, struct printk_record *rec);
void printk_iter_exit(struct printk_iter *it);

#define printk_for_each_record(it, rec, prog)				\
	for (printk_iter_init(it, prog); printk_iter_next(it, rec);)

/* Writes the prefix of one record's lines ("[    1.234567] ") into @buf. */
typedef void printk_prefix_fn(void *arg, const struct printk_record *rec,
			      char *buf, size_t size);

/*
 * The whole log into @out, every line of every record with its prefix.
 * A walk that stopped early, or skipped corrupt records, ends with a
 * "# vmcore-report: partial - " line saying why; an error only when not
 * one record could be read.
 */
struct vr_error *printk_print_log(struct vr_program *prog, struct strbuf *out,
				  printk_prefix_fn *prefix, void *arg);

/*
 * A record's text as the kernel's syslog interface prints it
 * (record_print_text()): every line of the record after @prefix, ending
 * with a newline.  Bytes `dmesg` would not print as they are (control
 * characters but for tab and newline, invalid UTF-8) are written "\xNN"
 * as util-linux's dmesg writes them.
 */
void printk_format_text(struct strbuf *out, const char *prefix,
			const char *text, size_t len);

/*
 * ktime_mono_to_real(0): the offset, in nanoseconds, from CLOCK_MONOTONIC
 * to CLOCK_REALTIME in the dump (the timekeeper's offs_real).  printk
 * timestamps plus this offset are the wall-clock times `dmesg -T` prints.
 */
struct vr_error *ktime_mono_to_real_offset(struct vr_program *prog,
					   int64_t *ret);

#endif
