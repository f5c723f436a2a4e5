/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The declared types of the kernel's global variables, as its headers
 * declare them ("extern struct task_struct init_task;"), for type sources
 * that do not describe variables: the kernel's BTF has only per-CPU ones.
 * DWARF describes them all and is preferred.
 */
#ifndef VR_GLOBALS_H
#define VR_GLOBALS_H

#include "vr/program.h"
#include "vr/type.h"

/* The C declaration of @name's type on ELF machine @machine, or NULL. */
const char *kernel_global_declaration(const char *name, unsigned int machine);

/*
 * The type of global @name from its declaration: an array length is a
 * number, an enumerator ("[NR_VM_ZONE_STAT_ITEMS]") or empty, which takes
 * the length from the symbol's extent.  VR_ERR_NOT_FOUND when undeclared.
 */
struct vr_error *kernel_global_type(struct vr_program *prog, const char *name,
				    const struct vr_type **ret);

/* Entry @i of the table (for tests), NULL past the end. */
const char *kernel_global_name(size_t i, const char **type,
			       unsigned int *machine);

#endif
