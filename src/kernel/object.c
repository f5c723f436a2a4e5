// SPDX-License-Identifier: GPL-2.0-or-later
/* The typed object API (see vr/object.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/globals.h"
#include "vr/object.h"
#include "vr/util.h"

static struct kobj kobj_fail(struct vr_program *prog, enum vr_errcode code,
			     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_errmsg(struct kobj *o, const char *msg)
{
	size_t len = strlen(msg), size = sizeof(o->errmsg);
	size_t head = size / 4, tail = size - head - sizeof(" ... ");

	if (len < size)
		memcpy(o->errmsg, msg, len + 1);
	else
		snprintf(o->errmsg, size, "%.*s ... %s", (int)head, msg,
			 msg + len - tail);
}

static struct kobj kobj_fail(struct vr_program *prog, enum vr_errcode code,
			     const char *fmt, ...)
{
	struct kobj o = { .prog = prog, .err = code };
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	set_errmsg(&o, msg);
	return o;
}

void kobj_set_error(struct kobj *o, struct vr_error *err)
{
	o->err = err->code;
	set_errmsg(o, err->message);
	vr_error_destroy(err);
}

struct kobj kobj_from_error(struct vr_program *prog, struct vr_error *err)
{
	struct kobj o = { .prog = prog };

	kobj_set_error(&o, err);
	return o;
}

struct vr_error *kobj_error(const struct kobj *o)
{
	if (!o->err)
		return NULL;
	return vr_error_create(o->err, "%s", o->errmsg);
}

static struct kobj kobj_ref(struct vr_program *prog, const struct vr_type *type,
			    uint64_t addr)
{
	return (struct kobj){ .prog = prog, .type = type, .addr = addr };
}

static const struct vr_type *complete(struct vr_program *prog,
				      const struct vr_type *t)
{
	return vr_debuginfo_complete_type(prog->dbg, vr_type_unqualified(t));
}

struct kobj kobj_var(struct vr_program *prog, const char *name)
{
	const struct vr_type *type;
	struct vr_error *err;
	uint64_t addr;

	err = vr_program_symbol(prog, name, &addr);
	if (err)
		return kobj_from_error(prog, err);
	err = vr_debuginfo_variable_type(prog->dbg, name, &type);
	/*
	 * BTF describes per-CPU variables only: the others as the kernel
	 * declares them, else as the vmlinux's DWARF says, if there is one.
	 */
	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		err = kernel_global_type(prog, name, &type);
	}
	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		err = vr_debuginfo_variable_type_dwarf(prog->dbg, name, &type);
	}
	if (err)
		return kobj_from_error(prog, err);
	return kobj_ref(prog, type, addr);
}

struct kobj kobj_at(struct vr_program *prog, const char *type_name,
		    uint64_t addr)
{
	const struct vr_type *type;
	struct vr_error *err = vr_debuginfo_find_type(prog->dbg, type_name,
						      &type);

	if (err)
		return kobj_from_error(prog, err);
	return kobj_ref(prog, type, addr);
}

struct kobj kobj_value(struct vr_program *prog, const char *type_name,
		       uint64_t value)
{
	struct kobj o = kobj_at(prog, type_name, 0);

	if (o.err)
		return o;
	o.is_value = true;
	o.value = value;
	return o;
}

struct kobj kobj_value_of(struct vr_program *prog, const struct vr_type *type,
			  uint64_t value)
{
	return (struct kobj){ .prog = prog, .type = type, .is_value = true,
			      .value = value };
}

struct kobj kobj_ref_of(struct vr_program *prog, const struct vr_type *type,
			uint64_t addr)
{
	return kobj_ref(prog, type, addr);
}

struct kobj kobj_deref(struct kobj o)
{
	const struct vr_type *t;
	uint64_t ptr;
	struct vr_error *err;

	if (o.err)
		return o;
	t = vr_type_unqualified(o.type);
	if (t->kind != VR_TYPE_POINTER)
		return kobj_fail(o.prog, VR_ERR_TYPE,
				 "dereference of a non-pointer");
	err = kobj_read_u64(o, &ptr);
	if (err)
		return kobj_from_error(o.prog, err);
	if (!ptr)
		return kobj_fail(o.prog, VR_ERR_FAULT, "NULL pointer dereference");
	return kobj_ref(o.prog, t->target, ptr);
}

struct kobj kobj_index(struct kobj o, uint64_t i)
{
	const struct vr_type *t;
	uint64_t elem_size;

	if (o.err)
		return o;
	t = vr_type_unqualified(o.type);
	if (t->kind == VR_TYPE_POINTER) {
		struct kobj base = kobj_deref(o);

		if (base.err)
			return base;
		elem_size = vr_type_sizeof(complete(o.prog, t->target));
		return kobj_ref(o.prog, t->target, base.addr + i * elem_size);
	}
	if (t->kind != VR_TYPE_ARRAY)
		return kobj_fail(o.prog, VR_ERR_TYPE, "index of a non-array");
	if (o.is_value)
		return kobj_fail(o.prog, VR_ERR_TYPE, "index of an array value");
	if (!t->incomplete && i >= t->length)
		return kobj_fail(o.prog, VR_ERR_INVALID,
				 "index %llu out of bounds [%llu]",
				 (unsigned long long)i,
				 (unsigned long long)t->length);
	elem_size = vr_type_sizeof(complete(o.prog, t->target));
	return kobj_ref(o.prog, t->target, o.addr + i * elem_size);
}

