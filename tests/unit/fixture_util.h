/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For unit tests that check kernel helpers on real dumps: every complete
 * fixture in the cache, opened as a program.
 */
#ifndef VR_TEST_FIXTURE_UTIL_H
#define VR_TEST_FIXTURE_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vr/program.h"

static inline const char *fixture_cache_dir(char *buf, size_t size)
{
	const char *cache = getenv("VMCORE_FIXTURES_CACHE");

	if (cache && *cache)
		snprintf(buf, size, "%s", cache);
	else
		snprintf(buf, size, "%s/.cache/vmcore-fixtures",
			 getenv("HOME") ? getenv("HOME") : "/root");
	return buf;
}

/* File @name of fixture @fixture in the cache ("x86_64-trixie", "vmlinux"). */
static inline const char *fixture_file(char *buf, size_t size,
				       const char *fixture, const char *name)
{
	char dir[2048];

	snprintf(buf, size, "%s/%s/%s", fixture_cache_dir(dir, sizeof(dir)),
		 fixture, name);
	return buf;
}

/*
 * Call @fn on a program opened from each fixture's @dump_name (e.g.
 * "vmcore.kdump-zlib"); returns the number of fixtures visited.
 */
static inline int for_each_fixture(const char *dump_name,
				   void (*fn)(struct vr_program *prog,
					      const char *fixture, int *failed),
				   int *failed)
{
	char dir[2048], vmcore[4096], vmlinux[4096];
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(fixture_cache_dir(dir, sizeof(dir)));

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		struct vr_program *prog;
		struct vr_error *err;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".partial-"))
			continue;
		snprintf(vmcore, sizeof(vmcore), "%s/%s/%s", dir, de->d_name,
			 dump_name);
		snprintf(vmlinux, sizeof(vmlinux), "%s/%s/vmlinux", dir,
			 de->d_name);
		if (access(vmcore, R_OK) || access(vmlinux, R_OK))
			continue;
		err = vr_program_open(vmcore, vmlinux, NULL, &prog);
		if (err) {
			fprintf(stderr, "  %s: %s\n", de->d_name, err->message);
			vr_error_destroy(err);
			(*failed)++;
			continue;
		}
		fn(prog, de->d_name, failed);
		vr_program_close(prog);
		n++;
	}
	closedir(d);
	return n;
}

/*
 * Write @len bytes at kernel virtual @vaddr into the dump's memory, page
 * by page (vr_dump_patch()): the corrupt-memory cases.
 */
static inline struct vr_error *fixture_poke(struct vr_program *prog,
					    uint64_t vaddr, const void *bytes,
					    size_t len)
{
	const unsigned char *p = bytes;

	while (len) {
		size_t n = prog->page_size - vaddr % prog->page_size;
		uint64_t paddr;
		struct vr_error *err;

		n = n < len ? n : len;
		err = vr_program_virt_to_phys(prog, vaddr, &paddr);
		if (!err)
			err = vr_dump_patch(prog->dump, paddr, p, n);
		if (err)
			return err;
		vaddr += n;
		p += n;
		len -= n;
	}
	return NULL;
}

#endif
