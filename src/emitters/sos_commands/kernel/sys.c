// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/sys: what crash's `sys` prints about a dump
 * (kernel.c display_sys_stats()), field by field:
 *
 *	      KERNEL: vmlinux  (build-id 6a7c...)  [TAINTED]
 *	    DUMPFILE: vmcore
 *	        CPUS: 2 [OFFLINE: 1]
 *	        DATE: Sat Nov 28 06:51:26 UTC 2026
 *	      UPTIME: 00:00:20
 *	LOAD AVERAGE: 0.14, 0.03, 0.01
 *	       TASKS: 98
 *	    NODENAME: fixture-x86-64
 *	     RELEASE: 6.1.0-50-amd64
 *	     VERSION: #1 SMP PREEMPT_DYNAMIC Debian 6.1.176-1 (2026-07-02)
 *	     MACHINE: x86_64  (2596 Mhz)
 *	      MEMORY: 511.5 MB
 *	       PANIC: "Kernel panic - not syncing: sysrq triggered crash"
 *
 * crash names the files it was given in KERNEL and DUMPFILE, with
 * "[PARTIAL DUMP]" for a filtered dump.  Every dump of one memory image,
 * with or without a vmlinux, gives the same report, so those two lines
 * name what the files are instead: the kernel's build-id from VMCOREINFO,
 * and "vmcore" (sos_reports/manifest.json describes the dump).
 *
 * DATE is in UTC (crash uses the local time zone), the crash time the
 * report is named after; TASKS counts every thread and each CPU's idle
 * task, as crash's task table does (the lines of sos_commands/kernel/ps).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vr/emitter.h"
#include "vr/jiffies.h"
#include "vr/kernel.h"
#include "vr/mm.h"
#include "vr/panic.h"
#include "vr/percpu.h"
#include "vr/ps.h"
#include "vr/stat.h"

/* Why a field could not be read, printed at the end of the file. */
static void field_failed(struct strbuf *notes, const char *field,
			 struct vr_error *err)
{
	strbuf_printf(notes, PARTIAL_PREFIX "%s: %s\n", field, err->message);
	vr_error_destroy(err);
}

/* "  [LIVEPATCH]" when taint K (TAINT_LIVEPATCH, v4.0+) is set. */
static bool taint_is_set(const struct taint_state *ts, char letter)
{
	for (unsigned int i = 0; i < ts->count; i++) {
		if (ts->flags[i].c_true == letter)
			return ts->mask >> ts->flags[i].bit & 1;
	}
	return false;
}

/* klp_transition_patch (kernel/livepatch/transition.c, v4.12+) is set. */
static bool livepatch_transition(struct vr_program *prog)
{
	uint64_t addr, patch = 0;
	struct vr_error *err = vr_program_symbol(prog, "klp_transition_patch",
						 &addr);

	if (!err)
		err = vr_program_read_uint(prog, addr, prog->ptr_size, &patch);
	vr_error_destroy(err);
	return patch != 0;
}

static void print_kernel(struct vr_program *prog, struct strbuf *out,
			 struct strbuf *notes)
{
	const char *id = vr_program_vmcoreinfo(prog, "BUILD-ID");
	struct taint_state ts;
	struct vr_error *err = taint_state_read(prog, &ts);

	strbuf_puts(out, "      KERNEL: vmlinux");
	/* VMCOREINFO BUILD-ID: v5.9+ */
	if (id)
		strbuf_printf(out, "  (build-id %s)", id);
	if (err) {
		field_failed(notes, "KERNEL taint", err);
		strbuf_putc(out, '\n');
		return;
	}
	if (taint_is_set(&ts, 'K'))
		strbuf_puts(out, "  [LIVEPATCH]");
	if (livepatch_transition(prog))
		strbuf_puts(out, "  [TRANSITION]");
	if (ts.mask)
		strbuf_puts(out, "  [TAINTED]");
	strbuf_putc(out, '\n');
}

/* The present CPUs, and how many of them were not online. */
static void print_cpus(struct vr_program *prog, struct strbuf *out,
		       struct strbuf *notes)
{
	struct cpumask_set *present = malloc(2 * sizeof(*present));
	struct cpumask_set *online = present + 1;
	struct vr_error *err = present ? NULL : &vr_enomem;
	unsigned int np, no;

	if (!err)
		err = cpu_present_mask(prog, present);
	if (!err)
		err = cpu_online_mask(prog, online);
	if (err) {
		strbuf_puts(out, "        CPUS: (unknown)\n");
		field_failed(notes, "CPUS", err);
		free(present);
		return;
	}
	np = cpumask_weight(present);
	no = cpumask_weight(online);
	/* A CPU panic() stopped is no longer online. */
	strbuf_printf(out, "        CPUS: %u", np);
	if (np > no)
		strbuf_printf(out, " [OFFLINE: %u]", np - no);
	strbuf_putc(out, '\n');
	free(present);
}

