// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/interrupts: kernel/irq/proc.c show_interrupts() for every IRQ
 * descriptor below nr_irqs, then the architecture's own rows
 * (arch_show_interrupts(): arch/x86/kernel/irq.c, arch/arm64/kernel/smp.c,
 * arch/powerpc/kernel/irq.c).  s390 has its own show_interrupts()
 * (arch/s390/kernel/irq.c) built on its irq classes.
 *
 * A row that cannot be read is left out and named in a closing
 * "partial" line, as is a chip whose irq_print_chip() we do not know.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/irq.h"
#include "vr/percpu.h"
#include "vr/stat.h"
#include "vr/util.h"

/* Bound on the actions of one shared IRQ line. */
#define MAX_ACTIONS 1024

struct irq_show {
	struct vr_program *prog;
	struct strbuf *out;
	struct cpumask_set online;
	uint64_t nr_irqs;
	int prec;			/* width of the first column */
	bool show_level;		/* CONFIG_GENERIC_IRQ_SHOW_LEVEL */
	uint64_t chained_action;	/* &chained_action, 0 if none */
	bool irqstat;			/* desc->kstat_irqs is a struct irqstat */
	unsigned int bad;		/* rows left out */
	char first_bad[160];		/* why, for the first one */
	char print_chip[160];		/* an irq_print_chip() not reproduced */
};

static void row_failed(struct irq_show *s, const char *what,
		       struct vr_error *err)
{
	if (!s->bad++)
		snprintf(s->first_bad, sizeof(s->first_bad), "%s: %s", what,
			 err->message);
	vr_program_log(s->prog, "proc/interrupts: %s: %s", what, err->message);
	vr_error_destroy(err);
}

/* One "%10u " per online CPU, from @get(arg, cpu). */
typedef struct vr_error *cpu_count_fn(struct irq_show *s, const void *arg,
				      unsigned int cpu, uint64_t *ret);

static struct vr_error *put_cpu_counts(struct irq_show *s, struct strbuf *row,
				       cpu_count_fn *get, const void *arg)
{
	unsigned int cpu;

	for_each_cpu(cpu, &s->online) {
		uint64_t v;
		struct vr_error *err = get(s, arg, cpu, &v);

		if (err)
			return err;
		strbuf_printf(row, "%10u ", (unsigned int)v);
	}
	return NULL;
}

static struct vr_error *desc_count(struct irq_show *s, const void *arg,
				   unsigned int cpu, uint64_t *ret)
{
	(void)s;
	return irq_desc_kstat_cpu(*(const struct kobj *)arg, cpu, ret);
}

/* ---- irq_print_chip() ---- */

/*
 * drivers/irqchip/irq-gic.c gic_irq_print_chip(): the GIC's device node
 * name, else "GIC-<index in gic_data[]>".
 */
static struct vr_error *gic_irq_print_chip(struct irq_show *s,
					   struct kobj desc, struct strbuf *row)
{
	struct vr_program *prog = s->prog;
	struct kobj gic = kobj_cast(kobj_member(desc, "irq_data.chip_data"),
				    "struct gic_chip_data *");
	struct kobj domain = kobj_member(gic, "domain");
	struct kobj dev;
	struct kobj gic_data = kobj_var(prog, "gic_data");
	uint64_t dev_ptr, gic_ptr, size;
	char name[128];
	struct vr_error *err;

	/* irq_domain::pm_dev since v6.3 (::dev before). */
	dev = kobj_member(domain, "pm_dev");
	if (dev.err == VR_ERR_NOT_FOUND)
		dev = kobj_member(domain, "dev");
	err = kobj_read_u64(dev, &dev_ptr);
	if (err)
		return err;
	if (dev_ptr) {
		err = kobj_read_cstr(kobj_member(dev, "of_node->name"), name,
				     sizeof(name));
		if (!err)
			strbuf_puts(row, name);
		return err;
	}
	size = kobj_sizeof(prog, "struct gic_chip_data");
	err = kobj_read_u64(gic, &gic_ptr);
	if (err)
		return err;
	if (!kobj_ok(&gic_data))
		return kobj_error(&gic_data);
	if (!size)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no struct gic_chip_data");
	strbuf_printf(row, "GIC-%d",
		      (int)((int64_t)(gic_ptr - kobj_addr(&gic_data)) /
			    (int64_t)size));
	return NULL;
}

