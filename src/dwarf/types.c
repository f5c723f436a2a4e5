// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DWARF DIEs into our type model.  A struct or union is converted with all
 * its members; a struct, union or enum reached through a pointer is made
 * "lazy" (incomplete, lazy_id = its DIE offset + 1) and completed when
 * something looks inside it.  This keeps the cost of a lookup proportional
 * to what is used, not to the type graph around it.
 */
#include <dwarf.h>
#include <string.h>

#include "internal.h"

static struct vr_error *die_error(const char *what, Dwarf_Die *die)
{
	return vr_error_create(VR_ERR_FORMAT, "DWARF: %s at DIE 0x%llx: %s",
			       what, (unsigned long long)dwarf_dieoffset(die),
			       dwarf_errmsg(-1));
}

static uint64_t die_udata(Dwarf_Die *die, unsigned int name, uint64_t dflt)
{
	Dwarf_Attribute attr;
	Dwarf_Word w;

	if (!dwarf_attr_integrate(die, name, &attr) ||
	    dwarf_formudata(&attr, &w) != 0)
		return dflt;
	return w;
}

static bool die_has(Dwarf_Die *die, unsigned int name)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, name, &attr) != NULL;
}

static struct vr_type *new_type(struct vr_debuginfo *dbg, enum vr_type_kind kind,
				Dwarf_Die *die)
{
	struct vr_type *t = arena_alloc(&dbg->arena, sizeof(*t));

	if (!t)
		return NULL;
	t->kind = kind;
	t->name = die ? dwarf_diename(die) : NULL;
	return t;
}

static struct vr_error *convert(struct vr_debuginfo *dbg, Dwarf_Die *die,
				bool complete, struct vr_type **ret);

/* The type named by @die's DW_AT_type, or void. */
static struct vr_error *die_type(struct vr_debuginfo *dbg, Dwarf_Die *die,
				 bool complete, struct vr_type **ret)
{
	Dwarf_Attribute attr;
	Dwarf_Die type_die;

	if (!dwarf_attr_integrate(die, DW_AT_type, &attr)) {
		*ret = &dbg->void_type;
		return NULL;
	}
	if (!dwarf_formref_die(&attr, &type_die))
		return die_error("bad DW_AT_type", die);
	return convert(dbg, &type_die, complete, ret);
}

static struct vr_error *convert_base(struct vr_debuginfo *dbg, Dwarf_Die *die,
				     struct vr_type **ret)
{
	uint64_t enc = die_udata(die, DW_AT_encoding, DW_ATE_signed);
	struct vr_type *t;

	t = new_type(dbg, enc == DW_ATE_float ? VR_TYPE_FLOAT : VR_TYPE_INT,
		     die);
	if (!t)
		return &vr_enomem;
	t->size = die_udata(die, DW_AT_byte_size, 0);
	t->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
	t->is_bool = enc == DW_ATE_boolean;
	*ret = t;
	return NULL;
}

/*
 * A member's bit offset: DW_AT_data_bit_offset (DWARF 4+), or
 * DW_AT_data_member_location plus the DWARF 2 DW_AT_bit_offset, which counts
 * from the most significant bit of the storage unit.
 */
static struct vr_error *member_bit_offset(struct vr_debuginfo *dbg,
					  Dwarf_Die *die, uint64_t bit_size,
					  uint64_t *ret)
{
	Dwarf_Attribute attr;
	Dwarf_Word loc = 0;

	if (dwarf_attr(die, DW_AT_data_bit_offset, &attr)) {
		if (dwarf_formudata(&attr, &loc) != 0)
			return die_error("bad DW_AT_data_bit_offset", die);
		*ret = loc;
		return NULL;
	}
	if (dwarf_attr(die, DW_AT_data_member_location, &attr)) {
		if (dwarf_formudata(&attr, &loc) != 0) {
			Dwarf_Op *ops;
			size_t nops;

			/* Old producers: DW_OP_plus_uconst N. */
			if (dwarf_getlocation(&attr, &ops, &nops) != 0 ||
			    nops != 1 || ops[0].atom != DW_OP_plus_uconst)
				return die_error("unsupported member location",
						 die);
			loc = ops[0].number;
		}
	}
	*ret = loc * 8;
	if (bit_size && dwarf_attr(die, DW_AT_bit_offset, &attr)) {
		Dwarf_Word bo, storage = die_udata(die, DW_AT_byte_size, 0);

		if (dwarf_formudata(&attr, &bo) != 0)
			return die_error("bad DW_AT_bit_offset", die);
		if (dbg->big_endian)
			*ret += bo;
		else
			*ret += storage * 8 - bo - bit_size;
	}
	return NULL;
}

