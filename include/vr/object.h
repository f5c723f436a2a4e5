/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Typed objects in the dumped kernel, drgn-style.
 *
 * A struct kobj is a small value: a type and either an address in the dump
 * (a reference) or an inline value.  Every operation takes and returns
 * objects by value; an operation on a failed object returns the failed
 * object untouched, so an emitter chains operations and checks once, where
 * it decides what to print:
 *
 *	struct kobj uts = kobj_var(prog, "init_uts_ns");
 *	err = kobj_read_cstr(kobj_member(uts, "name.release"), buf, sizeof(buf));
 */
#ifndef VR_OBJECT_H
#define VR_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/program.h"
#include "vr/type.h"

struct kobj {
	struct vr_program *prog;
	const struct vr_type *type;
	uint64_t addr;		/* reference: address of the object */
	uint64_t value;		/* value object: the value itself */
	uint32_t bit_size;	/* bitfield width, 0 if not a bitfield */
	uint8_t bit_offset;	/* bitfield: bits from addr */
	bool is_value;
	enum vr_errcode err;	/* 0 if the object is valid */
	char errmsg[256];	/* kobj_set_error() */
};

static inline bool kobj_ok(const struct kobj *o)
{
	return o->err == 0;
}

/* The object's error as a struct vr_error (NULL if valid). */
struct vr_error *kobj_error(const struct kobj *o);
/*
 * Make @o a failed object with @err's code and message; consumes @err.
 * A message too long keeps its start and its end, where the cause is
 * ("reading 0x...: ... ... beyond the end of the dump").
 */
void kobj_set_error(struct kobj *o, struct vr_error *err);
/* A failed object of @prog from @err, which is consumed. */
struct kobj kobj_from_error(struct vr_program *prog, struct vr_error *err);

/* A global variable by name (KASLR applied). */
struct kobj kobj_var(struct vr_program *prog, const char *name);
/* An object of type @type_name ("struct task_struct") at @addr. */
struct kobj kobj_at(struct vr_program *prog, const char *type_name,
		    uint64_t addr);
/* An integer or pointer value of type @type_name. */
struct kobj kobj_value(struct vr_program *prog, const char *type_name,
		       uint64_t value);

/* A value of an already known type (e.g. a pointer computed by a helper). */
struct kobj kobj_value_of(struct vr_program *prog, const struct vr_type *type,
			  uint64_t value);
/* A reference to an object of a known type at @addr. */
struct kobj kobj_ref_of(struct vr_program *prog, const struct vr_type *type,
			uint64_t addr);

/*
 * A member by path: "name", "name.release", "mm->mmap_base",
 * "signal->rlim[3].rlim_cur".  Pointers to structs are followed
 * automatically, as in drgn.
 */
struct kobj kobj_member(struct kobj o, const char *path);
/* *o for a pointer. */
struct kobj kobj_deref(struct kobj o);
/* o[i] for an array or pointer. */
struct kobj kobj_index(struct kobj o, uint64_t i);
/* &o: a pointer value. */
struct kobj kobj_address_of(struct kobj o);
/* The same address (or value) seen as another type. */
struct kobj kobj_cast(struct kobj o, const char *type_name);
/*
 * container_of(ptr, type, member): @ptr is a pointer object or an address
 * value; the result is a reference to the containing @type_name.
 */
struct kobj kobj_container_of(struct kobj ptr, const char *type_name,
			      const char *member);
struct kobj kobj_container_of_addr(struct vr_program *prog, uint64_t addr,
				   const char *type_name, const char *member);

/* Integers, enums, pointers and bools: the value, sign-extended if signed. */
struct vr_error *kobj_read_u64(struct kobj o, uint64_t *ret);
struct vr_error *kobj_read_s64(struct kobj o, int64_t *ret);
/*
 * A C string: for a char array, its contents up to the first NUL or the
 * array's end; for a char pointer, the string it points to.  At most
 * @size - 1 bytes; always NUL-terminated.
 */
struct vr_error *kobj_read_cstr(struct kobj o, char *buf, size_t size);
/* The object's raw bytes (at most its size). */
struct vr_error *kobj_read_bytes(struct kobj o, void *buf, size_t size);

/* A reference's address (0 for a value or failed object). */
static inline uint64_t kobj_addr(const struct kobj *o)
{
	return o->is_value || o->err ? 0 : o->addr;
}

/* sizeof and offsetof by name; 0 / false if unknown. */
uint64_t kobj_sizeof(struct vr_program *prog, const char *type_name);
bool kobj_offsetof(struct vr_program *prog, const char *type_name,
		   const char *member, uint64_t *ret);
/* Feature tests: "does struct task_struct have __state?" */
bool kobj_has_member(struct vr_program *prog, const char *type_name,
		     const char *member);
bool kobj_has_symbol(struct vr_program *prog, const char *name);
/*
 * A named constant: an enumerator of any enum (anonymous ones included),
 * as drgn's prog.constant().  VR_ERR_NOT_FOUND for a #define, which
 * DWARF does not keep.
 */
struct vr_error *kobj_constant(struct vr_program *prog, const char *name,
			       int64_t *value);
/* The constant, or @fallback when the vmlinux does not have it. */
uint64_t kobj_constant_or(struct vr_program *prog, const char *name,
			  uint64_t fallback);

#endif
