// SPDX-License-Identifier: GPL-2.0-or-later
/* The vmlinux's ELF symbol table. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

static int symbol_cmp_addr(const void *a, const void *b)
{
	const struct vr_symbol *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Sized symbols before zero-sized labels at the same address. */
	return (x->size < y->size) - (x->size > y->size);
}

static bool symbol_wanted(const GElf_Sym *sym)
{
	int type = GELF_ST_TYPE(sym->st_info);

	if (sym->st_shndx == SHN_UNDEF)
		return false;
	return type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE;
}

/* Is section @ndx allocated but linked at address 0? */
static bool zero_based_section(Elf *elf, size_t ndx)
{
	Elf_Scn *scn;
	GElf_Shdr shdr;

	if (ndx == SHN_ABS || ndx >= SHN_LORESERVE)
		return false;
	scn = elf_getscn(elf, ndx);
	return scn && gelf_getshdr(scn, &shdr) && (shdr.sh_flags & SHF_ALLOC) &&
	       shdr.sh_addr == 0;
}

static Elf_Scn *find_symtab(Elf *elf, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		if (gelf_getshdr(scn, shdr) && shdr->sh_type == SHT_SYMTAB)
			return scn;
	}
	return NULL;
}

static void index_by_name(struct vr_debuginfo *dbg, struct vr_symbol *sym,
			  bool global)
{
	size_t len = strlen(sym->name);
	void **slot = hashmap_slot_str(&dbg->sym_by_name, 0, sym->name, len);

	/* A global symbol wins over a local (static) one of the same name. */
	if (slot && !global)
		return;
	if (slot && global && ((uintptr_t)*slot & 1) == 0)
		return;
	hashmap_put_str(&dbg->sym_by_name, 0, sym->name, len,
			(void *)((uintptr_t)sym | (global ? 0 : 1)));
}

struct vr_error *elf_load_symbols(struct vr_debuginfo *dbg)
{
	GElf_Shdr shdr;
	Elf_Scn *scn = find_symtab(dbg->elf, &shdr);
	Elf_Data *data;
	size_t n, count = 0;

	if (!scn || !shdr.sh_entsize)
		return vr_error_create(VR_ERR_FORMAT,
				       "vmlinux has no symbol table (stripped?)");
	data = elf_getdata(scn, NULL);
	if (!data)
		return vr_error_create(VR_ERR_FORMAT,
				       "cannot read the vmlinux symbol table: %s",
				       elf_errmsg(-1));
	n = shdr.sh_size / shdr.sh_entsize;
	dbg->syms = xcalloc_array(n, sizeof(*dbg->syms));
	if (!dbg->syms)
		return &vr_enomem;
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, (int)i, &sym) || !symbol_wanted(&sym))
			continue;
		name = elf_strptr(dbg->elf, shdr.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		dbg->syms[count++] = (struct vr_symbol){
			.name = name,
			.addr = sym.st_value,
			.size = sym.st_size,
			.is_function = GELF_ST_TYPE(sym.st_info) == STT_FUNC,
			.is_global = GELF_ST_BIND(sym.st_info) != STB_LOCAL,
			.zero_based = zero_based_section(dbg->elf, sym.st_shndx),
		};
	}
	dbg->nr_syms = count;
	qsort(dbg->syms, count, sizeof(*dbg->syms), symbol_cmp_addr);
	/* Index after sorting: the map holds pointers into the array. */
	for (size_t i = 0; i < count; i++)
		index_by_name(dbg, &dbg->syms[i], dbg->syms[i].is_global);
	return NULL;
}

struct vr_error *vr_debuginfo_symbol(const struct vr_debuginfo *dbg,
				     const char *name, struct vr_symbol *ret)
{
	void *v = hashmap_get_str(&dbg->sym_by_name, 0, name, strlen(name));

	if (!v)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "symbol %s not found in vmlinux", name);
	*ret = *(const struct vr_symbol *)((uintptr_t)v & ~(uintptr_t)1);
	return NULL;
}

struct vr_error *vr_debuginfo_symbol_at(const struct vr_debuginfo *dbg,
					uint64_t addr, struct vr_symbol *ret)
{
	size_t lo = 0, hi = dbg->nr_syms;

	/* Last symbol with sym.addr <= addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dbg->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0;) {
		const struct vr_symbol *s = &dbg->syms[i];

		if (s->addr + s->size > addr ||
		    (s->size == 0 && s->addr == addr)) {
			*ret = *s;
			return NULL;
		}
		if (addr - s->addr > (1u << 24))
			break;
	}
	return vr_error_create(VR_ERR_NOT_FOUND,
			       "no symbol at 0x%llx", (unsigned long long)addr);
}

size_t vr_debuginfo_nr_symbols(const struct vr_debuginfo *dbg)
{
	return dbg->nr_syms;
}

const struct vr_symbol *vr_debuginfo_symbol_index(const struct vr_debuginfo *dbg,
						  size_t i)
{
	return i < dbg->nr_syms ? &dbg->syms[i] : NULL;
}

struct vr_error *vr_debuginfo_set_symbols(struct vr_debuginfo *dbg,
					  struct vr_symbol *syms, size_t n,
					  const char *source)
{
	qsort(syms, n, sizeof(*syms), symbol_cmp_addr);
	hashmap_free(&dbg->sym_by_name);
	memset(&dbg->sym_by_name, 0, sizeof(dbg->sym_by_name));
	free(dbg->syms);
	dbg->syms = syms;
	dbg->nr_syms = n;
	dbg->symbols_source = source;
	for (size_t i = 0; i < n; i++)
		index_by_name(dbg, &dbg->syms[i], dbg->syms[i].is_global);
	return NULL;
}
