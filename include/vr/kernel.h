/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel helpers, named as the kernel names them. */
#ifndef VR_KERNEL_H
#define VR_KERNEL_H

#include "vr/list.h"
#include "vr/object.h"

#define NEW_UTS_LEN 64

/* A field of init_uts_ns.name: "sysname", "nodename", "release", ... */
struct vr_error *init_utsname_field(struct vr_program *prog, const char *field,
				    char buf[NEW_UTS_LEN + 1]);

/* The pids of all thread-group leaders (not the idle task), sorted. */
struct vr_error *for_each_process_pids(struct vr_program *prog,
				       uint64_t **pids, size_t *count);
/* find_task(): the task with @pid in the initial pid namespace. */
struct kobj find_task(struct vr_program *prog, uint64_t pid);
/* find_pid_ns(@nr, &init_pid_ns): the struct pid, or a failed object. */
struct kobj find_vpid(struct vr_program *prog, uint64_t nr);
/* pid_task(pid, PIDTYPE_PID): the task using @pid. */
struct kobj pid_task(struct kobj pid);

/*
 * The task's state as /proc prints it (fs/proc/array.c
 * task_state_array[]): index 0-8 of "RSDTtXZPI".
 */
struct vr_error *task_state_index(struct kobj task, unsigned int *index);
char task_state_to_char(struct kobj task);
/* "R (running)", "S (sleeping)", ... for the index. */
const char *task_state_name(unsigned int index);

#define TASK_COMM_LEN 16
/* The buffer proc_task_name() fills in fs/proc/array.c. */
#define PROC_TASK_NAME_LEN 64

/*
 * The name /proc shows for a task (proc_task_name()): comm, the full name
 * of a kernel thread, or a workqueue worker's comm with its work's
 * description.
 */
struct vr_error *proc_task_name(struct kobj task,
				char buf[PROC_TASK_NAME_LEN]);

/*
 * Bound on the modules a walk keeps: the kernel sets none, but a machine
 * loads a few hundred at most (Debian's 6.12 amd64 ships 4230, for every
 * kind of hardware); a longer list is corrupt.
 */
#define VR_MAX_MODULES 4096

/* Loaded modules: entries of the `modules` list, as struct module. */
#define for_each_module(it, mod, prog)					\
	list_for_each_entry(it, mod, prog, modules_head(prog),		\
			    "struct module", "list")
uint64_t modules_head(struct vr_program *prog);

#define MODULE_NAME_LEN 56

/* What /proc/modules reports for a module (kernel/module/procfs.c). */
struct vr_error *module_total_size(struct kobj mod, uint64_t *size);
struct vr_error *module_text_base(struct kobj mod, uint64_t *base);
/* module_refcount(): refcnt - MODULE_REF_BASE. */
struct vr_error *module_refcount(struct kobj mod, int64_t *ret);
/* The module's state enumerator name ("MODULE_STATE_LIVE"), or NULL. */
const char *module_state_name(struct kobj mod);
/* module_flags_taint(): the taint letters of a module, e.g. "OE". */
struct vr_error *module_taint_letters(struct kobj mod, char *buf,
				      size_t size);
/*
 * /sys/module/<name>/coresize (kernel/module/sysfs.c show_coresize()):
 * the core sections' size, without the init sections that
 * module_total_size() also counts while the module initializes.
 */
struct vr_error *module_coresize(struct kobj mod, uint64_t *size);
/*
 * The entries of /sys/module/<name>/holders/ (the modules using @mod, as
 * in its source_list) in readdir() order: the kernfs directory's rbtree
 * order (name hash, then name).  @fn returns false to stop.
 */
struct vr_error *module_for_each_holder(struct kobj mod,
					bool (*fn)(void *arg, const char *name),
					void *arg);

/*
 * The time of the crash in seconds since the epoch, and where it came from
 * ("VMCOREINFO CRASHTIME", "timekeeper", "dump header"): the first source
 * with a time in 1970..9999, so gmtime_r() takes it.
 */
struct vr_error *crash_time(struct vr_program *prog, int64_t *ret,
			    const char **source);

#endif
