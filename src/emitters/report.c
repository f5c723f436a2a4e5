// SPDX-License-Identifier: GPL-2.0-or-later
/* Running the emitters. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vr/emitter.h"
#include "vr/hashmap.h"
#include "vr/kernel.h"
#include "vr/report.h"
#include "vr/util.h"

const char *report_status_name(enum report_status status)
{
	switch (status) {
	case REPORT_OK: return "ok";
	case REPORT_STUB: return "stub";
	default: return "error";
	}
}

struct vr_error *report_add(struct report *rep, const char *path, char *data,
			    size_t len, enum report_status status,
			    const char *reason, double ms)
{
	struct report_file *f;

	if (rep->nr_files == rep->cap) {
		size_t cap = rep->cap ? rep->cap * 2 : 64;
		struct report_file *v = realloc(rep->files, cap * sizeof(*v));

		if (!v)
			goto nomem;
		rep->files = v;
		rep->cap = cap;
	}
	f = &rep->files[rep->nr_files];
	*f = (struct report_file){
		.path = strdup(path),
		.data = data,
		.len = len,
		.status = status,
		.reason = reason ? strdup(reason) : NULL,
		.ms = ms,
	};
	if (!f->path || (reason && !f->reason)) {
		free(f->path);
		free(f->reason);
		goto nomem;
	}
	rep->nr_files++;
	return NULL;
nomem:
	free(data);
	return &vr_enomem;
}

void report_free(struct report *rep)
{
	for (size_t i = 0; i < rep->nr_files; i++) {
		free(rep->files[i].path);
		free(rep->files[i].data);
		free(rep->files[i].reason);
	}
	free(rep->files);
	memset(rep, 0, sizeof(*rep));
}

static bool glob_list_matches(const char *list, const char *path,
			      const char *pattern)
{
	char glob[256];

	while (list && *list) {
		size_t n = strcspn(list, ",");

		if (n && n < sizeof(glob)) {
			memcpy(glob, list, n);
			glob[n] = '\0';
			if (fnmatch(glob, path, 0) == 0 ||
			    fnmatch(glob, pattern, 0) == 0 ||
			    strcmp(glob, pattern) == 0)
				return true;
		}
		list += n + (list[n] == ',');
	}
	return false;
}

static bool selected(const struct report_options *filter, const char *path,
		     const char *pattern)
{
	if (filter->only && !glob_list_matches(filter->only, path, pattern))
		return false;
	return !(filter->skip && glob_list_matches(filter->skip, path, pattern));
}

/* The text of placeholder @part of @id: the enumerator's name, or the number. */
static struct vr_error *placeholder(struct vr_program *prog,
				    const struct enumerator *en, uint64_t id,
				    unsigned int part, uint64_t number,
				    char *buf, size_t size)
{
	struct vr_error *err;

	if (!en || !en->id_name) {
		snprintf(buf, size, "%llu", (unsigned long long)number);
		return NULL;
	}
	err = en->id_name(prog, id, part, buf, size);
	/* A name must stay one path component. */
	if (!err && (!buf[0] || strchr(buf, '/') || !strcmp(buf, ".") ||
		     !strcmp(buf, "..")))
		err = vr_error_create(VR_ERR_CORRUPT, "%s: bad name \"%s\"",
				      en->name, buf);
	return err;
}

/*
 * "proc/{pid}/comm" with id 42 -> "proc/42/comm".  A path with two
 * placeholders takes an id of two halves: "proc/{pid}/task/{tid}/stat"
 * with id 42 << 32 | 43 -> "proc/42/task/43/stat" (the "tid" enumerator).
 * An enumerator with an id_name() callback names the placeholders:
 * "sys/module/{module}/refcnt" -> "sys/module/loop/refcnt".
 */
static struct vr_error *expand_path(struct vr_program *prog,
				    const struct enumerator *en,
				    const char *pattern, uint64_t id,
				    char *buf, size_t size)
{
	const char *open = strchr(pattern, '{'), *close;
	const char *open2, *close2;
	char a[256], b[256];
	struct vr_error *err;
	int n;

	close = open ? strchr(open, '}') : NULL;
	if (!close) {
		snprintf(buf, size, "%s", pattern);
		return NULL;
	}
	open2 = strchr(close, '{');
	close2 = open2 ? strchr(open2, '}') : NULL;
	if (close2) {
		err = placeholder(prog, en, id, 0, id >> 32, a, sizeof(a));
		if (!err)
			err = placeholder(prog, en, id, 1, id & 0xffffffffULL,
					  b, sizeof(b));
		if (err)
			return err;
		n = snprintf(buf, size, "%.*s%s%.*s%s%s",
			     (int)(open - pattern), pattern, a,
			     (int)(open2 - close - 1), close + 1, b,
			     close2 + 1);
	} else {
		err = placeholder(prog, en, id, 0, id, a, sizeof(a));
		if (err)
			return err;
		n = snprintf(buf, size, "%.*s%s%s", (int)(open - pattern),
			     pattern, a, close + 1);
	}
	if (n < 0 || (size_t)n >= size)
		return vr_error_create(VR_ERR_LIMIT, "path too long");
	return NULL;
}

