/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/sys files whose value is a kernel variable: what the sysctl
 * handlers of kernel/sysctl.c print when read (proc_dointvec(),
 * proc_douintvec(), proc_doulongvec_minmax(), proc_dostring(),
 * proc_dointvec_jiffies()), and a few handlers that compute the value
 * from variables (sysrq, random/boot_id).
 */
#ifndef VR_SYSCTL_H
#define VR_SYSCTL_H

#include "vr/object.h"
#include "vr/strbuf.h"

enum sysctl_fmt {
	SYSCTL_INT,		/* proc_dointvec(): "%d", '\t'-separated */
	SYSCTL_UINT,		/* proc_douintvec(): "%u" */
	SYSCTL_ULONG,		/* proc_doulongvec_minmax(): "%lu" */
	SYSCTL_STRING,		/* proc_dostring(): a char array */
	SYSCTL_JIFFIES,		/* proc_dointvec_jiffies(): value / HZ */
	SYSCTL_SYSRQ,		/* sysrq_mask(): 1 if sysrq_always_enabled */
	SYSCTL_UUID,		/* proc_do_uuid() of a boot id: "%pU" */
};

struct sysctl_var {
	const char *file;	/* under proc/sys/<dir>/ */
	/*
	 * The variable ("pid_max"), or a member of one
	 * ("init_ipc_ns.msg_ctlmax", "printk_ratelimit_state.burst").
	 */
	const char *data;
	enum sysctl_fmt fmt;
	unsigned int count;	/* array entries printed (0 or 1: one) */
};

/*
 * The file's text for @v, appended to @out.  VR_ERR_NOT_FOUND when the
 * variable is not in this kernel (not built: the file does not exist);
 * VR_ERR_NOT_PRESENT for a boot id never read (the kernel makes it then).
 */
struct vr_error *sysctl_show(struct vr_program *prog,
			     const struct sysctl_var *v, struct strbuf *out);

/*
 * An emitter for /proc/sys/DIR/FILE that prints kernel variable @d
 * (src/emitters/proc/sys/sysctl_var.c): a variable the kernel was built
 * without is a file it does not have, and a stub says so.
 */
struct emit_ctx;
struct vr_error *emit_sysctl_var(struct emit_ctx *ctx,
				 const struct sysctl_var *v);

#define SYSCTL_VAR(dir, id, f, d, fm, n)				\
	static struct vr_error *emit_##id(struct emit_ctx *ctx)		\
	{								\
		static const struct sysctl_var v = {			\
			.file = f, .data = d, .fmt = fm, .count = n,	\
		};							\
		return emit_sysctl_var(ctx, &v);			\
	}								\
	static const struct emitter dir##_##id = {			\
		.path = "proc/sys/" #dir "/" f,				\
		.emit = emit_##id,					\
	};								\
	EMITTER(dir##_##id)

#endif
