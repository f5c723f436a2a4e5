// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vr_program_open(): dump, VMCOREINFO, architecture, translation, vmlinux,
 * and the check that the vmlinux belongs to the dump.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/dump_debuginfo.h"
#include "vr/kallsyms.h"
#include "vr/program.h"
#include "vr/symbolize.h"
#include "vr/unwind.h"
#include "vr/util.h"

static struct vr_error *open_vmcoreinfo(struct vr_program *prog)
{
	size_t len;
	const char *text = vr_dump_vmcoreinfo(prog->dump, &len);

	if (!text) {
		vr_program_log(prog, "dump has no VMCOREINFO");
		return NULL;
	}
	prog->vmcoreinfo_source = "dump";
	return vr_vmcoreinfo_parse(text, len, &prog->vmcoreinfo);
}

/*
 * The kernel's VMCOREINFO note in the dumped memory: an ELF note
 * (namesz 11, descsz, type 0, "VMCOREINFO\0" padded to 12) in pages of its
 * own (alloc_pages_exact() since v4.15).
 */
#define VMCOREINFO_MAX_SIZE (1u << 20)
#define NOTE_HDR_SIZE 24

static bool is_vmcoreinfo_note(struct vr_program *prog, const uint8_t *hdr,
			       uint32_t *descsz)
{
	*descsz = vr_get32(hdr + 4, prog->big_endian);
	return vr_get32(hdr, prog->big_endian) == 11 &&
	       vr_get32(hdr + 8, prog->big_endian) == 0 &&
	       memcmp(hdr + 12, "VMCOREINFO", 11) == 0 &&
	       *descsz > 0 && *descsz <= VMCOREINFO_MAX_SIZE;
}

static struct vr_error *vmcoreinfo_note_at(struct vr_program *prog,
					   uint64_t paddr)
{
	uint8_t hdr[NOTE_HDR_SIZE];
	uint32_t descsz;
	struct vr_error *err;
	char *text;

	err = vr_dump_read_phys(prog->dump, paddr, hdr, sizeof(hdr));
	if (err)
		return err;
	if (!is_vmcoreinfo_note(prog, hdr, &descsz))
		return vr_error_create(VR_ERR_CORRUPT,
				       "no VMCOREINFO note at physical 0x%llx",
				       (unsigned long long)paddr);
	text = malloc(descsz);
	if (!text)
		return &vr_enomem;
	err = vr_dump_read_phys(prog->dump, paddr + NOTE_HDR_SIZE, text,
				descsz);
	if (!err)
		err = vr_vmcoreinfo_parse(text, strnlen(text, descsz),
					  &prog->vmcoreinfo);
	free(text);
	return err;
}

/* Every page of the dump, for a page that starts with the note. */
static struct vr_error *vmcoreinfo_scan(struct vr_program *prog,
					uint64_t *found)
{
	uint64_t unit = prog->dinfo->page_size ? prog->dinfo->page_size : 4096;
	uint64_t end = prog->dinfo->max_pfn * unit;
	uint8_t hdr[NOTE_HDR_SIZE];
	uint32_t descsz;

	for (uint64_t pa = 0; pa < end; pa += 4096) {
		struct vr_error *err = vr_dump_read_phys(prog->dump, pa, hdr,
							 sizeof(hdr));

		if (err) {
			vr_error_destroy(err);
			continue;
		}
		if (is_vmcoreinfo_note(prog, hdr, &descsz)) {
			*found = pa;
			return NULL;
		}
	}
	return vr_error_create(VR_ERR_NOT_FOUND,
			       "no page of the dump holds a VMCOREINFO note");
}

/*
 * A dump without VMCOREINFO (QEMU dumps of ppc64 and s390x guests, or of
 * any guest without -device vmcoreinfo): where the architecture knows the
 * note's address, read it there; else scan memory for it.
 */
static struct vr_error *vmcoreinfo_from_memory(struct vr_program *prog)
{
	struct vr_error *err = NULL;
	uint64_t paddr;

