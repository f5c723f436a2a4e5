// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/stat and /proc/<pid>/task/<tid>/stat: fs/proc/array.c
 * do_task_stat() for the whole thread group (proc_tgid_stat()) and for
 * one thread (proc_tid_stat()), read by root (every field permitted).
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

/* include/linux/sched/signal.h */
#define SIGNAL_STOP_STOPPED	0x00000001
#define SIGNAL_GROUP_EXIT	0x00000004


/* delayacct_blkio_ticks() */
static uint64_t blkio_ticks(struct kobj task, struct vr_error **err)
{
	if (!kobj_has_member(task.prog, "struct task_struct", "delays") ||
	    !kobj_member_u64(task, "delays", err))
		return 0;
	return nsec_to_clock_t(kobj_member_u64(task, "delays->blkio_delay",
					       err));
}

static struct vr_error *do_task_stat(struct strbuf *out, struct kobj task,
				     bool whole)
{
	struct vr_error *err = NULL;
	char comm[PROC_TASK_NAME_LEN];
	unsigned int state;
	uint64_t vsize = 0, rss = 0, wchan = 0, ign = 0, catch = 0;
	uint64_t min_flt, maj_flt, gtime, utime, stime, num_threads = 0;
	uint64_t rsslim = 0, sid = 0, ppid = 0, pgid = 0, flags;
	int64_t exit_code, tty_nr = 0, tty_pgrp = -1;
	bool sighand, has_mm;
	struct kobj mm, sig;
	struct list_iter it;
	struct kobj t;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	sig = kobj_deref(kobj_member(task, "signal"));
	err = task_state_index(task, &state);
	if (!err)
		err = proc_task_name(task, comm);
	if (err)
		return err;
	flags = kobj_member_u64(task, "flags", &err);
	exit_code = kobj_member_s64(task, "exit_code", &err);
	has_mm = get_task_mm(task, &mm, &err);
	if (has_mm)
		vsize = task_vsize(mm, &err);
	/*
	 * esp and eip are 0 unless the task is exiting or dumping core
	 * (PF_EXITING|PF_DUMPCORE|PF_POSTCOREDUMP); then the kernel reads
	 * its user registers, which we leave at 0 (see the partial line).
	 */
	/* lock_task_sighand() */
	sighand = kobj_member_u64(task, "sighand", &err) != 0;
	if (sighand) {
		task_tty(task, &tty_nr, &tty_pgrp, &err);
		num_threads = get_nr_threads(task, &err);
		collect_sigign_sigcatch(task, &ign, &catch, &err);
		/* RLIMIT_RSS is 5 */
		rsslim = kobj_member_u64(sig, "rlim[5].rlim_cur", &err);
		if (whole && (kobj_member_u64(sig, "flags", &err) &
			      (SIGNAL_GROUP_EXIT | SIGNAL_STOP_STOPPED)))
			exit_code = kobj_member_s64(sig, "group_exit_code", &err);
		sid = task_pid_nr_init(task, PIDTYPE_SID, &err);
		ppid = task_ppid_nr(task, &err);
		pgid = task_pid_nr_init(task, PIDTYPE_PGID, &err);
	}
	if (!err && (!whole || num_threads < 2)) {
		/* !task_is_running() */
		struct kobj s = kobj_member(task, "__state");

		if (s.err == VR_ERR_NOT_FOUND)	/* state before v5.14 */
			s = kobj_member(task, "state");
		wchan = kobj_member_u64(s, "", &err) != 0;
	}
	if (whole) {
		min_flt = kobj_member_u64(sig, "min_flt", &err);
		maj_flt = kobj_member_u64(sig, "maj_flt", &err);
		gtime = kobj_member_u64(sig, "gtime", &err);
		if (err)
			return err;
		for_each_thread(&it, t, task) {
			min_flt += kobj_member_u64(t, "min_flt", &err);
			maj_flt += kobj_member_u64(t, "maj_flt", &err);
			gtime += task_gtime(t, &err);
			if (err)
				return err;
		}
		if (it.err)
			return it.err;
		thread_group_cputime_adjusted(task, &utime, &stime, &err);
	} else {
		task_cputime_adjusted(task, &utime, &stime, &err);
		min_flt = kobj_member_u64(task, "min_flt", &err);
		maj_flt = kobj_member_u64(task, "maj_flt", &err);
		gtime = task_gtime(task, &err);
	}
	if (has_mm)
		rss = get_mm_rss(mm, &err);
	if (err)
		return err;

	strbuf_printf(out, "%llu (%s) %c", (unsigned long long)
		      task_pid_nr_init(task, PIDTYPE_PID, &err), comm,
		      task_state_name(state)[0]);
	strbuf_printf(out, " %lld %lld %lld %lld %lld %llu",
		      (long long)ppid, sighand ? (long long)pgid : -1LL,
		      sighand ? (long long)sid : -1LL, (long long)tty_nr,
		      (long long)tty_pgrp, (unsigned long long)flags);
	strbuf_printf(out, " %llu %llu %llu %llu",
		      (unsigned long long)min_flt, (unsigned long long)
		      kobj_member_u64(sig, "cmin_flt", &err),
		      (unsigned long long)maj_flt, (unsigned long long)
		      kobj_member_u64(sig, "cmaj_flt", &err));
	strbuf_printf(out, " %llu %llu %lld %lld",
		      (unsigned long long)nsec_to_clock_t(utime),
		      (unsigned long long)nsec_to_clock_t(stime),
		      (long long)nsec_to_clock_t(kobj_member_u64(sig, "cutime",
								 &err)),
		      (long long)nsec_to_clock_t(kobj_member_u64(sig, "cstime",
								 &err)));
	strbuf_printf(out, " %lld %lld %lld 0 %llu %llu %llu %llu",
		      (long long)task_prio(task, &err),
		      (long long)task_nice(task, &err), (long long)num_threads,
		      (unsigned long long)nsec_to_clock_t(
			      task_start_boottime(task, &err)),
		      (unsigned long long)vsize, (unsigned long long)rss,
		      (unsigned long long)rsslim);
	if (has_mm)
		strbuf_printf(out, " %llu %llu %llu",
			      (unsigned long long)kobj_member_u64(mm, "start_code", &err),
			      (unsigned long long)kobj_member_u64(mm, "end_code", &err),
			      (unsigned long long)kobj_member_u64(mm, "start_stack", &err));
	else
		strbuf_puts(out, " 0 0 0");
	/* esp, eip; the obsolete signal words; wchan as a flag (v5.16+) */
	strbuf_printf(out, " 0 0 %llu %llu %llu %llu %llu 0 0",
		      (unsigned long long)(kobj_member_u64(task,
			"pending.signal.sig[0]", &err) & 0x7fffffffULL),
		      (unsigned long long)(kobj_member_u64(task,
			"blocked.sig[0]", &err) & 0x7fffffffULL),
		      (unsigned long long)(ign & 0x7fffffffULL),
		      (unsigned long long)(catch & 0x7fffffffULL),
		      (unsigned long long)wchan);
	strbuf_printf(out, " %lld %lld %llu %llu %llu %llu %lld",
		      (long long)kobj_member_s64(task, "exit_signal", &err),
		      (long long)task_cpu(task, &err),
		      (unsigned long long)kobj_member_u64(task, "rt_priority", &err),
		      (unsigned long long)kobj_member_u64(task, "policy", &err),
		      (unsigned long long)blkio_ticks(task, &err),
		      (unsigned long long)nsec_to_clock_t(gtime),
		      (long long)nsec_to_clock_t(kobj_member_u64(sig, "cgtime",
								 &err)));
	if (has_mm) {
		static const char *const fields[] = {
			"start_data", "end_data", "start_brk", "arg_start",
			"arg_end", "env_start", "env_end",
		};

		for (unsigned int i = 0; i < 7; i++)
			strbuf_printf(out, " %llu", (unsigned long long)
				      kobj_member_u64(mm, fields[i], &err));
	} else {
		strbuf_puts(out, " 0 0 0 0 0 0 0");
	}
	strbuf_printf(out, " %lld\n", (long long)exit_code);
	if (!err && has_mm &&
	    (flags & (PF_EXITING | PF_DUMPCORE | PF_POSTCOREDUMP)))
		strbuf_puts(out, PARTIAL_PREFIX "kstkesp and "
			    "kstkeip of an exiting task are not read\n");
	return err;
}

static struct vr_error *emit_stat(struct emit_ctx *ctx)
{
	return do_task_stat(&ctx->out, find_task(ctx->prog, ctx->id), true);
}

static struct vr_error *emit_tid_stat(struct emit_ctx *ctx)
{
	return do_task_stat(&ctx->out, find_thread(ctx->prog, ctx->id), false);
}

static const struct emitter proc_pid_stat = {
	.path = "proc/{pid}/stat",
	.enumerator = "pid",
	.emit = emit_stat,
};
EMITTER(proc_pid_stat);

static const struct emitter proc_tid_stat = {
	.path = "proc/{pid}/task/{tid}/stat",
	.enumerator = "tid",
	.emit = emit_tid_stat,
};
EMITTER(proc_tid_stat);
