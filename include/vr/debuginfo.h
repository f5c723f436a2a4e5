/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Symbols and types of a kernel build, from its vmlinux: the ELF symbol
 * table (libelf) and DWARF (libdw).  Addresses here are link-time
 * addresses; the program applies the KASLR offset.
 */
#ifndef VR_DEBUGINFO_H
#define VR_DEBUGINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/type.h"

struct vr_debuginfo;

struct vr_symbol {
	const char *name;
	uint64_t addr;		/* link-time address */
	uint64_t size;
	bool is_function;
	bool is_global;
	/*
	 * In a section linked at address 0 (x86_64's .data..percpu): an
	 * offset into each CPU's area, which KASLR does not move.
	 */
	bool zero_based;
};

struct vr_error *vr_debuginfo_open(const char *path,
				   struct vr_debuginfo **ret);

/*
 * No vmlinux: a debuginfo that starts empty and is filled from the dump:
 * symbols from kallsyms (vr_debuginfo_set_symbols()), types from the
 * kernel's BTF (vr_debuginfo_use_btf()), reads of the kernel image from
 * memory (vr_debuginfo_set_reader()).
 */
struct vr_error *vr_debuginfo_create(unsigned int machine, bool big_endian,
				     unsigned int ptr_size,
				     struct vr_debuginfo **ret);
/* Read kernel image bytes at a link-time address. */
typedef struct vr_error *(*vr_debuginfo_read_fn)(void *ctx, uint64_t addr,
						  void *buf, size_t len);
void vr_debuginfo_set_reader(struct vr_debuginfo *dbg,
			     vr_debuginfo_read_fn read, void *ctx);
/*
 * Replace the symbol table with the @n symbols of @syms, a malloc()ed
 * array that @dbg owns from here (freed on failure too); the names must
 * outlive @dbg.  @source names it for the manifest ("kallsyms (dump)").
 */
struct vr_error *vr_debuginfo_set_symbols(struct vr_debuginfo *dbg,
					  struct vr_symbol *syms, size_t n,
					  const char *source);
struct vr_btf;
/*
 * Types from now on come from @btf, which @dbg owns from here; @origin
 * names it for the manifest ("BTF (dump)").
 */
void vr_debuginfo_use_btf(struct vr_debuginfo *dbg, struct vr_btf *btf,
			  const char *origin);
/* "DWARF (vmlinux)", "BTF (dump)"; "ELF symtab (vmlinux)", "kallsyms (dump)". */
const char *vr_debuginfo_types_source(const struct vr_debuginfo *dbg);
const char *vr_debuginfo_symbols_source(const struct vr_debuginfo *dbg);
/* The BTF types come from, or NULL for DWARF. */
struct vr_btf *vr_debuginfo_btf(const struct vr_debuginfo *dbg);
/* The .BTF section of the vmlinux, or NULL (valid until close). */
const void *vr_debuginfo_btf_section(const struct vr_debuginfo *dbg,
				     size_t *size);
void vr_debuginfo_close(struct vr_debuginfo *dbg);

unsigned int vr_debuginfo_machine(const struct vr_debuginfo *dbg);
bool vr_debuginfo_big_endian(const struct vr_debuginfo *dbg);

/* GNU build-id of the vmlinux (raw bytes), or NULL. */
const uint8_t *vr_debuginfo_build_id(const struct vr_debuginfo *dbg,
				     size_t *len);

/* Symbol by name from the ELF symbol table; VR_ERR_NOT_FOUND if absent. */
struct vr_error *vr_debuginfo_symbol(const struct vr_debuginfo *dbg,
				     const char *name, struct vr_symbol *ret);
/* The function or object symbol containing @addr, or NOT_FOUND. */
struct vr_error *vr_debuginfo_symbol_at(const struct vr_debuginfo *dbg,
					uint64_t addr, struct vr_symbol *ret);

/*
 * The symbols of the ELF symbol table (functions, objects, labels), sorted
 * by address: index 0 .. vr_debuginfo_nr_symbols() - 1.  NULL past the end.
 * Valid until vr_debuginfo_close().
 */
size_t vr_debuginfo_nr_symbols(const struct vr_debuginfo *dbg);
const struct vr_symbol *vr_debuginfo_symbol_index(const struct vr_debuginfo *dbg,
						  size_t i);

/* Bytes of an initialized section at a link-time address (from the file). */
struct vr_error *vr_debuginfo_read(const struct vr_debuginfo *dbg,
				   uint64_t addr, void *buf, size_t len);

/*
 * A type by C name: "struct task_struct", "union thread_union",
 * "enum zone_stat_item", a typedef "pgd_t", a base type "unsigned long"
 * (spelled as in C or as GCC spells it in DWARF).  Pointers and arrays of
 * those: "struct page *", "char [16]".  For a struct or union, a complete
 * definition is preferred over a declaration.
 */
struct vr_error *vr_debuginfo_find_type(struct vr_debuginfo *dbg,
					const char *name,
					const struct vr_type **ret);
/* The declared type of a global variable. */
struct vr_error *vr_debuginfo_variable_type(struct vr_debuginfo *dbg,
					    const char *name,
					    const struct vr_type **ret);
/*
 * The type DWARF gives a global variable, even when types come from BTF
 * (the last resort for a variable BTF and the declarations lack; builds
 * the DWARF index).  VR_ERR_NOT_FOUND without a vmlinux.
 */
struct vr_error *vr_debuginfo_variable_type_dwarf(struct vr_debuginfo *dbg,
						 const char *name,
						 const struct vr_type **ret);
/*
 * The value of an enumerator of any enum, anonymous ones included:
 * "IRQD_LEVEL", "NR_FREE_PAGES", "MOD_TEXT".
 */
struct vr_error *vr_debuginfo_constant(struct vr_debuginfo *dbg,
				       const char *name, int64_t *value);
/*
 * The complete definition of an incomplete struct/union/enum type (a
 * pointer's target declared in another compilation unit), or @t itself.
 */
const struct vr_type *vr_debuginfo_complete_type(struct vr_debuginfo *dbg,
						 const struct vr_type *t);
/* The pointer-to-@t type (made on demand, cached). */
const struct vr_type *vr_debuginfo_pointer_to(struct vr_debuginfo *dbg,
					      const struct vr_type *t);
/* An array of @length @t (made on demand, not cached). */
const struct vr_type *vr_debuginfo_array_of(struct vr_debuginfo *dbg,
					    const struct vr_type *t,
					    uint64_t length);

#endif
