// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Types and symbols from a real vmlinux (the first x86_64 fixture in the
 * cache), checked against layouts fixed by the kernel's ABI and source:
 * struct list_head is two pointers, struct new_utsname six char[65], ...
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "vr/debuginfo.h"

static struct vr_debuginfo *dbg;

static const char *find_vmlinux(void)
{
	static char path[4096];
	const char *cache = getenv("VMCORE_FIXTURES_CACHE");
	const char *names[] = { "x86_64-bookworm", "x86_64-trixie",
				"x86_64-bookworm-4l" };
	char base[3000];

	if (cache)
		snprintf(base, sizeof(base), "%s", cache);
	else
		snprintf(base, sizeof(base), "%s/.cache/vmcore-fixtures",
			 getenv("HOME") ? getenv("HOME") : "/root");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/vmlinux", base, names[i]);
		if (access(path, R_OK) == 0)
			return path;
	}
	return NULL;
}

static const struct vr_type *type(const char *name)
{
	const struct vr_type *t = NULL;
	struct vr_error *err = vr_debuginfo_find_type(dbg, name, &t);

	if (err) {
		fprintf(stderr, "  %s: %s\n", name, err->message);
		vr_error_destroy(err);
	}
	return t;
}

static uint64_t member_offset(const struct vr_type *t, const char *name)
{
	uint64_t off = 0;

	t = vr_debuginfo_complete_type(dbg, t);
	if (!vr_type_find_member(t, name, strlen(name), &off))
		return ~0ULL;
	return off;
}

TEST(base_types)
{
	const struct vr_type *ul = type("unsigned long"), *l = type("long");
	const struct vr_type *c = type("char"), *b = type("bool");

	CHECK(ul && ul->kind == VR_TYPE_INT && ul->size == 8 && !ul->is_signed);
	CHECK(l && l->size == 8 && l->is_signed);
	CHECK(c && c->size == 1);
	CHECK(b && b->is_bool && b->size == 1);
	/* The same type twice costs a cache probe and gives the same object. */
	CHECK(type("unsigned long") == ul);
}

TEST(struct_layouts)
{
	const struct vr_type *lh = type("struct list_head");
	const struct vr_type *uts = type("struct new_utsname");
	const struct vr_member *m;
	uint64_t off = 0;

	CHECK(lh && lh->kind == VR_TYPE_STRUCT && lh->size == 16);
	CHECK_EQ_U64(member_offset(lh, "next"), 0);
	CHECK_EQ_U64(member_offset(lh, "prev"), 64);
	/* include/uapi/linux/utsname.h: six char[__NEW_UTS_LEN + 1 = 65]. */
	CHECK(uts && uts->size == 6 * 65);
	CHECK_EQ_U64(member_offset(uts, "release"), 2 * 65 * 8);
	CHECK_EQ_U64(member_offset(uts, "domainname"), 5 * 65 * 8);
	m = vr_type_find_member(uts, "machine", 7, &off);
	CHECK(m && m->type->kind == VR_TYPE_ARRAY && m->type->length == 65 &&
	      m->type->size == 65);
	CHECK(vr_type_find_member(uts, "nosuch", 6, &off) == NULL);
}

TEST(pointers_typedefs_variables)
{
	const struct vr_type *p = type("struct task_struct *");
	const struct vr_type *pgd = type("pgd_t");
	const struct vr_type *v = NULL;
	char name[128];

	CHECK(p && p->kind == VR_TYPE_POINTER && p->size == 8 &&
	      p->target && strcmp(p->target->name, "task_struct") == 0);
	/* arch/x86/include/asm/pgtable_types.h: typedef struct { pgdval_t pgd; } pgd_t; */
	CHECK(pgd && pgd->kind == VR_TYPE_TYPEDEF && vr_type_sizeof(pgd) == 8);
	CHECK_OK(vr_debuginfo_variable_type(dbg, "init_uts_ns", &v));
	CHECK(v && v->kind == VR_TYPE_STRUCT &&
	      strcmp(v->name, "uts_namespace") == 0);
	CHECK_STREQ(vr_type_name(p, name, sizeof(name)), "struct task_struct *");
	CHECK_ERR(vr_debuginfo_variable_type(dbg, "no_such_variable", &v),
		  VR_ERR_NOT_FOUND);
	CHECK_ERR(vr_debuginfo_find_type(dbg, "struct no_such_struct", &v),
		  VR_ERR_NOT_FOUND);
}

