// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The declarations of src/kernel/globals.c (used where the type source,
 * BTF, does not describe a variable) checked against DWARF on every
 * fixture: each declaration that applies must give the type DWARF gives
 * the variable, in size, kind and name, array lengths included.
 */
#include <stdio.h>

#include "fixture_util.h"
#include "test.h"
#include "vr/btf.h"
#include "vr/globals.h"

/* Typedefs aside, the same type: kind, size, name, element or target. */
static bool same_type(const struct vr_type *a, const struct vr_type *b,
		      int depth)
{
	a = vr_type_unqualified(a);
	b = vr_type_unqualified(b);
	if (!a || !b || depth > 4)
		return a == b || depth > 4;
	/* An anonymous enum can only be declared as the int it is. */
	if (a->kind == VR_TYPE_ENUM && !a->name && b->kind == VR_TYPE_INT)
		return vr_type_sizeof(a) == vr_type_sizeof(b);
	/* A function pointer is declared as void *. */
	if (a->kind == VR_TYPE_FUNCTION && b->kind == VR_TYPE_VOID)
		return true;
	if (a->kind != b->kind || vr_type_sizeof(a) != vr_type_sizeof(b))
		return false;
	if (a->name && b->name && strcmp(a->name, b->name) != 0)
		return false;
	switch (a->kind) {
	case VR_TYPE_ARRAY:
		if (a->length != b->length)
			return false;
		return same_type(a->target, b->target, depth + 1);
	case VR_TYPE_POINTER:
		return same_type(a->target, b->target, depth + 1);
	default:
		return true;
	}
}

/* A per-CPU variable the kernel's BTF describes (v6.11+ s390x pcpu_devices). */
static bool btf_describes(struct vr_program *prog, const char *name)
{
	struct vr_btf *btf = vr_debuginfo_btf(prog->dbg);
	struct vr_type *t;
	struct vr_error *err;

	if (!btf)
		return false;
	err = vr_btf_variable_type(btf, name, &t);
	vr_error_destroy(err);
	return !err;
}

static void check_globals(struct vr_program *prog, const char *fixture,
			  int *test_failed_)
{
	const char *name, *decl;
	unsigned int machine, checked = 0;

	for (size_t i = 0; (name = kernel_global_name(i, &decl, &machine)); i++) {
		const struct vr_type *dwarf, *declared;
		char a[256], b[256];
		struct vr_error *err;

		if (kernel_global_declaration(name, prog->arch->e_machine) != decl)
			continue;
		if (btf_describes(prog, name))
			continue;	/* the declaration is not used */
		err = vr_debuginfo_variable_type_dwarf(prog->dbg, name, &dwarf);
		if (err) {
			/* Not in this kernel (version, architecture). */
			vr_error_destroy(err);
			continue;
		}
		err = kernel_global_type(prog, name, &declared);
		if (err) {
			fprintf(stderr, "  %s: %s: %s\n", fixture, name,
				err->message);
			vr_error_destroy(err);
			(*test_failed_)++;
			continue;
		}
		checked++;
		if (!same_type(dwarf, declared, 0)) {
			fprintf(stderr, "  %s: %s is %s in DWARF, declared %s (%s)\n",
				fixture, name, vr_type_name(dwarf, a, sizeof(a)),
				decl, vr_type_name(declared, b, sizeof(b)));
			(*test_failed_)++;
		}
	}
	/* Most of the table applies to every kernel. */
	CHECK(checked >= 150);
}

TEST(declarations_match_dwarf)
{
	for_each_fixture("vmcore.elf", check_globals, test_failed_);
}

TEST_MAIN(T(declarations_match_dwarf))