static struct vr_error *convert_members(struct vr_debuginfo *dbg,
					Dwarf_Die *die, struct vr_type *t)
{
	Dwarf_Die child;
	size_t n = 0, i = 0;

	if (dwarf_child(die, &child) != 0)
		return NULL;
	do {
		if (dwarf_tag(&child) == DW_TAG_member)
			n++;
	} while (dwarf_siblingof(&child, &child) == 0);
	if (!n)
		return NULL;
	t->members = arena_alloc(&dbg->arena, n * sizeof(*t->members));
	if (!t->members)
		return &vr_enomem;
	dwarf_child(die, &child);
	do {
		struct vr_member *m;
		struct vr_error *err;

		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		m = &t->members[i++];
		m->name = dwarf_diename(&child);
		m->bit_size = (uint32_t)die_udata(&child, DW_AT_bit_size, 0);
		err = member_bit_offset(dbg, &child, m->bit_size,
					&m->bit_offset);
		if (!err)
			err = die_type(dbg, &child, true, &m->type);
		if (err)
			return err;
	} while (dwarf_siblingof(&child, &child) == 0);
	t->nr_members = i;
	return NULL;
}

/*
 * DW_AT_const_value of an enumerator.  GCC writes a non-negative value as
 * DW_FORM_data1..8, to be zero-extended, and a negative one as
 * DW_FORM_sdata; libdw's dwarf_formsdata() would sign-extend the former
 * (CPUHP_ONLINE, 236 in one byte, would read as -20).
 */
bool dwarf_enumerator_value(Dwarf_Die *die, int64_t *ret)
{
	Dwarf_Attribute attr;
	Dwarf_Word u;
	Dwarf_Sword v;

	if (!dwarf_attr(die, DW_AT_const_value, &attr))
		return false;
	if (dwarf_whatform(&attr) != DW_FORM_sdata) {
		if (dwarf_formudata(&attr, &u) != 0)
			return false;
		*ret = (int64_t)u;
		return true;
	}
	if (dwarf_formsdata(&attr, &v) != 0)
		return false;
	*ret = v;
	return true;
}

static struct vr_error *convert_enumerators(struct vr_debuginfo *dbg,
					    Dwarf_Die *die, struct vr_type *t)
{
	Dwarf_Die child;
	size_t n = 0, i = 0;

	if (dwarf_child(die, &child) != 0)
		return NULL;
	do {
		n += dwarf_tag(&child) == DW_TAG_enumerator;
	} while (dwarf_siblingof(&child, &child) == 0);
	t->enumerators = arena_alloc(&dbg->arena, n * sizeof(*t->enumerators));
	if (!t->enumerators)
		return &vr_enomem;
	dwarf_child(die, &child);
	do {
		int64_t sval;

		if (dwarf_tag(&child) != DW_TAG_enumerator)
			continue;
		if (!dwarf_enumerator_value(&child, &sval))
			return die_error("bad enumerator", &child);
		t->enumerators[i].name = dwarf_diename(&child);
		t->enumerators[i].value = sval;
		if (sval < 0)
			t->is_signed = true;
		i++;
	} while (dwarf_siblingof(&child, &child) == 0);
	t->nr_enumerators = i;
	return NULL;
}

