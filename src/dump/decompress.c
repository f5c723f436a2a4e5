// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Page decompression for kdump-compressed dumps: every method must give
 * back exactly one page.
 */
#include <limits.h>
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "vr/dump.h"

const char *vr_compression_name(enum vr_compression method)
{
	switch (method) {
	case VR_COMPRESS_NONE: return "none";
	case VR_COMPRESS_ZLIB: return "zlib";
	case VR_COMPRESS_LZO: return "lzo";
	case VR_COMPRESS_SNAPPY: return "snappy";
	case VR_COMPRESS_ZSTD: return "zstd";
	}
	return "unknown";
}

static struct vr_error *bad(enum vr_compression method, const char *what,
			    size_t got, size_t want)
{
	return vr_error_create(VR_ERR_CORRUPT,
			       "%s page data: %s (got %zu bytes, want %zu)",
			       vr_compression_name(method), what, got, want);
}

static struct vr_error *do_zlib(const void *src, size_t src_len, void *dst,
				size_t dst_len)
{
	uLongf out = dst_len;
	int ret;

	if (src_len > ULONG_MAX || dst_len > ULONG_MAX)
		return bad(VR_COMPRESS_ZLIB, "too large", src_len, dst_len);
	ret = uncompress(dst, &out, src, src_len);
	if (ret != Z_OK)
		return bad(VR_COMPRESS_ZLIB, zError(ret), out, dst_len);
	if (out != dst_len)
		return bad(VR_COMPRESS_ZLIB, "short page", out, dst_len);
	return NULL;
}

static struct vr_error *do_lzo(const void *src, size_t src_len, void *dst,
			       size_t dst_len)
{
	lzo_uint out = dst_len;
	int ret;

	ret = lzo1x_decompress_safe(src, src_len, dst, &out, NULL);
	if (ret != LZO_E_OK)
		return bad(VR_COMPRESS_LZO, "decompression failed", out,
			   dst_len);
	if (out != dst_len)
		return bad(VR_COMPRESS_LZO, "short page", out, dst_len);
	return NULL;
}

static struct vr_error *do_snappy(const void *src, size_t src_len, void *dst,
				  size_t dst_len)
{
	size_t out = 0;

	if (snappy_uncompressed_length(src, src_len, &out) != SNAPPY_OK)
		return bad(VR_COMPRESS_SNAPPY, "bad header", 0, dst_len);
	if (out != dst_len)
		return bad(VR_COMPRESS_SNAPPY, "wrong page size", out, dst_len);
	if (snappy_uncompress(src, src_len, dst, &out) != SNAPPY_OK)
		return bad(VR_COMPRESS_SNAPPY, "decompression failed", out,
			   dst_len);
	if (out != dst_len)
		return bad(VR_COMPRESS_SNAPPY, "short page", out, dst_len);
	return NULL;
}

static struct vr_error *do_zstd(const void *src, size_t src_len, void *dst,
				size_t dst_len)
{
	size_t out = ZSTD_decompress(dst, dst_len, src, src_len);

	if (ZSTD_isError(out))
		return bad(VR_COMPRESS_ZSTD, ZSTD_getErrorName(out), 0,
			   dst_len);
	if (out != dst_len)
		return bad(VR_COMPRESS_ZSTD, "short page", out, dst_len);
	return NULL;
}

struct vr_error *vr_decompress(enum vr_compression method, const void *src,
			       size_t src_len, void *dst, size_t dst_len)
{
	switch (method) {
	case VR_COMPRESS_ZLIB:
		return do_zlib(src, src_len, dst, dst_len);
	case VR_COMPRESS_LZO:
		return do_lzo(src, src_len, dst, dst_len);
	case VR_COMPRESS_SNAPPY:
		return do_snappy(src, src_len, dst, dst_len);
	case VR_COMPRESS_ZSTD:
		return do_zstd(src, src_len, dst, dst_len);
	case VR_COMPRESS_NONE:
		if (src_len != dst_len)
			return bad(method, "raw page of the wrong size",
				   src_len, dst_len);
		memcpy(dst, src, dst_len);
		return NULL;
	}
	return vr_error_create(VR_ERR_INVALID, "no decompressor for method %d",
			       (int)method);
}
