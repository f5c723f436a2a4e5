// SPDX-License-Identifier: GPL-2.0-or-later
/* Types and variables by name. */
#include <ctype.h>
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/base_type.h"

static bool index_lookup(struct vr_debuginfo *dbg, int ns, const char *name,
			 size_t len, Dwarf_Off *off)
{
	uintptr_t v = (uintptr_t)hashmap_get_str(&dbg->names, ns, name, len);

	if (!v)
		return false;
	*off = (v >> 1) - 1;
	return true;
}

/* Our name-index namespace to BTF's. */
static enum vr_btf_ns btf_namespace(int ns)
{
	switch (ns) {
	case NS_STRUCT:
		return VR_BTF_NS_STRUCT;
	case NS_UNION:
		return VR_BTF_NS_UNION;
	case NS_ENUM:
		return VR_BTF_NS_ENUM;
	default:
		return VR_BTF_NS_ORDINARY;
	}
}

/* The DWARF name index; BTF has its own, built when it was opened. */
static struct vr_error *build_index(struct vr_debuginfo *dbg)
{
	return dbg->btf ? NULL : dwarf_build_index(dbg);
}

static struct vr_error *find_named(struct vr_debuginfo *dbg, const char *name,
				   size_t len, struct vr_type **ret)
{
	static const struct { const char *kw; int ns; } tags[] = {
		{ "struct ", NS_STRUCT },
		{ "union ", NS_UNION },
		{ "enum ", NS_ENUM },
	};
	int ns = NS_ORDINARY;
	const char *canon;
	Dwarf_Off off;

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		size_t kwlen = strlen(tags[i].kw);

		if (len > kwlen && memcmp(name, tags[i].kw, kwlen) == 0) {
			ns = tags[i].ns;
			name += kwlen;
			len -= kwlen;
			break;
		}
	}
	if (ns == NS_ORDINARY && (canon = gcc_base_type_name(name, len))) {
		name = canon;
		len = strlen(canon);
	}
	if (dbg->btf)
		return vr_btf_find_type(dbg->btf, btf_namespace(ns), name, len,
					 ret);
	if (!index_lookup(dbg, ns, name, len, &off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "type %.*s%.*s not found in vmlinux",
				       ns == NS_STRUCT ? 7 : ns == NS_UNION ? 6 :
				       ns == NS_ENUM ? 5 : 0,
				       ns == NS_STRUCT ? "struct " :
				       ns == NS_UNION ? "union " : "enum ",
				       (int)len, name);
	return dwarf_type_from_offset(dbg, off, true, ret);
}

struct vr_error *vr_debuginfo_find_type(struct vr_debuginfo *dbg,
					const char *name,
					const struct vr_type **ret)
{
	size_t len = strlen(name), base_len;
	unsigned int pointers = 0;
	struct vr_type *t;
	struct vr_error *err;
	char *key;

	t = hashmap_get_str(&dbg->types_by_name, NS_TYPE_CACHE, name, len);
	if (t) {
		*ret = t;
		return NULL;
	}
	err = build_index(dbg);
	if (err)
		return err;
	base_len = len;
	while (base_len && (name[base_len - 1] == '*' ||
			    isspace((unsigned char)name[base_len - 1]))) {
		pointers += name[base_len - 1] == '*';
		base_len--;
	}
	while (base_len && isspace((unsigned char)*name)) {
		name++;
		base_len--;
		len--;
	}
	if (base_len == 4 && memcmp(name, "void", 4) == 0) {
		t = &dbg->void_type;
		err = NULL;
	} else {
		err = find_named(dbg, name, base_len, &t);
	}
	if (err)
		return err;
	while (pointers--)
		t = (struct vr_type *)vr_debuginfo_pointer_to(dbg, t);
	if (!t)
		return &vr_enomem;
	key = arena_strndup(&dbg->arena, name, len);
	if (!key || !hashmap_put_str(&dbg->types_by_name, NS_TYPE_CACHE, key,
				     len, t))
		return &vr_enomem;
	*ret = t;
	return NULL;
}

