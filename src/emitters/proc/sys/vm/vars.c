// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/sys/vm/ files whose value is a kernel variable (the vm tables of
 * kernel/sysctl.c, mm/, fs/dcache.c): one table, one emitter per
 * entry.  The handlers of the writable ones (dirty_ratio_handler,
 * overcommit_policy_handler, ...) print the variable as proc_dointvec()
 * or proc_doulongvec_minmax() does.  A variable the kernel was built
 * without (CONFIG_NUMA, CONFIG_MEMORY_FAILURE, ...) is a file it does not
 * have: a stub says so.
 */
#include "vr/emitter.h"
#include "vr/sysctl.h"

#define VM_VAR(id, f, d, fm)						\
	static struct vr_error *emit_##id(struct emit_ctx *ctx)		\
	{								\
		static const struct sysctl_var v = {			\
			.file = f, .data = d, .fmt = fm,		\
		};							\
		return emit_vm_var(ctx, &v);				\
	}								\
	static const struct emitter vm_##id = {				\
		.path = "proc/sys/vm/" f,				\
		.emit = emit_##id,					\
	};								\
	EMITTER(vm_##id)

static struct vr_error *emit_vm_var(struct emit_ctx *ctx,
				    const struct sysctl_var *v)
{
	struct vr_error *err = sysctl_show(ctx->prog, v, &ctx->out);

	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		return emit_stub(ctx, "%s is not in this kernel (built without "
				 "it, the kernel has no such file)", v->data);
	}
	return err;
}

VM_VAR(swappiness, "swappiness", "vm_swappiness", SYSCTL_INT);
VM_VAR(overcommit_memory, "overcommit_memory", "sysctl_overcommit_memory",
       SYSCTL_INT);
VM_VAR(overcommit_ratio, "overcommit_ratio", "sysctl_overcommit_ratio",
       SYSCTL_INT);
VM_VAR(overcommit_kbytes, "overcommit_kbytes", "sysctl_overcommit_kbytes",
       SYSCTL_ULONG);
VM_VAR(admin_reserve_kbytes, "admin_reserve_kbytes",
       "sysctl_admin_reserve_kbytes", SYSCTL_ULONG);
VM_VAR(user_reserve_kbytes, "user_reserve_kbytes",
       "sysctl_user_reserve_kbytes", SYSCTL_ULONG);
VM_VAR(max_map_count, "max_map_count", "sysctl_max_map_count", SYSCTL_INT);
VM_VAR(mmap_min_addr, "mmap_min_addr", "dac_mmap_min_addr", SYSCTL_ULONG);
VM_VAR(legacy_va_layout, "legacy_va_layout", "sysctl_legacy_va_layout",
       SYSCTL_INT);
/* mm/page-writeback.c */
VM_VAR(dirty_ratio, "dirty_ratio", "vm_dirty_ratio", SYSCTL_INT);
VM_VAR(dirty_background_ratio, "dirty_background_ratio",
       "dirty_background_ratio", SYSCTL_INT);
VM_VAR(dirty_bytes, "dirty_bytes", "vm_dirty_bytes", SYSCTL_ULONG);
VM_VAR(dirty_background_bytes, "dirty_background_bytes",
       "dirty_background_bytes", SYSCTL_ULONG);
VM_VAR(dirty_expire_centisecs, "dirty_expire_centisecs",
       "dirty_expire_interval", SYSCTL_INT);
VM_VAR(dirty_writeback_centisecs, "dirty_writeback_centisecs",
       "dirty_writeback_interval", SYSCTL_INT);
VM_VAR(dirtytime_expire_seconds, "dirtytime_expire_seconds",
       "dirtytime_expire_interval", SYSCTL_INT);
VM_VAR(laptop_mode, "laptop_mode", "laptop_mode", SYSCTL_JIFFIES);
/* mm/page_alloc.c, mm/vmstat.c, mm/compaction.c */
VM_VAR(min_free_kbytes, "min_free_kbytes", "min_free_kbytes", SYSCTL_INT);
VM_VAR(watermark_scale_factor, "watermark_scale_factor",
       "watermark_scale_factor", SYSCTL_INT);
VM_VAR(watermark_boost_factor, "watermark_boost_factor",
       "watermark_boost_factor", SYSCTL_INT);
VM_VAR(percpu_pagelist_high_fraction, "percpu_pagelist_high_fraction",
       "percpu_pagelist_high_fraction", SYSCTL_INT);
VM_VAR(stat_interval, "stat_interval", "sysctl_stat_interval",
       SYSCTL_JIFFIES);
VM_VAR(compaction_proactiveness, "compaction_proactiveness",
       "sysctl_compaction_proactiveness", SYSCTL_INT);
VM_VAR(extfrag_threshold, "extfrag_threshold", "sysctl_extfrag_threshold",
       SYSCTL_INT);
VM_VAR(compact_unevictable_allowed, "compact_unevictable_allowed",
       "sysctl_compact_unevictable_allowed", SYSCTL_INT);
/* CONFIG_NUMA */
VM_VAR(zone_reclaim_mode, "zone_reclaim_mode", "node_reclaim_mode",
       SYSCTL_INT);
VM_VAR(min_unmapped_ratio, "min_unmapped_ratio", "sysctl_min_unmapped_ratio",
       SYSCTL_INT);
VM_VAR(min_slab_ratio, "min_slab_ratio", "sysctl_min_slab_ratio",
       SYSCTL_INT);
VM_VAR(numa_stat, "numa_stat", "sysctl_vm_numa_stat", SYSCTL_INT);
/* mm/vmscan.c, mm/swap.c, fs/dcache.c, mm/filemap.c */
VM_VAR(vfs_cache_pressure, "vfs_cache_pressure", "sysctl_vfs_cache_pressure",
       SYSCTL_INT);
VM_VAR(page_cluster, "page-cluster", "page_cluster", SYSCTL_INT);
VM_VAR(page_lock_unfairness, "page_lock_unfairness",
       "sysctl_page_lock_unfairness", SYSCTL_INT);
/* mm/oom_kill.c */
VM_VAR(panic_on_oom, "panic_on_oom", "sysctl_panic_on_oom", SYSCTL_INT);
VM_VAR(oom_kill_allocating_task, "oom_kill_allocating_task",
       "sysctl_oom_kill_allocating_task", SYSCTL_INT);
VM_VAR(oom_dump_tasks, "oom_dump_tasks", "sysctl_oom_dump_tasks",
       SYSCTL_INT);
/* CONFIG_MEMORY_FAILURE, CONFIG_USERFAULTFD, CONFIG_HUGETLBFS */
VM_VAR(memory_failure_early_kill, "memory_failure_early_kill",
       "sysctl_memory_failure_early_kill", SYSCTL_INT);
VM_VAR(memory_failure_recovery, "memory_failure_recovery",
       "sysctl_memory_failure_recovery", SYSCTL_INT);
VM_VAR(unprivileged_userfaultfd, "unprivileged_userfaultfd",
       "sysctl_unprivileged_userfaultfd", SYSCTL_INT);
VM_VAR(hugetlb_shm_group, "hugetlb_shm_group", "sysctl_hugetlb_shm_group",
       SYSCTL_INT);
