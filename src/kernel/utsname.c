// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include "vr/kernel.h"

struct vr_error *init_utsname_field(struct vr_program *prog, const char *field,
				    char buf[NEW_UTS_LEN + 1])
{
	char path[64];

	snprintf(path, sizeof(path), "name.%s", field);
	return kobj_read_cstr(kobj_member(kobj_var(prog, "init_uts_ns"), path),
			      buf, NEW_UTS_LEN + 1);
}
