// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF vmcores (/proc/vmcore copies, makedumpfile -E, QEMU dump-guest-memory):
 * 32/64-bit, either byte order as EI_DATA says.  Only program headers are
 * used (section headers of big-endian QEMU dumps are bogus): PT_LOAD maps
 * p_paddr to the file, where segments overlap the first one wins; the
 * memsz > filesz tail of a segment is "excluded"; PT_NOTE segments hold
 * the notes.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vr/util.h"

#define ELF_PAGE_SHIFT	12
#define ELF_PAGE_SIZE	(1u << ELF_PAGE_SHIFT)

struct vr_elf {
	struct vr_extent_map map;
	uint64_t end;		/* end of the highest PT_LOAD */
};

struct ehdr {
	bool is64, be;
	unsigned int type, machine;
	uint32_t flags;
	uint64_t phoff, shoff;
	unsigned int phentsize;
	uint64_t phnum;
};

struct phdr {
	uint32_t type;
	uint64_t offset, paddr, filesz, memsz;
};

static struct vr_error *read_ehdr(struct vr_dump *d, struct ehdr *h)
{
	unsigned char b[64];
	struct vr_error *err;
	size_t need;

	memset(b, 0, sizeof(b));
	err = vr_input_pread(d->in, b, EI_NIDENT, 0);
	if (err)
		return err;
	if (b[EI_CLASS] != ELFCLASS32 && b[EI_CLASS] != ELFCLASS64)
		return vr_error_create(VR_ERR_FORMAT, "bad ELF class %u",
				       b[EI_CLASS]);
	if (b[EI_DATA] != ELFDATA2LSB && b[EI_DATA] != ELFDATA2MSB)
		return vr_error_create(VR_ERR_FORMAT, "bad ELF byte order %u",
				       b[EI_DATA]);
	h->is64 = b[EI_CLASS] == ELFCLASS64;
	h->be = b[EI_DATA] == ELFDATA2MSB;
	need = h->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	err = vr_input_pread(d->in, b + EI_NIDENT, need - EI_NIDENT, EI_NIDENT);
	if (err)
		return vr_error_wrap(err, "ELF header");
	h->type = vr_get16(b + 16, h->be);
	h->machine = vr_get16(b + 18, h->be);
	if (h->is64) {
		h->phoff = vr_get64(b + 32, h->be);
		h->shoff = vr_get64(b + 40, h->be);
		h->flags = vr_get32(b + 48, h->be);
		h->phentsize = vr_get16(b + 54, h->be);
		h->phnum = vr_get16(b + 56, h->be);
	} else {
		h->phoff = vr_get32(b + 28, h->be);
		h->shoff = vr_get32(b + 32, h->be);
		h->flags = vr_get32(b + 36, h->be);
		h->phentsize = vr_get16(b + 42, h->be);
		h->phnum = vr_get16(b + 44, h->be);
	}
	return NULL;
}

/* PN_XNUM: the real number of program headers is sh_info of section 0. */
static struct vr_error *read_xnum(struct vr_dump *d, struct ehdr *h)
{
	unsigned char b[sizeof(Elf64_Shdr)];
	size_t size = h->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	struct vr_error *err;

	if (!h->shoff)
		return vr_error_create(VR_ERR_CORRUPT,
				       "e_phnum is PN_XNUM but there is no section header");
	err = vr_input_pread(d->in, b, size, h->shoff);
	if (err)
		return vr_error_wrap(err, "section header 0 (PN_XNUM)");
	h->phnum = vr_get32(b + (h->is64 ? 44 : 28), h->be);
	return NULL;
}

static void parse_phdr(const struct ehdr *h, const unsigned char *b,
		       struct phdr *p)
{
	p->type = vr_get32(b, h->be);
	if (h->is64) {
		p->offset = vr_get64(b + 8, h->be);
		p->paddr = vr_get64(b + 24, h->be);
		p->filesz = vr_get64(b + 32, h->be);
		p->memsz = vr_get64(b + 40, h->be);
	} else {
		p->offset = vr_get32(b + 4, h->be);
		p->paddr = vr_get32(b + 12, h->be);
		p->filesz = vr_get32(b + 16, h->be);
		p->memsz = vr_get32(b + 20, h->be);
	}
}

