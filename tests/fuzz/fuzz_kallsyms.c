// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: the kallsyms tables (read out of the untrusted dump) through
 * vr_kallsyms_decode() and the layout locator vr_kallsyms_locate(), over
 * an in-memory kernel image made of the input.  A garbage table must give
 * an error, never a crash, a hang or a huge allocation.
 *
 * Input: a 32-byte header, then the image, served at IMAGE_BASE or at
 * the top of the address space (reads outside it fail).
 *   [0]	flags: 1 big-endian, 2 4-byte pointers, 4 absolute_percpu,
 *		8 kallsyms_addresses instead of _offsets, 16 no
 *		kallsyms_relative_base (v7.0), 32 also run the locator,
 *		64 markers given, 128 the locator knows _stext (IMAGE_BASE)
 *   [1..28]	u32 LE image offsets of kallsyms_num_syms, _names,
 *		_token_table, _token_index, _offsets (or _addresses),
 *		_relative_base, _markers (each taken modulo the image size
 *		plus a page, so some point past its end)
 *   [29]	1: the image ends a page below 2^64 (address overflows)
 *   [30..31]	unused
 */
#include <stdlib.h>
#include <string.h>

#include "vr/kallsyms.h"
#include "vr/kallsyms_locate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEADER 32
#define IMAGE_BASE 0xffffffff82000000ULL

struct image {
	uint64_t base;
	const uint8_t *data;
	size_t len;
	unsigned long reads;
};

static struct vr_error *image_read(void *ctx, uint64_t addr, void *buf,
				   size_t len)
{
	struct image *im = ctx;

	/* A real dump read costs; so many reads is a hang in the making. */
	if (++im->reads > 1000000)
		return vr_error_create(VR_ERR_FAULT, "too many reads");
	if (addr < im->base || addr - im->base > im->len ||
	    len > im->len - (addr - im->base))
		return vr_error_create(VR_ERR_FAULT, "0x%llx+%zu unmapped",
				       (unsigned long long)addr, len);
	memcpy(buf, im->data + (addr - im->base), len);
	return NULL;
}

static uint64_t table(const uint8_t *hdr, unsigned int i,
		      const struct image *im)
{
	const uint8_t *p = hdr + 1 + 4 * i;
	uint32_t off = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return im->base + off % (im->len + 4096);
}

static void check(const struct vr_kallsyms *ks)
{
	volatile size_t sink = 0;

	for (size_t i = 0; i < ks->nr_syms; i++)
		sink += strlen(ks->syms[i].name) + (size_t)ks->syms[i].type +
			(size_t)ks->syms[i].size;
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image im = { .data = data + HEADER };
	struct vr_kallsyms_tables t = { 0 };
	struct vr_kallsyms *ks = NULL;
	struct vr_error *err;
	unsigned int flags, ptr_size;
	bool be;

	if (size < HEADER)
		return 0;
	im.len = size - HEADER;
	im.base = IMAGE_BASE;
	if (data[29] & 1)
		im.base = 0 - (((uint64_t)im.len + 4095) / 4096 * 4096 + 4096);
	flags = data[0];
	be = flags & 1;
	ptr_size = flags & 2 ? 4 : 8;
	t.num_syms = table(data, 0, &im);
	t.names = table(data, 1, &im);
	t.token_table = table(data, 2, &im);
	t.token_index = table(data, 3, &im);
	if (flags & 8)
		t.addresses = table(data, 4, &im);
	else
		t.offsets = table(data, 4, &im);
	if (!(flags & 16))
		t.relative_base = table(data, 5, &im);
	if (flags & 64)
		t.markers = table(data, 6, &im);
	t.absolute_percpu = flags & 4;
	err = vr_kallsyms_decode(image_read, &im, &t, be, ptr_size, &ks);
	if (!err) {
		check(ks);
		vr_kallsyms_free(ks);
		ks = NULL;
	}
	vr_error_destroy(err);
	if (flags & 32) {
		struct vr_kallsyms_area area = {
			.start = im.base,
			.end = im.base + im.len,
			.stext = flags & 128 ? im.base : 0,
		};
		struct vr_kallsyms_tables found = { 0 };

		im.reads = 0;
		err = vr_kallsyms_locate(image_read, &im, &area, be, ptr_size,
					 &found, &ks);
		if (!err) {
			check(ks);
			vr_kallsyms_free(ks);
		}
		vr_error_destroy(err);
	}
	return 0;
}
