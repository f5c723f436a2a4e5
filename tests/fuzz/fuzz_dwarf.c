// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: the DWARF type index of a real vmlinux, asked with mutated
 * type names, variable names, enumerator names and member paths (what the
 * emitters pass it: "struct task_struct", "char [16]", "struct page *",
 * "signal->thread_head", "name.release", "cpus[3].x").  Lookups must give
 * a type or an error, and a bounded walk of what they give must not
 * crash, on a program opened once with types from DWARF (--types=dwarf):
 * the dump and vmlinux of $VR_FUZZ_DUMP / $VR_FUZZ_VMLINUX, else the
 * x86_64-trixie fixture's ($VMCORE_FIXTURES_CACHE or
 * ~/.cache/vmcore-fixtures); every input is skipped without them.
 *
 * Input: a mode byte, then up to 8 NUL-separated strings.
 *   mode & 3 == 0  vr_debuginfo_find_type() of each, its members walked
 *   mode & 3 == 1  the variable of that name: its type from the index
 *                  (vr_debuginfo_variable_type_dwarf()), kobj_var(), sizeof
 *   mode & 3 == 2  vr_debuginfo_constant() of each
 *   mode & 3 == 3  pairs "type\0member path": kobj_offsetof(), and the
 *                  path from a variable of that name (reads at address 0
 *                  and on: they fail or give bytes)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fixture_util.h"
#include "vr/debuginfo.h"
#include "vr/object.h"
#include "vr/program.h"
#include "vr/type.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STRINGS 8
#define MAX_NAME 512
/* Types reached from one lookup, at most. */
#define WALK_MAX 2048
#define DEPTH_MAX 8

static struct vr_program *prog;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct vr_open_options opts = { .types_dwarf = true };
	char dump[4096], vmlinux[4096];
	const char *d = getenv("VR_FUZZ_DUMP"), *v = getenv("VR_FUZZ_VMLINUX");
	struct vr_error *err;

	(void)argc;
	(void)argv;
	if (!d || !*d || !v || !*v) {
		d = fixture_file(dump, sizeof(dump), "x86_64-trixie",
				 "vmcore.kdump-zlib");
		v = fixture_file(vmlinux, sizeof(vmlinux), "x86_64-trixie",
				 "vmlinux");
	}
	err = vr_program_open(d, v, &opts, &prog);
	if (err) {
		fprintf(stderr, "fuzz_dwarf: %s: every input skipped\n",
			err->message);
		vr_error_destroy(err);
		prog = NULL;
	}
	return 0;
}

struct walk {
	size_t seen;
};

/* Sizes and members of @t and of what it refers to, bounded. */
static void walk(struct walk *w, const struct vr_type *t, unsigned int depth)
{
	if (!t || depth > DEPTH_MAX || ++w->seen > WALK_MAX)
		return;
	t = vr_debuginfo_complete_type(prog->dbg, t);
	(void)vr_type_sizeof(t);
	if (vr_type_is_compound(t)) {
		for (size_t i = 0; i < t->nr_members && i < 64; i++)
			walk(w, t->members[i].type, depth + 1);
		return;
	}
	if (t->kind == VR_TYPE_POINTER)
		(void)vr_debuginfo_pointer_to(prog->dbg, t);
	walk(w, t->target, depth + 1);
}

static void find_type(const char *name)
{
	const struct vr_type *t;
	struct vr_error *err = vr_debuginfo_find_type(prog->dbg, name, &t);
	struct walk w = { 0 };

	if (err) {
		vr_error_destroy(err);
		return;
	}
	walk(&w, t, 0);
}

static void variable(const char *name)
{
	const struct vr_type *t;
	struct vr_error *err = vr_debuginfo_variable_type_dwarf(prog->dbg,
								 name, &t);
	struct kobj o = kobj_var(prog, name);
	struct walk w = { 0 };

	if (!err)
		walk(&w, t, 0);
	vr_error_destroy(err);
	err = vr_debuginfo_variable_type(prog->dbg, name, &t);
	vr_error_destroy(err);
	if (kobj_ok(&o))
		(void)vr_type_sizeof(o.type);
	(void)kobj_sizeof(prog, name);
}

static void constant(const char *name)
{
	int64_t v;

	vr_error_destroy(vr_debuginfo_constant(prog->dbg, name, &v));
}

static void member_path(const char *type, const char *path)
{
	uint64_t off;
	unsigned char buf[16];
	struct kobj o;

	(void)kobj_offsetof(prog, type, path, &off);
	(void)kobj_has_member(prog, type, path);
	o = kobj_member(kobj_var(prog, type), path);
	vr_error_destroy(kobj_read_bytes(o, buf, sizeof(buf)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[MAX_STRINGS][MAX_NAME];
	unsigned int mode, n = 0;
	size_t i = 1;

	if (!prog || size < 2)
		return 0;
	mode = data[0] & 3;
	while (i < size && n < MAX_STRINGS) {
		const uint8_t *end = memchr(data + i, 0, size - i);
		size_t len = end ? (size_t)(end - (data + i)) : size - i;

		if (len >= MAX_NAME)
			len = MAX_NAME - 1;
		memcpy(s[n], data + i, len);
		s[n++][len] = '\0';
		i += (end ? (size_t)(end - (data + i)) : size - i) + 1;
	}
	for (unsigned int k = 0; k < n; k++) {
		switch (mode) {
		case 0: find_type(s[k]); break;
		case 1: variable(s[k]); break;
		case 2: constant(s[k]); break;
		default:
			if (k + 1 < n)
				member_path(s[k], s[k + 1]);
			k++;
			break;
		}
	}
	return 0;
}
