// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/key-users: security/keys/proc.c proc_key_users_show() for each
 * struct key_user of the key_user_tree rbtree, in uid order: usage, keys
 * (instantiated), and the quotas in keys and bytes, root's own for uid 0.
 * The reader is in the initial user namespace, where every uid maps.
 */
#include "vr/emitter.h"
#include "vr/task_info.h"
#include "vr/tree.h"

struct key_users {
	struct vr_program *prog;
	uint64_t node_off;	/* offsetof(struct key_user, node) */
	uint64_t maxkeys, maxbytes, root_maxkeys, root_maxbytes;
	struct strbuf *out;
	struct vr_error *err;
};

static bool show_key_user(void *arg, uint64_t first, uint64_t last,
			  uint64_t node)
{
	struct key_users *k = arg;
	struct kobj user = kobj_at(k->prog, "struct key_user",
				   node - k->node_off);
	struct vr_error *err = NULL;
	uint64_t uid = kobj_member_u64(user, "uid.val", &err);
	int64_t usage = kobj_member_s64(user, "usage", &err);
	int64_t nkeys = kobj_member_s64(user, "nkeys", &err);
	int64_t nikeys = kobj_member_s64(user, "nikeys", &err);
	int64_t qnkeys = kobj_member_s64(user, "qnkeys", &err);
	int64_t qnbytes = kobj_member_s64(user, "qnbytes", &err);

	(void)first;
	(void)last;
	if (err) {
		k->err = err;
		return false;
	}
	/* kuid_has_mapping(&init_user_ns, uid): all but (uid_t)-1 */
	if (uid == 0xffffffffULL)
		return true;
	strbuf_printf(k->out, "%5u: %5d %d/%d %d/%d %d/%d\n",
		      (unsigned int)uid, (int)usage, (int)nkeys, (int)nikeys,
		      (int)qnkeys,
		      (int)(uid ? k->maxkeys : k->root_maxkeys),
		      (int)qnbytes,
		      (int)(uid ? k->maxbytes : k->root_maxbytes));
	return true;
}

static struct vr_error *emit_key_users(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct key_users k = { .prog = prog, .out = &ctx->out };
	struct kobj tree = kobj_var(prog, "key_user_tree");
	struct vr_error *err = NULL;

	/* CONFIG_KEYS */
	if (tree.err == VR_ERR_NOT_FOUND)
		return emit_stub(ctx, "the kernel has no keys (CONFIG_KEYS)");
	k.maxkeys = kobj_member_u64(kobj_var(prog, "key_quota_maxkeys"), "",
				    &err);
	k.maxbytes = kobj_member_u64(kobj_var(prog, "key_quota_maxbytes"), "",
				     &err);
	k.root_maxkeys = kobj_member_u64(kobj_var(prog,
						  "key_quota_root_maxkeys"),
					 "", &err);
	k.root_maxbytes = kobj_member_u64(kobj_var(prog,
						   "key_quota_root_maxbytes"),
					  "", &err);
	if (err)
		return err;
	if (!kobj_offsetof(prog, "struct key_user", "node", &k.node_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no key_user.node");
	err = rbtree_for_each(prog, kobj_addr(&tree), show_key_user, &k);
	return err ? err : k.err;
}

static const struct emitter proc_key_users = {
	.path = "proc/key-users",
	.emit = emit_key_users,
};
EMITTER(proc_key_users);