static struct vr_error *read_phdrs(struct vr_dump *d, struct ehdr *h,
				   unsigned char **ret)
{
	size_t phdr_size = h->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	struct vr_error *err;
	unsigned char *buf;

	if (h->phnum == PN_XNUM) {
		err = read_xnum(d, h);
		if (err)
			return err;
	}
	if (!h->phnum)
		return vr_error_create(VR_ERR_FORMAT,
				       "ELF file has no program headers");
	if (h->phnum > VR_MAX_PHDRS)
		return vr_error_create(VR_ERR_LIMIT,
				       "%llu program headers (limit %u)",
				       (unsigned long long)h->phnum,
				       VR_MAX_PHDRS);
	/*
	 * Every dump writer (kernel, makedumpfile, QEMU) uses the exact
	 * size; a larger one only lets a hostile header ask for gigabytes.
	 */
	if (h->phentsize != phdr_size)
		return vr_error_create(VR_ERR_CORRUPT,
				       "program header entries of %u bytes, not %zu",
				       h->phentsize, phdr_size);
	if (h->phoff > d->in->size ||
	    h->phnum * h->phentsize > d->in->size - h->phoff)
		return vr_error_create(VR_ERR_TRUNCATED,
				       "%llu program headers at 0x%llx run past the end of the file",
				       (unsigned long long)h->phnum,
				       (unsigned long long)h->phoff);
	buf = xcalloc_array(h->phnum, h->phentsize);
	if (!buf)
		return &vr_enomem;
	err = vr_input_pread(d->in, buf, h->phnum * h->phentsize, h->phoff);
	if (err) {
		free(buf);
		return vr_error_wrap(err, "program headers");
	}
	*ret = buf;
	return NULL;
}

static struct vr_error *load_note(struct vr_dump *d, const struct ehdr *h,
				  const struct phdr *p)
{
	struct vr_error *err;
	void *buf;

	if (!p->filesz)
		return NULL;
	if (p->filesz > VR_MAX_NOTES_BYTES - d->note_bytes) {
		vr_warn(&d->warn, "%s: PT_NOTE of 0x%llx bytes skipped (too large)",
			d->path, (unsigned long long)p->filesz);
		return NULL;
	}
	if (p->offset > d->in->size || p->filesz > d->in->size - p->offset) {
		vr_warn(&d->warn, "%s: truncated: the file ends at 0x%llx, in its notes (PT_NOTE at 0x%llx)",
			d->path, (unsigned long long)d->in->size,
			(unsigned long long)p->offset);
		d->info.truncated = true;
		return NULL;
	}
	buf = malloc(p->filesz);
	if (!buf)
		return &vr_enomem;
	err = vr_input_pread(d->in, buf, p->filesz, p->offset);
	if (err) {
		vr_warn(&d->warn, "%s: PT_NOTE at 0x%llx unreadable: %s",
			d->path, (unsigned long long)p->offset, err->message);
		vr_error_destroy(err);
		free(buf);
		return NULL;
	}
	d->note_bytes += p->filesz;
	return vr_dump_add_notes(d, buf, p->filesz, h->be);
}

struct load_state {
	struct vr_extent *ext;
	size_t n;
	uint64_t end;
	size_t beyond_eof;	/* PT_LOADs not (fully) in the file */
	size_t bad;
};

/*
 * Where PT_LOADs overlap, the first one holding file data wins; a
 * memsz > filesz tail loses to any segment with data for those addresses
 * (makedumpfile -E maps the kernel image twice, once with such a tail).
 */
