// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Files the report will have but does not reconstruct yet.  Each is listed
 * (so --list and the manifest show the plan) and written as a stub that
 * says so.  An entry leaves this table when its own emitter file lands.
 */
#include "vr/emitter.h"

/* Unused while the table is empty. */
static __attribute__((unused)) struct vr_error *
emit_planned(struct emit_ctx *ctx)
{
	return emit_stub(ctx, "not implemented yet in vmcore-report %s",
			 VR_VERSION);
}

#define PLANNED(var, p, e)						\
	static const struct emitter var = {				\
		.path = p,						\
		.enumerator = e,					\
		.emit = emit_planned,					\
		.planned = true,					\
	};								\
	EMITTER(var)

