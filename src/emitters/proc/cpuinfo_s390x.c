// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cpuinfo on s390x: arch/s390/kernel/processor.c show_cpuinfo().
 * Before the first online CPU, show_cpu_summary(): vendor, CPU count,
 * BogoMIPS, thread id, the hwcaps by the kernel's own hwcap_str[] names,
 * the facility list (stfle), the caches (arch/s390/kernel/cache.c) and
 * each CPU's id; then per CPU its topology, ids and MHz.
 */
#include <string.h>

#include "cpuinfo.h"
#include "vr/mm.h"

/* The facility list's size (MAX_FACILITY_BIT) is bounded by this. */
#define STFLE_MAX_BYTES 256
/* Bound on the cache levels show_cacheinfo() lists. */
#define CACHE_LEAVES_LIMIT 64

/*
 * hwcap_str[] is a static local of show_cpu_summary(): the compiler names
 * its symbol "hwcap_str.<n>".  Its length is its size.
 */
static struct vr_error *read_hwcap_str(struct vr_program *prog,
				       struct name_table *t)
{
	size_t n = vr_debuginfo_nr_symbols(prog->dbg);

	for (size_t i = 0; i < n; i++) {
		const struct vr_symbol *s = vr_debuginfo_symbol_index(prog->dbg, i);

		if (strncmp(s->name, "hwcap_str.", 10) || !s->size)
			continue;
		return name_table_read(prog, s->addr + prog->kaslr_offset,
				       s->size / prog->ptr_size, t);
	}
	return name_table_read_var(prog, "hwcap_str", t);
}

/* for_each_set_bit_inv() over stfle_fac_list: bit 0 is the MSB. */
static struct vr_error *show_facilities(struct cpuinfo *ci)
{
	struct kobj list = kobj_var(ci->prog, "stfle_fac_list");
	uint8_t bytes[STFLE_MAX_BYTES];
	size_t len = 0;
	struct vr_error *err;

	if (kobj_ok(&list))
		len = vr_type_unqualified(list.type)->size;
	if (len > sizeof(bytes))
		len = sizeof(bytes);
	err = kobj_read_bytes(list, bytes, len);
	if (err)
		return err;
	strbuf_puts(ci->out, "facilities      :");
	for (size_t bit = 0; bit < len * 8; bit++)
		if (bytes[bit / 8] & (0x80 >> (bit % 8)))
			strbuf_printf(ci->out, " %zu", bit);
	strbuf_putc(ci->out, '\n');
	return NULL;
}

/* show_cacheinfo(): the caches of the first online CPU. */
static struct vr_error *show_cacheinfo(struct cpuinfo *ci, unsigned int first)
{
	struct vr_program *prog = ci->prog;
	struct kobj cci = per_cpu(kobj_var(prog, "ci_cpu_cacheinfo"), first);
	struct vr_error *err = NULL;
	uint64_t n = mm_read_ulong(kobj_member(cci, "num_leaves"), &err);
	struct kobj list = kobj_member(cci, "info_list");
	struct name_table types = { 0 };

	if (err || !n)
		return err;
	if (n > CACHE_LEAVES_LIMIT)
		return vr_error_create(VR_ERR_CORRUPT, "%llu cache leaves",
				       (unsigned long long)n);
	err = name_table_read_var(prog, "cache_type_string", &types);
	for (uint64_t idx = 0; !err && idx < n; idx++) {
		struct kobj c = kobj_index(list, idx);
		uint64_t type = mm_read_ulong(kobj_member(c, "type"), &err);
		uint64_t level = mm_read_ulong(kobj_member(c, "level"), &err);
		uint64_t shared = mm_read_ulong(kobj_member(c, "disable_sysfs"), &err);
		uint64_t size = mm_read_ulong(kobj_member(c, "size"), &err);
		uint64_t line = mm_read_ulong(kobj_member(c, "coherency_line_size"),
					      &err);
		uint64_t ways = mm_read_ulong(kobj_member(c, "ways_of_associativity"),
					      &err);

		if (err)
			break;
		strbuf_printf(ci->out, "cache%-11d: ", (int)idx);
		strbuf_printf(ci->out, "level=%d ", (int)level);
		strbuf_printf(ci->out, "type=%s ",
			      type < types.n && types.names[type] ?
			      types.names[type] : "");
		strbuf_printf(ci->out, "scope=%s ", shared ? "Shared" : "Private");
		strbuf_printf(ci->out, "size=%dK ", (int)(size >> 10));
		strbuf_printf(ci->out, "line_size=%u ", (unsigned int)line);
		strbuf_printf(ci->out, "associativity=%d\n", (int)ways);
	}
	name_table_free(&types);
	return err;
}

/* per_cpu(cpu_info.cpu_id, cpu): version, ident and machine bitfields. */
static void cpu_id(struct cpuinfo *ci, unsigned int cpu, uint64_t *version,
		   uint64_t *ident, uint64_t *machine, struct vr_error **err)
{
	struct kobj id = kobj_member(per_cpu(kobj_var(ci->prog, "cpu_info"), cpu),
				     "cpu_id");

	*version = mm_read_ulong(kobj_member(id, "version"), err);
	*ident = mm_read_ulong(kobj_member(id, "ident"), err);
	*machine = mm_read_ulong(kobj_member(id, "machine"), err);
}

static struct vr_error *show_cpu_summary(struct cpuinfo *ci, unsigned int first)
{
	struct vr_program *prog = ci->prog;
	struct vr_error *err = NULL;
	uint64_t lpj = mm_read_ulong(kobj_var(prog, "loops_per_jiffy"), &err);
	uint64_t mtid = mm_read_ulong(kobj_var(prog, "smp_cpu_mtid"), &err);
	uint64_t hwcap = mm_read_ulong(kobj_var(prog, "elf_hwcap"), &err);
	struct name_table names;
	unsigned int cpu;

