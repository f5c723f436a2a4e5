// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-CPU areas and CPU masks. */
#include <stdio.h>
#include <string.h>

#include "vr/percpu.h"

struct vr_error *per_cpu_offset(struct vr_program *prog, unsigned int cpu,
				uint64_t *ret)
{
	struct kobj offsets = kobj_var(prog, "__per_cpu_offset");

	/* !CONFIG_SMP kernels have no per-CPU offsets. */
	if (offsets.err == VR_ERR_NOT_FOUND) {
		*ret = 0;
		return NULL;
	}
	return kobj_read_u64(kobj_index(offsets, cpu), ret);
}

static struct kobj failed(struct kobj o, struct vr_error *err)
{
	kobj_set_error(&o, err);
	return o;
}

struct kobj per_cpu(struct kobj var, unsigned int cpu)
{
	uint64_t off;
	struct vr_error *err;

	if (!kobj_ok(&var))
		return var;
	if (var.is_value)
		return failed(var, vr_error_create(VR_ERR_TYPE,
						   "per_cpu() of a value"));
	err = per_cpu_offset(var.prog, cpu, &off);
	if (err)
		return failed(var, err);
	var.addr += off;
	return var;
}

struct kobj per_cpu_ptr(struct kobj ptr, unsigned int cpu)
{
	const struct vr_type *t;
	uint64_t value, off;
	struct vr_error *err;
	struct kobj o;

	if (!kobj_ok(&ptr))
		return ptr;
	t = vr_type_unqualified(ptr.type);
	if (t->kind != VR_TYPE_POINTER)
		return failed(ptr, vr_error_create(VR_ERR_TYPE,
						   "per_cpu_ptr() of a non-pointer"));
	err = kobj_read_u64(ptr, &value);
	if (!err)
		err = per_cpu_offset(ptr.prog, cpu, &off);
	if (err)
		return failed(ptr, err);
	o = kobj_deref(kobj_value_of(ptr.prog, t, value + off));
	return o;
}

struct vr_error *nr_cpu_ids(struct vr_program *prog, unsigned int *ret)
{
	uint64_t v;
	struct vr_error *err = kobj_read_u64(kobj_var(prog, "nr_cpu_ids"), &v);

	/* !CONFIG_SMP: nr_cpu_ids is the constant 1. */
	if (err && err->code == VR_ERR_NOT_FOUND) {
		vr_error_destroy(err);
		v = 1;
		err = NULL;
	}
	if (!err)
		*ret = v > VR_MAX_CPUS ? VR_MAX_CPUS : (unsigned int)v;
	return err;
}

struct vr_error *read_cpumask(struct vr_program *prog, const char *var,
			      struct cpumask_set *mask)
{
	struct kobj bits = kobj_member(kobj_var(prog, var), "bits");
	struct vr_error *err;
	uint64_t nwords;

	memset(mask, 0, sizeof(*mask));
	err = nr_cpu_ids(prog, &mask->nr_cpu_ids);
	if (err)
		return err;
	if (!kobj_ok(&bits))
		return kobj_error(&bits);
	nwords = (mask->nr_cpu_ids + 63) / 64;
	for (uint64_t i = 0; i < nwords; i++) {
		/* unsigned long: 64-bit on every architecture we read. */
		err = kobj_read_u64(kobj_index(bits, i), &mask->bits[i]);
		if (err)
			return err;
	}
	return NULL;
}

struct vr_error *cpu_online_mask(struct vr_program *prog,
				 struct cpumask_set *mask)
{
	return read_cpumask(prog, "__cpu_online_mask", mask);
}

struct vr_error *cpu_possible_mask(struct vr_program *prog,
				   struct cpumask_set *mask)
{
	return read_cpumask(prog, "__cpu_possible_mask", mask);
}

struct vr_error *cpu_present_mask(struct vr_program *prog,
				  struct cpumask_set *mask)
{
	return read_cpumask(prog, "__cpu_present_mask", mask);
}

unsigned int cpumask_next(int cpu, const struct cpumask_set *mask)
{
	for (unsigned int c = (unsigned int)(cpu + 1); c < mask->nr_cpu_ids; c++) {
		if (cpumask_test_cpu(c, mask))
			return c;
	}
	return mask->nr_cpu_ids;
}

unsigned int cpumask_weight(const struct cpumask_set *mask)
{
	unsigned int n = 0, cpu;

	for_each_cpu(cpu, mask)
		n++;
	return n;
}

void cpumask_print_list(const struct cpumask_set *mask, struct strbuf *out)
{
	unsigned int cpu = cpumask_next(-1, mask);
	bool first = true;

	while (cpu < mask->nr_cpu_ids) {
		unsigned int end = cpu;

		while (end + 1 < mask->nr_cpu_ids &&
		       cpumask_test_cpu(end + 1, mask))
			end++;
		strbuf_printf(out, first ? "%u" : ",%u", cpu);
		if (end > cpu)
			strbuf_printf(out, "-%u", end);
		first = false;
		cpu = cpumask_next((int)end, mask);
	}
	strbuf_putc(out, '\n');
}
