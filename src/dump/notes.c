// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF notes of a dump (PT_NOTE segments, or the note area of a kdump
 * sub-header): {namesz, descsz, type} in the dump's byte order, then the
 * name and the descriptor, each padded to 4 bytes.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

static uint64_t align4(uint64_t x)
{
	return (x + 3) & ~(uint64_t)3;
}

static struct vr_error *keep_buf(struct vr_dump *d, void *buf)
{
	void **v = realloc(d->note_bufs,
			   (d->nr_note_bufs + 1) * sizeof(*v));

	if (!v) {
		free(buf);
		return &vr_enomem;
	}
	d->note_bufs = v;
	d->note_bufs[d->nr_note_bufs++] = buf;
	return NULL;
}

/* Room for one more note: the arrays double, so n notes cost O(n). */
static struct vr_error *notes_reserve(struct vr_dump *d)
{
	size_t cap = d->notes_cap ? 2 * d->notes_cap : 16;
	struct vr_note *notes;
	char **names;

	if (d->nr_notes < d->notes_cap)
		return NULL;
	if (d->nr_notes >= VR_MAX_NOTES)
		return vr_error_create(VR_ERR_LIMIT, "more than %d notes",
				       VR_MAX_NOTES);
	notes = realloc(d->notes, cap * sizeof(*notes));
	if (!notes)
		return &vr_enomem;
	d->notes = notes;
	names = realloc(d->note_names, cap * sizeof(*names));
	if (!names)
		return &vr_enomem;
	d->note_names = names;
	d->notes_cap = cap;
	return NULL;
}

static struct vr_error *append(struct vr_dump *d, const char *name,
			       size_t namesz, uint32_t type,
			       const void *desc, size_t descsz)
{
	struct vr_error *err = notes_reserve(d);
	char *copy;

	if (err)
		return err;
	copy = strndup(name, namesz);
	if (!copy)
		return &vr_enomem;
	d->note_names[d->nr_notes] = copy;
	d->notes[d->nr_notes++] = (struct vr_note){
		.name = copy, .type = type, .desc = desc, .desc_size = descsz,
	};
	return NULL;
}

struct vr_error *vr_dump_add_notes(struct vr_dump *d, void *buf, size_t len,
				   bool big_endian)
{
	const unsigned char *p = buf;
	struct vr_error *err;
	uint64_t pos = 0;

	err = keep_buf(d, buf);
	if (err)
		return err;
	while (len - pos >= 12) {
		uint32_t namesz = vr_get32(p + pos, big_endian);
		uint32_t descsz = vr_get32(p + pos + 4, big_endian);
		uint32_t type = vr_get32(p + pos + 8, big_endian);
		uint64_t name = pos + 12;
		uint64_t desc = name + align4(namesz);
		uint64_t next = desc + align4(descsz);

		if (desc + descsz > len) {
			vr_warn(&d->warn, "%s: note at +0x%llx runs past its segment",
				d->path, (unsigned long long)pos);
			break;
		}
		if (namesz || descsz) {
			err = append(d, (const char *)p + name, namesz, type,
				     p + desc, descsz);
			if (err)
				return err;
		}
		pos = min(next, (uint64_t)len);
	}
	return NULL;
}

struct vr_error *vr_dump_set_vmcoreinfo(struct vr_dump *d, const void *text,
					size_t len)
{
	const char *s = text;
	char *copy;

	while (len && !s[len - 1])
		len--;
	copy = malloc(len + 1);
	if (!copy)
		return &vr_enomem;
	memcpy(copy, s, len);
	copy[len] = '\0';
	free(d->vmcoreinfo);
	d->vmcoreinfo = copy;
	d->vmcoreinfo_len = len;
	return NULL;
}

struct vr_error *vr_dump_vmcoreinfo_from_notes(struct vr_dump *d)
{
	if (d->vmcoreinfo)
		return NULL;
	for (size_t i = 0; i < d->nr_notes; i++) {
		const struct vr_note *n = &d->notes[i];

		if (!strcmp(n->name, "VMCOREINFO"))
			return vr_dump_set_vmcoreinfo(d, n->desc,
						      n->desc_size);
	}
	return NULL;
}

int vr_dump_count_prstatus(const struct vr_dump *d, size_t *desc_size)
{
	int count = 0;

	for (size_t i = 0; i < d->nr_notes; i++) {
		const struct vr_note *n = &d->notes[i];

		if (n->type != NT_PRSTATUS || strcmp(n->name, "CORE"))
			continue;
		if (!count && desc_size)
			*desc_size = n->desc_size;
		count++;
	}
	return count;
}