/*
 * The end of a run under vr_program_set_deadline(@timeout) started at
 * @t0 ms: its error @err, or, if the time ran out, one saying so (what
 * the run made after reads began to fail is not trusted).
 */
static struct vr_error *deadline_end(struct vr_program *prog, double timeout,
				     double t0, struct vr_error *err)
{
	if (prog->deadline_hit) {
		vr_error_destroy(err);
		err = vr_error_create(VR_ERR_LIMIT,
				      "stopped after %.3g s: time limit of %g s per file (--emitter-timeout)",
				      (vr_monotonic_ms() - t0) / 1e3, timeout);
	}
	vr_program_set_deadline(prog, 0);
	return err;
}

static struct vr_error *run_one(struct vr_program *prog, struct report *rep,
				const struct emitter *e, const char *path,
				uint64_t id, double timeout)
{
	struct emit_ctx ctx = { .prog = prog, .path = path, .id = id };
	enum report_status status = REPORT_OK;
	const char *reason = NULL;
	struct vr_error *err, *emit_err;
	double t0 = vr_monotonic_ms();
	char *data;
	size_t len;

	vr_program_set_deadline(prog, timeout);
	emit_err = e->emit(&ctx);
	if (!emit_err && ctx.out.failed)
		emit_err = ctx.out.len >= STRBUF_MAX / 2 ?
			   vr_error_create(VR_ERR_LIMIT, "more than %zu MiB of text",
					   STRBUF_MAX >> 20) :
			   vr_error_create(VR_ERR_NOMEM, "out of memory");
	emit_err = deadline_end(prog, timeout, t0, emit_err);
	if (emit_err || ctx.stub) {
		status = emit_err ? REPORT_ERROR : REPORT_STUB;
		reason = emit_err ? emit_err->message : ctx.reason;
		if (emit_err)
			vr_program_log(prog, "%s: %s", path, reason);
		strbuf_reset(&ctx.out);
		strbuf_printf(&ctx.out, STUB_PREFIX "%s\n", reason);
	}
	data = strbuf_detach(&ctx.out, &len);
	err = report_add(rep, path, data, len, status, reason, vr_monotonic_ms() - t0);
	vr_error_destroy(emit_err);
	return err;
}

/*
 * Ids an enumerator reports at most: 2^18 tasks (the kernel allows 4M,
 * PID_MAX_LIMIT, but no real machine comes near 2^18), each with a
 * dozen proc/<pid>/ files.
 */
#define REPORT_MAX_IDS (1 << 18)

/* The ids of an enumerator, listed once per report. */
struct id_list {
	const char *name;
	const struct enumerator *en;
	uint64_t *ids;
	size_t count;
	struct vr_error *err;
};

static struct id_list *enumerate(struct vr_program *prog,
				 struct id_list *lists, size_t *nr_lists,
				 size_t max_lists, const char *name,
				 double timeout)
{
	const struct enumerator *en;
	struct id_list *l;

	for (size_t i = 0; i < *nr_lists; i++) {
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	}
	if (*nr_lists == max_lists)
		return NULL;
	l = &lists[(*nr_lists)++];
	*l = (struct id_list){ .name = name };
	en = enumerator_find(name);
	l->en = en;
	if (!en) {
		l->err = vr_error_create(VR_ERR_NOT_FOUND,
					 "no enumerator %s", name);
	} else {
		double t0 = vr_monotonic_ms();

		vr_program_set_deadline(prog, timeout);
		l->err = en->list(prog, &l->ids, &l->count);
		l->err = deadline_end(prog, timeout, t0, l->err);
	}
	if (!l->err && l->count > REPORT_MAX_IDS) {
		vr_program_log(prog, "enumerator %s: %zu ids, the first %d reported",
			       name, l->count, REPORT_MAX_IDS);
		l->count = REPORT_MAX_IDS;
	}
	if (l->err)
		vr_program_log(prog, "enumerator %s: %s", name,
			       l->err->message);
	return l;
}

