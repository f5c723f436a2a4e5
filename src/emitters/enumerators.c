// SPDX-License-Identifier: GPL-2.0-or-later
/* Enumerators of ids for enumerated paths. */
#include "vr/emitter.h"
#include "vr/kernel.h"

static const struct enumerator pid_enumerator = {
	.name = "pid",
	.list = for_each_process_pids,
};
ENUMERATOR(pid_enumerator);
