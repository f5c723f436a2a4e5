// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/<pid>/oom_score: fs/proc/base.c proc_oom_score(), the badness of
 * mm/oom_kill.c oom_badness() scaled to 0..2000:
 *
 *	totalpages = totalram_pages() + total_swap_pages
 *	points = (1000 + badness * 1000 / totalpages) * 2 / 3
 *
 * and 0 for a task the OOM killer never picks (LONG_MIN badness).  The
 * badness (the same in v5.9 through v6.12, since it counts pages, not
 * the 0..1000 of before v5.9) is rss + swap entries + page tables in
 * pages, plus oom_score_adj * totalpages / 1000.
 */
#include <limits.h>

#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/mm.h"
#include "vr/task_info.h"

/* include/uapi/linux/oom.h */
#define OOM_SCORE_ADJ_MIN	(-1000)
/* include/linux/sched/coredump.h (the same bit v4.8 - v6.12) */
#define MMF_OOM_SKIP		21

/*
 * find_lock_task_mm(): the first thread of @p's group that has an mm
 * (kernel threads were excluded before); false if none.
 */
static bool find_task_mm(struct kobj p, struct kobj *t, struct vr_error **err)
{
	struct list_iter it;

	for_each_thread(&it, *t, p) {
		if (kobj_member_u64(*t, "mm", err) || *err)
			return !*err;
	}
	if (it.err)
		*err = it.err;
	return false;
}

/* in_vfork(): a vfork child still sharing its parent's mm. */
static bool in_vfork(struct kobj t, struct vr_error **err)
{
	uint64_t mm = kobj_member_u64(t, "mm", err);

	return kobj_member_u64(t, "vfork_done", err) &&
	       kobj_member_u64(t, "real_parent->mm", err) == mm;
}

/* mm_pgtables_bytes(): mm->pgtables_bytes (v4.14+) in pages. */
static uint64_t mm_pgtables_pages(struct kobj mm, struct vr_error **err)
{
	if (!*err && !kobj_has_member(mm.prog, "struct mm_struct",
				      "pgtables_bytes"))
		*err = vr_error_create(VR_ERR_UNSUPPORTED, "no "
				       "mm->pgtables_bytes (before v4.14)");
	return kobj_member_u64(mm, "pgtables_bytes", err) /
	       mm.prog->page_size;
}

/* oom_badness(): false for LONG_MIN (never picked). */
static bool oom_badness(struct kobj p, int64_t totalpages, int64_t *points,
			struct vr_error **err)
{
	uint64_t flags = kobj_member_u64(p, "flags", err);
	struct kobj t, mm;
	int64_t adj;

	/* oom_unkillable_task(): is_global_init() or a kernel thread */
	if (*err || (flags & PF_KTHREAD) ||
	    task_pid_nr_init(p, PIDTYPE_TGID, err) == 1)
		return false;
	if (*err || !find_task_mm(p, &t, err))
		return false;
	mm = kobj_deref(kobj_member(t, "mm"));
	adj = kobj_member_s64(t, "signal->oom_score_adj", err);
	if (*err || adj == OOM_SCORE_ADJ_MIN ||
	    (kobj_member_u64(mm, "flags", err) & (1ULL << MMF_OOM_SKIP)) ||
	    in_vfork(t, err))
		return false;
	*points = (int64_t)(get_mm_rss(mm, err) +
			    get_mm_counter(mm, MM_SWAPENTS, err) +
			    mm_pgtables_pages(mm, err));
	/* Normalize to oom_score_adj units */
	*points += adj * (totalpages / 1000);
	return !*err;
}

static struct vr_error *emit_oom_score(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj task = find_task(prog, ctx->id);
	struct kobj swap = kobj_var(prog, "total_swap_pages");
	struct vr_error *err = NULL;
	int64_t totalpages, badness, points = 0;

	if (!kobj_ok(&task))
		return kobj_error(&task);
	totalpages = (int64_t)totalram_pages(prog, &err);
	/* total_swap_pages: CONFIG_SWAP */
	if (kobj_ok(&swap))
		totalpages += mm_read_long(swap, &err);
	if (!err && totalpages <= 0)
		err = vr_error_create(VR_ERR_CORRUPT, "no RAM pages");
	if (!err && oom_badness(task, totalpages, &badness, &err))
		points = (1000 + badness * 1000 / totalpages) * 2 / 3;
	if (err)
		return err;
	strbuf_printf(&ctx->out, "%lu\n", (unsigned long)points);
	return NULL;
}

static const struct emitter proc_pid_oom_score = {
	.path = "proc/{pid}/oom_score",
	.enumerator = "pid",
	.emit = emit_oom_score,
};
EMITTER(proc_pid_oom_score);