static bool die_is_declaration(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	bool flag = false;

	return dwarf_attr(die, DW_AT_declaration, &attr) &&
	       dwarf_formflag(&attr, &flag) == 0 && flag;
}

/* Fill in the members of a lazy struct or union, in place. */
static struct vr_error *complete_lazy(struct vr_debuginfo *dbg,
				      struct vr_type *t)
{
	Dwarf_Die die;
	struct vr_error *err;

	if (!t->lazy_id)
		return NULL;
	if (!dwarf_offdie(dbg->dwarf, t->lazy_id - 1, &die))
		return vr_error_create(VR_ERR_FORMAT, "DWARF: bad DIE offset");
	t->lazy_id = 0;
	t->incomplete = false;
	err = convert_members(dbg, &die, t);
	if (err) {
		t->nr_members = 0;
		t->incomplete = true;
	}
	return err;
}

/* Make sure what a by-value use of @t needs (struct members) is there. */
static struct vr_error *ensure_complete(struct vr_debuginfo *dbg,
					struct vr_type *t)
{
	while (t && (t->kind == VR_TYPE_TYPEDEF || t->kind == VR_TYPE_ARRAY))
		t = t->target;
	return t ? complete_lazy(dbg, t) : NULL;
}

static struct vr_error *convert_compound(struct vr_debuginfo *dbg,
					 Dwarf_Die *die, struct vr_type *t,
					 bool complete)
{
	t->size = die_udata(die, DW_AT_byte_size, 0);
	if (die_is_declaration(die)) {
		t->incomplete = true;
		return NULL;
	}
	t->incomplete = true;
	t->lazy_id = dwarf_dieoffset(die) + 1;
	return complete ? complete_lazy(dbg, t) : NULL;
}

static struct vr_error *convert_enum(struct vr_debuginfo *dbg, Dwarf_Die *die,
				     struct vr_type *t)
{
	struct vr_error *err;

	t->size = die_udata(die, DW_AT_byte_size, 0);
	if (die_is_declaration(die)) {
		t->incomplete = true;
		return NULL;
	}
	if (die_has(die, DW_AT_type)) {
		err = die_type(dbg, die, false, &t->target);
		if (err)
			return err;
		t->is_signed = t->target->is_signed;
	}
	return convert_enumerators(dbg, die, t);
}

static uint64_t subrange_length(Dwarf_Die *sub, bool *incomplete)
{
	if (die_has(sub, DW_AT_count))
		return die_udata(sub, DW_AT_count, 0);
	if (die_has(sub, DW_AT_upper_bound))
		return die_udata(sub, DW_AT_upper_bound, 0) + 1;
	*incomplete = true;
	return 0;
}

/* int a[2][3]: one DIE, two subranges, the first the outermost. */
#define MAX_ARRAY_DIMS 8

static struct vr_error *convert_array(struct vr_debuginfo *dbg, Dwarf_Die *die,
				      struct vr_type *t, bool complete)
{
	struct vr_type *dims[MAX_ARRAY_DIMS];
	size_t ndims = 0;
	struct vr_type *elem;
	struct vr_error *err;
	Dwarf_Die child;