static const struct {
	const char *fn;
	struct vr_error *(*print)(struct irq_show *s, struct kobj desc,
				  struct strbuf *row);
} print_chips[] = {
	{ "gic_irq_print_chip", gic_irq_print_chip },
};

/* The chip column: irq_print_chip(), chip->name, "-" or "None". */
static struct vr_error *put_chip(struct irq_show *s, struct kobj desc,
				 uint64_t irq, struct strbuf *row)
{
	struct vr_program *prog = s->prog;
	struct kobj chip = kobj_member(desc, "irq_data.chip");
	uint64_t chip_ptr, print_fn, name_ptr;
	char name[128];
	struct vr_error *err = kobj_read_u64(chip, &chip_ptr);

	if (err)
		return err;
	if (!chip_ptr) {
		strbuf_printf(row, " %8s", "None");
		return NULL;
	}
	err = kobj_read_u64(kobj_member(chip, "irq_print_chip"), &print_fn);
	if (err)
		return err;
	if (print_fn) {
		struct vr_symbol sym;
		const char *fn = "a module's function";

		err = vr_debuginfo_symbol_at(prog->dbg,
					     print_fn - prog->kaslr_offset, &sym);
		if (!err)
			fn = sym.name;
		vr_error_destroy(err);
		for (size_t i = 0; i < ARRAY_SIZE(print_chips); i++) {
			if (!strcmp(fn, print_chips[i].fn))
				return print_chips[i].print(s, desc, row);
		}
		/* Unknown: the chip's name, said to be a guess. */
		if (!s->print_chip[0])
			snprintf(s->print_chip, sizeof(s->print_chip),
				 "irq %llu: chip column printed by %s, shown as the chip name",
				 (unsigned long long)irq, fn);
	}
	err = kobj_read_u64(kobj_member(chip, "name"), &name_ptr);
	if (err)
		return err;
	if (!name_ptr) {
		strbuf_printf(row, " %8s", "-");
		return NULL;
	}
	err = kobj_read_cstr(kobj_member(chip, "name"), name, sizeof(name));
	if (!err)
		strbuf_printf(row, " %8s", name);
	return err;
}

/* ---- show_interrupts() ---- */

static struct vr_error *put_actions(struct kobj desc, struct strbuf *row)
{
	struct kobj action = kobj_member(desc, "action");
	uint64_t ptr;
	struct vr_error *err;

	for (int n = 0; n < MAX_ACTIONS; n++) {
		char name[128];
		uint64_t name_ptr;

		err = kobj_read_u64(action, &ptr);
		if (err || !ptr)
			return err;
		err = kobj_read_u64(kobj_member(action, "name"), &name_ptr);
		if (err)
			return err;
		/* vsprintf prints a NULL string as "(null)". */
		if (name_ptr)
			err = kobj_read_cstr(kobj_member(action, "name"), name,
					     sizeof(name));
		else
			strcpy(name, "(null)");
		if (err)
			return err;
		strbuf_printf(row, n ? ", %s" : "  %s", name);
		action = kobj_member(action, "next");
	}
	return vr_error_create(VR_ERR_LIMIT, "more than %d actions",
			       MAX_ACTIONS);
}

