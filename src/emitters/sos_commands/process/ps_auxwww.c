// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/process/ps_auxwww: procps-ng 4.0 `ps auxwww` (ps/output.c,
 * library/pids.c, library/readproc.c) under sos's LC_ALL=C.UTF-8, one
 * line per process (thread group) by pid, with the values ps reads from
 * /proc/<pid>/stat and status:
 *
 *   USER  pr_euser(): the effective uid's name; the dump has no
 *         /etc/passwd, so the number, as ps prints an unknown uid
 *   PID   the tgid, in a column as wide as /proc/sys/kernel/pid_max
 *   %CPU  pr_pcpu(): (utime + stime) * 1000 / ticks since the start,
 *         the uptime and start time in USER_HZ ticks as ps computes them
 *   %MEM  pr_pmem(): VmRSS * 1000 / MemTotal, "%2u.%u"
 *   VSZ, RSS  VmSize and VmRSS in kB
 *   TTY   the controlling tty's /dev name, "?" if none
 *   STAT  pr_stat(): the state letter, then '<' (nice < 0), 'N'
 *         (nice > 0), 'L' (VmLck), 's' (session leader), 'l' (threads),
 *         '+' (in the tty's foreground process group)
 *   START pr_stime(): "%H:%M" on the day of the dump, "%b%d" before,
 *         "%Y" before its year; boot time + start time, in UTC
 *   TIME  pr_bsdtime(): the CPU time as "%3u:%02u", minutes and seconds
 *   COMMAND  the command line, its NULs as spaces; "[comm]" when empty
 *         (kernel threads), with " <defunct>" for a zombie
 *
 * The columns are laid out by show_one_proc()'s rules (a right-aligned
 * value may push the next ones right, which then catch up).  "Now" is
 * the dump's clock: the uptime of /proc/uptime and the crash time.
 * Command lines in user pages the dump left out are shown as the task's
 * name, and a partial line says how many.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/mm.h"
#include "vr/ps.h"
#include "vr/task_info.h"

/* ps/common.h OUTBUF_SIZE, readproc.c MAX_BUFSZ: what one column holds. */
#define PS_OUTBUF_SIZE (2 * 64 * 1024)
/* show_one_proc(): SPACE_AMOUNT, the most padding written at once. */
#define PS_SPACE_AMOUNT 144

enum ps_just { PS_LEFT, PS_RIGHT, PS_USER, PS_UNLIMITED };

struct ps_col {
	const char *head;
	int width;
	enum ps_just just;
};

/* ps/output.c format_array[] for "OL_u" (BSD u): its widths and flags. */
enum {
	C_USER, C_PID, C_PCPU, C_PMEM, C_VSZ, C_RSS, C_TTY, C_STAT, C_START,
	C_TIME, C_ARGS, NR_COLS
};

static const struct ps_col aux_cols[NR_COLS] = {
	[C_USER] = { "USER", 8, PS_USER },
	[C_PID] = { "PID", 5, PS_RIGHT },	/* CF_PIDMAX */
	[C_PCPU] = { "%CPU", 4, PS_RIGHT },
	[C_PMEM] = { "%MEM", 4, PS_RIGHT },
	[C_VSZ] = { "VSZ", 6, PS_RIGHT },
	[C_RSS] = { "RSS", 5, PS_RIGHT },
	[C_TTY] = { "TTY", 8, PS_LEFT },
	[C_STAT] = { "STAT", 4, PS_LEFT },
	[C_START] = { "START", 5, PS_RIGHT },
	[C_TIME] = { "TIME", 6, PS_RIGHT },
	[C_ARGS] = { "COMMAND", 27, PS_UNLIMITED },
};

