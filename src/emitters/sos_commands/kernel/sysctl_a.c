// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sos_commands/kernel/sysctl_-a: what `sysctl -a` (procps-ng) prints,
 * which sos's kernel plugin runs: one "name = value" line per line of
 * each /proc/sys file, the name its path with '/' as '.'.
 *
 * Our /proc/sys files are the emitters under proc/sys/ (see vr/sysctl.h);
 * each is run again here.  sysctl walks /proc/sys with readdir(), whose
 * order is the sysctl rbtree's (fs/proc/proc_sysctl.c namecmp(): bytes,
 * then the shorter name first), so the names are sorted component by
 * component.  A file the kernel does not have (a variable it was built
 * without) is left out, as sysctl has nothing to read; a file we could
 * not rebuild is named on a trailing partial line, with the first reason.  Only the kernel.*
 * and vm.* entries we reconstruct are listed: the partial line says so.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"

#define SYSCTL_PREFIX "proc/sys/"

struct sysctl_entry {
	const char *path;	/* under proc/sys/ */
	char *text;		/* the file's text */
	size_t len;
};

/* namecmp() component by component ("a/x" before "a-b": not strcmp). */
static int sysctl_path_cmp(const void *a, const void *b)
{
	const char *x = ((const struct sysctl_entry *)a)->path;
	const char *y = ((const struct sysctl_entry *)b)->path;

	for (;;) {
		size_t lx = strcspn(x, "/"), ly = strcspn(y, "/");
		int c = memcmp(x, y, lx < ly ? lx : ly);

		if (c)
			return c;
		if (lx != ly)
			return lx < ly ? -1 : 1;
		if (!x[lx] || !y[ly])
			return (x[lx] != 0) - (y[ly] != 0);
		x += lx + 1;
		y += ly + 1;
	}
}

/* A stub that says the kernel has no such file. */
static bool absent_file(const char *reason)
{
	return strstr(reason, "not in this kernel") ||
	       strstr(reason, "the kernel has no");
}

/*
 * Run @e; true with the text in @s, false (and @missing noted, with the
 * first reason in @why) if none.
 */
static bool run_sysctl(struct emit_ctx *ctx, const struct emitter *e,
		       struct sysctl_entry *s, struct strbuf *missing,
		       struct strbuf *why)
{
	struct emit_ctx sub = { .prog = ctx->prog, .path = e->path };
	struct vr_error *err = e->emit(&sub);
	const char *name = e->path + strlen(SYSCTL_PREFIX);

	if (!err && !sub.stub && !sub.out.failed) {
		s->path = name;
		s->text = strbuf_detach(&sub.out, &s->len);
		return s->text != NULL;
	}
	if (err || sub.out.failed || !absent_file(sub.reason)) {
		vr_program_log(ctx->prog, "%s: %s: %s", ctx->path, name,
			       err ? err->message : sub.reason);
		strbuf_printf(missing, "%s%s", missing->len ? ", " : "", name);
		if (!why->len)
			strbuf_printf(why, "%s: %s", name,
				      err ? err->message : sub.reason);
	}
	vr_error_destroy(err);
	strbuf_free(&sub.out);
	return false;
}

/* ReadSetting(): "name = line" for each line of the file. */
static void print_setting(struct strbuf *out, const struct sysctl_entry *s)
{
	size_t i = 0;

	while (i < s->len) {
		const char *nl = memchr(s->text + i, '\n', s->len - i);
		size_t end = nl ? (size_t)(nl - s->text) : s->len;

		for (const char *p = s->path; *p; p++)
			strbuf_putc(out, *p == '/' ? '.' : *p);
		strbuf_puts(out, " = ");
		strbuf_append(out, s->text + i, end - i);
		strbuf_putc(out, '\n');
		i = end + 1;
	}
}

static struct vr_error *emit_sysctl_a(struct emit_ctx *ctx)
{
	struct strbuf missing = STRBUF_INIT, why = STRBUF_INIT;
	const struct emitter *const *all;
	struct sysctl_entry *v;
	size_t n_all, n = 0;

	all = emitters_sorted(&n_all);
	v = all ? calloc(n_all ? n_all : 1, sizeof(*v)) : NULL;
	if (!v) {
		free((void *)all);
		return &vr_enomem;
	}
	for (size_t i = 0; i < n_all; i++) {
		const struct emitter *e = all[i];

		if (strncmp(e->path, SYSCTL_PREFIX, strlen(SYSCTL_PREFIX)) ||
		    e->enumerator || e->planned)
			continue;
		if (run_sysctl(ctx, e, &v[n], &missing, &why))
			n++;
	}
	qsort(v, n, sizeof(*v), sysctl_path_cmp);
	for (size_t i = 0; i < n; i++) {
		print_setting(&ctx->out, &v[i]);
		free(v[i].text);
	}
	strbuf_puts(&ctx->out, PARTIAL_PREFIX "only the kernel.* and vm.* "
		    "entries whose value is a kernel variable");
	if (missing.len)
		strbuf_printf(&ctx->out, "; not reconstructed: %s (first: %s)",
			      missing.buf, why.buf);
	strbuf_putc(&ctx->out, '\n');
	strbuf_free(&missing);
	strbuf_free(&why);
	free(v);
	free((void *)all);
	return NULL;
}

static const struct emitter sysctl_a = {
	.path = "sos_commands/kernel/sysctl_-a",
	.emit = emit_sysctl_a,
};
EMITTER(sysctl_a);
