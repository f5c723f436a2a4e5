// SPDX-License-Identifier: GPL-2.0-or-later
/* Opening a vmlinux: ELF facts, build-id, section reads. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "vr/util.h"

static void read_build_id(struct vr_debuginfo *dbg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(dbg->elf, scn))) {
		Elf_Data *data;
		GElf_Nhdr nhdr;
		size_t off = 0, name_off, desc_off;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		while ((off = gelf_getnote(data, off, &nhdr, &name_off,
					   &desc_off)) > 0) {
			const char *name = (const char *)data->d_buf + name_off;

			if (nhdr.n_type == NT_GNU_BUILD_ID &&
			    nhdr.n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
			    nhdr.n_descsz <= sizeof(dbg->build_id)) {
				memcpy(dbg->build_id,
				       (const char *)data->d_buf + desc_off,
				       nhdr.n_descsz);
				dbg->build_id_len = nhdr.n_descsz;
				return;
			}
		}
	}
}

static struct vr_error *check_elf(struct vr_debuginfo *dbg, const char *path)
{
	GElf_Ehdr ehdr;

	if (elf_kind(dbg->elf) != ELF_K_ELF || !gelf_getehdr(dbg->elf, &ehdr))
		return vr_error_create(VR_ERR_FORMAT, "%s: not an ELF file",
				       path);
	if (ehdr.e_type != ET_EXEC && ehdr.e_type != ET_DYN)
		return vr_error_create(VR_ERR_FORMAT,
				       "%s: not a kernel image (ELF type %u)",
				       path, ehdr.e_type);
	dbg->machine = ehdr.e_machine;
	dbg->big_endian = ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	dbg->ptr_size = ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? 8 : 4;
	return NULL;
}

static struct vr_debuginfo *debuginfo_alloc(void)
{
	struct vr_debuginfo *dbg = calloc(1, sizeof(*dbg));

	if (!dbg)
		return NULL;
	dbg->fd = -1;
	dbg->void_type.kind = VR_TYPE_VOID;
	dbg->void_type.name = "void";
	return dbg;
}

struct vr_error *vr_debuginfo_open(const char *path, struct vr_debuginfo **ret)
{
	struct vr_debuginfo *dbg;
	struct vr_error *err;

	elf_version(EV_CURRENT);
	dbg = debuginfo_alloc();
	if (!dbg)
		return &vr_enomem;
	dbg->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (dbg->fd < 0) {
		err = vr_error_create(VR_ERR_IO, "%s: %s", path,
				      strerror(errno));
		vr_debuginfo_close(dbg);
		return err;
	}
	dbg->elf = elf_begin(dbg->fd, ELF_C_READ_MMAP, NULL);
	if (!dbg->elf) {
		err = vr_error_create(VR_ERR_FORMAT, "%s: %s", path,
				      elf_errmsg(-1));
		goto fail;
	}
	err = check_elf(dbg, path);
	if (err)
		goto fail;
	read_build_id(dbg);
	err = elf_load_symbols(dbg);
	if (err)
		goto fail;
	dbg->dwarf = dwarf_begin_elf(dbg->elf, DWARF_C_READ, NULL);
	if (!dbg->dwarf) {
		err = vr_error_create(VR_ERR_FORMAT,
				      "%s: no DWARF debug info (%s); use the debug vmlinux (linux-image-*-dbg)",
				      path, dwarf_errmsg(-1));
		goto fail;
	}
	*ret = dbg;
	return NULL;
fail:
	vr_debuginfo_close(dbg);
	return err;
}

struct vr_error *vr_debuginfo_create(unsigned int machine, bool big_endian,
				     unsigned int ptr_size,
				     struct vr_debuginfo **ret)
{
	struct vr_debuginfo *dbg = debuginfo_alloc();

	if (!dbg)
		return &vr_enomem;
	dbg->machine = machine;
	dbg->big_endian = big_endian;
	dbg->ptr_size = ptr_size;
	*ret = dbg;
	return NULL;
}

void vr_debuginfo_set_reader(struct vr_debuginfo *dbg,
			     vr_debuginfo_read_fn read, void *ctx)
{
	dbg->read_mem = read;
	dbg->read_ctx = ctx;
}

void vr_debuginfo_use_btf(struct vr_debuginfo *dbg, struct vr_btf *btf,
			  const char *origin)
{
	vr_btf_close(dbg->btf);
	dbg->btf = btf;
	dbg->btf_origin = origin;
	/* Types already converted from DWARF stay valid in the arena. */
	hashmap_free(&dbg->types_by_name);
	memset(&dbg->types_by_name, 0, sizeof(dbg->types_by_name));
}

