/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/cpuinfo: each architecture's show_cpuinfo(), one file each
 * (cpuinfo_<arch>.c), and what they share (cpuinfo.c).
 */
#ifndef VR_EMITTERS_PROC_CPUINFO_H
#define VR_EMITTERS_PROC_CPUINFO_H

#include "vr/emitter.h"
#include "vr/percpu.h"

struct cpuinfo {
	struct vr_program *prog;
	struct strbuf *out;
	/* The CPUs the file shows (see cpuinfo_cpus()). */
	struct cpumask_set cpus;
	unsigned int hz;		/* CONFIG_HZ */
	const char *partial;		/* a trailing "partial" note, or NULL */
};

/* A kernel array of C strings (const char *names[]): NULL entries kept. */
struct name_table {
	char **names;
	size_t n;
};

struct vr_error *name_table_read(struct vr_program *prog, uint64_t addr,
				 size_t n, struct name_table *t);
/* The table of the array variable @var (its length from its type). */
struct vr_error *name_table_read_var(struct vr_program *prog, const char *var,
				     struct name_table *t);
void name_table_free(struct name_table *t);

/* "%lu.%02lu" of loops_per_jiffy as BogoMIPS (HZ from the kernel). */
void print_bogomips(struct cpuinfo *ci, uint64_t lpj);

/* cpumask_weight() of a cpumask_var_t (a pointer with OFFSTACK masks). */
struct vr_error *cpumask_var_weight(struct kobj mask, unsigned int *weight);

struct vr_error *cpuinfo_show_x86_64(struct cpuinfo *ci);
struct vr_error *cpuinfo_show_aarch64(struct cpuinfo *ci);
struct vr_error *cpuinfo_show_ppc64(struct cpuinfo *ci);
struct vr_error *cpuinfo_show_s390x(struct cpuinfo *ci);

#endif