/* Screen cells of a UTF-8 string (what ps counts as a column's width). */
static int cells(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * show_one_proc(): "correct" is where the column should start, "actual"
 * where the text is; a right-aligned value is padded to its width, and
 * each column is separated by at least one space.
 */
static void show_one_proc(struct strbuf *out, const int *widths,
			  char *const *text)
{
	int correct = 0, actual = 0, dospace = 0;

	for (int i = 0; i < NR_COLS; i++) {
		int amount = cells(text[i]), leftpad = 0, space;

		if (aux_cols[i].just == PS_RIGHT && widths[i] > amount)
			leftpad = widths[i] - amount;
		/* PS_USER pads only numeric users (`ps n`); PS_LEFT never. */
		space = correct - actual + leftpad;
		if (space < 1)
			space = dospace;
		if (space > PS_SPACE_AMOUNT)
			space = PS_SPACE_AMOUNT;
		strbuf_printf(out, "%*s%s", space, "", text[i]);
		if (i == NR_COLS - 1)
			break;
		actual += space + amount;
		correct += widths[i] + 1;
		dospace = 1;
	}
	strbuf_putc(out, '\n');
}

/* escape.c esc_ctl() (UTF-8 locale): control and invalid bytes as '?'. */
static void esc_ctl(unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : c < 0xc2 ? 0 : c < 0xe0 ? 2 :
			   c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;
		bool bad = !n || i + n > len ||
			   (c == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f);

		for (size_t x = 1; !bad && x < n; x++)
			bad = s[i + x] < 0x80 || s[i + x] > 0xbf;
		if (bad) {
			s[i++] = '?';
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			s[i] = '?';
		i += n;
	}
}

/*
 * readproc.c read_unvectored() of /proc/<pid>/cmdline with ' ' as the
 * separator, then escape_str(); the result's length, 0 for none.
 */
static size_t cmdline_text(char *dst, const char *src, size_t n)
{
	size_t i;

	if (n > PS_OUTBUF_SIZE - 1)
		n = PS_OUTBUF_SIZE - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	if (!n)
		return 0;
	i = n;
	while (i && dst[i - 1] == '\0')
		--i;
	while (i--)
		if (dst[i] == '\n' || dst[i] == '\0')
			dst[i] = ' ';
	if (dst[n - 1] == ' ')
		dst[n - 1] = '\0';
	n = strlen(dst);
	esc_ctl((unsigned char *)dst, n);
	return n;
}

/* What ps reads once for the whole listing. */
struct ps_env {
	int widths[NR_COLS];
	int64_t btime;		/* /proc/stat btime */
	uint64_t boot_tics;	/* pids.c: uptime in USER_HZ ticks */
	uint64_t mem_total;	/* MemTotal, kB */
	struct tm now;		/* the dump's time, UTC */
	unsigned int kb_shift;	/* pages to kB */
	unsigned int missing;	/* command lines not in the dump */
};

static struct vr_error *ps_env_init(struct vr_program *prog,
				    struct ps_env *env)
{
	char pid_max[24], up[32];
	uint64_t uptime_cs, pages;
	const char *source;
	struct vr_error *err;
	int64_t crashed;
	time_t t;

	memset(env, 0, sizeof(*env));
	for (int i = 0; i < NR_COLS; i++)
		env->widths[i] = aux_cols[i].width;
	/* procps_pid_length(): strlen of pid_max, at least the header's. */
	err = pid_max_text(prog, pid_max, sizeof(pid_max));
	if (err)
		return err;
	if ((int)strlen(pid_max) > 3)
		env->widths[C_PID] = (int)strlen(pid_max);
	else
		env->widths[C_PID] = 3;
	err = boot_clock(prog, &env->btime, &uptime_cs);
	if (!err)
		err = crash_time(prog, &crashed, &source);
	if (err)
		return err;
	/* procps_uptime() reads /proc/uptime with "%lf": the same double. */
	snprintf(up, sizeof(up), "%llu.%02llu",
		 (unsigned long long)(uptime_cs / 100),
		 (unsigned long long)(uptime_cs % 100));
	env->boot_tics = (uint64_t)(strtod(up, NULL) * USER_HZ);
	t = (time_t)crashed;
	if (!gmtime_r(&t, &env->now))
		return vr_error_create(VR_ERR_FORMAT, "crash time %lld",
				       (long long)crashed);
	while ((1ULL << env->kb_shift) < prog->page_size / 1024)
		env->kb_shift++;
	pages = totalram_pages(prog, &err);
	env->mem_total = pages << env->kb_shift;
	return err;
}

/* pr_pcpu() with pids.c TIME_ELAPSED, in the same double arithmetic. */
static void format_pcpu(char *buf, size_t size, const struct ps_env *env,
			uint64_t total, uint64_t start)
{
	unsigned long long jiffies = 0;
	unsigned int pcpu = 0;

	/* boot_tics - start_time, unsigned: a later start makes it huge. */
	if (env->boot_tics > start) {
		double t = (double)(env->boot_tics - start);
		double elapsed = t / USER_HZ;

		jiffies = (unsigned long long)(elapsed * USER_HZ);
	}
	if (jiffies)
		pcpu = (unsigned int)(total * 1000ULL / jiffies);
	if (pcpu > 999U)
		snprintf(buf, size, "%u", pcpu / 10U);
	else
		snprintf(buf, size, "%u.%u", pcpu / 10U, pcpu % 10U);
}

/* pr_stime() in UTC, C locale month names. */
static void format_start(char *buf, size_t size, const struct ps_env *env,
			 uint64_t start)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	time_t t = (time_t)(env->btime + (int64_t)(start / USER_HZ));
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		buf[0] = '\0';
		return;
	}
	if (tm.tm_year != env->now.tm_year)
		snprintf(buf, size, "%d", tm.tm_year + 1900);
	else if (tm.tm_yday != env->now.tm_yday)
		snprintf(buf, size, "%s%02d", months[tm.tm_mon % 12],
			 tm.tm_mday);
	else
		snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* What /proc/<tgid>/stat and status say of one process, for ps. */
