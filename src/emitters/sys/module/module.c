// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/module/<name>/: the attributes of each loaded module
 * (kernel/module/sysfs.c and main.c; kernel/module.c before v5.19):
 * refcnt, taint, coresize, initsize, initstate, and sections/<section>.
 *
 * The "module" enumerator's ids are positions in the `modules` list (of
 * the modules that have a sysfs directory, i.e. not MODULE_STATE_UNFORMED);
 * "module_section" ids are position << 32 | index in mod->sect_attrs.  Both
 * name their {placeholders}: the module's name, the section's name.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"

/* Bounds: the kernel's section count is an ELF e_shnum (16 bits). */
#define MAX_MODULES (1U << 20)
#define MAX_SECTIONS (1U << 16)

static bool module_unformed(struct kobj mod)
{
	const char *state = module_state_name(mod);

	return state && !strcmp(state, "MODULE_STATE_UNFORMED");
}

/* The module at position @index of the `modules` list. */
static struct vr_error *module_at(struct vr_program *prog, uint64_t index,
				  struct kobj *ret)
{
	struct list_iter it;
	struct kobj mod;
	uint64_t i = 0;

	for_each_module(&it, mod, prog) {
		if (i++ == index) {
			*ret = mod;
			return NULL;
		}
	}
	if (it.err)
		return it.err;
	return vr_error_create(VR_ERR_NOT_FOUND, "no module at %llu",
			       (unsigned long long)index);
}

static struct vr_error *push_id(uint64_t **ids, size_t *count, size_t *cap,
				uint64_t id)
{
	if (*count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		uint64_t *v = realloc(*ids, ncap * sizeof(*v));

		if (!v)
			return &vr_enomem;
		*ids = v;
		*cap = ncap;
	}
	(*ids)[(*count)++] = id;
	return NULL;
}

/*
 * struct module_sect_attrs: the number of sections of @mod with a file in
 * sections/ (0 when the module has none: mod->sect_attrs is NULL).
 */
static struct vr_error *module_nsections(struct kobj mod, uint64_t *ret)
{
	struct kobj attrs = kobj_member(mod, "sect_attrs");
	struct kobj bin_attrs;
	struct vr_error *err;
	uint64_t p, i;

	err = kobj_read_u64(attrs, &p);
	if (err || !p) {
		*ret = 0;
		return err;
	}
	/* Before v6.14: sect_attrs->nsections. */
	if (kobj_has_member(mod.prog, "struct module_sect_attrs", "nsections")) {
		err = kobj_read_u64(kobj_member(attrs, "nsections"), ret);
		if (!err && *ret > MAX_SECTIONS)
			err = vr_error_create(VR_ERR_LIMIT, "%llu sections",
					      (unsigned long long)*ret);
		return err;
	}
	/* v6.14+: the NULL-terminated grp.bin_attrs. */
	bin_attrs = kobj_member(attrs, "grp.bin_attrs");
	for (i = 0; i < MAX_SECTIONS; i++) {
		err = kobj_read_u64(kobj_index(bin_attrs, i), &p);
		if (err)
			return err;
		if (!p) {
			*ret = i;
			return NULL;
		}
	}
	return vr_error_create(VR_ERR_LIMIT, "more than %u sections",
			       MAX_SECTIONS);
}

/* Section @i of @mod: its name and address. */
static struct vr_error *module_section(struct kobj mod, uint64_t i,
				       char *name, size_t size, uint64_t *addr)
{
	struct kobj attr = kobj_index(kobj_member(mod, "sect_attrs->attrs"), i);
	struct vr_error *err;

	/*
	 * v5.8-v6.13: struct module_sect_attr { battr; address }; before:
	 * { mattr; name; address }; v6.14+: attrs[] are the bin_attributes,
	 * the address in their private.
	 */
	if (kobj_has_member(mod.prog, "struct module_sect_attr", "battr")) {
		err = kobj_read_cstr(kobj_member(attr, "battr.attr.name"),
				     name, size);
		if (!err)
			err = kobj_read_u64(kobj_member(attr, "address"), addr);
	} else if (kobj_has_member(mod.prog, "struct module_sect_attr",
				   "name")) {
		err = kobj_read_cstr(kobj_member(attr, "name"), name, size);
		if (!err)
			err = kobj_read_u64(kobj_member(attr, "address"), addr);
	} else {
		err = kobj_read_cstr(kobj_member(attr, "attr.name"), name,
				     size);
		if (!err)
			err = kobj_read_u64(kobj_member(attr, "private"), addr);
	}
	return err;
}

