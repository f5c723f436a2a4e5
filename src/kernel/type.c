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

const struct vr_member *vr_type_find_member(const struct vr_type *t,
					    const char *name, size_t name_len,
					    uint64_t *bit_offset)
{
	t = vr_type_unqualified(t);
	if (!t || (t->kind != VR_TYPE_STRUCT && t->kind != VR_TYPE_UNION))
		return NULL;
	for (size_t i = 0; i < t->nr_members; i++) {
		const struct vr_member *m = &t->members[i];

		if (m->name) {
			if (strlen(m->name) == name_len &&
			    memcmp(m->name, name, name_len) == 0) {
				*bit_offset += m->bit_offset;
				return m;
			}
			continue;
		}
		/* Anonymous struct or union: look inside. */
		uint64_t inner = 0;
		const struct vr_member *found =
			vr_type_find_member(m->type, name, name_len, &inner);

		if (found) {
			*bit_offset += m->bit_offset + inner;
			return found;
		}
	}
	return NULL;
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
