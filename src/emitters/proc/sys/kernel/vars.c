// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/sys/kernel/ files whose value is a kernel variable (the tables of
 * kernel/sysctl.c, kernel/, ipc/ipc_sysctl.c, drivers/char/random.c):
 * one table, one emitter per entry.  The IPC limits are those of the
 * initial IPC namespace.  A variable the kernel was built without is a
 * file it does not have: a stub says so.
 */
#include "vr/emitter.h"
#include "vr/sysctl.h"


/* kernel/sysctl.c, kernel/panic.c, kernel/pid.c, kernel/fork.c */
SYSCTL_VAR(kernel, panic, "panic", "panic_timeout", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, panic_on_oops, "panic_on_oops", "panic_on_oops", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, panic_on_warn, "panic_on_warn", "panic_on_warn", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, panic_print, "panic_print", "panic_print", SYSCTL_ULONG, 0);
SYSCTL_VAR(kernel, pid_max, "pid_max", "pid_max", SYSCTL_INT, 0);
/* sysctl_max_threads() prints max_threads */
SYSCTL_VAR(kernel, threads_max, "threads-max", "max_threads", SYSCTL_INT, 0);
/* proc_taint() prints tainted_mask */
SYSCTL_VAR(kernel, tainted, "tainted", "tainted_mask", SYSCTL_ULONG, 0);
SYSCTL_VAR(kernel, ctrl_alt_del, "ctrl-alt-del", "C_A_D", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, overflowuid, "overflowuid", "overflowuid", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, overflowgid, "overflowgid", "overflowgid", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, ngroups_max, "ngroups_max", "ngroups_max", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, cap_last_cap, "cap_last_cap", "cap_last_cap", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, modules_disabled, "modules_disabled", "modules_disabled",
	   SYSCTL_INT, 0);
SYSCTL_VAR(kernel, max_lock_depth, "max_lock_depth", "max_lock_depth",
	   SYSCTL_INT, 0);
SYSCTL_VAR(kernel, randomize_va_space, "randomize_va_space", "randomize_va_space",
	   SYSCTL_INT, 0);
/* kernel/printk/ */
SYSCTL_VAR(kernel, printk, "printk", "console_printk", SYSCTL_INT, 4);
SYSCTL_VAR(kernel, printk_ratelimit, "printk_ratelimit",
	   "printk_ratelimit_state.interval", SYSCTL_JIFFIES, 0);
SYSCTL_VAR(kernel, printk_ratelimit_burst, "printk_ratelimit_burst",
	   "printk_ratelimit_state.burst", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, kptr_restrict, "kptr_restrict", "kptr_restrict", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, dmesg_restrict, "dmesg_restrict", "dmesg_restrict",
	   SYSCTL_INT, 0);
/* drivers/tty/sysrq.c sysrq_sysctl_handler() */
SYSCTL_VAR(kernel, sysrq, "sysrq", "sysrq_enabled", SYSCTL_SYSRQ, 0);
/* fs/coredump.c */
SYSCTL_VAR(kernel, core_pattern, "core_pattern", "core_pattern", SYSCTL_STRING, 0);
SYSCTL_VAR(kernel, core_uses_pid, "core_uses_pid", "core_uses_pid", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, core_pipe_limit, "core_pipe_limit", "core_pipe_limit",
	   SYSCTL_INT, 0);
SYSCTL_VAR(kernel, modprobe, "modprobe", "modprobe_path", SYSCTL_STRING, 0);
SYSCTL_VAR(kernel, poweroff_cmd, "poweroff_cmd", "poweroff_cmd", SYSCTL_STRING, 0);
/* kernel/hung_task.c, kernel/watchdog.c (CONFIG_DETECT_HUNG_TASK, ...) */
SYSCTL_VAR(kernel, hung_task_timeout_secs, "hung_task_timeout_secs",
	   "sysctl_hung_task_timeout_secs", SYSCTL_ULONG, 0);
SYSCTL_VAR(kernel, hung_task_panic, "hung_task_panic",
	   "sysctl_hung_task_panic", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, softlockup_panic, "softlockup_panic", "softlockup_panic",
	   SYSCTL_INT, 0);
SYSCTL_VAR(kernel, watchdog_thresh, "watchdog_thresh", "watchdog_thresh",
	   SYSCTL_INT, 0);
/* kernel/events/core.c, kernel/bpf/syscall.c */
SYSCTL_VAR(kernel, perf_event_paranoid, "perf_event_paranoid",
	   "sysctl_perf_event_paranoid", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, perf_event_max_sample_rate, "perf_event_max_sample_rate",
	   "sysctl_perf_event_sample_rate", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, unprivileged_bpf_disabled, "unprivileged_bpf_disabled",
	   "sysctl_unprivileged_bpf_disabled", SYSCTL_INT, 0);
/* ipc/ipc_sysctl.c: the initial IPC namespace */
SYSCTL_VAR(kernel, msgmax, "msgmax", "init_ipc_ns.msg_ctlmax", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, msgmnb, "msgmnb", "init_ipc_ns.msg_ctlmnb", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, msgmni, "msgmni", "init_ipc_ns.msg_ctlmni", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, shmmax, "shmmax", "init_ipc_ns.shm_ctlmax", SYSCTL_ULONG, 0);
SYSCTL_VAR(kernel, shmall, "shmall", "init_ipc_ns.shm_ctlall", SYSCTL_ULONG, 0);
SYSCTL_VAR(kernel, shmmni, "shmmni", "init_ipc_ns.shm_ctlmni", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, shm_rmid_forced, "shm_rmid_forced",
	   "init_ipc_ns.shm_rmid_forced", SYSCTL_INT, 0);
SYSCTL_VAR(kernel, sem, "sem", "init_ipc_ns.sem_ctls", SYSCTL_INT, 4);
/* drivers/char/random.c: made on the first read */
SYSCTL_VAR(kernel, random_boot_id, "random/boot_id", "sysctl_bootid", SYSCTL_UUID, 0);