	if (prog->arch->find_vmcoreinfo) {
		err = prog->arch->find_vmcoreinfo(prog, &paddr);
		if (!err)
			err = vmcoreinfo_note_at(prog, paddr);
		if (!err) {
			prog->vmcoreinfo_source = prog->arch->vmcoreinfo_where;
			goto found;
		}
		vr_program_log(prog, "VMCOREINFO: %s; scanning memory",
			       err->message);
		vr_error_destroy(err);
	}
	err = vmcoreinfo_scan(prog, &paddr);
	if (!err)
		err = vmcoreinfo_note_at(prog, paddr);
	if (err)
		return err;
	prog->vmcoreinfo_source = "memory scan";
found:
	vr_program_log(prog, "VMCOREINFO read from the dumped memory at physical 0x%llx (%s)",
		       (unsigned long long)paddr, prog->vmcoreinfo_source);
	return NULL;
}

static uint64_t page_size(struct vr_program *prog)
{
	int64_t v;

	if (prog->vmcoreinfo && vr_vmcoreinfo_dec(prog->vmcoreinfo, "PAGESIZE", &v) &&
	    v > 0)
		return (uint64_t)v;
	return prog->dinfo->page_size ? prog->dinfo->page_size : 4096;
}

/*
 * Without a vmlinux, the dump alone says what it is: its ELF machine or
 * kdump utsname, else VMCOREINFO (only arm64 has NUMBER(VA_BITS), only
 * ppc64 maps the kernel at 0xc000000000000000, only s390x at 0).
 */
static unsigned int dump_machine(struct vr_program *prog)
{
	const char *pgd = vr_program_vmcoreinfo(prog, "SYMBOL(swapper_pg_dir)");
	uint64_t v;

	if (prog->dinfo->e_machine)
		return prog->dinfo->e_machine;
	if (vr_program_vmcoreinfo(prog, "NUMBER(VA_BITS)"))
		return EM_AARCH64;
	if (!pgd)
		return 0;
	v = strtoull(pgd, NULL, 16);
	if (v >> 60 == 0xc)
		return EM_PPC64;
	if (v < (1ULL << 32))
		return EM_S390;
	return EM_X86_64;
}

/*
 * Byte order of memory without a vmlinux to say it: s390x is big-endian;
 * ppc64 is taken as little-endian (Debian's ppc64el: QEMU writes its
 * headers big-endian whatever the guest), the others as the dump says.
 */
static bool dump_big_endian(struct vr_program *prog, unsigned int machine)
{
	if (machine == EM_S390)
		return true;
	if (machine == EM_PPC64)
		return strcmp(prog->dinfo->machine, "ppc64") == 0;
	return prog->dinfo->big_endian;
}

static struct vr_error *open_no_vmlinux(struct vr_program *prog)
{
	unsigned int machine = dump_machine(prog);

	if (!machine)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "cannot tell the dump's architecture without a vmlinux");
	return vr_debuginfo_create(machine, dump_big_endian(prog, machine),
				   prog->dinfo->ptr_size ? prog->dinfo->ptr_size : 8,
				   &prog->dbg);
}

/*
 * Translation and symbols without a vmlinux.  ppc64 needs symbols to set
 * up translation (its page-table geometry is in variables); its kernel
 * image is in the linear map, readable before, so kallsyms comes first
 * where the architecture can read it so.
 */
static struct vr_error *init_without_vmlinux(struct vr_program *prog)
{
	struct vr_error *err = NULL;
	bool have_symbols = false;

	if (prog->arch->direct_translate) {
		err = vr_program_load_dump_symbols(prog);
		/* Read, but not enough to go on. */
		if (err && err->code == VR_ERR_UNSUPPORTED)
			return err;
		have_symbols = !err;
		vr_error_destroy(err);
	}
	err = prog->arch->init(prog);
	if (err || have_symbols)
		return err;
	/* Now through the page tables (vr_program_kallsyms() tries again). */
	return vr_program_load_dump_symbols(prog);
}

