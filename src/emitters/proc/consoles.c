// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/consoles: fs/proc/consoles.c show_console_dev() for each
 * registered console (console_drivers through ->next before v6.2, the
 * hlist console_list since): name and index padded to 20 columns, R/W/U
 * for its methods, the flags, and the tty device its ->device() gives.
 *
 * ->device() is a function: the known ones are read as they compute it
 * (uart_console_device, hvc_console_device, sclp_console_device,
 * sclp_vt220_con_device, vt_console_device, ttynull_device); a console
 * with another one is named on a partial line and printed without its
 * device.
 */
#include <string.h>

#include "vr/emitter.h"
#include "vr/list.h"
#include "vr/task_info.h"

/* Bound on the registered consoles. */
#define CONSOLES_MAX	1024

/* MKDEV() of include/linux/kdev_t.h */
#define MINORBITS	20

/* The con->device functions we read, by name. */
enum console_device_fn {
	DEV_UART, DEV_HVC, DEV_SCLP, DEV_SCLP_VT220, DEV_VT, DEV_TTYNULL,
	NR_DEVICE_FNS
};

static const char *const device_fn_names[NR_DEVICE_FNS] = {
	[DEV_UART] = "uart_console_device",
	[DEV_HVC] = "hvc_console_device",
	[DEV_SCLP] = "sclp_console_device",
	[DEV_SCLP_VT220] = "sclp_vt220_con_device",
	[DEV_VT] = "vt_console_device",
	[DEV_TTYNULL] = "ttynull_device",
};

/* A pointer variable's value (0 if it does not exist). */
static uint64_t pointer_var(struct vr_program *prog, const char *name,
			    struct vr_error **err)
{
	struct kobj v = kobj_var(prog, name);

	if (!kobj_ok(&v))
		return 0;
	return kobj_member_u64(v, "", err);
}

/*
 * con->device(con, &index): the tty driver (0 for none) and the index;
 * *known is false for a function we do not know.
 */
static uint64_t console_device(struct kobj con, uint64_t fn, int64_t *index,
			       bool *known, struct vr_error **err)
{
	struct vr_program *prog = con.prog;
	int64_t con_index = kobj_member_s64(con, "index", err);
	unsigned int i;

	*known = true;
	for (i = 0; i < NR_DEVICE_FNS; i++) {
		uint64_t addr;
		struct vr_error *e = vr_program_symbol(prog,
						       device_fn_names[i],
						       &addr);

		vr_error_destroy(e);
		if (!e && addr == fn)
			break;
	}
	*index = con_index;
	switch (i) {
	case DEV_UART:
		/* ((struct uart_driver *)co->data)->tty_driver */
		return kobj_member_u64(kobj_cast(kobj_member(con, "data"),
			"struct uart_driver *"), "tty_driver", err);
	case DEV_HVC: {
		struct kobj vtermnos = kobj_var(prog, "vtermnos");

		if (con_index < 0 ||
		    kobj_member_s64(kobj_index(vtermnos, (uint64_t)con_index),
				    "", err) == -1)
			return 0;
		return pointer_var(prog, "hvc_driver", err);
	}
	case DEV_SCLP:
		return pointer_var(prog, "sclp_tty_driver", err);
	case DEV_SCLP_VT220:
		*index = 0;
		return pointer_var(prog, "sclp_vt220_driver", err);
	case DEV_VT:
		if (!con_index)
			*index = kobj_member_s64(kobj_var(prog, "fg_console"),
						 "", err);
		else
			*index = con_index - 1;
		return pointer_var(prog, "console_driver", err);
	case DEV_TTYNULL:
		*index = 0;
		return pointer_var(prog, "ttynull_driver", err);
	default:
		*known = false;
		return 0;
	}
}

static struct vr_error *show_console_dev(struct strbuf *out, struct kobj con,
					 struct strbuf *unknown)
{
	struct vr_program *prog = con.prog;
	/* CON_* are #defines before v6.2 (enum cons_flags since). */
	const struct {
		uint64_t flag;
		char name;
	} con_flags[] = {
		{ kobj_constant_or(prog, "CON_ENABLED", 4), 'E' },
		{ kobj_constant_or(prog, "CON_CONSDEV", 2), 'C' },
		{ kobj_constant_or(prog, "CON_BOOT", 8), 'B' },
		{ kobj_constant_or(prog, "CON_NBCON", 0), 'N' },	/* v6.6+ */
		{ kobj_constant_or(prog, "CON_PRINTBUFFER", 1), 'p' },
		{ kobj_constant_or(prog, "CON_BRL", 32), 'b' },
		{ kobj_constant_or(prog, "CON_ANYTIME", 16), 'a' },
	};
	uint64_t nbcon = con_flags[3].flag;
	struct vr_error *err = NULL;
	uint64_t flags = kobj_member_u64(con, "flags", &err);
	uint64_t rd = kobj_member_u64(con, "read", &err);
	uint64_t wr = kobj_member_u64(con, "write", &err);
	uint64_t unblank = kobj_member_u64(con, "unblank", &err);
	uint64_t device = kobj_member_u64(con, "device", &err);
	int64_t index = kobj_member_s64(con, "index", &err);
	uint64_t driver = 0;
	int64_t dev_index = 0;
	bool known = true;
	char name[32], fl[8];
	size_t start = out->len, n = 0;

