// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/locks: fs/locks.c locks_show() over file_lock_list (per-CPU
 * hlists, possible CPUs in order): each lock held, numbered from 1, and
 * below it the locks waiting on it ("-> "), as lock_get_status() prints
 * them.  Since v6.9 a lock's common fields are in struct file_lock_core
 * (flc_*, the first member c of struct file_lock and struct file_lease);
 * before, in struct file_lock (fl_*).  The reader is in the initial pid
 * namespace.
 */
#include <stdio.h>
#include <string.h>

#include "vr/emitter.h"
#include "vr/fs.h"
#include "vr/list.h"
#include "vr/percpu.h"
#include "vr/task_info.h"

/* include/linux/filelock.h (include/linux/fs.h before v6.3) */
#define FL_POSIX		1
#define FL_FLOCK		2
#define FL_DELEG		4
#define FL_ACCESS		8
#define FL_LEASE		32
#define FL_DOWNGRADE_PENDING	256
#define FL_UNLOCK_PENDING	512
#define FL_OFDLCK		1024
#define FL_LAYOUT		2048

/* include/uapi/asm-generic/fcntl.h */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#define OFFSET_MAX	INT64_MAX

/* Bounds: locks in one CPU's list, and waiters shown under one lock. */
#define LOCKS_MAX	(1U << 20)
#define WAITERS_MAX	(1U << 16)

struct lock_fields {
	const char *type;	/* "struct file_lock_core" or "struct file_lock" */
	char pid[16], flags[16], ltype[16], file[16], link[16];
	char blocked_requests[32], blocked_member[32], blocker[16];
};

static void lock_fields(struct vr_program *prog, struct lock_fields *f)
{
	const char *p = "fl_";

	/* v6.9+ */
	f->type = "struct file_lock";
	if (kobj_sizeof(prog, "struct file_lock_core")) {
		f->type = "struct file_lock_core";
		p = "flc_";
	}
	snprintf(f->pid, sizeof(f->pid), "%spid", p);
	snprintf(f->flags, sizeof(f->flags), "%sflags", p);
	snprintf(f->ltype, sizeof(f->ltype), "%stype", p);
	snprintf(f->file, sizeof(f->file), "%sfile", p);
	snprintf(f->link, sizeof(f->link), "%slink", p);
	snprintf(f->blocked_requests, sizeof(f->blocked_requests),
		 "%sblocked_requests", p);
	snprintf(f->blocked_member, sizeof(f->blocked_member),
		 "%sblocked_member", p);
	snprintf(f->blocker, sizeof(f->blocker), "%sblocker", p);
}

/* locks_translate_pid() for the initial pid namespace. */
static int64_t locks_translate_pid(const struct lock_fields *f,
				   struct kobj fl, struct vr_error **err)
{
	uint64_t flags = kobj_member_u64(fl, f->flags, err);

	if (flags & FL_OFDLCK)
		return -1;
	return (int32_t)kobj_member_s64(fl, f->pid, err);
}

static void lock_get_status(struct strbuf *out, const struct lock_fields *f,
			    struct kobj fl, uint64_t id, const char *pfx,
			    int repeat, struct vr_error **err)
{
	struct vr_program *prog = fl.prog;
	int64_t pid = locks_translate_pid(f, fl, err);
	uint64_t flags = kobj_member_u64(fl, f->flags, err);
	uint64_t type = kobj_member_u64(fl, f->ltype, err);
	uint64_t file = kobj_member_u64(fl, f->file, err);
	uint64_t inode = 0;

	if (file)
		inode = kobj_member_u64(kobj_at(prog, "struct file", file),
					"f_inode", err);
	if (*err)
		return;
	strbuf_printf(out, "%lld: ", (long long)id);
	if (repeat)
		strbuf_printf(out, "%*s", repeat - 1 + (int)strlen(pfx), pfx);
	if (flags & FL_POSIX) {
		if (flags & FL_ACCESS)
			strbuf_puts(out, "ACCESS");
		else if (flags & FL_OFDLCK)
			strbuf_puts(out, "OFDLCK");
		else
			strbuf_puts(out, "POSIX ");
		strbuf_printf(out, " %s ", inode ? "ADVISORY " : "*NOINODE*");
	} else if (flags & FL_FLOCK) {
		strbuf_puts(out, "FLOCK  ADVISORY  ");
	} else if (flags & (FL_LEASE | FL_DELEG | FL_LAYOUT)) {
		/* target_leasetype() */
		if (flags & FL_UNLOCK_PENDING)
			type = F_UNLCK;
		else if (flags & FL_DOWNGRADE_PENDING)
			type = F_RDLCK;
		strbuf_puts(out, flags & FL_DELEG ? "DELEG  " : "LEASE  ");
		/* lease_breaking() */
		if (flags & (FL_UNLOCK_PENDING | FL_DOWNGRADE_PENDING))
			strbuf_puts(out, "BREAKING  ");
		else if (file)
			strbuf_puts(out, "ACTIVE    ");
		else
			strbuf_puts(out, "BREAKER   ");
	} else {
		strbuf_puts(out, "UNKNOWN UNKNOWN  ");
	}
	strbuf_printf(out, "%s ", type == F_WRLCK ? "WRITE" :
		      type == F_RDLCK ? "READ" : "UNLCK");
	if (inode) {
		struct kobj i = kobj_at(prog, "struct inode", inode);
		uint64_t dev = kobj_member_u64(i, "i_sb->s_dev", err);
		uint64_t ino = kobj_member_u64(i, "i_ino", err);

		/* userspace relies on this representation of dev_t */
		strbuf_printf(out, "%d %02x:%02x:%llu ", (int)pid,
			      vr_major(dev), vr_minor(dev),
			      (unsigned long long)ino);
	} else {
		strbuf_printf(out, "%d <none>:0 ", (int)pid);
	}
	if (flags & FL_POSIX) {
		/* file_lock(flc): the core is the first member */
		struct kobj lock = kobj_at(prog, "struct file_lock",
					   kobj_addr(&fl));
		int64_t start = kobj_member_s64(lock, "fl_start", err);
		int64_t end = kobj_member_s64(lock, "fl_end", err);

		if (end == OFFSET_MAX)
			strbuf_printf(out, "%lld EOF\n", (long long)start);
		else
			strbuf_printf(out, "%lld %lld\n", (long long)start,
				      (long long)end);
	} else {
		strbuf_puts(out, "0 EOF\n");
	}
}

