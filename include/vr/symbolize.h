/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel addresses and pointers as the kernel prints them
 * (kernel/kallsyms.c, kernel/module/kallsyms.c, lib/vsprintf.c):
 * "func+0x1c/0x60" for vmlinux code, "func+0x1c/0x60 [module]" for module
 * code, hashed or raw pointers as %p / %pK print them.
 *
 * A symbolizer reads the kallsyms tables of the vmlinux (or its ELF symbol
 * table) and the symbols and text of every loaded module once: the
 * program keeps one (vr_program_symbolizer()), which every report file
 * shares.
 */
#ifndef VR_SYMBOLIZE_H
#define VR_SYMBOLIZE_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/program.h"
#include "vr/strbuf.h"

/* include/linux/kallsyms.h (512 since v6.1) */
#define KSYM_NAME_LEN 512
/* MODULE_NAME_LEN on 64-bit */
#define KSYM_MODULE_NAME_LEN 56

struct symbolizer;

struct ksym {
	char name[KSYM_NAME_LEN];
	char module[KSYM_MODULE_NAME_LEN];	/* "" for vmlinux */
	uint64_t start;		/* run-time address of the symbol */
	uint64_t size;		/* to the next symbol */
	uint64_t offset;	/* of the looked-up address from start */
};

struct vr_error *symbolizer_create(struct vr_program *prog,
				   struct symbolizer **ret);
void symbolizer_destroy(struct symbolizer *sym);

/* kallsyms_lookup(): the symbol holding @addr; VR_ERR_NOT_FOUND if none. */
struct vr_error *kallsyms_lookup(struct symbolizer *sym, uint64_t addr,
				 struct ksym *ret);

/*
 * The modules' table (the live ones, in the order of the module list):
 * __module_text_address(), the index of the module whose core or init
 * text holds @addr, or -1; the number of modules; the address of the
 * struct module of entry @i.
 */
int symbolizer_module_text(const struct symbolizer *sym, uint64_t addr);
size_t symbolizer_nr_modules(const struct symbolizer *sym);
uint64_t symbolizer_module_addr(const struct symbolizer *sym, size_t i);

/* %pS: "func+0x1c/0x60 [mod]", or "0x<addr>" without a symbol. */
void sprint_symbol(struct symbolizer *sym, uint64_t addr, struct strbuf *out);
/* %ps: "func [mod]". */
void sprint_symbol_no_offset(struct symbolizer *sym, uint64_t addr,
			     struct strbuf *out);
/* %pB: a return address, looked up at @addr - 1. */
void sprint_backtrace(struct symbolizer *sym, uint64_t addr,
		      struct strbuf *out);

/* %p: the pointer hashed as the dumped kernel hashed it (ptr_to_id()). */
void sprint_ptr(struct symbolizer *sym, uint64_t ptr, struct strbuf *out);
/* %pK: as kptr_restrict says (0: like %p, 1: raw, 2: zeros). */
void sprint_kptr(struct symbolizer *sym, uint64_t ptr, struct strbuf *out);
/* Why pointers may not print as the kernel would, or NULL. */
const char *symbolizer_ptr_problem(const struct symbolizer *sym);

#endif
