// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Seeds for fuzz_btf and fuzz_kallsyms (tests/fuzz/seeds.sh), from a
 * fixture's vmlinux and modules:
 *   mkseeds btf VMLINUX OUT	cuts of its .BTF, remade complete: the
 *				first types (references past the cut made
 *				void or int, strings rebuilt), a few sizes
 *   mkseeds module KO OUT	a module's split .BTF (fuzz_btf mode 2)
 *   mkseeds kallsyms VMLINUX OUT
 *				the kallsyms tables cut to 256 * K symbols,
 *				a few K, in fuzz_kallsyms's input format
 * Little-endian ELF files only (x86_64, arm64).
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static Elf *elf_open(const char *path)
{
	int fd = open(path, O_RDONLY);
	Elf *elf;

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		fprintf(stderr, "%s: not ELF\n", path);
		exit(1);
	}
	return elf;
}

static Elf_Scn *section(Elf *elf, const char *want)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

static void write_file(const char *path, const void *a, size_t alen,
		       const void *b, size_t blen)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(a, 1, alen, f) != alen ||
	    (blen && fwrite(b, 1, blen, f) != blen) || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* ---- BTF ---- */

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Bytes of a type record after its 12-byte header. */
static size_t extra(unsigned int kind, unsigned int vlen)
{
	switch (kind) {
	case 1: case 14: case 17: return 4;	/* INT, VAR, DECL_TAG */
	case 3: return 12;			/* ARRAY */
	case 4: case 5: return 12 * vlen;	/* STRUCT, UNION */
	case 6: case 13: return 8 * vlen;	/* ENUM, FUNC_PROTO */
	case 15: case 19: return 12 * vlen;	/* DATASEC, ENUM64 */
	default: return 0;
	}
}

struct strs {
	const char *old;
	uint32_t old_len;
	char *buf;
	size_t len, cap;
};

static uint32_t remap_str(struct strs *s, uint32_t off)
{
	size_t n;
	uint32_t ret;

	if (!off || off >= s->old_len)
		return 0;
	n = strnlen(s->old + off, s->old_len - off) + 1;
	if (s->len + n > s->cap) {
		s->cap = 2 * (s->len + n);
		s->buf = realloc(s->buf, s->cap);
		if (!s->buf)
			exit(1);
	}
	memcpy(s->buf + s->len, s->old + off, n);
	s->buf[s->len + n - 1] = 0;
	ret = (uint32_t)s->len;
	s->len += n;
	return ret;
}

/* The first types of @btf, about @budget bytes of them, as a whole BTF. */
static void btf_cut(const uint8_t *btf, size_t size, size_t budget,
		    const char *out)
{
	uint32_t hdr_len = get32(btf + 4);
	const uint8_t *types = btf + hdr_len + get32(btf + 8);
	uint32_t type_len = get32(btf + 12);
	struct strs s = {
		.old = (const char *)btf + hdr_len + get32(btf + 16),
		.old_len = get32(btf + 20),
	};
	uint8_t *t = malloc(type_len), *all;
	size_t pos = 0, nr = 0, int_id = 0;

	if (!t || hdr_len < 24 ||
	    hdr_len + (size_t)get32(btf + 8) + type_len > size) {
		fprintf(stderr, "%s: bad BTF header\n", out);
		exit(1);
	}
	/* Which types are kept. */
	while (pos + 12 <= type_len && pos < budget) {
		uint32_t info = get32(types + pos + 4);
		size_t len = 12 + extra((info >> 24) & 0x1f, info & 0xffff);

		nr++;
		if (!int_id && ((info >> 24) & 0x1f) == 1)
			int_id = nr;
		pos += len;
	}
	memcpy(t, types, pos);
	s.cap = 4096;
	s.buf = calloc(1, s.cap);
	if (!s.buf)
		exit(1);
	s.len = 1;
	for (size_t p = 0; p < pos;) {
		uint8_t *r = t + p;
		uint32_t info = get32(r + 4);
		unsigned int kind = (info >> 24) & 0x1f, vlen = info & 0xffff;
		uint8_t *x = r + 12;

#define FIX(ptr, dflt) do { if (get32(ptr) > nr) put32(ptr, dflt); } while (0)
#define STR(ptr) put32(ptr, remap_str(&s, get32(ptr)))
		STR(r);
		switch (kind) {
		case 2: case 7: case 8: case 9: case 10: case 11: case 12:
		case 13: case 14: case 16: case 17: case 18:
			FIX(r + 8, kind == 14 || kind == 17 ?
			    (uint32_t)int_id : 0);
			break;
		}
		if (kind == 3) {
			FIX(x, (uint32_t)int_id);
			FIX(x + 4, (uint32_t)int_id);
		} else if (kind == 4 || kind == 5) {
			for (unsigned int i = 0; i < vlen; i++) {
				STR(x + 12 * i);
				FIX(x + 12 * i + 4, (uint32_t)int_id);
			}
		} else if (kind == 6 || kind == 19) {
			unsigned int w = kind == 6 ? 8 : 12;

			for (unsigned int i = 0; i < vlen; i++)
				STR(x + w * i);
		} else if (kind == 13) {
			for (unsigned int i = 0; i < vlen; i++) {
				STR(x + 8 * i);
				FIX(x + 8 * i + 4, (uint32_t)int_id);
			}
		} else if (kind == 15) {
			for (unsigned int i = 0; i < vlen; i++)
				FIX(x + 12 * i, (uint32_t)int_id);
		}
#undef FIX
#undef STR
		p += 12 + extra(kind, vlen);
	}
	all = malloc(1 + 24 + pos + s.len);
	if (!all)
		exit(1);
	all[0] = 0;	/* fuzz_btf mode: a vmlinux's, 8-byte pointers */
	memcpy(all + 1, btf, 8);
	put32(all + 1 + 4, 24);
	put32(all + 1 + 8, 0);
	put32(all + 1 + 12, (uint32_t)pos);
	put32(all + 1 + 16, (uint32_t)pos);
	put32(all + 1 + 20, (uint32_t)s.len);
	memcpy(all + 25, t, pos);
	memcpy(all + 25 + pos, s.buf, s.len);
	write_file(out, all, 25 + pos + s.len, NULL, 0);
	printf("%s: %zu types, %zu bytes\n", out, nr, 25 + pos + s.len);
	free(all);
	free(t);
	free(s.buf);
}

