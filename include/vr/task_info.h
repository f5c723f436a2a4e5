/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the /proc/<pid>/ files report about a task, named as the kernel
 * names it: pid numbers (kernel/pid.c), credentials, the task's mm and its
 * counters (include/linux/mm.h, fs/proc/task_mmu.c), times
 * (kernel/sched/cputime.c), threads, the blocked task's wait channel
 * (kernel/sched/core.c get_wchan()).
 *
 * Helpers that return one value take a sticky error, as in vr/mm.h: @err
 * points to the caller's first error; a helper called with *err set
 * returns 0 without reading, and a failing helper sets *err (which the
 * caller owns).  An emitter that prints many values reads them in a row
 * and checks once.
 */
#ifndef VR_TASK_INFO_H
#define VR_TASK_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/list.h"
#include "vr/object.h"
#include "vr/percpu.h"
#include "vr/strbuf.h"

/* include/generated/uapi/linux/version.h */
#define KERNEL_VERSION(a, b, c)						\
	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

/*
 * The dumped kernel's version from init_uts_ns.name.release ("6.1.0-50-amd64"
 * is KERNEL_VERSION(6, 1, 0)), 0 if unreadable.  Only for output that no
 * type or symbol tells apart (a line added to a /proc file).
 */
uint32_t linux_version_code(struct vr_program *prog);

/*
 * Member @path of @o read as an integer; atomic_t, atomic_long_t,
 * atomic64_t and refcount_t members are read through their counter.
 */
uint64_t kobj_member_u64(struct kobj o, const char *path,
			 struct vr_error **err);
int64_t kobj_member_s64(struct kobj o, const char *path,
			struct vr_error **err);

/* enum pid_type (include/linux/pid.h, v4.19+). */
#define PIDTYPE_PID	0
#define PIDTYPE_TGID	1
#define PIDTYPE_PGID	2
#define PIDTYPE_SID	3

/* MAX_PID_NS_LEVEL (kernel/pid_namespace.c) */
#define VR_MAX_PID_NS_LEVEL 32

/* pid_alive(): task->thread_pid is still set. */
bool pid_alive(struct kobj task, struct vr_error **err);
/* task_pid_ptr(): the struct pid of @task for @type (0 if none). */
uint64_t task_pid_ptr(struct kobj task, int type, struct vr_error **err);
/* pid_nr_ns(): the number of @pid in the pid namespace @ns (0 if none). */
uint64_t pid_nr_ns(struct vr_program *prog, uint64_t pid, uint64_t ns,
		   struct vr_error **err);
/* __task_pid_nr_ns(): 0 for a task whose pid is gone. */
uint64_t task_pid_nr_ns(struct kobj task, int type, uint64_t ns,
			struct vr_error **err);
/* The same in the initial pid namespace (&init_pid_ns). */
uint64_t task_pid_nr_init(struct kobj task, int type, struct vr_error **err);
/* task_ppid_nr_ns() in the initial namespace: the real parent's tgid. */
uint64_t task_ppid_nr(struct kobj task, struct vr_error **err);
/*
 * The namespaces @pid is visible in, from the initial one down:
 * pid->numbers[0 .. pid->level].ns.  Returns how many (at most
 * VR_MAX_PID_NS_LEVEL + 1).
 */
unsigned int pid_namespaces(struct vr_program *prog, uint64_t pid,
			    uint64_t ns[VR_MAX_PID_NS_LEVEL + 1],
			    struct vr_error **err);

/* The ids of task->real_cred (get_task_cred()), as in the initial user ns. */
struct task_cred_ids {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
};
struct vr_error *task_cred_ids(struct kobj task, struct task_cred_ids *ids);

/* include/linux/sched.h */
#define PF_EXITING	0x00000004
#define PF_POSTCOREDUMP	0x00000008
#define PF_DUMPCORE	0x00000200
#define PF_KTHREAD	0x00200000

/*
 * get_task_mm(): the task's struct mm_struct.  False (no error) for kernel
 * threads, which may borrow an mm, and exited tasks.
 */
bool get_task_mm(struct kobj task, struct kobj *mm, struct vr_error **err);

/* enum in include/linux/mm_types_task.h (MM_SHMEMPAGES since v4.5). */
#define MM_FILEPAGES	0
#define MM_ANONPAGES	1
#define MM_SWAPENTS	2
#define MM_SHMEMPAGES	3

/*
 * get_mm_counter(): mm->rss_stat.count[member] (an atomic before v6.2),
 * or the percpu_counter's global count (v6.2+), clamped at 0.
 * get_mm_counter_sum() adds what the CPUs still hold (percpu_counter_sum,
 * v6.2+; the same as get_mm_counter() before).
 */
uint64_t get_mm_counter(struct kobj mm, int member, struct vr_error **err);
uint64_t get_mm_counter_sum(struct kobj mm, int member,
			    struct vr_error **err);
/* get_mm_rss(): file + anon + shmem pages (get_mm_counter()). */
uint64_t get_mm_rss(struct kobj mm, struct vr_error **err);
/* task_vsize(): PAGE_SIZE * mm->total_vm, in bytes. */
uint64_t task_vsize(struct kobj mm, struct vr_error **err);