/* Should show_interrupts() print this descriptor at all? */
static struct vr_error *irq_shown(struct irq_show *s, struct kobj desc,
				  bool *shown)
{
	uint64_t settings, action, kstat;
	bool chained;
	struct vr_error *err;

	*shown = false;
	err = kobj_read_u64(kobj_member(desc, "status_use_accessors"),
			    &settings);
	if (!err)
		err = kobj_read_u64(kobj_member(desc, "action"), &action);
	if (!err)
		err = kobj_read_u64(kobj_member(desc, "kstat_irqs"), &kstat);
	if (err)
		return err;
	/* irq_settings_is_hidden(), v5.11+ (IPIs on arm64). */
	if (settings & _IRQ_HIDDEN(desc.prog))
		return NULL;
	/* irq_desc_is_chained() */
	chained = action && s->chained_action && action == s->chained_action;
	if (s->irqstat) {
		/* v6.10+ */
		*shown = action && !chained && kstat;
		return NULL;
	}
	/* Before v6.10: also a line without action that counted some. */
	if (action && !chained) {
		*shown = true;
		return NULL;
	}
	if (kstat) {
		unsigned int cpu;

		for_each_cpu(cpu, &s->online) {
			uint64_t v;

			err = irq_desc_kstat_cpu(desc, cpu, &v);
			if (err)
				return err;
			if (v) {
				*shown = true;
				break;
			}
		}
	}
	return NULL;
}

static struct vr_error *show_irq(struct irq_show *s, uint64_t irq,
				 struct kobj desc, struct strbuf *row)
{
	uint64_t domain, hwirq, state, name_ptr;
	char name[128];
	bool shown;
	struct vr_error *err = irq_shown(s, desc, &shown);

	if (err || !shown)
		return err;
	strbuf_printf(row, "%*d: ", s->prec, (int)irq);
	err = put_cpu_counts(s, row, desc_count, &desc);
	if (!err)
		err = put_chip(s, desc, irq, row);
	if (!err)
		err = kobj_read_u64(kobj_member(desc, "irq_data.domain"), &domain);
	if (err)
		return err;
	if (domain) {
		err = kobj_read_u64(kobj_member(desc, "irq_data.hwirq"), &hwirq);
		if (err)
			return err;
		strbuf_printf(row, " %*lu", s->prec, (unsigned long)hwirq);
	} else {
		strbuf_printf(row, " %*s", s->prec, "");
	}
	if (s->show_level) {
		/* irqd_is_level_type() */
		err = kobj_read_u64(kobj_member(desc,
						"irq_common_data.state_use_accessors"),
				    &state);
		if (err)
			return err;
		strbuf_printf(row, " %-8s", state & IRQD_LEVEL(desc.prog) ? "Level" : "Edge");
	}
	err = kobj_read_u64(kobj_member(desc, "name"), &name_ptr);
	if (!err && name_ptr) {
		err = kobj_read_cstr(kobj_member(desc, "name"), name,
				     sizeof(name));
		if (!err)
			strbuf_printf(row, "-%-8s", name);
	}
	if (!err)
		err = put_actions(desc, row);
	if (!err)
		strbuf_putc(row, '\n');
	return err;
}

static void show_irqs(struct irq_show *s)
{
	struct strbuf row = STRBUF_INIT;

	for (uint64_t irq = 0; irq < s->nr_irqs; irq++) {
		uint64_t addr;
		struct vr_error *err = irq_to_desc(s->prog, irq, &addr);
		char what[32];

		if (!err && addr)
			err = show_irq(s, irq, kobj_at(s->prog, "struct irq_desc",
						       addr), &row);
		if (err) {
			snprintf(what, sizeof(what), "irq %llu",
				 (unsigned long long)irq);
			row_failed(s, what, err);
		} else if (row.len) {
			strbuf_append(s->out, row.buf, row.len);
		}
		strbuf_reset(&row);
	}
	strbuf_free(&row);
}

/* ---- x86: arch_show_interrupts() ---- */

static struct vr_error *irq_stat_count(struct irq_show *s, const void *arg,
				       unsigned int cpu, uint64_t *ret)
{
	return kobj_read_u64(kobj_member(per_cpu(kobj_var(s->prog, "irq_stat"),
						 cpu), arg), ret);
}

static struct vr_error *percpu_var_count(struct irq_show *s, const void *arg,
					 unsigned int cpu, uint64_t *ret)
{
	return kobj_read_u64(per_cpu(kobj_var(s->prog, arg), cpu), ret);
}

