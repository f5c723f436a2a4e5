// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: the kernel's BTF (read out of the untrusted dump) through
 * vr_btf_open(), then lookups of the types, constants and variables the
 * emitters use, and a bounded walk of every type reached from them, lazy
 * ones completed.  It must fail cleanly or give types; never crash.
 *
 * The first byte of the input picks the mode (the rest is the BTF):
 *   & 3 == 0  a vmlinux's BTF, 8-byte pointers
 *   & 3 == 1  a vmlinux's BTF, 4-byte pointers
 *   & 3 == 2  a module's split BTF over a real vmlinux's BTF, opened once:
 *	       the .BTF of $VR_FUZZ_VMLINUX, else of the x86_64-trixie
 *	       fixture's vmlinux ($VMCORE_FIXTURES_CACHE or
 *	       ~/.cache/vmcore-fixtures; skipped when there is neither)
 *   & 3 == 3  split BTF with its base in the input too: a 4-byte
 *	       little-endian length, that many bytes of base, then the module
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/elf_btf.h"
#include "../unit/fixture_util.h"
#include "vr/btf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Types reached from one lookup, at most. */
#define WALK_MAX 4096
#define DEPTH_MAX 12

static const struct {
	enum vr_btf_ns ns;
	const char *name;
} lookups[] = {
	{ VR_BTF_NS_STRUCT, "task_struct" },
	{ VR_BTF_NS_STRUCT, "mm_struct" },
	{ VR_BTF_NS_STRUCT, "list_head" },
	{ VR_BTF_NS_STRUCT, "module" },
	{ VR_BTF_NS_STRUCT, "kmem_cache" },
	{ VR_BTF_NS_STRUCT, "zone" },
	{ VR_BTF_NS_STRUCT, "page" },
	{ VR_BTF_NS_STRUCT, "file" },
	{ VR_BTF_NS_STRUCT, "inode" },
	{ VR_BTF_NS_STRUCT, "net_device" },
	{ VR_BTF_NS_STRUCT, "printk_ringbuffer" },
	{ VR_BTF_NS_STRUCT, "dummy" },
	{ VR_BTF_NS_UNION, "thread_union" },
	{ VR_BTF_NS_ENUM, "zone_stat_item" },
	{ VR_BTF_NS_ENUM, "node_stat_item" },
	{ VR_BTF_NS_ENUM, "pageflags" },
	{ VR_BTF_NS_ORDINARY, "unsigned long" },
	{ VR_BTF_NS_ORDINARY, "long unsigned int" },
	{ VR_BTF_NS_ORDINARY, "char" },
	{ VR_BTF_NS_ORDINARY, "int" },
	{ VR_BTF_NS_ORDINARY, "_Bool" },
	{ VR_BTF_NS_ORDINARY, "u64" },
	{ VR_BTF_NS_ORDINARY, "atomic_long_t" },
	{ VR_BTF_NS_ORDINARY, "pgd_t" },
	{ VR_BTF_NS_ORDINARY, "" },
};

static const char *const constants[] = {
	"NR_VM_ZONE_STAT_ITEMS", "NR_VM_NODE_STAT_ITEMS", "PG_slab",
	"TASK_COMM_LEN", "MAX_NR_ZONES", "__MAX_NR_ZONES", "nonexistent",
};

static const char *const variables[] = {
	"runqueues", "this_cpu_off", "cpu_number", "current_task",
	"irq_stat", "kernel_cpustat", "nonexistent",
};

struct walk {
	struct vr_btf *btf;
	unsigned int visited;
	const struct vr_type *seen[64];	/* a small cache, not a set */
};

static void walk(struct walk *w, struct vr_type *t, unsigned int depth)
{
	volatile uint64_t sink = 0;
	uint64_t bits;

	for (; t; t = t->target) {
		if (depth++ > DEPTH_MAX || w->visited++ > WALK_MAX)
			return;
		if (w->seen[((uintptr_t)t >> 4) % 64] == t)
			return;
		w->seen[((uintptr_t)t >> 4) % 64] = t;
		if (t->lazy_id && t->from_btf)
			vr_error_destroy(vr_btf_complete_lazy(w->btf, t));
		sink += vr_type_sizeof(t);
		if (t->name)
			sink += strlen(t->name);
		for (size_t i = 0; i < t->nr_enumerators; i++)
			sink += strlen(t->enumerators[i].name ?
				       t->enumerators[i].name : "") +
				(uint64_t)t->enumerators[i].value;
		for (size_t i = 0; i < t->nr_members; i++) {
			const struct vr_member *m = &t->members[i];

			if (m->name)
				(void)vr_type_find_member(t, m->name,
							  strlen(m->name),
							  &bits);
			sink += m->bit_offset + m->bit_size;
			walk(w, m->type, depth);
		}
	}
	(void)sink;
}

static void exercise(struct vr_btf *btf)
{
	struct vr_type *t;
	int64_t v;

	for (size_t i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		struct walk w = { .btf = btf };
		const char *n = lookups[i].name;
		struct vr_error *err = vr_btf_find_type(btf, lookups[i].ns, n,
							strlen(n), &t);

		if (err) {
			vr_error_destroy(err);
			continue;
		}
		walk(&w, t, 0);
	}
	for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++)
		(void)vr_btf_constant(btf, constants[i], &v);
	for (size_t i = 0; i < sizeof(variables) / sizeof(variables[0]); i++) {
		struct walk w = { .btf = btf };
		struct vr_error *err = vr_btf_variable_type(btf, variables[i],
							    &t);

		if (err) {
			vr_error_destroy(err);
			continue;
		}
		walk(&w, t, 0);
	}
}

/* The fixed base of mode 2, opened on first use; NULL if there is none. */
static struct vr_btf *fixed_base(void)
{
	static struct vr_btf *base;
	static bool tried;
	char path[4096];
	const char *p = getenv("VR_FUZZ_VMLINUX");
	unsigned int ptr_size = 8;
	size_t len = 0;
	void *raw;
	struct vr_error *err;

	if (tried)
		return base;
	tried = true;
	if (!p || !*p)
		p = fixture_file(path, sizeof(path), "x86_64-trixie", "vmlinux");
	raw = read_btf_section(p, &len, &ptr_size);
	if (!raw)
		return NULL;
	err = vr_btf_open(raw, len, NULL, ptr_size, &base);
	free(raw);
	if (err) {
		fprintf(stderr, "fuzz_btf: %s: %s\n", p, err->message);
		vr_error_destroy(err);
		base = NULL;
	}
	return base;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vr_btf *base = NULL, *btf;
	struct vr_error *err;
	unsigned int mode;

	if (size < 1)
		return 0;
	mode = data[0] & 3;
	data++;
	size--;
	if (mode == 2) {
		base = fixed_base();
		if (!base)
			return 0;
	} else if (mode == 3) {
		uint32_t blen;

		if (size < 4)
			return 0;
		blen = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
		       (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
		data += 4;
		size -= 4;
		if (blen > size)
			blen = (uint32_t)size;
		err = vr_btf_open(data, blen, NULL, 8, &base);
		if (err) {
			vr_error_destroy(err);
			return 0;
		}
		data += blen;
		size -= blen;
	}
	err = vr_btf_open(data, size, base, mode == 1 ? 4 : 8, &btf);
	if (!err) {
		exercise(btf);
		vr_btf_close(btf);
	} else {
		vr_error_destroy(err);
	}
	if (mode == 3) {
		exercise(base);
		vr_btf_close(base);
	}
	return 0;
}
