// SPDX-License-Identifier: GPL-2.0-or-later
/* Opening a dump with its vmlinux, and reading kernel virtual memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/program.h"
#include "vr/util.h"

#define TLB_PAGE_SIZE 4096ULL

void vr_program_log(struct vr_program *prog, const char *fmt, ...)
{
	va_list ap;
	char line[1024];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	strbuf_puts(&prog->log, line);
	strbuf_putc(&prog->log, '\n');
}

const char *vr_program_vmcoreinfo(const struct vr_program *prog,
				  const char *key)
{
	return prog->vmcoreinfo ? vr_vmcoreinfo_get(prog->vmcoreinfo, key) :
				  NULL;
}

bool vr_program_vmcoreinfo_number(const struct vr_program *prog,
				  const char *key, int64_t *ret)
{
	return prog->vmcoreinfo && vr_vmcoreinfo_dec(prog->vmcoreinfo, key, ret);
}

struct vr_error *vr_program_symbol_early(struct vr_program *prog,
					 const char *name, uint64_t *addr)
{
	if (prog->vmcoreinfo && vr_vmcoreinfo_symbol(prog->vmcoreinfo, name, addr))
		return NULL;
	return vr_program_symbol(prog, name, addr);
}

static struct vr_error *phys_read(void *arg, uint64_t paddr, void *buf,
				  size_t len)
{
	return vr_dump_read_phys(arg, paddr, buf, len);
}

struct vr_error *vr_program_virt_to_phys(struct vr_program *prog,
					 uint64_t vaddr, uint64_t *paddr)
{
	uint64_t vpage = vaddr & ~(TLB_PAGE_SIZE - 1);
	struct vr_tlb_entry *e = &prog->tlb[hash_u64(vpage) % VR_TLB_SIZE];
	uint64_t page_size, pa;
	struct vr_error *err;

	if (e->vpage == (vpage | 1)) {
		*paddr = e->ppage | (vaddr & (TLB_PAGE_SIZE - 1));
		return NULL;
	}
	if (prog->arch->direct_translate &&
	    prog->arch->direct_translate(prog, vaddr, paddr))
		return NULL;
	if (prog->arch->vaddr_valid && !prog->arch->vaddr_valid(prog, vaddr))
		return vr_error_create(VR_ERR_FAULT,
				       "0x%llx is not a valid address",
				       (unsigned long long)vaddr);
	err = vr_pt_walk(&prog->pt, prog->pt_root, vaddr, phys_read,
			 prog->dump, &pa, &page_size);
	if (err)
		return err;
	e->vpage = vpage | 1;
	e->ppage = pa & ~(TLB_PAGE_SIZE - 1);
	*paddr = pa;
	return NULL;
}

void vr_program_set_deadline(struct vr_program *prog, double seconds)
{
	prog->deadline_hit = false;
	prog->deadline_tick = 0;
	prog->deadline_seconds = seconds;
	prog->deadline_ns = seconds > 0 ?
			    vr_monotonic_ns() + (uint64_t)(seconds * 1e9) : 0;
}

/* Reads between two looks at the clock: a read costs far more than one. */
#define DEADLINE_TICKS 64

static struct vr_error *check_deadline(struct vr_program *prog)
{
	if (!prog->deadline_ns)
		return NULL;
	if (!prog->deadline_hit &&
	    ++prog->deadline_tick % DEADLINE_TICKS == 0 &&
	    vr_monotonic_ns() >= prog->deadline_ns)
		prog->deadline_hit = true;
	if (!prog->deadline_hit)
		return NULL;
	return vr_error_create(VR_ERR_LIMIT, "time limit of %g s reached",
			       prog->deadline_seconds);
}