/*
 * access_remote_vm(): @len bytes of the process memory at user address
 * @addr, through mm->pgd.  Pages filtered out of the dump fail with
 * VR_ERR_EXCLUDED, pages not in memory (swapped out, never touched) with
 * VR_ERR_FAULT or VR_ERR_NOT_PRESENT.
 */
struct vr_error *access_remote_vm(struct kobj mm, uint64_t addr, void *buf,
				  size_t len);
/*
 * get_mm_cmdline() (fs/proc/base.c): what /proc/<pid>/cmdline holds, the
 * argument strings (mm->arg_start .. arg_end), or the first string from
 * arg_start when the process overwrote the end of its arguments
 * (setproctitle(), get_mm_proctitle()); nothing before exec got that far.
 * Fails as access_remote_vm() when the pages cannot be read.
 */
struct vr_error *get_mm_cmdline(struct kobj mm, struct strbuf *out);
/*
 * The stub reason for a failed read of user memory: "user pages excluded
 * from dump" for filtered pages, another for pages not in memory; NULL
 * for errors that are not about the user pages.
 */
const char *user_read_stub_reason(const struct vr_error *err);

/* USER_HZ is 100 on every architecture we read. */
#define USER_HZ 100
static inline uint64_t nsec_to_clock_t(uint64_t ns)
{
	return ns / (1000000000ULL / USER_HZ);
}

/*
 * task_cputime_adjusted() and thread_group_cputime_adjusted(): user and
 * system time in ns, scaled to the scheduler's runtime (cputime_adjust())
 * unless the kernel does native accounting (s390, some ppc64).  Pending
 * nohz_full vtime is not added.
 */
void task_cputime_adjusted(struct kobj task, uint64_t *ut, uint64_t *st,
			   struct vr_error **err);
void thread_group_cputime_adjusted(struct kobj task, uint64_t *ut,
				   uint64_t *st, struct vr_error **err);
/* task_gtime(): guest time in ns. */
uint64_t task_gtime(struct kobj task, struct vr_error **err);
/* The start time in ns since boot (task->start_boottime, v5.5+). */
uint64_t task_start_boottime(struct kobj task, struct vr_error **err);
/* task_nice(): -20..19; task_prio(): p->prio - MAX_RT_PRIO. */
int64_t task_nice(struct kobj task, struct vr_error **err);
int64_t task_prio(struct kobj task, struct vr_error **err);
/* task_cpu(): the CPU the task last ran on. */
uint64_t task_cpu(struct kobj task, struct vr_error **err);
/*
 * The task's controlling tty (do_task_stat()): tty_devnum() encoded by
 * new_encode_dev() (0 if none), and the tty's foreground process group
 * in the initial pid namespace (-1 if none).
 */
void task_tty(struct kobj task, int64_t *tty_nr, int64_t *tty_pgrp,
	      struct vr_error **err);
/* get_nr_threads(): task->signal->nr_threads. */
uint64_t get_nr_threads(struct kobj task, struct vr_error **err);

/*
 * for_each_thread(): the threads of @task's thread group, leader first
 * (task->signal->thread_head, linked by task->thread_node).
 */
#define for_each_thread(it, t, task)					\
	list_for_each_entry_obj(it, t,					\
				kobj_member(task, "signal->thread_head"), \
				"struct task_struct", "thread_node")

/*
 * include/linux/threads.h PID_MAX_LIMIT (64-bit): every task but the idle
 * ones has its own pid below it, so no more can exist at once.  A walk of
 * every process's threads (for_each_process_thread()) bounds its total
 * with it: the task list and each thread list are bounded one by one
 * (VR_LIST_LIMIT), their product is not.
 */
#define PID_MAX_LIMIT (1UL << 22)
/* VR_ERR_LIMIT once such a walk has taken @walked threads, the limit. */
struct vr_error *thread_walk_bound(size_t walked);

/*
 * The threads of every process as ids (tgid << 32 | tid), sorted: the
 * enumerator of proc/{pid}/task/{tid}/ files.
 */
struct vr_error *for_each_thread_ids(struct vr_program *prog, uint64_t **ids,
				     size_t *count);
static inline uint64_t tid_id_tgid(uint64_t id)
{
	return id >> 32;
}
static inline uint64_t tid_id_tid(uint64_t id)
{
	return id & 0xffffffffULL;
}
/* The thread of such an id: find_task(tid), which must be in tgid's group. */
struct kobj find_thread(struct vr_program *prog, uint64_t id);

/*
 * get_wchan(): where a blocked task waits, the first return address on
 * its kernel stack outside the scheduler and lock functions (0 for a
 * running task or one without a stack).  x86_64 unwinds with the kernel's
 * ORC tables, arm64 with frame records, ppc64 and s390 with the stack
 * back chain; other architectures fail with VR_ERR_UNSUPPORTED.
 */
struct vr_error *get_wchan(struct kobj task, uint64_t *pc);
/*
 * lookup_symbol_name(): the name of the kernel or module symbol holding
 * the run-time address @addr (VR_ERR_NOT_FOUND if none).
 */
struct vr_error *lookup_symbol_name(struct vr_program *prog, uint64_t addr,
				    char *buf, size_t size);

/* The ignored and caught signals of @task's handlers, as bit masks. */
void collect_sigign_sigcatch(struct kobj task, uint64_t *ign, uint64_t *catch,
			     struct vr_error **err);

#endif
