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


SYSCTL_VAR(vm, swappiness, "swappiness", "vm_swappiness", SYSCTL_INT, 0);
SYSCTL_VAR(vm, overcommit_memory, "overcommit_memory", "sysctl_overcommit_memory",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, overcommit_ratio, "overcommit_ratio", "sysctl_overcommit_ratio",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, overcommit_kbytes, "overcommit_kbytes", "sysctl_overcommit_kbytes",
       SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, admin_reserve_kbytes, "admin_reserve_kbytes",
       "sysctl_admin_reserve_kbytes", SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, user_reserve_kbytes, "user_reserve_kbytes",
       "sysctl_user_reserve_kbytes", SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, max_map_count, "max_map_count", "sysctl_max_map_count", SYSCTL_INT, 0);
SYSCTL_VAR(vm, mmap_min_addr, "mmap_min_addr", "dac_mmap_min_addr", SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, legacy_va_layout, "legacy_va_layout", "sysctl_legacy_va_layout",
       SYSCTL_INT, 0);
/* mm/page-writeback.c */
SYSCTL_VAR(vm, dirty_ratio, "dirty_ratio", "vm_dirty_ratio", SYSCTL_INT, 0);
SYSCTL_VAR(vm, dirty_background_ratio, "dirty_background_ratio",
       "dirty_background_ratio", SYSCTL_INT, 0);
SYSCTL_VAR(vm, dirty_bytes, "dirty_bytes", "vm_dirty_bytes", SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, dirty_background_bytes, "dirty_background_bytes",
       "dirty_background_bytes", SYSCTL_ULONG, 0);
SYSCTL_VAR(vm, dirty_expire_centisecs, "dirty_expire_centisecs",
       "dirty_expire_interval", SYSCTL_INT, 0);
SYSCTL_VAR(vm, dirty_writeback_centisecs, "dirty_writeback_centisecs",
       "dirty_writeback_interval", SYSCTL_INT, 0);
SYSCTL_VAR(vm, dirtytime_expire_seconds, "dirtytime_expire_seconds",
       "dirtytime_expire_interval", SYSCTL_INT, 0);
SYSCTL_VAR(vm, laptop_mode, "laptop_mode", "laptop_mode", SYSCTL_JIFFIES, 0);
/* mm/page_alloc.c, mm/vmstat.c, mm/compaction.c */
SYSCTL_VAR(vm, min_free_kbytes, "min_free_kbytes", "min_free_kbytes", SYSCTL_INT, 0);
SYSCTL_VAR(vm, watermark_scale_factor, "watermark_scale_factor",
       "watermark_scale_factor", SYSCTL_INT, 0);
SYSCTL_VAR(vm, watermark_boost_factor, "watermark_boost_factor",
       "watermark_boost_factor", SYSCTL_INT, 0);
SYSCTL_VAR(vm, percpu_pagelist_high_fraction, "percpu_pagelist_high_fraction",
       "percpu_pagelist_high_fraction", SYSCTL_INT, 0);
SYSCTL_VAR(vm, stat_interval, "stat_interval", "sysctl_stat_interval",
       SYSCTL_JIFFIES, 0);
SYSCTL_VAR(vm, compaction_proactiveness, "compaction_proactiveness",
       "sysctl_compaction_proactiveness", SYSCTL_INT, 0);
SYSCTL_VAR(vm, extfrag_threshold, "extfrag_threshold", "sysctl_extfrag_threshold",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, compact_unevictable_allowed, "compact_unevictable_allowed",
       "sysctl_compact_unevictable_allowed", SYSCTL_INT, 0);
/* CONFIG_NUMA */
SYSCTL_VAR(vm, zone_reclaim_mode, "zone_reclaim_mode", "node_reclaim_mode",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, min_unmapped_ratio, "min_unmapped_ratio", "sysctl_min_unmapped_ratio",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, min_slab_ratio, "min_slab_ratio", "sysctl_min_slab_ratio",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, numa_stat, "numa_stat", "sysctl_vm_numa_stat", SYSCTL_INT, 0);
/* mm/vmscan.c, mm/swap.c, fs/dcache.c, mm/filemap.c */
SYSCTL_VAR(vm, vfs_cache_pressure, "vfs_cache_pressure", "sysctl_vfs_cache_pressure",
       SYSCTL_INT, 0);
SYSCTL_VAR(vm, page_cluster, "page-cluster", "page_cluster", SYSCTL_INT, 0);
SYSCTL_VAR(vm, page_lock_unfairness, "page_lock_unfairness",
       "sysctl_page_lock_unfairness", SYSCTL_INT, 0);
/* mm/oom_kill.c */
SYSCTL_VAR(vm, panic_on_oom, "panic_on_oom", "sysctl_panic_on_oom", SYSCTL_INT, 0);
SYSCTL_VAR(vm, oom_kill_allocating_task, "oom_kill_allocating_task",
       "sysctl_oom_kill_allocating_task", SYSCTL_INT, 0);
SYSCTL_VAR(vm, oom_dump_tasks, "oom_dump_tasks", "sysctl_oom_dump_tasks",
       SYSCTL_INT, 0);
/* CONFIG_MEMORY_FAILURE, CONFIG_USERFAULTFD, CONFIG_HUGETLBFS */
SYSCTL_VAR(vm, memory_failure_early_kill, "memory_failure_early_kill",
       "sysctl_memory_failure_early_kill", SYSCTL_INT, 0);
SYSCTL_VAR(vm, memory_failure_recovery, "memory_failure_recovery",
       "sysctl_memory_failure_recovery", SYSCTL_INT, 0);
SYSCTL_VAR(vm, unprivileged_userfaultfd, "unprivileged_userfaultfd",
       "sysctl_unprivileged_userfaultfd", SYSCTL_INT, 0);
SYSCTL_VAR(vm, hugetlb_shm_group, "hugetlb_shm_group", "sysctl_hugetlb_shm_group",
       SYSCTL_INT, 0);
