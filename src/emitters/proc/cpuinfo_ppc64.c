// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/cpuinfo on ppc64: arch/powerpc/kernel/setup-common.c
 * show_cpuinfo() per online CPU (its PVR, the cpu_spec's name, the clock)
 * and, after the last one, show_cpuinfo_summary() with the platform's
 * ppc_md.show_cpuinfo() (pSeries and PowerNV are known).
 */
#include <string.h>

#include "cpuinfo.h"
#include "vr/mm.h"

/* arch/powerpc/include/asm/cputable.h, mmu.h, firmware.h, reg.h */
#define CPU_FTR_ALTIVEC		0x00000002ULL
#define MMU_FTR_TYPE_RADIX	0x00000040ULL
#define FW_FEATURE_OPAL		0x0000000010000000ULL
#define PVR_VER(pvr)		(((pvr) >> 16) & 0xFFFF)
#define PVR_REV(pvr)		((pvr) & 0xFFFF)
#define PVR_MAJ(pvr)		(((pvr) >> 4) & 0xF)
#define PVR_MIN(pvr)		((pvr) & 0xF)

/* Bound on the properties of the device tree's root node. */
#define OF_PROPERTIES_LIMIT 4096

/* The revision fields show_cpuinfo() derives from the PVR. */
static void pvr_revision(unsigned int pvr, unsigned int *maj, unsigned int *min)
{
	*maj = (pvr >> 8) & 0xFF;
	*min = pvr & 0xFF;
	if (PVR_VER(pvr) & 0x8000) {
		switch (PVR_VER(pvr)) {
		case 0x8000: case 0x8001: case 0x8002: case 0x8003:
		case 0x8004: case 0x800c:
			*maj = (pvr >> 8) & 0xF;
			*min = PVR_MIN(pvr);
			break;
		default:	/* e500/book-e */
			*maj = PVR_MAJ(pvr);
			*min = PVR_MIN(pvr);
			break;
		}
		return;
	}
	switch (PVR_VER(pvr)) {
	case 0x1008:	/* 740P/750P ?? */
		*maj = ((pvr >> 8) & 0xFF) - 1;
		break;
	case 0x004e:	/* POWER9 bits 12-15 give chip type */
	case 0x0080:	/* POWER10 bit 12 gives SMT8/4 */
		*maj = (pvr >> 8) & 0x0F;
		break;
	}
}

/* of_get_property(of_find_node_by_path("/"), "model"): "" if none. */
static struct vr_error *root_model(struct vr_program *prog, char *buf,
				   size_t size)
{
	struct vr_error *err = NULL;
	uint64_t root = mm_read_ulong(kobj_var(prog, "of_root"), &err);
	struct kobj prop;

	buf[0] = '\0';
	if (err || !root)
		return err;
	prop = kobj_member(kobj_at(prog, "struct device_node", root), "properties");
	for (unsigned int n = 0; n < OF_PROPERTIES_LIMIT; n++) {
		uint64_t p = mm_read_ulong(prop, &err);
		char name[32];

		if (err || !p)
			return err;
		prop = kobj_deref(prop);
		err = kobj_read_cstr(kobj_member(prop, "name"), name, sizeof(name));
		if (err)
			return err;
		if (!strcmp(name, "model"))
			return kobj_read_cstr(kobj_member(prop, "value"), buf, size);
		prop = kobj_member(prop, "next");
	}
	return vr_error_create(VR_ERR_LIMIT, "more than %d properties at /",
			       OF_PROPERTIES_LIMIT);
}

/* The platform's ppc_md.show_cpuinfo(), known by its name. */
static void platform_show_cpuinfo(struct cpuinfo *ci, uint64_t fn,
				  const char *model, uint64_t mmu_features,
				  struct vr_error **err)
{
	struct vr_program *prog = ci->prog;
	struct vr_symbol s;
	struct vr_error *e;
	const char *radix = mmu_features & MMU_FTR_TYPE_RADIX ? "Radix" : "Hash";

	if (!fn)
		return;
	e = vr_debuginfo_symbol_at(prog->dbg, fn - prog->kaslr_offset, &s);
	if (e) {
		vr_error_destroy(e);
		ci->partial = "the platform's show_cpuinfo() is not known";
		return;
	}
	if (!strcmp(s.name, "pSeries_show_cpuinfo")) {
		strbuf_printf(ci->out, "machine\t\t: CHRP %s\n", model);
	} else if (!strcmp(s.name, "pnv_show_cpuinfo")) {
		uint64_t fw = mm_read_ulong(kobj_var(prog, "powerpc_firmware_features"),
					    err);

		strbuf_printf(ci->out, "machine\t\t: PowerNV %s\n", model);
		strbuf_printf(ci->out, "firmware\t: %s\n",
			      fw & FW_FEATURE_OPAL ? "OPAL" : "BML");
	} else {
		ci->partial = "the platform's show_cpuinfo() is not known";
		return;
	}
	strbuf_printf(ci->out, "MMU\t\t: %s\n", radix);
}

static struct vr_error *show_summary(struct cpuinfo *ci, struct kobj spec)
{
	struct vr_program *prog = ci->prog;
	struct kobj md = kobj_var(prog, "ppc_md");
	struct vr_error *err = NULL;
	uint64_t name = mm_read_ulong(kobj_member(md, "name"), &err);
	uint64_t show = mm_read_ulong(kobj_member(md, "show_cpuinfo"), &err);
	uint64_t mmu = mm_read_ulong(kobj_member(spec, "mmu_features"), &err);
	char buf[256], model[256];

	strbuf_printf(ci->out, "timebase\t: %llu\n",
		      (unsigned long long)mm_read_ulong(kobj_var(prog, "ppc_tb_freq"),
							&err));
	if (!err && name) {
		err = vr_program_read_cstr(prog, name, buf, sizeof(buf));
		if (!err)
			strbuf_printf(ci->out, "platform\t: %s\n", buf);
	}
	if (!err)
		err = root_model(prog, model, sizeof(model));
	if (err)
		return err;
	if (model[0])
		strbuf_printf(ci->out, "model\t\t: %s\n", model);
	platform_show_cpuinfo(ci, show, model, mmu, &err);
	return err;
}

struct vr_error *cpuinfo_show_ppc64(struct cpuinfo *ci)
{
	struct vr_program *prog = ci->prog;
	struct kobj spec = kobj_deref(kobj_var(prog, "cur_cpu_spec"));
	struct kobj md = kobj_var(prog, "ppc_md");
	struct vr_error *err = NULL;
	uint64_t pvr_mask = mm_read_ulong(kobj_member(spec, "pvr_mask"), &err);
	uint64_t name_ptr = mm_read_ulong(kobj_member(spec, "cpu_name"), &err);
	uint64_t features = mm_read_ulong(kobj_member(spec, "cpu_features"), &err);
	uint64_t get_freq = mm_read_ulong(kobj_member(md, "get_proc_freq"), &err);
	uint64_t proc_freq = mm_read_ulong(kobj_var(prog, "ppc_proc_freq"), &err);
	char name[128] = "";
	unsigned int cpu;

	if (!err && pvr_mask && name_ptr)
		err = vr_program_read_cstr(prog, name_ptr, name, sizeof(name));
	if (err)
		return err;
	/* ppc_md.get_proc_freq() is a call into the platform: not made. */
	if (get_freq)
		ci->partial = "clock: the platform's get_proc_freq() is not known";
	for_each_cpu(cpu, &ci->cpus) {
		unsigned int pvr, maj, min;

		pvr = (unsigned int)mm_read_ulong(per_cpu(kobj_var(prog, "cpu_pvr"), cpu),
						  &err);
		if (err)
			return err;
		strbuf_printf(ci->out, "processor\t: %u\ncpu\t\t: ", cpu);
		if (name[0])
			strbuf_puts(ci->out, name);
		else
			strbuf_printf(ci->out, "unknown (%08x)", pvr);
		if (features & CPU_FTR_ALTIVEC)
			strbuf_puts(ci->out, ", altivec supported");
		strbuf_putc(ci->out, '\n');
		if (proc_freq && !get_freq)
			strbuf_printf(ci->out, "clock\t\t: %llu.%06lluMHz\n",
				      (unsigned long long)proc_freq / 1000000,
				      (unsigned long long)proc_freq % 1000000);
		pvr_revision(pvr, &maj, &min);
		strbuf_printf(ci->out, "revision\t: %hd.%hd (pvr %04x %04x)\n",
			      (short)maj, (short)min, PVR_VER(pvr), PVR_REV(pvr));
		strbuf_putc(ci->out, '\n');
	}
	return show_summary(ci, spec);
}
