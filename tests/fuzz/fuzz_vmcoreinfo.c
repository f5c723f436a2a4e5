// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer: the VMCOREINFO parser and its getters on arbitrary text. */
#include "vr/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vr_vmcoreinfo *vi;
	struct vr_error *err = vr_vmcoreinfo_parse((const char *)data, size, &vi);
	uint64_t u;
	int64_t s;

	if (err) {
		vr_error_destroy(err);
		return 0;
	}
	(void)vr_vmcoreinfo_get(vi, "OSRELEASE");
	(void)vr_vmcoreinfo_symbol(vi, "swapper_pg_dir", &u);
	(void)vr_vmcoreinfo_hex(vi, "KERNELOFFSET", &u);
	(void)vr_vmcoreinfo_dec(vi, "NUMBER(phys_base)", &s);
	(void)vr_vmcoreinfo_dec(vi, "NUMBER(kimage_voffset)", &s);
	(void)vr_vmcoreinfo_count(vi);
	vr_vmcoreinfo_free(vi);
	return 0;
}
