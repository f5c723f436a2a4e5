// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * makedumpfile's flattened format ("makedumpfile -F", and what QEMU < 8.2
 * writes for its kdump formats): a 4096-byte header starting with the
 * signature "makedumpfile", big-endian int64 type (1) and version (1);
 * then records of big-endian {int64 offset, int64 size} each followed by
 * @size bytes that belong at @offset of the rebuilt file; an offset of -1
 * ends the stream.
 *
 * On open, one pass over the record headers builds an extent map from
 * logical offsets to file offsets; reads then resolve in place.  Where
 * records overlap, the later one wins (as when the file is rebuilt).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

#define FLAT_SIGNATURE		"makedumpfile"
#define FLAT_HEADER_SIZE	4096
#define FLAT_TYPE		1
#define FLAT_VERSION		1
#define FLAT_WINDOW		(64u << 10)

bool vr_flattened_probe(const void *head, size_t len)
{
	return len >= 16 && !memcmp(head, FLAT_SIGNATURE, 12) &&
	       !memcmp((const char *)head + 12, "\0\0\0\0", 4);
}

/* A read window over the file, so small records cost no extra syscalls. */
struct window {
	unsigned char *buf;
	uint64_t off;
	size_t len;
};

static struct vr_error *window_get(struct vr_input *in, struct window *w,
				   uint64_t pos, const unsigned char **ret)
{
	struct vr_error *err;
	size_t n;

	if (pos >= w->off && pos - w->off + 16 <= w->len) {
		*ret = w->buf + (pos - w->off);
		return NULL;
	}
	n = (size_t)min((uint64_t)FLAT_WINDOW, in->file_size - pos);
	err = vr_file_pread(in, w->buf, n, pos);
	if (err)
		return err;
	w->off = pos;
	w->len = n;
	*ret = w->buf;
	return NULL;
}

struct records {
	struct vr_extent *v;
	size_t n, cap;
	uint64_t max;		/* flat_records_max() */
	uint64_t end;		/* logical size */
};

/*
 * VR_MAX_FLAT_RECORDS, or one record per 4 KiB of the file for a bigger
 * one: the index stays within 1% of the file's size, whatever its size.
 */
static uint64_t flat_records_max(const struct vr_input *in)
{
	return max((uint64_t)VR_MAX_FLAT_RECORDS, in->file_size / 4096);
}

/* A record with data; one of none writes nothing (makedumpfile -R). */
static struct vr_error *add_record(struct records *r, uint64_t dest,
				   uint64_t size, uint64_t file_off)
{
	if (!size)
		return NULL;
	if (r->n == r->max)
		return vr_error_create(VR_ERR_LIMIT,
				       "more than %llu flattened records: rebuild the file with makedumpfile -R",
				       (unsigned long long)r->max);
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;
		struct vr_extent *v;

		v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return &vr_enomem;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n] = (struct vr_extent){
		.start = dest, .len = size, .off = file_off,
		.prio = (int64_t)r->n, .kind = VR_EXTENT_DATA,
	};
	r->n++;
	r->end = max(r->end, dest + size);
	return NULL;
}

static struct vr_error *check_header(struct vr_input *in)
{
	unsigned char head[32];
	struct vr_error *err;
	uint64_t type, version;

	if (in->file_size < FLAT_HEADER_SIZE)
		return vr_error_create(VR_ERR_TRUNCATED,
				       "%s: flattened header cut short",
				       in->path);
	err = vr_file_pread(in, head, sizeof(head), 0);
	if (err)
		return err;
	type = vr_get64(head + 16, 1);
	version = vr_get64(head + 24, 1);
	if (type != FLAT_TYPE || version != FLAT_VERSION)
		return vr_error_create(VR_ERR_FORMAT,
			"%s: unknown flattened format type %llu version %llu",
			in->path, (unsigned long long)type,
			(unsigned long long)version);
	return NULL;
}

/* Index one record; *done is set at the end marker or the end of the file. */
static struct vr_error *read_record(struct vr_input *in, struct window *w,
				    struct records *r, uint64_t *pos,
				    struct vr_warnings *warn, bool *done)
{
	const unsigned char *h;
	struct vr_error *err;
	int64_t dest, size;
	uint64_t avail;

	*done = true;
	if (*pos == in->file_size) {
		vr_warn(warn, "%s: truncated: the flattened file has no end marker",
			in->path);
		return NULL;
	}
	if (in->file_size - *pos < 16) {
		vr_warn(warn, "%s: truncated: the flattened file ends inside a record header at 0x%llx",
			in->path, (unsigned long long)*pos);
		return NULL;
	}
	err = window_get(in, w, *pos, &h);
	if (err)
		return err;
	dest = (int64_t)vr_get64(h, 1);
	size = (int64_t)vr_get64(h + 8, 1);
	if (dest == -1) {
		in->flat_complete = true;
		return NULL;
	}
	if (dest < 0 || size < 0 || size > INT64_MAX - dest)
		return vr_error_create(VR_ERR_CORRUPT,
			"%s: bad flattened record at 0x%llx: offset %lld size %lld",
			in->path, (unsigned long long)*pos, (long long)dest,
			(long long)size);
	*pos += 16;
	avail = in->file_size - *pos;
	if ((uint64_t)size > avail) {
		vr_warn(warn, "%s: truncated: the flattened file ends inside a record (0x%llx of 0x%llx bytes for offset 0x%llx)",
			in->path, (unsigned long long)avail,
			(unsigned long long)size, (unsigned long long)dest);
		return add_record(r, (uint64_t)dest, avail, *pos);
	}
	err = add_record(r, (uint64_t)dest, (uint64_t)size, *pos);
	*pos += (uint64_t)size;
	*done = false;
	return err;
}

struct vr_error *vr_flattened_index(struct vr_input *in,
				    struct vr_warnings *warn)
{
	struct window w = { .buf = malloc(FLAT_WINDOW) };
	struct records r = { .max = flat_records_max(in) };
	uint64_t pos = FLAT_HEADER_SIZE;
	struct vr_error *err;
	bool done = false;

	if (!w.buf)
		return &vr_enomem;
	err = check_header(in);
	while (!err && !done)
		err = read_record(in, &w, &r, &pos, warn, &done);
	free(w.buf);
	if (err) {
		free(r.v);
		return err;
	}
	err = vr_extents_resolve(r.v, r.n, &in->flat);
	if (err)
		return err;
	in->flattened = true;
	in->size = r.end;
	return NULL;
}
