/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The program: one opened dump with its vmlinux.  It holds everything that
 * reading the dumped kernel needs (dump, translation, symbols, types,
 * caches); nothing mutable lives outside it.
 */
#ifndef VR_PROGRAM_H
#define VR_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/arch.h"
#include "vr/debuginfo.h"
#include "vr/dump.h"
#include "vr/pgtable.h"
#include "vr/strbuf.h"

#define VR_TLB_SIZE 256

struct vr_tlb_entry {
	uint64_t vpage;		/* virtual page | 1 when valid */
	uint64_t ppage;
};

struct vr_program {
	const char *vmcore_path;
	struct vr_dump *dump;
	const struct vr_dump_info *dinfo;
	struct vr_vmcoreinfo *vmcoreinfo;	/* NULL if none was found */
	const char *vmcoreinfo_source;	/* "dump", "memory scan", ... */
	/* How translation was set up without VMCOREINFO, or NULL. */
	const char *xlat_source;
	struct vr_debuginfo *dbg;
	const struct vr_arch *arch;
	bool big_endian;		/* byte order of the dumped memory */
	unsigned int ptr_size;
	uint64_t page_size;
	uint64_t kaslr_offset;		/* added to every vmlinux address */
	uint64_t phys_base;		/* x86_64: physical load address delta */
	uint64_t kimage_voffset;	/* aarch64: kernel image VA - PA */
	uint64_t linear_base;		/* ppc64: VA of physical 0 in the linear map */
	unsigned int va_bits;		/* aarch64: kernel VA size */
	struct vr_pt_format pt;		/* kernel page tables */
	uint64_t pt_root;		/* physical address of the top table */
	struct vr_tlb_entry tlb[VR_TLB_SIZE];
	uint64_t tlb_page_size;		/* granule of the TLB (4 KiB) */
	/*
	 * The kernel's kallsyms, decoded on first use (vr_program_kallsyms());
	 * a failure is final for the page tables it was read through
	 * (kallsyms_failed_root): once translation is set up, it is tried
	 * again.
	 */
	struct vr_kallsyms *kallsyms;
	bool kallsyms_failed;
	uint64_t kallsyms_failed_root;
	/*
	 * The symbolizer and the unwinder, made on first use
	 * (vr_program_symbolizer(), vr_program_unwinder()) and kept to
	 * vr_program_close(): they hold what the dump says, nothing of one use.
	 */
	struct symbolizer *symbolizer;
	struct unwinder *unwinder;
	struct strbuf log;		/* what went wrong, for sos_logs/ */
	/*
	 * The running emitter's time limit (vr_program_set_deadline()):
	 * once it has passed, every read of kernel memory fails, so that a
	 * walk that runs away unwinds.  deadline_ns 0: none.
	 */
	uint64_t deadline_ns;		/* CLOCK_MONOTONIC */
	double deadline_seconds;	/* the limit, for messages */
	unsigned int deadline_tick;	/* reads since the clock was read */
	bool deadline_hit;
};

struct vr_open_options {
	bool force;		/* open even if vmlinux does not match */
	/* Types from the kernel's BTF in the dump even with a vmlinux. */
	bool types_btf;
	/* Types from the vmlinux's DWARF even when it has BTF. */
	bool types_dwarf;
	/* The parts of a split dump, when more than @vmcore (all of them). */
	const char *const *split_parts;
	size_t nr_split_parts;
};

/*
 * Open @vmcore with the debug info of @vmlinux, or with none (NULL): then
 * symbols and types come from the dump (kallsyms, BTF).  Refuses a
 * vmlinux that does not match the dump (VR_ERR_MISMATCH) unless @opts->force.
 */
struct vr_error *vr_program_open(const char *vmcore, const char *vmlinux,
				 const struct vr_open_options *opts,
				 struct vr_program **ret);
void vr_program_close(struct vr_program *prog);

void vr_program_log(struct vr_program *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Fail reads of kernel memory (VR_ERR_LIMIT) once @seconds have passed
 * from now; 0 lifts the limit and forgets that one was hit.
 */
void vr_program_set_deadline(struct vr_program *prog, double seconds);

/* Kernel virtual address to physical, through the kernel page tables. */
struct vr_error *vr_program_virt_to_phys(struct vr_program *prog,
					 uint64_t vaddr, uint64_t *paddr);
/* Read kernel virtual memory. */
struct vr_error *vr_program_read(struct vr_program *prog, uint64_t vaddr,
				 void *buf, size_t len);
/*
 * Read user memory of a process: @pgd is its mm->pgd (a kernel virtual
 * address), @uaddr the user address.  Pages filtered out of the dump
 * (makedumpfile -d 8 drops user pages) fail with VR_ERR_EXCLUDED.
 */
struct vr_error *vr_program_read_user(struct vr_program *prog, uint64_t pgd,
				      uint64_t uaddr, void *buf, size_t len);
/* Read an unsigned integer of @size bytes in the dump's byte order. */
struct vr_error *vr_program_read_uint(struct vr_program *prog, uint64_t vaddr,
				      size_t size, uint64_t *ret);
/* A NUL-terminated string of at most @size - 1 bytes. */
struct vr_error *vr_program_read_cstr(struct vr_program *prog, uint64_t vaddr,
				      char *buf, size_t size);
/*
 * The kernel's kallsyms read from the dump (tables located by VMCOREINFO,
 * else by the vmlinux), decoded once and kept by the program.
 */
struct vr_kallsyms;
struct vr_error *vr_program_kallsyms(struct vr_program *prog,
				     const struct vr_kallsyms **ret);
/*
 * The program's symbolizer (vr/symbolize.h) and unwinder (vr/unwind.h),
 * made on the first call and owned by the program; a failure is returned
 * again by the next call, which tries anew.
 */
struct symbolizer;
struct unwinder;
struct vr_error *vr_program_symbolizer(struct vr_program *prog,
				       struct symbolizer **ret);
struct vr_error *vr_program_unwinder(struct vr_program *prog,
				     struct unwinder **ret);
/* Run-time address of a vmlinux symbol (KASLR applied). */
struct vr_error *vr_program_symbol(struct vr_program *prog, const char *name,
				   uint64_t *addr);

/* The dump's VMCOREINFO value for @key, or NULL. */
const char *vr_program_vmcoreinfo(const struct vr_program *prog,
				  const char *key);
/* A decimal (or 0x-hex) VMCOREINFO value: NUMBER(x), PAGESIZE, ... */
bool vr_program_vmcoreinfo_number(const struct vr_program *prog,
				  const char *key, int64_t *ret);
/* A VMCOREINFO SYMBOL(name), else the vmlinux symbol plus KASLR offset. */
struct vr_error *vr_program_symbol_early(struct vr_program *prog,
					 const char *name, uint64_t *addr);

#endif
