// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cpuinfo: fs/proc/cpuinfo.c hands the file to the architecture's
 * cpuinfo_op; each one lives in cpuinfo_<arch>.c.  Here: the CPUs it
 * shows, CONFIG_HZ and the kernel's name tables, which they share.
 */
#include <stdlib.h>
#include <string.h>

#include "cpuinfo.h"
#include "vr/mm.h"
#include "vr/util.h"

/* Bound on a kernel name table (x86_cap_flags has 32 * NCAPINTS). */
#define NAME_TABLE_LIMIT 4096

struct vr_error *name_table_read(struct vr_program *prog, uint64_t addr,
				 size_t n, struct name_table *t)
{
	struct vr_error *err;
	uint8_t *raw;

	memset(t, 0, sizeof(*t));
	if (n > NAME_TABLE_LIMIT)
		return vr_error_create(VR_ERR_CORRUPT, "name table of %zu entries",
				       n);
	t->names = xcalloc_array(n ? n : 1, sizeof(*t->names));
	raw = malloc(n * prog->ptr_size + 1);
	if (!t->names || !raw) {
		free(raw);
		name_table_free(t);
		return &vr_enomem;
	}
	t->n = n;
	err = vr_program_read(prog, addr, raw, n * prog->ptr_size);
	for (size_t i = 0; !err && i < n; i++) {
		uint64_t p = vr_get_uint(raw + i * prog->ptr_size, prog->ptr_size,
					 prog->big_endian);
		char buf[128];

		if (!p)
			continue;
		err = vr_program_read_cstr(prog, p, buf, sizeof(buf));
		if (!err && !(t->names[i] = strdup(buf)))
			err = &vr_enomem;
	}
	free(raw);
	if (err)
		name_table_free(t);
	return err;
}

struct vr_error *name_table_read_var(struct vr_program *prog, const char *var,
				     struct name_table *t)
{
	struct kobj arr = kobj_var(prog, var);
	const struct vr_type *type;

	if (!kobj_ok(&arr))
		return kobj_error(&arr);
	type = vr_type_unqualified(arr.type);
	if (type->kind != VR_TYPE_ARRAY)
		return vr_error_create(VR_ERR_TYPE, "%s is not an array", var);
	return name_table_read(prog, kobj_addr(&arr), type->length, t);
}

