/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Emitters: one per output file.  A file registers its own emitters with
 * EMITTER(); adding a .c file adds the emitter.  A path is either fixed
 * ("proc/version") or enumerated over an enumerator's ids
 * ("proc/{pid}/comm" over "pid").
 *
 * An emitter writes the file's text to ctx->out and returns NULL, or
 * returns emit_stub(ctx, reason) when the file cannot be reconstructed from
 * a dump, or returns an error (which the report also turns into a stub and
 * logs).  It never aborts the report.
 */
#ifndef VR_EMITTER_H
#define VR_EMITTER_H

#include <stdbool.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/program.h"
#include "vr/strbuf.h"

#define STUB_PREFIX "# vmcore-report: stub (not reconstructable from vmcore) - "
/* A file in its real format that lacks something ends with this line. */
#define PARTIAL_PREFIX "# vmcore-report: partial - "

struct emit_ctx {
	struct vr_program *prog;
	const char *path;	/* the output path being made */
	uint64_t id;		/* enumerated emitters: the id (pid, cpu, ...) */
	struct strbuf out;
	bool stub;
	char reason[1024];
};

struct emitter {
	const char *path;	/* "proc/version", "proc/{pid}/comm" */
	const char *enumerator;	/* NULL, or the enumerator's name ("pid") */
	struct vr_error *(*emit)(struct emit_ctx *ctx);
	bool planned;		/* a stub until it is written: --list says so */
};

/* Ids for an enumerated path, sorted ascending. */
struct enumerator {
	const char *name;	/* "pid" */
	struct vr_error *(*list)(struct vr_program *prog, uint64_t **ids,
				 size_t *count);
	/*
	 * Optional: id_name(): what the {placeholder} @part (0 the first, 1 the
	 * second) of @id shows instead of the number, e.g. a module's name
	 * for "sys/module/{module}/refcnt".  NULL: the numbers.
	 */
	struct vr_error *(*id_name)(struct vr_program *prog, uint64_t id,
				    unsigned int part, char *buf, size_t size);
};

#define EMITTER(var)							\
	static const struct emitter *const vr_emitter_ptr_##var		\
	__attribute__((used, section("vr_emitters"), aligned(sizeof(void *)))) = &(var)

#define ENUMERATOR(var)							\
	static const struct enumerator *const vr_enumerator_ptr_##var	\
	__attribute__((used, section("vr_enumerators"), aligned(sizeof(void *)))) = &(var)

/* Mark the file a stub with a reason; returns NULL for "return emit_stub()". */
struct vr_error *emit_stub(struct emit_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* All emitters, sorted by path, in an array the caller frees. */
const struct emitter *const *emitters_sorted(size_t *count);
const struct enumerator *enumerator_find(const char *name);

#endif