static void sanitize_hostname(char *s)
{
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.' &&
		    *s != '_')
			*s = '_';
	}
}

static void report_identity(struct vr_program *prog, struct report *rep)
{
	struct vr_error *err;
	struct tm tm;
	time_t t;

	err = init_utsname_field(prog, "nodename", rep->hostname);
	if (err || !rep->hostname[0]) {
		vr_program_log(prog, "hostname: %s",
			       err ? err->message : "empty");
		snprintf(rep->hostname, sizeof(rep->hostname), "unknown");
	}
	vr_error_destroy(err);
	sanitize_hostname(rep->hostname);
	err = init_utsname_field(prog, "release", rep->release);
	vr_error_destroy(err);
	err = init_utsname_field(prog, "machine", rep->machine);
	vr_error_destroy(err);
	err = crash_time(prog, &rep->crash_time, &rep->crash_time_source);
	if (err) {
		vr_program_log(prog, "crash time: %s", err->message);
		vr_error_destroy(err);
		rep->crash_time = 0;
		rep->crash_time_source = NULL;
	}
	/* crash_time() keeps it within four-digit years. */
	t = (time_t)rep->crash_time;
	gmtime_r(&t, &tm);
	snprintf(rep->top, sizeof(rep->top),
		 "sosvmcore-%s-%04d-%02d-%02d-%02d%02d%02d", rep->hostname,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
}

#define MAX_ENUMERATORS 16

/* Note the path of the file just added (it lives as long as @rep). */
static struct vr_error *remember(struct hashmap *seen, const struct report *rep)
{
	const char *path = rep->files[rep->nr_files - 1].path;

	if (!hashmap_put_str(seen, 0, path, strlen(path), (void *)path))
		return &vr_enomem;
	return NULL;
}

struct vr_error *report_run(struct vr_program *prog,
			    const struct report_options *opts,
			    struct report *rep)
{
	struct id_list lists[MAX_ENUMERATORS];
	struct hashmap seen = { 0 };	/* paths made from enumerated ids */
	size_t nr_lists = 0, count;
	const struct emitter *const *all = emitters_sorted(&count);
	struct vr_error *err = NULL;
	char path[512];

	if (!all)
		return &vr_enomem;
	report_identity(prog, rep);
	for (size_t i = 0; i < count && !err; i++) {
		const struct emitter *e = all[i];
		struct id_list *l;

		if (!e->enumerator) {
			if (selected(opts, e->path, e->path))
				err = run_one(prog, rep, e, e->path, 0,
					      opts->emitter_timeout);
			continue;
		}
		l = enumerate(prog, lists, &nr_lists, MAX_ENUMERATORS,
			      e->enumerator, opts->emitter_timeout);
		for (size_t j = 0; l && !l->err && j < l->count && !err; j++) {
			struct vr_error *name_err;

			name_err = expand_path(prog, l->en, e->path, l->ids[j],
					       path, sizeof(path));
			if (name_err) {
				/* No path to write to: logged, not written. */
				vr_program_log(prog, "%s id %llu: %s", e->path,
					       (unsigned long long)l->ids[j],
					       name_err->message);
				vr_error_destroy(name_err);
				continue;
			}
			if (!selected(opts, path, e->path))
				continue;
			if (hashmap_get_str(&seen, 0, path, strlen(path))) {
				/* Two ids with one name: a corrupt list. */
				vr_program_log(prog, "%s: a second %s id 0x%llx of that name skipped",
					       path, e->enumerator,
					       (unsigned long long)l->ids[j]);
				continue;
			}
			err = run_one(prog, rep, e, path, l->ids[j],
				      opts->emitter_timeout);
			if (!err)
				err = remember(&seen, rep);
		}
	}
	for (size_t i = 0; i < nr_lists; i++) {
		free(lists[i].ids);
		vr_error_destroy(lists[i].err);
	}
	hashmap_free(&seen);
	free((void *)all);
	return err;
}

void report_list_emitters(void)
{
	size_t count;
	const struct emitter *const *all = emitters_sorted(&count);

	if (!all)
		return;
	for (size_t i = 0; i < count; i++) {
		printf("%s", all[i]->path);
		if (all[i]->enumerator)
			printf("\t(for each %s)", all[i]->enumerator);
		if (all[i]->planned)
			printf("\t(planned: stub for now)");
		putchar('\n');
	}
	free((void *)all);
}
