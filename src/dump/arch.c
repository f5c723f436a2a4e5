// SPDX-License-Identifier: GPL-2.0-or-later
#include <elf.h>
#include <stddef.h>

#include "vr/arch.h"
#include "vr/util.h"

static const struct vr_arch *const arches[] = {
	&vr_arch_x86_64,
	&vr_arch_aarch64,
	&vr_arch_ppc64,
	&vr_arch_s390x,
};

const struct vr_arch *vr_arch_find(unsigned int e_machine)
{
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		if (arches[i]->e_machine == e_machine)
			return arches[i];
	}
	return NULL;
}
