// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Opening a dump: the input (plain or flattened), then a format probe on
 * the logical stream: ELF vmcore or kdump-compressed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

#define ELF_MAGIC	"\177ELF"
#define KDUMP_MAGIC	"KDUMP   "
#define DISKDUMP_MAGIC	"DISKDUMP"

void vr_warn(struct vr_warnings *w, const char *fmt, ...)
{
	char **v;
	va_list ap;
	char *s;

	if (w->n >= VR_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	v = realloc(w->v, (w->n + 2) * sizeof(*v));
	if (!v) {
		free(s);
		return;
	}
	v[w->n++] = s;
	v[w->n] = NULL;
	w->v = v;
}

void vr_warnings_free(struct vr_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	*w = (struct vr_warnings){ 0 };
}

struct vr_error *vr_page_error(enum vr_errcode code, uint64_t paddr,
			       const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vr_error_create(code, "physical address 0x%llx: %s",
			       (unsigned long long)paddr, msg);
}

static struct vr_error *probe(struct vr_dump *d)
{
	unsigned char head[16];
	struct vr_error *err;

	if (d->in->size < sizeof(head))
		return vr_error_create(VR_ERR_FORMAT,
				       "file too small for a dump (%llu bytes)",
				       (unsigned long long)d->in->size);
	err = vr_input_pread(d->in, head, sizeof(head), 0);
	if (err)
		return err;
	if (!memcmp(head, ELF_MAGIC, 4))
		return vr_elf_open(d, head, sizeof(head));
	if (!memcmp(head, KDUMP_MAGIC, 8))
		return vr_kdump_open(d, head, sizeof(head));
	if (!memcmp(head, DISKDUMP_MAGIC, 8))
		return vr_error_create(VR_ERR_FORMAT,
				       "old diskdump format (\"DISKDUMP\") is not supported");
	if (d->in->flattened)
		return vr_error_create(VR_ERR_FORMAT,
				       "flattened file holds neither an ELF vmcore nor a kdump-compressed dump");
	return vr_error_create(VR_ERR_FORMAT,
			       "not an ELF vmcore, kdump-compressed or flattened dump");
}

struct vr_error *vr_dump_open(const char *path, struct vr_dump **ret)
{
	struct vr_dump *d;
	struct vr_error *err;

	d = calloc(1, sizeof(*d));
	if (!d)
		return &vr_enomem;
	d->info.dump_level = -1;
	pthread_mutex_init(&d->lock, NULL);
	d->path = strdup(path);
	if (!d->path) {
		vr_dump_close(d);
		return &vr_enomem;
	}
	err = vr_input_open(d->path, &d->warn, &d->in);
	if (!err)
		err = probe(d);
	if (err) {
		/* Input errors already name the file. */
		if (err->code != VR_ERR_IO && err->code != VR_ERR_NOMEM &&
		    !strstr(err->message, path))
			err = vr_error_wrap(err, "%s", path);
		vr_dump_close(d);
		return err;
	}
	d->info.flattened = d->in->flattened;
	/* The flattened indexer warned where the stream stops. */
	if (d->in->flattened && !d->in->flat_complete)
		d->info.truncated = true;
	*ret = d;
	return NULL;
}

void vr_dump_close(struct vr_dump *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nr_parts; i++)
		vr_dump_close(d->parts[i]);
	free(d->parts);
	for (size_t i = 0; i < d->nr_patches; i++)
		free(d->patches[i].bytes);
	free(d->patches);
	if (d->ops && d->ops->free)
		d->ops->free(d);
	vr_input_close(d->in);
	for (size_t i = 0; i < d->nr_notes; i++)
		free(d->note_names[i]);
	free(d->note_names);
	free(d->notes);
	for (size_t i = 0; i < d->nr_note_bufs; i++)
		free(d->note_bufs[i]);
	free(d->note_bufs);
	free(d->vmcoreinfo);
	vr_cache_free(&d->cache);
	vr_warnings_free(&d->warn);
	pthread_mutex_destroy(&d->lock);
	free(d->path);
	free(d);
}

const struct vr_dump_info *vr_dump_info(const struct vr_dump *d)
{
	return &d->info;
}

const struct vr_dump_stats *vr_dump_stats(const struct vr_dump *d)
{
	return &d->stats;
}

const char *const *vr_dump_warnings(const struct vr_dump *d)
{
	static const char *const none[] = { NULL };

	if (d->nr_parts)
		d = d->parts[0];
	return d->warn.v ? (const char *const *)d->warn.v : none;
}

size_t vr_dump_nr_notes(const struct vr_dump *d)
{
	if (d->nr_parts)
		d = d->parts[0];
	return d->nr_notes;
}

const struct vr_note *vr_dump_note(const struct vr_dump *d, size_t i)
{
	if (d->nr_parts)
		d = d->parts[0];
	return i < d->nr_notes ? &d->notes[i] : NULL;
}

const char *vr_dump_vmcoreinfo(const struct vr_dump *d, size_t *len)
{
	if (d->nr_parts)
		d = d->parts[0];
	if (len)
		*len = d->vmcoreinfo ? d->vmcoreinfo_len : 0;
	return d->vmcoreinfo;
}

/* Overlay the patches that intersect [paddr, paddr + len) onto @buf. */
static void apply_patches(const struct vr_dump *d, uint64_t paddr,
			  unsigned char *buf, size_t len)
{
	for (size_t i = 0; i < d->nr_patches; i++) {
		const struct vr_dump_patch *p = &d->patches[i];
		uint64_t start = max(paddr, p->paddr);
		uint64_t end = min(paddr + len, p->paddr + p->len);

		if (start < end)
			memcpy(buf + (start - paddr),
			       p->bytes + (start - p->paddr), end - start);
	}
}

struct vr_error *vr_dump_patch(struct vr_dump *d, uint64_t paddr,
			       const void *bytes, size_t len)
{
	struct vr_dump_patch *p;

	if (d->nr_parts)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "patching a split dump");
	p = realloc(d->patches, (d->nr_patches + 1) * sizeof(*p));
	if (!p)
		return &vr_enomem;
	d->patches = p;
	p = &d->patches[d->nr_patches];
	p->bytes = malloc(len ? len : 1);
	if (!p->bytes)
		return &vr_enomem;
	memcpy(p->bytes, bytes, len);
	p->paddr = paddr;
	p->len = len;
	d->nr_patches++;
	return NULL;
}

struct vr_error *vr_dump_page_location(struct vr_dump *d, uint64_t paddr,
				       uint64_t *off, uint64_t *size)
{
	if (d->nr_parts || d->in->flattened || !d->ops->locate)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "page locations in a split or flattened dump");
	return d->ops->locate(d, paddr, off, size);
}

struct vr_error *vr_dump_read_phys(struct vr_dump *d, uint64_t paddr,
				   void *buf, size_t len)
{
	unsigned char *p = buf;
	struct vr_error *err = NULL;
	size_t psize = d->cache.page_size;

	if (d->nr_parts)
		return vr_split_read(d, paddr, buf, len);
	if (len && paddr + len - 1 < paddr)
		return vr_page_error(VR_ERR_OUT_OF_RANGE, paddr,
				     "read of 0x%zx bytes wraps around", len);
	pthread_mutex_lock(&d->lock);
	d->stats.reads++;
	while (len) {
		size_t n = min(len, psize - (size_t)(paddr % psize));

		err = d->ops->read(d, paddr, p, n);
		if (err)
			break;
		if (d->nr_patches)
			apply_patches(d, paddr, p, n);
		p += n;
		paddr += n;
		len -= n;
	}
	pthread_mutex_unlock(&d->lock);
	return err;
}
