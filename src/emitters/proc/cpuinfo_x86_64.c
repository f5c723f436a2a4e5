// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cpuinfo on x86_64: arch/x86/kernel/cpu/proc.c show_cpuinfo() for
 * each CPU's struct cpuinfo_x86 (cpu_data(cpu), the per-CPU cpu_info).
 * The feature, bug, VMX and power-management names are the kernel's own
 * tables (x86_cap_flags[], x86_bug_flags[], x86_vmx_flags[],
 * x86_power_flags[]) read from the dump, so they match its version.
 */
#include <string.h>

#include "cpuinfo.h"
#include "vr/mm.h"

/* arch/x86/kernel/cpu/aperfmperf.c: a sample older than HZ/50 is stale. */
#define MAX_SAMPLE_AGE(hz) ((hz) / 50)

struct x86_tables {
	struct name_table cap, bug, vmx, power;
	unsigned int ncapints, nbugints;
	int tsc, vmx_bit, aperfmperf;	/* feature bits by name, -1 if none */
};

static void tables_free(struct x86_tables *t)
{
	name_table_free(&t->cap);
	name_table_free(&t->bug);
	name_table_free(&t->vmx);
	name_table_free(&t->power);
}

/* X86_FEATURE_* by its /proc/cpuinfo name (the bits are #defines). */
static int feature_bit(const struct x86_tables *t, const char *name)
{
	for (size_t i = 0; i < t->cap.n; i++)
		if (t->cap.names[i] && !strcmp(t->cap.names[i], name))
			return (int)i;
	return -1;
}

static struct vr_error *tables_read(struct vr_program *prog,
				    struct x86_tables *t)
{
	struct vr_error *err;

	memset(t, 0, sizeof(*t));
	err = name_table_read_var(prog, "x86_cap_flags", &t->cap);
	if (!err)
		err = name_table_read_var(prog, "x86_bug_flags", &t->bug);
	if (!err)
		err = name_table_read_var(prog, "x86_power_flags", &t->power);
	/* CONFIG_X86_VMX_FEATURE_NAMES */
	if (!err && kobj_has_symbol(prog, "x86_vmx_flags"))
		err = name_table_read_var(prog, "x86_vmx_flags", &t->vmx);
	if (err)
		return err;
	t->ncapints = (unsigned int)(t->cap.n / 32);
	t->nbugints = (unsigned int)(t->bug.n / 32);
	t->tsc = feature_bit(t, "tsc");
	t->vmx_bit = feature_bit(t, "vmx");
	t->aperfmperf = feature_bit(t, "aperfmperf");
	return NULL;
}

struct x86_cpu {
	struct kobj c;
	uint32_t caps[64];	/* x86_capability[NCAPINTS + NBUGINTS] */
	unsigned int ncaps;
};

/* cpu_has(c, bit): test_bit() in c->x86_capability. */
static bool cpu_has(const struct x86_cpu *x, int bit)
{
	return bit >= 0 && (unsigned int)bit / 32 < x->ncaps &&
	       (x->caps[bit / 32] >> (bit % 32)) & 1;
}

static struct vr_error *read_caps(struct kobj c, struct x86_cpu *x)
{
	struct kobj caps = kobj_member(c, "x86_capability");
	struct vr_error *err = NULL;

	if (!kobj_ok(&caps))
		return kobj_error(&caps);
	x->c = c;
	x->ncaps = (unsigned int)vr_type_unqualified(caps.type)->length;
	if (x->ncaps > 64)
		x->ncaps = 64;
	for (unsigned int i = 0; i < x->ncaps; i++)
		x->caps[i] = (uint32_t)mm_read_ulong(kobj_index(caps, i), &err);
	return err;
}

static uint64_t member(struct kobj c, const char *name, struct vr_error **err)
{
	return mm_read_ulong(kobj_member(c, name), err);
}

static int64_t smember(struct kobj c, const char *name, struct vr_error **err)
{
	return mm_read_long(kobj_member(c, name), err);
}

/* The topology ids: c->topo (v6.8+) or the fields before it. */
static int64_t topo(struct kobj c, const char *now, const char *before,
		    struct vr_error **err)
{
	if (kobj_has_member(c.prog, "struct cpuinfo_x86", "topo"))
		return mm_read_long(kobj_member(kobj_member(c, "topo"), now), err);
	return mm_read_long(kobj_member(c, before), err);
}

/*
 * cpufreq_quick_get(): the policy's last known frequency.  A driver with
 * setpolicy and get (intel_pstate) would ask the hardware; its policy's
 * cur is what it last reported.
 */
