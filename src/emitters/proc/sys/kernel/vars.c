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

#define KERNEL_VAR(id, f, d, fm, n)					\
	static struct vr_error *emit_##id(struct emit_ctx *ctx)		\
	{								\
		static const struct sysctl_var v = {			\
			.file = f, .data = d, .fmt = fm, .count = n,	\
		};							\
		return emit_kernel_var(ctx, &v);			\
	}								\
	static const struct emitter kernel_##id = {			\
		.path = "proc/sys/kernel/" f,				\
		.emit = emit_##id,					\
	};								\
	EMITTER(kernel_##id)

static struct vr_error *emit_kernel_var(struct emit_ctx *ctx,
					const struct sysctl_var *v)
{
	struct vr_error *err = sysctl_show(ctx->prog, v, &ctx->out);

	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		return emit_stub(ctx, "%s is not in this kernel (built without "
				 "it, the kernel has no such file)", v->data);
	}
	if (err && err->code == VR_ERR_NOT_PRESENT) {
		emit_stub(ctx, "%s: %s", v->data, err->message);
		vr_error_destroy(err);
		return NULL;
	}
	return err;
}

/* kernel/sysctl.c, kernel/panic.c, kernel/pid.c, kernel/fork.c */
KERNEL_VAR(panic, "panic", "panic_timeout", SYSCTL_INT, 0);
KERNEL_VAR(panic_on_oops, "panic_on_oops", "panic_on_oops", SYSCTL_INT, 0);
KERNEL_VAR(panic_on_warn, "panic_on_warn", "panic_on_warn", SYSCTL_INT, 0);
KERNEL_VAR(panic_print, "panic_print", "panic_print", SYSCTL_ULONG, 0);
KERNEL_VAR(pid_max, "pid_max", "pid_max", SYSCTL_INT, 0);
/* sysctl_max_threads() prints max_threads */
KERNEL_VAR(threads_max, "threads-max", "max_threads", SYSCTL_INT, 0);
/* proc_taint() prints tainted_mask */
KERNEL_VAR(tainted, "tainted", "tainted_mask", SYSCTL_ULONG, 0);
KERNEL_VAR(ctrl_alt_del, "ctrl-alt-del", "C_A_D", SYSCTL_INT, 0);
KERNEL_VAR(overflowuid, "overflowuid", "overflowuid", SYSCTL_INT, 0);
KERNEL_VAR(overflowgid, "overflowgid", "overflowgid", SYSCTL_INT, 0);
KERNEL_VAR(ngroups_max, "ngroups_max", "ngroups_max", SYSCTL_INT, 0);
KERNEL_VAR(cap_last_cap, "cap_last_cap", "cap_last_cap", SYSCTL_INT, 0);
KERNEL_VAR(modules_disabled, "modules_disabled", "modules_disabled",
	   SYSCTL_INT, 0);
KERNEL_VAR(max_lock_depth, "max_lock_depth", "max_lock_depth",
	   SYSCTL_INT, 0);
KERNEL_VAR(randomize_va_space, "randomize_va_space", "randomize_va_space",
	   SYSCTL_INT, 0);
/* kernel/printk/ */
KERNEL_VAR(printk, "printk", "console_printk", SYSCTL_INT, 4);
KERNEL_VAR(printk_ratelimit, "printk_ratelimit",
	   "printk_ratelimit_state.interval", SYSCTL_JIFFIES, 0);
KERNEL_VAR(printk_ratelimit_burst, "printk_ratelimit_burst",
	   "printk_ratelimit_state.burst", SYSCTL_INT, 0);
KERNEL_VAR(kptr_restrict, "kptr_restrict", "kptr_restrict", SYSCTL_INT, 0);
KERNEL_VAR(dmesg_restrict, "dmesg_restrict", "dmesg_restrict",
	   SYSCTL_INT, 0);
/* drivers/tty/sysrq.c sysrq_sysctl_handler() */
KERNEL_VAR(sysrq, "sysrq", "sysrq_enabled", SYSCTL_SYSRQ, 0);
/* fs/coredump.c */
KERNEL_VAR(core_pattern, "core_pattern", "core_pattern", SYSCTL_STRING, 0);
KERNEL_VAR(core_uses_pid, "core_uses_pid", "core_uses_pid", SYSCTL_INT, 0);
KERNEL_VAR(core_pipe_limit, "core_pipe_limit", "core_pipe_limit",
	   SYSCTL_INT, 0);
KERNEL_VAR(modprobe, "modprobe", "modprobe_path", SYSCTL_STRING, 0);
KERNEL_VAR(poweroff_cmd, "poweroff_cmd", "poweroff_cmd", SYSCTL_STRING, 0);
/* kernel/hung_task.c, kernel/watchdog.c (CONFIG_DETECT_HUNG_TASK, ...) */
KERNEL_VAR(hung_task_timeout_secs, "hung_task_timeout_secs",
	   "sysctl_hung_task_timeout_secs", SYSCTL_ULONG, 0);
KERNEL_VAR(hung_task_panic, "hung_task_panic",
	   "sysctl_hung_task_panic", SYSCTL_INT, 0);
KERNEL_VAR(softlockup_panic, "softlockup_panic", "softlockup_panic",
	   SYSCTL_INT, 0);
KERNEL_VAR(watchdog_thresh, "watchdog_thresh", "watchdog_thresh",
	   SYSCTL_INT, 0);
/* kernel/events/core.c, kernel/bpf/syscall.c */
KERNEL_VAR(perf_event_paranoid, "perf_event_paranoid",
	   "sysctl_perf_event_paranoid", SYSCTL_INT, 0);
KERNEL_VAR(perf_event_max_sample_rate, "perf_event_max_sample_rate",
	   "sysctl_perf_event_sample_rate", SYSCTL_INT, 0);
KERNEL_VAR(unprivileged_bpf_disabled, "unprivileged_bpf_disabled",
	   "sysctl_unprivileged_bpf_disabled", SYSCTL_INT, 0);
/* ipc/ipc_sysctl.c: the initial IPC namespace */
KERNEL_VAR(msgmax, "msgmax", "init_ipc_ns.msg_ctlmax", SYSCTL_INT, 0);
KERNEL_VAR(msgmnb, "msgmnb", "init_ipc_ns.msg_ctlmnb", SYSCTL_INT, 0);
KERNEL_VAR(msgmni, "msgmni", "init_ipc_ns.msg_ctlmni", SYSCTL_INT, 0);
KERNEL_VAR(shmmax, "shmmax", "init_ipc_ns.shm_ctlmax", SYSCTL_ULONG, 0);
KERNEL_VAR(shmall, "shmall", "init_ipc_ns.shm_ctlall", SYSCTL_ULONG, 0);
KERNEL_VAR(shmmni, "shmmni", "init_ipc_ns.shm_ctlmni", SYSCTL_INT, 0);
KERNEL_VAR(shm_rmid_forced, "shm_rmid_forced",
	   "init_ipc_ns.shm_rmid_forced", SYSCTL_INT, 0);
KERNEL_VAR(sem, "sem", "init_ipc_ns.sem_ctls", SYSCTL_INT, 4);
/* drivers/char/random.c: made on the first read */
KERNEL_VAR(random_boot_id, "random/boot_id", "sysctl_bootid", SYSCTL_UUID, 0);
