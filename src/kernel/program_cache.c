// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the program makes once and keeps (see vr/program.h): the
 * symbolizer (the kernel's and the modules' symbols, the module text
 * table) and the unwinder (unwind data, the CPUs' registers), both read
 * from a dump that does not change.  Neither holds state of one use: a
 * trace lives in its struct unwind_trace.
 */
#include "vr/program.h"
#include "vr/symbolize.h"
#include "vr/unwind.h"

struct vr_error *vr_program_symbolizer(struct vr_program *prog,
				       struct symbolizer **ret)
{
	struct vr_error *err;

	if (!prog->symbolizer) {
		err = symbolizer_create(prog, &prog->symbolizer);
		if (err)
			return err;
	}
	*ret = prog->symbolizer;
	return NULL;
}

struct vr_error *vr_program_unwinder(struct vr_program *prog,
				     struct unwinder **ret)
{
	struct vr_error *err;

	if (!prog->unwinder) {
		err = unwinder_create(prog, &prog->unwinder);
		if (err)
			return err;
	}
	*ret = prog->unwinder;
	return NULL;
}