/* One "LBL: counts  description" row; a failed row is left out. */
static void arch_row(struct irq_show *s, const char *label, cpu_count_fn *get,
		     const void *arg, const char *desc)
{
	struct strbuf row = STRBUF_INIT;
	struct vr_error *err;

	strbuf_printf(&row, "%*s: ", s->prec, label);
	err = put_cpu_counts(s, &row, get, arg);
	if (err) {
		row_failed(s, label, err);
	} else {
		strbuf_printf(&row, "  %s\n", desc);
		strbuf_append(s->out, row.buf, row.len);
	}
	strbuf_free(&row);
}

/* "LBL: %10u" of a global counter; @atomic for an atomic_t. */
static void arch_total_row(struct irq_show *s, const char *label,
			   const char *var, bool atomic)
{
	struct kobj o = kobj_var(s->prog, var);
	uint64_t v;
	struct vr_error *err;

	if (atomic)
		o = kobj_member(o, "counter");
	err = kobj_read_u64(o, &v);
	if (err) {
		row_failed(s, label, err);
		return;
	}
	if (atomic)
		strbuf_printf(s->out, "%*s: %10u\n", s->prec, label,
			      (unsigned int)v);
	else
		strbuf_printf(s->out, "%*s: %10lu\n", s->prec, label,
			      (unsigned long)v);
}

static bool has_irq_stat(struct irq_show *s, const char *member)
{
	return kobj_has_member(s->prog, "irq_cpustat_t", member);
}

/* test_bit(@vector, system_vectors) */
static bool x86_system_vector(struct irq_show *s, unsigned int vector)
{
	uint64_t word = 0;
	struct vr_error *err = kobj_read_u64(kobj_index(kobj_var(s->prog,
								 "system_vectors"),
							vector / 64), &word);

	vr_error_destroy(err);
	return !err && (word >> (vector % 64)) & 1;
}

#define HYPERVISOR_CALLBACK_VECTOR	0xf3
#define HYPERV_REENLIGHTENMENT_VECTOR	0xee
#define HYPERV_STIMER0_VECTOR		0xed

