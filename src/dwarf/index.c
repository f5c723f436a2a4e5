// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The name index: one pass over the top-level DIEs of every compilation
 * unit, recording where each named type and variable is defined.  Only
 * offsets are stored; types are converted when first asked for.
 */
#include <dwarf.h>
#include <string.h>

#include "internal.h"

static int die_namespace(int tag)
{
	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
		return NS_STRUCT;
	case DW_TAG_union_type:
		return NS_UNION;
	case DW_TAG_enumeration_type:
		return NS_ENUM;
	case DW_TAG_typedef:
	case DW_TAG_base_type:
		return NS_ORDINARY;
	case DW_TAG_variable:
		return NS_VARIABLE;
	default:
		return -1;
	}
}

static bool die_is_declaration(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	bool flag = false;

	if (!dwarf_attr(die, DW_AT_declaration, &attr))
		return false;
	return dwarf_formflag(&attr, &flag) == 0 && flag;
}

/*
 * Offsets are stored with bit 0 of the value meaning "only a declaration
 * seen so far", so that a later definition replaces it.
 */
#define INDEX_DECL 1ULL

static bool index_die(struct vr_debuginfo *dbg, Dwarf_Die *die)
{
	int ns = die_namespace(dwarf_tag(die));
	const char *name;
	size_t len;
	void **slot;
	uint64_t value;

	if (ns < 0)
		return true;
	name = dwarf_diename(die);
	if (!name)
		return true;
	len = strlen(name);
	slot = hashmap_insert_str(&dbg->names, ns, name, len);
	if (!slot)
		return false;
	/*
	 * The first definition wins and replaces a mere declaration; most
	 * names come again in every unit, so look at the DIE only when the
	 * entry is new or still a declaration.
	 */
	if (*slot && !((uintptr_t)*slot & INDEX_DECL))
		return true;
	value = (dwarf_dieoffset(die) + 1) << 1;
	if (die_is_declaration(die))
		value |= INDEX_DECL;
	if (!*slot || !(value & INDEX_DECL))
		*slot = (void *)(uintptr_t)value;
	return true;
}

/* Enumerators, also of anonymous enums: the kernel's named constants. */
static bool index_enumerators(struct vr_debuginfo *dbg, Dwarf_Die *die)
{
	Dwarf_Die child;
	void **slot;

	if (dwarf_child(die, &child) != 0)
		return true;
	do {
		const char *name;
		size_t len;

		if (dwarf_tag(&child) != DW_TAG_enumerator)
			continue;
		name = dwarf_diename(&child);
		if (!name)
			continue;
		len = strlen(name);
		slot = hashmap_insert_str(&dbg->names, NS_ENUMERATOR, name, len);
		if (!slot)
			return false;
		if (!*slot)
			*slot = (void *)(uintptr_t)((dwarf_dieoffset(&child) + 1) << 1);
	} while (dwarf_siblingof(&child, &child) == 0);
	return true;
}

struct vr_error *dwarf_build_index(struct vr_debuginfo *dbg)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	if (dbg->indexed)
		return NULL;
	while (dwarf_nextcu(dbg->dwarf, off, &next, &hsize, NULL, NULL,
			    NULL) == 0) {
		Dwarf_Die cu, child;

		if (!dwarf_offdie(dbg->dwarf, off + hsize, &cu))
			goto next_cu;
		if (dwarf_child(&cu, &child) != 0)
			goto next_cu;
		do {
			if (!index_die(dbg, &child))
				return &vr_enomem;
			if (dwarf_tag(&child) == DW_TAG_enumeration_type &&
			    !index_enumerators(dbg, &child))
				return &vr_enomem;
		} while (dwarf_siblingof(&child, &child) == 0);
next_cu:
		off = next;
	}
	dbg->indexed = true;
	return NULL;
}
