// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/status and /proc/<pid>/task/<tid>/status: fs/proc/array.c
 * proc_pid_status() with task_mem() of fs/proc/task_mmu.c, as v6.1-v6.12
 * print them (lines that appeared later are feature-tested).
 */
#include <stdio.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* Keep the first error; free the later ones. */
static void keep(struct vr_error **err, struct vr_error *e)
{
	if (e && *err)
		vr_error_destroy(e);
	else if (e)
		*err = e;
}

/* seq_put_decimal_ull_width(m, str, v, 8) */
static void put_kb(struct strbuf *out, const char *name, uint64_t kb)
{
	strbuf_printf(out, "%s:\t%8llu kB\n", name, (unsigned long long)kb);
}

/* proc_task_name(m, p, true): '\n' and '\\' escaped. */
static void task_name(struct strbuf *out, struct kobj task,
		      struct vr_error **err)
{
	char comm[PROC_TASK_NAME_LEN];

	keep(err, proc_task_name(task, comm));
	if (*err)
		return;
	strbuf_puts(out, "Name:\t");
	for (const char *c = comm; *c; c++) {
		if (*c == '\n')
			strbuf_puts(out, "\\n");
		else if (*c == '\\')
			strbuf_puts(out, "\\\\");
		else
			strbuf_putc(out, *c);
	}
	strbuf_putc(out, '\n');
}

/* task_state() */
static void task_state(struct strbuf *out, struct kobj task,
		       struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	struct task_cred_ids ids;
	uint64_t ns[VR_MAX_PID_NS_LEVEL + 1];
	uint64_t fs, files, tracer = 0, ngid = 0, ngroups, pid;
	unsigned int index, nr_ns;
	struct kobj cred, gi;

	keep(err, task_state_index(task, &index));
	fs = kobj_member_u64(task, "fs", err);
	files = kobj_member_u64(task, "files", err);
	if (*err)
		return;
	if (fs)
		strbuf_printf(out, "Umask:\t%#04llo\n", (unsigned long long)
			      kobj_member_u64(task, "fs->umask", err));
	strbuf_printf(out, "State:\t%s\n", task_state_name(index));
	strbuf_printf(out, "Tgid:\t%llu\n", (unsigned long long)
		      task_pid_nr_init(task, PIDTYPE_TGID, err));
	/* task_numa_group_id(): CONFIG_NUMA_BALANCING */
	if (kobj_has_member(prog, "struct task_struct", "numa_group") &&
	    kobj_member_u64(task, "numa_group", err))
		ngid = kobj_member_u64(task, "numa_group->gid", err);
	strbuf_printf(out, "Ngid:\t%llu\n", (unsigned long long)ngid);
	strbuf_printf(out, "Pid:\t%llu\n", (unsigned long long)
		      task_pid_nr_init(task, PIDTYPE_PID, err));
	strbuf_printf(out, "PPid:\t%llu\n",
		      (unsigned long long)task_ppid_nr(task, err));
	/* ptrace_parent() */
	if (kobj_member_u64(task, "ptrace", err))
		tracer = task_pid_nr_init(kobj_deref(kobj_member(task, "parent")),
					  PIDTYPE_PID, err);
	strbuf_printf(out, "TracerPid:\t%llu\n", (unsigned long long)tracer);
	keep(err, task_cred_ids(task, &ids));
	if (*err)
		return;
	strbuf_printf(out, "Uid:\t%u\t%u\t%u\t%u\n", ids.uid, ids.euid,
		      ids.suid, ids.fsuid);
	strbuf_printf(out, "Gid:\t%u\t%u\t%u\t%u\n", ids.gid, ids.egid,
		      ids.sgid, ids.fsgid);
	strbuf_printf(out, "FDSize:\t%llu\n", (unsigned long long)(files ?
		      kobj_member_u64(task, "files->fdt->max_fds", err) : 0));
	strbuf_puts(out, "Groups:\t");
	cred = kobj_deref(kobj_member(task, "real_cred"));
	gi = kobj_deref(kobj_member(cred, "group_info"));
	ngroups = kobj_member_u64(gi, "ngroups", err);
	for (uint64_t g = 0; g < ngroups && g < 65536 && !*err; g++) {
		char path[32];

		snprintf(path, sizeof(path), "gid[%llu].val",
			 (unsigned long long)g);
		strbuf_printf(out, g ? " %llu" : "%llu", (unsigned long long)
			      kobj_member_u64(gi, path, err));
	}
	strbuf_putc(out, ' ');
	/* CONFIG_PID_NS: the ids in every namespace the pid is seen in. */
	pid = task_pid_ptr(task, PIDTYPE_PID, err);
	nr_ns = pid_namespaces(prog, pid, ns, err);
	strbuf_puts(out, "\nNStgid:");
	for (unsigned int g = 0; g < nr_ns; g++)
		strbuf_printf(out, "\t%llu", (unsigned long long)
			      task_pid_nr_ns(task, PIDTYPE_TGID, ns[g], err));
	strbuf_puts(out, "\nNSpid:");
	for (unsigned int g = 0; g < nr_ns; g++)
		strbuf_printf(out, "\t%llu", (unsigned long long)
			      task_pid_nr_ns(task, PIDTYPE_PID, ns[g], err));
	strbuf_puts(out, "\nNSpgid:");
	for (unsigned int g = 0; g < nr_ns; g++)
		strbuf_printf(out, "\t%llu", (unsigned long long)
			      task_pid_nr_ns(task, PIDTYPE_PGID, ns[g], err));
	strbuf_puts(out, "\nNSsid:");
	for (unsigned int g = 0; g < nr_ns; g++)
		strbuf_printf(out, "\t%llu", (unsigned long long)
			      task_pid_nr_ns(task, PIDTYPE_SID, ns[g], err));
	strbuf_putc(out, '\n');
	/*
	 * "Kthread:" since v6.4 (the patch of April 2023; v6.1 lacks it, v6.6
	 * and v6.12 have it): nothing in the types marks it.
	 */
	if (linux_version_code(prog) >= KERNEL_VERSION(6, 4, 0))
		strbuf_printf(out, "Kthread:\t%c\n",
			      kobj_member_u64(task, "flags", err) & PF_KTHREAD ?
			      '1' : '0');
}

