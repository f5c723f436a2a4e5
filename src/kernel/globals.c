// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Declarations of the kernel's global variables (see vr/globals.h).
 * One line per variable the helpers and emitters read, spelled as the
 * kernel declares it; where the declaration changed, the type that every
 * version we read shares (e.g. a "[]" array whose length moved).
 * tests/unit/test_globals.c checks every line against DWARF on every
 * fixture.
 */
#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "vr/globals.h"
#include "vr/util.h"

struct global_decl {
	const char *name;
	const char *type;
	unsigned int machine;	/* ELF e_machine, 0 for any */
};

#include "globals_table.h"

const char *kernel_global_declaration(const char *name, unsigned int machine)
{
	size_t lo = 0, hi = ARRAY_SIZE(kernel_globals), i;

	/* The first entry for . */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(kernel_globals[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < ARRAY_SIZE(kernel_globals) &&
		     strcmp(kernel_globals[i].name, name) == 0; i++) {
		if (!kernel_globals[i].machine ||
		    kernel_globals[i].machine == machine)
			return kernel_globals[i].type;
	}
	return NULL;
}

/* The length inside "[...]": a number, an enumerator, or the extent. */
static struct vr_error *array_length(struct vr_program *prog, const char *name,
				     const char *spec, size_t len,
				     const struct vr_type *elem, uint64_t *ret)
{
	char buf[64];
	int64_t v;
	struct vr_symbol sym;
	struct vr_error *err;
	uint64_t esize = vr_type_sizeof(elem);

	if (len >= sizeof(buf))
		return vr_error_create(VR_ERR_FORMAT, "bad declaration of %s",
				       name);
	memcpy(buf, spec, len);
	buf[len] = '\0';
	if (len && isdigit((unsigned char)buf[0])) {
		*ret = strtoull(buf, NULL, 0);
		return NULL;
	}
	if (len) {
		err = vr_debuginfo_constant(prog->dbg, buf, &v);
		if (err)
			return err;
		*ret = v < 0 ? 0 : (uint64_t)v;
		return NULL;
	}
	/* "[]": as many elements as the symbol's extent holds. */
	err = vr_debuginfo_symbol(prog->dbg, name, &sym);
	if (err)
		return err;
	*ret = esize ? sym.size / esize : 0;
	return NULL;
}

struct vr_error *kernel_global_type(struct vr_program *prog, const char *name,
				    const struct vr_type **ret)
{
	const char *decl = kernel_global_declaration(name,
						     prog->arch->e_machine);
	const char *bracket, *close;
	const struct vr_type *t;
	struct vr_error *err;
	uint64_t length = 0;
	char base[128];
	size_t n;

	if (!decl)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no type known for variable %s", name);
	bracket = strchr(decl, '[');
	if (!bracket)
		return vr_debuginfo_find_type(prog->dbg, decl, ret);
	n = bracket - decl;
	while (n && decl[n - 1] == ' ')
		n--;
	close = strchr(bracket, ']');
	if (!close || n >= sizeof(base))
		return vr_error_create(VR_ERR_FORMAT, "bad declaration of %s",
				       name);
	memcpy(base, decl, n);
	base[n] = '\0';
	err = vr_debuginfo_find_type(prog->dbg, base, &t);
	if (!err)
		err = array_length(prog, name, bracket + 1,
				   close - bracket - 1, t, &length);
	if (err)
		return err;
	*ret = vr_debuginfo_array_of(prog->dbg, t, length);
	return *ret ? NULL : &vr_enomem;
}

const char *kernel_global_name(size_t i, const char **type,
			       unsigned int *machine)
{
	if (i >= ARRAY_SIZE(kernel_globals))
		return NULL;
	*type = kernel_globals[i].type;
	*machine = kernel_globals[i].machine;
	return kernel_globals[i].name;
}