static struct vr_error *list_modules(struct vr_program *prog, uint64_t **ids,
				     size_t *count, bool sections)
{
	struct vr_error *err = NULL;
	size_t cap = 0;
	struct list_iter it;
	struct kobj mod;
	uint64_t pos = 0;

	*ids = NULL;
	*count = 0;
	for_each_module(&it, mod, prog) {
		uint64_t n = 1;

		if (pos >= MAX_MODULES) {
			err = vr_error_create(VR_ERR_LIMIT, "over %u modules",
					      MAX_MODULES);
			break;
		}
		if (module_unformed(mod)) {
			pos++;
			continue;
		}
		if (sections)
			err = module_nsections(mod, &n);
		for (uint64_t i = 0; !err && i < n; i++)
			err = push_id(ids, count, &cap,
				      sections ? pos << 32 | i : pos);
		if (err)
			break;
		pos++;
	}
	if (!err)
		err = it.err;
	if (err) {
		free(*ids);
		*ids = NULL;
		*count = 0;
	}
	return err;
}

static struct vr_error *list_module_ids(struct vr_program *prog,
					uint64_t **ids, size_t *count)
{
	return list_modules(prog, ids, count, false);
}

static struct vr_error *list_section_ids(struct vr_program *prog,
					 uint64_t **ids, size_t *count)
{
	return list_modules(prog, ids, count, true);
}

static struct vr_error *module_name(struct vr_program *prog, uint64_t pos,
				    char *buf, size_t size)
{
	struct kobj mod;
	struct vr_error *err = module_at(prog, pos, &mod);

	return err ? err : kobj_read_cstr(kobj_member(mod, "name"), buf, size);
}

static struct vr_error *module_id_name(struct vr_program *prog, uint64_t id,
				       unsigned int part, char *buf,
				       size_t size)
{
	(void)part;
	return module_name(prog, id, buf, size);
}

static struct vr_error *section_id_name(struct vr_program *prog, uint64_t id,
					unsigned int part, char *buf,
					size_t size)
{
	struct kobj mod;
	struct vr_error *err;
	uint64_t addr;

	if (part == 0)
		return module_name(prog, id >> 32, buf, size);
	err = module_at(prog, id >> 32, &mod);
	return err ? err : module_section(mod, id & 0xffffffffULL, buf, size,
					  &addr);
}

static const struct enumerator module_enumerator = {
	.name = "module",
	.list = list_module_ids,
	.id_name = module_id_name,
};
ENUMERATOR(module_enumerator);

static const struct enumerator module_section_enumerator = {
	.name = "module_section",
	.list = list_section_ids,
	.id_name = section_id_name,
};
ENUMERATOR(module_section_enumerator);

/* show_refcnt(): "%i\n" of module_refcount() (CONFIG_MODULE_UNLOAD). */
static struct vr_error *emit_refcnt(struct emit_ctx *ctx)
{
	struct kobj mod;
	int64_t refs;
	struct vr_error *err = module_at(ctx->prog, ctx->id, &mod);

	if (!err && !kobj_has_member(ctx->prog, "struct module", "refcnt"))
		return emit_stub(ctx, "kernel without CONFIG_MODULE_UNLOAD");
	if (!err)
		err = module_refcount(mod, &refs);
	if (!err)
		strbuf_printf(&ctx->out, "%d\n", (int)refs);
	return err;
}

/* show_taint(): module_flags_taint() and a newline. */
static struct vr_error *emit_taint(struct emit_ctx *ctx)
{
	char taints[65];
	struct kobj mod;
	struct vr_error *err = module_at(ctx->prog, ctx->id, &mod);

	if (!err)
		err = module_taint_letters(mod, taints, sizeof(taints));
	if (!err)
		strbuf_printf(&ctx->out, "%s\n", taints);
	return err;
}