	if (!err)
		err = read_hwcap_str(prog, &names);
	if (err)
		return err;
	strbuf_printf(ci->out, "vendor_id       : IBM/S390\n"
		      "# processors    : %i\nbogomips per cpu: ",
		      (int)cpumask_weight(&ci->cpus));
	print_bogomips(ci, lpj);
	strbuf_printf(ci->out, "\nmax thread id   : %d\n", (int)mtid);
	strbuf_puts(ci->out, "features\t: ");
	for (size_t i = 0; i < names.n && i < 64; i++)
		if (names.names[i] && (hwcap & (1ULL << i)))
			strbuf_printf(ci->out, "%s ", names.names[i]);
	strbuf_puts(ci->out, "\n");
	name_table_free(&names);
	err = show_facilities(ci);
	if (!err)
		err = show_cacheinfo(ci, first);
	for_each_cpu(cpu, &ci->cpus) {
		uint64_t version, ident, machine;

		if (err)
			break;
		cpu_id(ci, cpu, &version, &ident, &machine, &err);
		strbuf_printf(ci->out, "processor %d: version = %02X,  "
			      "identification = %06X,  machine = %04X\n", cpu,
			      (unsigned int)version, (unsigned int)ident,
			      (unsigned int)machine);
	}
	return err;
}

/* smp_cpu_get_cpu_address(): pcpu_devices[] (per-CPU since v6.11). */
static int64_t cpu_address(struct vr_program *prog, unsigned int cpu,
			   struct vr_error **err)
{
	struct kobj pcpu = kobj_var(prog, "pcpu_devices");

	if (kobj_ok(&pcpu) && vr_type_unqualified(pcpu.type)->kind == VR_TYPE_ARRAY)
		pcpu = kobj_index(pcpu, cpu);
	else
		pcpu = per_cpu(pcpu, cpu);
	return mm_read_long(kobj_member(pcpu, "address"), err);
}

/* show_cpu_topology() (CONFIG_SCHED_TOPOLOGY) */
static struct vr_error *show_cpu_topology(struct cpuinfo *ci, unsigned int cpu)
{
	struct kobj t = kobj_index(kobj_var(ci->prog, "cpu_topology"), cpu);
	struct vr_error *err = NULL;
	unsigned int siblings = 0;

	if (!kobj_has_symbol(ci->prog, "cpu_topology"))
		return NULL;
	strbuf_printf(ci->out, "physical id     : %d\n",
		      (int)mm_read_long(kobj_member(t, "socket_id"), &err));
	strbuf_printf(ci->out, "core id         : %d\n",
		      (int)mm_read_long(kobj_member(t, "core_id"), &err));
	strbuf_printf(ci->out, "book id         : %d\n",
		      (int)mm_read_long(kobj_member(t, "book_id"), &err));
	strbuf_printf(ci->out, "drawer id       : %d\n",
		      (int)mm_read_long(kobj_member(t, "drawer_id"), &err));
	strbuf_printf(ci->out, "dedicated       : %d\n",
		      (int)mm_read_long(kobj_member(t, "dedicated"), &err));
	strbuf_printf(ci->out, "address         : %d\n",
		      (int)cpu_address(ci->prog, cpu, &err));
	if (!err)
		err = cpumask_var_weight(kobj_member(t, "core_mask"), &siblings);
	strbuf_printf(ci->out, "siblings        : %d\n", siblings);
	strbuf_printf(ci->out, "cpu cores       : %d\n",
		      (int)mm_read_long(kobj_member(t, "booted_cores"), &err));
	return err;
}

static struct vr_error *show_cpu(struct cpuinfo *ci, unsigned int cpu)
{
	struct kobj info = per_cpu(kobj_var(ci->prog, "cpu_info"), cpu);
	uint64_t version, ident, machine, has_mhz;
	struct vr_error *err;

	strbuf_printf(ci->out, "\ncpu number      : %u\n", cpu);
	err = show_cpu_topology(ci, cpu);
	if (err)
		return err;
	cpu_id(ci, cpu, &version, &ident, &machine, &err);
	strbuf_printf(ci->out, "version         : %02X\n", (unsigned int)version);
	strbuf_printf(ci->out, "identification  : %06X\n", (unsigned int)ident);
	strbuf_printf(ci->out, "machine         : %04X\n", (unsigned int)machine);
	/* show_cpu_mhz() */
	has_mhz = mm_read_ulong(kobj_var(ci->prog, "machine_has_cpu_mhz"), &err);
	if (!err && has_mhz) {
		strbuf_printf(ci->out, "cpu MHz dynamic : %d\n",
			      (int)mm_read_ulong(kobj_member(info, "cpu_mhz_dynamic"),
						 &err));
		strbuf_printf(ci->out, "cpu MHz static  : %d\n",
			      (int)mm_read_ulong(kobj_member(info, "cpu_mhz_static"),
						 &err));
	}
	return err;
}

struct vr_error *cpuinfo_show_s390x(struct cpuinfo *ci)
{
	unsigned int cpu, first = cpumask_next(-1, &ci->cpus);
	struct vr_error *err = NULL;

	for_each_cpu(cpu, &ci->cpus) {
		if (cpu == first)
			err = show_cpu_summary(ci, first);
		if (!err)
			err = show_cpu(ci, cpu);
		if (err)
			return vr_error_wrap(err, "cpu %u", cpu);
	}
	return NULL;
}
