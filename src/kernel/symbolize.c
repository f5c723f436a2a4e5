// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel addresses as the kernel prints them (see vr/symbolize.h).
 *
 * The kernel's symbols come from its kallsyms tables (scripts/kallsyms.c),
 * decoded from the dump once per program (vr_program_kallsyms()): they
 * are /proc/kallsyms, so a lookup gives the kernel's own name among
 * aliases and its own size (the distance to the next symbol), for every
 * CONFIG_KALLSYMS_ALL setting, where the ELF symbol table has more
 * symbols and other sizes.  A vmlinux without them falls back to its ELF
 * symbol table.  Modules: kernel/module/kallsyms.c
 * find_kallsyms_symbol() over each module's mod->kallsyms, read from the
 * dump.  Its module table is also the unwinder's (__kernel_text_address():
 * symbolizer_module_text()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/kallsyms.h"
#include "vr/kernel.h"
#include "vr/mm.h"
#include "vr/symbolize.h"
#include "vr/util.h"

/*
 * Bounds on the modules' symbol tables (mod->kallsyms), read from the
 * dump.  Debian's 6.12 amd64 modules: the biggest, amdgpu, has 46k
 * symbols and 680 KB of names; all 4230 together 1.16M symbols and
 * 19.5 MB.  A module past its own bounds is corrupt; once all of them
 * have used the budget, the rest are left without symbols.
 */
#define MODULE_MAX_SYMS (1U << 17)
#define MODULE_MAX_STRTAB (4U << 20)
#define MODULES_MAX_SYMS (1U << 21)
#define MODULES_MAX_STRTAB (64U << 20)
/* Elf64_Sym */
#define ELF64_SYM_SIZE 24
/* include/linux/module.h enum mod_mem_type has 7 types (v6.4+). */
#define MOD_MEM_MAX_TYPES 16

struct mod_range {
	uint64_t base, size;
	/* v6.1: text_size bounds a symbol's size; v6.4+: the whole region. */
	uint64_t text_size;
	bool text;
};

struct mod_syms {
	char name[KSYM_MODULE_NAME_LEN];
	uint64_t addr;		/* its struct module */
	/* 6.4+: one range per mod_mem_type; before: core, then init. */
	struct mod_range ranges[MOD_MEM_MAX_TYPES];
	unsigned int nr_ranges;
	bool has_mem;		/* v6.4+ layout */
	uint8_t *symtab;	/* Elf64_Sym[num] in the dump's byte order */
	uint32_t num;
	char *strtab;
	size_t strtab_len;
};

struct symbolizer {
	struct vr_program *prog;
	const struct vr_kallsyms *ks;	/* the program's; NULL: ELF symbols */
	bool all;			/* CONFIG_KALLSYMS_ALL */
	/* run-time section bounds (asm-generic/sections.h) */
	uint64_t stext, etext, sinittext, einittext, end;
	uint64_t init_begin, init_end;
	struct mod_syms *mods;
	size_t nr_mods;
	/* what the modules' tables may still take (MODULES_MAX_*) */
	uint64_t syms_left, strtab_left;
	/* lib/vsprintf.c pointer printing */
	int64_t kptr_restrict;
	bool no_hash_pointers;
	bool debug_boot_weak_hash;
	bool key_filled;
	uint64_t ptr_key[2];
	const char *ptr_problem;
};

static uint64_t symbol_or_zero(struct vr_program *prog, const char *name)
{
	uint64_t addr = 0;
	struct vr_error *err = vr_program_symbol(prog, name, &addr);

	vr_error_destroy(err);
	return err ? 0 : addr;
}

static bool is_ksym_addr(const struct symbolizer *sym, uint64_t addr)
{
	if (sym->all)
		return (addr >= sym->stext && addr < sym->end) ||
		       (addr >= sym->init_begin && addr < sym->init_end);
	return (addr >= sym->stext && addr < sym->etext) ||
	       (addr >= sym->sinittext && addr < sym->einittext);
}

/*
 * get_symbol_pos(): the last symbol at or below @addr, then back to the
 * first of its aliases (the lowest table index), as the kernel names it.
 */
static bool kernel_lookup(const struct symbolizer *sym, uint64_t addr,
			  struct ksym *ret)
{
	const struct vr_ksym *syms = sym->ks->syms;
	size_t low = 0, high = sym->ks->nr_syms;
	uint64_t end;

