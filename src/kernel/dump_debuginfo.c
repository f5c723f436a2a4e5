// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbols and types from the dump itself, for a report without a vmlinux
 * (and for --types=btf): the kernel's kallsyms become the symbol table,
 * the kernel's BTF (CONFIG_DEBUG_INFO_BTF, between __start_BTF and
 * __stop_BTF in .rodata) the type source.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/btf.h"
#include "vr/dump_debuginfo.h"
#include "vr/kallsyms.h"
#include "vr/list.h"
#include "vr/object.h"
#include "vr/util.h"

/* The kernel's BTF is ~5 MB (v6.12 x86_64); refuse absurd extents. */
#define BTF_MAX_SIZE (64U << 20)

/* Link-time reads of the kernel image, served by the dumped memory. */
static struct vr_error *read_image(void *ctx, uint64_t addr, void *buf,
				   size_t len)
{
	struct vr_program *prog = ctx;

	return vr_program_read(prog, addr + prog->kaslr_offset, buf, len);
}

static bool ksym_is_global(char type)
{
	return type >= 'A' && type <= 'Z';
}

/*
 * kallsyms in place of the ELF symbol table.  Addresses are stored as
 * "link-time" (run-time minus the KASLR offset) like the vmlinux's, so
 * that the rest of the program treats both sources alike; absolute
 * per-CPU offsets stay as they are.
 */
static struct vr_error *load_kallsyms(struct vr_program *prog)
{
	const struct vr_kallsyms *ks;
	struct vr_symbol *syms;
	struct vr_error *err;

	err = vr_program_kallsyms(prog, &ks);
	if (err)
		return vr_error_wrap(err, "kernel symbols from kallsyms");
	syms = xcalloc_array(ks->nr_syms ? ks->nr_syms : 1, sizeof(*syms));
	if (!syms)
		return &vr_enomem;
	for (size_t i = 0; i < ks->nr_syms; i++) {
		const struct vr_ksym *k = &ks->syms[i];

		syms[i] = (struct vr_symbol){
			.name = k->name,
			.addr = k->absolute ? k->addr :
					      k->addr - prog->kaslr_offset,
			.size = k->size,
			.is_function = k->type == 't' || k->type == 'T' ||
				       k->type == 'w' || k->type == 'W',
			.is_global = ksym_is_global(k->type),
			.zero_based = k->absolute,
		};
	}
	err = vr_debuginfo_set_symbols(prog->dbg, syms, ks->nr_syms,
				       "kallsyms (dump)");
	if (err)
		return err;
	/* Without CONFIG_KALLSYMS_ALL kallsyms lists functions only. */
	if (!kobj_has_symbol(prog, "init_task"))
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "the kernel's kallsyms has no variables (built without CONFIG_KALLSYMS_ALL): give --vmlinux");
	return NULL;
}

/* The kernel's BTF blob, read from the dump. */
static struct vr_error *read_btf(struct vr_program *prog, void **ret,
				 size_t *size)
{
	uint64_t start, stop;
	struct vr_error *err;
	void *buf;

	err = vr_program_symbol(prog, "__start_BTF", &start);
	if (!err)
		err = vr_program_symbol(prog, "__stop_BTF", &stop);
	if (err) {
		vr_error_destroy(err);
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "the kernel has no BTF (built without CONFIG_DEBUG_INFO_BTF): give --vmlinux");
	}
	if (stop <= start || stop - start > BTF_MAX_SIZE)
		return vr_error_create(VR_ERR_CORRUPT,
				       "BTF extent 0x%llx..0x%llx is not plausible",
				       (unsigned long long)start,
				       (unsigned long long)stop);
	*size = stop - start;
	buf = malloc(*size);
	if (!buf)
		return &vr_enomem;
	err = vr_program_read(prog, start, buf, *size);
	if (err) {
		free(buf);
		return vr_error_wrap(err, "reading the kernel's BTF");
	}
	*ret = buf;
	return NULL;
}

static struct vr_error *load_btf(struct vr_program *prog, const char *origin)
{
	struct vr_btf *btf;
	struct vr_error *err;
	size_t size = 0;
	void *blob = NULL;

	err = read_btf(prog, &blob, &size);
	if (err)
		return err;
	err = vr_btf_open(blob, size, NULL, prog->ptr_size, &btf);
	free(blob);
	if (err)
		return vr_error_wrap(err, "the kernel's BTF");
	vr_debuginfo_use_btf(prog->dbg, btf, origin);
	vr_program_log(prog, "types: the kernel's BTF (%zu bytes, from the dump)",
		       size);
	return NULL;
}