const char *vr_debuginfo_types_source(const struct vr_debuginfo *dbg)
{
	if (dbg->btf)
		return dbg->btf_origin ? dbg->btf_origin : "BTF";
	return dbg->dwarf ? "DWARF (vmlinux)" : "none";
}

const char *vr_debuginfo_symbols_source(const struct vr_debuginfo *dbg)
{
	if (dbg->symbols_source)
		return dbg->symbols_source;
	return dbg->elf ? "ELF symbol table (vmlinux)" : "none";
}

const void *vr_debuginfo_btf_section(const struct vr_debuginfo *dbg,
				     size_t *size)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr shdr;

	if (!dbg->elf || elf_getshdrstrndx(dbg->elf, &shstrndx) != 0)
		return NULL;
	while ((scn = elf_nextscn(dbg->elf, scn))) {
		const char *name;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(dbg->elf, shstrndx, shdr.sh_name);
		if (!name || strcmp(name, ".BTF") != 0)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			return NULL;
		*size = data->d_size;
		return data->d_buf;
	}
	return NULL;
}

void vr_debuginfo_close(struct vr_debuginfo *dbg)
{
	if (!dbg)
		return;
	if (dbg->dwarf)
		dwarf_end(dbg->dwarf);
	if (dbg->elf)
		elf_end(dbg->elf);
	if (dbg->fd >= 0)
		close(dbg->fd);
	vr_btf_close(dbg->btf);
	hashmap_free(&dbg->sym_by_name);
	hashmap_free(&dbg->names);
	hashmap_free(&dbg->types_by_die);
	hashmap_free(&dbg->types_by_name);
	hashmap_free(&dbg->pointers);
	arena_free(&dbg->arena);
	free(dbg->syms);
	free(dbg);
}

unsigned int vr_debuginfo_machine(const struct vr_debuginfo *dbg)
{
	return dbg->machine;
}

bool vr_debuginfo_big_endian(const struct vr_debuginfo *dbg)
{
	return dbg->big_endian;
}

const uint8_t *vr_debuginfo_build_id(const struct vr_debuginfo *dbg,
				     size_t *len)
{
	*len = dbg->build_id_len;
	return dbg->build_id_len ? dbg->build_id : NULL;
}

struct vr_error *vr_debuginfo_read(const struct vr_debuginfo *dbg,
				   uint64_t addr, void *buf, size_t len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	if (!dbg->elf) {
		if (!dbg->read_mem)
			return vr_error_create(VR_ERR_NOT_FOUND,
					       "no kernel image to read 0x%llx from",
					       (unsigned long long)addr);
		return dbg->read_mem(dbg->read_ctx, addr, buf, len);
	}
	while ((scn = elf_nextscn(dbg->elf, scn))) {
		ssize_t n;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_PROGBITS ||
		    !(shdr.sh_flags & SHF_ALLOC) || addr < shdr.sh_addr ||
		    addr - shdr.sh_addr >= shdr.sh_size ||
		    len > shdr.sh_size - (addr - shdr.sh_addr))
			continue;
		n = pread(dbg->fd, buf, len,
			  (off_t)(shdr.sh_offset + (addr - shdr.sh_addr)));
		if (n != (ssize_t)len)
			return vr_error_create(VR_ERR_IO,
					       "vmlinux: short read at 0x%llx",
					       (unsigned long long)addr);
		return NULL;
	}
	return vr_error_create(VR_ERR_NOT_FOUND,
			       "vmlinux: no initialized section holds 0x%llx",
			       (unsigned long long)addr);
}

struct vr_btf *vr_debuginfo_btf(const struct vr_debuginfo *dbg)
{
	return dbg->btf;
}