	while (high - low > 1) {
		size_t mid = low + (high - low) / 2;

		if (syms[mid].addr <= addr)
			low = mid;
		else
			high = mid;
	}
	while (low && syms[low - 1].addr == syms[low].addr)
		low--;
	end = syms[low].addr + syms[low].size;
	/* The last symbol: up to the end of its section. */
	if (!syms[low].size) {
		if (addr >= sym->sinittext && addr < sym->einittext)
			end = sym->einittext;
		else
			end = sym->all ? sym->end : sym->etext;
	}
	snprintf(ret->name, sizeof(ret->name), "%s", syms[low].name);
	ret->module[0] = '\0';
	ret->start = syms[low].addr;
	ret->size = end - ret->start;
	ret->offset = addr - ret->start;
	return ret->name[0] != '\0';
}

/* Without kallsyms tables: the ELF symbol containing @addr. */
static bool elf_lookup(const struct symbolizer *sym, uint64_t addr,
		       struct ksym *ret)
{
	struct vr_program *prog = sym->prog;
	struct vr_symbol s;
	struct vr_error *err = vr_debuginfo_symbol_at(prog->dbg,
						      addr - prog->kaslr_offset,
						      &s);

	if (err) {
		vr_error_destroy(err);
		return false;
	}
	snprintf(ret->name, sizeof(ret->name), "%s", s.name);
	ret->module[0] = '\0';
	ret->start = s.addr + prog->kaslr_offset;
	ret->size = s.size;
	ret->offset = addr - ret->start;
	return true;
}

/* Module symbols. */

static void mod_syms_free(struct mod_syms *m)
{
	free(m->symtab);
	free(m->strtab);
}

static void add_range(struct mod_syms *m, uint64_t base, uint64_t size,
		      uint64_t text_size, bool text)
{
	if (m->nr_ranges < MOD_MEM_MAX_TYPES)
		m->ranges[m->nr_ranges++] = (struct mod_range){
			.base = base, .size = size, .text_size = text_size,
			.text = text,
		};
}

/* The module's memory: mod->mem[] (v6.4+), else core and init layouts. */
static struct vr_error *mod_read_ranges(struct kobj mod, struct mod_syms *m)
{
	struct kobj mem = kobj_member(mod, "mem");
	struct vr_error *err = NULL;

	if (kobj_ok(&mem)) {
		uint64_t n = vr_type_unqualified(mem.type)->length;
		int64_t text = 0, init_text = 4;

		m->has_mem = true;
		vr_error_destroy(kobj_constant(mod.prog, "MOD_TEXT", &text));
		vr_error_destroy(kobj_constant(mod.prog, "MOD_INIT_TEXT",
					       &init_text));
		for (uint64_t i = 0; i < n && i < MOD_MEM_MAX_TYPES; i++) {
			struct kobj r = kobj_index(mem, i);
			uint64_t base = mm_read_ulong(kobj_member(r, "base"), &err);
			uint64_t size = mm_read_ulong(kobj_member(r, "size"), &err);

			add_range(m, base, size, size,
				  (int64_t)i == text || (int64_t)i == init_text);
		}
		return err;
	}
	for (int i = 0; i < 2; i++) {
		struct kobj l = kobj_member(mod, i ? "init_layout" : "core_layout");
		uint64_t base = mm_read_ulong(kobj_member(l, "base"), &err);
		uint64_t size = mm_read_ulong(kobj_member(l, "size"), &err);
		uint64_t text = mm_read_ulong(kobj_member(l, "text_size"), &err);

		add_range(m, base, size, text, true);
	}
	return err;
}

/* @n of a module's @what, within its own bound @max and what is @left. */
static struct vr_error *mod_table_fits(const char *what, uint64_t n,
				       uint64_t max, uint64_t left)
{
	if (n > max)
		return vr_error_create(VR_ERR_CORRUPT, "%llu %s, more than %llu",
				       (unsigned long long)n, what,
				       (unsigned long long)max);
	if (n > left)
		return vr_error_create(VR_ERR_LIMIT,
				       "%llu %s, past what all modules may use (%llu left)",
				       (unsigned long long)n, what,
				       (unsigned long long)left);
	return NULL;
}

