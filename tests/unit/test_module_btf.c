// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Module BTF read from the dump (struct module btf_data) on every fixture
 * whose kernel keeps it: the bytes are the .BTF section of the module's
 * .ko file in the fixture (modules/NAME.ko), they parse as split BTF over
 * the kernel's, and a type of the module is found in it while the
 * kernel's types are found through it.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <unistd.h>

#include "elf_btf.h"
#include "fixture_util.h"
#include "test.h"
#include "vr/btf.h"
#include "vr/dump_debuginfo.h"
#include "vr/kernel.h"

/* A struct each module defines, for the lookup. */
static const char *module_struct(const char *mod)
{
	static const char *const known[][2] = {
		{ "loop", "loop_device" },
		{ "fat", "fat_mount_options" },
		{ "vfat", "fat_mount_options" },
		{ "qemu_fw_cfg", "fw_cfg_sysfs_entry" },
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i][0], mod) == 0)
			return known[i][1];
	return NULL;
}

static char cache[2048];

static void check_module_btf(struct vr_program *prog, const char *fixture,
			     int *test_failed_)
{
	struct list_iter it;
	struct kobj mod;
	unsigned int n = 0, typed = 0;

	if (kobj_has_symbol(prog, "__start_BTF") == false) {
		printf("  %s: the kernel has no BTF, skipped\n", fixture);
		return;
	}
	for_each_module(&it, mod, prog) {
		char name[MODULE_NAME_LEN + 1] = "", path[4096];
		struct vr_btf *base, *btf;
		struct vr_type *t;
		const char *st;
		size_t size = 0;
		unsigned int psize;
		void *file, *mem;
		struct vr_error *err;
		uint64_t addr, len;

		CHECK_OK(kobj_read_cstr(kobj_member(mod, "name"), name,
					sizeof(name)));
		snprintf(path, sizeof(path), "%s/%s/modules/%s.ko", cache,
			 fixture, name);
		file = read_btf_section(path, &size, &psize);
		if (!file)
			continue;
		CHECK_OK(module_btf_data(prog, mod, &addr, &len));
		CHECK_EQ_U64(len, size);
		mem = malloc(size);
		CHECK(mem && len == size &&
		      !vr_program_read(prog, addr, mem, size) &&
		      memcmp(mem, file, size) == 0);
		free(mem);
		err = module_btf(prog, mod, &base, &btf);
		if (err) {
			fprintf(stderr, "  %s: %s: %s\n", fixture, name,
				err->message);
			vr_error_destroy(err);
			(*test_failed_)++;
			free(file);
			continue;
		}
		n++;
		st = module_struct(name);
		if (st) {
			CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, st,
						  strlen(st), &t));
			CHECK(t->size > 0);
			typed++;
		}
		/* The kernel's types through the module's split BTF. */
		CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "task_struct",
					  11, &t));
		vr_btf_close(btf);
		vr_btf_close(base);
		free(file);
	}
	CHECK(it.err == NULL);
	printf("  %s: %u modules' BTF read, %u with a module type\n", fixture,
	       n, typed);
	CHECK(n >= 3 && typed >= 1);
}

TEST(module_btf_from_dump)
{
	fixture_cache_dir(cache, sizeof(cache));
	for_each_fixture("vmcore.elf", check_module_btf, test_failed_);
}

TEST_MAIN(T(module_btf_from_dump))