struct vr_error *vr_program_read(struct vr_program *prog, uint64_t vaddr,
				 void *buf, size_t len)
{
	unsigned char *out = buf;
	struct vr_error *err = check_deadline(prog);

	if (err)
		return err;
	while (len) {
		uint64_t paddr;
		size_t chunk = TLB_PAGE_SIZE - (vaddr & (TLB_PAGE_SIZE - 1));

		if (chunk > len)
			chunk = len;
		err = vr_program_virt_to_phys(prog, vaddr, &paddr);
		if (!err)
			err = vr_dump_read_phys(prog->dump, paddr, out, chunk);
		if (err)
			return vr_error_wrap(err, "reading 0x%llx",
					     (unsigned long long)vaddr);
		out += chunk;
		vaddr += chunk;
		len -= chunk;
	}
	return NULL;
}

struct vr_error *vr_program_read_user(struct vr_program *prog, uint64_t pgd,
				      uint64_t uaddr, void *buf, size_t len)
{
	struct vr_pt_format pt = prog->pt;
	unsigned char *out = buf;
	uint64_t root;
	struct vr_error *err = check_deadline(prog);

	if (err)
		return err;
	err = vr_program_virt_to_phys(prog, pgd, &root);

	if (!err && prog->arch->user_pt)
		err = prog->arch->user_pt(prog, root, &pt);
	if (err)
		return vr_error_wrap(err, "user page tables at 0x%llx",
				     (unsigned long long)pgd);
	while (len) {
		size_t chunk = TLB_PAGE_SIZE - (uaddr & (TLB_PAGE_SIZE - 1));
		uint64_t paddr, page_size;

		if (chunk > len)
			chunk = len;
		/* User addresses: every bit above the tables' span clear. */
		if (!vr_pt_covers(&pt, uaddr))
			return vr_error_create(VR_ERR_FAULT,
					       "0x%llx is not a user address",
					       (unsigned long long)uaddr);
		err = vr_pt_walk(&pt, root, uaddr, phys_read, prog->dump,
				 &paddr, &page_size);
		if (!err)
			err = vr_dump_read_phys(prog->dump, paddr, out, chunk);
		if (err)
			return vr_error_wrap(err, "reading user 0x%llx",
					     (unsigned long long)uaddr);
		out += chunk;
		uaddr += chunk;
		len -= chunk;
	}
	return NULL;
}

struct vr_error *vr_program_read_uint(struct vr_program *prog, uint64_t vaddr,
				      size_t size, uint64_t *ret)
{
	uint8_t raw[8];
	struct vr_error *err;

	if (size == 0 || size > 8)
		return vr_error_create(VR_ERR_INVALID,
				       "cannot read a %zu-byte integer", size);
	err = vr_program_read(prog, vaddr, raw, size);
	if (err)
		return err;
	*ret = vr_get_uint(raw, size, prog->big_endian);
	return NULL;
}

struct vr_error *vr_program_read_cstr(struct vr_program *prog, uint64_t vaddr,
				      char *buf, size_t size)
{
	size_t done = 0;

	if (!size)
		return vr_error_create(VR_ERR_INVALID, "empty string buffer");
	/* Page by page, so a string near the end of a mapping still reads. */
	while (done < size - 1) {
		size_t chunk = TLB_PAGE_SIZE - ((vaddr + done) & (TLB_PAGE_SIZE - 1));
		struct vr_error *err;
		char *nul;

		if (chunk > size - 1 - done)
			chunk = size - 1 - done;
		err = vr_program_read(prog, vaddr + done, buf + done, chunk);
		if (err)
			return err;
		nul = memchr(buf + done, '\0', chunk);
		if (nul)
			return NULL;
		done += chunk;
	}
	buf[size - 1] = '\0';
	return NULL;
}

struct vr_error *vr_program_symbol(struct vr_program *prog, const char *name,
				   uint64_t *addr)
{
	struct vr_symbol sym;
	struct vr_error *err = vr_debuginfo_symbol(prog->dbg, name, &sym);

	if (err)
		return err;
	*addr = sym.addr + (sym.zero_based ? 0 : prog->kaslr_offset);
	return NULL;
}