/* fs/proc/task_mmu.c task_mem() and hugetlb_report_usage() */
static void task_mem(struct strbuf *out, struct kobj mm,
		     struct vr_error **err)
{
	struct vr_program *prog = mm.prog;
	unsigned int shift = 0;
	uint64_t psize = prog->page_size, kb;
	uint64_t anon, file, shmem, swap, total_vm, hiwater_vm, total_rss;
	uint64_t hiwater_rss, text, lib, exec_vm, start_code, end_code;

	while ((1ULL << shift) < psize)
		shift++;
	kb = shift >= 10 ? shift - 10 : 0;
	/*
	 * get_mm_counter_sum() as the fixtures' v6.12.117 does (a stable
	 * backport); before, the kernel read the counters' global count
	 * only, which lags by what the CPUs hold: the sum is the truer value.
	 */
	anon = get_mm_counter_sum(mm, MM_ANONPAGES, err);
	file = get_mm_counter_sum(mm, MM_FILEPAGES, err);
	shmem = get_mm_counter_sum(mm, MM_SHMEMPAGES, err);
	swap = get_mm_counter_sum(mm, MM_SWAPENTS, err);
	hiwater_vm = total_vm = kobj_member_u64(mm, "total_vm", err);
	if (hiwater_vm < kobj_member_u64(mm, "hiwater_vm", err))
		hiwater_vm = kobj_member_u64(mm, "hiwater_vm", err);
	hiwater_rss = total_rss = anon + file + shmem;
	if (hiwater_rss < kobj_member_u64(mm, "hiwater_rss", err))
		hiwater_rss = kobj_member_u64(mm, "hiwater_rss", err);
	start_code = kobj_member_u64(mm, "start_code", err);
	end_code = kobj_member_u64(mm, "end_code", err);
	exec_vm = kobj_member_u64(mm, "exec_vm", err);
	text = ((end_code + psize - 1) & ~(psize - 1)) - (start_code & ~(psize - 1));
	text = min(text, exec_vm << shift);
	lib = (exec_vm << shift) - text;
	put_kb(out, "VmPeak", hiwater_vm << kb);
	put_kb(out, "VmSize", total_vm << kb);
	put_kb(out, "VmLck", kobj_member_u64(mm, "locked_vm", err) << kb);
	put_kb(out, "VmPin", kobj_member_u64(mm, "pinned_vm", err) << kb);
	put_kb(out, "VmHWM", hiwater_rss << kb);
	put_kb(out, "VmRSS", total_rss << kb);
	put_kb(out, "RssAnon", anon << kb);
	put_kb(out, "RssFile", file << kb);
	put_kb(out, "RssShmem", shmem << kb);
	put_kb(out, "VmData", kobj_member_u64(mm, "data_vm", err) << kb);
	put_kb(out, "VmStk", kobj_member_u64(mm, "stack_vm", err) << kb);
	put_kb(out, "VmExe", text >> 10);
	put_kb(out, "VmLib", lib >> 10);
	/* mm_pgtables_bytes() */
	put_kb(out, "VmPTE", kobj_member_u64(mm, "pgtables_bytes", err) >> 10);
	put_kb(out, "VmSwap", swap << kb);
	/* CONFIG_HUGETLB_PAGE */
	if (kobj_has_member(prog, "struct mm_struct", "hugetlb_usage"))
		put_kb(out, "HugetlbPages",
		       kobj_member_u64(mm, "hugetlb_usage", err) << kb);
}