struct ps_proc {
	uint32_t euid;
	uint64_t tgid, utime, stime, start, vsz_kb, rss_kb, lck_kb;
	int64_t nice, pgrp, sid, tpgid, tty_nr;
	uint64_t nlwp;
	char state;
	char tty[64];
	char comm[PROC_TASK_NAME_LEN];
};

static struct vr_error *read_proc(struct kobj task, const struct ps_env *env,
				  struct ps_proc *p, struct kobj *mm,
				  bool *has_mm)
{
	struct vr_error *err = NULL;
	struct task_cred_ids ids;
	unsigned int state;
	uint64_t ut, st;

	memset(p, 0, sizeof(*p));
	p->pgrp = p->sid = p->tpgid = -1;
	err = task_state_index(task, &state);
	if (!err)
		err = proc_task_name(task, p->comm);
	if (!err)
		err = task_cred_ids(task, &ids);
	if (err)
		return err;
	p->state = task_state_name(state)[0];
	p->euid = ids.euid;
	p->tgid = task_pid_nr_init(task, PIDTYPE_TGID, &err);
	p->nice = task_nice(task, &err);
	/* do_task_stat(): what needs lock_task_sighand(). */
	if (kobj_member_u64(task, "sighand", &err)) {
		task_tty(task, &p->tty_nr, &p->tpgid, &err);
		p->nlwp = get_nr_threads(task, &err);
		p->sid = (int64_t)task_pid_nr_init(task, PIDTYPE_SID, &err);
		p->pgrp = (int64_t)task_pid_nr_init(task, PIDTYPE_PGID, &err);
		if (!err && p->tty_nr)
			err = task_tty_name(task, p->tty, sizeof(p->tty));
	}
	thread_group_cputime_adjusted(task, &ut, &st, &err);
	p->utime = nsec_to_clock_t(ut);
	p->stime = nsec_to_clock_t(st);
	p->start = nsec_to_clock_t(task_start_boottime(task, &err));
	*has_mm = get_task_mm(task, mm, &err);
	if (*has_mm) {
		/* task_mem(): VmSize, VmLck, VmRSS */
		p->vsz_kb = kobj_member_u64(*mm, "total_vm", &err) <<
			    env->kb_shift;
		p->lck_kb = kobj_member_u64(*mm, "locked_vm", &err) <<
			    env->kb_shift;
		p->rss_kb = (get_mm_counter_sum(*mm, MM_ANONPAGES, &err) +
			     get_mm_counter_sum(*mm, MM_FILEPAGES, &err) +
			     get_mm_counter_sum(*mm, MM_SHMEMPAGES, &err)) <<
			    env->kb_shift;
	}
	return err;
}

/* pr_stat() */
static void format_stat(char *buf, const struct ps_proc *p)
{
	int end = 0;

	buf[end++] = p->state;
	if (p->nice < 0)
		buf[end++] = '<';
	if (p->nice > 0)
		buf[end++] = 'N';
	if (p->lck_kb)
		buf[end++] = 'L';
	if (p->sid == (int64_t)p->tgid)
		buf[end++] = 's';
	if (p->nlwp > 1)
		buf[end++] = 'l';
	if (p->pgrp == p->tpgid)
		buf[end++] = '+';
	buf[end] = '\0';
}

/*
 * The COMMAND column: the command line, else escape_command() with
 * ESC_BRACKETS | ESC_DEFUNCT.
 */