/* The first waiter on @fl, 0 if none (list_first_entry_or_null). */
static uint64_t first_waiter(const struct lock_fields *f, struct kobj fl,
			     uint64_t member_off, struct vr_error **err)
{
	struct kobj head = kobj_member(fl, f->blocked_requests);
	uint64_t next = kobj_member_u64(head, "next", err);

	if (*err || next == kobj_addr(&head))
		return 0;
	return next - member_off;
}

/* get_next_blocked_member() */
static uint64_t next_blocked_member(const struct lock_fields *f,
				    struct kobj node, uint64_t member_off,
				    struct vr_error **err)
{
	struct vr_program *prog = node.prog;
	uint64_t blocker = kobj_member_u64(node, f->blocker, err);
	uint64_t next, head;
	struct kobj b;

	if (*err || !blocker)
		return 0;
	next = kobj_member_u64(node, f->blocked_member, err) - member_off;
	b = kobj_member(kobj_at(prog, f->type, blocker), f->blocked_requests);
	head = kobj_addr(&b);
	if (*err || next + member_off == head || next == kobj_addr(&node))
		return 0;
	return next;
}

/* locks_show(): the lock and the tree of its waiters, depth first. */
static struct vr_error *locks_show(struct strbuf *out,
				   const struct lock_fields *f,
				   struct kobj root, uint64_t id)
{
	struct vr_program *prog = root.prog;
	struct vr_error *err = NULL;
	uint64_t member_off, cur = kobj_addr(&root);
	int level = 0;

	if (!kobj_offsetof(prog, f->type, f->blocked_member, &member_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no %s.%s", f->type,
				       f->blocked_member);
	if (locks_translate_pid(f, root, &err) == 0 || err)
		return err;
	for (unsigned int n = 0; cur && !err; n++) {
		struct kobj c = kobj_at(prog, f->type, cur);
		uint64_t left;

		if (n >= WAITERS_MAX)
			return vr_error_create(VR_ERR_LIMIT,
					       "more than %u waiters",
					       WAITERS_MAX);
		lock_get_status(out, f, c, id, level ? "-> " : "", level, &err);
		left = first_waiter(f, c, member_off, &err);
		if (left) {
			cur = left;
			level++;
			continue;
		}
		cur = next_blocked_member(f, c, member_off, &err);
		while (!cur && !err && level > 0) {
			uint64_t up = kobj_member_u64(c, f->blocker, &err);

			if (!up)
				break;
			c = kobj_at(prog, f->type, up);
			level--;
			cur = next_blocked_member(f, c, member_off, &err);
		}
	}
	return err;
}

static struct vr_error *emit_locks(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct kobj list = kobj_var(prog, "file_lock_list");
	struct cpumask_set possible;
	struct lock_fields f;
	struct vr_error *err;
	uint64_t link_off, id = 1;
	unsigned int cpu;

	if (!kobj_ok(&list))
		return kobj_error(&list);
	lock_fields(prog, &f);
	if (!kobj_offsetof(prog, f.type, f.link, &link_off))
		return vr_error_create(VR_ERR_NOT_FOUND, "no %s.%s", f.type,
				       f.link);
	err = cpu_possible_mask(prog, &possible);
	for_each_cpu(cpu, &possible) {
		struct kobj head = kobj_member(per_cpu(list, cpu), "hlist");
		struct list_iter it;
		struct kobj fl;
		unsigned int n = 0;

		if (err)
			break;
		if (!kobj_ok(&head))
			return kobj_error(&head);
		hlist_for_each_entry(&it, fl, prog, kobj_addr(&head), f.type,
				     f.link) {
			if (n++ >= LOCKS_MAX)
				err = vr_error_create(VR_ERR_LIMIT,
						      "more than %u locks",
						      LOCKS_MAX);
			else
				err = locks_show(&ctx->out, &f, fl, id++);
			if (err)
				break;
		}
		if (err)
			vr_error_destroy(it.err);
		else
			err = it.err;
	}
	return err;
}

static const struct emitter proc_locks = {
	.path = "proc/locks",
	.emit = emit_locks,
};
EMITTER(proc_locks);