/* include/linux/sched/coredump.h */
#define MMF_DISABLE_THP 24

static void task_mm_extra(struct strbuf *out, struct kobj task,
			  struct kobj mm, struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	uint64_t untag = ~0ULL;

	strbuf_printf(out, "CoreDumping:\t%d\n",
		      kobj_member_u64(task, "signal->core_state", err) != 0);
	/* CONFIG_TRANSPARENT_HUGEPAGE */
	strbuf_printf(out, "THP_enabled:\t%d\n",
		      kobj_has_symbol(prog, "transparent_hugepage_flags") &&
		      !((kobj_member_u64(mm, "flags", err) >> MMF_DISABLE_THP) & 1));
	/*
	 * task_untag_mask() since v6.4: x86 LAM keeps the mask in the mm
	 * (CONFIG_ADDRESS_MASKING), arm64 ignores the top byte.
	 */
	if (linux_version_code(prog) < KERNEL_VERSION(6, 4, 0))
		return;
	if (kobj_has_member(prog, "struct mm_struct", "context.untag_mask"))
		untag = kobj_member_u64(mm, "context.untag_mask", err);
	else if (prog->arch == &vr_arch_aarch64)
		untag = ~0ULL >> 8;
	strbuf_printf(out, "untag_mask:\t%#llx\n", (unsigned long long)untag);
}

/* render_sigset_t(): _NSIG (64) bits, most significant nibble first. */
static void render_sigset(struct strbuf *out, const char *header,
			  uint64_t set)
{
	strbuf_printf(out, "%s%016llx\n", header, (unsigned long long)set);
}


static void task_sig(struct strbuf *out, struct kobj task,
		     struct vr_error **err)
{
	uint64_t pending = 0, shpending = 0, blocked = 0, ign = 0, catch = 0;
	uint64_t threads = 0, qsize = 0, qlim = 0;
	int64_t type;

	/* lock_task_sighand() fails once the task released its sighand. */
	if (kobj_member_u64(task, "sighand", err)) {
		pending = kobj_member_u64(task, "pending.signal.sig[0]", err);
		shpending = kobj_member_u64(task,
			"signal->shared_pending.signal.sig[0]", err);
		blocked = kobj_member_u64(task, "blocked.sig[0]", err);
		collect_sigign_sigcatch(task, &ign, &catch, err);
		threads = get_nr_threads(task, err);
		/* cred->ucounts->rlimit[] since v5.14, user->sigpending before */
		if (kobj_has_member(task.prog, "struct ucounts", "rlimit")) {
			const struct vr_type *et = NULL;
			char path[64];

			type = 2;	/* UCOUNT_RLIMIT_SIGPENDING in v5.14-v6.12 */
			if (!vr_debuginfo_find_type(task.prog->dbg,
						    "enum rlimit_type", &et) &&
			    et)
				vr_type_enum_value(vr_type_unqualified(et),
						   "UCOUNT_RLIMIT_SIGPENDING",
						   &type);
			snprintf(path, sizeof(path),
				 "real_cred->ucounts->rlimit[%lld]",
				 (long long)type);
			qsize = (uint32_t)kobj_member_u64(task, path, err);
		} else {
			qsize = (uint32_t)kobj_member_u64(task,
				"real_cred->user->sigpending", err);
		}
		/* task_rlimit(p, RLIMIT_SIGPENDING): RLIMIT_SIGPENDING is 11 */
		qlim = kobj_member_u64(task, "signal->rlim[11].rlim_cur", err);
	}
	if (*err)
		return;
	strbuf_printf(out, "Threads:\t%llu\n", (unsigned long long)threads);
	strbuf_printf(out, "SigQ:\t%llu/%llu\n", (unsigned long long)qsize,
		      (unsigned long long)qlim);
	render_sigset(out, "SigPnd:\t", pending);
	render_sigset(out, "ShdPnd:\t", shpending);
	render_sigset(out, "SigBlk:\t", blocked);
	render_sigset(out, "SigIgn:\t", ign);
	render_sigset(out, "SigCgt:\t", catch);
}