static void add_load(struct vr_dump *d, struct load_state *s,
		     const struct phdr *p, size_t index)
{
	int64_t prio = -(int64_t)index;
	uint64_t filesz = min(p->filesz, p->memsz);

	if (p->paddr + p->memsz < p->paddr ||
	    p->offset + filesz < p->offset) {
		s->bad++;
		return;
	}
	if (p->offset + filesz > d->in->size)
		s->beyond_eof++;
	s->ext[s->n++] = (struct vr_extent){
		.start = p->paddr, .len = filesz, .off = p->offset,
		.prio = prio, .kind = VR_EXTENT_DATA,
	};
	s->ext[s->n++] = (struct vr_extent){
		.start = p->paddr + filesz, .len = p->memsz - filesz,
		.prio = prio - (int64_t)VR_MAX_PHDRS, .kind = VR_EXTENT_EXCLUDED,
	};
	s->end = max(s->end, p->paddr + p->memsz);
}

static struct vr_error *walk_phdrs(struct vr_dump *d, struct ehdr *h,
				   const unsigned char *tab)
{
	struct load_state s = { 0 };
	struct vr_error *err = NULL;
	struct phdr p;

	s.ext = xcalloc_array(2 * h->phnum, sizeof(*s.ext));
	if (!s.ext)
		return &vr_enomem;
	for (uint64_t i = 0; i < h->phnum && !err; i++) {
		parse_phdr(h, tab + i * h->phentsize, &p);
		if (p.type == PT_LOAD)
			add_load(d, &s, &p, i);
		else if (p.type == PT_NOTE)
			err = load_note(d, h, &p);
	}
	if (err) {
		free(s.ext);
		return err;
	}
	if (s.bad)
		vr_warn(&d->warn, "%s: %zu PT_LOAD segments with impossible addresses ignored",
			d->path, s.bad);
	if (s.beyond_eof) {
		vr_warn(&d->warn, "%s: truncated: the file ends at 0x%llx, %zu PT_LOAD segments extend past it",
			d->path, (unsigned long long)d->in->size, s.beyond_eof);
		d->info.truncated = true;
	}
	d->elf->end = s.end;
	return vr_extents_resolve(s.ext, s.n, &d->elf->map);
}

/* ---- reads ------------------------------------------------------------- */

static struct vr_error *miss(struct vr_dump *d, uint64_t paddr)
{
	if (paddr >= d->elf->end)
		return vr_page_error(VR_ERR_OUT_OF_RANGE, paddr,
				     "beyond the end of the dump's memory (0x%llx)",
				     (unsigned long long)d->elf->end);
	return vr_page_error(VR_ERR_NOT_PRESENT, paddr,
			     "not in any PT_LOAD segment of the dump");
}

static struct vr_error *read_file(struct vr_dump *d, uint64_t paddr,
				  void *buf, size_t len, uint64_t off)
{
	struct vr_error *err = vr_input_pread(d->in, buf, len, off);

	if (err)
		return vr_error_wrap(err, "physical address 0x%llx",
				     (unsigned long long)paddr);
	return NULL;
}

/* Byte-wise path for pages not wholly inside one segment. */
static struct vr_error *read_direct(struct vr_dump *d, uint64_t paddr,
				    unsigned char *buf, size_t len)
{
	while (len) {
		const struct vr_extent *e = vr_extents_find(&d->elf->map, paddr);
		struct vr_error *err;
		size_t n;

		if (!e)
			return miss(d, paddr);
		if (e->kind == VR_EXTENT_EXCLUDED)
			return vr_page_error(VR_ERR_EXCLUDED, paddr,
					     "beyond p_filesz of its PT_LOAD (not in the dump)");
		n = (size_t)min((uint64_t)len, e->start + e->len - paddr);
		err = read_file(d, paddr, buf, n, e->off + (paddr - e->start));
		if (err)
			return err;
		buf += n;
		paddr += n;
		len -= n;
	}
	return NULL;
}

static bool whole_page(const struct vr_dump *d, const struct vr_extent *e,
		       uint64_t page)
{
	return e && e->kind == VR_EXTENT_DATA && e->start <= page &&
	       page - e->start + ELF_PAGE_SIZE <= e->len &&
	       e->off + (page - e->start) + ELF_PAGE_SIZE <= d->in->size;
}

