/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-CPU data and CPU masks, named as in the kernel. */
#ifndef VR_PERCPU_H
#define VR_PERCPU_H

#include "vr/object.h"

/* Bound on the CPUs we track (the kernel's NR_CPUS is at most 8192). */
#define VR_MAX_CPUS 8192

struct cpumask_set {
	uint64_t bits[VR_MAX_CPUS / 64];
	unsigned int nr_cpu_ids;	/* bits beyond are ignored */
};

/* Offset of CPU @cpu's area: __per_cpu_offset[cpu] (0 on UP kernels). */
struct vr_error *per_cpu_offset(struct vr_program *prog, unsigned int cpu,
				uint64_t *ret);
/* per_cpu(var, cpu): CPU @cpu's instance of the per-CPU variable @var. */
struct kobj per_cpu(struct kobj var, unsigned int cpu);
/* per_cpu_ptr(ptr, cpu): for a __percpu pointer, CPU @cpu's object. */
struct kobj per_cpu_ptr(struct kobj ptr, unsigned int cpu);

/* nr_cpu_ids */
struct vr_error *nr_cpu_ids(struct vr_program *prog, unsigned int *ret);
/* A struct cpumask variable: "__cpu_online_mask", "__cpu_possible_mask"... */
struct vr_error *read_cpumask(struct vr_program *prog, const char *var,
			      struct cpumask_set *mask);
/* cpu_online_mask and friends, by their kernel names. */
struct vr_error *cpu_online_mask(struct vr_program *prog,
				 struct cpumask_set *mask);
struct vr_error *cpu_possible_mask(struct vr_program *prog,
				   struct cpumask_set *mask);
struct vr_error *cpu_present_mask(struct vr_program *prog,
				  struct cpumask_set *mask);

static inline bool cpumask_test_cpu(unsigned int cpu,
				    const struct cpumask_set *mask)
{
	return cpu < mask->nr_cpu_ids && (mask->bits[cpu / 64] >> (cpu % 64)) & 1;
}

/* The next set CPU after @cpu (-1 to start), or nr_cpu_ids. */
unsigned int cpumask_next(int cpu, const struct cpumask_set *mask);
unsigned int cpumask_weight(const struct cpumask_set *mask);

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_next(-1, mask); (cpu) < (mask)->nr_cpu_ids;	\
	     (cpu) = cpumask_next((int)(cpu), mask))

/* "0-3,8" as in /sys/devices/system/cpu/online (cpumap_print_list). */
void cpumask_print_list(const struct cpumask_set *mask, struct strbuf *out);

#endif