/* render_cap_t(): kernel_cap_t is a u64 since v6.3, two u32 before. */
static void render_cap(struct strbuf *out, const char *header,
		       struct kobj cap, struct vr_error **err)
{
	if (kobj_has_member(cap.prog, "kernel_cap_t", "val")) {
		strbuf_printf(out, "%s%016llx\n", header, (unsigned long long)
			      kobj_member_u64(cap, "val", err));
		return;
	}
	strbuf_printf(out, "%s%08llx%08llx\n", header,
		      (unsigned long long)kobj_member_u64(cap, "cap[1]", err),
		      (unsigned long long)kobj_member_u64(cap, "cap[0]", err));
}

static void task_cap(struct strbuf *out, struct kobj task,
		     struct vr_error **err)
{
	struct kobj cred = kobj_deref(kobj_member(task, "real_cred"));

	render_cap(out, "CapInh:\t", kobj_member(cred, "cap_inheritable"), err);
	render_cap(out, "CapPrm:\t", kobj_member(cred, "cap_permitted"), err);
	render_cap(out, "CapEff:\t", kobj_member(cred, "cap_effective"), err);
	render_cap(out, "CapBnd:\t", kobj_member(cred, "cap_bset"), err);
	render_cap(out, "CapAmb:\t", kobj_member(cred, "cap_ambient"), err);
}

/* include/uapi/linux/prctl.h */
#define PR_SPEC_NOT_AFFECTED	0
#define PR_SPEC_PRCTL		(1 << 0)
#define PR_SPEC_ENABLE		(1 << 1)
#define PR_SPEC_DISABLE		(1 << 2)
#define PR_SPEC_FORCE_DISABLE	(1 << 3)
#define PR_SPEC_DISABLE_NOEXEC	(1 << 4)
#define SPEC_EINVAL		(-22)
#define SPEC_ENODEV		(-19)

/* include/linux/sched.h task->atomic_flags */
#define PFA_NO_NEW_PRIVS		0
#define PFA_SPEC_SSB_DISABLE		3
#define PFA_SPEC_SSB_FORCE_DISABLE	4
#define PFA_SPEC_IB_DISABLE		5
#define PFA_SPEC_IB_FORCE_DISABLE	6
#define PFA_SPEC_SSB_NOEXEC		7

/* Is the enum variable @var set to the enumerator @name? */
static bool var_is(struct vr_program *prog, const char *var, const char *name,
		   struct vr_error **err)
{
	struct kobj v = kobj_var(prog, var);
	int64_t want, have = 0;

	if (*err)
		return false;
	if (!kobj_ok(&v) ||
	    !vr_type_enum_value(vr_type_unqualified(v.type), name, &want)) {
		keep(err, vr_error_create(VR_ERR_NOT_FOUND, "%s or %s", var,
					  name));
		return false;
	}
	keep(err, kobj_read_s64(v, &have));
	return !*err && have == want;
}

/*
 * boot_cpu_has_bug(): bit NCAPINTS * 32 + @bug of boot_cpu_data's
 * capabilities; x86_bug_flags[] has NBUGINTS * 32 names.
 */
static bool x86_has_bug(struct vr_program *prog, unsigned int bug,
			struct vr_error **err)
{
	struct kobj caps = kobj_member(kobj_var(prog, "boot_cpu_data"),
				       "x86_capability");
	struct kobj names = kobj_var(prog, "x86_bug_flags");
	const struct vr_type *ct = vr_type_unqualified(caps.type);
	const struct vr_type *nt = vr_type_unqualified(names.type);
	uint64_t bit, word;

