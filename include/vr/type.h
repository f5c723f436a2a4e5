/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Our own type model.  src/dwarf fills it from DWARF; the kernel's BTF will
 * fill it later.  No libdw type crosses out of src/dwarf.  Types live as long
 * as the program that made them.
 */
#ifndef VR_TYPE_H
#define VR_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vr_type_kind {
	VR_TYPE_VOID,
	VR_TYPE_INT,		/* includes char and _Bool */
	VR_TYPE_FLOAT,
	VR_TYPE_POINTER,
	VR_TYPE_STRUCT,
	VR_TYPE_UNION,
	VR_TYPE_ENUM,
	VR_TYPE_TYPEDEF,
	VR_TYPE_ARRAY,
	VR_TYPE_FUNCTION,
};

struct vr_type;

/* Slots of a struct/union's member lookup cache (a power of 2). */
#define VR_TYPE_MEMBER_HINTS 32

struct vr_member {
	const char *name;	/* NULL for an anonymous struct/union member */
	uint64_t bit_offset;	/* from the start of the containing type */
	uint32_t bit_size;	/* non-zero for a bitfield */
	struct vr_type *type;
};

struct vr_enumerator {
	const char *name;
	int64_t value;
};

struct vr_type {
	enum vr_type_kind kind;
	const char *name;	/* "task_struct", "unsigned long", NULL if anonymous */
	uint64_t size;		/* bytes; 0 for void, functions, incomplete types */
	bool is_signed;		/* INT, ENUM */
	bool is_bool;		/* INT: _Bool */
	bool incomplete;	/* struct/union/enum declaration, array [] */
	struct vr_type *target;	/* POINTER, TYPEDEF, ARRAY element, ENUM compatible type */
	uint64_t length;	/* ARRAY: number of elements */
	struct vr_member *members;	/* STRUCT, UNION */
	size_t nr_members;
	struct vr_enumerator *enumerators;	/* ENUM */
	size_t nr_enumerators;
	/*
	 * Non-zero for a struct/union/enum seen only through a pointer: its
	 * members are filled in on demand by the type source
	 * (vr_debuginfo_complete_type()), so that converting one type does
	 * not pull in every type reachable from it.
	 */
	uint64_t lazy_id;
	/*
	 * Made from BTF, not DWARF: which source completes it, when both
	 * serve one program (BTF types, DWARF for what BTF lacks).
	 */
	bool from_btf;
	/*
	 * STRUCT, UNION: a cache of vr_type_find_member(), by a hash of the
	 * name: where the member was found (the member index at each level
	 * of anonymous members), checked against the members on every use,
	 * so it is never wrong, only missed.  Mutable behind const types;
	 * like lazy members, not safe against concurrent lookups.
	 */
	uint32_t member_hints[VR_TYPE_MEMBER_HINTS];
};

/* Strip typedefs. */
static inline const struct vr_type *vr_type_unqualified(const struct vr_type *t)
{
	while (t && t->kind == VR_TYPE_TYPEDEF)
		t = t->target;
	return t;
}

static inline bool vr_type_is_integer(const struct vr_type *t)
{
	t = vr_type_unqualified(t);
	return t && (t->kind == VR_TYPE_INT || t->kind == VR_TYPE_ENUM ||
		     t->kind == VR_TYPE_POINTER);
}

static inline bool vr_type_is_compound(const struct vr_type *t)
{
	t = vr_type_unqualified(t);
	return t && (t->kind == VR_TYPE_STRUCT || t->kind == VR_TYPE_UNION);
}

/* Size in bytes, looking through typedefs; arrays are length * element. */
uint64_t vr_type_sizeof(const struct vr_type *t);

/*
 * Find a member by name in a struct or union, looking into anonymous
 * members.  Adds the member's bit offset to *bit_offset.  Returns NULL if
 * there is no such member.  A repeated lookup is a hash probe and one
 * name comparison (see vr_type.member_hints).
 */
const struct vr_member *vr_type_find_member(const struct vr_type *t,
					    const char *name, size_t name_len,
					    uint64_t *bit_offset);

/* "struct task_struct", "unsigned long *", "char [65]" into @buf. */
const char *vr_type_name(const struct vr_type *t, char *buf, size_t size);

/* Enumerator value by name, or false. */
bool vr_type_enum_value(const struct vr_type *t, const char *name,
			int64_t *ret);
/* Enumerator name by value, or NULL. */
const char *vr_type_enum_name(const struct vr_type *t, int64_t value);

#endif