TEST(anonymous_members_and_bitfields)
{
	const struct vr_type *page = type("struct page");
	const struct vr_type *task = type("struct task_struct");
	const struct vr_member *m;
	uint64_t off = 0;

	/* struct page: flags, then a union of anonymous structs holding lru. */
	CHECK_EQ_U64(member_offset(page, "flags"), 0);
	CHECK_EQ_U64(member_offset(page, "lru"), 64);
	CHECK(page && page->size == 64);
	/* unsigned sched_reset_on_fork:1 in struct task_struct. */
	m = vr_type_find_member(vr_debuginfo_complete_type(dbg, task),
				"sched_reset_on_fork", 19, &off);
	CHECK(m && m->bit_size == 1);
}

TEST(enums)
{
	const struct vr_type *e = type("enum zone_stat_item");
	int64_t v = -1;

	/* include/linux/mmzone.h: NR_FREE_PAGES is the first item. */
	CHECK(e && e->kind == VR_TYPE_ENUM);
	CHECK(vr_type_enum_value(e, "NR_FREE_PAGES", &v) && v == 0);
	CHECK_STREQ(vr_type_enum_name(e, 0), "NR_FREE_PAGES");
	/*
	 * include/linux/irq.h: IRQD_LEVEL is BIT(13) in an anonymous enum
	 * (v4.x through 6.12); MOD_TEXT is 0 in enum mod_mem_type (v6.4+)
	 * and absent in 6.1.
	 */
	CHECK_OK(vr_debuginfo_constant(dbg, "IRQD_LEVEL", &v));
	CHECK_EQ_U64(v, 1 << 13);
	CHECK_OK(vr_debuginfo_constant(dbg, "NR_FREE_PAGES", &v));
	CHECK_EQ_U64(v, 0);
	CHECK_ERR(vr_debuginfo_constant(dbg, "NO_SUCH_CONSTANT_X", &v),
		  VR_ERR_NOT_FOUND);
	/*
	 * enum cpuhp_state: CPUHP_ONLINE is the last state, well above 127
	 * (236 on 6.12), stored by GCC in one byte: it must not come back
	 * sign-extended.  CPUHP_OFFLINE is 0.
	 */
	CHECK_OK(vr_debuginfo_constant(dbg, "CPUHP_ONLINE", &v));
	CHECK(v > 127);
	CHECK_OK(vr_debuginfo_constant(dbg, "CPUHP_OFFLINE", &v));
	CHECK_EQ_U64(v, 0);
}

TEST(symbols)
{
	struct vr_symbol s, at;

	CHECK_OK(vr_debuginfo_symbol(dbg, "init_uts_ns", &s));
	/* Link-time addresses of the x86_64 kernel image. */
	CHECK(s.addr >= 0xffffffff80000000ULL);
	CHECK_OK(vr_debuginfo_symbol_at(dbg, s.addr + 5, &at));
	CHECK_STREQ(at.name, "init_uts_ns");
	CHECK_OK(vr_debuginfo_symbol(dbg, "start_kernel", &s));
	CHECK(s.is_function);
	CHECK_ERR(vr_debuginfo_symbol(dbg, "no_such_symbol_x", &s),
		  VR_ERR_NOT_FOUND);
}

int main(void)
{
	const char *path = find_vmlinux();
	struct vr_error *err;

	if (!path) {
		printf("######## no x86_64 fixture vmlinux: test_dwarf SKIPPED ########\n");
		printf("0 passed, 0 failed\n");
		return 0;
	}
	err = vr_debuginfo_open(path, &dbg);
	if (err) {
		printf("%s: %s\n0 passed, 1 failed\n", path, err->message);
		return 1;
	}
	static const struct test_case cases[] = {
		T(base_types), T(struct_layouts), T(pointers_typedefs_variables),
		T(anonymous_members_and_bitfields), T(enums), T(symbols),
	};
	int passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int f = 0;

		cases[i].fn(&f);
		printf("%s %s\n", f ? "FAIL" : "ok  ", cases[i].name);
		f ? failed++ : passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	vr_debuginfo_close(dbg);
	return failed != 0;
}