	if (*err)
		return false;
	if (!kobj_ok(&caps) || !kobj_ok(&names) ||
	    ct->kind != VR_TYPE_ARRAY || nt->kind != VR_TYPE_ARRAY) {
		keep(err, vr_error_create(VR_ERR_NOT_FOUND,
					  "x86 capability words"));
		return false;
	}
	bit = (ct->length - nt->length / 32) * 32 + bug;
	word = kobj_member_u64(kobj_index(caps, bit / 32), "", err);
	return (word >> (bit % 32)) & 1;
}

/* arch/x86/include/asm/cpufeatures.h, stable since v4.17 */
#define X86_BUG_SPECTRE_V2		16
#define X86_BUG_SPEC_STORE_BYPASS	17

static int x86_ssb_prctl_get(struct kobj task, uint64_t flags,
			     struct vr_error **err)
{
	struct vr_program *prog = task.prog;

	if (var_is(prog, "ssb_mode", "SPEC_STORE_BYPASS_DISABLE", err))
		return PR_SPEC_DISABLE;
	if (var_is(prog, "ssb_mode", "SPEC_STORE_BYPASS_SECCOMP", err) ||
	    var_is(prog, "ssb_mode", "SPEC_STORE_BYPASS_PRCTL", err)) {
		if (flags & (1 << PFA_SPEC_SSB_FORCE_DISABLE))
			return PR_SPEC_PRCTL | PR_SPEC_FORCE_DISABLE;
		if (flags & (1 << PFA_SPEC_SSB_NOEXEC))
			return PR_SPEC_PRCTL | PR_SPEC_DISABLE_NOEXEC;
		if (flags & (1 << PFA_SPEC_SSB_DISABLE))
			return PR_SPEC_PRCTL | PR_SPEC_DISABLE;
		return PR_SPEC_PRCTL | PR_SPEC_ENABLE;
	}
	return x86_has_bug(prog, X86_BUG_SPEC_STORE_BYPASS, err) ?
	       PR_SPEC_ENABLE : PR_SPEC_NOT_AFFECTED;
}

static int x86_ib_prctl_get(struct kobj task, uint64_t flags,
			    struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	const char *ibpb = "spectre_v2_user_ibpb";
	const char *stibp = "spectre_v2_user_stibp";

	if (!x86_has_bug(prog, X86_BUG_SPECTRE_V2, err))
		return PR_SPEC_NOT_AFFECTED;
	if (var_is(prog, ibpb, "SPECTRE_V2_USER_NONE", err) &&
	    var_is(prog, stibp, "SPECTRE_V2_USER_NONE", err))
		return PR_SPEC_ENABLE;
	if (var_is(prog, ibpb, "SPECTRE_V2_USER_PRCTL", err) ||
	    var_is(prog, ibpb, "SPECTRE_V2_USER_SECCOMP", err) ||
	    var_is(prog, stibp, "SPECTRE_V2_USER_PRCTL", err) ||
	    var_is(prog, stibp, "SPECTRE_V2_USER_SECCOMP", err)) {
		if (flags & (1 << PFA_SPEC_IB_FORCE_DISABLE))
			return PR_SPEC_PRCTL | PR_SPEC_FORCE_DISABLE;
		if (flags & (1 << PFA_SPEC_IB_DISABLE))
			return PR_SPEC_PRCTL | PR_SPEC_DISABLE;
		return PR_SPEC_PRCTL | PR_SPEC_ENABLE;
	}
	if (var_is(prog, ibpb, "SPECTRE_V2_USER_STRICT", err) ||
	    var_is(prog, stibp, "SPECTRE_V2_USER_STRICT", err) ||
	    var_is(prog, stibp, "SPECTRE_V2_USER_STRICT_PREFERRED", err))
		return PR_SPEC_DISABLE;
	return PR_SPEC_NOT_AFFECTED;
}

