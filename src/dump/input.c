// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The input of a dump: pread-style reads at an offset of the logical
 * stream, which is the file itself or, for a makedumpfile flattened file,
 * the file that "makedumpfile -R" would rebuild from it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "vr/util.h"

struct vr_error *vr_file_pread(struct vr_input *in, void *buf, size_t len,
			       uint64_t off)
{
	unsigned char *p = buf;
	size_t done = 0;

	if (off > INT64_MAX || len > INT64_MAX - off)
		return vr_error_create(VR_ERR_TRUNCATED,
				       "%s: read at 0x%llx beyond any file",
				       in->path, (unsigned long long)off);
	while (done < len) {
		ssize_t n = pread(in->fd, p + done, len - done,
				  (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return vr_error_create(VR_ERR_IO,
					       "%s: read at 0x%llx: %s",
					       in->path,
					       (unsigned long long)(off + done),
					       strerror(errno));
		if (n == 0)
			return vr_error_create(VR_ERR_TRUNCATED,
				"%s: file ends at 0x%llx, needed 0x%zx bytes at 0x%llx",
				in->path, (unsigned long long)(off + done),
				len, (unsigned long long)off);
		done += (size_t)n;
	}
	return NULL;
}

static struct vr_error *flat_pread(struct vr_input *in, unsigned char *buf,
				   size_t len, uint64_t off)
{
	while (len) {
		const struct vr_extent *e = vr_extents_find(&in->flat, off);
		struct vr_error *err;
		size_t n;

		if (!e) {
			/*
			 * No record wrote here.  In a complete file (with its
			 * end marker) a gap reads as zeros, as in the file
			 * makedumpfile -R rebuilds: makedumpfile -F leaves
			 * unused bitmap space unwritten.  In a file cut short,
			 * the records for the gap may be what was lost.
			 */
			const struct vr_extent *next = vr_extents_next(&in->flat, off);

			if (!next || !in->flat_complete)
				return vr_error_create(VR_ERR_TRUNCATED,
					"%s: flattened file has no data for offset 0x%llx",
					in->path, (unsigned long long)off);
			n = (size_t)min((uint64_t)len, next->start - off);
			memset(buf, 0, n);
			buf += n;
			off += n;
			len -= n;
			continue;
		}
		n = (size_t)min((uint64_t)len, e->start + e->len - off);
		err = vr_file_pread(in, buf, n, e->off + (off - e->start));
		if (err)
			return err;
		buf += n;
		off += n;
		len -= n;
	}
	return NULL;
}

struct vr_error *vr_input_pread(struct vr_input *in, void *buf, size_t len,
				uint64_t off)
{
	if (in->flattened)
		return flat_pread(in, buf, len, off);
	return vr_file_pread(in, buf, len, off);
}

static struct vr_error *open_file(const char *path, struct vr_input *in)
{
	struct stat st;

	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0)
		return vr_error_create(VR_ERR_IO, "%s: %s", path,
				       strerror(errno));
	if (fstat(in->fd, &st) < 0)
		return vr_error_create(VR_ERR_IO, "%s: %s", path,
				       strerror(errno));
	if (S_ISDIR(st.st_mode))
		return vr_error_create(VR_ERR_IO, "%s: is a directory", path);
	in->file_size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	in->size = in->file_size;
	return NULL;
}

struct vr_error *vr_input_open(const char *path, struct vr_warnings *warn,
			       struct vr_input **ret)
{
	unsigned char head[32];
	struct vr_input *in;
	struct vr_error *err;

	in = calloc(1, sizeof(*in));
	if (!in)
		return &vr_enomem;
	in->path = path;
	err = open_file(path, in);
	if (err)
		goto fail;
	if (in->file_size >= sizeof(head)) {
		err = vr_file_pread(in, head, sizeof(head), 0);
		if (err)
			goto fail;
		if (vr_flattened_probe(head, sizeof(head))) {
			err = vr_flattened_index(in, warn);
			if (err)
				goto fail;
		}
	}
	*ret = in;
	return NULL;
fail:
	vr_input_close(in);
	return err;
}

void vr_input_close(struct vr_input *in)
{
	if (!in)
		return;
	if (in->fd >= 0)
		close(in->fd);
	vr_extents_free(&in->flat);
	free(in);
}