	err = die_type(dbg, die, complete, &elem);
	if (err)
		return err;
	dims[ndims++] = t;
	if (dwarf_child(die, &child) == 0) {
		bool first = true;

		do {
			struct vr_type *d = t;

			if (dwarf_tag(&child) != DW_TAG_subrange_type)
				continue;
			if (!first) {
				if (ndims == MAX_ARRAY_DIMS)
					return die_error("too many dimensions",
							 die);
				d = new_type(dbg, VR_TYPE_ARRAY, NULL);
				if (!d)
					return &vr_enomem;
				dims[ndims - 1]->target = d;
				dims[ndims++] = d;
			}
			first = false;
			d->length = subrange_length(&child, &d->incomplete);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	dims[ndims - 1]->target = elem;
	while (ndims--) {
		struct vr_type *d = dims[ndims];

		d->size = d->length * vr_type_sizeof(d->target);
	}
	return NULL;
}

static struct vr_error *convert_new(struct vr_debuginfo *dbg, Dwarf_Die *die,
				    bool complete, struct vr_type **ret)
{
	int tag = dwarf_tag(die);
	struct vr_type *t;
	struct vr_error *err = NULL;

	switch (tag) {
	case DW_TAG_base_type:
		return convert_base(dbg, die, ret);
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
		/* Qualifiers do not change how a value is read. */
		return die_type(dbg, die, complete, ret);
	case DW_TAG_unspecified_type:
		*ret = &dbg->void_type;
		return NULL;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		t = new_type(dbg, VR_TYPE_POINTER, NULL);
		break;
	case DW_TAG_typedef:
		t = new_type(dbg, VR_TYPE_TYPEDEF, die);
		break;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
		t = new_type(dbg, VR_TYPE_STRUCT, die);
		break;
	case DW_TAG_union_type:
		t = new_type(dbg, VR_TYPE_UNION, die);
		break;
	case DW_TAG_enumeration_type:
		t = new_type(dbg, VR_TYPE_ENUM, die);
		break;
	case DW_TAG_array_type:
		t = new_type(dbg, VR_TYPE_ARRAY, NULL);
		break;
	case DW_TAG_subroutine_type:
		t = new_type(dbg, VR_TYPE_FUNCTION, NULL);
		break;
	default:
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "DWARF: unsupported type tag 0x%x", tag);
	}
	if (!t)
		return &vr_enomem;
	/* Memoize first: a struct may point to itself. */
	if (!hashmap_put_u64(&dbg->types_by_die, dwarf_dieoffset(die), t))
		return &vr_enomem;
	switch (tag) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		t->size = die_udata(die, DW_AT_byte_size, dbg->ptr_size);
		err = die_type(dbg, die, false, &t->target);
		break;
	case DW_TAG_typedef:
		err = die_type(dbg, die, complete, &t->target);
		if (!err)
			t->size = t->target->size;
		break;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		err = convert_compound(dbg, die, t, complete);
		break;
	case DW_TAG_enumeration_type:
		err = convert_enum(dbg, die, t);
		break;
	case DW_TAG_array_type:
		err = convert_array(dbg, die, t, complete);
		break;
	case DW_TAG_subroutine_type:
		err = die_type(dbg, die, false, &t->target);
		break;
	}
	*ret = t;
	return err;
}

static struct vr_error *convert(struct vr_debuginfo *dbg, Dwarf_Die *die,
				bool complete, struct vr_type **ret)
{
	struct vr_type *t = hashmap_get_u64(&dbg->types_by_die,
					    dwarf_dieoffset(die));

	if (!t)
		return convert_new(dbg, die, complete, ret);
	*ret = t;
	return complete ? ensure_complete(dbg, t) : NULL;
}

struct vr_error *dwarf_type_from_offset(struct vr_debuginfo *dbg,
					Dwarf_Off off, bool complete,
					struct vr_type **ret)
{
	Dwarf_Die die;

	if (!dwarf_offdie(dbg->dwarf, off, &die))
		return vr_error_create(VR_ERR_FORMAT,
				       "DWARF: no DIE at 0x%llx",
				       (unsigned long long)off);
	return convert(dbg, &die, complete, ret);
}

struct vr_error *dwarf_variable_type(struct vr_debuginfo *dbg, Dwarf_Off off,
				     struct vr_type **ret)
{
	Dwarf_Die die;

	if (!dwarf_offdie(dbg->dwarf, off, &die))
		return vr_error_create(VR_ERR_FORMAT,
				       "DWARF: no DIE at 0x%llx",
				       (unsigned long long)off);
	return die_type(dbg, &die, true, ret);
}

struct vr_error *dwarf_complete_lazy(struct vr_debuginfo *dbg,
				     struct vr_type *t)
{
	return complete_lazy(dbg, t);
}
