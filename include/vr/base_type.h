/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C spellings of base types and the names compilers give them. */
#ifndef VR_BASE_TYPE_H
#define VR_BASE_TYPE_H

#include <stddef.h>

/*
 * The name GCC gives the base type spelled @name (@len bytes) in C, as
 * DWARF and BTF (converted from DWARF) carry it: "unsigned long" is
 * "long unsigned int", "bool" is "_Bool".  NULL when @name is already
 * GCC's spelling or not a base type.
 */
const char *gcc_base_type_name(const char *name, size_t len);

#endif