static struct vr_error *open_arch(struct vr_program *prog, bool no_vmlinux)
{
	unsigned int machine = prog->dinfo->e_machine;

	if (!machine)
		machine = vr_debuginfo_machine(prog->dbg);
	else if (machine != vr_debuginfo_machine(prog->dbg))
		return vr_error_create(VR_ERR_MISMATCH,
				       "vmlinux is for ELF machine %u, the dump for %u",
				       vr_debuginfo_machine(prog->dbg), machine);
	prog->arch = vr_arch_find(machine);
	if (!prog->arch)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "unsupported architecture (ELF machine %u)",
				       machine);
	/* Memory is in the kernel's byte order, whatever the headers use. */
	prog->big_endian = vr_debuginfo_big_endian(prog->dbg);
	prog->ptr_size = prog->dinfo->ptr_size ? prog->dinfo->ptr_size : 8;
	if (!prog->vmcoreinfo) {
		struct vr_error *err = vmcoreinfo_from_memory(prog);

		if (err) {
			vr_program_log(prog, "no VMCOREINFO in the dump nor in its memory: %s",
				       err->message);
			vr_error_destroy(err);
		}
	}
	prog->page_size = page_size(prog);
	return no_vmlinux ? init_without_vmlinux(prog) : prog->arch->init(prog);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * VMCOREINFO BUILD-ID (v5.9+) is the hex build-id of the running kernel;
 * the vmlinux carries its own in a GNU note.  Returns 1 for a match, 0 for
 * a mismatch, -1 when either is missing.
 */
static int build_id_matches(struct vr_program *prog)
{
	const char *hex = vr_program_vmcoreinfo(prog, "BUILD-ID");
	size_t len, i;
	const uint8_t *id = vr_debuginfo_build_id(prog->dbg, &len);

	if (!hex || !id)
		return -1;
	if (strlen(hex) != len * 2)
		return 0;
	for (i = 0; i < len; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != id[i])
			return 0;
	}
	return 1;
}

/*
 * The banner ("Linux version 6.1.0-... #1 SMP ... Debian ...") as the
 * vmlinux has it and as the dumped memory has it.
 */
static struct vr_error *check_banner(struct vr_program *prog)
{
	char file[256] = "", mem[256] = "";
	struct vr_symbol sym;
	uint64_t addr;
	struct vr_error *err;
	const char *release;

	err = vr_debuginfo_symbol(prog->dbg, "linux_banner", &sym);
	if (!err)
		err = vr_debuginfo_read(prog->dbg, sym.addr, file,
					sizeof(file) - 1);
	if (err)
		return err;
	release = vr_program_vmcoreinfo(prog, "OSRELEASE");
	if (release && (strncmp(file, "Linux version ", 14) != 0 ||
			strncmp(file + 14, release, strlen(release)) != 0 ||
			file[14 + strlen(release)] != ' '))
		return vr_error_create(VR_ERR_MISMATCH,
				       "vmlinux does not match the dump: dump is %s, vmlinux is %.*s",
				       release, (int)strcspn(file, "\n"), file);
	err = vr_program_symbol(prog, "linux_banner", &addr);
	if (!err)
		err = vr_program_read_cstr(prog, addr, mem, sizeof(mem));
	if (err) {
		vr_program_log(prog, "cannot read linux_banner from the dump to check the vmlinux: %s",
			       err->message);
		vr_error_destroy(err);
		return NULL;
	}
	if (strcmp(file, mem) != 0)
		return vr_error_create(VR_ERR_MISMATCH,
				       "vmlinux does not match the dump: dump says \"%.*s\", vmlinux says \"%.*s\"",
				       (int)strcspn(mem, "\n"), mem,
				       (int)strcspn(file, "\n"), file);
	return NULL;
}

static struct vr_error *check_match(struct vr_program *prog)
{
	switch (build_id_matches(prog)) {
	case 0:
		return vr_error_create(VR_ERR_MISMATCH,
				       "vmlinux does not match the dump: build-id differs (dump %s)",
				       vr_program_vmcoreinfo(prog, "BUILD-ID"));
	case 1:
		return NULL;
	default:
		return check_banner(prog);
	}
}

