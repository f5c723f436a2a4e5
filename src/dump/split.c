// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Split dumps (makedumpfile --split): every part is a complete
 * kdump-compressed file whose bitmap marks only its own range of pages
 * dumpable; the other pages of the part read as not present.  A read goes
 * to the first part that has the page.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

#define VR_MAX_SPLIT_PARTS 256

static bool same_dump(const struct vr_dump *a, const struct vr_dump *b)
{
	const struct vr_dump_info *x = &a->info, *y = &b->info;

	return !strcmp(x->format, y->format) && x->e_machine == y->e_machine &&
	       x->page_size == y->page_size && x->max_pfn == y->max_pfn &&
	       ((!a->vmcoreinfo && !b->vmcoreinfo) ||
		(a->vmcoreinfo && b->vmcoreinfo &&
		 a->vmcoreinfo_len == b->vmcoreinfo_len &&
		 !memcmp(a->vmcoreinfo, b->vmcoreinfo, a->vmcoreinfo_len)));
}

struct vr_error *vr_dump_open_split(const char *const *paths, size_t n,
				    struct vr_dump **ret)
{
	struct vr_dump *d;
	struct vr_error *err = NULL;

	if (n == 1)
		return vr_dump_open(paths[0], ret);
	if (n == 0 || n > VR_MAX_SPLIT_PARTS)
		return vr_error_create(VR_ERR_INVALID,
				       "a split dump has 1 to %d parts, not %zu",
				       VR_MAX_SPLIT_PARTS, n);
	d = calloc(1, sizeof(*d));
	if (!d)
		return &vr_enomem;
	pthread_mutex_init(&d->lock, NULL);
	d->parts = calloc(n, sizeof(*d->parts));
	if (!d->parts) {
		vr_dump_close(d);
		return &vr_enomem;
	}
	for (size_t i = 0; i < n && !err; i++) {
		err = vr_dump_open(paths[i], &d->parts[i]);
		if (!err)
			d->nr_parts++;
		if (!err && !same_dump(d->parts[0], d->parts[i]))
			err = vr_error_create(VR_ERR_MISMATCH,
					      "%s is not a part of the same dump as %s",
					      paths[i], paths[0]);
	}
	if (err) {
		vr_dump_close(d);
		return err;
	}
	d->info = d->parts[0]->info;
	d->info.format = "kdump (split)";
	*ret = d;
	return NULL;
}

/* Not in this part: try the next one. */
static bool elsewhere(const struct vr_error *err)
{
	return err->code == VR_ERR_NOT_PRESENT ||
	       err->code == VR_ERR_OUT_OF_RANGE;
}

struct vr_error *vr_split_read(struct vr_dump *d, uint64_t paddr, void *buf,
			       size_t len)
{
	unsigned char *p = buf;
	size_t psize = d->parts[0]->cache.page_size;

	d->stats.reads++;
	while (len) {
		size_t n = min(len, psize - (size_t)(paddr % psize));
		struct vr_error *err = NULL;

		for (size_t i = 0; i < d->nr_parts; i++) {
			vr_error_destroy(err);
			err = vr_dump_read_phys(d->parts[i], paddr, p, n);
			if (!err || !elsewhere(err))
				break;
		}
		if (err)
			return err;
		p += n;
		paddr += n;
		len -= n;
	}
	return NULL;
}
