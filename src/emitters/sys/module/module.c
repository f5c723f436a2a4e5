// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/module/<name>/: the attributes of each loaded module
 * (kernel/module/sysfs.c and main.c; kernel/module.c before v5.19):
 * refcnt, taint, coresize, initsize, initstate, and sections/<section>.
 *
 * The "module" enumerator's ids are positions in the `modules` list (of
 * the modules that have a sysfs directory, i.e. not MODULE_STATE_UNFORMED);
 * "module_section" ids are position << 32 | index in mod->sect_attrs.  Both
 * name their {placeholders}: the module's name, the section's name, each
 * escaped to stay one archive path component.  A module named as an
 * earlier one is left out: its files would be the earlier one's.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/hashmap.h"
#include "vr/kernel.h"

/*
 * Bounds: a module's section count is an ELF e_shnum (16 bits), but a
 * real module has a few dozen files in sections/: 2^18 ids in all is 64
 * for each of VR_MAX_MODULES modules.
 */
#define MAX_SECTIONS (1U << 16)
#define MAX_SECTION_IDS (1U << 18)
/* sizeof(mod->name) (MODULE_NAME_LEN) on every arch, with room to spare */
#define MODULE_NAME_BUF 64
/* A {placeholder}'s text: what report.c has room for. */
#define ID_NAME_MAX 256

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

/* The ids of an enumerator, and the names of the modules listed so far. */
struct module_ids {
	struct vr_program *prog;
	bool sections;
	uint64_t *ids;
	size_t count, cap;
	char (*names)[MODULE_NAME_BUF];	/* VR_MAX_MODULES of them */
	size_t nr_names;
	struct hashmap seen;		/* keys in names[] */
};

static struct vr_error *push_id(struct module_ids *l, uint64_t id)
{
	if (l->count == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		uint64_t *v = realloc(l->ids, ncap * sizeof(*v));

		if (!v)
			return &vr_enomem;
		l->ids = v;
		l->cap = ncap;
	}
	l->ids[l->count++] = id;
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

/*
 * Whether @mod has the name of a module listed before it.  A name that
 * does not read is no duplicate: its id_name() says why.
 */
static struct vr_error *module_duplicate(struct module_ids *l, struct kobj mod,
					 uint64_t pos, bool *dup)
{
	char *name = l->names[l->nr_names];
	struct vr_error *err = kobj_read_cstr(kobj_member(mod, "name"), name,
					      MODULE_NAME_BUF);
	void **slot;

	*dup = false;
	if (err) {
		vr_error_destroy(err);
		return NULL;
	}
	slot = hashmap_insert_str(&l->seen, 0, name, strlen(name));
	if (!slot)
		return &vr_enomem;
	*dup = *slot != NULL;
	if (!*dup) {
		*slot = name;
		l->nr_names++;
	} else if (!l->sections) {
		vr_program_log(l->prog, "module at 0x%llx (list position %llu): a second module named %s, left out of sys/module",
			       (unsigned long long)kobj_addr(&mod),
			       (unsigned long long)pos, name);
	}
	return NULL;
}

/* The ids of the module at @pos: itself, or its sections. */
static struct vr_error *module_ids_add(struct module_ids *l, struct kobj mod,
				       uint64_t pos)
{
	uint64_t n = 1;
	struct vr_error *err;
	bool dup;

	if (module_unformed(mod))
		return NULL;
	err = module_duplicate(l, mod, pos, &dup);
	if (err || dup)
		return err;
	if (l->sections)
		err = module_nsections(mod, &n);
	if (!err && l->sections && n > MAX_SECTION_IDS - l->count)
		err = vr_error_create(VR_ERR_LIMIT,
				      "more than %u module sections",
				      MAX_SECTION_IDS);
	for (uint64_t i = 0; !err && i < n; i++)
		err = push_id(l, l->sections ? pos << 32 | i : pos);
	return err;
}

static struct vr_error *list_modules(struct vr_program *prog, uint64_t **ids,
				     size_t *count, bool sections)
{
	struct module_ids l = { .prog = prog, .sections = sections };
	struct vr_error *err = NULL;
	struct list_iter it;
	struct kobj mod;
	uint64_t pos = 0;

	*ids = NULL;
	*count = 0;
	l.names = calloc(VR_MAX_MODULES, sizeof(*l.names));
	if (!l.names)
		return &vr_enomem;
	for_each_module(&it, mod, prog) {
		if (pos >= VR_MAX_MODULES) {
			err = vr_error_create(VR_ERR_LIMIT, "over %u modules",
					      VR_MAX_MODULES);
			break;
		}
		err = module_ids_add(&l, mod, pos++);
		if (err)
			break;
	}
	if (!err)
		err = it.err;
	else
		vr_error_destroy(it.err);
	hashmap_free(&l.seen);
	free(l.names);
	if (err) {
		free(l.ids);
		return err;
	}
	*ids = l.ids;
	*count = l.count;
	return NULL;
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

/*
 * @raw as one archive path component: the bytes of [A-Za-z0-9._+-] as
 * they are (every real module and section name is made of them), any
 * other as %XX.
 */
static struct vr_error *escape_name(const char *raw, char *buf, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr("._+-", *p);

		if (n + (plain ? 1 : 3) >= size)
			return vr_error_create(VR_ERR_LIMIT,
					       "name longer than %zu bytes escaped",
					       size - 1);
		if (plain) {
			buf[n++] = (char)*p;
			continue;
		}
		buf[n++] = '%';
		buf[n++] = hex[*p >> 4];
		buf[n++] = hex[*p & 0xf];
	}
	buf[n] = '\0';
	return NULL;
}

static struct vr_error *module_id_name(struct vr_program *prog, uint64_t id,
				       unsigned int part, char *buf,
				       size_t size)
{
	char raw[ID_NAME_MAX];
	struct vr_error *err = module_name(prog, id, raw, sizeof(raw));

	(void)part;
	return err ? err : escape_name(raw, buf, size);
}

static struct vr_error *section_id_name(struct vr_program *prog, uint64_t id,
					unsigned int part, char *buf,
					size_t size)
{
	char raw[ID_NAME_MAX];
	struct kobj mod;
	struct vr_error *err;
	uint64_t addr;

	if (part == 0)
		return module_id_name(prog, id >> 32, 0, buf, size);
	err = module_at(prog, id >> 32, &mod);
	if (!err)
		err = module_section(mod, id & 0xffffffffULL, raw, sizeof(raw),
				     &addr);
	return err ? err : escape_name(raw, buf, size);
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