struct kobj kobj_address_of(struct kobj o)
{
	const struct vr_type *p;

	if (o.err)
		return o;
	if (o.is_value || o.bit_size)
		return kobj_fail(o.prog, VR_ERR_TYPE,
				 "cannot take the address of a value");
	p = vr_debuginfo_pointer_to(o.prog->dbg, o.type);
	if (!p)
		return kobj_fail(o.prog, VR_ERR_NOMEM, "out of memory");
	return (struct kobj){ .prog = o.prog, .type = p, .is_value = true,
			      .value = o.addr };
}

static struct kobj member_by_name(struct kobj o, const char *name, size_t len)
{
	const struct vr_type *t;
	const struct vr_member *m;
	uint64_t bit_offset = 0;
	struct kobj r;

	if (o.err)
		return o;
	t = vr_type_unqualified(o.type);
	if (t && t->kind == VR_TYPE_POINTER) {
		o = kobj_deref(o);
		if (o.err)
			return o;
	}
	t = complete(o.prog, o.type);
	if (!vr_type_is_compound(t))
		return kobj_fail(o.prog, VR_ERR_TYPE,
				 "member %.*s of a non-struct", (int)len, name);
	if (o.is_value)
		return kobj_fail(o.prog, VR_ERR_TYPE,
				 "member of a struct value");
	m = vr_type_find_member(t, name, len, &bit_offset);
	if (!m)
		return kobj_fail(o.prog, VR_ERR_NOT_FOUND,
				 "%s has no member %.*s",
				 t->name ? t->name : "<anonymous>", (int)len,
				 name);
	r = kobj_ref(o.prog, m->type, o.addr + bit_offset / 8);
	if (m->bit_size) {
		r.bit_size = m->bit_size;
		r.bit_offset = (uint8_t)(bit_offset % 8);
	}
	return r;
}

/* Path syntax: ident ( ('.' | '->') ident | '[' number ']' )* */
struct kobj kobj_member(struct kobj o, const char *path)
{
	const char *p = path;

	while (*p && !o.err) {
		if (*p == '.') {
			p++;
		} else if (p[0] == '-' && p[1] == '>') {
			p += 2;
		} else if (*p == '[') {
			char *end;
			unsigned long long i = strtoull(p + 1, &end, 0);

			if (end == p + 1 || *end != ']')
				return kobj_fail(o.prog, VR_ERR_INVALID,
						 "bad member path %s", path);
			o = kobj_index(o, i);
			p = end + 1;
			continue;
		}
		size_t len = 0;

		while (isalnum((unsigned char)p[len]) || p[len] == '_')
			len++;
		if (!len)
			return kobj_fail(o.prog, VR_ERR_INVALID,
					 "bad member path %s", path);
		o = member_by_name(o, p, len);
		p += len;
	}
	return o;
}

struct kobj kobj_cast(struct kobj o, const char *type_name)
{
	const struct vr_type *type;
	struct vr_error *err;

	if (o.err)
		return o;
	err = vr_debuginfo_find_type(o.prog->dbg, type_name, &type);
	if (err)
		return kobj_from_error(o.prog, err);
	o.type = type;
	return o;
}

struct kobj kobj_container_of_addr(struct vr_program *prog, uint64_t addr,
				   const char *type_name, const char *member)
{
	uint64_t off;

	if (!kobj_offsetof(prog, type_name, member, &off))
		return kobj_fail(prog, VR_ERR_NOT_FOUND, "%s has no member %s",
				 type_name, member);
	return kobj_at(prog, type_name, addr - off);
}

struct kobj kobj_container_of(struct kobj ptr, const char *type_name,
			      const char *member)
{
	uint64_t addr;
	struct vr_error *err;

	if (ptr.err)
		return ptr;
	err = kobj_read_u64(ptr, &addr);
	if (err)
		return kobj_from_error(ptr.prog, err);
	return kobj_container_of_addr(ptr.prog, addr, type_name, member);
}

static struct vr_error *read_bitfield(struct kobj o, uint64_t *ret)
{
	uint8_t raw[9] = { 0 };
	size_t nbytes = (o.bit_offset + o.bit_size + 7) / 8;
	uint64_t v = 0;
	struct vr_error *err;