struct vr_error *vr_debuginfo_variable_type_dwarf(struct vr_debuginfo *dbg,
						 const char *name,
						 const struct vr_type **ret)
{
	struct vr_error *err;
	Dwarf_Off off;
	struct vr_type *t;

	if (!dbg->dwarf)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "variable %s: no DWARF to look it up in",
				       name);
	err = dwarf_build_index(dbg);
	if (err)
		return err;
	if (!index_lookup(dbg, NS_VARIABLE, name, strlen(name), &off))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "variable %s not found in vmlinux DWARF",
				       name);
	err = dwarf_variable_type(dbg, off, &t);
	if (!err)
		*ret = t;
	return err;
}

struct vr_error *vr_debuginfo_variable_type(struct vr_debuginfo *dbg,
					    const char *name,
					    const struct vr_type **ret)
{
	struct vr_error *err;
	struct vr_type *t;

	if (!dbg->btf)
		return vr_debuginfo_variable_type_dwarf(dbg, name, ret);
	err = vr_btf_variable_type(dbg->btf, name, &t);
	if (!err)
		*ret = t;
	return err;
}

struct vr_error *vr_debuginfo_constant(struct vr_debuginfo *dbg,
				       const char *name, int64_t *value)
{
	struct vr_error *err;
	uintptr_t v;
	Dwarf_Die die;

	if (dbg->btf) {
		if (vr_btf_constant(dbg->btf, name, value))
			return NULL;
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no enumerator %s in the kernel's BTF",
				       name);
	}
	err = dwarf_build_index(dbg);
	if (err)
		return err;
	v = (uintptr_t)hashmap_get_str(&dbg->names, NS_ENUMERATOR, name,
				       strlen(name));
	if (!v)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no enumerator %s in vmlinux", name);
	if (!dwarf_offdie(dbg->dwarf, (v >> 1) - 1, &die) ||
	    !dwarf_enumerator_value(&die, value))
		return vr_error_create(VR_ERR_FORMAT,
				       "DWARF: bad enumerator %s", name);
	return NULL;
}

const struct vr_type *vr_debuginfo_complete_type(struct vr_debuginfo *dbg,
						 const struct vr_type *t)
{
	struct vr_type *complete;
	char name[256];
	struct vr_error *err;

	if (!t || !t->incomplete || t->kind == VR_TYPE_ARRAY)
		return t;
	if (t->lazy_id) {
		if (t->from_btf && !dbg->btf)
			return t;
		err = t->from_btf ?
		      vr_btf_complete_lazy(dbg->btf, (struct vr_type *)t) :
		      dwarf_complete_lazy(dbg, (struct vr_type *)t);
		if (err) {
			vr_error_destroy(err);
			return t;
		}
		return t;
	}
	/* A declaration: find the definition by name. */
	if (!t->name || !vr_type_name(t, name, sizeof(name)))
		return t;
	err = vr_debuginfo_find_type(dbg, name, (const struct vr_type **)&complete);
	if (err) {
		vr_error_destroy(err);
		return t;
	}
	return complete;
}

const struct vr_type *vr_debuginfo_pointer_to(struct vr_debuginfo *dbg,
					      const struct vr_type *t)
{
	struct vr_type *p = hashmap_get_u64(&dbg->pointers, (uintptr_t)t);

	if (p)
		return p;
	p = arena_alloc(&dbg->arena, sizeof(*p));
	if (!p)
		return NULL;
	p->kind = VR_TYPE_POINTER;
	p->size = dbg->ptr_size;
	p->target = (struct vr_type *)t;
	if (!hashmap_put_u64(&dbg->pointers, (uintptr_t)t, p))
		return NULL;
	return p;
}

const struct vr_type *vr_debuginfo_array_of(struct vr_debuginfo *dbg,
					    const struct vr_type *t,
					    uint64_t length)
{
	struct vr_type *a = arena_alloc(&dbg->arena, sizeof(*a));

	if (!a)
		return NULL;
	a->kind = VR_TYPE_ARRAY;
	a->target = (struct vr_type *)t;
	a->length = length;
	a->size = length * vr_type_sizeof(t);
	return a;
}
