/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's BTF (CONFIG_DEBUG_INFO_BTF; include/uapi/linux/btf.h) into
 * our type model (vr/type.h), the same types src/dwarf makes from DWARF:
 * a report made with BTF types equals one made with DWARF types.  The blob
 * comes from a vmlinux's .BTF section or from the dumped memory between
 * __start_BTF and __stop_BTF; either byte order.
 */
#ifndef VR_BTF_H
#define VR_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/type.h"

struct vr_btf;

/* Namespaces of type names, as in C. */
enum vr_btf_ns {
	VR_BTF_NS_STRUCT,
	VR_BTF_NS_UNION,
	VR_BTF_NS_ENUM,
	VR_BTF_NS_ORDINARY,	/* typedefs and base types */
};

/*
 * Parse @size bytes of BTF at @data (copied).  @base is NULL for a
 * vmlinux's BTF, or the vmlinux's for a module's split BTF (whose type ids
 * and string offsets continue the base's).  @ptr_size: bytes of a pointer.
 */
struct vr_error *vr_btf_open(const void *data, size_t size,
			     struct vr_btf *base, unsigned int ptr_size,
			     struct vr_btf **ret);
void vr_btf_close(struct vr_btf *btf);

/*
 * A named type: @name without its "struct "/"union "/"enum " keyword, base
 * types spelled as GCC spells them ("long unsigned int").  A struct or
 * union comes with all its members; structs, unions and enums reached
 * through pointers are lazy (vr_btf_complete_lazy()).  A complete
 * definition is preferred over a forward declaration.
 */
struct vr_error *vr_btf_find_type(struct vr_btf *btf, enum vr_btf_ns ns,
				  const char *name, size_t len,
				  struct vr_type **ret);
/* Fill in a lazy type made by this BTF (t->lazy_id != 0). */
struct vr_error *vr_btf_complete_lazy(struct vr_btf *btf, struct vr_type *t);
/*
 * The type of a variable that BTF describes (BTF_KIND_VAR: per-CPU
 * variables; the kernel's BTF has no other globals).  VR_ERR_NOT_FOUND
 * otherwise.
 */
struct vr_error *vr_btf_variable_type(struct vr_btf *btf, const char *name,
				      struct vr_type **ret);
/* The value of an enumerator of any enum, anonymous ones included. */
bool vr_btf_constant(struct vr_btf *btf, const char *name, int64_t *ret);

#endif
