// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/swaps: mm/swapfile.c swap_show(): the header, then each used
 * swap_info[] entry with a swap_map, the file's path as pid 1 sees it.
 */
#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/task_info.h"

/* include/uapi/linux/stat.h */
#define S_IFMT		00170000
#define S_IFBLK		0060000

static struct vr_error *swap_show(struct strbuf *out, struct kobj si,
				  struct kobj root)
{
	struct vr_program *prog = si.prog;
	struct vr_error *err = NULL;
	uint64_t pages = kobj_member_u64(si, "pages", &err);
	uint64_t inuse = kobj_member_u64(si, "inuse_pages", &err);
	int64_t prio = kobj_member_s64(si, "prio", &err);
	uint64_t mode = kobj_member_u64(si, "swap_file->f_inode->i_mode", &err);
	uint64_t kb = prog->page_size / 1024;
	uint64_t bytes = pages * kb, used = inuse * kb;
	struct strbuf path = STRBUF_INIT;
	int len;

	if (!err)
		err = d_path(kobj_member(si, "swap_file->f_path"), root,
			     " \t\n\\", &path);
	if (err) {
		strbuf_free(&path);
		return err;
	}
	len = (int)path.len;
	strbuf_append(out, path.buf ? path.buf : "", path.len);
	strbuf_free(&path);
	strbuf_printf(out, "%*s%s\t%llu\t%s%llu\t%s%lld\n",
		      len < 40 ? 40 - len : 1, " ",
		      (mode & S_IFMT) == S_IFBLK ? "partition" : "file\t",
		      (unsigned long long)bytes, bytes < 10000000 ? "\t" : "",
		      (unsigned long long)used, used < 10000000 ? "\t" : "",
		      (long long)prio);
	return NULL;
}

static struct vr_error *emit_swaps(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj swap_info = kobj_var(prog, "swap_info");
	uint64_t used = kobj_constant_or(prog, "SWP_USED", 1);
	struct vr_error *err = kobj_error(&swap_info);
	uint64_t max, nr;
	struct kobj root;

	strbuf_puts(&ctx->out,
		    "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	if (err)
		return err;
	/* swap_type_to_swap_info(): MAX_SWAPFILES entries, nr_swapfiles set. */
	max = vr_type_unqualified(swap_info.type)->length;
	nr = kobj_member_u64(kobj_var(prog, "nr_swapfiles"), "", &err);
	if (!err)
		err = proc_root(prog, &root);
	for (uint64_t type = 0; type < max && type < nr && !err; type++) {
		uint64_t p = kobj_member_u64(kobj_index(swap_info, type), "",
					     &err);
		struct kobj si;
		uint64_t flags, map;

		if (err || !p)
			break;
		si = kobj_at(prog, "struct swap_info_struct", p);
		flags = kobj_member_u64(si, "flags", &err);
		map = kobj_member_u64(si, "swap_map", &err);
		if (!err && (flags & used) && map)
			err = swap_show(&ctx->out, si, root);
	}
	return err;
}

static const struct emitter proc_swaps = {
	.path = "proc/swaps",
	.emit = emit_swaps,
};
EMITTER(proc_swaps);
