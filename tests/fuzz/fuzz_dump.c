// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: a whole dump file (ELF, kdump-compressed, flattened, or
 * anything) through the format probe, the header/bitmap/descriptor
 * parsers and page reads.  It must fail cleanly or read; never crash.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vr/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-dump", 0);
	char path[64];
	struct vr_dump *dump;
	struct vr_error *err;
	uint8_t page[4096];

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	err = vr_dump_open(path, &dump);
	if (err) {
		vr_error_destroy(err);
		close(fd);
		return 0;
	}
	for (uint64_t pa = 0; pa < 64 * 4096; pa += 4096 * 7)
		vr_error_destroy(vr_dump_read_phys(dump, pa, page, sizeof(page)));
	vr_error_destroy(vr_dump_read_phys(dump, 4090, page, 100));
	size_t len;
	const char *vi = vr_dump_vmcoreinfo(dump, &len);
	struct vr_vmcoreinfo *parsed;

	if (vi && !vr_vmcoreinfo_parse(vi, len, &parsed))
		vr_vmcoreinfo_free(parsed);
	for (size_t i = 0; i < vr_dump_nr_notes(dump); i++)
		(void)vr_dump_note(dump, i);
	vr_dump_close(dump);
	close(fd);
	return 0;
}