struct vr_error *vr_program_load_dump_symbols(struct vr_program *prog)
{
	vr_debuginfo_set_reader(prog->dbg, read_image, prog);
	return load_kallsyms(prog);
}

struct vr_error *vr_program_load_dump_types(struct vr_program *prog,
					    const char *origin)
{
	return load_btf(prog, origin);
}

void vr_program_load_vmlinux_btf(struct vr_program *prog)
{
	size_t size = 0;
	const void *data = vr_debuginfo_btf_section(prog->dbg, &size);
	struct vr_btf *btf;
	struct vr_error *err;

	if (!data) {
		vr_program_log(prog, "types: DWARF (the vmlinux has no .BTF)");
		return;
	}
	err = vr_btf_open(data, size, NULL, prog->ptr_size, &btf);
	if (err) {
		vr_program_log(prog, "types: DWARF (the vmlinux's .BTF: %s)",
			       err->message);
		vr_error_destroy(err);
		return;
	}
	vr_debuginfo_use_btf(prog->dbg, btf, "BTF (vmlinux .BTF)");
}

/*
 * The kernel's own BTF for module BTF to split from: the type source's
 * when it is BTF, else read from the dump once per call.
 */
static struct vr_error *base_btf(struct vr_program *prog, struct vr_btf **ret,
				 bool *owned)
{
	struct vr_error *err;
	size_t size = 0;
	void *blob = NULL;

	*ret = vr_debuginfo_btf(prog->dbg);
	*owned = false;
	if (*ret)
		return NULL;
	err = read_btf(prog, &blob, &size);
	if (err)
		return err;
	err = vr_btf_open(blob, size, NULL, prog->ptr_size, ret);
	free(blob);
	*owned = !err;
	return err;
}

/*
 * Where the kernel keeps a module's BTF (v5.11+,
 * CONFIG_DEBUG_INFO_BTF_MODULES): struct module btf_data points to the
 * load-time copy of the .BTF section, freed once the module is live; the
 * BPF subsystem's copy stays, in a struct btf_module on btf_modules
 * (kernel/bpf/btf.c).
 */
struct vr_error *module_btf_data(struct vr_program *prog,
				 struct kobj mod, uint64_t *data,
				 uint64_t *size)
{
	struct list_iter it;
	struct kobj bm;
	struct vr_error *err;
	uint64_t head;

	err = kobj_read_u64(kobj_member(mod, "btf_data"), data);
	if (!err)
		err = kobj_read_u64(kobj_member(mod, "btf_data_size"), size);
	if (err || *data)
		return err;
	err = vr_program_symbol(prog, "btf_modules", &head);
	if (err)
		return err;
	list_for_each_entry(&it, bm, prog, head, "struct btf_module", "list") {
		uint64_t m;
		struct kobj btf;

		err = kobj_read_u64(kobj_member(bm, "module"), &m);
		if (err)
			return err;
		if (m != kobj_addr(&mod))
			continue;
		btf = kobj_deref(kobj_member(bm, "btf"));
		err = kobj_read_u64(kobj_member(btf, "data"), data);
		if (!err)
			err = kobj_read_u64(kobj_member(btf, "data_size"), size);
		return err;
	}
	return it.err;
}

struct vr_error *module_btf(struct vr_program *prog, struct kobj mod,
			    struct vr_btf **base, struct vr_btf **ret)
{
	uint64_t data = 0, size = 0;
	struct vr_error *err;
	bool owned;
	void *blob;

	err = module_btf_data(prog, mod, &data, &size);
	if (err)
		return err;
	if (!data || !size)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "the module keeps no BTF");
	if (size > BTF_MAX_SIZE)
		return vr_error_create(VR_ERR_CORRUPT,
				       "module BTF of %llu bytes",
				       (unsigned long long)size);
	err = base_btf(prog, base, &owned);
	if (err)
		return err;
	blob = malloc(size);
	if (!blob) {
		err = &vr_enomem;
		goto out;
	}
	err = vr_program_read(prog, data, blob, size);
	if (!err)
		err = vr_btf_open(blob, size, *base, prog->ptr_size, ret);
	free(blob);
out:
	if (err && owned)
		vr_btf_close(*base);
	if (err || !owned)
		*base = NULL;
	return err;
}