static uint64_t cpufreq_quick_get(struct cpuinfo *ci, unsigned int cpu,
				  struct vr_error **err)
{
	struct kobj data = kobj_var(ci->prog, "cpufreq_cpu_data");
	uint64_t driver, policy;

	if (!kobj_ok(&data))
		return 0;	/* !CONFIG_CPU_FREQ */
	driver = mm_read_ulong(kobj_var(ci->prog, "cpufreq_driver"), err);
	if (*err || !driver)
		return 0;
	policy = mm_read_ulong(per_cpu(data, cpu), err);
	if (*err || !policy)
		return 0;
	return mm_read_ulong(kobj_member(kobj_deref(per_cpu(data, cpu)), "cur"),
			     err);
}

/*
 * arch_freq_get_on_cpu(): the last APERF/MPERF sample of the CPU if it
 * is fresh (at the time of the crash), else cpufreq, else cpu_khz.
 */
static uint64_t cpu_khz_now(struct cpuinfo *ci, const struct x86_tables *t,
			    const struct x86_cpu *boot, unsigned int cpu,
			    struct vr_error **err)
{
	struct vr_program *prog = ci->prog;
	uint64_t khz = mm_read_ulong(kobj_var(prog, "cpu_khz"), err);
	uint64_t freq;

	if (cpu_has(boot, t->aperfmperf) && kobj_has_symbol(prog, "cpu_samples")) {
		struct kobj s = per_cpu(kobj_var(prog, "cpu_samples"), cpu);
		uint64_t last = member(s, "last_update", err);
		uint64_t acnt = member(s, "acnt", err);
		uint64_t mcnt = member(s, "mcnt", err);
		uint64_t jiffies = mm_read_ulong(kobj_var(prog, "jiffies"), err);

		if (!*err && mcnt && jiffies - last <= MAX_SAMPLE_AGE(ci->hz))
			return khz * acnt / mcnt;
	}
	freq = cpufreq_quick_get(ci, cpu, err);
	return freq ? freq : khz;
}

static void show_flags(struct cpuinfo *ci, const struct x86_tables *t,
		       const struct x86_cpu *x, struct vr_error **err)
{
	struct strbuf *out = ci->out;

	strbuf_puts(out, "flags\t\t:");
	for (unsigned int i = 0; i < 32 * t->ncapints && i < t->cap.n; i++)
		if (cpu_has(x, (int)i) && t->cap.names[i])
			strbuf_printf(out, " %s", t->cap.names[i]);
	if (t->vmx.n && cpu_has(x, t->vmx_bit)) {
		struct kobj vmx = kobj_member(x->c, "vmx_capability");
		uint64_t n = kobj_ok(&vmx) ? vr_type_unqualified(vmx.type)->length : 0;
		uint32_t words[8] = { 0 };

		for (uint64_t w = 0; w < n && w < 8; w++)
			words[w] = (uint32_t)mm_read_ulong(kobj_index(vmx, w), err);
		if (n && words[0]) {
			strbuf_puts(out, "\nvmx flags\t:");
			for (unsigned int i = 0; i < 32 * n && i < t->vmx.n && i < 256; i++)
				if ((words[i / 32] >> (i % 32)) & 1 && t->vmx.names[i])
					strbuf_printf(out, " %s", t->vmx.names[i]);
		}
	}
	strbuf_puts(out, "\nbugs\t\t:");
	for (unsigned int i = 0; i < 32 * t->nbugints && i < t->bug.n; i++)
		if (cpu_has(x, (int)(32 * t->ncapints + i)) && t->bug.names[i])
			strbuf_printf(out, " %s", t->bug.names[i]);
}

static void show_power(struct cpuinfo *ci, const struct x86_tables *t,
		       uint64_t power)
{
	strbuf_puts(ci->out, "power management:");
	for (unsigned int i = 0; i < 32; i++) {
		if (!(power & (1U << i)))
			continue;
		if (i < t->power.n && t->power.names[i])
			strbuf_printf(ci->out, "%s%s",
				      t->power.names[i][0] ? " " : "",
				      t->power.names[i]);
		else
			strbuf_printf(ci->out, " [%d]", i);
	}
	strbuf_puts(ci->out, "\n\n");
}

