/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Symbols and types read out of the dump (no vmlinux, or --types=btf). */
#ifndef VR_DUMP_DEBUGINFO_H
#define VR_DUMP_DEBUGINFO_H

#include <stdbool.h>

#include "vr/object.h"
#include "vr/program.h"

/*
 * Symbols from the kernel's kallsyms in the dump, and reads of the kernel
 * image from memory: there is no vmlinux.  Needs what reads kernel
 * memory: translation, or the linear map (ppc64, s390x) before it.
 */
struct vr_error *vr_program_load_dump_symbols(struct vr_program *prog);
/*
 * Types from the kernel's BTF in the dump (no vmlinux, or --types=btf);
 * @origin names the source in the manifest.
 */
struct vr_error *vr_program_load_dump_types(struct vr_program *prog,
					    const char *origin);
/*
 * Types from the vmlinux's own .BTF, the default when it has one: the
 * same types as its DWARF, parsed in milliseconds where the DWARF index
 * takes a second.  Stays on DWARF (and logs why) otherwise.
 */
void vr_program_load_vmlinux_btf(struct vr_program *prog);

/*
 * Where the kernel keeps loaded module @mod's BTF: its address and size
 * (0 if it keeps none).
 */
struct vr_error *module_btf_data(struct vr_program *prog, struct kobj mod,
				 uint64_t *data, uint64_t *size);
struct vr_btf;
/*
 * The BTF of loaded module @mod (v5.11+, CONFIG_DEBUG_INFO_BTF_MODULES:
 * struct module btf_data), split over the kernel's.  *base is set to a
 * kernel BTF the caller must close after *ret, or NULL when the program's
 * own type source was used.
 */
struct vr_error *module_btf(struct vr_program *prog, struct kobj mod,
			    struct vr_btf **base, struct vr_btf **ret);

#endif