	if (!err)
		err = kobj_read_cstr(kobj_member(con, "name"), name,
				     sizeof(name));
	if (!err && device)
		driver = console_device(con, device, &dev_index, &known, &err);
	if (err)
		return err;
	for (size_t i = 0; i < sizeof(con_flags) / sizeof(con_flags[0]); i++) {
		if (!con_flags[i].flag)
			continue;	/* no CON_NBCON before v6.6 */
		fl[n++] = flags & con_flags[i].flag ? con_flags[i].name : ' ';
	}
	fl[n] = '\0';
	/* seq_setwidth(m, 21 - 1); seq_pad(m, ' ') */
	strbuf_printf(out, "%s%lld", name, (long long)index);
	while (out->len - start < 20)
		strbuf_putc(out, ' ');
	strbuf_putc(out, ' ');
	strbuf_printf(out, "%c%c%c (%s)", rd ? 'R' : '-',
		      (flags & nbcon) || wr ? 'W' : '-', unblank ? 'U' : '-',
		      fl);
	if (driver) {
		struct kobj drv = kobj_at(prog, "struct tty_driver", driver);
		uint64_t major = kobj_member_u64(drv, "major", &err);
		uint64_t minor = kobj_member_u64(drv, "minor_start", &err);
		uint64_t dev = (major << MINORBITS) + minor + (uint64_t)dev_index;

		if (err)
			return err;
		if (dev)
			strbuf_printf(out, " %4u:%u",
				      (unsigned int)(dev >> MINORBITS),
				      (unsigned int)(dev & ((1U << MINORBITS) - 1)));
	}
	strbuf_putc(out, '\n');
	if (!known)
		strbuf_printf(unknown, "%s%s%lld", unknown->len ? ", " : "",
			      name, (long long)index);
	return NULL;
}

/* v6.2+: the hlist console_list, linked by con->node. */
static struct vr_error *show_console_list(struct vr_program *prog,
					  struct strbuf *out,
					  struct strbuf *unknown)
{
	struct kobj head = kobj_var(prog, "console_list");
	struct vr_error *err = NULL;
	struct list_iter it;
	struct kobj c;
	unsigned int n = 0;

	if (!kobj_ok(&head))
		return kobj_error(&head);
	hlist_for_each_entry(&it, c, prog, kobj_addr(&head), "struct console",
			     "node") {
		if (n++ >= CONSOLES_MAX)
			err = vr_error_create(VR_ERR_LIMIT,
					      "more than %d consoles",
					      CONSOLES_MAX);
		else
			err = show_console_dev(out, c, unknown);
		if (err)
			break;
	}
	if (err) {
		vr_error_destroy(it.err);
		return err;
	}
	return it.err;
}

static struct vr_error *emit_consoles(struct emit_ctx *ctx)
{
	struct vr_program *prog = ctx->prog;
	struct strbuf unknown = STRBUF_INIT;
	struct vr_error *err = NULL;
	uint64_t con;

	if (kobj_has_symbol(prog, "console_list")) {
		err = show_console_list(prog, &ctx->out, &unknown);
	} else {
		/* Before v6.2: console_drivers, linked by con->next. */
		con = kobj_member_u64(kobj_var(prog, "console_drivers"), "",
				      &err);
		for (unsigned int n = 0; con && !err; n++) {
			struct kobj c = kobj_at(prog, "struct console", con);

			if (n >= CONSOLES_MAX)
				return vr_error_create(VR_ERR_LIMIT,
						       "more than %d consoles",
						       CONSOLES_MAX);
			err = show_console_dev(&ctx->out, c, &unknown);
			con = kobj_member_u64(c, "next", &err);
		}
	}
	if (!err && unknown.len)
		strbuf_printf(&ctx->out, "# vmcore-report: partial - the tty "
			      "device of %s (an unknown ->device())\n",
			      unknown.buf);
	strbuf_free(&unknown);
	return err;
}

static const struct emitter proc_consoles = {
	.path = "proc/consoles",
	.emit = emit_consoles,
};
EMITTER(proc_consoles);
