/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VR_DWARF_INTERNAL_H
#define VR_DWARF_INTERNAL_H

#include <elfutils/libdw.h>
#include <gelf.h>

#include "vr/btf.h"
#include "vr/arena.h"
#include "vr/debuginfo.h"
#include "vr/hashmap.h"

/* Namespaces of the DWARF name index. */
enum {
	NS_STRUCT,
	NS_UNION,
	NS_ENUM,
	NS_ORDINARY,	/* typedefs and base types */
	NS_VARIABLE,
	NS_ENUMERATOR,	/* enumerators of every enum, named or not */
	NS_TYPE_CACHE,	/* vr_debuginfo_find_type() results, by full C name */
};

struct vr_debuginfo {
	int fd;
	Elf *elf;
	Dwarf *dwarf;
	unsigned int machine;
	bool big_endian;
	unsigned int ptr_size;
	uint8_t build_id[64];
	size_t build_id_len;

	struct vr_symbol *syms;		/* sorted by address */
	size_t nr_syms;
	struct hashmap sym_by_name;	/* name -> struct vr_symbol * */

	bool indexed;
	struct hashmap names;		/* (NS_*, name) -> DIE offset + 1 */
	struct hashmap types_by_die;	/* DIE offset -> struct vr_type * */
	struct hashmap types_by_name;	/* NS_TYPE_CACHE -> struct vr_type * */
	struct hashmap pointers;	/* struct vr_type * -> pointer type */
	struct vr_type void_type;
	struct arena arena;

	/*
	 * Types from the kernel's BTF instead of DWARF (no vmlinux, or
	 * --types=btf); NULL for DWARF.
	 */
	struct vr_btf *btf;
	const char *btf_origin;		/* for the manifest */
	/* Without a vmlinux: reads of the kernel image go to the dump. */
	vr_debuginfo_read_fn read_mem;
	void *read_ctx;
	const char *symbols_source;
};

struct vr_error *dwarf_build_index(struct vr_debuginfo *dbg);
/* Convert the DIE at @off; struct members are complete, pointees lazy. */
struct vr_error *dwarf_type_from_offset(struct vr_debuginfo *dbg,
					Dwarf_Off off, bool complete,
					struct vr_type **ret);
struct vr_error *dwarf_variable_type(struct vr_debuginfo *dbg, Dwarf_Off off,
				     struct vr_type **ret);
struct vr_error *dwarf_complete_lazy(struct vr_debuginfo *dbg,
				     struct vr_type *t);
bool dwarf_enumerator_value(Dwarf_Die *die, int64_t *ret);
struct vr_error *elf_load_symbols(struct vr_debuginfo *dbg);

#endif
