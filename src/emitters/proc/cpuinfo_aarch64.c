// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cpuinfo on arm64: arch/arm64/kernel/cpuinfo.c c_show(), for a
 * 64-bit reader (a PER_LINUX32 one gets the compat hwcaps): per online
 * CPU its BogoMIPS, the system's hwcaps by the kernel's own hwcap_str[]
 * names (elf_hwcap bits, cpu_have_feature()) and the MIDR fields of its
 * struct cpuinfo_arm64.
 */
#include "cpuinfo.h"
#include "vr/mm.h"

/* arch/arm64/include/asm/cputype.h */
#define MIDR_REVISION(midr)	((midr) & 0xf)
#define MIDR_PARTNUM(midr)	(((midr) >> 4) & 0xfff)
#define MIDR_VARIANT(midr)	(((midr) >> 20) & 0xf)
#define MIDR_IMPLEMENTOR(midr)	(((midr) >> 24) & 0xff)

/* cpu_have_feature(num): test_bit(num, elf_hwcap). */
static bool cpu_have_feature(struct kobj elf_hwcap, unsigned int num,
			     struct vr_error **err)
{
	uint64_t word = mm_read_ulong(kobj_index(elf_hwcap, num / 64), err);

	return (word >> (num % 64)) & 1;
}

struct vr_error *cpuinfo_show_aarch64(struct cpuinfo *ci)
{
	struct vr_program *prog = ci->prog;
	struct kobj elf_hwcap = kobj_var(prog, "elf_hwcap");
	struct kobj cpu_data = kobj_var(prog, "cpu_data");
	struct vr_error *err = NULL;
	struct strbuf features = STRBUF_INIT;
	struct name_table hwcap_str;
	uint64_t lpj, nbits;
	unsigned int cpu;

	if (!kobj_ok(&elf_hwcap))
		return kobj_error(&elf_hwcap);
	lpj = mm_read_ulong(kobj_var(prog, "loops_per_jiffy"), &err);
	if (err)
		return err;
	err = name_table_read_var(prog, "hwcap_str", &hwcap_str);
	if (err)
		return err;
	/* The hwcaps are the system's: one line for every CPU. */
	nbits = vr_type_unqualified(elf_hwcap.type)->length * 64;
	for (size_t j = 0; j < hwcap_str.n && j < nbits && !err; j++)
		if (cpu_have_feature(elf_hwcap, (unsigned int)j, &err))
			strbuf_printf(&features, " %s",
				      hwcap_str.names[j] ? hwcap_str.names[j] :
							   "(null)");
	name_table_free(&hwcap_str);
	for_each_cpu(cpu, &ci->cpus) {
		uint64_t midr;

		if (err)
			break;
		midr = mm_read_ulong(kobj_member(per_cpu(cpu_data, cpu), "reg_midr"),
				     &err);
		if (err)
			break;
		strbuf_printf(ci->out, "processor\t: %d\n", cpu);
		strbuf_puts(ci->out, "BogoMIPS\t: ");
		print_bogomips(ci, lpj);
		strbuf_printf(ci->out, "\nFeatures\t:%s\n",
			      features.buf ? features.buf : "");
		strbuf_printf(ci->out, "CPU implementer\t: 0x%02x\n",
			      (unsigned int)MIDR_IMPLEMENTOR(midr));
		strbuf_puts(ci->out, "CPU architecture: 8\n");
		strbuf_printf(ci->out, "CPU variant\t: 0x%x\n",
			      (unsigned int)MIDR_VARIANT(midr));
		strbuf_printf(ci->out, "CPU part\t: 0x%03x\n",
			      (unsigned int)MIDR_PARTNUM(midr));
		strbuf_printf(ci->out, "CPU revision\t: %d\n\n",
			      (int)MIDR_REVISION(midr));
	}
	strbuf_free(&features);
	return err;
}