static struct vr_error *format_args(char *buf, struct ps_env *env,
				    const struct ps_proc *p, struct kobj mm,
				    bool has_mm)
{
	struct strbuf raw = STRBUF_INIT;
	struct vr_error *err = NULL;
	size_t n = 0;

	if (has_mm) {
		err = get_mm_cmdline(mm, &raw);
		if (err && user_read_stub_reason(err)) {
			vr_program_log(mm.prog, "ps_auxwww: command line of %llu: %s",
				       (unsigned long long)p->tgid,
				       err->message);
			vr_error_destroy(err);
			err = NULL;
			env->missing++;
			strbuf_free(&raw);
			snprintf(buf, PS_OUTBUF_SIZE, "%s", p->comm);
			esc_ctl((unsigned char *)buf, strlen(buf));
			return NULL;
		}
		if (!err && raw.failed)
			err = &vr_enomem;
		if (!err)
			n = cmdline_text(buf, raw.buf ? raw.buf : "", raw.len);
	}
	strbuf_free(&raw);
	if (err)
		return err;
	if (!n) {
		char comm[PROC_TASK_NAME_LEN];

		snprintf(comm, sizeof(comm), "%s", p->comm);
		esc_ctl((unsigned char *)comm, strlen(comm));
		snprintf(buf, PS_OUTBUF_SIZE, "[%s]%s", comm,
			 p->state == 'Z' ? " <defunct>" : "");
	}
	return NULL;
}

static struct vr_error *show_process(struct strbuf *out, struct ps_env *env,
				     struct kobj task, char *args)
{
	char user[16], pid[24], pcpu[16], pmem[16], vsz[24], rss[24];
	char stat[8], start[16], time_s[24];
	struct ps_proc p;
	bool has_mm = false;
	struct kobj mm;
	uint64_t pmem_v, total, secs;
	struct vr_error *err = read_proc(task, env, &p, &mm, &has_mm);
	char *text[NR_COLS];

	if (!err)
		err = format_args(args, env, &p, mm, has_mm);
	if (err)
		return vr_error_wrap(err, "process %llu",
				     (unsigned long long)p.tgid);
	total = p.utime + p.stime;
	snprintf(user, sizeof(user), "%u", p.euid);
	snprintf(pid, sizeof(pid), "%llu", (unsigned long long)p.tgid);
	format_pcpu(pcpu, sizeof(pcpu), env, total, p.start);
	pmem_v = env->mem_total ? p.rss_kb * 1000ULL / env->mem_total : 0;
	if (pmem_v > 999)
		pmem_v = 999;
	snprintf(pmem, sizeof(pmem), "%2u.%u", (unsigned int)(pmem_v / 10),
		 (unsigned int)(pmem_v % 10));
	snprintf(vsz, sizeof(vsz), "%llu", (unsigned long long)p.vsz_kb);
	snprintf(rss, sizeof(rss), "%llu", (unsigned long long)p.rss_kb);
	format_stat(stat, &p);
	format_start(start, sizeof(start), env, p.start);
	secs = total / USER_HZ;
	snprintf(time_s, sizeof(time_s), "%3u:%02u", (unsigned int)(secs / 60),
		 (unsigned int)(secs % 60));
	text[C_USER] = user;
	text[C_PID] = pid;
	text[C_PCPU] = pcpu;
	text[C_PMEM] = pmem;
	text[C_VSZ] = vsz;
	text[C_RSS] = rss;
	text[C_TTY] = p.tty[0] ? p.tty : "?";
	text[C_STAT] = stat;
	text[C_START] = start;
	text[C_TIME] = time_s;
	text[C_ARGS] = args;
	show_one_proc(out, env->widths, text);
	return NULL;
}

static struct vr_error *emit_ps_auxwww(struct emit_ctx *ctx)
{
	struct ps_env env;
	char *text[NR_COLS], *args;
	uint64_t *pids = NULL;
	size_t n = 0;
	struct vr_error *err = ps_env_init(ctx->prog, &env);

	if (!err)
		err = for_each_process_pids(ctx->prog, &pids, &n);
	if (err)
		return err;
	args = malloc(PS_OUTBUF_SIZE);
	if (!args) {
		free(pids);
		return &vr_enomem;
	}
	for (int i = 0; i < NR_COLS; i++)
		text[i] = (char *)aux_cols[i].head;
	show_one_proc(&ctx->out, env.widths, text);
	for (size_t i = 0; i < n && !err; i++) {
		/* a group leader is on init_task.tasks once; be safe */
		if (i && pids[i] == pids[i - 1])
			continue;
		err = show_process(&ctx->out, &env, find_task(ctx->prog, pids[i]),
				   args);
	}
	free(args);
	free(pids);
	if (!err && env.missing)
		strbuf_printf(&ctx->out, PARTIAL_PREFIX "the command lines of "
			      "%u processes are in user pages the dump does "
			      "not hold; their name is shown instead\n",
			      env.missing);
	return err;
}

static const struct emitter ps_auxwww = {
	.path = "sos_commands/process/ps_auxwww",
	.emit = emit_ps_auxwww,
};
EMITTER(ps_auxwww);