static struct vr_error *show_cpu(struct cpuinfo *ci, const struct x86_tables *t,
				 const struct x86_cpu *boot, unsigned int cpu)
{
	struct kobj c = per_cpu(kobj_var(ci->prog, "cpu_info"), cpu);
	struct strbuf *out = ci->out;
	char vendor[17], model[65];
	struct vr_error *err;
	unsigned int siblings;
	struct x86_cpu x;
	int64_t cpuid_level, tlbsize;
	uint64_t stepping, microcode, cache, khz;

	err = read_caps(c, &x);
	if (!err)
		err = kobj_read_cstr(kobj_member(c, "x86_vendor_id"), vendor,
				     sizeof(vendor));
	if (!err)
		err = kobj_read_cstr(kobj_member(c, "x86_model_id"), model,
				     sizeof(model));
	if (!err)
		err = cpumask_var_weight(per_cpu(kobj_var(ci->prog, "cpu_core_map"),
						 cpu), &siblings);
	if (err)
		return err;
	strbuf_printf(out, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %d\n"
		      "model\t\t: %u\nmodel name\t: %s\n", cpu,
		      vendor[0] ? vendor : "unknown",
		      (int)member(c, "x86", &err),
		      (unsigned int)member(c, "x86_model", &err),
		      model[0] ? model : "unknown");
	stepping = member(c, "x86_stepping", &err);
	cpuid_level = smember(c, "cpuid_level", &err);
	if (stepping || cpuid_level >= 0)
		strbuf_printf(out, "stepping\t: %d\n", (int)stepping);
	else
		strbuf_puts(out, "stepping\t: unknown\n");
	microcode = member(c, "microcode", &err);
	if (microcode)
		strbuf_printf(out, "microcode\t: 0x%x\n", (unsigned int)microcode);
	if (cpu_has(&x, t->tsc)) {
		khz = cpu_khz_now(ci, t, boot, cpu, &err);
		strbuf_printf(out, "cpu MHz\t\t: %u.%03u\n",
			      (unsigned int)khz / 1000, (unsigned int)khz % 1000);
	}
	cache = member(c, "x86_cache_size", &err);
	if (cache)
		strbuf_printf(out, "cache size\t: %u KB\n", (unsigned int)cache);
	/* show_cpuinfo_core() (CONFIG_SMP) */
	strbuf_printf(out, "physical id\t: %d\n",
		      (int)topo(c, "pkg_id", "phys_proc_id", &err));
	strbuf_printf(out, "siblings\t: %d\n", siblings);
	strbuf_printf(out, "core id\t\t: %d\n",
		      (int)topo(c, "core_id", "cpu_core_id", &err));
	strbuf_printf(out, "cpu cores\t: %d\n", (int)smember(c, "booted_cores", &err));
	strbuf_printf(out, "apicid\t\t: %d\n", (int)topo(c, "apicid", "apicid", &err));
	strbuf_printf(out, "initial apicid\t: %d\n",
		      (int)topo(c, "initial_apicid", "initial_apicid", &err));
	/* show_cpuinfo_misc() on 64-bit */
	strbuf_printf(out, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %d\n"
		      "wp\t\t: yes\n", (int)cpuid_level);
	show_flags(ci, t, &x, &err);
	strbuf_puts(out, "\nbogomips\t: ");
	print_bogomips(ci, member(c, "loops_per_jiffy", &err));
	strbuf_putc(out, '\n');
	tlbsize = smember(c, "x86_tlbsize", &err);
	if (tlbsize > 0)
		strbuf_printf(out, "TLB size\t: %d 4K pages\n", (int)tlbsize);
	strbuf_printf(out, "clflush size\t: %u\n",
		      (unsigned int)member(c, "x86_clflush_size", &err));
	strbuf_printf(out, "cache_alignment\t: %d\n",
		      (int)smember(c, "x86_cache_alignment", &err));
	strbuf_printf(out, "address sizes\t: %u bits physical, %u bits virtual\n",
		      (unsigned int)member(c, "x86_phys_bits", &err),
		      (unsigned int)member(c, "x86_virt_bits", &err));
	show_power(ci, t, member(c, "x86_power", &err));
	return err ? vr_error_wrap(err, "cpu %u", cpu) : NULL;
}

struct vr_error *cpuinfo_show_x86_64(struct cpuinfo *ci)
{
	struct x86_tables t;
	struct x86_cpu boot;
	struct vr_error *err = tables_read(ci->prog, &t);
	unsigned int cpu;

	/* boot_cpu_has(): boot_cpu_data's capabilities. */
	if (!err)
		err = read_caps(kobj_var(ci->prog, "boot_cpu_data"), &boot);
	for_each_cpu(cpu, &ci->cpus) {
		if (err)
			break;
		err = show_cpu(ci, &t, &boot, cpu);
	}
	tables_free(&t);
	return err;
}