/* Elf64_Sym[@num] at @symtab, and the offset of its last name. */
static struct vr_error *mod_read_symtab(struct symbolizer *sym,
					struct mod_syms *m, uint64_t symtab,
					uint64_t num, uint64_t *max_name)
{
	struct vr_program *prog = sym->prog;
	struct vr_error *err = mod_table_fits("symbols", num, MODULE_MAX_SYMS,
					      sym->syms_left);

	if (err)
		return err;
	m->symtab = malloc(num * ELF64_SYM_SIZE);
	if (!m->symtab)
		return &vr_enomem;
	err = vr_program_read(prog, symtab, m->symtab, num * ELF64_SYM_SIZE);
	if (err)
		return err;
	m->num = (uint32_t)num;
	for (uint32_t i = 0; i < m->num; i++) {
		const uint8_t *s = m->symtab + (size_t)i * ELF64_SYM_SIZE;

		*max_name = max(*max_name,
				(uint64_t)vr_get32(s, prog->big_endian));
	}
	return NULL;
}

/* The string table up to the last name, then that name, NUL-terminated. */
static struct vr_error *mod_read_strtab(struct symbolizer *sym,
					struct mod_syms *m, uint64_t strtab,
					uint64_t max_name)
{
	struct vr_program *prog = sym->prog;
	struct vr_error *err = mod_table_fits("bytes of names",
					      max_name + KSYM_NAME_LEN,
					      MODULE_MAX_STRTAB,
					      sym->strtab_left);

	if (err)
		return err;
	m->strtab_len = max_name + KSYM_NAME_LEN;
	m->strtab = calloc(1, m->strtab_len + 1);
	if (!m->strtab)
		return &vr_enomem;
	err = vr_program_read(prog, strtab, m->strtab, max_name);
	if (!err)
		err = vr_program_read_cstr(prog, strtab + max_name,
					   m->strtab + max_name, KSYM_NAME_LEN);
	return err;
}

static struct vr_error *mod_read_syms(struct symbolizer *sym, struct kobj mod,
				      struct mod_syms *m)
{
	struct kobj ks = kobj_member(mod, "kallsyms");
	struct vr_error *err = NULL;
	uint64_t symtab = mm_read_ulong(kobj_member(ks, "symtab"), &err);
	uint64_t num = mm_read_ulong(kobj_member(ks, "num_symtab"), &err);
	uint64_t strtab = mm_read_ulong(kobj_member(ks, "strtab"), &err);
	uint64_t max_name = 0;

	if (err)
		return err;
	if (!symtab || !strtab || !num)
		return NULL;
	err = mod_read_symtab(sym, m, symtab, num, &max_name);
	if (!err)
		err = mod_read_strtab(sym, m, strtab, max_name);
	if (err)
		return err;
	sym->syms_left -= m->num;
	sym->strtab_left -= m->strtab_len;
	return NULL;
}

static struct vr_error *modules_read(struct symbolizer *sym)
{
	struct vr_program *prog = sym->prog;
	struct list_iter it;
	struct kobj mod;
	size_t cap = 0;

	if (!kobj_has_symbol(prog, "modules"))
		return NULL;
	sym->syms_left = MODULES_MAX_SYMS;
	sym->strtab_left = MODULES_MAX_STRTAB;
	for_each_module(&it, mod, prog) {
		const char *state = module_state_name(mod);
		struct mod_syms m = { .addr = kobj_addr(&mod) };
		struct vr_error *err;
		bool ranges = false;

		/* __module_address() skips them too. */
		if (state && !strcmp(state, "MODULE_STATE_UNFORMED"))
			continue;
		if (sym->nr_mods >= VR_MAX_MODULES) {
			vr_program_log(prog, "modules past the first %d: no symbols",
				       VR_MAX_MODULES);
			break;
		}
		err = kobj_read_cstr(kobj_member(mod, "name"), m.name,
				     sizeof(m.name));
		if (!err)
			err = mod_read_ranges(mod, &m);
		if (!err) {
			ranges = true;
			err = mod_read_syms(sym, mod, &m);
		}
		if (err == &vr_enomem) {
			mod_syms_free(&m);
			return err;
		}
		if (err) {
			vr_program_log(prog, "symbols of module %s at 0x%llx: %s",
				       m.name, (unsigned long long)m.addr,
				       err->message);
			vr_error_destroy(err);
			mod_syms_free(&m);
			m.symtab = NULL;
			m.strtab = NULL;
			m.num = 0;
			m.strtab_len = 0;
			/* Its text is still text without its symbols. */
			if (!ranges)
				m.nr_ranges = 0;
			snprintf(m.name, sizeof(m.name), "?");
		}
		if (sym->nr_mods == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct mod_syms *n = realloc(sym->mods, ncap * sizeof(*n));

			if (!n) {
				mod_syms_free(&m);
				return &vr_enomem;
			}
			sym->mods = n;
			cap = ncap;
		}
		sym->mods[sym->nr_mods++] = m;
	}
	if (it.err) {
		vr_program_log(prog, "module list: %s", it.err->message);
		vr_error_destroy(it.err);
	}
	return NULL;
}

