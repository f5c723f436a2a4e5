// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer: the whole report over a mutated dump.  A real fixture dump
 * ($VR_FUZZ_DUMP, with $VR_FUZZ_VMLINUX when set, else with the kernel's
 * own kallsyms and BTF) gets its memory overwritten by patches the input
 * makes, at physical addresses near what the emitters walk first
 * (init_task and the next tasks, the slab caches, modules, mounts, the
 * printk ring buffer, the top page table, the kallsyms tables, which
 * are decoded after the patches without a vmlinux), then every emitter runs
 * ($VR_FUZZ_ONLY / $VR_FUZZ_SKIP: report globs, to run fewer).  Without
 * $VR_FUZZ_DUMP every input is skipped.  $VR_FUZZ_VERBOSE: print the
 * number of files and stubs of each report.
 *
 * Patches are permanent for a dump (vr_dump_patch()), and the program
 * caches what it read (page table walks, kallsyms, types, the
 * symbolizer), so the program is opened anew for each input: with BTF
 * types that takes a fraction of a second, less than the report itself.
 * The types are read at open, before the patches (fuzz_btf fuzzes them);
 * kallsyms is decoded on first use, after them.
 *
 * Input: up to MAX_PATCHES records, each
 *   u8 target (modulo the number of targets), s16 LE offset from the
 *   target's physical address, u16 LE length (modulo a page, plus one),
 *   then that many bytes (fewer at the end of the input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kallsyms.h"
#include "vr/program.h"
#include "vr/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_PATCHES 32
#define MAX_TARGETS 64

/* Symbols whose memory, and what their first word points to, get patched. */
static const char *const symbols[] = {
	"init_task", "slab_caches", "modules", "init_mm", "prb",
	"printk_rb_static", "super_blocks", "init_uts_ns", "init_net",
	"vmap_area_root", "vmap_nodes", "mem_section", "node_data",
	"contig_page_data", "runqueues", "__per_cpu_offset", "init_nsproxy",
	"cgroup_roots", "irq_desc_tree", "sparse_irqs", "jiffies_64",
	"vm_zone_stat", "kernfs_node_cache", "mount_hashtable",
	"nr_swapfiles", "swap_info", "clock_task_mult", "timekeeper_data",
	"tk_core", "blockdev_superblock", "block_class", "net_namespace_list",
	/* Decoded after the patches, without a vmlinux. */
	"kallsyms_num_syms", "kallsyms_names", "kallsyms_token_table",
	"kallsyms_offsets",
};

static const char *dump_path, *vmlinux_path;
static struct report_options opts;	/* VR_FUZZ_ONLY, VR_FUZZ_SKIP */
static uint64_t targets[MAX_TARGETS];
static size_t nr_targets;
static bool verbose;		/* $VR_FUZZ_VERBOSE: the files and stubs */

static struct vr_error *open_prog(struct vr_program **prog)
{
	return vr_program_open(dump_path, vmlinux_path, NULL, prog);
}

/* A symbol's run-time address: the vmlinux, VMCOREINFO, else kallsyms. */
static bool symbol(struct vr_program *prog, const char *name, uint64_t *addr)
{
	const struct vr_kallsyms *ks;
	struct vr_error *err = vr_program_symbol_early(prog, name, addr);

	if (!err)
		return true;
	vr_error_destroy(err);
	err = vr_program_kallsyms(prog, &ks);
	if (err) {
		vr_error_destroy(err);
		return false;
	}
	for (size_t i = 0; i < ks->nr_syms; i++) {
		if (!strcmp(ks->syms[i].name, name)) {
			*addr = ks->syms[i].addr;
			return true;
		}
	}
	return false;
}

static void add_target(struct vr_program *prog, uint64_t vaddr)
{
	uint64_t paddr;
	struct vr_error *err;

	if (nr_targets >= MAX_TARGETS)
		return;
	err = vr_program_virt_to_phys(prog, vaddr, &paddr);
	if (err) {
		vr_error_destroy(err);
		return;
	}
	targets[nr_targets++] = paddr;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct vr_program *prog;
	struct vr_error *err;

	(void)argc;
	(void)argv;
	dump_path = getenv("VR_FUZZ_DUMP");
	vmlinux_path = getenv("VR_FUZZ_VMLINUX");
	opts.only = getenv("VR_FUZZ_ONLY");
	opts.skip = getenv("VR_FUZZ_SKIP");
	verbose = getenv("VR_FUZZ_VERBOSE") != NULL;
	if (!dump_path || !*dump_path) {
		fprintf(stderr,
			"fuzz_report: no VR_FUZZ_DUMP, every input skipped\n");
		dump_path = NULL;
		return 0;
	}
	if (vmlinux_path && !*vmlinux_path)
		vmlinux_path = NULL;
	err = open_prog(&prog);
	if (err) {
		fprintf(stderr, "fuzz_report: %s: %s\n", dump_path,
			err->message);
		exit(1);
	}
	targets[nr_targets++] = prog->pt_root;
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		uint64_t addr, next;

		if (!symbol(prog, symbols[i], &addr))
			continue;
		add_target(prog, addr);
		err = vr_program_read_uint(prog, addr, prog->ptr_size, &next);
		if (!err)
			add_target(prog, next);
		vr_error_destroy(err);
	}
	fprintf(stderr, "fuzz_report: %s: %zu targets\n", dump_path,
		nr_targets);
	vr_program_close(prog);
	return 0;
}

static void patch(struct vr_program *prog, const uint8_t *data, size_t size)
{
	for (int n = 0; n < MAX_PATCHES && size >= 5; n++) {
		uint64_t paddr = targets[data[0] % nr_targets];
		int16_t off = (int16_t)(data[1] | data[2] << 8);
		size_t len = (size_t)(data[3] | data[4] << 8) %
			     (prog->page_size + 1);

		data += 5;
		size -= 5;
		if (len > size)
			len = size;
		if (off >= 0 || paddr >= (uint64_t)-off)
			paddr += (int64_t)off;
		vr_error_destroy(vr_dump_patch(prog->dump, paddr, data, len));
		data += len;
		size -= len;
	}
	memset(prog->tlb, 0, sizeof(prog->tlb));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report rep = { 0 };
	struct vr_program *prog;
	struct vr_error *err;

	if (!dump_path || !nr_targets)
		return 0;
	err = open_prog(&prog);
	if (err) {
		/* It opened in LLVMFuzzerInitialize(), nothing changed. */
		fprintf(stderr, "fuzz_report: %s\n", err->message);
		abort();
	}
	patch(prog, data, size);
	err = report_run(prog, &opts, &rep);
	if (!err)
		err = report_manifest(prog, &rep);
	if (verbose) {
		size_t stubs = 0;

		for (size_t i = 0; i < rep.nr_files; i++)
			stubs += rep.files[i].status != REPORT_OK;
		fprintf(stderr, "fuzz_report: %zu files, %zu stubs%s%s\n",
			rep.nr_files, stubs, err ? ": " : "",
			err ? err->message : "");
	}
	vr_error_destroy(err);
	report_free(&rep);
	vr_program_close(prog);
	return 0;
}
