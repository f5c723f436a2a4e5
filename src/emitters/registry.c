// SPDX-License-Identifier: GPL-2.0-or-later
/* The emitter and enumerator tables, gathered by the linker. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/emitter.h"

extern const struct emitter *const __start_vr_emitters[];
extern const struct emitter *const __stop_vr_emitters[];
extern const struct enumerator *const __start_vr_enumerators[];
extern const struct enumerator *const __stop_vr_enumerators[];

struct vr_error *emit_stub(struct emit_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	va_end(ap);
	ctx->stub = true;
	return NULL;
}

static int emitter_cmp(const void *a, const void *b)
{
	const struct emitter *x = *(const struct emitter *const *)a;
	const struct emitter *y = *(const struct emitter *const *)b;

	return strcmp(x->path, y->path);
}

const struct emitter *const *emitters_sorted(size_t *count)
{
	size_t n = (size_t)(__stop_vr_emitters - __start_vr_emitters);
	const struct emitter **v = calloc(n ? n : 1, sizeof(*v));

	if (!v)
		return NULL;
	memcpy(v, __start_vr_emitters, n * sizeof(*v));
	qsort(v, n, sizeof(*v), emitter_cmp);
	*count = n;
	return v;
}

const struct enumerator *enumerator_find(const char *name)
{
	for (const struct enumerator *const *e = __start_vr_enumerators;
	     e < __stop_vr_enumerators; e++) {
		if (strcmp((*e)->name, name) == 0)
			return *e;
	}
	return NULL;
}