static bool within(const struct mod_range *r, uint64_t addr)
{
	return addr >= r->base && addr - r->base < r->size;
}

/*
 * The symbols find_kallsyms_symbol() skips: is_mapping_symbol() (v6.3+:
 * "$..." and the local labels ".L..." and "L0...") with the v6.4+ module
 * layout, ARM's "$a", "$x", "$t", "$d" (is_arm_mapping_symbol()) before.
 */
static bool is_mapping_symbol(const struct mod_syms *m, const char *s)
{
	if (!m->has_mem)
		return s[0] == '$' && s[1] && strchr("axtd", s[1]) &&
		       (s[2] == '\0' || s[2] == '.');
	if (s[0] == '.' && s[1] == 'L')
		return true;
	if (s[0] == 'L' && s[1] == '0')
		return true;
	return s[0] == '$';
}

/* find_kallsyms_symbol() in module @m, which contains @addr in @r. */
static bool module_lookup(const struct symbolizer *sym,
			  const struct mod_syms *m, const struct mod_range *r,
			  uint64_t addr, struct ksym *ret)
{
	bool be = sym->prog->big_endian;
	uint64_t nextval, bestval;
	uint32_t best = 0;

	if (m->has_mem) {
		nextval = r->base + r->size;
		bestval = r->base - 1;
	} else {
		nextval = r->base + r->text_size;
		bestval = m->num ? vr_get64(m->symtab + 8, be) : 0;
	}
	for (uint32_t i = 1; i < m->num; i++) {
		const uint8_t *s = m->symtab + (size_t)i * ELF64_SYM_SIZE;
		uint32_t name = vr_get32(s, be);
		uint64_t val = vr_get64(s + 8, be);

		if (vr_get16(s + 6, be) == 0)	/* SHN_UNDEF */
			continue;
		if (name >= m->strtab_len || !m->strtab[name] ||
		    is_mapping_symbol(m, m->strtab + name))
			continue;
		if (val <= addr && val > bestval) {
			best = i;
			bestval = val;
		}
		if (val > addr && val < nextval)
			nextval = val;
	}
	if (!best)
		return false;
	snprintf(ret->name, sizeof(ret->name), "%s",
		 m->strtab + vr_get32(m->symtab + (size_t)best * ELF64_SYM_SIZE, be));
	snprintf(ret->module, sizeof(ret->module), "%s", m->name);
	ret->start = bestval;
	ret->size = nextval - bestval;
	ret->offset = addr - bestval;
	return true;
}

/* module_address_lookup(): __module_address() then its symbols. */
static bool modules_lookup(const struct symbolizer *sym, uint64_t addr,
			   struct ksym *ret)
{
	for (size_t i = 0; i < sym->nr_mods; i++) {
		const struct mod_syms *m = &sym->mods[i];

		for (unsigned int j = 0; j < m->nr_ranges; j++) {
			const struct mod_range *r = &m->ranges[j];

			if (!within(r, addr))
				continue;
			/* v6.4+ without KALLSYMS_ALL: text regions only. */
			if (m->has_mem && !sym->all && sym->ks && !r->text)
				return false;
			return module_lookup(sym, m, r, addr, ret);
		}
	}
	return false;
}

int symbolizer_module_text(const struct symbolizer *sym, uint64_t addr)
{
	for (size_t i = 0; i < sym->nr_mods; i++) {
		const struct mod_syms *m = &sym->mods[i];

		for (unsigned int j = 0; j < m->nr_ranges; j++) {
			const struct mod_range *r = &m->ranges[j];

			/* Before v6.4 the text starts its layout. */
			if (r->text && addr >= r->base &&
			    addr - r->base < r->text_size)
				return (int)i;
		}
	}
	return -1;
}

size_t symbolizer_nr_modules(const struct symbolizer *sym)
{
	return sym->nr_mods;
}

uint64_t symbolizer_module_addr(const struct symbolizer *sym, size_t i)
{
	return i < sym->nr_mods ? sym->mods[i].addr : 0;
}

struct vr_error *kallsyms_lookup(struct symbolizer *sym, uint64_t addr,
				 struct ksym *ret)
{
	bool found;