	if (o.bit_size > 64 || nbytes > sizeof(raw))
		return vr_error_create(VR_ERR_TYPE, "bitfield too wide");
	err = vr_program_read(o.prog, o.addr, raw, nbytes);
	if (err)
		return err;
	if (o.prog->big_endian) {
		for (size_t i = 0; i < nbytes; i++)
			v = v << 8 | raw[i];
		v >>= nbytes * 8 - o.bit_offset - o.bit_size;
	} else {
		for (size_t i = nbytes; i-- > 0;)
			v = v << 8 | raw[i];
		v >>= o.bit_offset;
	}
	if (o.bit_size < 64)
		v &= (1ULL << o.bit_size) - 1;
	*ret = v;
	return NULL;
}

static struct vr_error *read_raw_uint(struct kobj o, uint64_t *ret)
{
	const struct vr_type *t;
	uint64_t size;

	if (o.err)
		return kobj_error(&o);
	if (o.is_value) {
		*ret = o.value;
		return NULL;
	}
	if (o.bit_size)
		return read_bitfield(o, ret);
	t = vr_type_unqualified(o.type);
	if (!vr_type_is_integer(t))
		return vr_error_create(VR_ERR_TYPE,
				       "not an integer or pointer");
	size = t->size;
	if (size == 0 || size > 8)
		return vr_error_create(VR_ERR_TYPE,
				       "cannot read a %llu-byte integer",
				       (unsigned long long)size);
	return vr_program_read_uint(o.prog, o.addr, size, ret);
}

struct vr_error *kobj_read_u64(struct kobj o, uint64_t *ret)
{
	return read_raw_uint(o, ret);
}

struct vr_error *kobj_read_s64(struct kobj o, int64_t *ret)
{
	const struct vr_type *t = vr_type_unqualified(o.type);
	struct vr_error *err;
	unsigned int bits;
	uint64_t v;

	err = read_raw_uint(o, &v);
	if (err)
		return err;
	bits = o.bit_size ? o.bit_size : (unsigned int)(t->size * 8);
	if (t->is_signed && bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ULL << bits;
	*ret = (int64_t)v;
	return NULL;
}

struct vr_error *kobj_read_cstr(struct kobj o, char *buf, size_t size)
{
	const struct vr_type *t;
	uint64_t ptr;
	struct vr_error *err;

	if (o.err)
		return kobj_error(&o);
	if (!size)
		return vr_error_create(VR_ERR_INVALID, "empty buffer");
	t = vr_type_unqualified(o.type);
	if (t->kind == VR_TYPE_ARRAY && !o.is_value) {
		size_t n = size - 1;

		if (!t->incomplete && t->length < n)
			n = t->length;
		err = vr_program_read(o.prog, o.addr, buf, n);
		if (err)
			return err;
		buf[n] = '\0';
		return NULL;
	}
	if (t->kind != VR_TYPE_POINTER)
		return vr_error_create(VR_ERR_TYPE, "not a string");
	err = kobj_read_u64(o, &ptr);
	if (err)
		return err;
	if (!ptr)
		return vr_error_create(VR_ERR_FAULT, "NULL string pointer");
	return vr_program_read_cstr(o.prog, ptr, buf, size);
}

struct vr_error *kobj_read_bytes(struct kobj o, void *buf, size_t size)
{
	uint64_t have;

	if (o.err)
		return kobj_error(&o);
	if (o.is_value || o.bit_size)
		return vr_error_create(VR_ERR_TYPE, "not an object in memory");
	have = vr_type_sizeof(complete(o.prog, o.type));
	if (size > have)
		size = have;
	return vr_program_read(o.prog, o.addr, buf, size);
}

uint64_t kobj_sizeof(struct vr_program *prog, const char *type_name)
{
	const struct vr_type *t;
	struct vr_error *err = vr_debuginfo_find_type(prog->dbg, type_name, &t);

	if (err) {
		vr_error_destroy(err);
		return 0;
	}
	return vr_type_sizeof(complete(prog, t));
}

bool kobj_offsetof(struct vr_program *prog, const char *type_name,
		   const char *member, uint64_t *ret)
{
	struct kobj o = kobj_member(kobj_at(prog, type_name, 0), member);

	if (o.err)
		return false;
	*ret = o.addr;
	return true;
}

bool kobj_has_member(struct vr_program *prog, const char *type_name,
		     const char *member)
{
	uint64_t off;

	return kobj_offsetof(prog, type_name, member, &off);
}

bool kobj_has_symbol(struct vr_program *prog, const char *name)
{
	struct vr_symbol sym;
	struct vr_error *err = vr_debuginfo_symbol(prog->dbg, name, &sym);
	bool found = err == NULL;

	vr_error_destroy(err);
	return found;
}

struct vr_error *kobj_constant(struct vr_program *prog, const char *name,
			       int64_t *value)
{
	return vr_debuginfo_constant(prog->dbg, name, value);
}

uint64_t kobj_constant_or(struct vr_program *prog, const char *name,
			  uint64_t fallback)
{
	int64_t v;
	struct vr_error *err = kobj_constant(prog, name, &v);

	if (err) {
		vr_error_destroy(err);
		return fallback;
	}
	return (uint64_t)v;
}