static Elf_Data *btf_data(Elf *elf, const char *path)
{
	Elf_Scn *scn = section(elf, ".BTF");
	Elf_Data *d = scn ? elf_rawdata(scn, NULL) : NULL;

	if (!d || d->d_size < 24) {
		fprintf(stderr, "%s: no .BTF\n", path);
		exit(1);
	}
	return d;
}

/* ---- kallsyms ---- */

static uint64_t symbol(Elf *elf, const char *want)
{
	Elf_Scn *scn = section(elf, ".symtab");
	GElf_Shdr sh;
	Elf_Data *d;

	if (!scn || !gelf_getshdr(scn, &sh) || !(d = elf_getdata(scn, NULL)))
		return 0;
	for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(d, (int)i, &sym))
			continue;
		name = elf_strptr(elf, sh.sh_link, sym.st_name);
		if (name && !strcmp(name, want))
			return sym.st_value;
	}
	return 0;
}

/* @len bytes of the file's memory at @addr. */
static const uint8_t *at(Elf *elf, uint64_t addr, size_t len)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC) ||
		    sh.sh_type == SHT_NOBITS || addr < sh.sh_addr ||
		    addr + len > sh.sh_addr + sh.sh_size)
			continue;
		d = elf_rawdata(scn, NULL);
		if (d)
			return (const uint8_t *)d->d_buf + (addr - sh.sh_addr);
	}
	fprintf(stderr, "0x%llx: not in the file\n", (unsigned long long)addr);
	exit(1);
}

struct image {
	uint8_t buf[1 << 20];
	size_t len;
};

static uint32_t append(struct image *im, const void *p, size_t len)
{
	uint32_t off;

	im->len = (im->len + 7) & ~(size_t)7;
	off = (uint32_t)im->len;
	if (im->len + len > sizeof(im->buf))
		exit(1);
	memcpy(im->buf + im->len, p, len);
	im->len += len;
	return off;
}

static void kallsyms_cut(Elf *elf, unsigned int k, const char *out)
{
	static struct image im;
	uint64_t markers = symbol(elf, "kallsyms_markers");
	uint64_t names = symbol(elf, "kallsyms_names");
	uint64_t tokens = symbol(elf, "kallsyms_token_table");
	uint64_t index = symbol(elf, "kallsyms_token_index");
	uint64_t offsets = symbol(elf, "kallsyms_offsets");
	uint64_t rbase = symbol(elf, "kallsyms_relative_base");
	uint32_t nsyms = 256 * k, names_len, off[7];
	uint8_t hdr[32] = { 0 };

	if (!markers || !names || !tokens || !index || !offsets || !rbase) {
		fprintf(stderr, "no kallsyms tables in the vmlinux\n");
		exit(1);
	}
	names_len = get32(at(elf, markers + 4 * k, 4));
	im.len = 0;
	off[0] = append(&im, &nsyms, 4);
	off[1] = append(&im, at(elf, names, names_len), names_len);
	off[6] = append(&im, at(elf, markers, 4 * k), 4 * k);
	off[2] = append(&im, at(elf, tokens, index - tokens), index - tokens);
	off[3] = append(&im, at(elf, index, 512), 512);
	off[4] = append(&im, at(elf, offsets, 4 * nsyms), 4 * nsyms);
	off[5] = append(&im, at(elf, rbase, 8), 8);
	/* Decode (markers given), and locate too in the biggest. */
	hdr[0] = k >= 16 ? 32 | 64 : 64;
	for (int i = 0; i < 7; i++)
		put32(hdr + 1 + 4 * i, off[i]);
	write_file(out, hdr, sizeof(hdr), im.buf, im.len);
	printf("%s: %u symbols, %zu bytes\n", out, nsyms, im.len + 32);
}

int main(int argc, char **argv)
{
	char path[4096];
	Elf *elf;

	if (argc != 4) {
		fprintf(stderr,
			"usage: mkseeds btf|module|kallsyms FILE OUT\n");
		return 2;
	}
	elf = elf_open(argv[2]);
	if (!strcmp(argv[1], "btf")) {
		static const size_t cuts[] = { 2048, 16384, 131072, 393216 };
		Elf_Data *d = btf_data(elf, argv[2]);

		for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
			snprintf(path, sizeof(path), "%s-%zu", argv[3],
				 cuts[i]);
			btf_cut(d->d_buf, d->d_size, cuts[i], path);
		}
	} else if (!strcmp(argv[1], "module")) {
		Elf_Data *d = btf_data(elf, argv[2]);
		uint8_t mode = 2;	/* split, over fuzz_btf's base */

		write_file(argv[3], &mode, 1, d->d_buf, d->d_size);
	} else if (!strcmp(argv[1], "kallsyms")) {
		static const unsigned int ks[] = { 1, 4, 16 };

		for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
			snprintf(path, sizeof(path), "%s-%u", argv[3], ks[i]);
			kallsyms_cut(elf, ks[i], path);
		}
	} else {
		return 2;
	}
	elf_end(elf);
	return 0;
}