/* "@err (the dump is truncated: <the dump's first truncation warning>)" */
static struct vr_error *truncation_cause(struct vr_program *prog,
					 struct vr_error *err)
{
	const char *why = "see --info";
	struct vr_error *ret;

	/* "FILE: truncated: ..." (not the incomplete-dump warning). */
	for (const char *const *w = vr_dump_warnings(prog->dump); w && *w; w++) {
		if (strstr(*w, ": truncated: ")) {
			why = *w;
			break;
		}
	}
	ret = vr_error_create(err->code, "%s (the dump is truncated: %s)",
			      err->message, why);
	vr_error_destroy(err);
	return ret;
}

struct vr_error *vr_program_open(const char *vmcore, const char *vmlinux,
				 const struct vr_open_options *opts,
				 struct vr_program **ret)
{
	struct vr_program *prog = calloc(1, sizeof(*prog));
	struct vr_error *err;

	if (!prog)
		return &vr_enomem;
	prog->vmcore_path = vmcore;
	if (opts && opts->nr_split_parts > 1)
		err = vr_dump_open_split(opts->split_parts, opts->nr_split_parts,
					 &prog->dump);
	else
		err = vr_dump_open(vmcore, &prog->dump);
	if (err)
		goto fail;
	prog->dinfo = vr_dump_info(prog->dump);
	for (const char *const *w = vr_dump_warnings(prog->dump); w && *w; w++)
		vr_program_log(prog, "dump: %s", *w);
	err = open_vmcoreinfo(prog);
	if (err)
		goto fail;
	if (vmlinux)
		err = vr_debuginfo_open(vmlinux, &prog->dbg);
	else
		err = open_no_vmlinux(prog);
	if (err)
		goto fail;
	err = open_arch(prog, !vmlinux);
	if (err)
		goto fail;
	if (!vmlinux || (opts && opts->types_btf)) {
		err = vr_program_load_dump_types(prog, vmlinux ?
						 "BTF (dump; --types=btf)" :
						 "BTF (dump)");
		if (err)
			goto fail;
	} else if (!opts || !opts->types_dwarf) {
		vr_program_load_vmlinux_btf(prog);
	}
	err = vmlinux ? check_match(prog) : NULL;
	if (err && err->code == VR_ERR_MISMATCH && opts && opts->force) {
		vr_program_log(prog, "--force: %s", err->message);
		vr_error_destroy(err);
		err = NULL;
	}
	if (err)
		goto fail;
	*ret = prog;
	return NULL;
fail:
	/*
	 * Whatever failed, a vmlinux of another kernel (page-table geometry
	 * read at its symbols' addresses is garbage) or a file cut short
	 * is the likelier cause.
	 */
	if (vmlinux && prog->dbg && err->code != VR_ERR_MISMATCH &&
	    err->code != VR_ERR_NOMEM && !(opts && opts->force) &&
	    prog->vmcoreinfo && build_id_matches(prog) == 0) {
		vr_program_log(prog, "%s", err->message);
		vr_error_destroy(err);
		err = check_match(prog);
	}
	if (prog->dinfo && prog->dinfo->truncated &&
	    err->code != VR_ERR_NOMEM)
		err = truncation_cause(prog, err);
	vr_program_close(prog);
	return err;
}

void vr_program_close(struct vr_program *prog)
{
	if (!prog)
		return;
	/* The unwinder uses the symbolizer. */
	unwinder_destroy(prog->unwinder);
	symbolizer_destroy(prog->symbolizer);
	vr_kallsyms_free(prog->kallsyms);
	vr_debuginfo_close(prog->dbg);
	vr_vmcoreinfo_free(prog->vmcoreinfo);
	if (prog->dump)
		vr_dump_close(prog->dump);
	strbuf_free(&prog->log);
	free(prog);
}