static void print_date(struct vr_program *prog, struct strbuf *out,
		       struct strbuf *notes)
{
	const char *source;
	char buf[64];
	int64_t t;
	time_t tt;
	struct tm tm;
	struct vr_error *err = crash_time(prog, &t, &source);

	if (err) {
		strbuf_puts(out, "        DATE: (unknown)\n");
		field_failed(notes, "DATE", err);
		return;
	}
	tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, sizeof(buf), "%a %b %e %T UTC %Y", &tm))
		snprintf(buf, sizeof(buf), "%lld", (long long)t);
	strbuf_printf(out, "        DATE: %s\n", buf);
}

/*
 * The time since boot in jiffies, as crash counts it: jiffies_64 less
 * INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ), where
 * jiffies start so that the 32-bit value wraps 5 minutes after boot).
 * On 64-bit kernels jiffies is jiffies_64 (the linker aliases them).
 */
static void print_uptime(struct vr_program *prog, struct strbuf *out,
			 struct strbuf *notes)
{
	unsigned int hz = 0;
	uint64_t j = 0, initial, s;
	struct vr_error *err = kernel_hz(prog, &hz);

	if (!err)
		err = kobj_read_u64(kobj_var(prog, "jiffies"), &j);
	if (err) {
		strbuf_puts(out, "      UPTIME: (unknown)\n");
		field_failed(notes, "UPTIME", err);
		return;
	}
	initial = (uint64_t)(uint32_t)(-300 * (int32_t)hz);
	s = (j - initial) / hz;
	strbuf_puts(out, "      UPTIME: ");
	print_days_hms(out, s);
	strbuf_putc(out, '\n');
}

/* include/linux/sched/loadavg.h */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* avenrun[], rounded to hundredths as /proc/loadavg rounds them. */
static void print_loadavg(struct vr_program *prog, struct strbuf *out,
			  struct strbuf *notes)
{
	struct kobj avenrun = kobj_var(prog, "avenrun");
	unsigned long a[3];
	struct vr_error *err = NULL;

	for (int i = 0; !err && i < 3; i++) {
		uint64_t v;

		err = kobj_read_u64(kobj_index(avenrun, (uint64_t)i), &v);
		a[i] = (unsigned long)v + FIXED_1 / 200;
	}
	if (err) {
		strbuf_puts(out, "LOAD AVERAGE: (unknown)\n");
		field_failed(notes, "LOAD AVERAGE", err);
		return;
	}
	strbuf_printf(out, "LOAD AVERAGE: %lu.%02lu, %lu.%02lu, %lu.%02lu\n",
		      LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]),
		      LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]));
}

static void print_tasks(struct vr_program *prog, struct strbuf *out,
			struct strbuf *notes)
{
	uint64_t *addrs = NULL;
	size_t n = 0;
	struct vr_error *err = for_each_task_addrs(prog, &addrs, &n);

	free(addrs);
	if (err) {
		strbuf_puts(out, "       TASKS: (unknown)\n");
		field_failed(notes, "TASKS", err);
		return;
	}
	strbuf_printf(out, "       TASKS: %zu\n", n);
}

static void print_uts(struct vr_program *prog, const char *label,
		      const char *field, struct strbuf *out,
		      struct strbuf *notes)
{
	char buf[NEW_UTS_LEN + 1];
	struct vr_error *err = init_utsname_field(prog, field, buf);

	if (err) {
		strbuf_printf(out, "%s: (unknown)\n", label);
		field_failed(notes, field, err);
		return;
	}
	strbuf_printf(out, "%s: %s\n", label, buf);
}

/*
 * The processor's clock as crash finds it: x86's cpu_khz (calibrated at
 * boot), ppc64's ppc_proc_freq (from the device tree, in Hz); other
 * architectures keep none.
 */
static uint64_t processor_mhz(struct vr_program *prog)
{
	uint64_t v = 0;
	struct vr_error *err;

	if (kobj_has_symbol(prog, "cpu_khz")) {
		err = kobj_read_u64(kobj_var(prog, "cpu_khz"), &v);
		vr_error_destroy(err);
		return err ? 0 : v / 1000;
	}
	if (kobj_has_symbol(prog, "ppc_proc_freq")) {
		err = kobj_read_u64(kobj_var(prog, "ppc_proc_freq"), &v);
		vr_error_destroy(err);
		return err ? 0 : v / 1000000;
	}
	return 0;
}