/* arch/x86/kernel/irq.c arch_show_interrupts(), v6.1 - v6.12. */
static void x86_show_interrupts(struct irq_show *s)
{
	static const struct {
		const char *label, *member, *desc;
	} apic[] = {
		{ "LOC", "apic_timer_irqs", "Local timer interrupts" },
		{ "SPU", "irq_spurious_count", "Spurious interrupts" },
		{ "PMI", "apic_perf_irqs", "Performance monitoring interrupts" },
		{ "IWI", "apic_irq_work_irqs", "IRQ work interrupts" },
		{ "RTR", "icr_read_retry_count", "APIC ICR read retries" },
	}, smp[] = {
		{ "RES", "irq_resched_count", "Rescheduling interrupts" },
		{ "CAL", "irq_call_count", "Function call interrupts" },
		{ "TLB", "irq_tlb_count", "TLB shootdowns" },
	}, kvm[] = {
		{ "PIN", "kvm_posted_intr_ipis", "Posted-interrupt notification event" },
		{ "NPI", "kvm_posted_intr_nested_ipis", "Nested posted-interrupt event" },
		{ "PIW", "kvm_posted_intr_wakeup_ipis", "Posted-interrupt wakeup event" },
	};
	uint64_t plt = 0;
	struct vr_error *err;

	arch_row(s, "NMI", irq_stat_count, "__nmi_count",
		 "Non-maskable interrupts");
	/* CONFIG_X86_LOCAL_APIC */
	if (has_irq_stat(s, "apic_timer_irqs")) {
		for (size_t i = 0; i < ARRAY_SIZE(apic); i++)
			arch_row(s, apic[i].label, irq_stat_count,
				 apic[i].member, apic[i].desc);
		err = kobj_read_u64(kobj_var(s->prog, "x86_platform_ipi_callback"),
				    &plt);
		vr_error_destroy(err);
		if (plt)
			arch_row(s, "PLT", irq_stat_count, "x86_platform_ipis",
				 "Platform interrupts");
	}
	/* CONFIG_SMP */
	if (has_irq_stat(s, "irq_resched_count")) {
		for (size_t i = 0; i < ARRAY_SIZE(smp); i++)
			arch_row(s, smp[i].label, irq_stat_count, smp[i].member,
				 smp[i].desc);
	}
	if (has_irq_stat(s, "irq_thermal_count"))
		arch_row(s, "TRM", irq_stat_count, "irq_thermal_count",
			 "Thermal event interrupts");
	if (has_irq_stat(s, "irq_threshold_count"))
		arch_row(s, "THR", irq_stat_count, "irq_threshold_count",
			 "Threshold APIC interrupts");
	if (has_irq_stat(s, "irq_deferred_error_count"))
		arch_row(s, "DFR", irq_stat_count, "irq_deferred_error_count",
			 "Deferred Error APIC interrupts");
	/* CONFIG_X86_MCE */
	if (kobj_has_symbol(s->prog, "mce_exception_count")) {
		arch_row(s, "MCE", percpu_var_count, "mce_exception_count",
			 "Machine check exceptions");
		arch_row(s, "MCP", percpu_var_count, "mce_poll_count",
			 "Machine check polls");
	}
	/* CONFIG_X86_HV_CALLBACK_VECTOR, CONFIG_HYPERV: vectors in use. */
	if (has_irq_stat(s, "irq_hv_callback_count") &&
	    x86_system_vector(s, HYPERVISOR_CALLBACK_VECTOR))
		arch_row(s, "HYP", irq_stat_count, "irq_hv_callback_count",
			 "Hypervisor callback interrupts");
	if (has_irq_stat(s, "irq_hv_reenlightenment_count") &&
	    x86_system_vector(s, HYPERV_REENLIGHTENMENT_VECTOR))
		arch_row(s, "HRE", irq_stat_count, "irq_hv_reenlightenment_count",
			 "Hyper-V reenlightenment interrupts");
	if (has_irq_stat(s, "hyperv_stimer0_count") &&
	    x86_system_vector(s, HYPERV_STIMER0_VECTOR))
		arch_row(s, "HVS", irq_stat_count, "hyperv_stimer0_count",
			 "Hyper-V stimer0 interrupts");
	arch_total_row(s, "ERR", "irq_err_count", true);
	/* CONFIG_X86_IO_APIC */
	if (kobj_has_symbol(s->prog, "irq_mis_count"))
		arch_total_row(s, "MIS", "irq_mis_count", true);
	/* CONFIG_KVM (CONFIG_HAVE_KVM before v6.9) */
	if (has_irq_stat(s, "kvm_posted_intr_ipis")) {
		for (size_t i = 0; i < ARRAY_SIZE(kvm); i++)
			arch_row(s, kvm[i].label, irq_stat_count, kvm[i].member,
				 kvm[i].desc);
	}
	/* CONFIG_X86_POSTED_MSI, v6.10+ */
	if (has_irq_stat(s, "posted_msi_notification_count"))
		arch_row(s, "PMN", irq_stat_count, "posted_msi_notification_count",
			 "Posted MSI notification event");
}

/* ---- arm64: arch_show_interrupts() (arch/arm64/kernel/smp.c) ---- */

static struct vr_error *ipi_count(struct irq_show *s, const void *arg,
				  unsigned int cpu, uint64_t *ret)
{
	const uint64_t *desc = arg;

	if (!*desc) {
		*ret = 0;
		return NULL;
	}
	return irq_desc_kstat_cpu(kobj_at(s->prog, "struct irq_desc", *desc),
				  cpu, ret);
}