static struct vr_error *elf_read(struct vr_dump *d, uint64_t paddr, void *buf,
				 size_t len)
{
	uint64_t pfn = paddr >> ELF_PAGE_SHIFT;
	uint64_t page = pfn << ELF_PAGE_SHIFT;
	const void *cached = vr_cache_get(&d->cache, pfn);
	const struct vr_extent *e;
	struct vr_error *err;
	void *slot;

	if (cached) {
		d->stats.cache_hits++;
		memcpy(buf, (const char *)cached + (paddr - page), len);
		return NULL;
	}
	e = vr_extents_find(&d->elf->map, paddr);
	if (!whole_page(d, e, page))
		return read_direct(d, paddr, buf, len);
	d->stats.cache_misses++;
	slot = vr_cache_claim(&d->cache, pfn);
	err = read_file(d, page, slot, ELF_PAGE_SIZE,
			e->off + (page - e->start));
	if (err)
		return err;
	d->stats.pages_read++;
	vr_cache_commit(&d->cache, pfn, slot);
	memcpy(buf, (const char *)slot + (paddr - page), len);
	return NULL;
}

static void elf_free(struct vr_dump *d)
{
	if (!d->elf)
		return;
	vr_extents_free(&d->elf->map);
	free(d->elf);
	d->elf = NULL;
}

static struct vr_error *elf_locate(struct vr_dump *d, uint64_t paddr,
				   uint64_t *off, uint64_t *size)
{
	uint64_t page = paddr & ~(uint64_t)(ELF_PAGE_SIZE - 1);
	const struct vr_extent *e = vr_extents_find(&d->elf->map, page);

	if (!e)
		return miss(d, page);
	if (e->kind == VR_EXTENT_EXCLUDED)
		return vr_page_error(VR_ERR_EXCLUDED, page,
				     "beyond p_filesz of its PT_LOAD (not in the dump)");
	*off = e->off + (page - e->start);
	*size = min((uint64_t)ELF_PAGE_SIZE, e->start + e->len - page);
	return NULL;
}

static const struct vr_dump_ops elf_ops = {
	.read = elf_read,
	.free = elf_free,
	.locate = elf_locate,
};

static void fill_info(struct vr_dump *d, const struct ehdr *h)
{
	struct vr_dump_info *info = &d->info;

	info->format = "elf";
	info->e_machine = h->machine;
	info->big_endian = h->be;
	info->ptr_size = h->is64 ? 8 : 4;
	info->page_size = 0;
	info->max_pfn = (d->elf->end + ELF_PAGE_SIZE - 1) >> ELF_PAGE_SHIFT;
	info->incomplete = h->flags & 1;
	info->nr_cpus = vr_dump_count_prstatus(d, NULL);
	if (info->incomplete)
		vr_warn(&d->warn, "%s: ELF dump is marked incomplete (e_flags bit 0)",
			d->path);
}

struct vr_error *vr_elf_open(struct vr_dump *d, const unsigned char *head,
			     size_t len)
{
	unsigned char *tab = NULL;
	struct vr_error *err;
	struct ehdr h = { 0 };

	(void)head;
	(void)len;
	err = read_ehdr(d, &h);
	if (err)
		return err;
	if (h.type != ET_CORE)
		return vr_error_create(VR_ERR_FORMAT,
				       "ELF file is not a core dump (e_type %u)",
				       h.type);
	d->elf = calloc(1, sizeof(*d->elf));
	if (!d->elf)
		return &vr_enomem;
	d->ops = &elf_ops;
	err = read_phdrs(d, &h, &tab);
	if (!err)
		err = walk_phdrs(d, &h, tab);
	free(tab);
	if (!err)
		err = vr_cache_init(&d->cache, ELF_PAGE_SIZE);
	if (!err)
		err = vr_dump_vmcoreinfo_from_notes(d);
	if (err)
		return err;
	fill_info(d, &h);
	return NULL;
}