/* arch/arm64/kernel/proton-pack.c ssbd_prctl_get() */
static int arm64_ssb_prctl_get(struct kobj task, uint64_t flags,
			       struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	const char *policy = "__spectre_v4_policy";
	bool off;

	if (var_is(prog, "spectre_v4_state", "SPECTRE_UNAFFECTED", err))
		return PR_SPEC_NOT_AFFECTED;
	if (!var_is(prog, "spectre_v4_state", "SPECTRE_MITIGATED", err))
		return PR_SPEC_ENABLE;
	off = var_is(prog, "cpu_mitigations", "CPU_MITIGATIONS_OFF", err) ||
	      var_is(prog, policy, "SPECTRE_V4_POLICY_MITIGATION_DISABLED",
		     err);
	if (!off && var_is(prog, policy, "SPECTRE_V4_POLICY_MITIGATION_ENABLED",
			   err))
		return PR_SPEC_NOT_AFFECTED;
	if (off || !var_is(prog, policy,
			   "SPECTRE_V4_POLICY_MITIGATION_DYNAMIC", err))
		return PR_SPEC_ENABLE;
	if (flags & (1 << PFA_SPEC_SSB_FORCE_DISABLE))
		return PR_SPEC_PRCTL | PR_SPEC_FORCE_DISABLE;
	if (flags & (1 << PFA_SPEC_SSB_NOEXEC))
		return PR_SPEC_PRCTL | PR_SPEC_DISABLE_NOEXEC;
	if (flags & (1 << PFA_SPEC_SSB_DISABLE))
		return PR_SPEC_PRCTL | PR_SPEC_DISABLE;
	return PR_SPEC_PRCTL | PR_SPEC_ENABLE;
}

/* arch/powerpc/kernel/security.c ssb_prctl_get() */
#define SEC_FTR_STF_BARRIER 0x0000000000010000ULL

static int ppc64_ssb_prctl_get(struct kobj task, struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	uint64_t ftr = 0;

	keep(err, kobj_read_u64(kobj_var(prog, "powerpc_security_features"),
				&ftr));
	if (*err || !(ftr & SEC_FTR_STF_BARRIER))
		return PR_SPEC_NOT_AFFECTED;
	if (var_is(prog, "stf_enabled_flush_types", "STF_BARRIER_NONE", err))
		return PR_SPEC_NOT_AFFECTED;
	return PR_SPEC_ENABLE;
}

/* arch_prctl_spec_ctrl_get(); the weak default returns -EINVAL. */
static void spec_ctrl_get(struct kobj task, int *ssb, int *ib,
			  struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	uint64_t flags = kobj_member_u64(task, "atomic_flags", err);

	*ssb = *ib = SPEC_EINVAL;
	if (prog->arch == &vr_arch_x86_64) {
		*ssb = x86_ssb_prctl_get(task, flags, err);
		*ib = x86_ib_prctl_get(task, flags, err);
	} else if (prog->arch == &vr_arch_aarch64) {
		*ssb = arm64_ssb_prctl_get(task, flags, err);
		*ib = SPEC_ENODEV;
	} else if (prog->arch == &vr_arch_ppc64) {
		*ssb = ppc64_ssb_prctl_get(task, err);
		*ib = SPEC_ENODEV;
	}
}

