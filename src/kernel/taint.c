// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's taint state (kernel/panic.c): tainted_mask, a bit per
 * TAINT_* flag, and the table print_tainted() turns it into letters with.
 *
 * The table changed over the versions:
 * - v2.6.28 - v4.9: static const struct tnt tnts[] { u8 bit; char true;
 *   char false; }, in print order, each entry naming its bit;
 * - v4.10+: const struct taint_flag taint_flags[TAINT_FLAGS_COUNT]
 *   (commit 7fd8329ba502, "taint/module: Clean up global and module taint
 *   flags handling"), indexed by bit, { char c_true; char c_false; bool
 *   module; } (the letters were members true and false in that commit,
 *   renamed before the release as a module could #define true);
 * - v6.11+: taint_flag also has const char *desc, the flag's name, for
 *   print_tainted_verbose().
 */
#include <string.h>

#include "vr/panic.h"

static struct vr_error *read_char(struct kobj o, const char *member, char *c)
{
	uint64_t v;
	struct vr_error *err = kobj_read_u64(kobj_member(o, member), &v);

	if (err)
		return err;
	*c = (char)v;
	return NULL;
}

/* The number of entries of a table variable, checked against our bound. */
static struct vr_error *table_length(struct kobj table, unsigned int *n)
{
	const struct vr_type *t;

	if (!kobj_ok(&table))
		return kobj_error(&table);
	t = vr_type_unqualified(table.type);
	if (t->kind != VR_TYPE_ARRAY || !t->length)
		return vr_error_create(VR_ERR_TYPE,
				       "the taint table is not a sized array");
	if (t->length > TAINT_FLAGS_MAX)
		return vr_error_create(VR_ERR_CORRUPT,
				       "%llu taint flags, more than the %d bits of tainted_mask",
				       (unsigned long long)t->length,
				       TAINT_FLAGS_MAX);
	*n = (unsigned int)t->length;
	return NULL;
}

/* taint_flag.module, and .desc (v6.11+; "" if unset). */
static struct vr_error *read_flag_details(struct kobj f, bool has_desc,
					  struct taint_flag *tf)
{
	uint64_t module = 0, desc = 0;
	struct vr_error *err = kobj_read_u64(kobj_member(f, "module"), &module);

	tf->module = module != 0;
	if (!err && has_desc)
		err = kobj_read_u64(kobj_member(f, "desc"), &desc);
	if (!err && desc)
		err = kobj_read_cstr(kobj_member(f, "desc"), tf->desc,
				     sizeof(tf->desc));
	return err;
}

/* v4.10+: taint_flags[], indexed by bit. */
static struct vr_error *read_taint_flags(struct vr_program *prog,
					 struct taint_state *ts)
{
	struct kobj table = kobj_var(prog, "taint_flags");
	/* v4.10-rc1 named the letters true and false. */
	bool c_names = kobj_has_member(prog, "struct taint_flag", "c_true");
	bool has_desc = kobj_has_member(prog, "struct taint_flag", "desc");
	struct vr_error *err = table_length(table, &ts->count);

	for (unsigned int i = 0; !err && i < ts->count; i++) {
		struct kobj f = kobj_index(table, i);
		struct taint_flag *tf = &ts->flags[i];

		tf->bit = i;
		err = read_char(f, c_names ? "c_true" : "true", &tf->c_true);
		/*
		 * Without DWARF the array's length is the symbol's extent,
		 * which can take in the padding after the table: no flag
		 * has a NUL letter.
		 */
		if (!err && !tf->c_true) {
			ts->count = i;
			break;
		}
		if (!err)
			err = read_char(f, c_names ? "c_false" : "false",
					&tf->c_false);
		if (!err)
			err = read_flag_details(f, has_desc, tf);
	}
	return err;
}

/*
 * v2.6.28 - v4.9: tnts[], in print order, each entry with its bit (in bit
 * order upstream; distribution kernels append flags of higher bits).
 */
static struct vr_error *read_tnts(struct vr_program *prog,
				  struct taint_state *ts)
{
	struct kobj table = kobj_var(prog, "tnts");
	struct vr_error *err = table_length(table, &ts->count);

	for (unsigned int i = 0; !err && i < ts->count; i++) {
		struct kobj t = kobj_index(table, i);
		uint64_t bit = 0;

		err = read_char(t, "true", &ts->flags[i].c_true);
		if (!err && !ts->flags[i].c_true) {	/* padding, as above */
			ts->count = i;
			break;
		}
		if (!err)
			err = kobj_read_u64(kobj_member(t, "bit"), &bit);
		if (!err && bit >= TAINT_FLAGS_MAX)
			err = vr_error_create(VR_ERR_CORRUPT,
					      "tnts[%u] is for bit %llu", i,
					      (unsigned long long)bit);
		ts->flags[i].bit = (unsigned int)bit;
		if (!err)
			err = read_char(t, "false", &ts->flags[i].c_false);
	}
	return err;
}

struct vr_error *taint_state_read(struct vr_program *prog,
				  struct taint_state *ts)
{
	struct vr_error *err;

	memset(ts, 0, sizeof(*ts));
	err = kobj_read_u64(kobj_var(prog, "tainted_mask"), &ts->mask);
	if (err)
		return vr_error_wrap(err, "tainted_mask");
	if (kobj_has_symbol(prog, "taint_flags"))
		err = read_taint_flags(prog, ts);
	else
		err = read_tnts(prog, ts);
	if (err)
		return vr_error_wrap(err, "taint flags");
	return NULL;
}

void taint_letters(const struct taint_state *ts, struct strbuf *out)
{
	for (unsigned int i = 0; i < ts->count; i++) {
		const struct taint_flag *tf = &ts->flags[i];

		strbuf_putc(out, ts->mask >> tf->bit & 1 ? tf->c_true :
			    tf->c_false);
	}
}

void print_tainted(const struct taint_state *ts, struct strbuf *out)
{
	if (!ts->mask) {
		strbuf_puts(out, "Not tainted");
		return;
	}
	strbuf_puts(out, "Tainted: ");
	taint_letters(ts, out);
}

/* Documentation/admin-guide/tainted-kernels.rst, "Table for decoding". */
static const char *const taint_meanings[] = {
	"proprietary module was loaded",			/* 0 P */
	"module was force loaded",				/* 1 F */
	"kernel running on an out of specification system",	/* 2 S */
	"module was force unloaded",				/* 3 R */
	"processor reported a Machine Check Exception (MCE)",	/* 4 M */
	"bad page referenced or some unexpected page flags",	/* 5 B */
	"taint requested by userspace application",		/* 6 U */
	"kernel died recently, i.e. there was an OOPS or BUG",	/* 7 D */
	"ACPI table overridden by user",				/* 8 A */
	"kernel issued warning",				/* 9 W */
	"staging driver was loaded",				/* 10 C */
	"workaround for bug in platform firmware applied",	/* 11 I */
	"externally-built (\"out-of-tree\") module was loaded",	/* 12 O */
	"unsigned module was loaded",				/* 13 E */
	"soft lockup occurred",					/* 14 L */
	"kernel has been live patched",				/* 15 K */
	"auxiliary taint, defined for and used by distros",	/* 16 X */
	"kernel was built with the struct randomization plugin",	/* 17 T */
	"an in-kernel test has been run",			/* 18 N, v6.0+ */
	"userspace used a mutating debug operation in fwctl",	/* 19 J, v6.15+ */
};

const char *taint_flag_meaning(unsigned int bit)
{
	if (bit >= sizeof(taint_meanings) / sizeof(taint_meanings[0]))
		return NULL;
	return taint_meanings[bit];
}
