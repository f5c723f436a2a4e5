// SPDX-License-Identifier: GPL-2.0-or-later
/* Operations on the type model that do not depend on where it came from. */
#include <stdio.h>
#include <string.h>

#include "vr/type.h"

uint64_t vr_type_sizeof(const struct vr_type *t)
{
	t = vr_type_unqualified(t);
	if (!t)
		return 0;
	if (t->kind == VR_TYPE_ARRAY)
		return t->length * vr_type_sizeof(t->target);
	return t->size;
}

/* @mname (NUL-terminated) equals the @len bytes at @name. */
static bool name_eq(const char *mname, const char *name, size_t len)
{
	return mname[0] == name[0] && strncmp(mname, name, len) == 0 &&
	       mname[len] == '\0';
}

/*
 * A cache hint: the depth of the member (1 + the anonymous members it is
 * in, at most HINT_DEPTH) in bits 0-1, then the member's index at each
 * level, HINT_INDEX_BITS each.
 */
#define HINT_DEPTH 3
#define HINT_INDEX_BITS 10

static unsigned int hint_slot(const char *name, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h & (VR_TYPE_MEMBER_HINTS - 1);
}

/* The member a hint leads to, if it still is the one named @name. */
static const struct vr_member *from_hint(const struct vr_type *t,
					 uint32_t hint, const char *name,
					 size_t len, uint64_t *bit_offset)
{
	unsigned int depth = hint & 3;
	uint64_t off = 0;

	for (unsigned int k = 0; k < depth; k++) {
		uint32_t i = (hint >> (2 + k * HINT_INDEX_BITS)) &
			     ((1u << HINT_INDEX_BITS) - 1);
		const struct vr_member *m;

		if (!vr_type_is_compound(t) || i >= t->nr_members)
			return NULL;
		m = &t->members[i];
		off += m->bit_offset;
		if (k + 1 < depth) {
			if (m->name)
				return NULL;
			t = vr_type_unqualified(m->type);
			continue;
		}
		if (!m->name || !name_eq(m->name, name, len))
			return NULL;
		*bit_offset += off;
		return m;
	}
	return NULL;
}

/* Bound on the nesting of anonymous members that scan() follows. */
#define MAX_ANON_DEPTH 64

/*
 * The uncached lookup, in declaration order, looking into anonymous
 * members; @path gets the member index at each level, @depth the levels.
 */
static const struct vr_member *scan(const struct vr_type *t, const char *name,
				    size_t len, uint64_t *bit_offset,
				    uint32_t *path, unsigned int level,
				    unsigned int *depth)
{
	t = vr_type_unqualified(t);
	if (!t || (t->kind != VR_TYPE_STRUCT && t->kind != VR_TYPE_UNION) ||
	    level >= MAX_ANON_DEPTH)
		return NULL;
	for (size_t i = 0; i < t->nr_members; i++) {
		const struct vr_member *m = &t->members[i];
		const struct vr_member *found;
		uint64_t inner = 0;

		if (m->name) {
			if (!name_eq(m->name, name, len))
				continue;
			*bit_offset += m->bit_offset;
			*depth = 1;
			path[0] = (uint32_t)i;
			return m;
		}
		/* Anonymous struct or union: look inside. */
		found = scan(m->type, name, len, &inner, path + 1, level + 1,
			     depth);
		if (found) {
			*bit_offset += m->bit_offset + inner;
			path[0] = (uint32_t)i;
			++*depth;
			return found;
		}
	}
	return NULL;
}

const struct vr_member *vr_type_find_member(const struct vr_type *t,
					    const char *name, size_t name_len,
					    uint64_t *bit_offset)
{
	uint32_t path[MAX_ANON_DEPTH], hint;
	unsigned int slot, depth = 0;
	const struct vr_member *m;
	struct vr_type *mt;

	t = vr_type_unqualified(t);
	if (!t || (t->kind != VR_TYPE_STRUCT && t->kind != VR_TYPE_UNION) ||
	    !name_len)
		return NULL;
	slot = hint_slot(name, name_len);
	m = from_hint(t, t->member_hints[slot], name, name_len, bit_offset);
	if (m)
		return m;
	m = scan(t, name, name_len, bit_offset, path, 0, &depth);
	if (!m || depth > HINT_DEPTH)
		return m;
	hint = depth;
	for (unsigned int k = 0; k < depth; k++) {
		if (path[k] >= 1u << HINT_INDEX_BITS)
			return m;
		hint |= path[k] << (2 + k * HINT_INDEX_BITS);
	}
	/* The cache is not part of the type's value. */
	mt = (struct vr_type *)t;
	mt->member_hints[slot] = hint;
	return m;
}

static const char *kind_keyword(enum vr_type_kind kind)
{
	switch (kind) {
	case VR_TYPE_STRUCT: return "struct ";
	case VR_TYPE_UNION: return "union ";
	case VR_TYPE_ENUM: return "enum ";
	default: return "";
	}
}

const char *vr_type_name(const struct vr_type *t, char *buf, size_t size)
{
	char inner[256];
	int n;

	if (!t)
		return NULL;
	switch (t->kind) {
	case VR_TYPE_POINTER:
		if (!vr_type_name(t->target, inner, sizeof(inner)))
			return NULL;
		n = snprintf(buf, size, "%s *", inner);
		break;
	case VR_TYPE_ARRAY:
		if (!vr_type_name(t->target, inner, sizeof(inner)))
			return NULL;
		n = snprintf(buf, size, "%s [%llu]", inner,
			     (unsigned long long)t->length);
		break;
	case VR_TYPE_FUNCTION:
		n = snprintf(buf, size, "function");
		break;
	default:
		n = snprintf(buf, size, "%s%s", kind_keyword(t->kind),
			     t->name ? t->name : "<anonymous>");
		break;
	}
	return n >= 0 && (size_t)n < size ? buf : NULL;
}

bool vr_type_enum_value(const struct vr_type *t, const char *name,
			int64_t *ret)
{
	t = vr_type_unqualified(t);
	if (!t || t->kind != VR_TYPE_ENUM)
		return false;
	for (size_t i = 0; i < t->nr_enumerators; i++) {
		if (strcmp(t->enumerators[i].name, name) == 0) {
			*ret = t->enumerators[i].value;
			return true;
		}
	}
	return false;
}

const char *vr_type_enum_name(const struct vr_type *t, int64_t value)
{
	t = vr_type_unqualified(t);
	if (!t || t->kind != VR_TYPE_ENUM)
		return NULL;
	for (size_t i = 0; i < t->nr_enumerators; i++) {
		if (t->enumerators[i].value == value)
			return t->enumerators[i].name;
	}
	return NULL;
}