static void task_seccomp(struct strbuf *out, struct kobj task,
			 struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	uint64_t flags = kobj_member_u64(task, "atomic_flags", err);
	int ssb, ib;

	strbuf_printf(out, "NoNewPrivs:\t%d\n",
		      (int)((flags >> PFA_NO_NEW_PRIVS) & 1));
	/* CONFIG_SECCOMP; filter_count since v5.9 (CONFIG_SECCOMP_FILTER) */
	if (kobj_has_member(prog, "struct task_struct", "seccomp.mode"))
		strbuf_printf(out, "Seccomp:\t%llu\n", (unsigned long long)
			      kobj_member_u64(task, "seccomp.mode", err));
	if (kobj_has_member(prog, "struct task_struct", "seccomp.filter_count"))
		strbuf_printf(out, "Seccomp_filters:\t%llu\n",
			      (unsigned long long)kobj_member_u64(task,
				"seccomp.filter_count", err));
	spec_ctrl_get(task, &ssb, &ib, err);
	strbuf_puts(out, "Speculation_Store_Bypass:\t");
	switch (ssb) {
	case SPEC_EINVAL: strbuf_puts(out, "unknown"); break;
	case PR_SPEC_NOT_AFFECTED: strbuf_puts(out, "not vulnerable"); break;
	case PR_SPEC_PRCTL | PR_SPEC_FORCE_DISABLE:
		strbuf_puts(out, "thread force mitigated"); break;
	case PR_SPEC_PRCTL | PR_SPEC_DISABLE:
		strbuf_puts(out, "thread mitigated"); break;
	case PR_SPEC_PRCTL | PR_SPEC_ENABLE:
		strbuf_puts(out, "thread vulnerable"); break;
	case PR_SPEC_DISABLE: strbuf_puts(out, "globally mitigated"); break;
	default: strbuf_puts(out, "vulnerable"); break;
	}
	strbuf_puts(out, "\nSpeculationIndirectBranch:\t");
	switch (ib) {
	case SPEC_EINVAL: strbuf_puts(out, "unsupported"); break;
	case PR_SPEC_NOT_AFFECTED: strbuf_puts(out, "not affected"); break;
	case PR_SPEC_PRCTL | PR_SPEC_FORCE_DISABLE:
		strbuf_puts(out, "conditional force disabled"); break;
	case PR_SPEC_PRCTL | PR_SPEC_DISABLE:
		strbuf_puts(out, "conditional disabled"); break;
	case PR_SPEC_PRCTL | PR_SPEC_ENABLE:
		strbuf_puts(out, "conditional enabled"); break;
	case PR_SPEC_ENABLE: strbuf_puts(out, "always enabled"); break;
	case PR_SPEC_DISABLE: strbuf_puts(out, "always disabled"); break;
	default: strbuf_puts(out, "unknown"); break;
	}
	strbuf_putc(out, '\n');
}

/* A bitmap of @nbits from the unsigned longs at @o (a bits[] array). */
static void read_bitmap(struct kobj bits, uint64_t *map, unsigned int nbits,
			struct vr_error **err)
{
	for (unsigned int i = 0; i < (nbits + 63) / 64 && !*err; i++)
		keep(err, kobj_read_u64(kobj_index(bits, i), &map[i]));
}

/* lib/vsprintf.c bitmap_string(): "%*pb", 32-bit chunks from the top. */
static void bitmap_string(struct strbuf *out, const uint64_t *map,
			  unsigned int nbits)
{
	int chunksz = nbits & 31 ? nbits & 31 : 32;
	bool first = true;

	for (int i = (int)((nbits + 31) / 32 * 32) - 32; i >= 0; i -= 32) {
		uint32_t mask = chunksz == 32 ? ~0U : (1U << chunksz) - 1;
		uint32_t val = (uint32_t)(map[i / 64] >> (i % 64)) & mask;

		strbuf_printf(out, first ? "%0*x" : ",%0*x",
			      (chunksz + 3) / 4, val);
		first = false;
		chunksz = 32;
	}
}

/* bitmap_list_string(): "%*pbl", "0-3,8". */
static void bitmap_list(struct strbuf *out, const uint64_t *map,
			unsigned int nbits)
{
	bool first = true;

	for (unsigned int b = 0; b < nbits; b++) {
		unsigned int e = b;

		if (!((map[b / 64] >> (b % 64)) & 1))
			continue;
		while (e + 1 < nbits && ((map[(e + 1) / 64] >> ((e + 1) % 64)) & 1))
			e++;
		strbuf_printf(out, first ? "%u" : ",%u", b);
		if (e > b)
			strbuf_printf(out, "-%u", e);
		first = false;
		b = e;
	}
}

/*
 * MAX_NUMNODES: the length of node_data[] (NUMA), else 1; nodemask_t
 * only tells it in whole longs.
 */
static unsigned int max_numnodes(struct vr_program *prog)
{
	static const char *const vars[] = { "node_data", "node_to_cpumask_map" };

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		struct kobj v = kobj_var(prog, vars[i]);
		const struct vr_type *t = vr_type_unqualified(v.type);

		if (kobj_ok(&v) && t->kind == VR_TYPE_ARRAY && !t->incomplete &&
		    t->length && t->length <= VR_MAX_CPUS)
			return (unsigned int)t->length;
	}
	if (!kobj_has_symbol(prog, "node_data"))
		return 1;
	return (unsigned int)kobj_sizeof(prog, "nodemask_t") * 8;
}

static void task_cpus_allowed(struct strbuf *out, struct kobj task,
			      struct vr_error **err)
{
	struct vr_program *prog = task.prog;
	struct cpumask_set mask = { 0 };
	uint64_t nodes[VR_MAX_CPUS / 64] = { 0 };
	/* cpus_mask since v5.3, cpus_allowed before */
	struct kobj cpus = kobj_member(task, "cpus_mask.bits");
	unsigned int nr_nodes;