static void arm64_show_interrupts(struct irq_show *s)
{
	/* ipi_types[NR_IPI] (MAX_IPI since v6.7) and ipi_desc[] alike. */
	struct kobj types = kobj_var(s->prog, "ipi_types");
	struct kobj descs = kobj_var(s->prog, "ipi_desc");
	const struct vr_type *t = kobj_ok(&types) ?
				  vr_type_unqualified(types.type) : NULL;
	uint64_t n = t && t->kind == VR_TYPE_ARRAY ? t->length : 0;

	if (!n) {
		struct vr_error *err = kobj_ok(&types) ?
			vr_error_create(VR_ERR_TYPE, "ipi_types is not an array") :
			kobj_error(&types);

		row_failed(s, "IPI rows", err);
	}
	for (uint64_t i = 0; i < n && i < 64; i++) {
		struct strbuf row = STRBUF_INIT;
		char name[128];
		uint64_t desc;
		struct vr_error *err;

		err = kobj_read_u64(kobj_index(descs, i), &desc);
		if (!err)
			err = kobj_read_cstr(kobj_index(types, i), name,
					     sizeof(name));
		if (!err) {
			strbuf_printf(&row, "%*s%u:%s", s->prec - 1, "IPI",
				      (unsigned int)i, s->prec >= 4 ? " " : "");
			err = put_cpu_counts(s, &row, ipi_count, &desc);
		}
		if (err) {
			char what[16];

			snprintf(what, sizeof(what), "IPI%u", (unsigned int)i);
			row_failed(s, what, err);
		} else {
			strbuf_printf(&row, "      %s\n", name);
			strbuf_append(s->out, row.buf, row.len);
		}
		strbuf_free(&row);
	}
	arch_total_row(s, "Err", "irq_err_count", false);
}

/* ---- ppc64: arch_show_interrupts() (arch/powerpc/kernel/irq.c) ---- */

static struct vr_error *hmi_count(struct irq_show *s, const void *arg,
				  unsigned int cpu, uint64_t *ret)
{
	(void)arg;
	return kobj_read_u64(kobj_member(kobj_index(kobj_var(s->prog, "paca_ptrs"),
						    cpu), "hmi_irqs"), ret);
}

static void ppc64_show_interrupts(struct irq_show *s)
{
	arch_row(s, "LOC", irq_stat_count, "timer_irqs_event",
		 "Local timer interrupts for timer event device");
	arch_row(s, "BCT", irq_stat_count, "broadcast_irqs_event",
		 "Broadcast timer interrupts for timer event device");
	arch_row(s, "LOC", irq_stat_count, "timer_irqs_others",
		 "Local timer interrupts for others");
	arch_row(s, "SPU", irq_stat_count, "spurious_irqs",
		 "Spurious interrupts");
	arch_row(s, "PMI", irq_stat_count, "pmu_irqs",
		 "Performance monitoring interrupts");
	arch_row(s, "MCE", irq_stat_count, "mce_exceptions",
		 "Machine check exceptions");
	/* CONFIG_PPC_BOOK3S_64, on a hypervisor-mode CPU */
	if (kobj_has_symbol(s->prog, "paca_ptrs") &&
	    cpu_has_feature(s->prog, CPU_FTR_HVMODE))
		arch_row(s, "HMI", hmi_count, NULL,
			 "Hypervisor Maintenance Interrupts");
	arch_row(s, "NMI", irq_stat_count, "sreset_irqs",
		 "System Reset interrupts");
	/* CONFIG_PPC_WATCHDOG */
	if (has_irq_stat(s, "soft_nmi_irqs"))
		arch_row(s, "WDG", irq_stat_count, "soft_nmi_irqs",
			 "Watchdog soft-NMI interrupts");
	/* CONFIG_PPC_DOORBELL */
	if (has_irq_stat(s, "doorbell_irqs") &&
	    cpu_has_feature(s->prog, CPU_FTR_DBELL))
		arch_row(s, "DBL", irq_stat_count, "doorbell_irqs",
			 "Doorbell interrupts");
}

/* ---- s390: show_interrupts() (arch/s390/kernel/irq.c) ---- */

static struct vr_error *kstat_irqs_cpu(struct irq_show *s, const void *arg,
				       unsigned int cpu, uint64_t *ret)
{
	uint64_t irq = *(const uint64_t *)arg, addr;
	struct vr_error *err = irq_to_desc(s->prog, irq, &addr);

	if (err)
		return err;
	if (!addr) {
		*ret = 0;
		return NULL;
	}
	return irq_desc_kstat_cpu(kobj_at(s->prog, "struct irq_desc", addr),
				  cpu, ret);
}

