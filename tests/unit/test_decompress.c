// SPDX-License-Identifier: GPL-2.0-or-later
/* Page decompressors against the real compression libraries. */
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

#include "test.h"
#include "vr/dump.h"

#define PAGE 4096

static void make_page(unsigned char *p, unsigned int seed)
{
	for (int i = 0; i < PAGE; i++)
		p[i] = (unsigned char)(i % 61 == 0 ? seed * 7 + (unsigned int)i :
				       'a' + (unsigned int)i % 13);
}

/* Compress one page with the library itself; returns the size. */
static size_t compress_with(enum vr_compression m, const unsigned char *src,
			    unsigned char *dst, size_t cap)
{
	switch (m) {
	case VR_COMPRESS_ZLIB: {
		uLongf n = cap;

		return compress2(dst, &n, src, PAGE, 6) == Z_OK ? n : 0;
	}
	case VR_COMPRESS_LZO: {
		static unsigned char wrk[LZO1X_1_MEM_COMPRESS];
		lzo_uint n = cap;

		if (lzo_init() != LZO_E_OK)
			return 0;
		return lzo1x_1_compress(src, PAGE, dst, &n, wrk) == LZO_E_OK ?
		       n : 0;
	}
	case VR_COMPRESS_SNAPPY: {
		size_t n = cap;

		return snappy_compress((const char *)src, PAGE, (char *)dst,
				       &n) == SNAPPY_OK ? n : 0;
	}
	case VR_COMPRESS_ZSTD: {
		size_t n = ZSTD_compress(dst, cap, src, PAGE, 3);

		return ZSTD_isError(n) ? 0 : n;
	}
	case VR_COMPRESS_NONE:
		break;
	}
	return 0;
}

static const enum vr_compression methods[] = {
	VR_COMPRESS_ZLIB, VR_COMPRESS_LZO, VR_COMPRESS_SNAPPY, VR_COMPRESS_ZSTD,
};

TEST(round_trip)
{
	unsigned char page[PAGE], comp[2 * PAGE], out[PAGE];

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		size_t n;

		make_page(page, (unsigned int)i);
		n = compress_with(methods[i], page, comp, sizeof(comp));
		CHECK(n > 0 && n < PAGE);
		memset(out, 0xee, sizeof(out));
		CHECK_OK(vr_decompress(methods[i], comp, n, out, PAGE));
		CHECK(!memcmp(page, out, PAGE));
	}
}

TEST(corrupt_input)
{
	unsigned char page[PAGE], comp[2 * PAGE], out[PAGE];

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		enum vr_compression m = methods[i];
		size_t n;

		make_page(page, 3);
		n = compress_with(m, page, comp, sizeof(comp));
		CHECK(n > 8);
		/* Cut short. */
		CHECK_ERR(vr_decompress(m, comp, n / 2, out, PAGE),
			  VR_ERR_CORRUPT);
		/* Garbage. */
		memset(comp, 0xa5, n);
		CHECK_ERR(vr_decompress(m, comp, n, out, PAGE),
			  VR_ERR_CORRUPT);
		/* Empty. */
		CHECK_ERR(vr_decompress(m, comp, 0, out, PAGE),
			  VR_ERR_CORRUPT);
	}
}

/* A valid stream that decompresses to less or more than one page. */
TEST(wrong_size)
{
	unsigned char page[PAGE], comp[2 * PAGE], out[2 * PAGE];

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		enum vr_compression m = methods[i];
		size_t n;

		make_page(page, 5);
		n = compress_with(m, page, comp, sizeof(comp));
		CHECK_ERR(vr_decompress(m, comp, n, out, PAGE / 2),
			  VR_ERR_CORRUPT);
		CHECK_ERR(vr_decompress(m, comp, n, out, 2 * PAGE),
			  VR_ERR_CORRUPT);
	}
}

TEST(raw_and_names)
{
	unsigned char page[PAGE], out[PAGE];

	make_page(page, 9);
	CHECK_OK(vr_decompress(VR_COMPRESS_NONE, page, PAGE, out, PAGE));
	CHECK(!memcmp(page, out, PAGE));
	CHECK_ERR(vr_decompress(VR_COMPRESS_NONE, page, PAGE - 1, out, PAGE),
		  VR_ERR_CORRUPT);
	CHECK_STREQ(vr_compression_name(VR_COMPRESS_ZLIB), "zlib");
	CHECK_STREQ(vr_compression_name(VR_COMPRESS_LZO), "lzo");
	CHECK_STREQ(vr_compression_name(VR_COMPRESS_SNAPPY), "snappy");
	CHECK_STREQ(vr_compression_name(VR_COMPRESS_ZSTD), "zstd");
}

TEST_MAIN(T(round_trip), T(corrupt_input), T(wrong_size), T(raw_and_names))
