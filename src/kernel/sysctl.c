// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text the sysctl handlers print for a variable (kernel/sysctl.c
 * do_proc_dointvec() and friends: values separated by '\t', a '\n' at
 * the end), see vr/sysctl.h.
 */
#include <stdio.h>
#include <string.h>

#include "vr/jiffies.h"
#include "vr/sysctl.h"
#include "vr/task_info.h"

/* UUID_SIZE */
#define UUID_SIZE	16

/* "var.member.path": the variable, then the member (if any). */
static struct kobj sysctl_data(struct vr_program *prog, const char *data)
{
	const char *dot = strchr(data, '.');
	char var[128];

	if (!dot)
		return kobj_var(prog, data);
	snprintf(var, sizeof(var), "%.*s", (int)(dot - data), data);
	return kobj_member(kobj_var(prog, var), dot + 1);
}

static struct vr_error *show_uuid(struct kobj o, struct strbuf *out)
{
	uint8_t u[UUID_SIZE];
	struct vr_error *err = kobj_read_bytes(o, u, sizeof(u));

	if (err)
		return err;
	/* proc_do_uuid() makes the boot id on its first read. */
	if (!u[8])
		return vr_error_create(VR_ERR_NOT_PRESENT,
				       "never read before the crash");
	for (int i = 0; i < UUID_SIZE; i++)
		strbuf_printf(out, "%s%02x",
			      i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "",
			      u[i]);
	strbuf_putc(out, '\n');
	return NULL;
}

/* sysrq_mask() */
static struct vr_error *show_sysrq(struct vr_program *prog, struct strbuf *out)
{
	struct vr_error *err = NULL;
	uint64_t always = kobj_member_u64(kobj_var(prog,
				"sysrq_always_enabled"), "", &err);
	int64_t enabled = kobj_member_s64(kobj_var(prog, "sysrq_enabled"), "",
					  &err);

	if (!err)
		strbuf_printf(out, "%d\n", always ? 1 : (int)enabled);
	return err;
}

struct vr_error *sysctl_show(struct vr_program *prog,
			     const struct sysctl_var *v, struct strbuf *out)
{
	struct kobj o = sysctl_data(prog, v->data);
	unsigned int n = v->count ? v->count : 1;
	struct vr_error *err = kobj_error(&o);
	unsigned int hz = 0;
	char buf[4096];

	if (err)
		return err;
	switch (v->fmt) {
	case SYSCTL_SYSRQ:
		return show_sysrq(prog, out);
	case SYSCTL_UUID:
		return show_uuid(o, out);
	case SYSCTL_STRING:
		err = kobj_read_cstr(o, buf, sizeof(buf));
		if (!err)
			strbuf_printf(out, "%s\n", buf);
		return err;
	case SYSCTL_JIFFIES:
		err = kernel_hz(prog, &hz);
		break;
	default:
		break;
	}
	for (unsigned int i = 0; i < n && !err; i++) {
		struct kobj e = v->count ? kobj_index(o, i) : o;
		uint64_t val = 0;

		/* sign-extended for signed types */
		err = kobj_read_u64(e, &val);
		if (err)
			break;
		if (i)
			strbuf_putc(out, '\t');
		switch (v->fmt) {
		case SYSCTL_UINT:
			strbuf_printf(out, "%u", (unsigned int)val);
			break;
		case SYSCTL_ULONG:
			strbuf_printf(out, "%llu", (unsigned long long)val);
			break;
		case SYSCTL_JIFFIES:
			strbuf_printf(out, "%d", (int)val / (int)hz);
			break;
		default:
			strbuf_printf(out, "%d", (int)val);
			break;
		}
	}
	if (!err)
		strbuf_putc(out, '\n');
	return err;
}