static struct vr_error *s390_irq_stat(struct irq_show *s, const void *arg,
				      unsigned int cpu, uint64_t *ret)
{
	uint64_t irq = *(const uint64_t *)arg;

	return kobj_read_u64(kobj_index(kobj_member(per_cpu(kobj_var(s->prog,
								     "irq_stat"),
							    cpu), "irqs"),
					irq), ret);
}

/* One irqclass_main_desc[] / irqclass_sub_desc[] row. */
static struct vr_error *s390_class_row(struct irq_show *s, struct kobj cls,
				       bool sub, struct strbuf *row)
{
	char name[16], desc[128];
	uint64_t irq, desc_ptr = 0;
	struct vr_error *err;

	err = kobj_read_cstr(kobj_member(cls, "name"), name, sizeof(name));
	if (!err)
		err = kobj_read_u64(kobj_member(cls, "irq"), &irq);
	if (!err && sub)
		err = kobj_read_u64(kobj_member(cls, "desc"), &desc_ptr);
	if (err)
		return err;
	strbuf_printf(row, "%s: ", name);
	err = put_cpu_counts(s, row, sub ? s390_irq_stat : kstat_irqs_cpu,
			     &irq);
	if (!err && desc_ptr) {
		err = kobj_read_cstr(kobj_member(cls, "desc"), desc,
				     sizeof(desc));
		if (!err)
			strbuf_printf(row, "  %s", desc);
	}
	if (!err)
		strbuf_putc(row, '\n');
	return err;
}

/* show_msi_interrupt() */
static struct vr_error *s390_msi_row(struct irq_show *s, uint64_t irq,
				     struct kobj desc, struct strbuf *row)
{
	uint64_t chip, name_ptr, action;
	char name[128];
	struct vr_error *err;

	strbuf_printf(row, "%3d: ", (int)irq);
	err = put_cpu_counts(s, row, desc_count, &desc);
	if (!err)
		err = kobj_read_u64(kobj_member(desc, "irq_data.chip"), &chip);
	if (!err && chip) {
		err = kobj_read_u64(kobj_member(desc, "irq_data.chip->name"),
				    &name_ptr);
		if (!err && name_ptr)
			err = kobj_read_cstr(kobj_member(desc, "irq_data.chip->name"),
					     name, sizeof(name));
		else
			strcpy(name, "(null)");
		if (!err)
			strbuf_printf(row, " %8s", name);
	}
	if (!err)
		err = kobj_read_u64(kobj_member(desc, "action"), &action);
	if (!err && action) {
		err = kobj_read_u64(kobj_member(desc, "action->name"), &name_ptr);
		if (!err && name_ptr)
			err = kobj_read_cstr(kobj_member(desc, "action->name"),
					     name, sizeof(name));
		else
			strcpy(name, "(null)");
		if (!err)
			strbuf_printf(row, "  %s", name);
	}
	if (!err)
		strbuf_putc(row, '\n');
	return err;
}