	if (cpus.err == VR_ERR_NOT_FOUND)
		cpus = kobj_member(task, "cpus_allowed.bits");
	keep(err, nr_cpu_ids(prog, &mask.nr_cpu_ids));
	read_bitmap(cpus, mask.bits, mask.nr_cpu_ids, err);
	if (*err)
		return;
	strbuf_puts(out, "Cpus_allowed:\t");
	bitmap_string(out, mask.bits, mask.nr_cpu_ids);
	strbuf_puts(out, "\nCpus_allowed_list:\t");
	cpumask_print_list(&mask, out);
	/* cpuset_task_status_allowed(): CONFIG_CPUSETS */
	if (!kobj_has_member(prog, "struct task_struct", "mems_allowed"))
		return;
	nr_nodes = max_numnodes(prog);
	if (nr_nodes > VR_MAX_CPUS)
		nr_nodes = VR_MAX_CPUS;
	read_bitmap(kobj_member(task, "mems_allowed.bits"), nodes, nr_nodes,
		    err);
	if (*err)
		return;
	strbuf_puts(out, "Mems_allowed:\t");
	bitmap_string(out, nodes, nr_nodes);
	strbuf_puts(out, "\nMems_allowed_list:\t");
	bitmap_list(out, nodes, nr_nodes);
	strbuf_putc(out, '\n');
}

/* arch/x86/kernel/cpu/proc.c, CONFIG_X86_USER_SHADOW_STACK (v6.6+) */
#define ARCH_SHSTK_SHSTK	(1ULL << 0)
#define ARCH_SHSTK_WRSS		(1ULL << 1)

static void x86_features(struct strbuf *out, const char *name,
			 uint64_t features)
{
	strbuf_printf(out, "%s:\t", name);
	if (features & ARCH_SHSTK_SHSTK)
		strbuf_puts(out, "shstk ");
	if (features & ARCH_SHSTK_WRSS)
		strbuf_puts(out, "wrss ");
	strbuf_putc(out, '\n');
}

static struct vr_error *proc_pid_status(struct strbuf *out, struct kobj task)
{
	struct vr_program *prog = task.prog;
	struct vr_error *err = NULL;
	struct kobj mm;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	task_name(out, task, &err);
	if (!err)
		task_state(out, task, &err);
	if (!err && get_task_mm(task, &mm, &err)) {
		task_mem(out, mm, &err);
		task_mm_extra(out, task, mm, &err);
	}
	if (!err)
		task_sig(out, task, &err);
	if (!err)
		task_cap(out, task, &err);
	if (!err)
		task_seccomp(out, task, &err);
	if (!err)
		task_cpus_allowed(out, task, &err);
	strbuf_printf(out, "voluntary_ctxt_switches:\t%llu\n",
		      (unsigned long long)kobj_member_u64(task, "nvcsw", &err));
	strbuf_printf(out, "nonvoluntary_ctxt_switches:\t%llu\n",
		      (unsigned long long)kobj_member_u64(task, "nivcsw", &err));
	if (kobj_has_member(prog, "struct thread_struct", "features")) {
		x86_features(out, "x86_Thread_features",
			     kobj_member_u64(task, "thread.features", &err));
		x86_features(out, "x86_Thread_features_locked",
			     kobj_member_u64(task, "thread.features_locked",
					     &err));
	}
	return err;
}

static struct vr_error *emit_status(struct emit_ctx *ctx)
{
	return proc_pid_status(&ctx->out, find_task(ctx->prog, ctx->id));
}

static struct vr_error *emit_tid_status(struct emit_ctx *ctx)
{
	return proc_pid_status(&ctx->out, find_thread(ctx->prog, ctx->id));
}

static const struct emitter proc_pid_status_emitter = {
	.path = "proc/{pid}/status",
	.enumerator = "pid",
	.emit = emit_status,
};
EMITTER(proc_pid_status_emitter);

static const struct emitter proc_tid_status_emitter = {
	.path = "proc/{pid}/task/{tid}/status",
	.enumerator = "tid",
	.emit = emit_tid_status,
};
EMITTER(proc_tid_status_emitter);
