// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/statm: fs/proc/array.c proc_pid_statm() with
 * fs/proc/task_mmu.c task_statm(), in pages: size resident shared text
 * 0 data 0.
 */
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/task_info.h"

static struct vr_error *emit_statm(struct emit_ctx *ctx)
{
	struct kobj task = find_task(ctx->prog, ctx->id);
	uint64_t psize = ctx->prog->page_size;
	uint64_t size, shared, text, data, resident, start_code, end_code;
	struct vr_error *err = NULL;
	struct kobj mm;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	if (!get_task_mm(task, &mm, &err)) {
		if (!err)
			strbuf_puts(&ctx->out, "0 0 0 0 0 0 0\n");
		return err;
	}
	/* get_mm_counter_sum() as task_mem() (see status.c) */
	shared = get_mm_counter_sum(mm, MM_FILEPAGES, &err) +
		 get_mm_counter_sum(mm, MM_SHMEMPAGES, &err);
	start_code = kobj_member_u64(mm, "start_code", &err);
	end_code = kobj_member_u64(mm, "end_code", &err);
	text = (((end_code + psize - 1) & ~(psize - 1)) -
		(start_code & ~(psize - 1))) / psize;
	data = kobj_member_u64(mm, "data_vm", &err) +
	       kobj_member_u64(mm, "stack_vm", &err);
	resident = shared + get_mm_counter_sum(mm, MM_ANONPAGES, &err);
	size = kobj_member_u64(mm, "total_vm", &err);
	if (err)
		return err;
	strbuf_printf(&ctx->out, "%llu %llu %llu %llu 0 %llu 0\n",
		      (unsigned long long)size, (unsigned long long)resident,
		      (unsigned long long)shared, (unsigned long long)text,
		      (unsigned long long)data);
	return NULL;
}

static const struct emitter proc_pid_statm = {
	.path = "proc/{pid}/statm",
	.enumerator = "pid",
	.emit = emit_statm,
};
EMITTER(proc_pid_statm);
