// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/iomem and /proc/ioports: kernel/resource.c r_show() over the
 * resource trees iomem_resource and ioport_resource, as a reader with
 * CAP_SYS_ADMIN sees them (sos runs as root): in the order of
 * next_resource() (child first, then sibling, then up), indented two
 * spaces per level (at most MAX_IORES_LEVEL), addresses zero-padded to 4
 * digits when the root ends below 0x10000, else 8.
 */
#include "vr/emitter.h"
#include "vr/mm.h"

/* kernel/resource.c */
#define MAX_IORES_LEVEL 5
/* Bound on the resources of one tree (a large machine has thousands). */
#define RESOURCE_LIMIT (1UL << 20)
/* Bound on the depth of the tree (next_resource() climbs back up it). */
#define RESOURCE_MAX_DEPTH 64

struct resource {
	uint64_t start, end;
	uint64_t name;
	uint64_t parent, sibling, child;
};

static struct vr_error *read_resource(struct vr_program *prog, uint64_t addr,
				      struct resource *r)
{
	struct kobj res = kobj_at(prog, "struct resource", addr);
	struct vr_error *err = NULL;

	r->start = mm_read_ulong(kobj_member(res, "start"), &err);
	r->end = mm_read_ulong(kobj_member(res, "end"), &err);
	r->name = mm_read_ulong(kobj_member(res, "name"), &err);
	r->parent = mm_read_ulong(kobj_member(res, "parent"), &err);
	r->sibling = mm_read_ulong(kobj_member(res, "sibling"), &err);
	r->child = mm_read_ulong(kobj_member(res, "child"), &err);
	return err;
}

static struct vr_error *r_show(struct strbuf *out, struct vr_program *prog,
			       uint64_t root, int width, uint64_t addr,
			       const struct resource *r)
{
	struct resource p = *r;
	char name[256] = "<BAD>";
	int depth;

	for (depth = 0; depth < MAX_IORES_LEVEL; depth++) {
		struct vr_error *err;

		if (p.parent == root)
			break;
		err = read_resource(prog, p.parent, &p);
		if (err)
			return vr_error_wrap(err, "parent of resource 0x%llx",
					     (unsigned long long)addr);
	}
	if (r->name) {
		struct vr_error *err = vr_program_read_cstr(prog, r->name, name,
							    sizeof(name));

		if (err)
			return vr_error_wrap(err, "name of resource 0x%llx",
					     (unsigned long long)addr);
	}
	strbuf_printf(out, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width,
		      (unsigned long long)r->start, width,
		      (unsigned long long)r->end, name);
	return NULL;
}

/*
 * next_resource(): the child, else the sibling of the resource or of its
 * nearest ancestor that has one (0 at the end of the tree).
 */
static struct vr_error *next_resource(struct vr_program *prog,
				      const struct resource *r, uint64_t *next)
{
	struct resource p = *r;

	if (r->child) {
		*next = r->child;
		return NULL;
	}
	for (unsigned int up = 0; !p.sibling && p.parent; up++) {
		struct vr_error *err;

		if (up > RESOURCE_MAX_DEPTH)
			return vr_error_create(VR_ERR_CORRUPT,
					       "resource tree deeper than %d levels",
					       RESOURCE_MAX_DEPTH);
		err = read_resource(prog, p.parent, &p);
		if (err)
			return err;
	}
	*next = p.sibling;
	return NULL;
}

static struct vr_error *show_resources(struct emit_ctx *ctx, const char *var)
{
	struct vr_program *prog = ctx->prog;
	struct kobj root_obj = kobj_var(prog, var);
	uint64_t root = kobj_addr(&root_obj), addr, n = 0;
	struct resource root_res, r;
	struct vr_error *err;
	int width;

	if (!kobj_ok(&root_obj))
		return kobj_error(&root_obj);
	err = read_resource(prog, root, &root_res);
	if (err)
		return err;
	width = root_res.end < 0x10000 ? 4 : 8;
	for (addr = root_res.child; addr; ) {
		if (++n > RESOURCE_LIMIT)
			return vr_error_create(VR_ERR_LIMIT,
					       "%s has more than %lu resources",
					       var, RESOURCE_LIMIT);
		err = read_resource(prog, addr, &r);
		if (!err)
			err = r_show(&ctx->out, prog, root, width, addr, &r);
		if (!err)
			err = next_resource(prog, &r, &addr);
		if (err)
			return err;
		/* next_resource() climbed back to the root: the walk is over. */
		if (addr == root)
			break;
	}
	return NULL;
}

static struct vr_error *emit_iomem(struct emit_ctx *ctx)
{
	return show_resources(ctx, "iomem_resource");
}

static struct vr_error *emit_ioports(struct emit_ctx *ctx)
{
	return show_resources(ctx, "ioport_resource");
}

static const struct emitter proc_iomem = {
	.path = "proc/iomem",
	.emit = emit_iomem,
};
EMITTER(proc_iomem);

static const struct emitter proc_ioports = {
	.path = "proc/ioports",
	.emit = emit_ioports,
};
EMITTER(proc_ioports);