static void print_machine(struct vr_program *prog, struct strbuf *out,
			  struct strbuf *notes)
{
	char buf[NEW_UTS_LEN + 1];
	struct vr_error *err = init_utsname_field(prog, "machine", buf);
	uint64_t mhz = processor_mhz(prog);

	if (err) {
		snprintf(buf, sizeof(buf), "(unknown)");
		field_failed(notes, "MACHINE", err);
	}
	if (mhz)
		strbuf_printf(out, "     MACHINE: %s  (%llu Mhz)\n", buf,
			      (unsigned long long)mhz);
	else
		strbuf_printf(out, "     MACHINE: %s  (unknown Mhz)\n", buf);
}

/* The pages of RAM the nodes hold (pgdat->node_present_pages). */
static struct vr_error *present_pages(struct vr_program *prog,
				      uint64_t *ret)
{
	struct pgdat_iter it;
	struct kobj pgdat;
	struct vr_error *err = NULL;

	*ret = 0;
	for_each_online_pgdat(&it, pgdat, prog) {
		uint64_t n;

		err = kobj_read_u64(kobj_member(pgdat, "node_present_pages"),
				    &n);
		if (err)
			break;
		*ret += n;
	}
	if (!err)
		err = it.err;
	else
		vr_error_destroy(it.err);
	return err;
}

/*
 * crash's size of memory: the present pages, rounded up to the next GiB
 * when less than 64 MiB short of it, in GB with one decimal ("511.5 MB",
 * "1 GB": a ".0" is left out).
 */
static void print_memory(struct vr_program *prog, struct strbuf *out,
			 struct strbuf *notes)
{
	const uint64_t mb = 1ULL << 20, gb = 1ULL << 30;
	uint64_t pages, total, next_gb;
	char buf[64], *p;
	struct vr_error *err = present_pages(prog, &pages);

	if (err) {
		strbuf_puts(out, "      MEMORY: (unknown)\n");
		field_failed(notes, "MEMORY", err);
		return;
	}
	total = pages * prog->page_size;
	next_gb = (total + gb - 1) / gb * gb;
	if (next_gb - total <= 64 * mb)
		total = next_gb;
	if (!total)
		snprintf(buf, sizeof(buf), "0");
	else if (total >= gb)
		snprintf(buf, sizeof(buf), "%.1f GB", (double)total / (double)gb);
	else if (total >= mb)
		snprintf(buf, sizeof(buf), "%.1f MB", (double)total / (double)mb);
	else
		snprintf(buf, sizeof(buf), "%llu KB",
			 (unsigned long long)(total / 1024));
	p = strstr(buf, ".0 ");
	if (p)
		memmove(p, p + 2, strlen(p + 2) + 1);
	strbuf_printf(out, "      MEMORY: %s\n", buf);
}

static void print_panic(struct vr_program *prog, struct strbuf *out,
			struct strbuf *notes)
{
	char msg[PANIC_MSG_MAX];
	struct strbuf partial = STRBUF_INIT;
	struct vr_error *err = crash_panic_message(prog, msg, sizeof(msg),
						   &partial);

	if (err) {
		strbuf_puts(out, "       PANIC: (unknown)\n");
		field_failed(notes, "PANIC", err);
		strbuf_free(&partial);
		return;
	}
	strbuf_printf(out, "       PANIC: \"%s\"%s\n", msg,
		      strstr(msg, "Oops: ") ? " (check log for details)" : "");
	if (partial.len)
		strbuf_printf(notes, PARTIAL_PREFIX "PANIC: %s\n", partial.buf);
	strbuf_free(&partial);
}

static struct vr_error *emit_sys(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct strbuf *out = &ctx->out;
	struct strbuf notes = STRBUF_INIT;

	print_kernel(prog, out, &notes);
	strbuf_puts(out, "    DUMPFILE: vmcore\n");
	print_cpus(prog, out, &notes);
	print_date(prog, out, &notes);
	print_uptime(prog, out, &notes);
	print_loadavg(prog, out, &notes);
	print_tasks(prog, out, &notes);
	print_uts(prog, "    NODENAME", "nodename", out, &notes);
	print_uts(prog, "     RELEASE", "release", out, &notes);
	print_uts(prog, "     VERSION", "version", out, &notes);
	print_machine(prog, out, &notes);
	print_memory(prog, out, &notes);
	print_panic(prog, out, &notes);
	if (notes.len)
		strbuf_append(out, notes.buf, notes.len);
	strbuf_free(&notes);
	return NULL;
}

static const struct emitter sos_sys = {
	.path = "sos_commands/kernel/sys",
	.emit = emit_sys,
};
EMITTER(sos_sys);