	if (sym->ks && is_ksym_addr(sym, addr))
		found = kernel_lookup(sym, addr, ret);
	else if (!sym->ks && addr >= sym->stext && addr < sym->end)
		found = elf_lookup(sym, addr, ret);
	else
		found = modules_lookup(sym, addr, ret);
	if (!found)
		return vr_error_create(VR_ERR_NOT_FOUND, "no symbol at 0x%llx",
				       (unsigned long long)addr);
	return NULL;
}

/* __sprint_symbol() */
static void print_symbol(struct symbolizer *sym, uint64_t addr,
			 int symbol_offset, bool add_offset, struct strbuf *out)
{
	struct ksym k;
	struct vr_error *err = kallsyms_lookup(sym, addr + symbol_offset, &k);

	if (err) {
		vr_error_destroy(err);
		strbuf_printf(out, "0x%llx", (unsigned long long)addr);
		return;
	}
	strbuf_puts(out, k.name);
	if (add_offset)
		strbuf_printf(out, "+0x%llx/0x%llx",
			      (unsigned long long)(k.offset - symbol_offset),
			      (unsigned long long)k.size);
	if (k.module[0])
		strbuf_printf(out, " [%s]", k.module);
}

void sprint_symbol(struct symbolizer *sym, uint64_t addr, struct strbuf *out)
{
	print_symbol(sym, addr, 0, true, out);
}

void sprint_symbol_no_offset(struct symbolizer *sym, uint64_t addr,
			     struct strbuf *out)
{
	print_symbol(sym, addr, 0, false, out);
}

void sprint_backtrace(struct symbolizer *sym, uint64_t addr,
		      struct strbuf *out)
{
	print_symbol(sym, addr, -1, true, out);
}

/* Pointers: lib/vsprintf.c and lib/siphash.c. */

static inline uint64_t rol64(uint64_t w, unsigned int s)
{
	return (w << s) | (w >> (64 - s));
}

#define SIPROUND							\
	do {								\
		v0 += v1; v1 = rol64(v1, 13); v1 ^= v0; v0 = rol64(v0, 32); \
		v2 += v3; v3 = rol64(v3, 16); v3 ^= v2;			\
		v0 += v3; v3 = rol64(v3, 21); v3 ^= v0;			\
		v2 += v1; v1 = rol64(v1, 17); v1 ^= v2; v2 = rol64(v2, 32); \
	} while (0)

/* siphash_1u64(): SipHash-2-4 of one 64-bit word. */
static uint64_t siphash_1u64(uint64_t first, const uint64_t key[2])
{
	uint64_t v0 = 0x736f6d6570736575ULL ^ key[0];
	uint64_t v1 = 0x646f72616e646f6dULL ^ key[1];
	uint64_t v2 = 0x6c7967656e657261ULL ^ key[0];
	uint64_t v3 = 0x7465646279746573ULL ^ key[1];
	uint64_t b = 8ULL << 56;

	v3 ^= first;
	SIPROUND;
	SIPROUND;
	v0 ^= first;
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return (v0 ^ v1) ^ (v2 ^ v3);
}

/* pointer_string(): zero-padded to the pointer's width. */
static void pointer_string(const struct symbolizer *sym, uint64_t v,
			   struct strbuf *out)
{
	strbuf_printf(out, "%0*llx", (int)sym->prog->ptr_size * 2,
		      (unsigned long long)v);
}

/* ptr_to_id() */
static void ptr_to_id(const struct symbolizer *sym, uint64_t ptr,
		      struct strbuf *out)
{
	/* IS_ERR_OR_NULL(): printed as they are. */
	if (!ptr || ptr >= (uint64_t)-4095) {
		pointer_string(sym, ptr, out);
		return;
	}
	if (sym->debug_boot_weak_hash) {
		/* hash_long(ptr, 32): GOLDEN_RATIO_64 */
		pointer_string(sym, (ptr * 0x61C8864680B583EBULL) >> 32, out);
		return;
	}
	if (!sym->key_filled) {
		strbuf_printf(out, "%*s", (int)sym->prog->ptr_size * 2,
			      sym->prog->ptr_size == 8 ? "(____ptrval____)" :
							 "(ptrval)");
		return;
	}
	pointer_string(sym, siphash_1u64(ptr, sym->ptr_key) & 0xffffffff, out);
}

void sprint_ptr(struct symbolizer *sym, uint64_t ptr, struct strbuf *out)
{
	if (sym->no_hash_pointers)
		pointer_string(sym, ptr, out);
	else
		ptr_to_id(sym, ptr, out);
}

