// SPDX-License-Identifier: GPL-2.0-or-later
/* Enumerators of ids for enumerated paths. */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

static const struct enumerator pid_enumerator = {
	.name = "pid",
	.list = for_each_process_pids,
};
ENUMERATOR(pid_enumerator);

/* Threads as tgid << 32 | tid: proc/{pid}/task/{tid}/ paths. */
static const struct enumerator tid_enumerator = {
	.name = "tid",
	.list = for_each_thread_ids,
};
ENUMERATOR(tid_enumerator);