static void s390_show_interrupts(struct irq_show *s)
{
	struct kobj main_desc = kobj_var(s->prog, "irqclass_main_desc");
	struct kobj sub_desc = kobj_var(s->prog, "irqclass_sub_desc");
	const struct vr_type *mt = kobj_ok(&main_desc) ?
				   vr_type_unqualified(main_desc.type) : NULL;
	const struct vr_type *st = kobj_ok(&sub_desc) ?
				   vr_type_unqualified(sub_desc.type) : NULL;
	uint64_t nr_base = mt && mt->kind == VR_TYPE_ARRAY ? mt->length : 0;
	uint64_t nr_sub = st && st->kind == VR_TYPE_ARRAY ? st->length : 0;
	struct strbuf row = STRBUF_INIT;
	unsigned int cpu;
	char what[32];

	strbuf_puts(s->out, "           ");
	for_each_cpu(cpu, &s->online)
		strbuf_printf(s->out, "CPU%-8d", cpu);
	strbuf_putc(s->out, '\n');
	if (!nr_base || !nr_sub)
		row_failed(s, "irq classes",
			   vr_error_create(VR_ERR_NOT_FOUND,
					   "no irqclass_main_desc/irqclass_sub_desc"));
	/* The main classes are IRQs 0 .. NR_IRQS_BASE - 1. */
	for (uint64_t i = 0; i < nr_base && i < 64; i++) {
		struct vr_error *err = s390_class_row(s, kobj_index(main_desc, i),
						      false, &row);

		if (err) {
			snprintf(what, sizeof(what), "irq class %llu",
				 (unsigned long long)i);
			row_failed(s, what, err);
		} else {
			strbuf_append(s->out, row.buf, row.len);
		}
		strbuf_reset(&row);
	}
	for (uint64_t irq = nr_base; irq < s->nr_irqs; irq++) {
		uint64_t addr;
		struct vr_error *err = irq_to_desc(s->prog, irq, &addr);

		if (!err && addr)
			err = s390_msi_row(s, irq, kobj_at(s->prog, "struct irq_desc",
							   addr), &row);
		if (err) {
			snprintf(what, sizeof(what), "irq %llu",
				 (unsigned long long)irq);
			row_failed(s, what, err);
		} else {
			strbuf_append(s->out, row.buf, row.len);
		}
		strbuf_reset(&row);
	}
	for (uint64_t i = 0; i < nr_sub && i < 256; i++) {
		struct vr_error *err = s390_class_row(s, kobj_index(sub_desc, i),
						      true, &row);

		if (err) {
			snprintf(what, sizeof(what), "irq subclass %llu",
				 (unsigned long long)i);
			row_failed(s, what, err);
		} else {
			strbuf_append(s->out, row.buf, row.len);
		}
		strbuf_reset(&row);
	}
	strbuf_free(&row);
}

/* ---- the file ---- */

static struct vr_error *emit_interrupts(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	unsigned int machine = prog->arch->e_machine;
	struct irq_show s = { .prog = prog, .out = &ctx->out };
	struct kobj chained = kobj_var(prog, "chained_action");
	struct vr_error *err;
	unsigned int cpu;
	uint64_t j;

	err = cpu_online_mask(prog, &s.online);
	if (!err)
		err = irq_get_nr_irqs(prog, &s.nr_irqs);
	if (err)
		return err;
	/* Bound the walk: nr_irqs is at most NR_IRQS + 8 * NR_CPUS or so. */
	if (s.nr_irqs > (1U << 20))
		return vr_error_create(VR_ERR_CORRUPT, "nr_irqs is %llu",
				       (unsigned long long)s.nr_irqs);
	if (machine == EM_S390) {
		s390_show_interrupts(&s);
		goto out;
	}

	s.chained_action = kobj_addr(&chained);
	/* struct irqstat (v6.10) came with the new rule for empty lines. */
	s.irqstat = kobj_has_member(prog, "struct irqstat", "cnt");
	/* CONFIG_GENERIC_IRQ_SHOW_LEVEL: selected by arm64 and powerpc. */
	s.show_level = machine == EM_AARCH64 || machine == EM_PPC64;

	/* The header, and the width of the first column. */
	for (s.prec = 3, j = 1000; s.prec < 10 && j <= s.nr_irqs; ++s.prec)
		j *= 10;
	strbuf_printf(&ctx->out, "%*s", s.prec + 8, "");
	for_each_cpu(cpu, &s.online)
		strbuf_printf(&ctx->out, "CPU%-8d", cpu);
	strbuf_putc(&ctx->out, '\n');

	show_irqs(&s);
	switch (machine) {
	case EM_X86_64:
		x86_show_interrupts(&s);
		break;
	case EM_AARCH64:
		arm64_show_interrupts(&s);
		break;
	case EM_PPC64:
		ppc64_show_interrupts(&s);
		break;
	}
out:
	if (s.bad)
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "%u row(s) unreadable, first %s\n",
			      s.bad, s.first_bad);
	if (s.print_chip[0])
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "%s\n", s.print_chip);
	return NULL;
}

static const struct emitter proc_interrupts = {
	.path = "proc/interrupts",
	.emit = emit_interrupts,
};
EMITTER(proc_interrupts);