void sprint_kptr(struct symbolizer *sym, uint64_t ptr, struct strbuf *out)
{
	switch (sym->kptr_restrict) {
	case 0:
		sprint_ptr(sym, ptr, out);
		return;
	case 1:
		pointer_string(sym, ptr, out);
		return;
	default:
		pointer_string(sym, 0, out);
		return;
	}
}

const char *symbolizer_ptr_problem(const struct symbolizer *sym)
{
	return sym->ptr_problem;
}

static bool read_flag(struct vr_program *prog, const char *name)
{
	struct vr_error *err = NULL;
	uint64_t v = mm_read_ulong(kobj_var(prog, name), &err);

	vr_error_destroy(err);
	return !err && v;
}

static void pointers_read(struct symbolizer *sym)
{
	struct vr_program *prog = sym->prog;
	struct kobj key = kobj_member(kobj_var(prog, "ptr_key"), "key");
	struct vr_error *err = NULL;

	sym->kptr_restrict = mm_read_long(kobj_var(prog, "kptr_restrict"), &err);
	if (err) {
		sym->ptr_problem = "kptr_restrict could not be read";
		vr_error_destroy(err);
		err = NULL;
		sym->kptr_restrict = 0;
	}
	/* v5.12+: the no_hash_pointers boot option. */
	sym->no_hash_pointers = read_flag(prog, "no_hash_pointers");
	sym->debug_boot_weak_hash = read_flag(prog, "debug_boot_weak_hash");
	/*
	 * v5.19+ filled_random_ptr_key; before, the static key
	 * not_filled_random_ptr_key.
	 */
	if (kobj_has_symbol(prog, "filled_random_ptr_key"))
		sym->key_filled = read_flag(prog, "filled_random_ptr_key");
	else if (kobj_has_symbol(prog, "not_filled_random_ptr_key"))
		sym->key_filled = !static_key_enabled(kobj_var(prog,
							       "not_filled_random_ptr_key"),
						      &err);
	sym->ptr_key[0] = mm_read_ulong(kobj_index(key, 0), &err);
	sym->ptr_key[1] = mm_read_ulong(kobj_index(key, 1), &err);
	if (err) {
		if (!sym->ptr_problem)
			sym->ptr_problem = "the pointer hashing key (ptr_key) could not be read";
		vr_error_destroy(err);
		sym->key_filled = false;
	}
}

/*
 * The program's kallsyms, else (a vmlinux without them) its ELF symbol
 * table.  Without CONFIG_KALLSYMS_ALL the tables hold text symbols only
 * (scripts/kallsyms.c text_ranges), none above the text sections.
 */
static struct vr_error *kernel_syms_read(struct symbolizer *sym)
{
	const struct vr_kallsyms *ks;
	struct vr_error *err = vr_program_kallsyms(sym->prog, &ks);

	if (err == &vr_enomem)
		return err;
	if (err) {
		/* vr_program_kallsyms() logged why the first time. */
		vr_error_destroy(err);
		return NULL;
	}
	sym->ks = ks;
	sym->all = ks->syms[ks->nr_syms - 1].addr >
		   max(sym->etext, sym->einittext);
	return NULL;
}

struct vr_error *symbolizer_create(struct vr_program *prog,
				   struct symbolizer **ret)
{
	struct symbolizer *sym = calloc(1, sizeof(*sym));
	struct vr_error *err;

	if (!sym)
		return &vr_enomem;
	sym->prog = prog;
	sym->stext = symbol_or_zero(prog, "_stext");
	sym->etext = symbol_or_zero(prog, "_etext");
	sym->sinittext = symbol_or_zero(prog, "_sinittext");
	sym->einittext = symbol_or_zero(prog, "_einittext");
	sym->end = symbol_or_zero(prog, "_end");
	sym->init_begin = symbol_or_zero(prog, "__init_begin");
	sym->init_end = symbol_or_zero(prog, "__init_end");
	err = kernel_syms_read(sym);
	if (err) {
		symbolizer_destroy(sym);
		return err;
	}
	err = modules_read(sym);
	if (err) {
		symbolizer_destroy(sym);
		return err;
	}
	pointers_read(sym);
	*ret = sym;
	return NULL;
}

void symbolizer_destroy(struct symbolizer *sym)
{
	if (!sym)
		return;
	for (size_t i = 0; i < sym->nr_mods; i++)
		mod_syms_free(&sym->mods[i]);
	free(sym->mods);
	free(sym);
}
