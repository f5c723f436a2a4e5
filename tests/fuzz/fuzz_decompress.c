// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: each page decompressor on arbitrary input; the first byte
 * picks the method and the page size (4, 16 or 64 KiB).
 */
#include <stdlib.h>

#include "vr/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum vr_compression methods[] = {
		VR_COMPRESS_ZLIB, VR_COMPRESS_LZO, VR_COMPRESS_SNAPPY,
		VR_COMPRESS_ZSTD,
	};
	static const size_t pages[] = { 4096, 16384, 65536 };
	size_t page;
	uint8_t *out;

	if (size < 1)
		return 0;
	page = pages[(data[0] >> 2) % 3];
	out = malloc(page);
	if (!out)
		return 0;
	vr_error_destroy(vr_decompress(methods[data[0] & 3], data + 1,
				       size - 1, out, page));
	free(out);
	return 0;
}