void name_table_free(struct name_table *t)
{
	for (size_t i = 0; t->names && i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

void print_bogomips(struct cpuinfo *ci, uint64_t lpj)
{
	strbuf_printf(ci->out, "%llu.%02llu",
		      (unsigned long long)(lpj / (500000 / ci->hz)),
		      (unsigned long long)((lpj / (5000 / ci->hz)) % 100));
}

struct vr_error *cpumask_var_weight(struct kobj mask, unsigned int *weight)
{
	struct cpumask_set set = { 0 };
	struct kobj bits;
	struct vr_error *err;
	uint64_t nwords;

	/* CONFIG_CPUMASK_OFFSTACK: cpumask_var_t is a struct cpumask *. */
	if (kobj_ok(&mask) &&
	    vr_type_unqualified(mask.type)->kind == VR_TYPE_POINTER)
		mask = kobj_deref(mask);
	/* Else an array of one struct cpumask. */
	else if (kobj_ok(&mask) &&
		 vr_type_unqualified(mask.type)->kind == VR_TYPE_ARRAY)
		mask = kobj_index(mask, 0);
	bits = kobj_member(mask, "bits");
	err = nr_cpu_ids(mask.prog, &set.nr_cpu_ids);
	if (err)
		return err;
	if (!kobj_ok(&bits))
		return kobj_error(&bits);
	nwords = (set.nr_cpu_ids + 63) / 64;
	for (uint64_t i = 0; i < nwords; i++) {
		err = kobj_read_u64(kobj_index(bits, i), &set.bits[i]);
		if (err)
			return err;
	}
	*weight = cpumask_weight(&set);
	return NULL;
}

/*
 * CONFIG_HZ is no symbol; kernel/time/ntp.c keeps tick_nsec, NSEC_PER_SEC
 * / HZ give or take the NTP frequency correction (parts per million).
 */
static struct vr_error *cpuinfo_hz(struct vr_program *prog, unsigned int *hz)
{
	struct vr_error *err = NULL;
	uint64_t tick = mm_read_ulong(kobj_var(prog, "tick_nsec"), &err);

	if (err)
		return vr_error_wrap(err, "HZ: ");
	if (tick < 100000 || tick > 100000000)
		return vr_error_create(VR_ERR_CORRUPT, "HZ: tick_nsec is %llu",
				       (unsigned long long)tick);
	*hz = (unsigned int)((1000000000ULL + tick / 2) / tick);
	return NULL;
}

/*
 * The CPUs the kernel shows: the online ones.  A panic stops the other
 * CPUs and marks them offline (x86 stop_this_cpu(), ppc64
 * nmi_stop_this_cpu(), arm64 ipi_cpu_stop()) without CPU hotplug, so a
 * present CPU whose hotplug state (kernel/cpu.c cpuhp_state) is still
 * that of an online CPU, CPUHP_ONLINE, was online until the crash: it is
 * shown too, as the file showed it before.  A CPU that hotplug took
 * offline is not.  (CPUHP_ONLINE is taken from the first online CPU,
 * which is the same, rather than from the enum.)
 */
static struct vr_error *cpuinfo_cpus(struct vr_program *prog,
				     struct cpumask_set *cpus)
{
	struct kobj state = kobj_var(prog, "cpuhp_state");
	struct cpumask_set present;
	struct vr_error *err;
	int64_t online;
	unsigned int cpu;

	err = cpu_online_mask(prog, cpus);
	if (!err)
		err = cpu_present_mask(prog, &present);
	if (err)
		return err;
	cpu = cpumask_next(-1, cpus);
	if (!kobj_ok(&state) || cpu >= cpus->nr_cpu_ids)
		return NULL;
	online = mm_read_long(kobj_member(per_cpu(state, cpu), "state"), &err);
	if (err) {
		vr_error_destroy(err);
		return NULL;
	}
	for_each_cpu(cpu, &present) {
		struct vr_error *e = NULL;
		int64_t s;

		if (cpumask_test_cpu(cpu, cpus))
			continue;
		s = mm_read_long(kobj_member(per_cpu(state, cpu), "state"), &e);
		if (e)
			vr_error_destroy(e);
		else if (s == online)
			cpus->bits[cpu / 64] |= 1ULL << (cpu % 64);
	}
	return NULL;
}

static struct vr_error *emit_cpuinfo(struct emit_ctx *ctx)
{
	struct cpuinfo ci = { .prog = ctx->prog, .out = &ctx->out };
	const char *arch = ctx->prog->arch->name;
	struct vr_error *err;

	err = cpuinfo_cpus(ctx->prog, &ci.cpus);
	if (!err)
		err = cpuinfo_hz(ctx->prog, &ci.hz);
	if (err)
		return err;
	if (!strcmp(arch, "x86_64"))
		err = cpuinfo_show_x86_64(&ci);
	else if (!strcmp(arch, "aarch64"))
		err = cpuinfo_show_aarch64(&ci);
	else if (!strcmp(arch, "ppc64"))
		err = cpuinfo_show_ppc64(&ci);
	else if (!strcmp(arch, "s390x"))
		err = cpuinfo_show_s390x(&ci);
	else
		return emit_stub(ctx, "no /proc/cpuinfo for %s yet", arch);
	if (!err && ci.partial)
		strbuf_printf(&ctx->out, "# vmcore-report: partial - %s\n",
			      ci.partial);
	return err;
}

static const struct emitter proc_cpuinfo = {
	.path = "proc/cpuinfo",
	.emit = emit_cpuinfo,
};
EMITTER(proc_cpuinfo);
