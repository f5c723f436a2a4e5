/* SPDX-License-Identifier: GPL-2.0-or-later */
/* For unit tests: the .BTF section of an ELF file (vmlinux or module). */
#ifndef VR_TEST_ELF_BTF_H
#define VR_TEST_ELF_BTF_H

#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The .BTF section of an ELF file (malloc'd), or NULL. */
static inline void *read_btf_section(const char *path, size_t *size,
			      unsigned int *ptr_size)
{
	int fd = open(path, O_RDONLY);
	Elf *elf;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	void *ret = NULL;

	if (fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
		goto out;
	*ptr_size = gelf_getclass(elf) == ELFCLASS64 ? 8 : 4;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name || strcmp(name, ".BTF") != 0)
			continue;
		data = elf_rawdata(scn, NULL);
		if (!data || !data->d_size)
			break;
		ret = malloc(data->d_size);
		if (ret) {
			memcpy(ret, data->d_buf, data->d_size);
			*size = data->d_size;
		}
		break;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ret;
}

#endif