/* show_coresize(): "%u\n". */
static struct vr_error *emit_coresize(struct emit_ctx *ctx)
{
	struct kobj mod;
	uint64_t size;
	struct vr_error *err = module_at(ctx->prog, ctx->id, &mod);

	if (!err)
		err = module_coresize(mod, &size);
	if (!err)
		strbuf_printf(&ctx->out, "%u\n", (unsigned int)size);
	return err;
}

/*
 * show_initsize(): "%u\n" of the init sections' size: v6.4+ the sum of
 * mem[type].size over for_class_mod_mem_type(type, init) (MOD_INIT_TEXT,
 * MOD_INIT_DATA, MOD_INIT_RODATA); before, init_layout.size.
 */
static struct vr_error *module_initsize(struct kobj mod, uint64_t *size)
{
	static const char *const init_types[] = {
		"MOD_INIT_TEXT", "MOD_INIT_DATA", "MOD_INIT_RODATA",
	};
	struct kobj mem = kobj_member(mod, "mem");
	struct vr_error *err;
	uint64_t total = 0, v;
	int64_t type;

	if (!kobj_ok(&mem))
		return kobj_read_u64(kobj_member(mod, "init_layout.size"),
				     size);
	for (size_t i = 0; i < sizeof(init_types) / sizeof(init_types[0]);
	     i++) {
		err = kobj_constant(mod.prog, init_types[i], &type);
		if (!err)
			err = kobj_read_u64(kobj_member(kobj_index(mem,
								   (uint64_t)type),
							"size"), &v);
		if (err)
			return err;
		total += v;
	}
	*size = total;
	return NULL;
}

static struct vr_error *emit_initsize(struct emit_ctx *ctx)
{
	struct kobj mod;
	uint64_t size;
	struct vr_error *err = module_at(ctx->prog, ctx->id, &mod);

	if (!err)
		err = module_initsize(mod, &size);
	if (!err)
		strbuf_printf(&ctx->out, "%u\n", (unsigned int)size);
	return err;
}

/* show_initstate(): "live", "coming" or "going". */
static struct vr_error *emit_initstate(struct emit_ctx *ctx)
{
	static const struct { const char *state, *word; } words[] = {
		{ "MODULE_STATE_LIVE", "live" },
		{ "MODULE_STATE_COMING", "coming" },
		{ "MODULE_STATE_GOING", "going" },
	};
	const char *state;
	struct kobj mod;
	struct vr_error *err = module_at(ctx->prog, ctx->id, &mod);

	if (err)
		return err;
	state = module_state_name(mod);
	for (size_t i = 0; state && i < sizeof(words) / sizeof(words[0]); i++) {
		if (!strcmp(state, words[i].state)) {
			strbuf_printf(&ctx->out, "%s\n", words[i].word);
			return NULL;
		}
	}
	return vr_error_create(VR_ERR_CORRUPT, "module state %s",
			       state ? state : "unknown");
}

/*
 * module_sect_read() (v5.8+; module_sect_show() before): "0x%px\n" of the
 * address, as root sees it (kallsyms_show_value()).
 */
static struct vr_error *emit_section(struct emit_ctx *ctx)
{
	char name[256];
	struct kobj mod;
	uint64_t addr;
	struct vr_error *err = module_at(ctx->prog, ctx->id >> 32, &mod);

	if (!err)
		err = module_section(mod, ctx->id & 0xffffffffULL, name,
				     sizeof(name), &addr);
	if (!err)
		strbuf_printf(&ctx->out, "0x%0*llx\n",
			      (int)ctx->prog->ptr_size * 2,
			      (unsigned long long)addr);
	return err;
}

#define MODULE_FILE(file)						\
	static const struct emitter sys_module_##file = {			\
		.path = "sys/module/{module}/" #file,			\
		.enumerator = "module",					\
		.emit = emit_##file,					\
	};								\
	EMITTER(sys_module_##file)

MODULE_FILE(refcnt);
MODULE_FILE(taint);
MODULE_FILE(coresize);
MODULE_FILE(initsize);
MODULE_FILE(initstate);

static const struct emitter module_sections = {
	.path = "sys/module/{module}/sections/{section}",
	.enumerator = "module_section",
	.emit = emit_section,
};
EMITTER(module_sections);
