// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/maps: fs/proc/task_mmu.c show_map_vma() for each VMA of the
 * process (the maple tree mm->mm_mt since v6.1, the mm->mmap list
 * before), then the gate VMA (x86_64 [vsyscall]).  Empty for kernel
 * threads and zombies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/kernel.h"
#include "vr/task_info.h"
#include "vr/tree.h"

/* include/linux/mm.h */
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_MAYSHARE	0x00000080

/* include/linux/fs.h FMODE_BACKING (v6.6+, overlayfs backing files) */
#define FMODE_BACKING	(1U << 24)

/* Bound on the VMAs of one process (sysctl vm.max_map_count is 65530). */
#define MAPS_MAX_VMAS	(1UL << 20)

struct vmas {
	uint64_t *v;
	size_t n, cap;
	bool nomem;
};

static bool add_vma(void *arg, uint64_t first, uint64_t last, uint64_t entry)
{
	struct vmas *l = arg;

	(void)first;
	(void)last;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		uint64_t *v = cap <= MAPS_MAX_VMAS ?
			      realloc(l->v, cap * sizeof(*v)) : NULL;

		if (!v) {
			l->nomem = true;
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = entry;
	return true;
}

static struct vr_error *mm_vmas(struct kobj mm, struct vmas *l)
{
	struct vr_error *err = mm_for_each_vma(mm, add_vma, l);

	if (!err && l->nomem)
		err = vr_error_create(VR_ERR_LIMIT, "too many VMAs");
	return err;
}

/*
 * get_gate_vma(): x86_64's vsyscall page unless vsyscall=none, for an mm
 * that has it (MM_CONTEXT_HAS_VSYSCALL, CONFIG_COMPAT).
 */
#define MM_CONTEXT_HAS_VSYSCALL (1ULL << 1)

static uint64_t gate_vma(struct kobj mm, struct vr_error **err)
{
	struct vr_program *prog = mm.prog;
	struct kobj mode = kobj_var(prog, "vsyscall_mode");
	struct kobj gate = kobj_var(prog, "gate_vma");
	int64_t none, v = 0;

	if (*err || !kobj_ok(&gate) || !kobj_ok(&mode) ||
	    !vr_type_enum_value(vr_type_unqualified(mode.type), "NONE", &none))
		return 0;
	v = kobj_member_s64(mode, "", err);
	if (*err || v == none)
		return 0;
	if (kobj_has_member(prog, "struct mm_struct", "context.flags") &&
	    !(kobj_member_u64(mm, "context.flags", err) &
	      MM_CONTEXT_HAS_VSYSCALL))
		return 0;
	return kobj_addr(&gate);
}

/* The name vm_ops->name() gives: special mappings ([vdso], [vvar]) ... */
static struct vr_error *vm_ops_name(struct kobj vma, uint64_t fn,
				    char *buf, size_t size)
{
	char f[128];
	struct vr_error *err = lookup_symbol_name(vma.prog, fn, f, sizeof(f));

	if (err)
		return err;
	if (!strcmp(f, "special_mapping_name"))
		return kobj_read_cstr(kobj_member(kobj_cast(kobj_member(vma,
			"vm_private_data"), "struct vm_special_mapping *"),
			"name"), buf, size);
	if (!strcmp(f, "gate_vma_name")) {
		snprintf(buf, size, "[vsyscall]");
		return NULL;
	}
	return vr_error_create(VR_ERR_UNSUPPORTED, "VMA name from %s()", f);
}

/*
 * A named VMA (CONFIG_ANON_VMA_NAME, v5.17+): vma->anon_name.  While it
 * shared a union with shared.rb it was valid only for VMAs without a
 * file, so a file VMA's name is read only when the two are apart.
 */
static bool anon_name(struct kobj vma, bool file, char *buf, size_t size,
		      struct vr_error **err)
{
	struct vr_program *prog = vma.prog;
	uint64_t off_name, off_shared, p;

	if (!kobj_offsetof(prog, "struct vm_area_struct", "anon_name",
			   &off_name))
		return false;
	if (file && kobj_offsetof(prog, "struct vm_area_struct", "shared",
				  &off_shared) && off_shared == off_name)
		return false;
	p = kobj_member_u64(vma, "anon_name", err);
	if (*err || !p)
		return false;
	if (kobj_read_cstr(kobj_member(vma, "anon_name->name"), buf, size))
		return false;
	return true;
}

/* file_user_path(): a backing file's user path, else f_path. */
static struct kobj file_user_path(struct kobj file, struct vr_error **err)
{
	uint64_t mode = kobj_member_u64(file, "f_mode", err);

	if ((mode & FMODE_BACKING) &&
	    kobj_has_member(file.prog, "struct backing_file", "user_path"))
		return kobj_member(kobj_container_of_addr(file.prog,
			kobj_addr(&file), "struct backing_file", "file"),
			"user_path");
	return kobj_member(file, "f_path");
}

static void pad(struct strbuf *out, size_t line_start)
{
	/* seq_setwidth(m, 25 + sizeof(void *) * 6 - 1); seq_pad(m, ' ') */
	while (out->len - line_start < 25 + 8 * 6 - 1)
		strbuf_putc(out, ' ');
	strbuf_putc(out, ' ');
}

static struct vr_error *show_map_vma(struct strbuf *out, struct kobj mm,
				     uint64_t addr, struct kobj root,
				     bool *partial)
{
	struct vr_program *prog = mm.prog;
	struct kobj vma = kobj_at(prog, "struct vm_area_struct", addr);
	struct vr_error *err = NULL;
	uint64_t start, end, flags, file, pgoff = 0, ino = 0, dev = 0;
	uint64_t ops, name_fn = 0, vm_mm, brk, start_brk, start_stack;
	size_t line = out->len;
	char name[256];
	bool heap;

	start = kobj_member_u64(vma, "vm_start", &err);
	end = kobj_member_u64(vma, "vm_end", &err);
	flags = kobj_member_u64(vma, "vm_flags", &err);
	file = kobj_member_u64(vma, "vm_file", &err);
	if (file) {
		struct kobj f = kobj_at(prog, "struct file", file);
		struct kobj inode = kobj_member(file_user_path(f, &err),
						"dentry->d_inode");

		/* file_user_inode() is file_inode() but for backing files */
		if (!(kobj_member_u64(f, "f_mode", &err) & FMODE_BACKING))
			inode = kobj_member(f, "f_inode");
		dev = kobj_member_u64(inode, "i_sb->s_dev", &err);
		ino = kobj_member_u64(inode, "i_ino", &err);
		pgoff = kobj_member_u64(vma, "vm_pgoff", &err) * prog->page_size;
	}
	if (err)
		return err;
	strbuf_printf(out, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
		      (unsigned long long)start, (unsigned long long)end,
		      flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		      flags & VM_EXEC ? 'x' : '-',
		      flags & VM_MAYSHARE ? 's' : 'p',
		      (unsigned long long)pgoff, vr_major((uint32_t)dev),
		      vr_minor((uint32_t)dev), (unsigned long long)ino);
	if (file) {
		struct kobj f = kobj_at(prog, "struct file", file);

		pad(out, line);
		if (anon_name(vma, true, name, sizeof(name), &err))
			strbuf_printf(out, "[anon_shmem:%s]", name);
		else if (!err)
			err = d_path(file_user_path(f, &err), root, "\n", out);
		strbuf_putc(out, '\n');
		return err;
	}
	ops = kobj_member_u64(vma, "vm_ops", &err);
	if (ops)
		name_fn = kobj_member_u64(kobj_at(prog,
			"struct vm_operations_struct", ops), "name", &err);
	if (err)
		return err;
	if (name_fn) {
		struct vr_error *e = vm_ops_name(vma, name_fn, name,
						 sizeof(name));

		if (!e) {
			pad(out, line);
			strbuf_printf(out, "%s\n", name);
			return NULL;
		}
		vr_program_log(prog, "maps: VMA at 0x%llx: %s",
			       (unsigned long long)start, e->message);
		vr_error_destroy(e);
		*partial = true;
	}
	/* arch_vma_name() is NULL on x86_64, arm64, ppc64 and s390x. */
	vm_mm = kobj_member_u64(vma, "vm_mm", &err);
	if (err)
		return err;
	if (!vm_mm) {
		pad(out, line);
		strbuf_puts(out, "[vdso]\n");
		return NULL;
	}
	brk = kobj_member_u64(mm, "brk", &err);
	start_brk = kobj_member_u64(mm, "start_brk", &err);
	start_stack = kobj_member_u64(mm, "start_stack", &err);
	if (err)
		return err;
	/*
	 * vma_is_initial_heap() since v6.6 excludes a VMA that only touches
	 * the heap; the older check included it.  No type tells them apart.
	 */
	if (linux_version_code(prog) >= KERNEL_VERSION(6, 6, 0))
		heap = start < brk && end > start_brk;
	else
		heap = start <= brk && end >= start_brk;
	if (heap) {
		pad(out, line);
		strbuf_puts(out, "[heap]\n");
	} else if (start <= start_stack && end >= start_stack) {
		pad(out, line);
		strbuf_puts(out, "[stack]\n");
	} else if (anon_name(vma, false, name, sizeof(name), &err)) {
		pad(out, line);
		strbuf_printf(out, "[anon:%s]\n", name);
	} else {
		strbuf_putc(out, '\n');
	}
	return err;
}

static struct vr_error *emit_maps(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	struct vr_error *err = NULL;
	struct vmas l = { 0 };
	bool partial = false;
	struct kobj mm, root;
	uint64_t gate;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!get_task_mm(task, &mm, &err))
		return err;
	err = proc_root(ctx->prog, &root);
	if (!err)
		err = mm_vmas(mm, &l);
	for (size_t i = 0; i < l.n && !err; i++)
		err = show_map_vma(&ctx->out, mm, l.v[i], root, &partial);
	free(l.v);
	gate = err ? 0 : gate_vma(mm, &err);
	if (gate)
		err = show_map_vma(&ctx->out, mm, gate, root, &partial);
	if (!err && partial)
		strbuf_puts(&ctx->out, PARTIAL_PREFIX "the names "
			    "of some VMAs are not known (see the log)\n");
	return err;
}

static const struct emitter proc_pid_maps = {
	.path = "proc/{pid}/maps",
	.enumerator = "pid",
	.emit = emit_maps,
};
EMITTER(proc_pid_maps);
