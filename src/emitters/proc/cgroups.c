// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cgroups: kernel/cgroup/cgroup-v1.c proc_cgroupstats_show(): each
 * controller of cgroup_subsys[] with its hierarchy's id and number of
 * cgroups, and whether it is enabled (its cgroup_subsys_enabled_key).
 *
 * v6.12 left out the controllers without v1 files (cgroup1_subsys_absent(),
 * commit af000ce85293b); v6.17 (and the stable trees it went to) added
 * cgroup_v1_proc= to show them again (proc_show_all).  Debian's 6.12
 * kernels list every controller (memory and cpuset without v1 files).  A
 * static inline test of fields every kernel has tells neither apart, so
 * the filter applies only where proc_show_all exists and is false.
 */
#include "vr/emitter.h"
#include "vr/task_info.h"

/* cgroup_ssid_enabled(): static_key_enabled(cgroup_subsys_enabled_key[i]) */
static bool cgroup_ssid_enabled(struct vr_program *prog, uint64_t i,
				struct vr_error **err)
{
	struct kobj keys = kobj_var(prog, "cgroup_subsys_enabled_key");

	return kobj_member_s64(kobj_deref(kobj_index(keys, i)),
			       "key.enabled", err) > 0;
}

/* cgroup1_subsys_absent(): no legacy files, but default ones. */
static bool cgroup1_subsys_absent(struct kobj ss, struct vr_error **err)
{
	return !kobj_member_u64(ss, "legacy_cftypes", err) &&
	       kobj_member_u64(ss, "dfl_cftypes", err);
}

static struct vr_error *emit_cgroups(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj subsys = kobj_var(prog, "cgroup_subsys");
	struct vr_error *err = kobj_error(&subsys);
	struct kobj show_all = kobj_var(prog, "proc_show_all");
	uint64_t all = 1;
	bool filter;
	uint64_t count;

	strbuf_puts(&ctx->out, "#subsys_name\thierarchy\tnum_cgroups\tenabled\n");
	if (err)
		return err;
	if (kobj_ok(&show_all))
		err = kobj_read_u64(show_all, &all);
	filter = !all;
	/* for_each_subsys(): CGROUP_SUBSYS_COUNT entries */
	count = vr_type_unqualified(subsys.type)->length;
	for (uint64_t i = 0; i < count && !err; i++) {
		struct kobj ss = kobj_deref(kobj_index(subsys, i));
		char name[64];
		int64_t id, nr;
		bool enabled;

		if (filter && cgroup1_subsys_absent(ss, &err))
			continue;
		err = kobj_read_cstr(kobj_member(ss, "legacy_name"), name,
				     sizeof(name));
		id = kobj_member_s64(ss, "root->hierarchy_id", &err);
		nr = kobj_member_s64(ss, "root->nr_cgrps", &err);
		enabled = cgroup_ssid_enabled(prog, i, &err);
		if (!err)
			strbuf_printf(&ctx->out, "%s\t%lld\t%lld\t%d\n", name,
				      (long long)id, (long long)nr, enabled);
	}
	return err;
}

static const struct emitter proc_cgroups = {
	.path = "proc/cgroups",
	.emit = emit_cgroups,
};
EMITTER(proc_cgroups);
