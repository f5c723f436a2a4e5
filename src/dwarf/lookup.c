// SPDX-License-Identifier: GPL-2.0-or-later
/* Types and variables by name. */
#include <ctype.h>
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* C spellings of base types to the names GCC gives them in DWARF. */
static const char *const base_type_aliases[][2] = {
	{ "unsigned", "unsigned int" },
	{ "unsigned long", "long unsigned int" },
	{ "unsigned long int", "long unsigned int" },
	{ "long", "long int" },
	{ "signed long", "long int" },
	{ "unsigned long long", "long long unsigned int" },
	{ "long long", "long long int" },
	{ "unsigned short", "short unsigned int" },
	{ "short", "short int" },
	{ "bool", "_Bool" },
};

static const char *canonical_base_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(base_type_aliases) /
			       sizeof(base_type_aliases[0]); i++) {
		const char *alias = base_type_aliases[i][0];

		if (strlen(alias) == len && memcmp(alias, name, len) == 0)
			return base_type_aliases[i][1];
	}
	return NULL;
}

static bool index_lookup(struct vr_debuginfo *dbg, int ns, const char *name,
			 size_t len, Dwarf_Off *off)
{
	uintptr_t v = (uintptr_t)hashmap_get_str(&dbg->names, ns, name, len);

	if (!v)
		return false;
	*off = (v >> 1) - 1;
	return true;
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
	if (ns == NS_ORDINARY && (canon = canonical_base_name(name, len))) {
		name = canon;
		len = strlen(canon);
	}
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
	err = dwarf_build_index(dbg);
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
	err = find_named(dbg, name, base_len, &t);
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

struct vr_error *vr_debuginfo_variable_type(struct vr_debuginfo *dbg,
					    const char *name,
					    const struct vr_type **ret)
{
	struct vr_error *err = dwarf_build_index(dbg);
	Dwarf_Off off;
	struct vr_type *t;

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

struct vr_error *vr_debuginfo_constant(struct vr_debuginfo *dbg,
				       const char *name, int64_t *value)
{
	struct vr_error *err = dwarf_build_index(dbg);
	uintptr_t v;
	Dwarf_Die die;

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
		err = dwarf_complete_lazy(dbg, (struct vr_type *)t);
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
